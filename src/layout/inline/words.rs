//! Whole words, where the breaker and the copy text need more than the
//! pieces that Unicode line breaking cuts the text into.
//!
//! A word here is the text between two spaces (or forced breaks): "300-commit"
//! is one word of two segments, since a line may end after its hyphen. Three
//! questions are asked of words: does it already hold a hyphen (then it gets
//! no automatic hyphenation, so it breaks only at its own hyphen); is it the
//! last of its paragraph (then it is never cut, and a short one is tied to
//! the word before it); and, when a line ends inside it, what the two pieces
//! read as when copied (the whole word, then nothing).

use super::long::LONG_WORD;
use crate::frame::Item as Draw;
use crate::layout::linebreak::{Item, INFINITY};
use std::ops::Range;
use unicode_linebreak::BreakOpportunity;

/// The words of a paragraph, found once from its line-breaking segments.
pub(super) struct Words {
    /// Byte range of each word in the paragraph text, without the spaces.
    ranges: Vec<Range<usize>>,
    /// Whether each word already holds a hyphen.
    hyphenated: Vec<bool>,
    /// Whether each word is the last before a forced break or the end.
    last: Vec<bool>,
    /// The word each segment belongs to.
    of_segment: Vec<u32>,
}

impl Words {
    /// Groups `segments` (ends and kinds of the break opportunities of
    /// `text`) into words: a segment that ends without a space runs on into
    /// the next one.
    pub(super) fn new(text: &str, segments: &[(usize, BreakOpportunity)]) -> Words {
        let mut words = Words {
            ranges: Vec::new(),
            hyphenated: Vec::new(),
            last: Vec::new(),
            of_segment: Vec::with_capacity(segments.len()),
        };
        let mut start = 0;
        let mut word_start = None;
        for &(end, _) in segments {
            let segment = &text[start..end];
            let word_end = start + segment.trim_end().len();
            let first = *word_start.get_or_insert(start);
            words.of_segment.push(words.ranges.len() as u32);
            let at_end = end == text.len();
            if word_end < end || at_end {
                let word = &text[first..word_end];
                words.hyphenated.push(word.contains(['-', '\u{2010}']));
                words.last.push(at_end || segment.contains('\n'));
                words.ranges.push(first..word_end);
                word_start = None;
            }
            start = end;
        }
        words
    }

    /// The word segment `k` belongs to.
    pub(super) fn of(&self, k: usize) -> u32 {
        self.of_segment.get(k).copied().unwrap_or(u32::MAX)
    }

    /// Whether word `w` may be hyphenated at all: not when it holds a
    /// hyphen of its own ("300-commit" breaks there or nowhere), and not
    /// when it is the paragraph's last (its tail would be the last line).
    pub(super) fn may_hyphenate(&self, w: u32) -> bool {
        let w = w as usize;
        !self.hyphenated.get(w).copied().unwrap_or(true)
            && !self.last.get(w).copied().unwrap_or(true)
    }

    /// Whether word `w` is its paragraph's last, so no line may end inside
    /// it.
    pub(super) fn is_last(&self, w: u32) -> bool {
        self.last.get(w as usize).copied().unwrap_or(false)
    }

    /// Whether the space after word `w` must not break: the next word ends
    /// the paragraph and is too short to stand alone on the last line (at
    /// most four letters or digits, like "a 404." or "Top 10."), or is a
    /// number.
    pub(super) fn ties_next(&self, text: &str, w: u32) -> bool {
        let next = w as usize + 1;
        let Some(range) = self.ranges.get(next) else {
            return false;
        };
        if !self.last[next] || range.is_empty() {
            return false;
        }
        let word = &text[range.clone()];
        let letters = word.chars().filter(|c| c.is_alphanumeric()).count();
        letters <= 4 || !word.chars().any(char::is_alphabetic)
    }

    /// The word a break at `items[b]` cuts in two, if it is short enough to
    /// copy whole: a penalty between two boxes of one word.
    pub(super) fn cut_at(&self, items: &[Item], word_of: &[u32], b: usize) -> Option<u32> {
        if !matches!(items.get(b), Some(Item::Penalty { penalty, .. }) if *penalty > -INFINITY) {
            return None;
        }
        let is_box = |i: &Item| matches!(i, Item::Box { .. });
        let before = items[..b].iter().rposition(is_box)?;
        let after = b + 1 + items[b + 1..].iter().position(is_box)?;
        let w = word_of[before];
        let range = self.ranges.get(w as usize)?;
        (word_of[after] == w && range.len() <= LONG_WORD).then_some(w)
    }
}

