//! Checks that `studyguide import` (both the Article and the Markdown
//! heuristics, plus writing the resulting bank as TOML) never panics on
//! arbitrary text. Non-UTF-8 bytes are replaced (lossy).
#![no_main]

use libfuzzer_sys::fuzz_target;
use studyguide::fuzzing;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = fuzzing::import(&text);
});
