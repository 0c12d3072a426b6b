//! The leak guard: an output that does not show answers must not contain
//! any, whatever its template does.
//!
//! Every answer sentence and every listen-for item is a phrase to look for,
//! whatever its length. Long phrases are compared as bare letters and
//! digits, so markup, line breaks, hyphenation and spacing cannot hide a
//! copied sentence. Short ones ("Yes.", "Use Redis.") are compared as whole
//! words, so that "yes" is not found inside "yesterday"; and a short phrase
//! the output may show anyway (the same words in a question, in the
//! guidance or in the template's own text) is no leak.

mod long;
mod pieces;

use crate::bank::Question;
use crate::diag::Diagnostic;

/// Phrases with at least this many letters and digits are matched as bare
/// letters; shorter ones as whole words.
const LONG: usize = 25;

// Every long phrase has a whole window to be keyed by.
const _: () = assert!(LONG >= long::WINDOW);

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

/// Phrases of one kind, normalised, with where each came from.
#[derive(Default)]
struct Phrases {
    needles: Vec<String>,
    origin: Vec<(usize, &'static str, String)>,
}

/// The phrases of a set that were found, with their places in the set.
struct Found {
    phrases: Phrases,
    places: Vec<usize>,
    of: usize,
}

impl Phrases {
    /// The phrases marked in `found`.
    fn found(&self, found: &[bool]) -> Found {
        let places: Vec<usize> = (0..found.len()).filter(|&k| found[k]).collect();
        let phrases = Phrases {
            needles: places.iter().map(|&k| self.needles[k].clone()).collect(),
            origin: Vec::new(),
        };
        Found {
            phrases,
            places,
            of: found.len(),
        }
    }
}

impl Found {
    /// Which phrases of the whole set `hits` finds in `allowed` (only
    /// found ones can be).
    fn excused(&self, allowed: &[&str], hits: fn(&Phrases, &[&str]) -> Vec<bool>) -> Vec<bool> {
        let mut excused = vec![false; self.of];
        for (k, hit) in self.places.iter().zip(hits(&self.phrases, allowed)) {
            excused[*k] = hit;
        }
        excused
    }
}

/// Checks `texts` (the rendered Markdown and the typeset text) against the
/// answers (if `answers`) and listen-for items (if `listen_for`) of
/// `questions`. `allowed` gives what the output may print (its Markdown
/// rendered with the hidden parts left out, and its page furniture); it is
/// only asked for when a phrase was found, which a correct output never
/// gives. Returns at most one leak per question and part.
#[cfg(test)]
pub fn find(
    texts: &[&str],
    allowed: impl FnOnce() -> Vec<String>,
    questions: &[&Question],
    answers: bool,
    listen_for: bool,
) -> Vec<Leak> {
    let book = Phrasebook::new(questions, answers, listen_for);
    let found = book.search(texts);
    let excused = if found.any() {
        let allowed = allowed();
        let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
        book.excused(&found, &allowed)
    } else {
        book.none()
    };
    book.leaks(found, excused, questions)
}

/// The phrases an output must not print, ready to be looked for in its
/// texts one at a time, as each is done: the Markdown while the pages are
/// laid out, the typeset text after.
pub struct Phrasebook {
    long: Phrases,
    short: Phrases,
}

/// A subset of a [`Phrasebook`]'s phrases: those found in some texts, or
/// those some texts excuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    long: Vec<bool>,
    short: Vec<bool>,
}

impl Hits {
    /// The phrases here or in `other`.
    pub fn or(&self, other: &Hits) -> Hits {
        self.zip(other, |a, b| a || b)
    }

    /// The phrases here but not in `other`.
    pub fn without(&self, other: &Hits) -> Hits {
        self.zip(other, |a, b| a && !b)
    }

    /// Whether there is any phrase here.
    pub fn any(&self) -> bool {
        self.long.contains(&true) || self.short.contains(&true)
    }

    fn zip(&self, other: &Hits, f: impl Fn(bool, bool) -> bool) -> Hits {
        let each = |a: &[bool], b: &[bool]| a.iter().zip(b).map(|(x, y)| f(*x, *y)).collect();
        Hits {
            long: each(&self.long, &other.long),
            short: each(&self.short, &other.short),
        }
    }
}

