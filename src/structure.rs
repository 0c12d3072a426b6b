//! The structural guard: after rendering, the parsed document must hold
//! every selected question exactly once, in the selected order.
//!
//! Every later stage finds a question by the id its block carries, so a
//! template that drops, repeats or reorders questions, or a field whose
//! unclosed code fence swallows the rest of the document, has to stop the
//! build here rather than print a pack that silently lacks questions.

use crate::diag::Diagnostic;
use crate::markdown::{Block, Document, ListItem, QUESTION_MARK};
use std::collections::HashMap;

/// What went wrong with one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The template printed no mark for it.
    Missing(String),
    /// Its mark is in the Markdown, but inside a code block that an
    /// unclosed fence opened earlier.
    Swallowed {
        /// The question swallowed.
        id: String,
        /// The question whose text holds the unclosed fence, if the fence
        /// opened inside one.
        opener: Option<String>,
    },
    /// Its mark is in the Markdown but not at the top level (inside a list,
    /// a quote or a larger HTML block), so it opens no question.
    Buried(String),
    /// It appears more than once.
    Repeated(String, usize),
    /// A mark names a question that is not selected.
    Unknown(String),
    /// Every question is there once, but this one is out of order.
    Order {
        /// The question found at this position.
        found: String,
        /// The one the selection puts here.
        expected: String,
    },
}

impl Problem {
    /// The problem's kind, as an index into [`KINDS`].
    fn kind(&self) -> usize {
        match self {
            Problem::Missing(_) => 0,
            Problem::Swallowed { .. } => 1,
            Problem::Buried(_) => 2,
            Problem::Repeated(..) => 3,
            Problem::Unknown(_) => 4,
            Problem::Order { .. } => 5,
        }
    }

    /// How the problem names its question in a message.
    fn named(&self) -> String {
        match self {
            Problem::Missing(id) | Problem::Buried(id) | Problem::Unknown(id) => format!("`{id}`"),
            Problem::Swallowed {
                id,
                opener: Some(opener),
            } => format!("`{id}` (the fence opened in `{opener}`)"),
            Problem::Swallowed { id, opener: None } => format!("`{id}`"),
            Problem::Repeated(id, n) => format!("`{id}` ({n} times)"),
            Problem::Order { found, expected } => format!("`{found}` (where `{expected}` belongs)"),
        }
    }
}

/// Each kind of problem: what happened, and how to fix it.
const KINDS: [(&str, &str); 6] = [
    (
        "missing: the template printed no mark for",
        "print `<!-- question: {{id}} -->` on the line before each question's heading (see README, Templates)",
    ),
    (
        "swallowed by a code block that an unclosed ``` fence opened earlier",
        "close every code fence in the template and in the `why`, `answer` and `intro` fields before it",
    ),
    (
        "marked inside a list, a quote or an HTML block, where a mark opens no question",
        "put `<!-- question: {{id}} -->` at the start of a line of its own, with a blank line before it",
    ),
    (
        "printed more than once",
        "print each question once: check `{{#each}}` loops and partials that print the question again",
    ),
    (
        "marked as a question but not selected",
        "a mark must name the id of a selected question; check the template and the bank text for stray marks",
    ),
    (
        "out of the selected order",
        "print the questions in the order of `sections` and their `questions`, as `{{#each sections}}{{#each questions}}` does",
    ),
];

/// Most questions one error names; the rest are counted.
const MAX_NAMED: usize = 10;

/// The problems as errors, one per kind, each naming the output, its
/// template and the questions.
pub fn diagnostics(problems: &[Problem], output: &str, template: &str) -> Vec<Diagnostic> {
    KINDS
        .iter()
        .enumerate()
        .filter_map(|(kind, (what, hint))| {
            let named: Vec<String> = problems
                .iter()
                .filter(|p| p.kind() == kind)
                .map(Problem::named)
                .collect();
            if named.is_empty() {
                return None;
            }
            let mut list = named[..named.len().min(MAX_NAMED)].join(", ");
            if named.len() > MAX_NAMED {
                list += &format!(" and {} more", named.len() - MAX_NAMED);
            }
            Some(
                Diagnostic::error(format!(
                    "output `{output}` (template `{template}`): {what}: {list}"
                ))
                .hint(*hint),
            )
        })
        .collect()
}

