//! Navigation a collection carries around its questions: back-to-top
//! links, tables of contents, "Previous / Next", badges and © lines.
//!
//! Each is recognised by what it is, not by how it is wrapped, so
//! `**[⬆ Back to Top](#top)**` and `<div align="right"><a href="#">↥ back
//! to top</a></div>` are the same thing.

use super::tree::{images, links, plain_text, strip_tags, Node};
use crate::import::nav::is_strong_nav;
use comrak::nodes::NodeValue;

/// A kind of navigation, as named in the import summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NavKind {
    /// "⬆ Back to Top" in any wrapping.
    BackToTop,
    /// A list or table of links to the page's own headings.
    Contents,
    /// "Previous", "Next" and links like them.
    PreviousNext,
    /// Images from badge services.
    Badge,
    /// © and copyright lines.
    Copyright,
    /// Other site furniture: "Related: …", "Share this", "Tags: …".
    Other,
    /// HTML that holds no text, such as `<br/>` spacers.
    EmptyHtml,
}

impl NavKind {
    /// The summary's name for `count` of them.
    pub fn describe(self, count: usize) -> String {
        let (one, many) = match self {
            NavKind::BackToTop => ("back-to-top link", "back-to-top links"),
            NavKind::Contents => ("table of contents", "tables of contents"),
            NavKind::PreviousNext => ("previous/next link", "previous/next links"),
            NavKind::Badge => ("badge", "badges"),
            NavKind::Copyright => ("copyright line", "copyright lines"),
            NavKind::Other => ("other navigation line", "other navigation lines"),
            NavKind::EmptyHtml => ("empty HTML block", "empty HTML blocks"),
        };
        format!("{count} {}", if count == 1 { one } else { many })
    }
}

/// Hosts whose images are status badges.
const BADGE_HOSTS: [&str; 6] = [
    "shields.io",
    "badgen.net",
    "badge.fury.io",
    "travis-ci",
    "codecov.io",
    "/badge",
];

/// What navigation `block` is, if it is any.
pub(super) fn navigation(block: Node<'_>) -> Option<NavKind> {
    let html = match &block.data().value {
        NodeValue::HtmlBlock(h) => Some(h.literal.clone()),
        NodeValue::Paragraph | NodeValue::List(_) | NodeValue::Table(_) => None,
        _ => return None,
    };
    if let Some(html) = html {
        return html_navigation(&html);
    }
    if is_contents(block) {
        return Some(NavKind::Contents);
    }
    if is_badges(block) {
        return Some(NavKind::Badge);
    }
    if matches!(block.data().value, NodeValue::Paragraph) {
        return text_navigation(&plain_text(block));
    }
    None
}

fn html_navigation(html: &str) -> Option<NavKind> {
    let text = strip_tags(html);
    if text.trim().is_empty() {
        let media = ["<img", "<video", "<svg", "<picture", "<table"];
        let lower = html.to_lowercase();
        return (!media.iter().any(|m| lower.contains(m))).then_some(NavKind::EmptyHtml);
    }
    text_navigation(&text)
}

/// Whether link text says "back to top" (or is arrows alone), as the
/// links collections put after each answer do.
pub(crate) fn is_back_to_top(text: &str) -> bool {
    text_navigation(text) == Some(NavKind::BackToTop)
}

/// Navigation told by its words: the text without arrows and emphasis.
fn text_navigation(text: &str) -> Option<NavKind> {
    if text.split_whitespace().count() > 30 {
        return None;
    }
    let key = text
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '©')
        .to_lowercase();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let back = [
        "back to top",
        "top",
        "go to top",
        "return to top",
        "scroll to top",
    ];
    if back.contains(&key.as_str()) || key.starts_with("back to top") || is_arrow_only(text) {
        return Some(NavKind::BackToTop);
    }
    if key.starts_with('©') || key.starts_with("copyright") || key.contains("all rights reserved")
    {
        return Some(NavKind::Copyright);
    }
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(w));
    let both = has(&["previous", "prev"]) && has(&["next"]);
    if !is_strong_nav(text) {
        return (both && words.len() <= 8).then_some(NavKind::PreviousNext);
    }
    if has(&["previous", "prev", "next"]) {
        return Some(NavKind::PreviousNext);
    }
    is_strong_nav(text).then_some(NavKind::Other)
}

/// `⬆`, `↥`, `↑` alone, perhaps several.
fn is_arrow_only(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_whitespace() || matches!(c, '⬆' | '↥' | '↑' | '⇧' | '⤴' | '\u{fe0f}'))
}

/// A list or table of two or more links, all to the page's own anchors,
/// whose link text is most of its text.
fn is_contents(block: Node<'_>) -> bool {
    if matches!(block.data().value, NodeValue::Paragraph) {
        return false;
    }
    let links = links(block);
    if links.len() < 2 || !links.iter().all(|(url, _)| url.starts_with('#')) {
        return false;
    }
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let linked: usize = links.iter().map(|(_, t)| letters(t)).sum();
    let all = letters(&plain_text(block));
    4 * linked >= 3 * all
}

/// A paragraph of nothing but images, every one a badge.
fn is_badges(block: Node<'_>) -> bool {
    let images = images(block);
    if images.is_empty()
        || !images
            .iter()
            .all(|url| BADGE_HOSTS.iter().any(|h| url.contains(h)))
    {
        return false;
    }
    // Alt text is the badge's own label, not text around it.
    let outside_images = block.descendants().any(|n| {
        matches!(&n.data().value, NodeValue::Text(t) if !t.trim().is_empty())
            && !n
                .ancestors()
                .any(|a| matches!(a.data().value, NodeValue::Image(_)))
    });
    !outside_images
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_are_navigation() {
        assert_eq!(text_navigation("⬆ Back to Top"), Some(NavKind::BackToTop));
        assert_eq!(text_navigation(" ↥ back to top "), Some(NavKind::BackToTop));
        assert_eq!(text_navigation("⬆"), Some(NavKind::BackToTop));
        assert_eq!(
            text_navigation("« Previous | Next »"),
            Some(NavKind::PreviousNext)
        );
        assert_eq!(text_navigation("Next"), Some(NavKind::PreviousNext));
        assert_eq!(text_navigation("© 2025 Someone"), Some(NavKind::Copyright));
        assert_eq!(text_navigation("Share this article"), Some(NavKind::Other));
        assert_eq!(text_navigation("The next step is a test."), None);
        assert_eq!(text_navigation("Stop at the top of the loop."), None);
    }

    #[test]
    fn empty_html_is_spacing_but_images_stay() {
        assert_eq!(html_navigation("<br/>"), Some(NavKind::EmptyHtml));
        assert_eq!(
            html_navigation("<p align=\"center\"><img src=\"x.png\"></p>"),
            None
        );
        assert_eq!(
            html_navigation(
                "<div align=\"right\">\n  <b><a href=\"#\">↥ back to top</a></b>\n</div>"
            ),
            Some(NavKind::BackToTop)
        );
    }
}