impl Phrasebook {
    /// The answers (if `answers`) and listen-for items (if `listen_for`)
    /// of `questions`, as phrases.
    pub fn new(questions: &[&Question], answers: bool, listen_for: bool) -> Phrasebook {
        let (mut long, mut short) = (Phrases::default(), Phrases::default());
        for (qi, q) in questions.iter().enumerate() {
            let mut add = |text: &str, part: &'static str| {
                let bare = letters(text);
                // A fragment without letters ("42", "2") is a number, not a sentence.
                if !bare.chars().any(char::is_alphabetic) {
                    return;
                }
                let (set, needle) = if bare.chars().count() >= LONG {
                    (&mut long, bare)
                } else {
                    (&mut short, format!(" {} ", words(text).trim()))
                };
                set.needles.push(needle);
                set.origin.push((qi, part, text.trim().to_string()));
            };
            if answers {
                for s in sentences(&q.answer) {
                    add(s, "answer");
                }
            }
            if listen_for {
                for item in &q.listen_for {
                    add(item, "listen_for");
                }
            }
        }
        Phrasebook { long, short }
    }

    /// No phrase.
    pub fn none(&self) -> Hits {
        Hits {
            long: vec![false; self.long.needles.len()],
            short: vec![false; self.short.needles.len()],
        }
    }

    /// Which phrases occur in any of `texts`.
    pub fn search(&self, texts: &[&str]) -> Hits {
        Hits {
            long: long_hits(&self.long, texts),
            short: short_hits(&self.short, texts),
        }
    }

    /// Which of the phrases `found` occur in `allowed` (what the output
    /// may print: its Markdown rendered without the hidden parts, and its
    /// page furniture). A phrase is excused or not whatever else was
    /// found, so phrases found at different times can be excused apart.
    /// Only found phrases are read: the rendering without the hidden parts
    /// is as long as the output, and the fewer phrases, the faster.
    pub fn excused(&self, found: &Hits, allowed: &[&str]) -> Hits {
        Hits {
            long: self.long.found(&found.long).excused(allowed, long_hits),
            short: self.short.found(&found.short).excused(allowed, short_hits),
        }
    }

    /// The phrases `found` in the output's texts that are not `excused`,
    /// as at most one leak per question and part; `questions` are the ones
    /// the book was made from.
    pub fn leaks(self, found: Hits, excused: Hits, questions: &[&Question]) -> Vec<Leak> {
        let mut leaks: Vec<Leak> = Vec::new();
        let Phrasebook { long, short } = self;
        let sets = [
            (long, found.long, excused.long),
            (short, found.short, excused.short),
        ];
        for (set, found, excused) in sets {
            for (k, (qi, part, text)) in set.origin.into_iter().enumerate() {
                let id = &questions[qi].id;
                if found[k] && !excused[k] && !leaks.iter().any(|l| &l.id == id && l.part == part) {
                    leaks.push(Leak {
                        id: id.clone(),
                        part,
                        text,
                    });
                }
            }
        }
        leaks.sort_by_key(|l| questions.iter().position(|q| q.id == l.id));
        leaks
    }
}

/// Which of `set`'s long phrases occur in any of `texts`, as bare letters:
/// one pass over the texts, in pieces on all cores (see [`pieces`]).
fn long_hits(set: &Phrases, texts: &[&str]) -> Vec<bool> {
    let n = set.needles.len();
    if n == 0 {
        return Vec::new();
    }
    let matcher = long::Matcher::new(&set.needles);
    let normal = pieces::Normal {
        piece: &letters,
        spaced: false,
    };
    let find = |t: &str, seen: &mut [bool]| matcher.find(t, seen);
    pieces::search(texts, pieces::PIECE, &normal, (n, longest(set)), &find)
}

/// Which of `set`'s short phrases occur in any of `texts`, as whole
/// words. One pass over the texts for all phrases at once (Aho–Corasick),
/// so the check stays linear in the size of the document, in pieces on
/// all cores (see [`pieces`]), since at thousands of questions the typeset
/// text alone is megabytes.
fn short_hits(set: &Phrases, texts: &[&str]) -> Vec<bool> {
    let n = set.needles.len();
    if n == 0 {
        return Vec::new();
    }
    // A contiguous NFA builds in a fraction of the time of the DFA the
    // default picks for few phrases, and searches megabytes as fast here.
    let Ok(matcher) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&set.needles)
    else {
        return vec![false; n];
    };
    let normal = pieces::Normal {
        piece: &words,
        spaced: true,
    };
    let find = |t: &str, seen: &mut [bool]| {
        for m in matcher.find_overlapping_iter(t) {
            seen[m.pattern().as_usize()] = true;
        }
    };
    pieces::search(texts, pieces::PIECE, &normal, (n, longest(set)), &find)
}

