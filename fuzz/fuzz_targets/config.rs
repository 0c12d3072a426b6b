//! Checks that config (`guide.toml`) parsing and validation, and question
//! bank parsing, never panic on arbitrary text: any input must yield `Ok` or
//! an error diagnostic. Non-UTF-8 bytes are replaced (lossy), so the parsers
//! see every kind of text, including U+FFFD.
#![no_main]

use libfuzzer_sys::fuzz_target;
use studyguide::fuzzing;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = fuzzing::config(&text);
    let _ = fuzzing::bank(&text);
});
