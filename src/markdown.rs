//! Markdown → our block tree. The only module that imports comrak.
//!
//! Like comrak's own parser this stage cannot fail: any text becomes some
//! document. An image becomes a [`Figure`] naming its file (loading it is
//! a later stage's work); HTML becomes what it means (see [`html`]), and a
//! tag we do not typeset leaves its text, so nothing the user wrote
//! silently disappears.

mod figure;
mod html;
mod pieces;
mod to_html;

pub(crate) use to_html::escape as escape_xml;

pub use figure::{Figure, Width};
pub use to_html::{blocks_html, inline_html};

use comrak::nodes::{ListType, NodeValue, TableAlignment};
use comrak::{parse_document, Arena, Options};

/// A parsed Markdown file: front matter and blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Title block fields from the `---` front matter.
    pub meta: Meta,
    /// The body.
    pub blocks: Vec<Block>,
    /// HTML tags that were dropped, their text kept: one warning each.
    pub dropped_html: Vec<String>,
}

/// Title block fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Document title.
    pub title: Option<String>,
    /// Line under the title.
    pub subtitle: Option<String>,
    /// Author or organisation.
    pub author: Option<String>,
    /// Date line.
    pub date: Option<String>,
    /// Which copy this is (a batch member: "alice", "3").
    pub copy: Option<String>,
}

/// Block-level content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `#`, `##`, `###` … headings; levels beyond 3 are typeset as level 3.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Heading text.
        content: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted (`start == None`) or numbered list.
    List {
        /// First number of a numbered list.
        start: Option<u64>,
        /// Tight lists have no space between items.
        tight: bool,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A fenced or indented code block.
    Code {
        /// The info string's first word.
        lang: String,
        /// The code, without the final newline.
        text: String,
    },
    /// A thematic break (`---`).
    Rule,
    /// Ruled lines to write on: a fenced block with the info string
    /// `studyguide notes N`, or `studyguide notes N fill` for at least N
    /// lines and more down to the page foot when a page break or the end of
    /// the document follows.
    Notes {
        /// Lines to draw.
        lines: u32,
        /// Continue the lines to the foot of the page.
        fill: bool,
    },
    /// A 1–5 score row and a comments box: `studyguide score`.
    Score,
    /// Start a new page: `studyguide pagebreak`.
    PageBreak,
    /// One question of the guide, known by its id: the blocks between a
    /// `<!-- question: ID -->` mark and its end (see [`parse`]). The first
    /// block is normally the question's heading.
    Question {
        /// The question's id, as the template wrote it.
        id: String,
        /// The question's content.
        blocks: Vec<Block>,
    },
    /// A GFM table; the first row is the header.
    Table {
        /// Alignment per column.
        align: Vec<Align>,
        /// Rows of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A picture on its own: `![alt](file.png)`, or an HTML `<img>`.
    Figure(Figure),
    /// A labelled block: HTML `<details>` with its `<summary>`. On paper
    /// nothing folds, so the label is printed above the content.
    Details {
        /// The `<summary>` text; may be empty.
        summary: Vec<Inline>,
        /// The content.
        blocks: Vec<Block>,
    },
}

/// One list item.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `Some(checked)` for a task list item.
    pub task: Option<bool>,
    /// The item's content.
    pub blocks: Vec<Block>,
}

