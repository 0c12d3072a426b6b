//! Collections that are lists of questions with no answers, a bullet a
//! question, under topic headings or none:
//!
//! ```text
//! * What is a cold frame for?
//! * How would you plan a rotation?
//!   * What would you grow first?
//! ```
//!
//! Nested bullets that all ask are follow-ups: they join their question's
//! line, as an interviewer would ask them. Other blocks an item holds
//! after its first paragraph, nested bullets that tell included, are its
//! answer; so is the rest of that paragraph after a first line that asks
//! on its own (`* Is Go case-sensitive?` with `Yes.` on the next line). A
//! front matter `title:` names the section of questions before any
//! heading.

use super::emit::Ctx;
use super::headings::{opens_asking, Facts, Layout, Role};
use super::summaries::asks;
use super::tree::{collapse, plain_text, Node, Piece};
use super::Walk;
use crate::import::text::ends_question;
use comrak::nodes::{AstNode, ListType, NodeValue};

/// How many top-level bullets of `pieces` ask.
pub(super) fn asked(pieces: &[Piece<'_>]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Block(node) if bullets(node) => node
                .children()
                .filter(|item| question(item).is_some())
                .count(),
            _ => 0,
        })
        .sum()
}

/// Walks a list of questions: each asking bullet is a question, headings
/// name topics, and anything else is text outside the questions.
pub(super) fn walk<'a>(
    ctx: &Ctx<'a>,
    pieces: Vec<Piece<'a>>,
    facts: Vec<Option<Facts>>,
    layout: Layout,
    walk: &mut Walk<'a>,
) {
    for (piece, f) in pieces.into_iter().zip(facts) {
        let Some(node) = walk.unless_heading(piece, f, (layout, false)) else {
            continue;
        };
        if let NodeValue::FrontMatter(text) = &node.data().value {
            if let Some(title) = front_matter_title(text) {
                walk.section = title;
            }
            continue;
        }
        if !bullets(node) {
            walk.block(node);
            continue;
        }
        for item in node.children().collect::<Vec<_>>() {
            let Some(text) = question(item) else {
                // Reported as text outside the questions, under the
                // section it sits in.
                if walk.orphan.is_none() {
                    walk.orphan = Some((walk.section.clone(), 0));
                }
                walk.block(item);
                continue;
            };
            let f = Facts::new(6, &text, false, false);
            walk.heading(heading(ctx, item), &f, Role::Question);
            // What is left in the item after its question: its answer.
            for block in item.children().collect::<Vec<_>>() {
                walk.block(block);
            }
            walk.close();
        }
    }
}

/// Whether `node` is a bulleted list (a numbered one is an article's, or
/// steps inside an answer).
fn bullets(node: Node<'_>) -> bool {
    matches!(&node.data().value, NodeValue::List(l) if l.list_type == ListType::Bullet)
}

/// The question a list item asks in its first paragraph, if it asks one:
/// a bullet is plain text more often than a summary is, so it must end in
/// a question mark or open with an asking word ("Explain …", "Describe …").
fn question(item: Node<'_>) -> Option<String> {
    let first = item.first_child()?;
    if !matches!(first.data().value, NodeValue::Paragraph) {
        return None;
    }
    if let Some(line) = answered_below(first) {
        return Some(collapse(&inline_text(
            &first.children().take(line).collect::<Vec<_>>(),
        )));
    }
    let text = collapse(&plain_text(first));
    let asking = text.trim_end().ends_with(['?', '\u{ff1f}', '\u{61f}']) || opens_asking(&text);
    (asking && asks(&text)).then_some(text)
}

/// How many inlines of `paragraph` make its first line, when that line
/// asks on its own and the lines after it answer: it ends in a question
/// mark, or opens with an asking word and ends in a full stop ("Explain
/// closures."), and what follows does not ask in turn (a question wrapped
/// onto two lines, or a follow-up, stays whole).
fn answered_below(paragraph: Node<'_>) -> Option<usize> {
    let inlines: Vec<Node<'_>> = paragraph.children().collect();
    let line = inlines
        .iter()
        .position(|n| matches!(n.data().value, NodeValue::SoftBreak | NodeValue::LineBreak))?;
    let first = collapse(&inline_text(&inlines[..line]));
    let rest = collapse(&inline_text(&inlines[line + 1..]));
    let first = first.trim_end();
    let alone = ends_question(first) || (opens_asking(first) && first.ends_with('.'));
    (alone && asks(first) && !rest.is_empty() && !ends_question(&rest)).then_some(line)
}

/// The plain text of some inlines.
fn inline_text(inlines: &[Node<'_>]) -> String {
    inlines.iter().map(|n| plain_text(n)).collect()
}

/// A heading holding the item's question and its follow-ups (the first
/// paragraphs of nested bullets that all ask, which leave the item), for
/// the walk to take as the question. A first line that is answered below
/// it goes alone, and the rest of its paragraph stays, as the answer.
fn heading<'a>(ctx: &Ctx<'a>, item: Node<'a>) -> Node<'a> {
    let heading = ctx.heading();
    let mut paragraphs = Vec::new();
    if let Some(first) = item.first_child() {
        if let Some(line) = answered_below(first) {
            let inlines: Vec<Node<'a>> = first.children().collect();
            for inline in &inlines[..line] {
                heading.append(inline);
            }
            inlines[line].detach();
            return heading;
        }
        paragraphs.push(first);
    }
    // Only a nested list whose every bullet asks is follow-ups: bullets
    // that tell (`* A function with its scope.`) are an answer, and stay
    // in the item, out of candidate copies.
    let nested: Vec<Node<'a>> = item
        .children()
        .filter(|&c| bullets(c) && c.children().all(|b| question(b).is_some()))
        .collect();
    for list in nested {
        for follow_up in list.children() {
            paragraphs.extend(
                follow_up
                    .first_child()
                    .filter(|p| matches!(p.data().value, NodeValue::Paragraph)),
            );
        }
        list.detach();
    }
    for (k, paragraph) in paragraphs.into_iter().enumerate() {
        if k > 0 {
            heading.append(ctx.arena.alloc(AstNode::from(NodeValue::Text(" ".into()))));
        }
        for child in paragraph.children().collect::<Vec<_>>() {
            heading.append(child);
        }
        paragraph.detach();
    }
    heading
}

/// The `title:` of a YAML front matter, unquoted.
pub(super) fn front_matter_title(front_matter: &str) -> Option<String> {
    front_matter.lines().find_map(|line| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        let value = collapse(value);
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_front_matter() {
        assert_eq!(
            front_matter_title("---\ntitle: Soil questions\nlayout: page\n---\n"),
            Some("Soil questions".to_string())
        );
        assert_eq!(
            front_matter_title("title: \"Quoted: yes\""),
            Some("Quoted: yes".to_string())
        );
        assert_eq!(front_matter_title("layout: page\ntitle:   \n"), None);
    }
}
