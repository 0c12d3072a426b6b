//! Where words may be hyphenated: the en-US patterns, asked once per word
//! in the whole process. Each setter keeps the words it has met; a word
//! it has not is looked up in a cache shared by every setter (the helpers
//! of a long document, the outputs of a build, the warmer that runs ahead
//! of layout), and only then found from the patterns.
//!
//! The points depend only on the word, so which setter found them first
//! cannot change what is set.

use hyphenation::{Hyphenator, Language, Load, Standard};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

/// Byte offsets inside a word where it may be cut.
pub(crate) type Points = Arc<[usize]>;

/// Most words kept in the shared cache: a long-running `watch` keeps
/// setting new text, and beyond this the setters' own caches serve.
const MAX_WORDS: usize = 1 << 18;

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

/// The shared cache.
fn shared() -> &'static RwLock<FxHashMap<Box<str>, Points>> {
    static SHARED: OnceLock<RwLock<FxHashMap<Box<str>, Points>>> = OnceLock::new();
    SHARED.get_or_init(RwLock::default)
}

/// Where `core` (see [`core`]) may be cut, from the shared cache or the
/// patterns; `None` without patterns.
pub(crate) fn points(core: &str) -> Option<Points> {
    let found = shared()
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(core)
        .cloned();
    if found.is_some() {
        return found;
    }
    let points: Points = patterns()?.hyphenate(core).breaks.into();
    let mut words = shared().write().unwrap_or_else(PoisonError::into_inner);
    if words.len() < MAX_WORDS {
        words.entry(core.into()).or_insert_with(|| points.clone());
    }
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