/// Column alignment in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left (also the default).
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`.
    Code(String),
    /// *emphasis*.
    Emph(Vec<Inline>),
    /// **strong**.
    Strong(Vec<Inline>),
    /// ~~strikethrough~~.
    Strike(Vec<Inline>),
    /// Raised text: HTML `<sup>`.
    Sup(Vec<Inline>),
    /// Lowered text: HTML `<sub>`.
    Sub(Vec<Inline>),
    /// A link.
    Link {
        /// Target URL.
        url: String,
        /// Link text.
        content: Vec<Inline>,
    },
    /// A soft line break: a space when typeset.
    SoftBreak,
    /// A hard line break.
    LineBreak,
}

/// Container nesting deeper than this is flattened, so hostile input cannot
/// exhaust the stack in later recursive stages.
pub const MAX_DEPTH: usize = 32;

/// Parses GFM Markdown with `---` front matter.
///
/// A long document is parsed in pieces, on all cores (see [`pieces`]);
/// the blocks are the same as from one parse of the whole.
pub fn parse(text: &str) -> Document {
    assemble(pieces::parse(text))
}

/// comrak's options for a document: GFM, smart punctuation and front
/// matter.
fn document_options() -> Options<'static> {
    let mut options = gfm();
    // Curly quotes and apostrophes, dashes from `--` and `---`, and ellipses,
    // as a typeset page has them; code and escaped characters stay as written.
    options.parse.smart = true;
    options.extension.front_matter_delimiter = Some("---".to_string());
    options
}

/// A top-level node of the document, read: what [`assemble`] needs of it.
enum Top {
    /// The front matter.
    Meta(Meta),
    /// A footnote's blocks, its label before them.
    Footnote(Vec<Block>),
    /// A comment on its own.
    Mark(Mark),
    /// An HTML block, and the line it starts on.
    Html(String, usize),
    /// Any other block, read.
    Blocks(Vec<Block>),
}

/// Reads each top-level node of `root`, a document comrak parsed.
fn tops<'a>(root: Node<'a>, walk: &mut Walk) -> Vec<Top> {
    root.children()
        .map(|child| match &child.data().value {
            NodeValue::FrontMatter(raw) => Top::Meta(parse_meta(raw)),
            NodeValue::FootnoteDefinition(def) => {
                let mut blocks = walk.blocks_of(child, 1);
                prefix_first_paragraph(&mut blocks, format!("[{}] ", def.name));
                Top::Footnote(blocks)
            }
            NodeValue::HtmlBlock(h) => match html_mark(child) {
                Some(mark) => Top::Mark(mark),
                None => Top::Html(h.literal.clone(), walk.line(child)),
            },
            _ => {
                let mut blocks = Vec::new();
                walk.block(child, 0, &mut blocks);
                Top::Blocks(blocks)
            }
        })
        .collect()
}

/// The document of the top-level nodes read, in order: questions grouped
/// from their marks, HTML that spans blocks (a `<details>`) joined, and
/// the footnotes at the end. `dropped` is the HTML tags dropped in all.
fn assemble((tops, dropped): (Vec<Top>, html::Dropped)) -> Document {
    let mut doc = Document::default();
    let mut footnotes = Vec::new();
    let mut questions = Grouping::default();
    let mut walk = Walk {
        dropped,
        lines_before: 0,
    };
    let mut flow = html::Flow::default();
    let mut out = Vec::new();
    for top in tops {
        match top {
            Top::Meta(meta) => {
                doc.meta = meta;
                continue;
            }
            Top::Footnote(blocks) => {
                footnotes.extend(blocks);
                continue;
            }
            // A question mark closes any HTML the question before left open.
            Top::Mark(Mark::Start(_) | Mark::End) => flow.finish(&mut out),
            _ => {}
        }
        for b in out.drain(..) {
            questions.push(&mut doc.blocks, b);
        }
        match top {
            Top::Mark(Mark::Start(id)) => questions.start(&mut doc.blocks, id),
            Top::Mark(Mark::End) => questions.end(&mut doc.blocks),
            Top::Html(literal, line) => flow.html(&literal, line, &mut out, &mut walk.dropped),
            Top::Blocks(blocks) => {
                for b in blocks {
                    flow.block(b, &mut out);
                }
            }
            Top::Mark(Mark::Comment) | Top::Meta(_) | Top::Footnote(_) => {}
        }
    }
    flow.finish(&mut out);
    for b in out {
        questions.push(&mut doc.blocks, b);
    }
    questions.end(&mut doc.blocks);
    if !footnotes.is_empty() {
        doc.blocks.push(Block::Rule);
        doc.blocks.extend(footnotes);
    }
    doc.dropped_html = walk.dropped.0.into_iter().collect();
    doc
}

/// The comment a template writes before each question:
/// `<!-- question: ID -->`. It reads as nothing in any Markdown viewer.
pub const QUESTION_MARK: &str = "question:";
/// The comment that ends a question early: `<!-- /question -->`. Without
/// it a question runs to the next mark or to a heading of a higher level
/// than its own.
pub const QUESTION_END: &str = "/question";

/// What an HTML comment block means to us.
enum Mark {
    Start(String),
    End,
    /// Any other comment: invisible, as in every Markdown viewer.
    Comment,
}

/// The mark a top-level HTML block holds, if it is one comment.
fn html_mark(node: Node<'_>) -> Option<Mark> {
    let NodeValue::HtmlBlock(html) = &node.data().value else {
        return None;
    };
    let inner = comment_body(&html.literal)?;
    Some(if let Some(id) = inner.strip_prefix(QUESTION_MARK) {
        Mark::Start(id.trim().to_string())
    } else if inner == QUESTION_END {
        Mark::End
    } else {
        Mark::Comment
    })
}

/// The trimmed text of an HTML block that is exactly one comment.
fn comment_body(literal: &str) -> Option<&str> {
    let inner = literal.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    (!inner.contains("-->")).then(|| inner.trim())
}

/// Gathers the top-level blocks that follow a question mark into its
/// [`Block::Question`].
#[derive(Default)]
struct Grouping {
    open: Option<(String, Vec<Block>)>,
}

impl Grouping {
    fn start(&mut self, doc: &mut Vec<Block>, id: String) {
        self.end(doc);
        self.open = Some((id, Vec::new()));
    }

    fn end(&mut self, doc: &mut Vec<Block>) {
        if let Some((id, blocks)) = self.open.take() {
            doc.push(Block::Question { id, blocks });
        }
    }

    fn push(&mut self, doc: &mut Vec<Block>, block: Block) {
        // A heading above the question's own level (a section) ends it;
        // headings at or below it belong to the question's text.
        if let (Some((_, blocks)), Block::Heading { level, .. }) = (&self.open, &block) {
            let own = match blocks.first() {
                Some(Block::Heading { level, .. }) => Some(*level),
                _ => None,
            };
            if own.is_some_and(|own| *level < own) {
                self.end(doc);
            }
        }
        match &mut self.open {
            Some((_, blocks)) => blocks.push(block),
            None => doc.push(block),
        }
    }
}

/// Info string that turns a fenced block into a layout directive. Fenced
/// blocks keep the Markdown readable in any other renderer.
pub const DIRECTIVE: &str = "studyguide";

/// Most note lines one directive may ask for.
const MAX_NOTE_LINES: u32 = 60;

fn directive(info: &str, body: &str) -> Block {
    let mut words = info.split_whitespace().skip(1);
    match words.next() {
        Some("notes") => {
            let words: Vec<&str> = words.chain(body.split_whitespace()).collect();
            let n = words
                .iter()
                .find_map(|w| w.parse::<u32>().ok())
                .unwrap_or(4);
            Block::Notes {
                lines: n.min(MAX_NOTE_LINES),
                fill: words.contains(&"fill"),
            }
        }
        Some("score") => Block::Score,
        Some("pagebreak") => Block::PageBreak,
        // An unknown directive shows as what it is, rather than vanishing.
        _ => Block::Code {
            lang: DIRECTIVE.to_string(),
            text: body.trim_end().to_string(),
        },
    }
}

/// The title block's fields from a front matter block (with its fences).
fn parse_meta(raw: &str) -> Meta {
    let mut meta = Meta::default();
    let lines = crate::front_matter::block(raw).unwrap_or_default();
    for entry in crate::front_matter::entries(&lines) {
        let value = entry
            .value
            .text()
            .filter(|v| !v.is_empty())
            .map(str::to_string);
        match entry.key {
            "title" => meta.title = value,
            "subtitle" => meta.subtitle = value,
            "author" => meta.author = value,
            "date" => meta.date = value,
            "copy" => meta.copy = value,
            _ => {}
        }
    }
    meta
}

fn prefix_first_paragraph(blocks: &mut Vec<Block>, prefix: String) {
    match blocks.first_mut() {
        Some(Block::Paragraph(inlines)) => inlines.insert(0, Inline::Text(prefix)),
        _ => blocks.insert(0, Block::Paragraph(vec![Inline::Text(prefix)])),
    }
}

type Node<'a> = comrak::nodes::Node<'a>;

/// What one parse gathers besides the blocks.
#[derive(Default)]
struct Walk {
    /// HTML tags dropped, for the warnings.
    dropped: html::Dropped,
    /// Lines of the document before the text parsed (see [`pieces`]).
    lines_before: usize,
}

impl Walk {
    /// The document line `node` starts on.
    fn line(&self, node: Node<'_>) -> usize {
        self.lines_before + node.data().sourcepos.start.line
    }

    fn blocks_of<'a>(&mut self, node: Node<'a>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut flow = html::Flow::default();
        for child in node.children() {
            self.child(child, depth, &mut flow, &mut out);
        }
        flow.finish(&mut out);
        out
    }

    /// One block of a sequence: HTML blocks go to `flow`, which keeps a
    /// `<details>` open across the Markdown blocks that follow it.
    fn child<'a>(
        &mut self,
        node: Node<'a>,
        depth: usize,
        flow: &mut html::Flow,
        out: &mut Vec<Block>,
    ) {
        if let NodeValue::HtmlBlock(h) = &node.data().value {
            if comment_body(&h.literal).is_none() {
                let line = self.line(node);
                flow.html(&h.literal, line, out, &mut self.dropped);
            }
            return;
        }
        let mut blocks = Vec::new();
        self.block(node, depth, &mut blocks);
        for b in blocks {
            flow.block(b, out);
        }
    }

    fn block<'a>(&mut self, node: Node<'a>, depth: usize, out: &mut Vec<Block>) {
        let value = node.data().value.clone();
        // Too deep: keep the content, drop the nesting. The walk is
        // iterative so that a thousand nested lists cannot exhaust the stack.
        if depth >= MAX_DEPTH && is_container(&value) {
            let mut stack: Vec<Node<'a>> = node.children().collect();
            stack.reverse();
            while let Some(n) = stack.pop() {
                let v = n.data().value.clone();
                if is_container(&v) {
                    let mut children: Vec<Node<'a>> = n.children().collect();
                    children.reverse();
                    stack.extend(children);
                } else {
                    self.block(n, depth, out);
                }
            }
            return;
        }
        match value {
            NodeValue::Heading(h) => out.push(Block::Heading {
                level: h.level.clamp(1, 6),
                content: self.inlines(node),
            }),
            NodeValue::Paragraph => self.paragraph(node, out),
            NodeValue::List(list) => {
                let start = match list.list_type {
                    ListType::Bullet => None,
                    ListType::Ordered => Some(list.start as u64),
                };
                let items = node
                    .children()
                    .map(|item| {
                        let task = match &item.data().value {
                            NodeValue::TaskItem(t) => Some(t.symbol.is_some()),
                            _ => None,
                        };
                        ListItem {
                            task,
                            blocks: self.blocks_of(item, depth + 1),
                        }
                    })
                    .collect();
                out.push(Block::List {
                    start,
                    tight: list.tight,
                    items,
                });
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                out.push(Block::Quote(self.blocks_of(node, depth + 1)))
            }
            NodeValue::CodeBlock(code)
                if code.info.split_whitespace().next() == Some(DIRECTIVE) =>
            {
                out.push(directive(&code.info, &code.literal));
            }
            NodeValue::CodeBlock(code) => {
                let lang = code
                    .info
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_string();
                let text = code
                    .literal
                    .strip_suffix('\n')
                    .unwrap_or(&code.literal)
                    .to_string();
                out.push(Block::Code { lang, text });
            }
            NodeValue::HtmlBlock(html) if comment_body(&html.literal).is_some() => {}
            // Alone (past the depth limit): what it holds, read as HTML.
            NodeValue::HtmlBlock(h) => {
                let mut flow = html::Flow::default();
                let line = self.line(node);
                flow.html(&h.literal, line, out, &mut self.dropped);
                flow.finish(out);
            }
            NodeValue::ThematicBreak => out.push(Block::Rule),
            NodeValue::Table(table) => {
                let align = table
                    .alignments
                    .iter()
                    .map(|a| match a {
                        TableAlignment::Center => Align::Center,
                        TableAlignment::Right => Align::Right,
                        _ => Align::Left,
                    })
                    .collect();
                let rows = node
                    .children()
                    .map(|row| row.children().map(|cell| self.inlines(cell)).collect())
                    .collect();
                out.push(Block::Table { align, rows });
            }
            NodeValue::FootnoteDefinition(def) => {
                let mut blocks = self.blocks_of(node, depth + 1);
                prefix_first_paragraph(&mut blocks, format!("[{}] ", def.name));
                out.extend(blocks);
            }
            NodeValue::FrontMatter(_) => {}
            // Any other container: keep its children.
            _ => out.extend(self.blocks_of(node, depth + 1)),
        }
    }

    /// A paragraph; an image standing in it (not inside a link or
    /// emphasis) becomes a figure of its own between the text before and
    /// after it.
    fn paragraph<'a>(&mut self, node: Node<'a>, out: &mut Vec<Block>) {
        let mut figures = Vec::new();
        let mut content = self.children(node, 0, Some(&mut figures));
        let mut rest = Vec::new();
        for (at, figure) in figures.into_iter().rev() {
            let after = content.split_off(at.min(content.len()));
            rest.push(Block::Figure(figure));
            push_paragraph(&mut rest, after);
        }
        push_paragraph(out, content);
        out.extend(rest.into_iter().rev());
    }

    fn inlines<'a>(&mut self, node: Node<'a>) -> Vec<Inline> {
        self.children(node, 0, None)
    }

    /// The inline content of `node`. Inline HTML tags come as separate
    /// nodes (`<kbd>`, text, `</kbd>`), so they are matched up here. With
    /// `figures`, images at the top level are lifted out with the index
    /// where they stood; without, they read as their alt text.
    fn children<'a>(
        &mut self,
        node: Node<'a>,
        depth: usize,
        mut figures: Option<&mut Vec<(usize, Figure)>>,
    ) -> Vec<Inline> {
        let mut content = html::Inlines::default();
        for child in node.children() {
            match &child.data().value {
                NodeValue::HtmlInline(h) => {
                    let line = self.line(child);
                    for (_, token) in html::tokens(h) {
                        self.inline_tag(token, line, &mut content, figures.as_deref_mut());
                    }
                }
                NodeValue::Image(link) if content.at_top() && figures.is_some() => {
                    let (line, column) = (self.line(child), child.data().sourcepos.start.column);
                    let alt = plain_text(&self.children(child, depth + 1, None));
                    let figure = Figure::new(&link.url, alt, &link.title, line, column);
                    if let Some(figures) = figures.as_deref_mut() {
                        figures.push((content.split(), figure));
                    }
                }
                _ => {
                    let mut inner = Vec::new();
                    self.inline(child, depth, &mut inner);
                    content.extend(inner);
                }
            }
        }
        content.finish()
    }

    /// One tag or text of inline HTML.
    fn inline_tag(
        &mut self,
        token: html::Token,
        line: usize,
        content: &mut html::Inlines,
        figures: Option<&mut Vec<(usize, Figure)>>,
    ) {
        match token {
            html::Token::Text(t) => content.push(Inline::Text(t)),
            _ if content.tag(&token, &mut self.dropped) => {}
            html::Token::Open { name, attrs } if name == "img" => {
                let Some(figure) = Figure::from_html(&attrs, line, None) else {
                    return;
                };
                match figures {
                    Some(figures) if content.at_top() => figures.push((content.split(), figure)),
                    _ => content.push(Inline::Text(figure.alt)),
                }
            }
            // Block tags in running text (`<p>`, `<details>`) have no
            // inline meaning: dropped without a word, their text kept.
            _ => {}
        }
    }

    fn inline<'a>(&mut self, node: Node<'a>, depth: usize, out: &mut Vec<Inline>) {
        let value = node.data().value.clone();
        // Too deep: keep only the text, gathered without recursion.
        if depth >= MAX_DEPTH {
            let mut stack = vec![node];
            while let Some(n) = stack.pop() {
                match &n.data().value {
                    NodeValue::Text(t) => push_text(out, t),
                    NodeValue::Code(c) => push_text(out, &c.literal),
                    NodeValue::SoftBreak | NodeValue::LineBreak => push_text(out, " "),
                    _ => {
                        let mut children: Vec<Node<'a>> = n.children().collect();
                        children.reverse();
                        stack.extend(children);
                    }
                }
            }
            return;
        }
        match value {
            NodeValue::Text(t) => push_text(out, &command_flags(&number_ranges(&t))),
            NodeValue::Code(c) => out.push(Inline::Code(c.literal)),
            NodeValue::Emph => out.push(Inline::Emph(self.children(node, depth + 1, None))),
            NodeValue::Strong => out.push(Inline::Strong(self.children(node, depth + 1, None))),
            NodeValue::Strikethrough => {
                out.push(Inline::Strike(self.children(node, depth + 1, None)))
            }
            NodeValue::Link(link) => out.push(Inline::Link {
                url: link.url,
                content: self.children(node, depth + 1, None),
            }),
            NodeValue::SoftBreak => out.push(Inline::SoftBreak),
            NodeValue::LineBreak => out.push(Inline::LineBreak),
            NodeValue::FootnoteReference(r) => push_text(out, &format!("[{}]", r.name)),
            // An image where a figure cannot stand (a heading, a link, a
            // table cell) reads as its alt text, as do other containers.
            _ => out.extend(self.children(node, depth + 1, None)),
        }
    }
}

/// Adds a paragraph of `content` unless it is only spaces and breaks: the
/// text around a figure often is.
fn push_paragraph(out: &mut Vec<Block>, mut content: Vec<Inline>) {
    let blank = |i: &Inline| match i {
        Inline::Text(t) => t.trim().is_empty(),
        Inline::SoftBreak | Inline::LineBreak => true,
        _ => false,
    };
    while content.first().is_some_and(blank) {
        content.remove(0);
    }
    while content.last().is_some_and(blank) {
        content.pop();
    }
    if let Some(Inline::Text(t)) = content.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = content.last_mut() {
        *t = t.trim_end().to_string();
    }
    if !content.is_empty() {
        out.push(Block::Paragraph(content));
    }
}

/// Block containers whose nesting is dropped past [`MAX_DEPTH`].
fn is_container(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::List(_)
            | NodeValue::Item(_)
            | NodeValue::BlockQuote
            | NodeValue::MultilineBlockQuote(_)
            | NodeValue::TaskItem(_)
            | NodeValue::FootnoteDefinition(_)
    )
}

/// "Weeks 1-3" → "Weeks 1–3": a hyphen between two short numbers is a range
/// and takes an en dash. Longer chains (`2024-01-15`, `555-1234`) are dates,
/// phone numbers and ids, and keep their hyphens.
fn number_ranges(text: &str) -> std::borrow::Cow<'_, str> {
    // Most prose has hyphens ("front-end") but no digit-hyphen-digit.
    let candidate = text
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'-' && w[2].is_ascii_digit());
    if !candidate {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let digits_left = |i: usize| {
        chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let digits_right = |i: usize| {
        chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let range = c == '-' && {
            let (l, r) = (digits_left(i), digits_right(i));
            let before = i.checked_sub(l + 1).map(|k| chars[k]);
            let after = chars.get(i + r + 1).copied();
            let decimal_after =
                after == Some('.') && chars.get(i + r + 2).is_some_and(|d| d.is_ascii_digit());
            let chained = matches!(before, Some('-' | '.' | '/' | ':'))
                || before.is_some_and(char::is_alphanumeric)
                || matches!(after, Some('-' | '/' | ':'))
                || decimal_after;
            (1..=3).contains(&l) && (1..=3).contains(&r) && !chained
        };
        out.push(if range { '\u{2013}' } else { c });
    }
    std::borrow::Cow::Owned(out)
}

/// "git –version" → "git --version": smart punctuation makes `--` an en
/// dash, but one that opens a word and runs straight into a letter is a
/// command-line option, which a reader must be able to type as printed.
fn command_flags(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{2013}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opens_word =
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '\u{201c}'));
        let flag =
            c == '\u{2013}' && opens_word && chars.peek().is_some_and(|n| n.is_ascii_alphabetic());
        if flag {
            out.push_str("--");
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// Appends text, merging with a preceding text node: comrak splits text at
/// every escape and entity, and the layout stage shapes whole words.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(prev)) = out.last_mut() {
        prev.push_str(text);
    } else {
        out.push(Inline::Text(text.to_string()));
    }
}

/// Whether Markdown `text` starts with anything but a paragraph: what
/// cannot follow other text on the same line.
pub fn opens_with_block(text: &str) -> bool {
    let text = text.trim_start_matches(['\n', '\r']);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    // Most fields open with a plain word: no parse needed. A block starts
    // with a marker or indentation, or (a table, a setext heading) has a
    // delimiter row below its first line.
    let marker = first.starts_with([
        ' ', '\t', '#', '`', '~', '-', '+', '*', '>', '|', '<', '=', '_', '0', '1', '2', '3', '4',
        '5', '6', '7', '8', '9',
    ]);
    let delimiter = !second.trim().is_empty()
        && second
            .trim()
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | '=' | ' ' | '\t'));
    if !marker && !delimiter {
        return false;
    }
    let head: String = text.lines().take(2).collect::<Vec<_>>().join("\n");
    let arena = Arena::new();
    let root = parse_document(&arena, &head, &gfm());
    root.first_child()
        .is_some_and(|n| !matches!(n.data().value, NodeValue::Paragraph))
}

