//! The HTML people write in GitHub Markdown, read as what it means:
//! `<details>` becomes a labelled block, `<b>` bold, `<br>` a line break,
//! `<img>` a figure. Any other tag is dropped and its text kept, so raw
//! HTML never prints as markup.
//!
//! The input is untrusted: the tokenizer is one linear pass, and every
//! stack is capped at [`super::MAX_DEPTH`].

use super::{Align, Block, Figure, Inline};
use std::collections::BTreeSet;

/// Most attributes read from one tag; the rest are skipped.
const MAX_ATTRS: usize = 16;
/// Most distinct dropped tag names remembered for the warning.
const MAX_DROPPED: usize = 32;

/// One piece of HTML.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// `<name attr="v">` or `<name/>`; the name in lowercase.
    Open {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// `</name>`.
    Close(String),
    /// Text between tags, entities decoded; `at` is its byte offset.
    Text(String),
}

/// Splits HTML into tags and text. Comments, doctypes and processing
/// instructions vanish; a `<` that starts no tag is text.
pub(super) fn tokens(html: &str) -> Vec<(usize, Token)> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    let bytes = html.as_bytes();
    while at < bytes.len() {
        if bytes[at] != b'<' {
            at += 1;
            continue;
        }
        let Some((token, end)) = tag(html, at) else {
            at += 1;
            continue;
        };
        if text_start < at {
            out.push((
                text_start,
                Token::Text(decode_entities(&html[text_start..at])),
            ));
        }
        if let Some(token) = token {
            out.push((at, token));
        }
        at = end;
        text_start = end;
    }
    if text_start < html.len() {
        out.push((
            text_start,
            Token::Text(decode_entities(&html[text_start..])),
        ));
    }
    out
}

/// The tag starting at `at` (a `<`), and where it ends; `None` inside the
/// pair for a comment or declaration, `None` outright for no tag.
fn tag(html: &str, at: usize) -> Option<(Option<Token>, usize)> {
    let rest = &html[at..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(html.len(), |i| at + 4 + i + 3);
        return Some((None, end));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>').map_or(html.len(), |i| at + i + 1);
        return Some((None, end));
    }
    let (closing, body) = match rest.strip_prefix("</") {
        Some(b) => (true, b),
        None => (false, &rest[1..]),
    };
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(body.len());
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    let (attrs, len) = attributes(&body[name_len..])?;
    let end = at + (rest.len() - body.len()) + name_len + len;
    let token = if closing {
        Token::Close(name)
    } else {
        Token::Open { name, attrs }
    };
    Some((Some(token), end))
}

/// Attributes up to the closing `>`, and the length read; `None` when the
/// tag never closes.
fn attributes(s: &str) -> Option<(Vec<(String, String)>, usize)> {
    let mut attrs = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => return Some((attrs, i + 1)),
            Some(_) => {}
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            let (v, len) = attribute_value(&s[i..])?;
            value = decode_entities(v);
            i += len;
        }
        if attrs.len() < MAX_ATTRS && !name.is_empty() {
            attrs.push((name, value));
        }
        if i == start {
            i += 1;
        }
    }
}

/// A quoted or bare attribute value and the bytes it took.
fn attribute_value(s: &str) -> Option<(&str, usize)> {
    match s.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = s[1..].find(char::from(q))?;
            Some((&s[1..1 + end], end + 2))
        }
        _ => {
            let end = s
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(s.len());
            Some((&s[..end], end))
        }
    }
}

/// Decodes the entities HTML in Markdown uses; an unknown one stays as
/// written.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').filter(|&e| e <= 10).map(|e| e + 1);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        "nbsp" => return Some('\u{a0}'),
        "mdash" => return Some('\u{2014}'),
        "ndash" => return Some('\u{2013}'),
        "hellip" => return Some('\u{2026}'),
        "copy" => return Some('\u{a9}'),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => numeric(&hex[1..], 16)?,
            Some(dec) => numeric(dec, 10)?,
            None => return None,
        },
    };
    char::from_u32(code).filter(|&c| c != '\0')
}

/// The attribute `name` of a tag.
pub(super) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// An inline style an HTML tag opens.
#[derive(Debug, Clone, PartialEq)]
enum Style {
    Strong,
    Emph,
    Strike,
    Code,
    Sup,
    Sub,
    Link(String),
    /// A tag we do not typeset: its content is kept as it is.
    Plain,
}

