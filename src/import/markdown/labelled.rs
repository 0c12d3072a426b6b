//! Collections that mark each question with a label paragraph rather than
//! a heading, with what the question shows after it and, when given, a
//! labelled answer:
//!
//! ````text
//! Question: What does this print?
//! ```js
//! console.log(1 + 1)
//! ```
//! Answer: 2, because both are numbers.
//! ````
//!
//! Code blocks and tables right after the question are its body (code to
//! read, data to use); anything else, labelled or not, is its answer, and so
//! is everything after it: a paragraph that explains could be the answer,
//! and a candidate copy must not show it.

use super::emit::Ctx;
use super::headings::{question_prefix, Facts, Layout, Role};
use super::lists::front_matter_title;
use super::tree::{collapse, plain_text, Node, Piece};
use super::Walk;
use comrak::nodes::NodeValue;

/// How many `Question:` paragraphs `pieces` have.
pub(super) fn asked(pieces: &[Piece<'_>]) -> usize {
    pieces
        .iter()
        .filter(|p| matches!(p, Piece::Block(node) if asks(node)))
        .count()
}

/// Walks a document of labelled questions: each `Question:` paragraph
/// opens one, headings name topics.
pub(super) fn walk<'a>(
    ctx: &Ctx<'a>,
    pieces: Vec<Piece<'a>>,
    facts: Vec<Option<Facts>>,
    layout: Layout,
    walk: &mut Walk<'a>,
) {
    // Whether the open question's body has ended.
    let mut answering = true;
    for (piece, f) in pieces.into_iter().zip(facts) {
        let Some(node) = walk.unless_heading(piece, f, (layout, false)) else {
            answering = true;
            continue;
        };
        if let NodeValue::FrontMatter(text) = &node.data().value {
            if let Some(title) = front_matter_title(text) {
                walk.section = title;
            }
            continue;
        }
        if asks(node) {
            let heading = ctx.heading();
            for child in node.children().collect::<Vec<_>>() {
                heading.append(child);
            }
            let text = collapse(&plain_text(heading));
            walk.heading(heading, &Facts::new(6, &text, false, false), Role::Question);
            answering = false;
            continue;
        }
        answering |= !matches!(
            node.data().value,
            NodeValue::CodeBlock(_) | NodeValue::Table(_)
        );
        if answering {
            walk.block(node);
        } else {
            walk.body(node);
        }
    }
}

/// Whether `node` is a paragraph opening with a question marker:
/// `Question:`, `Q.`, `Q3)`.
fn asks(node: Node<'_>) -> bool {
    matches!(node.data().value, NodeValue::Paragraph)
        && question_prefix(&plain_text(node)).is_some_and(|(_, marker)| marker)
}