/// The GFM extensions every Markdown we read is parsed with.
pub(crate) fn gfm() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

impl Document {
    /// The ids of the question blocks, in document order.
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Question { id, .. } => Some(id.as_str()),
            _ => None,
        })
    }
}

/// The plain text of one line of inline Markdown (a question): code spans,
/// emphasis and links reduced to their text, backslash escapes resolved.
pub fn inline_plain(text: &str) -> String {
    const MARKUP: &[char] = &['\\', '`', '*', '_', '[', '<', '&', '~', '!'];
    if !text.contains(MARKUP) {
        return text.to_string();
    }
    plain_text(&parse_inline(text))
}

/// One line of inline Markdown (a question) as inline content.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    // As a heading, the line can only be inline content: "1. x" or "- x"
    // would otherwise start a list.
    let doc = parse(&format!("# {}", text.replace('\n', " ")));
    match doc.blocks.into_iter().next() {
        Some(Block::Heading { content, .. }) => content,
        _ => vec![Inline::Text(text.to_string())],
    }
}

/// The files the figures of Markdown `text` name, in order.
pub fn figure_sources(text: &str) -> Vec<String> {
    figures_in(&parse(text).blocks)
}

/// The files the figures among `blocks` name, in order, however deep.
pub fn figures_in(blocks: &[Block]) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Figure(f) => out.push(f.src.clone()),
                Block::Question { blocks, .. }
                | Block::Quote(blocks)
                | Block::Details { blocks, .. } => walk(blocks, out),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut out);
    out
}

