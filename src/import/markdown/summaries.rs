//! Collections that ask each question in the `<summary>` of a `<details>`
//! element, the answer folded under it, and use headings for topics:
//!
//! ```text
//! #### Networking
//!
//! <details>
//! <summary>What does a router do?</summary><br><b>
//!
//! It forwards packets between networks.
//! </b></details>
//! ```
//!
//! CommonMark ends an HTML block at a blank line, so one such question is
//! several blocks: the opening block with the summary, the answer's
//! blocks, and a closing `</details>` that is a block of its own or inline
//! HTML at the end of the answer's last paragraph. The markup around them
//! (`<br>`, a `<b>` wrapping the whole answer) is dropped with them.
//!
//! A `<summary>` that only says "Answer" or "Click to expand" folds the
//! answer of a heading question instead; [`super::body`] reads those.

use super::emit::Ctx;
use super::headings::{opens_asking, role, section_name, Facts, Layout, Role};
use super::labels::heading_label;
use super::tree::{collapse, strip_tags, Node, Piece};
use super::Walk;
use comrak::nodes::{AstNode, NodeValue};

/// How many summaries of `pieces` ask a question.
pub(super) fn asked(pieces: &[Piece<'_>]) -> usize {
    pieces
        .iter()
        .filter(|p| matches!(p, Piece::Block(node) if question(node).is_some()))
        .count()
}

/// Walks a document that asks in summaries: each summary question opens a
/// question, its `</details>` ends it, and headings outside the answers
/// are topics (or navigation). A summary that goes on past its first
/// block (a question with code in it) is the question's body: a question
/// is one line.
pub(super) fn walk<'a>(
    ctx: &Ctx<'a>,
    pieces: Vec<Piece<'a>>,
    facts: Vec<Option<Facts>>,
    layout: Layout,
    walk: &mut Walk<'a>,
) {
    // How many `<details>` of the open question are still open.
    let mut depth = 0usize;
    // The blocks of a summary that goes on past its first block: the
    // question's body once its `</summary>` comes, but its answer if the
    // question ends first, so that nothing unclosed reaches a candidate.
    let mut pending: Option<Vec<Node<'a>>> = None;
    for (piece, f) in pieces.into_iter().zip(facts) {
        if matches!(piece, Piece::Heading { .. }) {
            answer_with(pending.take(), walk);
        }
        let Some(node) = walk.unless_heading(piece, f, (layout, depth > 0)) else {
            continue;
        };
        let blocks = if let Some((text, rest)) = question(node) {
            answer_with(pending.take(), walk);
            let f = Facts::new(6, &text, false, false);
            walk.heading(heading(ctx, &text), &f, Role::Question);
            depth = (1 + count(&rest, "<details")).saturating_sub(count(&rest, "</details>"));
            let lower = rest.to_ascii_lowercase();
            match lower.find("</summary>") {
                Some(e) => ctx.parse_fragment(&unwrapped(&rest[e + "</summary>".len()..])),
                None => {
                    pending = Some(Vec::new());
                    Vec::new()
                }
            }
        } else if depth == 0 {
            // Between questions: a topic's introduction, or navigation.
            walk.block(node);
            continue;
        } else {
            let html = html_of(node);
            depth = (depth + count(&html, "<details")).saturating_sub(count(&html, "</details>"));
            let lower = html.to_ascii_lowercase();
            let ends_summary = lower.contains("</summary>") && !lower.contains("<summary");
            if ends_summary {
                for block in pending.take().unwrap_or_default() {
                    walk.body(block);
                }
            } else if depth == 0 {
                answer_with(pending.take(), walk);
            } else if let Some(body) = pending.as_mut() {
                body.push(node);
                continue;
            }
            if depth == 0 || ends_summary {
                unframed(ctx, node)
            } else {
                vec![node]
            }
        };
        for block in blocks {
            walk.block(block);
        }
        // The question's `</details>` ends it: text after it belongs to
        // no question.
        if depth == 0 {
            walk.close();
        }
    }
    answer_with(pending, walk);
}

/// Gives the walk `pending` blocks as the open question's answer.
fn answer_with<'a>(pending: Option<Vec<Node<'a>>>, walk: &mut Walk<'a>) {
    for block in pending.unwrap_or_default() {
        walk.block(block);
    }
}

/// A heading outside any answer: navigation stays navigation, anything
/// else names the topic of the questions after it.
pub(super) fn topic(f: &Facts, layout: Layout) -> Role {
    match role(f, layout) {
        Role::Nav => Role::Nav,
        Role::Section(name) => Role::Section(name),
        Role::Question | Role::Inner => Role::Section(section_name(&f.text)),
    }
}

/// The question a block asks in a summary, with the block's HTML after
/// the `<summary>` tag: `None` unless the block opens a `<details>` whose
/// summary reads as a question rather than a toggle.
fn question(node: Node<'_>) -> Option<(String, String)> {
    let html = match &node.data().value {
        NodeValue::HtmlBlock(h) => h.literal.clone(),
        _ => return None,
    };
    let lower = html.to_ascii_lowercase();
    let details = lower.find("<details")?;
    let open = details + lower[details..].find("<summary")?;
    let start = open + lower[open..].find('>')? + 1;
    let rest = &html[start..];
    let end = rest
        .to_ascii_lowercase()
        .find("</summary>")
        .unwrap_or(rest.len());
    let text = collapse(&strip_tags(&code_spans(&rest[..end])));
    asks(&text).then(|| (text, rest.to_string()))
}

