//! Page furniture: site navigation, footers and titles of other articles
//! that copied web text carries along.

use super::text::{ends_sentence, is_list_line};

/// Whole paragraphs that are site navigation, lowercased, without arrows.
const NAV_EXACT: [&str; 46] = [
    "previous",
    "prev",
    "next",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "previous page",
    "next page",
    "previous question",
    "next question",
    "back",
    "back to top",
    "top",
    "share",
    "share this",
    "share this article",
    "share this post",
    "share this page",
    "share article",
    "related",
    "related articles",
    "related posts",
    "related reading",
    "related content",
    "you may also like",
    "you might also like",
    "read more",
    "read next",
    "more articles",
    "see also",
    "comments",
    "leave a comment",
    "leave a reply",
    "subscribe",
    "sign up",
    "log in",
    "advertisement",
    "sponsored",
    "print",
    "email",
    "facebook",
    "twitter",
    "linkedin",
    "table of contents",
    "tags",
];

/// Starts of paragraphs that are navigation or footer text.
const NAV_PREFIX: [&str; 26] = [
    "previous:",
    "next:",
    "prev:",
    "previous article:",
    "next article:",
    "previous post:",
    "next post:",
    "related:",
    "related article:",
    "read more:",
    "read next:",
    "also read:",
    "up next:",
    "see also:",
    "more:",
    "tags:",
    "filed under",
    "share this article",
    "share on ",
    "©",
    "copyright ©",
    "copyright 1",
    "copyright 2",
    "was this article helpful",
    "sign up for",
    "subscribe to",
];

/// Footer phrases that mark a short paragraph as page furniture.
const NAV_CONTAINS: [&str; 6] = [
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "cookie policy",
    "cookie settings",
];

/// Small words that stay lowercase in title case.
const SMALL_WORDS: [&str; 22] = [
    "a", "an", "the", "and", "or", "but", "for", "nor", "of", "on", "in", "to", "at", "by", "with",
    "from", "into", "your", "you", "as", "vs", "per",
];

/// Whether `p` is clearly navigation or footer text: "Previous", "Next »",
/// "Related: …", "© 2025 …", "[Back to top](#top)".
pub(super) fn is_strong_nav(p: &str) -> bool {
    if p.contains('\n') || p.split_whitespace().count() > 30 {
        return false;
    }
    let mut t = p.trim();
    // A Markdown link counts as its text.
    if let (Some(rest), true) = (t.strip_prefix('['), t.ends_with(')')) {
        if let Some(end) = rest.find("](") {
            t = &rest[..end];
        }
    }
    let key = t
        .trim_matches(|c: char| c.is_whitespace() || "«»‹›←→↑<>|·•-–—[]()*_#".contains(c))
        .to_lowercase();
    NAV_EXACT.contains(&key.as_str())
        || NAV_PREFIX.iter().any(|x| key.starts_with(x))
        || NAV_CONTAINS.iter().any(|x| key.contains(x))
}

/// Whether `p` looks like a title rather than prose: a short line without
/// closing punctuation, such as another article's title ("How to Write a
/// Cover Letter") or a section heading ("Technical questions"). Only used at
/// the end of a question's text, where such lines are page furniture.
fn is_weak_nav(p: &str) -> bool {
    if p.contains('\n') || p.contains(',') || is_list_line(p) || ends_sentence(p) {
        return false;
    }
    let Some(first) = p.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() > 8 || p.chars().count() > 70 {
        return false;
    }
    // Up to five words is a heading in any case; longer lines must be title
    // case, so a short sentence that lost its full stop survives.
    words.len() <= 5
        || words.iter().all(|w| {
            w.chars().next().is_none_or(|c| !c.is_lowercase())
                || SMALL_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// Removes page furniture from text that runs to the end of a question:
/// after the last question everything from the first navigation paragraph
/// on is the site's trailer; elsewhere navigation paragraphs are dropped one
/// by one. Then title-like lines go from the end.
pub(super) fn drop_nav(paras: &mut Vec<String>, is_last: bool) {
    if is_last {
        if let Some(cut) = paras.iter().position(|p| is_strong_nav(p)) {
            paras.truncate(cut);
        }
    } else {
        paras.retain(|p| !is_strong_nav(p));
    }
    while paras
        .last()
        .is_some_and(|p| is_strong_nav(p) || is_weak_nav(p))
    {
        paras.pop();
    }
}