/// The plain text of inline content, as a reader would copy it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Sup(c)
            | Inline::Sub(c) => s.push_str(&plain_text(c)),
            Inline::Link { content, .. } => s.push_str(&plain_text(content)),
            Inline::SoftBreak | Inline::LineBreak => s.push(' '),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_becomes_meta() {
        let doc = parse("---\ntitle: Guide: part 1\nsubtitle: Prep\n---\n\n# Section\n");
        assert_eq!(doc.meta.title.as_deref(), Some("Guide: part 1"));
        assert_eq!(doc.meta.subtitle.as_deref(), Some("Prep"));
        assert_eq!(
            doc.blocks,
            vec![Block::Heading {
                level: 1,
                content: vec![Inline::Text("Section".into())]
            }]
        );
        // Quotes are YAML's, and keys nested under another are not ours.
        let doc = parse(
            "---\ntitle: \"Caching: a field guide\"\nsources:\n  - title: Elsewhere\n---\n\nText\n",
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Caching: a field guide"));
    }

    #[test]
    fn prose_gets_typographic_punctuation_and_code_keeps_its_own() {
        let doc = parse(
            "\"UI bugs\" don't wait -- Weeks 1-3, 5-10x... `\"x\" 1-3` \\\"kept\\\" 2024-01-15 555-1234 v1.2-3",
        );
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        let text = plain_text(p);
        assert!(text.starts_with("\u{201c}UI bugs\u{201d} don\u{2019}t wait \u{2013} Weeks 1\u{2013}3, 5\u{2013}10x\u{2026}"), "{text}");
        assert!(p.contains(&Inline::Code("\"x\" 1-3".into())), "{p:?}");
        assert!(
            text.contains("\"kept\""),
            "an escaped quote stays straight: {text}"
        );
        assert!(text.ends_with("2024-01-15 555-1234 v1.2-3"), "{text}");
        let doc = parse("```\n\"code\" -- 1-3\n```\n");
        assert_eq!(
            doc.blocks,
            vec![Block::Code {
                lang: String::new(),
                text: "\"code\" -- 1-3".into()
            }]
        );
    }

    #[test]
    fn command_line_options_keep_their_double_hyphen() {
        let doc =
            parse("Run git --version (or `git --version`), then --help; pages 1--3 -- or not.\n");
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(
            plain_text(p),
            "Run git --version (or git --version), then --help; pages 1\u{2013}3 \u{2013} or not."
        );
    }

    #[test]
    fn escaped_text_is_merged_and_literal() {
        let doc = parse("a \\*b\\* c \\| d");
        assert_eq!(
            doc.blocks,
            vec![Block::Paragraph(vec![Inline::Text("a *b* c | d".into())])]
        );
    }

    #[test]
    fn gfm_constructs_are_recognised() {
        let doc = parse("- [x] done\n- [ ] todo\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n~~gone~~ <https://x.org>\n");
        let Block::List { items, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(items[0].task, Some(true));
        assert_eq!(items[1].task, Some(false));
        let Block::Table { align, rows } = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(align, &vec![Align::Center, Align::Right]);
        assert_eq!(rows.len(), 2);
        let Block::Paragraph(p) = &doc.blocks[2] else {
            panic!()
        };
        assert!(matches!(p[0], Inline::Strike(_)));
        assert!(p
            .iter()
            .any(|i| matches!(i, Inline::Link { url, .. } if url == "https://x.org")));
    }

    #[test]
    fn directives_become_blocks() {
        let doc = parse("```studyguide notes 5\n```\n\n```studyguide score\n```\n\n```studyguide pagebreak\n```\n\n```studyguide dance\nx\n```\n");
        assert_eq!(
            doc.blocks[..3],
            [
                Block::Notes {
                    lines: 5,
                    fill: false
                },
                Block::Score,
                Block::PageBreak
            ]
        );
        assert!(matches!(&doc.blocks[3], Block::Code { text, .. } if text == "x"));
        assert_eq!(
            parse("```studyguide notes 3 fill\n```").blocks,
            vec![Block::Notes {
                lines: 3,
                fill: true
            }]
        );
        assert_eq!(
            parse("```studyguide notes 99999\n```").blocks,
            vec![Block::Notes {
                lines: 60,
                fill: false
            }]
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let text = "> ".repeat(500) + "deep";
        let doc = parse(&text);
        fn depth(b: &[Block]) -> usize {
            b.iter()
                .map(|b| match b {
                    Block::Quote(inner) => 1 + depth(inner),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&doc.blocks) <= MAX_DEPTH + 1);
        assert!(format!("{:?}", doc.blocks).contains("deep"));
    }

    #[test]
    fn a_question_line_reduces_to_its_plain_text() {
        assert_eq!(
            super::inline_plain("Why use `useMemo`, and *when*\\?"),
            "Why use useMemo, and when?"
        );
        assert_eq!(super::inline_plain("1. Not a list"), "1. Not a list");
        assert_eq!(super::inline_plain("- [a link](https://x.org)"), "- a link");
        assert_eq!(super::inline_plain("plain"), "plain");
    }
}
