//! A question's blocks → its body, its guidance and its answer.
//!
//! Everything is answer unless a label says otherwise: "Why they ask" and
//! "Guidance" open guidance. Guessing that a first unlabelled paragraph is
//! guidance put the start of real answers under "Why they ask", where
//! candidate copies show it, so this never guesses. The body (also shown
//! to candidates) is only what the source itself sets apart from the
//! answer: blocks before an answer folded under "Answer", with no label or
//! quote among them.

use super::emit::Ctx;
use super::labels::{answer_heading, cut_leading_text, heading_label, paragraph_label, Label};
use super::navigation::{navigation, NavKind};
use super::tree::{collapse, plain_text, strip_tags, Node};
use comrak::nodes::{AstNode, NodeValue};
use std::collections::BTreeMap;

/// One block under a question heading.
pub(super) enum Item<'a> {
    Block(Node<'a>),
    /// A block of what the question shows with it (a `<summary>` that
    /// goes on past its first line).
    Body(Node<'a>),
    /// A heading deeper than the questions: a label or a sub-heading.
    Heading(Node<'a>, Option<Label>),
}

/// The paragraph that asks, under a heading that only names a topic
/// (`#### Globals Are Evil`, then "Why are global objects evil? Show it
/// with code."): the question itself, taken out of `items` to be shown
/// with the heading. A heading that asks keeps its first paragraph in the
/// answer, and so does one whose first block is anything else, or a
/// paragraph that is labelled or does not end in a question mark.
pub(super) fn asking_lead<'a>(question: &str, items: &mut Vec<Item<'a>>) -> Option<Node<'a>> {
    if question.trim().ends_with(['?', '\u{ff1f}', '\u{61f}']) || super::opens_asking(question) {
        return None;
    }
    // Only a question mark tells: "When a client connects, …" opens with
    // an asking word and answers, and "Define an SLO before choosing a
    // tool: …" opens with an asking verb and advises.
    let asks = |text: &str| text.trim().ends_with(['?', '\u{ff1f}', '\u{61f}']);
    let Some(Item::Block(first)) = items.first() else {
        return None;
    };
    let first = *first;
    let paragraph = matches!(first.data().value, NodeValue::Paragraph);
    if !paragraph || paragraph_label(first).is_some() || !asks(&collapse(&plain_text(first))) {
        return None;
    }
    items.remove(0);
    Some(first)
}

/// A block that belongs with the question rather than its answer when the
/// source heads the answer separately: a paragraph that asks, code, or a
/// table.
fn sets_the_question(block: Node<'_>) -> bool {
    match &block.data().value {
        NodeValue::Paragraph => {
            collapse(&plain_text(block)).ends_with(['?', '\u{ff1f}', '\u{61f}'])
        }
        NodeValue::CodeBlock(_) | NodeValue::Table(_) => true,
        _ => false,
    }
}

/// The blocks of a question's guidance and of its answer.
#[derive(Default)]
pub(super) struct Parts<'a> {
    /// What the question shows with it: the blocks before a folded answer.
    pub(super) body: Vec<Node<'a>>,
    pub(super) why: Vec<Node<'a>>,
    pub(super) answer: Vec<Node<'a>>,
    /// A label, a quote or a fold said where the answer is.
    pub(super) labelled: bool,
}

/// Sorts `items` into guidance and answer, dropping navigation (counted in
/// `dropped`) and the labels themselves. When the answer is folded under an
/// "Answer" summary and nothing before the fold was labelled, what comes
/// before it is what the question shows: code to read, options to choose
/// from.
pub(super) fn split<'a>(
    ctx: &Ctx<'a>,
    items: Vec<Item<'a>>,
    dropped: &mut BTreeMap<NavKind, usize>,
) -> Parts<'a> {
    let mut parts = Parts::default();
    let mut mode = Label::Answer;
    let mut in_details = false;
    let mut labelled = false;
    for item in items {
        let block = match item {
            Item::Body(node) => {
                parts.body.push(node);
                continue;
            }
            Item::Heading(node, Some(label)) => {
                // `## Answer guide` after unlabelled blocks that ask or
                // give something to read (a scenario, a snippet): the
                // source itself sets those apart from the answer, as a
                // fold does. A plain statement there may be a short answer
                // and stays one. `#### Answer: D` is a quiz's key after its
                // options, which stay where they are.
                let whole = answer_heading(&plain_text(node)).is_none();
                if label == Label::Answer
                    && whole
                    && !labelled
                    && parts.why.is_empty()
                    && parts.answer.iter().any(|b| sets_the_question(b))
                {
                    parts.body.append(&mut parts.answer);
                }
                mode = label;
                labelled = true;
                // `#### Answer: D`: what follows the label is the answer's
                // first line.
                if let Some((_, len)) = answer_heading(&plain_text(node)) {
                    cut_leading_text(node, len);
                    if node.first_child().is_some() {
                        parts.push(label, emphasised_paragraph(ctx, node));
                    }
                }
                continue;
            }
            Item::Heading(node, None) => {
                parts.push(mode, emphasised_paragraph(ctx, node));
                continue;
            }
            Item::Block(node) => node,
        };
        if let Some(html) = html_literal(block) {
            let unfolded = !in_details;
            if let Some(details) = details(ctx, &html, &mut in_details) {
                if unfolded && !labelled && parts.why.is_empty() && folds_answer(&html) {
                    parts.body.append(&mut parts.answer);
                    labelled = true;
                }
                parts.answer.extend(details);
                continue;
            }
        }
        if let Some(kind) = navigation(block) {
            *dropped.entry(kind).or_default() += 1;
            continue;
        }
        if matches!(block.data().value, NodeValue::ThematicBreak) {
            // Rules separate questions in collections; inside one answer
            // they carry nothing a printed guide needs.
            continue;
        }
        if in_details {
            parts.answer.push(block);
        } else {
            // A label or a quote says where the answer is; blocks before a
            // fold are then never taken for the question's body.
            labelled |= match &block.data().value {
                NodeValue::Paragraph => paragraph_label(block).is_some(),
                NodeValue::BlockQuote => true,
                _ => false,
            };
            mode = parts.place(block, mode);
        }
    }
    parts.labelled = labelled;
    parts
}