/// Inline content being built, with the HTML tags still open around it.
#[derive(Debug, Default)]
pub(super) struct Inlines {
    open: Vec<(String, Style, Vec<Inline>)>,
    done: Vec<Inline>,
    /// Where a figure was lifted out: text is not merged across it.
    barrier: usize,
}

impl Inlines {
    fn top(&mut self) -> &mut Vec<Inline> {
        match self.open.last_mut() {
            Some((_, _, content)) => content,
            None => &mut self.done,
        }
    }

    /// Whether no tag is open: a figure may only stand at the top level.
    pub(super) fn at_top(&self) -> bool {
        self.open.is_empty()
    }

    /// Adds typeset content.
    pub(super) fn push(&mut self, inline: Inline) {
        let fenced = self.open.is_empty() && self.done.len() == self.barrier;
        match inline {
            Inline::Text(t) if !fenced => super::push_text(self.top(), &t),
            other => self.top().push(other),
        }
    }

    /// Marks the place of a figure lifted out of the text, and returns it.
    pub(super) fn split(&mut self) -> usize {
        self.barrier = self.done.len();
        self.barrier
    }

    /// Adds content to the innermost open tag.
    pub(super) fn extend(&mut self, inlines: Vec<Inline>) {
        for i in inlines {
            self.push(i);
        }
    }

    /// An inline tag: styles open and close, `<br>` breaks the line. Returns
    /// `false` for a tag that is not an inline one.
    pub(super) fn tag(&mut self, token: &Token, dropped: &mut Dropped) -> bool {
        match token {
            Token::Open { name, .. } if name == "br" => self.push(Inline::LineBreak),
            Token::Close(name) if name == "br" => {}
            Token::Open { name, attrs } => {
                let Some(style) = style(name, attrs) else {
                    return false;
                };
                // An `<a>` without a target is an anchor to jump to, which
                // paper does not need: its text is all there is to print.
                if style == Style::Plain && name != "a" {
                    dropped.add(name);
                }
                if self.open.len() < super::MAX_DEPTH {
                    self.open.push((name.clone(), style, Vec::new()));
                }
            }
            Token::Close(name) => {
                if style(name, &[]).is_none() {
                    return false;
                }
                if let Some(depth) = self.open.iter().rposition(|(n, _, _)| n == name) {
                    while self.open.len() > depth {
                        self.close_one();
                    }
                }
            }
            Token::Text(_) => return false,
        }
        true
    }

    fn close_one(&mut self) {
        if let Some((_, style, content)) = self.open.pop() {
            let wrapped = apply(style, content);
            for i in wrapped {
                self.push(i);
            }
        }
    }

    /// The content, every tag still open closed where it stands.
    pub(super) fn finish(&mut self) -> Vec<Inline> {
        while !self.open.is_empty() {
            self.close_one();
        }
        self.barrier = 0;
        std::mem::take(&mut self.done)
    }

    /// Whether nothing has been added since the last [`Inlines::finish`].
    pub(super) fn is_empty(&self) -> bool {
        self.open.is_empty() && self.done.is_empty()
    }
}

/// The style of an inline tag, `Plain` for an unknown tag that may hold
/// text, `None` for a tag that is a block or handled elsewhere.
fn style(name: &str, attrs: &[(String, String)]) -> Option<Style> {
    Some(match name {
        "b" | "strong" => Style::Strong,
        "i" | "em" => Style::Emph,
        "s" | "del" | "strike" => Style::Strike,
        "code" | "kbd" | "tt" | "samp" => Style::Code,
        "sup" => Style::Sup,
        "sub" => Style::Sub,
        "a" => match attr(attrs, "href") {
            Some(href) if !href.is_empty() => Style::Link(href.to_string()),
            _ => Style::Plain,
        },
        "details" | "summary" | "p" | "div" | "img" | "br" | "hr" | "center" => return None,
        _ => Style::Plain,
    })
}

/// Content wrapped in its style.
fn apply(style: Style, content: Vec<Inline>) -> Vec<Inline> {
    match style {
        Style::Strong => vec![Inline::Strong(content)],
        Style::Emph => vec![Inline::Emph(content)],
        Style::Strike => vec![Inline::Strike(content)],
        Style::Code => vec![Inline::Code(super::plain_text(&content))],
        Style::Sup => vec![Inline::Sup(content)],
        Style::Sub => vec![Inline::Sub(content)],
        Style::Link(url) => vec![Inline::Link { url, content }],
        Style::Plain => content,
    }
}