/// `<code>` elements as Markdown code spans, so a question keeps them
/// when its other tags are stripped.
fn code_spans(html: &str) -> String {
    // Lowercasing keeps byte offsets, so one lowercase copy serves every
    // search: the text is read once however many elements it has.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = lower[at..].find("<code>").map(|o| at + o) {
        let from = open + "<code>".len();
        let Some(close) = lower[from..].find("</code>").map(|c| from + c) else {
            break;
        };
        let code = &html[from..close];
        // A code span's fence is one backtick longer than any run inside.
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        out.push_str(&html[at..open]);
        out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
        at = close + "</code>".len();
    }
    out.push_str(&html[at..]);
    out
}

/// Words that make a short summary a toggle: "Click to expand", "Show
/// the solution".
const TOGGLES: [&str; 8] = [
    "click", "expand", "show", "reveal", "toggle", "spoiler", "solution", "hint",
];

/// Whether a summary's text is a question: a label ("Answer") never is; a
/// text ending in `?` is; otherwise it needs no toggle word and three
/// words, or two that start with an asking word ("Explain OSPF.").
pub(super) fn asks(text: &str) -> bool {
    if text.is_empty() || heading_label(text).is_some() {
        return false;
    }
    if text
        .trim_end_matches(['*', '_', ' ', ':'])
        .ends_with(['?', '\u{ff1f}', '\u{61f}'])
    {
        return true;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if words.iter().any(|w| TOGGLES.contains(&w.as_str())) {
        return false;
    }
    words.len() >= 3 || (words.len() == 2 && opens_asking(text))
}

/// A heading holding `text`'s first line as inline Markdown, for the walk
/// to take as the question.
fn heading<'a>(ctx: &Ctx<'a>, text: &str) -> Node<'a> {
    let heading = ctx.heading();
    let para = ctx
        .parse_fragment(text)
        .into_iter()
        .find(|b| matches!(b.data().value, NodeValue::Paragraph));
    match para {
        Some(para) => {
            for child in para.children().collect::<Vec<_>>() {
                heading.append(child);
            }
        }
        None => heading.append(
            ctx.arena
                .alloc(AstNode::from(NodeValue::Text(text.to_string().into()))),
        ),
    }
    heading
}

/// The HTML a block holds: its literal, or its inline HTML joined.
fn html_of(node: Node<'_>) -> String {
    node.descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::HtmlBlock(h) => Some(h.literal.clone()),
            NodeValue::HtmlInline(h) => Some(h.clone()),
            _ => None,
        })
        .collect()
}

/// How often `tag` opens in `html`, in any case.
fn count(html: &str, tag: &str) -> usize {
    html.to_ascii_lowercase().matches(tag).count()
}

/// Tags that frame a folded answer and carry nothing once it is unfolded.
const FRAMING: [&str; 12] = [
    "<details>",
    "</details>",
    "</summary>",
    "<br>",
    "<br/>",
    "<br />",
    "<b>",
    "</b>",
    "<strong>",
    "</strong>",
    "<p>",
    "</p>",
];

