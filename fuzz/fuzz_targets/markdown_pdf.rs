//! Checks the whole Markdown → layout → PDF pipeline on arbitrary text: it
//! must not panic, and whenever it returns bytes they must be a PDF that
//! lopdf can parse back, with at least one page. Input is capped at 64 KB so
//! each run stays fast (the `quadratic` target covers growth with size).
#![no_main]

use libfuzzer_sys::fuzz_target;
use studyguide::fuzzing;

/// Longest input typeset, in bytes.
const MAX_INPUT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(pdf) = fuzzing::markdown(&text) {
        let doc = match lopdf::Document::load_mem(&pdf) {
            Ok(doc) => doc,
            Err(e) => panic!("typeset PDF ({} bytes) does not parse: {e}", pdf.len()),
        };
        assert!(
            !doc.get_pages().is_empty(),
            "typeset PDF ({} bytes) has no pages",
            pdf.len()
        );
    }
});