/// The longest phrase of `set`, in bytes.
fn longest(set: &Phrases) -> usize {
    set.needles.iter().map(String::len).max().unwrap_or(0)
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

/// Whether `c` may sit inside a word without splitting it: emphasis and
/// code marks, a Markdown escape's backslash (`NODE\_ENV` prints as
/// `NODE_ENV`), apostrophes straight or curly, and invisible characters
/// (soft hyphen, zero-width spaces and joiners, word joiner, BOM).
fn vanishes(c: char) -> bool {
    matches!(
        c,
        '*' | '_' | '~' | '`' | '\\' | '\'' | '\u{2019}' | '\u{2018}' | '\u{ad}' | '\u{200b}'
            ..='\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Lowercase words separated by single spaces. A hyphen at a line end
/// (followed by space) joins the word it split.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // ASCII, nearly all of a bank, without the general Unicode tables.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if vanishes(c) {
        } else if c == '-' && chars.peek().is_some_and(|n| n.is_whitespace()) {
            while chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
            }
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out
}

/// Sentences and list items of an answer: split at line ends, and at
/// `.`, `!`, `?`, `;` or `:` before a space, so "2.5" and "e.g." stay whole.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' | b';' | b':' => {
                bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
            }
            _ => false,
        };
        if end {
            out.push(&text[start..i]);
            start = i + 1;
        }
    }
    out.push(&text[start..]);
    out.retain(|s| !s.trim().is_empty());
    out
}

