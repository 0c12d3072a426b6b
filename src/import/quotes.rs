//! Quotation marks around example answers: which quote opens or closes,
//! and where a quoted answer ends.

use super::text::{has_alphanumeric, push_nonempty};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Open,
    Close,
}

/// Whether `c` opens or closes a quotation. Curly quotes say so themselves;
/// a straight `"` opens after a space and before a word, and closes after a
/// word and before a space or punctuation. Apostrophes are never quotes, so
/// "don’t" cannot end an answer.
fn quote_kind(prev: Option<char>, c: char, next: Option<char>) -> Option<Quote> {
    match c {
        '“' | '„' => Some(Quote::Open),
        '”' => Some(Quote::Close),
        '"' => {
            let after_gap = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            let before_gap =
                next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–-…*_".contains(n));
            match (after_gap, before_gap) {
                (true, false) => Some(Quote::Open),
                (false, true) => Some(Quote::Close),
                _ => None,
            }
        }
        _ => None,
    }
}

/// If `p` starts with an opening quote, its length in bytes.
pub(super) fn opening_quote(p: &str) -> Option<usize> {
    let mut chars = p.chars();
    let c = chars.next()?;
    (quote_kind(None, c, chars.next()) == Some(Quote::Open)).then_some(c.len_utf8())
}

/// Scans `text` from byte `from`, inside a quotation `depth` levels deep,
/// for the quote that closes it: returns its byte range. Nested quotations
/// (“the “one number” report”) open and close on the way.
pub(super) fn find_close(text: &str, from: usize, depth: &mut usize) -> Option<(usize, usize)> {
    let mut prev = text.get(..from)?.chars().next_back();
    let mut chars = text.get(from..)?.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match quote_kind(prev, c, next) {
            Some(Quote::Open) => *depth += 1,
            Some(Quote::Close) => {
                *depth = depth.saturating_sub(1);
                if *depth == 0 {
                    return Some((from + i, from + i + c.len_utf8()));
                }
            }
            None => {}
        }
        prev = Some(c);
    }
    None
}

/// Where the quotation opened at the start of `paras[k]` ends, scanning
/// forward: `(the text inside, per paragraph; the paragraph of the closing
/// quote; the text after it)`. `None` if it never closes.
///
/// A quotation running over several paragraphs traditionally reopens each
/// one with an opening quote (“…¶“…”); at depth one that quote reopens
/// rather than nests.
fn quoted_run(paras: &[String], k: usize) -> Option<(Vec<String>, usize, String)> {
    let mut from = opening_quote(paras.get(k)?)?;
    let mut depth = 1;
    let mut inside = Vec::new();
    let mut j = k;
    loop {
        let p = paras.get(j)?;
        if let Some((at, end)) = find_close(p, from, &mut depth) {
            push_nonempty(&mut inside, p.get(from..at).unwrap_or(""));
            let after = p.get(end..).unwrap_or("").trim().to_string();
            return Some((inside, j, after));
        }
        push_nonempty(&mut inside, p.get(from..).unwrap_or(""));
        j += 1;
        let next = paras.get(j)?;
        from = if depth == 1 {
            opening_quote(next).unwrap_or(0)
        } else {
            0
        };
    }
}

/// A quoted answer taken from the paragraphs after its label.
pub(super) struct Quoted {
    /// The paragraphs inside the quotes.
    pub(super) answer: Vec<String>,
    /// Index of the first paragraph after the answer.
    pub(super) next: usize,
    /// Text after the closing quote in the answer's last paragraph.
    pub(super) tail: String,
}

/// The answer quoted at the start of `paras`, or `None` if that quote never
/// closes. Quoted paragraphs that directly follow (“…” “…”) continue it.
pub(super) fn extract_quoted(paras: &[String]) -> Option<Quoted> {
    let (mut answer, end, mut tail) = quoted_run(paras, 0)?;
    let mut next = end + 1;
    // Only continue while the closing quote ended its paragraph: text after
    // it means commentary has started.
    while !has_alphanumeric(&tail) {
        let Some((more, end, after)) = quoted_run(paras, next) else {
            break;
        };
        // A following paragraph that merely starts with a quotation
        // ("“Tell me about yourself” is common") is not more answer.
        if has_alphanumeric(&after) {
            break;
        }
        answer.extend(more);
        next = end + 1;
        tail = after;
    }
    Some(Quoted { answer, next, tail })
}