/// `html` without the framing tags at its start and end: an unpaired tag
/// at an edge (`<br><b>` opening an answer, `</b>` closing it) and a pair
/// around the whole text. A tag at an edge that pairs with another stays:
/// `<b>a</b> and b`.
fn unwrapped(html: &str) -> String {
    let mut s = html.trim();
    // Real framing is two or three tags; a text of thousands of them is
    // left as it is after this many rounds, so the work stays linear.
    for _ in 0..MAX_FRAMING {
        let before = s.len();
        for tag in FRAMING {
            let partner = match tag.strip_prefix("</") {
                Some(name) => format!("<{name}"),
                None => tag.replacen('<', "</", 1),
            };
            let has = |t: &str| t.to_ascii_lowercase().contains(partner.as_str());
            // More of this tag than of its partner: one of them is
            // unpaired, and the one at the edge is framing.
            let lone = tag.starts_with("<br") || count(s, tag) > count(s, &partner);
            if lone
                && s.get(..tag.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(tag))
            {
                s = s[tag.len()..].trim_start();
            }
            let lone = tag.starts_with("<br") || count(s, tag) > count(s, &partner);
            let cut = s.len().saturating_sub(tag.len());
            if lone && s.get(cut..).is_some_and(|t| t.eq_ignore_ascii_case(tag)) {
                s = s[..cut].trim_end();
            }
            // A pair around the whole text, with no other of its kind
            // inside: `<b>answer</b>`.
            let close = &partner;
            let inner = s.get(tag.len()..s.len().saturating_sub(close.len()));
            let wraps = !tag.starts_with("</")
                && !tag.starts_with("<br")
                && s.get(..tag.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(tag))
                && s.get(s.len().saturating_sub(close.len())..)
                    .is_some_and(|t| t.eq_ignore_ascii_case(close));
            if let Some(inner) =
                inner.filter(|i| wraps && !has(i) && !i.to_ascii_lowercase().contains(tag))
            {
                s = inner.trim();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s.to_string()
}

/// Most rounds of framing taken off a text's edges.
const MAX_FRAMING: usize = 16;

/// `html` without any of `tags`, in any case, in one pass.
fn without(html: &str, tags: &[&str]) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    let mut i = 0;
    while i < html.len() {
        // The tags are ASCII, so a match starts and ends on a character
        // boundary wherever the scan is.
        match tags
            .iter()
            .find(|t| lower.as_bytes()[i..].starts_with(t.as_bytes()))
        {
            Some(tag) => {
                out.push_str(&html[at..i]);
                i += tag.len();
                at = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&html[at..]);
    out
}

/// A block of the details framing (the block that ends the summary or
/// the question) without the framing: an HTML block's tags are cut and
/// what is left is parsed again; a paragraph loses its inline framing tags
/// and goes if nothing is left of it.
fn unframed<'a>(ctx: &Ctx<'a>, node: Node<'a>) -> Vec<Node<'a>> {
    if let NodeValue::HtmlBlock(h) = &node.data().value {
        let html = without(&h.literal, &["</summary>", "</details>"]);
        return ctx.parse_fragment(&unwrapped(&html));
    }
    strip_marks(node);
    let shows = node.descendants().any(|n| match &n.data().value {
        NodeValue::Text(t) => !t.trim().is_empty(),
        NodeValue::Code(_) | NodeValue::CodeBlock(_) | NodeValue::Image(_) => true,
        NodeValue::HtmlInline(_) | NodeValue::HtmlBlock(_) => true,
        _ => false,
    });
    if shows {
        vec![node]
    } else {
        Vec::new()
    }
}

/// Drops the inline HTML of the details framing from `node`: the
/// `</summary>` and `</details>` tags, the framing tags next to them, and
/// the line breaks before them.
fn strip_marks(node: Node<'_>) {
    let marks: Vec<Node<'_>> = node
        .descendants()
        .filter(|n| match &n.data().value {
            NodeValue::HtmlInline(h) => {
                let h = h.trim().to_ascii_lowercase();
                ["</summary>", "</details>", "<details>"].contains(&h.as_str())
            }
            _ => false,
        })
        .collect();
    for mark in marks {
        let framing = |n: Node<'_>| match &n.data().value {
            NodeValue::HtmlInline(h) => FRAMING.contains(&h.trim().to_ascii_lowercase().as_str()),
            NodeValue::SoftBreak | NodeValue::LineBreak => true,
            _ => false,
        };
        while let Some(prev) = mark.previous_sibling().filter(|&p| framing(p)) {
            prev.detach();
        }
        while let Some(next) = mark.next_sibling().filter(|&n| framing(n)) {
            next.detach();
        }
        mark.detach();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_toggles() {
        assert!(asks("What does a router do?"));
        assert!(asks("Explain OSPF."));
        assert!(asks("Describe the layers of a network stack"));
        assert!(
            asks("Click here: what is it?"),
            "a question mark settles it"
        );
        for toggle in [
            "Answer",
            "Solution",
            "Show answer",
            "Click to expand",
            "Hint",
            "",
            "OSPF.",
        ] {
            assert!(!asks(toggle), "{toggle}");
        }
    }

    #[test]
    fn framing_goes_from_both_ends_whatever_the_text() {
        assert_eq!(unwrapped("<br><b>\n"), "");
        assert_eq!(unwrapped(" <BR/> <b>Créme</B></p>"), "Créme");
        assert_eq!(unwrapped("<br><b>\n</b></details>"), "");
        assert_eq!(unwrapped("é<b>"), "é");
        assert_eq!(unwrapped("<b>a</b> and <b>b</b>"), "<b>a</b> and <b>b</b>");
        assert_eq!(unwrapped("<br><b><b>a</b> b"), "<b>a</b> b");
    }

    #[test]
    fn thousands_of_tags_take_linear_time() {
        let many = "<b>".repeat(200_000) + "x";
        let started = std::time::Instant::now();
        assert!(unwrapped(&many).ends_with('x'));
        assert_eq!(
            without(&"</DETAILS>a".repeat(100_000), &["</details>"]).len(),
            100_000
        );
        assert_eq!(without("é</details>ü", &["</details>"]), "éü");
        assert_eq!(code_spans(&"<code>a</code>".repeat(100_000)).len(), 300_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn code_elements_become_code_spans() {
        assert_eq!(code_spans("Run <code>ls -l</code> now"), "Run `ls -l` now");
        assert_eq!(code_spans("<CODE>a`b</CODE>"), "``a`b``");
        assert_eq!(code_spans("<code>`x`</code>"), "`` `x` ``");
        assert_eq!(
            code_spans("open <code>never closed"),
            "open <code>never closed"
        );
    }
}