/// Checks that `doc` (parsed from `markdown`) holds the questions
/// `expected`, each once and in order.
pub fn check(doc: &Document, markdown: &str, expected: &[&str]) -> Vec<Problem> {
    let found: Vec<&str> = doc.question_ids().collect();
    if found == expected {
        return Vec::new();
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in &found {
        *counts.entry(id).or_default() += 1;
    }
    let wanted: HashMap<&str, ()> = expected.iter().map(|id| (*id, ())).collect();
    let mut problems = Vec::new();
    for id in expected {
        match counts.get(id).copied().unwrap_or(0) {
            0 => problems.push(absent(doc, markdown, id)),
            1 => {}
            n => problems.push(Problem::Repeated(id.to_string(), n)),
        }
    }
    let mut reported: HashMap<&str, ()> = HashMap::new();
    for id in &found {
        if !wanted.contains_key(id) && reported.insert(id, ()).is_none() {
            problems.push(Problem::Unknown(id.to_string()));
        }
    }
    if problems.is_empty() {
        if let Some((f, e)) = found.iter().zip(expected).find(|(f, e)| f != e) {
            problems.push(Problem::Order {
                found: f.to_string(),
                expected: e.to_string(),
            });
        }
    }
    problems
}

/// Why a question that should be there is not.
fn absent(doc: &Document, markdown: &str, id: &str) -> Problem {
    let mark = format!("{QUESTION_MARK} {id}");
    if !markdown.contains(&mark) {
        Problem::Missing(id.to_string())
    } else if in_code(&doc.blocks, &mark) {
        // Naming where the fence opened points at the field to mend.
        let opener = doc.blocks.iter().find_map(|b| match b {
            Block::Question { id, blocks } if in_code(blocks, &mark) => Some(id.clone()),
            _ => None,
        });
        Problem::Swallowed {
            id: id.to_string(),
            opener,
        }
    } else {
        Problem::Buried(id.to_string())
    }
}

/// Whether any code block in `blocks` contains `needle`. The Markdown
/// stage bounds nesting, so the recursion is bounded too.
fn in_code(blocks: &[Block], needle: &str) -> bool {
    blocks.iter().any(|b| match b {
        Block::Code { text, .. } => text.contains(needle),
        Block::Quote(inner) | Block::Question { blocks: inner, .. } => in_code(inner, needle),
        Block::List { items, .. } => items
            .iter()
            .any(|ListItem { blocks, .. }| in_code(blocks, needle)),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn problems(md: &str, expected: &[&str]) -> Vec<Problem> {
        check(&parse(md), md, expected)
    }

    #[test]
    fn every_question_once_in_order_passes() {
        let md = "<!-- question: a -->\n## 1. A\n\n<!-- question: b -->\n## 2. B\n";
        assert_eq!(problems(md, &["a", "b"]), vec![]);
    }

    #[test]
    fn each_way_of_going_wrong_is_named() {
        let md = "<!-- question: a -->\n## A\n\n<!-- question: a -->\n## A again\n";
        assert_eq!(
            problems(md, &["a", "b"]),
            vec![
                Problem::Repeated("a".into(), 2),
                Problem::Missing("b".into())
            ]
        );
        let md = "<!-- question: a -->\n## A\n\n```\nno end\n\n<!-- question: b -->\n## B\n";
        assert_eq!(
            problems(md, &["a", "b"]),
            vec![Problem::Swallowed {
                id: "b".into(),
                opener: Some("a".into())
            }]
        );
        let md = "- <!-- question: a -->\n  ## A\n";
        assert_eq!(problems(md, &["a"]), vec![Problem::Buried("a".into())]);
        let md =
            "<!-- question: b -->\n## B\n\n<!-- question: a -->\n## A\n\n<!-- question: zz -->\n";
        assert_eq!(
            problems(md, &["a", "b"]),
            vec![Problem::Unknown("zz".into())]
        );
        let md = "<!-- question: b -->\n## B\n\n<!-- question: a -->\n## A\n";
        assert_eq!(
            problems(md, &["a", "b"]),
            vec![Problem::Order {
                found: "b".into(),
                expected: "a".into()
            }]
        );
    }
}
