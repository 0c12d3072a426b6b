//! The syntax tree as a flat run of pieces: question-candidate headings and
//! the blocks between them.
//!
//! Collections put questions at the top level (`## Q. …`) or inside list
//! items (`1.  ### …`, one item per question). Flattening both into one run
//! lets the later stages ignore where a heading sat, except for the
//! `in_list` fact they use to recognise the layout.

use comrak::nodes::NodeValue;

pub(super) type Node<'a> = comrak::nodes::Node<'a>;

/// One piece of the flattened document.
#[derive(Clone, Copy)]
pub(super) enum Piece<'a> {
    /// A heading; `in_list` when it opens a list item, `nested` when it
    /// sits anywhere in one.
    Heading {
        node: Node<'a>,
        in_list: bool,
        nested: bool,
    },
    /// Any other block, kept whole.
    Block(Node<'a>),
}

/// The document's top-level blocks, with lists whose items open with a
/// heading taken apart into their items' blocks. The walk keeps its own
/// stack, so lists nested thousands deep cannot exhaust the real one.
pub(super) fn flatten<'a>(root: Node<'a>) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    // (node, opens a list item, sits in one)
    let mut stack: Vec<(Node<'a>, bool, bool)> =
        root.reverse_children().map(|n| (n, false, false)).collect();
    while let Some((node, first_in_item, nested)) = stack.pop() {
        let (heading, list) = {
            let data = node.data();
            (
                matches!(data.value, NodeValue::Heading(_)),
                matches!(data.value, NodeValue::List(_)),
            )
        };
        if heading {
            out.push(Piece::Heading {
                node,
                in_list: first_in_item,
                nested,
            });
        } else if list && has_heading_item(node) {
            for item in node.reverse_children() {
                let children: Vec<Node<'a>> = item.children().collect();
                for (i, child) in children.into_iter().enumerate().rev() {
                    stack.push((child, i == 0, true));
                }
            }
        } else {
            out.push(Piece::Block(node));
        }
    }
    out
}

/// Whether some item of the list opens with a heading.
fn has_heading_item(list: Node<'_>) -> bool {
    list.children().any(|item| {
        item.first_child()
            .is_some_and(|c| matches!(c.data().value, NodeValue::Heading(_)))
    })
}

/// The text a reader sees in `node`: text, code and HTML text, with breaks
/// as spaces. Iterative, like every walk here.
pub(super) fn plain_text(node: Node<'_>) -> String {
    let mut s = String::new();
    for n in node.descendants() {
        match &n.data().value {
            NodeValue::Text(t) => s.push_str(t),
            NodeValue::Code(c) => s.push_str(&c.literal),
            NodeValue::CodeBlock(c) => s.push_str(&c.literal),
            NodeValue::HtmlInline(h) => s.push_str(&strip_tags(h)),
            NodeValue::HtmlBlock(h) => s.push_str(&strip_tags(&h.literal)),
            NodeValue::SoftBreak | NodeValue::LineBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// `html` without its tags and with the entities collections use for
/// arrows and spaces decoded, as a reader sees it.
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&#8593;", "↑")
        .replace("&uarr;", "↑")
        .replace("&amp;", "&")
}

/// The links under `node`: (destination, text).
pub(super) fn links(node: Node<'_>) -> Vec<(String, String)> {
    node.descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Link(l) => Some((l.url.clone(), plain_text(n))),
            _ => None,
        })
        .collect()
}

/// The images under `node`: their sources.
pub(super) fn images(node: Node<'_>) -> Vec<String> {
    node.descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Image(l) => Some(l.url.clone()),
            _ => None,
        })
        .collect()
}

/// `s` with every run of whitespace turned into one space, trimmed.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
