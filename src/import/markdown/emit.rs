//! Syntax-tree nodes back to Markdown text, through comrak's CommonMark
//! formatter, so an answer keeps its code blocks with their language, its
//! tables, nested lists, hard breaks and images.

use super::headings::question_prefix;
use super::labels::cut_leading_text;
use super::tree::{plain_text, Node};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{format_commonmark, parse_document, Arena, Options};

/// The arena the document lives in and the options it was parsed with.
pub(super) struct Ctx<'a> {
    pub(super) arena: &'a Arena<'a>,
    pub(super) options: Options<'static>,
    /// Where the source file's pictures are, to rewrite their paths for
    /// the bank (see [`super::pictures`]).
    pictures: Option<super::pictures::Pictures>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        arena: &'a Arena<'a>,
        pictures: Option<&super::pictures::Pictures>,
    ) -> Ctx<'a> {
        let mut options = crate::markdown::gfm();
        // YAML front matter is metadata, not a heading and a rule.
        options.extension.front_matter_delimiter = Some("---".to_string());
        // One paragraph per line: the bank keeps the author's words, and
        // layout decides where lines break.
        options.render.width = 0;
        // Code as fences: an indented block opening an answer would lose
        // its first line's indent when the answer is trimmed, and fences
        // read better in a bank file.
        options.render.prefer_fenced = true;
        Ctx {
            arena,
            options,
            pictures: pictures.cloned(),
        }
    }

    pub(super) fn parse(&self, text: &str) -> Node<'a> {
        let root = parse_document(self.arena, text, &self.options);
        if let Some(pictures) = &self.pictures {
            super::pictures::rebase(root, pictures);
        }
        root
    }

    /// The top-level blocks of `text`, parsed on their own.
    pub(super) fn parse_fragment(&self, text: &str) -> Vec<Node<'a>> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        self.parse(&super::limits::cap_nesting(text))
            .children()
            .collect()
    }

    /// An empty heading, for a question found elsewhere than in a heading
    /// (a `<summary>`, a bullet) to be filled and read as one.
    pub(super) fn heading(&self) -> Node<'a> {
        self.arena.alloc(AstNode::from(NodeValue::Heading(
            comrak::nodes::NodeHeading {
                level: 6,
                setext: false,
                closed: false,
            },
        )))
    }

    /// `blocks` as one Markdown text. The blocks move into a document of
    /// their own, so each may be emitted only once.
    pub(super) fn markdown(&self, blocks: &[Node<'a>]) -> String {
        let doc = self.arena.alloc(AstNode::from(NodeValue::Document));
        for &b in blocks {
            doc.append(b);
        }
        let mut out = String::new();
        // Writing to a String cannot fail; an error would leave `out` short,
        // never panic.
        let _ = format_commonmark(doc, &self.options, &mut out);
        strip_quotes(out.trim()).to_string()
    }

    /// A question heading's text as one line of inline Markdown: code
    /// spans, emphasis and links kept, backslash escapes resolved by the
    /// parse, the `Q.`, `Q1.`, `Question:` or `1.` prefix removed, and
    /// bold or a link around all of it dropped.
    pub(super) fn question(&self, heading: Node<'a>) -> String {
        // Unwrapped first: a label inside a link is cut only then.
        unwrap_whole_markup(heading);
        let text = plain_text(heading);
        let label = question_prefix(&text).map(|(len, _)| len);
        if let Some(len) = label.or_else(|| super::titled::label_len(&text)) {
            cut_leading_text(heading, len);
        }
        let para = self.arena.alloc(AstNode::from(NodeValue::Paragraph));
        for child in heading.children().collect::<Vec<_>>() {
            para.append(child);
        }
        let text = self.markdown(&[para]);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// `**Whole heading in bold**` → its content: the bold is the collection's
/// heading style, not emphasis. So is a link around the whole question
/// (`[Q3. Why …?](Q03.md)`, a list of questions each linking to its answer
/// file, or a heading linking to its source): a printed question cannot
/// follow it, and its label and number are cut inside it.
fn unwrap_whole_markup(heading: Node<'_>) {
    // Bold around a link around the text takes two turns; the markup is
    // one line of a heading, so the turns are few.
    while let Some(only) = heading.first_child() {
        let wraps = only.next_sibling().is_none()
            && matches!(
                only.data().value,
                NodeValue::Strong | NodeValue::Emph | NodeValue::Link(_)
            );
        if !wraps {
            return;
        }
        for child in only.children().collect::<Vec<_>>() {
            heading.append(child);
        }
        only.detach();
    }
}

/// An answer wholly in curly quotes, as articles quote a spoken answer,
/// without them.
fn strip_quotes(s: &str) -> &str {
    match s.strip_prefix('“').and_then(|t| t.strip_suffix('”')) {
        Some(inner) if !inner.contains(['“', '”']) => inner.trim(),
        _ => s,
    }
}
