//! Per-word results shared by every thread of the process: the words
//! shaped in the built-in faces, and the words' hyphenation points. The
//! outputs of a build, the parts of a long document and the warmer that
//! runs ahead of layout all set the same words. A result depends only on
//! its word (and face), so which thread found it first cannot change what
//! is set.

use rustc_hash::FxHashMap;
use std::sync::{PoisonError, RwLock};

/// Most words kept: a long-running `watch` keeps setting new text, and
/// beyond this each setter's own cache serves.
const MAX_WORDS: usize = 1 << 18;

/// A word → result map that every thread reads and adds to.
pub(super) struct SharedWords<V>(RwLock<FxHashMap<Box<str>, V>>);

impl<V> Default for SharedWords<V> {
    fn default() -> Self {
        SharedWords(RwLock::default())
    }
}

impl<V: Clone> SharedWords<V> {
    /// The result for `word`, if some thread found it.
    pub(super) fn get(&self, word: &str) -> Option<V> {
        let words = self.0.read().unwrap_or_else(PoisonError::into_inner);
        words.get(word).cloned()
    }

    /// Keeps `value` for `word`, unless the map is full or another thread
    /// was first.
    pub(super) fn insert(&self, word: &str, value: &V) {
        let mut words = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if words.len() < MAX_WORDS {
            words.entry(word.into()).or_insert_with(|| value.clone());
        }
    }
}
