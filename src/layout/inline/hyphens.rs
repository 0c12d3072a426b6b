//! Where words may be hyphenated: the en-US patterns, asked once per word
//! in the whole process. Each setter keeps the words it has met; a word
//! it has not is looked up in the process's shared words (see
//! [`crate::layout::shared`]), and only then found from the patterns.

use crate::layout::shared::SharedWords;
use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::{Arc, OnceLock};

/// Byte offsets inside a word where it may be cut.
pub(crate) type Points = Arc<[usize]>;

/// Shortest word hyphenated, in letters.
const MIN_LETTERS: usize = 6;

/// The en-US patterns, loaded once per process on first use.
fn patterns() -> Option<&'static Standard> {
    static PATTERNS: OnceLock<Option<Standard>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// Loads the patterns now rather than on first use.
pub(crate) fn preload() {
    patterns();
}

/// The part of `word` that hyphenation looks at, with its byte offset:
/// the word without leading and trailing punctuation, if it is at least
/// [`MIN_LETTERS`] letters and nothing else.
pub(crate) fn core(word: &str) -> Option<(usize, &str)> {
    let start = word.len() - word.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = word[start..].trim_end_matches(|c: char| !c.is_alphabetic());
    let long_enough = core.chars().count() >= MIN_LETTERS;
    (long_enough && core.chars().all(char::is_alphabetic)).then_some((start, core))
}

/// The points of every word found so far in the process.
fn shared() -> &'static SharedWords<Points> {
    static SHARED: OnceLock<SharedWords<Points>> = OnceLock::new();
    SHARED.get_or_init(SharedWords::default)
}

/// Where `core` (see [`core()`]) may be cut, from the shared cache or the
/// patterns; `None` without patterns.
pub(crate) fn points(core: &str) -> Option<Points> {
    if let Some(found) = shared().get(core) {
        return Some(found);
    }
    let points: Points = patterns()?.hyphenate(core).breaks.into();
    shared().insert(core, &points);
    Some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_drops_punctuation_and_short_or_mixed_words() {
        assert_eq!(core("(hyphenation),"), Some((1, "hyphenation")));
        assert_eq!(core("short"), None);
        assert_eq!(core("abc123def"), None);
    }

    #[test]
    fn points_come_from_the_patterns_and_are_shared() {
        let first = points("hyphenation").unwrap();
        assert!(!first.is_empty());
        assert!(first.iter().all(|&p| p > 0 && p < "hyphenation".len()));
        assert!(Arc::ptr_eq(&first, &points("hyphenation").unwrap()));
    }
}
