//! The leak guard: an output that does not show answers must not contain
//! any, whatever its template does.
//!
//! Texts are compared as bare letters and digits, so Markdown markup, line
//! breaks, hyphenation and spacing cannot hide a copied sentence.

use crate::bank::Question;
use rayon::prelude::*;

/// Shortest answer fragment (in letters and digits) worth checking: shorter
/// ones ("Yes.") could appear in any text by chance.
const MIN_ANSWER_FRAGMENT: usize = 25;
/// Shortest listen-for item checked.
const MIN_LISTEN_FOR: usize = 12;

/// What leaked, and from which question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The question's id.
    pub id: String,
    /// `"answer"` or `"listen_for"`.
    pub part: &'static str,
    /// The leaked sentence as written in the bank.
    pub text: String,
}

/// Checks `texts` (the rendered Markdown and the typeset text) against the
/// answers (if `answers`) and listen-for items (if `listen_for`) of
/// `questions`. `shown` is what the output may print (its questions,
/// guidance, and answers when it shows them): a hidden phrase that also
/// occurs there is not a leak. Returns at most one leak per question and
/// part.
pub fn find(
    texts: &[&str],
    shown: &[&str],
    questions: &[&Question],
    answers: bool,
    listen_for: bool,
) -> Vec<Leak> {
    // Every candidate phrase, normalised, with where it came from.
    let mut needles: Vec<String> = Vec::new();
    let mut origin: Vec<(usize, &'static str, String)> = Vec::new();
    for (qi, q) in questions.iter().enumerate() {
        if answers {
            for s in sentences(&q.answer) {
                let n = letters(s);
                if n.len() >= MIN_ANSWER_FRAGMENT {
                    needles.push(n);
                    origin.push((qi, "answer", s.trim().to_string()));
                }
            }
        }
        if listen_for {
            for item in &q.listen_for {
                let n = letters(item);
                if n.len() >= MIN_LISTEN_FOR {
                    needles.push(n);
                    origin.push((qi, "listen_for", item.clone()));
                }
            }
        }
    }
    if needles.is_empty() {
        return Vec::new();
    }
    // One pass over each text for all phrases at once (Aho–Corasick), so the
    // check stays linear in the size of the document.
    // A contiguous NFA builds in a fraction of the time of the DFA the
    // default picks for few phrases, and searches megabytes as fast here.
    let Ok(matcher) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&needles)
    else {
        return Vec::new();
    };
    // Each text on its own core: at thousands of questions the typeset
    // text alone is megabytes.
    let hits = |texts: &[&str]| -> Vec<bool> {
        texts
            .par_iter()
            .fold(
                || vec![false; needles.len()],
                |mut seen, t| {
                    for m in matcher.find_overlapping_iter(&letters(t)) {
                        seen[m.pattern().as_usize()] = true;
                    }
                    seen
                },
            )
            .reduce(
                || vec![false; needles.len()],
                |a, b| a.iter().zip(&b).map(|(x, y)| *x || *y).collect(),
            )
    };
    let found = hits(texts);
    // What the output may show only excuses a hit; with none (every
    // correct output) it need not be searched.
    if !found.contains(&true) {
        return Vec::new();
    }
    let allowed = hits(shown);
    let mut leaks: Vec<Leak> = Vec::new();
    for (k, (qi, part, text)) in origin.into_iter().enumerate() {
        let id = &questions[qi].id;
        if found[k] && !allowed[k] && !leaks.iter().any(|l| &l.id == id && l.part == part) {
            leaks.push(Leak {
                id: id.clone(),
                part,
                text,
            });
        }
    }
    leaks
}

/// Lowercase letters and digits only.
fn letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // ASCII, nearly all of a bank, without the general Unicode tables.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Sentences and list items of an answer.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '.', '!', '?', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Difficulty;
    use crate::diag::Span;
    use std::path::Path;

    fn question() -> Question {
        Question {
            id: "q".into(),
            question: "How?".into(),
            why: "Because.".into(),
            answer: "Yes. I would **first measure** the p99 latency before touching any code!\n\n- Then add an index".into(),
            section: "S".into(),
            tags: vec![],
            difficulty: Difficulty::Easy,
            listen_for: vec!["Measures before optimising".into()],
            span: Span::file(Path::new("b.toml")),
        }
    }

    #[test]
    fn markup_hyphenation_and_line_breaks_do_not_hide_a_leak() {
        let q = question();
        let pdf_text = "I would first mea-\nsure the p99 la- tency before touching any code";
        let leaks = find(&[pdf_text], &[], &[&q], true, true);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].part, "answer");
        assert_eq!(
            leaks[0].text,
            "I would **first measure** the p99 latency before touching any code"
        );
        let leaks = find(
            &["A strong answer *measures before optimising*."],
            &[],
            &[&q],
            true,
            true,
        );
        assert_eq!(leaks[0].part, "listen_for");
    }

    #[test]
    fn short_fragments_and_clean_text_are_not_leaks() {
        let q = question();
        assert!(find(&["Yes. Then add an index."], &[], &[&q], true, true).is_empty());
        assert!(find(
            &["How would you speed up a slow endpoint?"],
            &[],
            &[&q],
            true,
            true
        )
        .is_empty());
    }

    #[test]
    fn a_listen_for_phrase_that_the_shown_answer_contains_is_no_leak() {
        let mut q = question();
        q.listen_for = vec!["first measure the p99 latency".into()];
        let shown = [q.answer.as_str()];
        assert!(find(&[&q.answer], &shown, &[&q], false, true).is_empty());
        assert_eq!(find(&[&q.answer], &[], &[&q], false, true).len(), 1);
    }
}