impl<'a> Parts<'a> {
    fn push(&mut self, mode: Label, node: Node<'a>) {
        match mode {
            Label::Why => self.why.push(node),
            Label::Answer => self.answer.push(node),
        }
    }

    /// Puts an ordinary block where its label or the current mode says, and
    /// returns the mode for the blocks after it.
    fn place(&mut self, block: Node<'a>, mode: Label) -> Label {
        let value_is = |v: fn(&NodeValue) -> bool| v(&block.data().value);
        if value_is(|v| matches!(v, NodeValue::BlockQuote)) {
            // A quote opening the answer, or one labelled as an answer, is
            // the answer itself; elsewhere it is a quote inside it.
            let labelled = block
                .first_child()
                .and_then(paragraph_label)
                .is_some_and(|(l, _)| l == Label::Answer);
            if self.answer.is_empty() || labelled {
                for child in block.children().collect::<Vec<_>>() {
                    self.place(child, Label::Answer);
                }
                return Label::Answer;
            }
        }
        if value_is(|v| matches!(v, NodeValue::Paragraph)) {
            if let Some((label, len)) = paragraph_label(block) {
                cut_leading_text(block, len);
                if block.first_child().is_some() {
                    self.push(label, block);
                    // An inline label covers its own paragraph only.
                    return if label == Label::Why { mode } else { label };
                }
                return label;
            }
        }
        self.push(mode, block);
        mode
    }
}

/// Whether `html` opens a `<details>` whose summary is an answer label
/// ("Answer", "Short answer"): one that folds the answer itself, not an
/// example inside it ("See the class version").
fn folds_answer(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let Some(open) = lower
        .find("<details")
        .and_then(|d| lower[d..].find("<summary").map(|s| d + s))
    else {
        return false;
    };
    let Some(start) = lower[open..].find('>').map(|e| open + e + 1) else {
        return false;
    };
    let end = lower[start..]
        .find("</summary>")
        .map_or(lower.len(), |e| start + e);
    heading_label(&collapse(&strip_tags(&html[start..end]))) == Some(Label::Answer)
}

fn html_literal(block: Node<'_>) -> Option<String> {
    match &block.data().value {
        NodeValue::HtmlBlock(h) => Some(h.literal.clone()),
        _ => None,
    }
}

/// `<details>` and `</details>` blocks: the Markdown inside them, parsed,
/// with the `<summary>` dropped. Comrak ends an HTML block at a blank line,
/// so a details element usually spans several blocks; `in_details` carries
/// the state across them.
fn details<'a>(ctx: &Ctx<'a>, html: &str, in_details: &mut bool) -> Option<Vec<Node<'a>>> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<details");
    let close = lower.find("</details>");
    if open.is_none() && close.is_none() {
        return None;
    }
    let start = match (lower.find("</summary>"), open) {
        (Some(s), _) => s + "</summary>".len(),
        (None, Some(o)) => o + lower[o..].find('>').map_or(lower.len() - o, |e| e + 1),
        (None, None) => 0,
    };
    let end = close.filter(|&c| c >= start).unwrap_or(html.len());
    *in_details = close.is_none_or(|c| open.is_some_and(|o| o > c));
    let inner = html.get(start..end).unwrap_or("");
    Some(ctx.parse_fragment(&dedent(&without_bare_wrappers(inner))))
}

/// `html` without the lines that are only a `<p>` or `<div>` tag, open or
/// closed: the wrappers collections put around a folded answer's Markdown
/// (`<details><summary>Answer</summary>` then `<p>`), which would be
/// left in the answer as stray tags.
fn without_bare_wrappers(html: &str) -> String {
    html.lines()
        .filter(|line| {
            let tag = line.trim().to_ascii_lowercase();
            let name = tag
                .strip_prefix("</")
                .or_else(|| tag.strip_prefix('<'))
                .and_then(|t| t.strip_suffix('>'))
                .map(|t| t.split_whitespace().next().unwrap_or_default());
            !matches!(name, Some("p" | "div"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` without the indentation all its lines share, so a paragraph
/// indented inside an HTML block is not read as code.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A sub-heading inside an answer as a paragraph of strong text: headings
/// in an answer would compete with the question headings of the guide.
fn emphasised_paragraph<'a>(ctx: &Ctx<'a>, heading: Node<'a>) -> Node<'a> {
    let strong = ctx.arena.alloc(AstNode::from(NodeValue::Strong));
    for child in heading.children().collect::<Vec<_>>() {
        strong.append(child);
    }
    heading.data_mut().value = NodeValue::Paragraph;
    heading.append(strong);
    heading
}
