//! Bounds on what hostile Markdown can make the parser do.
//!
//! comrak descends recursively into nested lists, so `1. 1. 1. …` a few
//! thousand deep exhausts a thread's stack. Two bounds keep any input
//! safe: container markers past [`MAX_MARKERS`] on one line are dropped
//! (their text stays), and the parse runs on a thread with a stack large
//! enough for the deepest nesting indentation can build within the input
//! size limit (16 MB allows about 3,300 levels).

/// Container markers (`>`, `-`, `1.`) kept at the start of one line.
pub(super) const MAX_MARKERS: usize = 32;

/// Stack for the parsing thread. Only the pages used are committed.
pub(super) const PARSE_STACK: usize = 512 << 20;

/// `text` with container markers beyond [`MAX_MARKERS`] removed from the
/// start of each line.
pub(super) fn cap_nesting(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (kept, rest) = split_markers(line);
        out.push_str(&line[..kept]);
        out.push_str(&line[rest..]);
    }
    out
}

/// The byte offset after the first [`MAX_MARKERS`] markers, and the offset
/// after all of them (equal when the line is within the bound).
fn split_markers(line: &str) -> (usize, usize) {
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut count = 0;
    let mut kept = None;
    loop {
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
            at += 1;
        }
        let Some(len) = marker_len(&bytes[at..]) else {
            break;
        };
        count += 1;
        if count == MAX_MARKERS {
            kept = Some(at + len);
        }
        at += len;
    }
    match kept {
        Some(k) if count > MAX_MARKERS => (k, at),
        _ => (line.len(), line.len()),
    }
}

/// The length of a container marker at the start of `b`.
fn marker_len(b: &[u8]) -> Option<usize> {
    match b.first()? {
        b'>' => Some(1),
        b'-' | b'*' | b'+' if matches!(b.get(1), Some(b' ' | b'\t')) => Some(2),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            let ok = digits <= 9
                && matches!(b.get(digits), Some(b'.' | b')'))
                && matches!(b.get(digits + 1), Some(b' ' | b'\t'));
            ok.then_some(digits + 2)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_past_the_bound_go_and_text_stays() {
        assert_eq!(cap_nesting("- a\n> b"), "- a\n> b");
        let deep = format!("{}text", "1. ".repeat(100));
        let capped = cap_nesting(&deep);
        assert_eq!(capped, format!("{}text", "1. ".repeat(MAX_MARKERS)));
        let quotes = format!("{}x", ">".repeat(1000));
        assert_eq!(
            cap_nesting(&quotes),
            format!("{}x", ">".repeat(MAX_MARKERS))
        );
        assert_eq!(cap_nesting("1.5 million"), "1.5 million");
    }
}