/// Where a line is in the copy text of the words cut by its breaks: the
/// piece of a word that the previous line began reads as nothing, and the
/// piece of a word this line ends inside reads as the whole word.
pub(super) struct CopySpans<'a> {
    text: &'a str,
    words: &'a Words,
    /// The word the line opens inside of.
    opens: Option<u32>,
    /// The word the line ends inside of.
    closes: Option<u32>,
    state: SpanState,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SpanState {
    /// No box seen yet.
    Start,
    /// Inside the opening piece, which reads as nothing.
    Opening,
    /// Between the pieces.
    Between,
    /// Inside the closing piece, which reads as the whole word.
    Closing,
}

impl<'a> CopySpans<'a> {
    /// The spans of a line that opens inside word `opens` and ends inside
    /// word `closes`.
    pub(super) fn new(
        text: &'a str,
        words: &'a Words,
        opens: Option<u32>,
        closes: Option<u32>,
    ) -> Self {
        CopySpans {
            text,
            words,
            opens,
            closes,
            state: SpanState::Start,
        }
    }

    /// Opens or closes a span before a box of word `w` is drawn.
    pub(super) fn before_box(&mut self, w: u32, draws: &mut Vec<Draw>) {
        if self.state == SpanState::Start {
            self.state = SpanState::Between;
            if self.opens == Some(w) {
                draws.push(Draw::BeginCopyText {
                    text: String::new(),
                });
                self.state = SpanState::Opening;
            }
        }
        if self.state == SpanState::Opening && self.opens != Some(w) {
            draws.push(Draw::EndCopyText);
            self.state = SpanState::Between;
        }
        if self.state == SpanState::Between && self.closes == Some(w) {
            let range = self.words.ranges[w as usize].clone();
            draws.push(Draw::BeginCopyText {
                text: self.text[range].to_string(),
            });
            self.state = SpanState::Closing;
        }
    }

    /// Closes the span still open at the line's end, after its hyphen.
    pub(super) fn finish(&mut self, draws: &mut Vec<Draw>) {
        if matches!(self.state, SpanState::Opening | SpanState::Closing) {
            draws.push(Draw::EndCopyText);
        }
        self.state = SpanState::Between;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_linebreak::linebreaks;

    fn words(text: &str) -> (Words, Vec<String>) {
        let segments: Vec<_> = linebreaks(text).collect();
        let words = Words::new(text, &segments);
        let texts = words
            .ranges
            .iter()
            .map(|r| text[r.clone()].to_string())
            .collect();
        (words, texts)
    }

    #[test]
    fn words_span_segments_cut_after_hyphens_and_slashes() {
        let (w, texts) = words("a 300-commit client/server stack\nnext line");
        assert_eq!(
            texts,
            ["a", "300-commit", "client/server", "stack", "next", "line"]
        );
        assert!(w.hyphenated[1] && !w.hyphenated[2]);
        assert!(w.last[3] && w.last[5] && !w.last[4]);
        assert!(!w.may_hyphenate(1), "a word with a hyphen of its own");
        assert!(!w.may_hyphenate(3), "the last word");
        assert!(w.may_hyphenate(2));
    }

    #[test]
    fn a_short_last_word_or_number_is_tied_to_the_one_before() {
        let text = "the top 10. then a 404. and so they said goodbye.";
        let (w, texts) = words(text);
        let tied: Vec<&str> = (0..texts.len() as u32)
            .filter(|&k| w.ties_next(text, k))
            .map(|k| texts[k as usize].as_str())
            .collect();
        assert!(tied.is_empty(), "goodbye. is long enough: {tied:?}");
        for (text, before) in [
            ("the top 10.", "top"),
            ("is a 404.", "a"),
            ("we said so.", "said"),
        ] {
            let (w, texts) = words(text);
            let k = texts.iter().position(|t| t == before).unwrap() as u32;
            assert!(w.ties_next(text, k), "{text}");
        }
        let (w, _) = words("numbers like 12,345,678.");
        assert!(w.ties_next("numbers like 12,345,678.", 1));
    }
}
