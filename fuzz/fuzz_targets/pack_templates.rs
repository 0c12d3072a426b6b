//! Checks the template budget on a pack's templates: whatever templates a
//! pack carries, rendering them (as a build of the pack would, each output
//! with its own budget) returns without panicking, within bounded time,
//! and with at most 16 MiB of Markdown per output.
//!
//! The input is split at NUL bytes into up to four templates, named in
//! order `handout`, `question`, `a` and `b` (the last takes the rest of the
//! input, NULs and all). `handout` and `question` replace the built-ins of
//! those names; `a` and `b` are new, so every template can include the
//! others as partials.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::time::{Duration, Instant};
use studyguide::fuzzing;

/// Names given to the input's templates, in order.
const NAMES: [&str; 4] = ["handout", "question", "a", "b"];
/// `MAX_MARKDOWN_BYTES` in `src/render/budget.rs`.
const MAX_MARKDOWN_BYTES: usize = 16 << 20;
/// Longest one input may take. The budget allows at most a million loop
/// steps and 16 MiB of output per output, which even under the sanitizer
/// takes well under this; an input past it found work the budget does not
/// count.
const MAX_TIME: Duration = Duration::from_secs(5);

fuzz_target!(|data: &[u8]| {
    let texts: Vec<String> = data
        .splitn(NAMES.len(), |&b| b == 0)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect();
    let sources: Vec<(&str, &str)> = NAMES
        .iter()
        .zip(&texts)
        .map(|(name, text)| (*name, text.as_str()))
        .collect();
    let start = Instant::now();
    let longest = fuzzing::pack_templates(&sources).unwrap_or(0);
    let elapsed = start.elapsed();
    assert!(
        longest <= MAX_MARKDOWN_BYTES,
        "an output rendered {longest} bytes of Markdown, past the budget"
    );
    assert!(
        elapsed < MAX_TIME,
        "rendering took {elapsed:?}, past {MAX_TIME:?}"
    );
});