/// The leaks as errors, naming the output, the question and the template.
pub fn diagnostics(leaks: Vec<Leak>, output: &str, template: &str) -> Vec<Diagnostic> {
    leaks
        .into_iter()
        .map(|l| {
            let shown: String = l.text.chars().take(70).collect();
            let what = if l.part == "answer" {
                "answers"
            } else {
                "listen-for items"
            };
            Diagnostic::error(format!(
                "output `{output}` does not show {what} but contains that of `{}`: \"{shown}\"",
                l.id
            ))
            .hint(format!(
                "check the template `{template}`: it must not print `{}` for this output",
                l.part
            ))
        })
        .collect()
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
            body: String::new(),
            why: "Because.".into(),
            answer: "Yes. I would **first measure** the p99 latency before touching any code!\n\n- Then add an index".into(),
            section: "S".into(),
            tags: vec![],
            difficulty: Difficulty::Easy,
            listen_for: vec!["Measures before optimising".into()],
            span: Span::file(Path::new("b.toml")),
        }
    }

    fn none() -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn markup_hyphenation_and_line_breaks_do_not_hide_a_leak() {
        let q = question();
        let pdf_text = "I would first mea-\nsure the p99 la- tency before touching any code";
        let leaks = find(&[pdf_text], none, &[&q], true, true);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].part, "answer");
        assert_eq!(
            leaks[0].text,
            "I would **first measure** the p99 latency before touching any code"
        );
        let leaks = find(
            &["A strong answer *measures before optimising*."],
            none,
            &[&q],
            true,
            true,
        );
        assert_eq!(leaks[0].part, "listen_for");
    }

    #[test]
    fn texts_searched_and_excused_one_at_a_time_give_what_one_search_gives() {
        let q = question();
        let markdown = "Intro. I would first measure the p99 latency before touching any code.";
        let typeset = "Notes: yes. Then add an index.";
        let book = Phrasebook::new(&[&q], true, true);
        let together = book.search(&[markdown, typeset]);
        let apart = book.search(&[markdown]).or(&book.search(&[typeset]));
        assert_eq!(apart, together);
        // One long phrase from the Markdown, two short ones from the pages.
        let found = |hits: &Hits| hits.long.iter().chain(&hits.short).filter(|h| **h).count();
        assert_eq!(found(&book.search(&[markdown])), 1);
        assert_eq!(found(&book.search(&[typeset])), 2);
        assert_eq!(found(&together), 3);
        // Excusing what each text added, apart, excuses what excusing all
        // at once does: here "Yes." (printed in a heading), found only in
        // the pages.
        let allowed = ["Yes, a heading."];
        let from_markdown = book.search(&[markdown]);
        let added = book.search(&[typeset]).without(&from_markdown);
        let excused = book
            .excused(&from_markdown, &allowed)
            .or(&book.excused(&added, &allowed));
        assert_eq!(excused, book.excused(&together, &allowed));
        assert_eq!(found(&excused), 1);
        let none = book.none();
        let leaks = book.leaks(apart, none, &[&q]);
        assert_eq!(leaks.len(), 1, "one leak per question and part: {leaks:?}");
        assert!(leaks[0].text.starts_with("I would"), "{leaks:?}");
    }

    #[test]
    fn only_the_phrases_the_output_may_show_are_excused() {
        let mut q = question();
        q.id = "a".into();
        let mut other = question();
        other.id = "b".into();
        other.answer = "Profile the slow endpoint under production load first.\n\nYes.".into();
        let output = "I would first measure the p99 latency before touching any code. \
                      Profile the slow endpoint under production load first. Yes.";
        // The template prints the first sentence of `a` in its own text and
        // "Yes." in a heading, but not `b`'s long sentence.
        let allowed = || {
            vec![
                "Tip: I would first measure the p99 latency before touching any code. Yes."
                    .to_string(),
            ]
        };
        let leaks = find(&[output], allowed, &[&q, &other], true, false);
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        assert_eq!(leaks[0].id, "b");
        assert_eq!(
            leaks[0].text,
            "Profile the slow endpoint under production load first"
        );
    }

    #[test]
    fn an_escaped_identifier_the_output_may_show_is_no_leak() {
        // An answer line that is only an identifier, which the question's
        // own title names, escaped in its Markdown as Markdown needs.
        let q = Question {
            question: "What is NEGATIVE\\_INFINITY?".into(),
            answer: "It is minus infinity.\n\n * NEGATIVE_INFINITY".into(),
            ..question()
        };
        let output = "What is NEGATIVE_INFINITY? Write your answer here.";
        let allowed = || vec!["## What is NEGATIVE\\_INFINITY?".to_string()];
        assert!(find(&[output], allowed, &[&q], true, false).is_empty());
        // Without the title to excuse it, the line is a leak.
        assert_eq!(find(&[output], none, &[&q], true, false).len(), 1);
    }

    #[test]
    fn short_sentences_leak_too_unless_the_output_may_show_them() {
        let q = question();
        let leaks = find(&["Then add an index."], none, &[&q], true, false);
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        assert_eq!(leaks[0].text, "- Then add an index");
        // "Yes." alone is excused where the output may say it anyway.
        let allowed = || vec!["Yes, we ask this.".to_string()];
        assert!(find(&["Yes. Indeed."], allowed, &[&q], true, false).is_empty());
        assert_eq!(find(&["Yes. Indeed."], none, &[&q], true, false).len(), 1);
        // Whole words only: "yes" is not in "yesterday".
        assert!(find(&["Yesterday we added indexes."], none, &[&q], true, false).is_empty());
        assert!(find(
            &["How would you speed up a slow endpoint?"],
            none,
            &[&q],
            true,
            true
        )
        .is_empty());
    }

    #[test]
    fn every_way_around_the_guard_is_caught() {
        let mut q = question();
        q.answer = "Use Redis. Don't cache \"UI bugs\".".into();
        q.listen_for = vec!["Owns it".into()];
        let attempts = [
            "USE REDIS",
            "use\n\n   redis",
            "Use, Redis!",
            "U*se* Re**dis**",
            "Use R\u{200b}e\u{ad}dis",
            "Use Re-\ndis",
            "Don\u{2019}t cache \u{201c}UI bugs\u{201d}",
            "don`t cache ui bugs",
            "> Owns\n> it",
        ];
        for attempt in attempts {
            assert!(
                !find(&[attempt], none, &[&q], true, true).is_empty(),
                "not caught: {attempt:?}"
            );
        }
    }

    #[test]
    fn numbers_and_decimal_points_are_not_sentences() {
        let mut q = question();
        q.answer = "It took 2.5 s, e.g. in CI.\n\n- 42".into();
        let s = sentences(&q.answer);
        assert_eq!(s, vec!["It took 2.5 s, e.g", " in CI", "- 42"]);
        assert!(find(&["Page 42 of 50"], none, &[&q], true, false).is_empty());
    }

    #[test]
    fn a_listen_for_phrase_that_the_shown_answer_contains_is_no_leak() {
        let mut q = question();
        q.listen_for = vec!["first measure the p99 latency".into()];
        let shown = || vec![question().answer];
        assert!(find(&[&q.answer], shown, &[&q], false, true).is_empty());
        assert_eq!(find(&[&q.answer], none, &[&q], false, true).len(), 1);
    }
}
