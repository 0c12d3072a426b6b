//! Checks that Markdown typesetting (`fuzzing::markdown`) and import
//! (`fuzzing::import`) run in roughly linear time: a time-per-byte guard.
//!
//! Why: a panic is not the only bug untrusted text can trigger. A parser or
//! layout loop that is quadratic in some construct (nested quotes, long
//! runs of delimiters, a paragraph without break opportunities, ...) turns a
//! few hundred KB into minutes of CPU, and libFuzzer's per-input timeout
//! only notices once an input is already huge. comrak's own fuzzing has a
//! target of this shape for that reason: it repeats the fuzzer's input and
//! fails when the time per byte grows with the repetition count, which
//! catches super-linear behaviour on small inputs, where the fuzzer is fast.
//!
//! For each function the input (capped at 4 KB) is repeated k = 4 and
//! k = 16 times and each run is timed; if the time per byte of the larger
//! run is more than 6x that of the smaller one, the input is super-linear.
//! Runs whose k = 16 time is at most 20 ms are not judged, since timer and
//! scheduling noise dominate there, and a suspicious ratio is measured again
//! (best of three) before the target panics, so a busy machine does not
//! report a false positive.
//!
//! Note on the threshold: k = 4 → 16 is a 4x size step, so linear code gives
//! a growth of about 1x and purely quadratic code about 4x (less with fixed
//! per-call costs). At these sizes, under ASan, quadratic code measured
//! 1.9-3.0x and linear code under 1.5x, so the default limit of 2.5x flags
//! most quadratic growth; on a busy machine raise it with
//! `STUDYGUIDE_QUADRATIC_MAX_GROWTH` to avoid false alarms.
#![no_main]

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use studyguide::fuzzing;

/// Longest input repeated, in bytes.
const MAX_INPUT: usize = 4 * 1024;
/// The two repetition counts compared.
const SMALL: usize = 4;
const LARGE: usize = 16;
/// Largest allowed growth in time per byte from SMALL to LARGE repeats,
/// unless `STUDYGUIDE_QUADRATIC_MAX_GROWTH` says otherwise.
const MAX_GROWTH: f64 = 2.5;
/// The LARGE run must take longer than this for the ratio to be judged.
const MIN_JUDGED: Duration = Duration::from_millis(20);

fn time(f: &dyn Fn(&str), text: &str) -> Duration {
    let start = Instant::now();
    f(text);
    start.elapsed()
}

/// Time per byte of `large` over that of `small`.
fn growth(t_small: Duration, t_large: Duration) -> f64 {
    let per_small = t_small.as_secs_f64() / SMALL as f64;
    let per_large = t_large.as_secs_f64() / LARGE as f64;
    per_large / per_small.max(1e-9)
}

fn max_growth() -> f64 {
    static LIMIT: OnceLock<f64> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("STUDYGUIDE_QUADRATIC_MAX_GROWTH")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&v: &f64| v > 1.0)
            .unwrap_or(MAX_GROWTH)
    })
}

/// Panics if `f` takes super-linear time on `input` repeated.
fn check(name: &str, input: &str, f: &dyn Fn(&str)) {
    let limit = max_growth();
    let small = input.repeat(SMALL);
    let large = input.repeat(LARGE);
    let t_small = time(f, &small);
    let t_large = time(f, &large);
    if t_large <= MIN_JUDGED || growth(t_small, t_large) <= limit {
        return;
    }
    // Confirm with the best of three runs of each before reporting.
    let best = |text: &str, first: Duration| {
        (0..2).map(|_| time(f, text)).fold(first, Duration::min)
    };
    let t_small = best(&small, t_small);
    let t_large = best(&large, t_large);
    let g = growth(t_small, t_large);
    if t_large > MIN_JUDGED && g > limit {
        panic!(
            "{name}: super-linear time: {} bytes x{SMALL} took {t_small:?}, \
             x{LARGE} took {t_large:?}: time per byte grew {g:.1}x (limit {limit}x)",
            input.len()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    check("markdown", &text, &|t| {
        let _ = fuzzing::markdown(t);
    });
    check("import", &text, &|t| {
        let _ = fuzzing::import(t);
    });
});
