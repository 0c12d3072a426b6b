//! Markdown → our block tree. The only module that imports comrak.
//!
//! Like comrak's own parser this stage cannot fail: any text becomes some
//! document. Constructs we do not typeset specially (HTML, images) degrade to
//! their text, so nothing the user wrote silently disappears.

use comrak::nodes::{ListType, NodeValue, TableAlignment};
use comrak::{parse_document, Arena, Options};

/// A parsed Markdown file: front matter and blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Title block fields from the `---` front matter.
    pub meta: Meta,
    /// The body.
    pub blocks: Vec<Block>,
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
pub fn parse(text: &str) -> Document {
    let arena = Arena::new();
    let mut options = gfm();
    // Curly quotes and apostrophes, dashes from `--` and `---`, and ellipses,
    // as a typeset page has them; code and escaped characters stay as written.
    options.parse.smart = true;
    options.extension.front_matter_delimiter = Some("---".to_string());
    let root = parse_document(&arena, text, &options);
    let mut doc = Document::default();
    let mut footnotes = Vec::new();
    let mut questions = Grouping::default();
    for child in root.children() {
        if let NodeValue::FrontMatter(raw) = &child.data().value {
            doc.meta = parse_meta(raw);
            continue;
        }
        if let NodeValue::FootnoteDefinition(def) = &child.data().value {
            let mut blocks = blocks_of(child, 1);
            prefix_first_paragraph(&mut blocks, format!("[{}] ", def.name));
            footnotes.extend(blocks);
            continue;
        }
        match html_mark(child) {
            Some(Mark::Start(id)) => {
                questions.start(&mut doc.blocks, id);
                continue;
            }
            Some(Mark::End) => {
                questions.end(&mut doc.blocks);
                continue;
            }
            Some(Mark::Comment) => continue,
            None => {}
        }
        let mut out = Vec::new();
        block(child, 0, &mut out);
        for b in out {
            questions.push(&mut doc.blocks, b);
        }
    }
    questions.end(&mut doc.blocks);
    if !footnotes.is_empty() {
        doc.blocks.push(Block::Rule);
        doc.blocks.extend(footnotes);
    }
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

fn parse_meta(raw: &str) -> Meta {
    let mut meta = Meta::default();
    for line in raw.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.trim() {
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

fn blocks_of<'a>(node: Node<'a>, depth: usize) -> Vec<Block> {
    let mut out = Vec::new();
    for child in node.children() {
        block(child, depth, &mut out);
    }
    out
}

fn block<'a>(node: Node<'a>, depth: usize, out: &mut Vec<Block>) {
    let value = node.data().value.clone();
    // Too deep: keep the content, drop the nesting.
    // Too deep: keep the content, drop the nesting. The walk is iterative so
    // that a thousand nested lists cannot exhaust the stack.
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
                block(n, depth, out);
            }
        }
        return;
    }
    match value {
        NodeValue::Heading(h) => out.push(Block::Heading {
            level: h.level.clamp(1, 6),
            content: inlines(node),
        }),
        NodeValue::Paragraph => {
            let content = inlines(node);
            if !content.is_empty() {
                out.push(Block::Paragraph(content));
            }
        }
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
                        blocks: blocks_of(item, depth + 1),
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
            out.push(Block::Quote(blocks_of(node, depth + 1)))
        }
        NodeValue::CodeBlock(code) if code.info.split_whitespace().next() == Some(DIRECTIVE) => {
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
        NodeValue::HtmlBlock(html) => {
            let text = html.literal.trim_end().to_string();
            if !text.is_empty() {
                out.push(Block::Code {
                    lang: "html".into(),
                    text,
                });
            }
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
                .map(|row| row.children().map(inlines).collect())
                .collect();
            out.push(Block::Table { align, rows });
        }
        NodeValue::FootnoteDefinition(def) => {
            let mut blocks = blocks_of(node, depth + 1);
            prefix_first_paragraph(&mut blocks, format!("[{}] ", def.name));
            out.extend(blocks);
        }
        NodeValue::FrontMatter(_) => {}
        // Any other container: keep its children.
        _ => {
            for child in node.children() {
                block(child, depth + 1, out);
            }
        }
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

fn inlines<'a>(node: Node<'a>) -> Vec<Inline> {
    let mut out = Vec::new();
    for child in node.children() {
        inline(child, 0, &mut out);
    }
    out
}

fn inline<'a>(node: Node<'a>, depth: usize, out: &mut Vec<Inline>) {
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
    let children = |out: &mut Vec<Inline>| {
        for child in node.children() {
            inline(child, depth + 1, out);
        }
    };
    let wrap = |make: fn(Vec<Inline>) -> Inline, out: &mut Vec<Inline>| {
        let mut inner = Vec::new();
        for child in node.children() {
            inline(child, depth + 1, &mut inner);
        }
        if depth >= MAX_DEPTH {
            out.extend(inner);
        } else {
            out.push(make(inner));
        }
    };
    match value {
        NodeValue::Text(t) => push_text(out, &number_ranges(&t)),
        NodeValue::Code(c) => out.push(Inline::Code(c.literal)),
        NodeValue::Emph => wrap(Inline::Emph, out),
        NodeValue::Strong => wrap(Inline::Strong, out),
        NodeValue::Strikethrough => wrap(Inline::Strike, out),
        NodeValue::Link(link) => {
            let mut content = Vec::new();
            for child in node.children() {
                inline(child, depth + 1, &mut content);
            }
            out.push(Inline::Link {
                url: link.url,
                content,
            });
        }
        NodeValue::Image(_) => children(out),
        NodeValue::SoftBreak => out.push(Inline::SoftBreak),
        NodeValue::LineBreak => out.push(Inline::LineBreak),
        NodeValue::HtmlInline(html) => push_text(out, &html),
        NodeValue::FootnoteReference(r) => push_text(out, &format!("[{}]", r.name)),
        _ => children(out),
    }
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
fn gfm() -> Options<'static> {
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
    // As a heading, the line can only be inline content: "1. x" or "- x"
    // would otherwise start a list.
    let doc = parse(&format!("# {}", text.replace('\n', " ")));
    match doc.blocks.first() {
        Some(Block::Heading { content, .. }) => plain_text(content),
        _ => text.to_string(),
    }
}

/// The plain text of inline content, as a reader would copy it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => s.push_str(&plain_text(c)),
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
