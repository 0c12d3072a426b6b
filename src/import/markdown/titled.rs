//! A file that asks one question in its title and answers it at length
//! under headings of its own:
//!
//! ```markdown
//! # Q4 - Which libraries would you reach for, and why?
//! ## 1. The runtime
//! ## 2. The orchestration layer
//! # Summary
//! ```
//!
//! Collections kept as one file per question are written this way. Read
//! by the usual rules, the answer's numbered headings looked like the
//! questions and the real one was taken for a section name.

use super::headings::Facts;

/// Which heading (its index among them all) asks the file's one question:
/// the first that asks, if it is a level-1 heading ending in a question
/// mark and no other heading asks, carries a question marker or opens a
/// list item as a question would. Headings before it only label the file
/// (`# Question 2 - Design patterns` over `# What is …?`).
pub(super) fn title(headings: &[&Facts]) -> Option<usize> {
    let at = headings.iter().position(|f| f.asks)?;
    let first = headings[at];
    let titled = first.level == 1 && !first.nav && first.label.is_none();
    let others_answer = headings
        .iter()
        .enumerate()
        .all(|(i, f)| i == at || (!f.asks && !f.prefixed && !f.in_list));
    (titled && others_answer).then_some(at)
}

/// Whether a file named `name` (its stem) is one question asked by its
/// name: the name asks (a question mark, or an asking word first:
/// `Describe the fragment lifecycle`) in three words or more, and no heading of the text asks,
/// carries a question marker or opens a list item. Collections kept as a
/// file per question often title the text with its topic only.
pub(super) fn asks_by_name(name: &str, headings: &[&Facts]) -> bool {
    let name = name.trim();
    // Three words at least: `list.md` or `name.md` names no question.
    let sentence = name.split_whitespace().count() >= 3;
    let asks = crate::import::text::ends_question(name) || super::opens_asking(name);
    let asks = sentence && asks;
    asks && headings
        .iter()
        .all(|f| !f.asks && !f.prefixed && !f.in_list)
}

/// The byte length of a file's question label before the question itself,
/// with the separator and space after it: `AI-Question04 - `, `Question 1
/// – `, `Q7: `, `GQ-Q12 — `. The label is a word naming a question with
/// its number (`Question 1` may be two words); the separator is a dash
/// between spaces or a colon right after the label.
pub(super) fn label_len(text: &str) -> Option<usize> {
    let mut words = text.split(' ');
    let first = words.next()?;
    let mut label = first.len();
    let mut name = first.to_string();
    if first.eq_ignore_ascii_case("question") || first.eq_ignore_ascii_case("q") {
        let number = words.next()?;
        label += 1 + number.len();
        name.push_str(number);
    }
    let colon = name.ends_with(':');
    if !names_a_question(name.trim_end_matches(':')) {
        return None;
    }
    let rest = &text[label..];
    let after = if colon {
        rest.strip_prefix(' ')?
    } else {
        rest.strip_prefix(' ')?
            .strip_prefix(['-', '\u{2013}', '\u{2014}'])?
            .strip_prefix(' ')?
    };
    let body = after.trim_start();
    (!body.is_empty()).then(|| text.len() - body.len())
}

/// `Question04`, `AI-Question04`, `Q12`, `GQ-Q3`, `question1`: an optional
/// word and hyphen, then `Q` or `Question`, then a number.
fn names_a_question(word: &str) -> bool {
    let tail = word.rsplit('-').next().unwrap_or(word);
    let letters = tail.trim_end_matches(|c: char| c.is_ascii_digit());
    let has_number = letters.len() < tail.len();
    let prefix_ok = word.len() == tail.len() || {
        let head = &word[..word.len() - tail.len() - 1];
        !head.is_empty() && !head.contains('-') && head.chars().all(char::is_alphanumeric)
    };
    has_number
        && prefix_ok
        && (letters.eq_ignore_ascii_case("q") || letters.eq_ignore_ascii_case("question"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &str) -> Option<&str> {
        label_len(s).map(|n| &s[n..])
    }

    #[test]
    fn labels_before_the_question_are_cut() {
        assert_eq!(cut("AI-Question04 - Which one?"), Some("Which one?"));
        assert_eq!(
            cut("Question 1 - Abstract classes"),
            Some("Abstract classes")
        );
        assert_eq!(cut("Q7: Why?"), Some("Why?"));
        assert_eq!(cut("GQ-Q12 \u{2014} How?"), Some("How?"));
        assert_eq!(cut("question3 \u{2013} When?"), Some("When?"));
    }

    #[test]
    fn other_openings_are_left_alone() {
        assert_eq!(cut("Questions - a list"), None);
        assert_eq!(cut("Q&A - answers"), None);
        assert_eq!(cut("Queue-3 - what is it?"), None);
        assert_eq!(cut("AI - Question 4?"), None);
        assert_eq!(cut("Question04-What?"), None);
        assert_eq!(cut("Question04 - "), None);
        assert_eq!(cut("What is Q1 - the first quarter?"), None);
        assert_eq!(cut("A-B-Question1 - Why?"), None);
    }

    fn heading(level: u8, text: &str) -> Facts {
        Facts::new(level, text, false, false)
    }

    #[test]
    fn a_title_that_asks_over_headings_that_do_not_is_the_question() {
        let h = [
            heading(1, "Q4 - Which libraries?"),
            heading(2, "1. The runtime"),
            heading(3, "Why this matters"),
            heading(1, "Summary"),
        ];
        assert_eq!(title(&h.iter().collect::<Vec<_>>()), Some(0));
        let labelled = [
            heading(1, "Question 2 - Tools"),
            heading(1, "Which tools?"),
            heading(2, "1. A spade"),
        ];
        assert_eq!(title(&labelled.iter().collect::<Vec<_>>()), Some(1));
    }

    #[test]
    fn no_title_question_where_other_headings_ask_or_the_title_does_not() {
        let asks_below = [heading(1, "Which libraries?"), heading(2, "What is X?")];
        assert_eq!(title(&asks_below.iter().collect::<Vec<_>>()), None);
        let marked_below = [heading(1, "Which libraries?"), heading(2, "Q1. Define X")];
        assert_eq!(title(&marked_below.iter().collect::<Vec<_>>()), None);
        let plain_title = [heading(1, "Go notes"), heading(2, "1. Slices")];
        assert_eq!(title(&plain_title.iter().collect::<Vec<_>>()), None);
        let deeper_title = [heading(2, "Which libraries?"), heading(3, "1. Runtime")];
        assert_eq!(title(&deeper_title.iter().collect::<Vec<_>>()), None);
    }

    #[test]
    fn a_file_named_by_its_question_over_headings_that_do_not_ask() {
        let topics = [heading(1, "Deadlock"), heading(2, "Example")];
        let topics: Vec<&Facts> = topics.iter().collect();
        assert!(asks_by_name("What is deadlock", &topics));
        assert!(asks_by_name("Describe the fragment lifecycle", &topics));
        assert!(asks_by_name("Is it safe?", &topics));
        // Too short to be a question, or not asking.
        assert!(!asks_by_name("list", &topics));
        assert!(!asks_by_name("Name", &topics));
        assert!(!asks_by_name("Activity lifecycle notes", &topics));
        // Headings that ask are the questions.
        let asking = [heading(2, "What is a deadlock?")];
        assert!(!asks_by_name(
            "What is deadlock",
            &asking.iter().collect::<Vec<_>>()
        ));
    }
}