/// The names of the tags that were dropped, for one warning each.
#[derive(Debug, Default)]
pub(super) struct Dropped(pub(super) BTreeSet<String>);

impl Dropped {
    fn add(&mut self, name: &str) {
        if self.0.len() < MAX_DROPPED {
            self.0.insert(name.to_string());
        }
    }
}

/// An HTML container still open across Markdown blocks.
#[derive(Debug)]
enum Open {
    /// `<details>`: its summary so far and its blocks.
    Details {
        summary: Vec<Inline>,
        blocks: Vec<Block>,
    },
    /// `<p align>`, `<div align>` or `<center>`: figures inside are aligned.
    Aligned(String, Align),
}

/// The blocks of one container (the document, a list item, a quote) as
/// their Markdown and HTML blocks come, one after another. A `<details>`
/// opened in one HTML block may close several Markdown blocks later, as it
/// does in every GitHub README that uses it.
#[derive(Debug, Default)]
pub(super) struct Flow {
    open: Vec<Open>,
    /// Text of the HTML blocks, gathered into a paragraph.
    para: Inlines,
    in_summary: bool,
}

impl Flow {
    /// The alignment figures get here.
    pub(super) fn align(&self) -> Option<Align> {
        self.open.iter().rev().find_map(|o| match o {
            Open::Aligned(_, a) => Some(*a),
            Open::Details { .. } => None,
        })
    }

    /// Adds a Markdown block where it belongs.
    pub(super) fn block(&mut self, block: Block, out: &mut Vec<Block>) {
        self.flush(out);
        let block = match (block, self.align()) {
            (Block::Figure(mut f), Some(a)) => {
                f.align = a;
                Block::Figure(f)
            }
            (b, _) => b,
        };
        self.target(out).push(block);
    }

    /// Where blocks go now: the innermost open `<details>`, or `out`.
    fn target<'a>(&'a mut self, out: &'a mut Vec<Block>) -> &'a mut Vec<Block> {
        let open = self.open.iter_mut().rev().find_map(|o| match o {
            Open::Details { blocks, .. } => Some(blocks),
            Open::Aligned(..) => None,
        });
        match open {
            Some(blocks) => blocks,
            None => out,
        }
    }

    /// Ends the paragraph of HTML text, if any.
    fn flush(&mut self, out: &mut Vec<Block>) {
        if self.para.is_empty() {
            return;
        }
        let content = trim(self.para.finish());
        if content.is_empty() {
            return;
        }
        if self.in_summary {
            if let Some(Open::Details { summary, .. }) = self
                .open
                .iter_mut()
                .rev()
                .find(|o| matches!(o, Open::Details { .. }))
            {
                summary.extend(content);
            }
            return;
        }
        self.target(out).push(Block::Paragraph(content));
    }

    /// Reads one HTML block. `line` is the Markdown line it starts on, for
    /// the location of an `<img>`.
    pub(super) fn html(
        &mut self,
        literal: &str,
        line: usize,
        out: &mut Vec<Block>,
        dropped: &mut Dropped,
    ) {
        for (at, token) in tokens(literal) {
            match &token {
                Token::Text(t) => self.para.push(Inline::Text(collapse(t))),
                _ if self.para.tag(&token, dropped) => {}
                Token::Open { name, attrs } => {
                    let line = line + literal[..at].matches('\n').count();
                    self.open_tag(name, attrs, line, out, dropped);
                }
                Token::Close(name) => self.close_tag(name, out),
            }
        }
        // An HTML block ends at a blank line: so does its paragraph, but
        // not a `<details>` or `<div>` it opened.
        self.flush(out);
    }

    fn open_tag(
        &mut self,
        name: &str,
        attrs: &[(String, String)],
        line: usize,
        out: &mut Vec<Block>,
        dropped: &mut Dropped,
    ) {
        match name {
            "img" => {
                let Some(figure) = Figure::from_html(attrs, line, self.align()) else {
                    return;
                };
                if self.para.at_top() {
                    self.flush(out);
                    self.target(out).push(Block::Figure(figure));
                } else {
                    self.para.push(Inline::Text(figure.alt));
                }
            }
            "hr" => {
                self.flush(out);
                self.target(out).push(Block::Rule);
            }
            "details" if self.open.len() < super::MAX_DEPTH => {
                self.flush(out);
                self.open.push(Open::Details {
                    summary: Vec::new(),
                    blocks: Vec::new(),
                });
            }
            "summary" => {
                self.flush(out);
                self.in_summary = true;
            }
            "p" | "div" | "center" if self.open.len() < super::MAX_DEPTH => {
                self.flush(out);
                let align = match attr(attrs, "align").map(str::to_ascii_lowercase) {
                    _ if name == "center" => Some(Align::Center),
                    Some(a) if a == "center" || a == "middle" => Some(Align::Center),
                    Some(a) if a == "right" => Some(Align::Right),
                    Some(a) if a == "left" => Some(Align::Left),
                    _ => self.align(),
                };
                let align = align.unwrap_or(Align::Left);
                self.open.push(Open::Aligned(name.to_string(), align));
            }
            "details" | "p" | "div" | "center" => self.flush(out),
            _ => dropped.add(name),
        }
    }

