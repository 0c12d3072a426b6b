//! Where a large bank may be cut into pieces that parse on their own, so
//! that the pieces parse on all cores.
//!
//! A bank is a list of `[[question]]` tables. Cut right before a line that
//! is exactly `[[question]]`, every piece after the first is that table and
//! the ones after it, and each piece parses to the questions the whole
//! file has there, as long as nothing in the file could make the cut mean
//! something else:
//!
//! - Before the first `[[question]]` there are only blank lines and
//!   comments, so no key of the file's top table sits in the first piece
//!   while the tables sit in others.
//! - No other line looks like a table header: there is no other table, and
//!   no `[question.…]` sub-table, whose meaning would depend on the tables
//!   before it. (Such a line inside a string costs only the speed-up; code
//!   such as `['a', 'b']` or `[] === []` does not look like one. A real
//!   header that does not look like one, such as a quoted key with a
//!   comma, names a table a bank does not have: its piece fails to parse.)
//! - A cut that falls inside a multi-line string, array or inline table
//!   leaves the piece before it unterminated, so that piece fails to parse.
//!   The caller then parses the whole file, which gives the right result
//!   and, for a broken file, the right error with the right position.

/// Files smaller than this are parsed whole: a piece has a fixed cost, and
/// small banks parse in a few milliseconds.
const MIN_FILE: usize = 512 * 1024;

/// About how many bytes each piece holds.
const PIECE: usize = 256 * 1024;

/// The table header that pieces start at.
const HEADER: &str = "[[question]]";

/// The pieces of `text`, each with its byte offset in it, if it is large
/// enough to be worth cutting and can be cut (see the module's notes).
/// Always two pieces or more.
pub(super) fn cut(text: &str) -> Option<Vec<(usize, &str)>> {
    cut_at(text, MIN_FILE, PIECE)
}

/// [`cut`], for files of at least `min_file` bytes, into pieces of about
/// `piece` bytes.
pub(super) fn cut_at(text: &str, min_file: usize, piece: usize) -> Option<Vec<(usize, &str)>> {
    if text.len() < min_file {
        return None;
    }
    let mut cuts = vec![0];
    let mut seen_header = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let bare = line
            .trim_end_matches(['\n', '\r'])
            .trim_end_matches([' ', '\t']);
        if bare == HEADER {
            if seen_header && start - cuts[cuts.len() - 1] >= piece {
                cuts.push(start);
            }
            seen_header = true;
            continue;
        }
        let head = bare.trim_start_matches([' ', '\t']);
        if looks_like_header(head) {
            return None;
        }
        // Before the first table: only blank lines and comments.
        if !(seen_header || head.is_empty() || head.starts_with('#')) {
            return None;
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    let ends = cuts[1..].iter().copied().chain([text.len()]);
    Some(
        cuts.iter()
            .zip(ends)
            .map(|(&s, e)| (s, &text[s..e]))
            .collect(),
    )
}

/// Whether `line` (trimmed) could be a table header: brackets around
/// nothing but what keys are made of (letters, digits, `_`, `-`, quotes,
/// spaces, and dots between keys), and perhaps a comment after them.
fn looks_like_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('[') else {
        return false;
    };
    let Some(close) = rest.find(']') else {
        return false;
    };
    let key = rest[..close].trim_start_matches('[');
    let after = rest[close..]
        .trim_start_matches(']')
        .trim_start_matches([' ', '\t']);
    let dotted = key.trim();
    !dotted.is_empty()
        && !dotted.starts_with('.')
        && !dotted.ends_with('.')
        && !dotted.contains("..")
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' ' | '\t'))
        && (after.is_empty() || after.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: usize) -> String {
        format!(
            "[[question]]\nid = \"q{id}\"\nquestion = \"Why?\"\nanswer = \"\"\"\nA line.\n[not a header]\n\"\"\"\n\n"
        )
    }

    #[test]
    fn cuts_only_before_question_headers_and_only_when_safe() {
        let body: String = (0..20).map(question).collect();
        let text = format!("# A bank.\n\n{body}");
        // A line opening with `[` inside a string stops the cutting.
        assert_eq!(cut_at(&text, 0, 100), None);
        let plain = text.replace("[not a header]", "not a header");
        let pieces = cut_at(&plain, 0, 100).expect("cut");
        assert!(pieces.len() > 2);
        let joined: String = pieces.iter().map(|(_, p)| *p).collect();
        assert_eq!(joined, plain);
        assert_eq!(pieces[0].0, 0);
        for (offset, piece) in &pieces[1..] {
            assert!(piece.starts_with(HEADER));
            assert_eq!(&plain[*offset..*offset + piece.len()], *piece);
        }
        // A key before the first table, or another table, or a small file:
        // not cut.
        assert_eq!(cut_at(&format!("title = \"x\"\n{plain}"), 0, 100), None);
        assert_eq!(cut_at(&format!("{plain}[other]\nk = 1\n"), 0, 100), None);
        assert_eq!(cut_at(&format!("{plain}  [question.x]\n"), 0, 100), None);
        assert_eq!(cut_at(&plain, plain.len() + 1, 100), None);
        // Code in a string is no header.
        let code = plain.replace("A line.", "['Apple', 'Orange']\n[] === []\n[1, 2].map(f)");
        assert!(cut_at(&code, 0, 100).is_some());
        for header in [
            "[x]",
            "[[x]]",
            "[ a.\"b c\" ]",
            "[[question]] # next",
            "[a] # t",
        ] {
            assert!(looks_like_header(header), "{header}");
        }
        for content in [
            "['a', 'b']",
            "[] === []",
            "[1, 2]",
            "[x] + 1",
            "[x",
            "[]",
            "[...'Hi']",
        ] {
            assert!(!looks_like_header(content), "{content}");
        }
        // Headers written with trailing spaces or CRLF still cut.
        let crlf = plain.replace('\n', "\r\n").replace("]]\r\n", "]]  \r\n");
        let crlf_pieces = cut_at(&crlf, 0, 100).expect("cut");
        assert!(crlf_pieces.len() > 2);
        assert!(crlf_pieces[1..].iter().all(|(_, p)| p.starts_with(HEADER)));
    }
}
