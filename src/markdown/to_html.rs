//! Our block tree → HTML, for outputs read on a screen (an Anki deck).
//!
//! It writes from the parsed tree rather than passing the Markdown's own
//! HTML through: every text is escaped and only tags we chose are written,
//! so a hostile bank cannot put a script or an event handler into a card
//! that Anki's web view would run. The tree is already bounded in depth by
//! [`super::MAX_DEPTH`], so the recursion here is too.

use super::{Align, Block, Figure, Inline};
use std::fmt::Write;

/// The HTML of blocks, with no whitespace between tags that a card could
/// show: Anki keeps a field's text as it is.
pub fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        block(b, &mut out);
    }
    out
}

/// The HTML of inline content.
pub fn inline_html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    inline(inlines, &mut out);
    out
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, content } => {
            // A card's own headings sit under its question: start at h3.
            let h = (*level + 2).min(6);
            let _ = write!(out, "<h{h}>");
            inline(content, out);
            let _ = write!(out, "</h{h}>");
        }
        Block::Paragraph(content) => wrap("p", content, out),
        Block::List {
            start,
            tight,
            items,
        } => list(*start, *tight, items, out),
        Block::Quote(blocks) => {
            out.push_str("<blockquote>");
            blocks.iter().for_each(|b| block(b, out));
            out.push_str("</blockquote>");
        }
        Block::Code { lang, text } => {
            out.push_str("<pre><code");
            if !lang.is_empty() {
                out.push_str(" class=\"language-");
                escape(lang, out);
                out.push('"');
            }
            out.push('>');
            escape(text, out);
            out.push_str("</code></pre>");
        }
        Block::Rule => out.push_str("<hr>"),
        Block::Table { align, rows } => table(align, rows, out),
        Block::Figure(f) => figure(f, out),
        Block::Details { summary, blocks } => {
            out.push_str("<details open><summary>");
            inline(summary, out);
            out.push_str("</summary>");
            blocks.iter().for_each(|b| block(b, out));
            out.push_str("</details>");
        }
        Block::Question { blocks, .. } => blocks.iter().for_each(|b| block(b, out)),
        // Paper furniture: lines to write on, score boxes and page breaks
        // mean nothing on a screen.
        Block::Notes { .. } | Block::Score | Block::PageBreak => {}
    }
}

fn list(start: Option<u64>, tight: bool, items: &[super::ListItem], out: &mut String) {
    match start {
        Some(1) => out.push_str("<ol>"),
        Some(n) => {
            let _ = write!(out, "<ol start=\"{n}\">");
        }
        None => out.push_str("<ul>"),
    }
    for item in items {
        out.push_str("<li>");
        match item.task {
            Some(true) => out.push_str("\u{2611} "),
            Some(false) => out.push_str("\u{2610} "),
            None => {}
        }
        for b in &item.blocks {
            // A tight list's paragraphs are bare text, as in CommonMark.
            match b {
                Block::Paragraph(content) if tight => inline(content, out),
                _ => block(b, out),
            }
        }
        out.push_str("</li>");
    }
    out.push_str(if start.is_some() { "</ol>" } else { "</ul>" });
}

fn table(align: &[Align], rows: &[Vec<Vec<Inline>>], out: &mut String) {
    out.push_str("<table>");
    for (r, row) in rows.iter().enumerate() {
        let cell = if r == 0 { "th" } else { "td" };
        out.push_str("<tr>");
        for (c, content) in row.iter().enumerate() {
            let _ = write!(out, "<{cell}");
            match align.get(c) {
                Some(Align::Center) => out.push_str(" style=\"text-align:center\""),
                Some(Align::Right) => out.push_str(" style=\"text-align:right\""),
                _ => {}
            }
            out.push('>');
            inline(content, out);
            let _ = write!(out, "</{cell}>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// A picture by its file name alone: Anki looks for it in its media
/// folder, never on a path of the machine that built the deck.
fn figure(f: &Figure, out: &mut String) {
    let name = f.src.rsplit(['/', '\\']).next().unwrap_or(&f.src);
    out.push_str("<img src=\"");
    escape(name, out);
    out.push_str("\" alt=\"");
    escape(&f.alt, out);
    out.push_str("\">");
}

fn wrap(tag: &str, content: &[Inline], out: &mut String) {
    let _ = write!(out, "<{tag}>");
    inline(content, out);
    let _ = write!(out, "</{tag}>");
}

fn inline(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => escape(t, out),
            Inline::Code(t) => {
                out.push_str("<code>");
                escape(t, out);
                out.push_str("</code>");
            }
            Inline::Emph(c) => wrap("em", c, out),
            Inline::Strong(c) => wrap("strong", c, out),
            Inline::Strike(c) => wrap("s", c, out),
            Inline::Sup(c) => wrap("sup", c, out),
            Inline::Sub(c) => wrap("sub", c, out),
            Inline::Link { url, content } => {
                out.push_str("<a href=\"");
                // Only links a reader can follow safely keep their target.
                if is_safe_url(url) {
                    escape(url, out);
                }
                out.push_str("\">");
                inline(content, out);
                out.push_str("</a>");
            }
            Inline::SoftBreak => out.push(' '),
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

/// `http:`, `https:`, `mailto:` and in-document anchors; never
/// `javascript:` or `data:`, whatever their case or padding.
fn is_safe_url(url: &str) -> bool {
    let u: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    u.starts_with("https://")
        || u.starts_with("http://")
        || u.starts_with("mailto:")
        || u.starts_with('#')
}

/// Escapes text for HTML (and XML) content and double-quoted attributes.
pub(crate) fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn html(md: &str) -> String {
        blocks_html(&parse(md).blocks)
    }

    #[test]
    fn blocks_become_their_tags() {
        assert_eq!(
            html("Use **`Arc`** here.\n\n- one\n- two\n\n```rust\nlet a = 1 < 2;\n```\n"),
            "<p>Use <strong><code>Arc</code></strong> here.</p><ul><li>one</li><li>two</li></ul>\
             <pre><code class=\"language-rust\">let a = 1 &lt; 2;</code></pre>"
        );
        assert_eq!(
            html("| a | b |\n|:-:|--:|\n| 1 | 2 |\n"),
            "<table><tr><th style=\"text-align:center\">a</th><th style=\"text-align:right\">b</th>\
             </tr><tr><td style=\"text-align:center\">1</td><td style=\"text-align:right\">2</td></tr></table>"
        );
        assert_eq!(
            html("3. x\n4. y\n"),
            "<ol start=\"3\"><li>x</li><li>y</li></ol>"
        );
        assert_eq!(html("a  \nb"), "<p>a<br>b</p>");
    }

    #[test]
    fn hostile_html_never_becomes_markup() {
        let out = html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n\
             [click](javascript:alert(1)) <b onclick=\"x\">bold</b>\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("<strong>bold</strong>"), "{out}");
    }

    #[test]
    fn pictures_keep_only_their_file_name() {
        assert_eq!(
            html("![a \\<b> & \\\"x\\\"](../img/flow.png)\n"),
            "<img src=\"flow.png\" alt=\"a &lt;b&gt; &amp; &quot;x&quot;\">"
        );
    }
}
