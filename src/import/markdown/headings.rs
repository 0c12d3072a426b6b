//! What each heading is: a question, a section, a label inside an answer,
//! or navigation.
//!
//! Real collections differ in where they put questions: `## Q.` headings,
//! `###` headings under `##` sections, or headings inside numbered list
//! items. The level and the kind of marker that most headings share is
//! the document's question layout, and each heading is judged against it,
//! so a `#### Example` inside an answer stays part of the answer while a
//! `#### Q.` line after `## Q.` questions is a question of its own.

use super::labels::{answer_heading, heading_label, Label};
use super::tree::collapse;

/// What a heading says about itself, from its plain text.
#[derive(Debug, Clone)]
pub(super) struct Facts {
    pub(super) level: u8,
    /// Plain text, whitespace collapsed.
    pub(super) text: String,
    /// Opens a list item: `1.  ### Question`.
    pub(super) in_list: bool,
    /// Sits inside a list item, first or not.
    pub(super) nested: bool,
    /// Starts with `Q.`, `Q1.` or `Question:`.
    pub(super) prefixed: bool,
    /// Starts with a bare number: `12.`, `3)`, `4-`.
    pub(super) numbered: bool,
    /// Ends with a question mark.
    pub(super) asks: bool,
    /// Starts with a literal `#`: `## # 1. Introduction` groups questions.
    pub(super) group: bool,
    /// A table of contents or a list of related pages.
    pub(super) nav: bool,
    pub(super) label: Option<Label>,
    /// A label with the content after it (`Answer: D`): always part of the
    /// open question, whatever its level.
    pub(super) inline_label: bool,
}

/// Headings that head navigation, lowercased without trailing colons.
const NAV_HEADINGS: [&str; 10] = [
    "table of contents",
    "contents",
    "toc",
    "index",
    "related topics",
    "related articles",
    "related",
    "quick links",
    "navigation",
    "list of questions",
];

impl Facts {
    pub(super) fn new(level: u8, text: &str, in_list: bool, nested: bool) -> Facts {
        let text = collapse(text);
        // A question marker (`Q.`) or a bare number (`12.`), if either.
        let marker = question_prefix(&text).map(|(_, q)| q);
        let key = text
            .trim_end_matches(':')
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        Facts {
            level,
            in_list,
            nested,
            prefixed: marker == Some(true),
            numbered: marker == Some(false),
            asks: text
                .trim_end_matches(['*', '_', ' '])
                .ends_with(['?', '\u{ff1f}', '\u{61f}']),
            group: text.starts_with('#'),
            nav: NAV_HEADINGS.contains(&key.as_str()),
            label: heading_label(&text).or_else(|| answer_heading(&text).map(|(l, _)| l)),
            inline_label: heading_label(&text).is_none() && answer_heading(&text).is_some(),
            text,
        }
    }

    fn looks_like_question(&self) -> bool {
        !self.nav && self.label.is_none() && (self.prefixed || self.in_list || self.asks)
    }

    /// Whether a heading that is not at the questions' level still asks on
    /// its own: a marker, a question mark, or an asking word
    /// (`#### 1. What is the output of this code`).
    pub(super) fn asks_alone(&self) -> bool {
        !self.nav
            && self.label.is_none()
            && (self.prefixed || self.asks || opens_asking(&self.text))
    }
}

/// The byte length of a question or number prefix (`Q.`, `Q12:`,
/// `Question 3.`, `1.`, `2)`, `3-`, with the space after it) and whether it
/// was a question marker rather than a bare number.
pub(super) fn question_prefix(text: &str) -> Option<(usize, bool)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let (rest, marker) = if let Some(r) = strip_word(t, "question") {
        (r, true)
    } else if let Some(r) = t.strip_prefix(['Q', 'q']) {
        (r, true)
    } else {
        (t, false)
    };
    let spaced = rest.trim_start_matches(' ');
    let digits = spaced.len()
        - spaced
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if (!marker && digits == 0) || digits > 5 || (!marker && spaced.len() != rest.len()) {
        return None;
    }
    // A dash right after the number ("3- What ..."), as some collections
    // number their headings; "3-5 items" has no space after it.
    let after = spaced[digits..].strip_prefix(['.', ':', ')', '-', '\u{2013}'])?;
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let body = after.trim_start();
    Some((lead + t.len() - body.len(), marker))
}

/// Words that open a question asked without a question mark: "Explain
/// OSPF.", "What is the output of this code".
const ASKING: [&str; 18] = [
    "what", "why", "how", "when", "where", "which", "who", "explain", "describe", "define",
    "compare", "discuss", "name", "list", "give", "talk", "write", "tell",
];

/// Whether `text`, after any `Q.` or `1.` prefix, opens with an asking word.
pub(in crate::import) fn opens_asking(text: &str) -> bool {
    let body = match question_prefix(text) {
        Some((n, _)) => &text[n..],
        None => text,
    };
    body.split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .is_some_and(|w| ASKING.contains(&w.as_str()))
}