    fn close_tag(&mut self, name: &str, out: &mut Vec<Block>) {
        match name {
            "summary" => {
                self.flush(out);
                self.in_summary = false;
            }
            "details" => {
                self.flush(out);
                self.in_summary = false;
                let Some(depth) = self
                    .open
                    .iter()
                    .rposition(|o| matches!(o, Open::Details { .. }))
                else {
                    return;
                };
                while self.open.len() > depth {
                    self.close_one(out);
                }
            }
            "p" | "div" | "center" => {
                self.flush(out);
                if let Some(depth) = self
                    .open
                    .iter()
                    .rposition(|o| matches!(o, Open::Aligned(n, _) if n == name))
                {
                    while self.open.len() > depth {
                        self.close_one(out);
                    }
                }
            }
            // The closing tag of a dropped element, or a stray one.
            _ => {}
        }
    }

    fn close_one(&mut self, out: &mut Vec<Block>) {
        if let Some(Open::Details { summary, blocks }) = self.open.pop() {
            let summary = trim(summary);
            self.target(out).push(Block::Details { summary, blocks });
        }
    }

    /// Closes whatever is still open at the end of the container.
    pub(super) fn finish(&mut self, out: &mut Vec<Block>) {
        self.flush(out);
        while !self.open.is_empty() {
            self.close_one(out);
        }
        self.in_summary = false;
    }
}

/// Runs of HTML whitespace read as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Drops the spaces at either end of a paragraph of HTML text.
fn trim(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = content.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = content.last_mut() {
        *t = t.trim_end().to_string();
    }
    content.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    while matches!(content.last(), Some(Inline::LineBreak)) {
        content.pop();
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_entities_are_told_apart() {
        let t = tokens("a &lt;b&gt; <B class=x>bold</b><!-- gone --> 1 < 2 <img src='x.png' alt=\"A &amp; B\"/>");
        let kinds: Vec<Token> = t.into_iter().map(|(_, t)| t).collect();
        assert_eq!(kinds[0], Token::Text("a <b> ".into()));
        assert_eq!(
            kinds[1],
            Token::Open {
                name: "b".into(),
                attrs: vec![("class".into(), "x".into())]
            }
        );
        assert_eq!(kinds[3], Token::Close("b".into()));
        assert_eq!(kinds[4], Token::Text(" 1 < 2 ".into()));
        assert!(
            matches!(&kinds[5], Token::Open { name, attrs } if name == "img" && attr(attrs, "alt") == Some("A & B"))
        );
    }

    #[test]
    fn an_unclosed_tag_is_text() {
        let t = tokens("x <b never closes");
        assert_eq!(t, vec![(0, Token::Text("x <b never closes".into()))]);
    }

    #[test]
    fn an_anchor_without_a_target_is_its_text_with_no_warning() {
        let doc = crate::markdown::parse("<a name=\"top\">Top</a> and <span>x</span>\n");
        let Some(Block::Paragraph(p)) = doc.blocks.first() else {
            panic!("{doc:?}")
        };
        assert_eq!(crate::markdown::plain_text(p), "Top and x");
        assert_eq!(doc.dropped_html, ["span"]);
    }

    #[test]
    fn sup_and_sub_keep_their_content_as_raised_and_lowered_text() {
        let doc = crate::markdown::parse("x<sup>**2**</sup> H<sub>2</sub>O\n");
        let Some(Block::Paragraph(p)) = doc.blocks.first() else {
            panic!("{doc:?}")
        };
        assert!(
            p.contains(&Inline::Sup(vec![Inline::Strong(vec![Inline::Text(
                "2".into()
            )])]))
        );
        assert!(p.contains(&Inline::Sub(vec![Inline::Text("2".into())])));
    }
}
