//! Checks that rendering a user-supplied Handlebars template (through the
//! same strict registry and helpers as real builds, against the example
//! bank) never panics, whatever the template and guide title. The input is
//! split at its first NUL byte: the part before is the template, the part
//! after is the title (empty when there is no NUL).
#![no_main]

use libfuzzer_sys::fuzz_target;
use studyguide::fuzzing;

fuzz_target!(|data: &[u8]| {
    let (template, title) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let template = String::from_utf8_lossy(template);
    let title = String::from_utf8_lossy(title);
    let _ = fuzzing::template(&template, &title);
});