fn strip_word<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let head = t.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &t[word.len()..])
}

/// How this document marks its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `## Q. …` or `## Question: …`.
    Prefix,
    /// `1.  ### …`: a heading opening each list item.
    List,
    /// Plain headings, most ending in `?`.
    Plain,
}

/// The document's question layout: the heading level of its questions and
/// how they are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Layout {
    pub(super) level: u8,
    pub(super) kind: Kind,
    /// Most questions at that level are numbered, so a heading there that
    /// is not, and does not ask, heads something else (`### Key commands`
    /// after `### 50. What …?`).
    pub(super) numbered: bool,
}

/// Picks the level from 2 to 4 where most headings look like questions;
/// when none does, the level with the most headings, deeper on a tie (a
/// `##` title over `###` entries is a section).
pub(super) fn layout(headings: &[Facts]) -> Layout {
    let score = |level: u8| {
        let at: Vec<&Facts> = headings
            .iter()
            .filter(|f| f.level == level && !f.nav && f.label.is_none())
            .collect();
        let looks = at.iter().filter(|f| f.looks_like_question()).count();
        let tie = if looks > 0 { 5 - level } else { level };
        (looks, at.len(), tie)
    };
    let level = (2..=4).max_by_key(|&l| score(l)).unwrap_or(2);
    let at = || {
        headings
            .iter()
            .filter(move |f| f.level == level && f.looks_like_question())
    };
    let looks = at().count();
    let kind = if looks > 0 && 2 * at().filter(|f| f.prefixed).count() >= looks {
        Kind::Prefix
    } else if looks > 0 && 2 * at().filter(|f| f.in_list).count() >= looks {
        Kind::List
    } else {
        Kind::Plain
    };
    let numbered = looks > 0 && 2 * at().filter(|f| f.numbered).count() >= looks;
    Layout {
        level,
        kind,
        numbered,
    }
}

/// What a heading is in a document of `layout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Role {
    Question,
    /// Starts a group of questions, with this name.
    Section(String),
    /// Heads navigation: it and the blocks under it go.
    Nav,
    /// Part of an answer: a label or a sub-heading.
    Inner,
}

pub(super) fn role(f: &Facts, layout: Layout) -> Role {
    if f.nav {
        return Role::Nav;
    }
    // In a list layout a heading inside an item's answer, at any level, is
    // a sub-heading of that answer (`## 1. Syntax:` under `1.  ### …`).
    if layout.kind == Kind::List && f.nested && !f.in_list && !f.prefixed {
        return Role::Inner;
    }
    if f.level < layout.level && !f.inline_label {
        return Role::Section(section_name(&f.text));
    }
    if f.label.is_some() {
        return Role::Inner;
    }
    let question = if f.level == layout.level {
        match layout.kind {
            Kind::Prefix => f.prefixed || (f.asks && !f.group),
            Kind::List => f.in_list || f.prefixed,
            Kind::Plain => !f.group && (f.numbered || !layout.numbered || f.asks_alone()),
        }
    } else {
        f.prefixed
            || (layout.kind == Kind::List && f.in_list)
            || (layout.kind == Kind::Plain && f.asks)
    };
    if question {
        Role::Question
    } else if f.level == layout.level {
        Role::Section(section_name(&f.text))
    } else {
        Role::Inner
    }
}

/// A group heading's name without its `#` and number: `# 1. Introduction`
/// → `Introduction`.
pub(super) fn section_name(text: &str) -> String {
    let t = text.trim_start_matches(['#', ' ']);
    let t = match question_prefix(t) {
        Some((n, false)) => &t[n..],
        _ => t,
    };
    collapse(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        fn cut(s: &str) -> Option<(&str, bool)> {
            question_prefix(s).map(|(n, q)| (&s[n..], q))
        }
        assert_eq!(cut("Q. What?"), Some(("What?", true)));
        assert_eq!(cut("Q12: What?"), Some(("What?", true)));
        assert_eq!(cut("Q 3) What?"), Some(("What?", true)));
        assert_eq!(cut("Question: What?"), Some(("What?", true)));
        assert_eq!(cut("question 4. What?"), Some(("What?", true)));
        assert_eq!(cut("12. What?"), Some(("What?", false)));
        assert_eq!(
            cut("3- What will it print?"),
            Some(("What will it print?", false))
        );
        assert_eq!(cut("14\u{2013} Why?"), Some(("Why?", false)));
        assert_eq!(cut("3-5 items?"), None);
        assert_eq!(cut("1.5 million"), None);
        assert_eq!(cut("Queues: why?"), None);
        assert_eq!(cut("Q.What"), None);
        assert_eq!(cut("What?"), None);
    }

    #[test]
    fn group_headings_lose_their_marks() {
        assert_eq!(section_name("# 1. Introduction"), "Introduction");
        assert_eq!(section_name("# 12) NODE.JS SETUP"), "NODE.JS SETUP");
        assert_eq!(section_name("Core topics"), "Core topics");
    }
}
