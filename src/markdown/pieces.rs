//! A long document parsed in pieces, each on its own, on all cores.
//!
//! comrak's tree of a whole document is several times the size of its
//! text: 75 MB for the 13 MB of a 5,000-question guide, more than all the
//! rest of the build held at that moment. Cut at question marks, each
//! piece's tree is read and freed on its own. Small trees are also quicker
//! to build and walk: parsing 5,000 questions took 115 ms on one core
//! instead of 208, and takes 75 on two.
//!
//! A cut must not change what the text means. Two things in Markdown
//! reach across the whole document: link reference definitions and
//! footnote definitions. A text that may have either is parsed whole.
//! Everything else is block structure, which CommonMark settles line by
//! line: whether a line starts a new top-level block depends only
//! on the lines up to it. So each piece is parsed together with the mark
//! line that the next piece starts with, and the cut stands only if that
//! line came out as a top-level HTML block of its own, a question mark
//! (not, say, a line inside a fenced code block that the piece left open).
//! If it did not, the rest of the text is parsed whole: the pieces after
//! it were parsed for nothing, so a text can cost at most twice one parse.

use super::{document_options, html, html_mark, tops, Mark, Node, Top, Walk, QUESTION_MARK};
use comrak::{parse_document, Arena};
use rayon::prelude::*;

/// About how many bytes of Markdown a piece holds: about ten questions.
/// A shorter text is one piece. Small enough that a one-output guide
/// (the example's 35 KB) is parsed on both cores: 0.6 ms instead of 0.9;
/// at 5,000 questions, 16 KB pieces parse as fast as 64 KB ones.
const PIECE: usize = 16 * 1024;

/// A stretch of the text to parse on its own.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    /// Its bytes: whole lines. Each piece but the last ends with the
    /// line the next one starts with, a question mark.
    start: usize,
    end: usize,
    /// The lines of the text before it.
    lines_before: usize,
    /// Whether it is the last piece, which runs to the end of the text.
    last: bool,
}

/// The top-level nodes of `text`, read, and the HTML tags dropped.
pub(super) fn parse(text: &str) -> (Vec<Top>, html::Dropped) {
    let mut tops = Vec::new();
    let mut dropped = html::Dropped::default();
    let cuts = cut(text);
    let reads: Vec<_> = cuts.par_iter().map(|piece| read(text, piece)).collect();
    for (piece, read) in cuts.into_iter().zip(reads) {
        let stood = read.is_some();
        // A cut that did not stand: the rest is one piece, and a last
        // piece always reads.
        let (more, gone) = read.unwrap_or_else(|| {
            let rest = Piece {
                end: text.len(),
                last: true,
                ..piece
            };
            self::read(text, &rest).unwrap_or_default()
        });
        tops.extend(more);
        dropped.0.extend(gone.0);
        if !stood {
            break;
        }
    }
    (tops, dropped)
}

/// The top-level nodes of `piece`, read, or `None` when its cut does not
/// stand: its last line is not a question mark of its own.
fn read(text: &str, piece: &Piece) -> Option<(Vec<Top>, html::Dropped)> {
    let source = &text[piece.start..piece.end];
    let arena = Arena::new();
    let root = parse_document(&arena, source, &document_options());
    if !piece.last {
        let mark = root.last_child()?;
        let lines = source.lines().count();
        if mark.data().sourcepos.start.line != lines || !is_start(mark) {
            return None;
        }
        // The next piece reads it.
        mark.detach();
    }
    let mut walk = Walk {
        lines_before: piece.lines_before,
        ..Walk::default()
    };
    let tops = tops(root, &mut walk);
    Some((tops, walk.dropped))
}

/// Whether `node` is a question mark: the comment that starts a question.
fn is_start(node: Node<'_>) -> bool {
    matches!(html_mark(node), Some(Mark::Start(_)))
}

/// Where to cut `text`: at the first question mark line at least
/// [`PIECE`] bytes into each piece.
fn cut(text: &str) -> Vec<Piece> {
    let whole = Piece {
        start: 0,
        end: text.len(),
        lines_before: 0,
        last: true,
    };
    if text.len() < 2 * PIECE || may_define(text) {
        return vec![whole];
    }
    let mut pieces = Vec::new();
    let mut piece = whole;
    let mut line_no = 0;
    let mut at = 0;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
        if at >= piece.start + PIECE && is_mark_line(&text[at..end]) {
            pieces.push(Piece {
                end,
                last: false,
                ..piece
            });
            piece = Piece {
                start: at,
                lines_before: line_no,
                ..whole
            };
        }
        line_no += 1;
        at = end;
    }
    pieces.push(piece);
    pieces
}

/// Whether `text` may define a link reference or a footnote: a line
/// whose first `[`, after any indentation, quote marks or list markers,
/// opens a label that `]:` closes. Code such as `map[key]: value` or
/// `a[type]:hover` does not count; whether a candidate really is a
/// definition is not asked. Linear: a label holds no unescaped bracket,
/// so the scan from one opening bracket stops at the next.
fn may_define(text: &str) -> bool {
    /// The longest label CommonMark allows, and then some.
    const LABEL: usize = 1000;
    const PREFIX: &[u8] = b" \t>-*+.)0123456789";
    let bytes = text.as_bytes();
    let mut line = 0;
    while line < bytes.len() {
        let open = line
            + bytes[line..]
                .iter()
                .take_while(|b| PREFIX.contains(b))
                .count();
        if bytes.get(open) == Some(&b'[') {
            let mut i = open + 1;
            while i < bytes.len().min(open + LABEL) {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'[' => break,
                    b']' if bytes.get(i + 1) == Some(&b':') => return true,
                    b']' => break,
                    _ => i += 1,
                }
            }
        }
        line = match bytes[open..].iter().position(|&b| b == b'\n') {
            Some(n) => open + n + 1,
            None => bytes.len(),
        };
    }
    false
}

/// Whether `line` looks like a question mark: `<!-- question: … -->`
/// after at most three spaces. (Whether it is one, the parse says.)
fn is_mark_line(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3
        && trimmed
            .strip_prefix("<!--")
            .is_some_and(|rest| rest.trim_start().starts_with(QUESTION_MARK))
}

#[cfg(test)]
mod tests {
    use super::super::{assemble, Block, Document};
    use super::*;

    /// `text` parsed whole, as one piece.
    fn whole(text: &str) -> Document {
        let piece = Piece {
            start: 0,
            end: text.len(),
            lines_before: 0,
            last: true,
        };
        assemble(read(text, &piece).unwrap_or_default())
    }

    /// A guide of `n` questions in sections, with what reaches across
    /// blocks: `<details>` open over Markdown blocks, pictures whose line
    /// is kept, dropped HTML tags, and a question ended early.
    fn guide(n: usize) -> String {
        let mut text = String::from("---\ntitle: Long\n---\n\n");
        for q in 0..n {
            if q % 40 == 0 {
                text.push_str(&format!("# Section {q}\n\n"));
            }
            text.push_str(&format!(
                "<!-- question: q{q} -->\n## Question {q}?\n\n\
                 Text with *stress*, a [link](https://example.org/{q}) and \"quotes\" -- \
                 enough to fill a line or two of the page.\n\n\
                 ![Figure {q}](pics/{q}.png)\n\n- one\n- two <blink>odd</blink>\n\n\
                 <details><summary>Answer {q}</summary>\n\nHidden *answer*.\n\n</details>\n\n"
            ));
            if q % 7 == 0 {
                text.push_str("<!-- /question -->\n\nBetween questions.\n\n");
            }
        }
        text
    }

    #[test]
    fn a_long_guide_reads_as_when_parsed_whole() {
        let text = guide(1500);
        let pieces = cut(&text);
        assert!(pieces.len() > 3, "{} pieces", pieces.len());
        for pair in pieces.windows(2) {
            assert!(
                pair[0].end > pair[1].start,
                "pieces overlap by the mark line"
            );
            assert!(is_mark_line(&text[pair[1].start..pair[0].end]));
        }
        let doc = parse_doc(&text);
        assert_eq!(doc, whole(&text));
        assert_eq!(doc.question_ids().count(), 1500);
        assert_eq!(doc.meta.title.as_deref(), Some("Long"));
        assert_eq!(doc.dropped_html, vec!["blink".to_string()]);
        // A picture near the end keeps its line in the whole text.
        let (line, _) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("pics/1499.png"))
            .unwrap();
        let Some(Block::Question { blocks, .. }) = doc.blocks.last() else {
            panic!("{:?}", doc.blocks.last())
        };
        let figure = blocks.iter().find_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        });
        assert_eq!(
            figure.map(|f| (f.src.as_str(), f.line)),
            Some(("pics/1499.png", line + 1))
        );
    }

    fn parse_doc(text: &str) -> Document {
        super::super::parse(text)
    }

    #[test]
    fn a_mark_inside_an_open_fence_is_not_a_cut() {
        // A fence opened in a question and never closed runs to the end:
        // every mark after it is code, in one parse as in pieces.
        let mut text = guide(400);
        text.push_str("```\nunclosed\n\n");
        text.push_str(&guide(400).replace("---\ntitle: Long\n---\n", ""));
        assert!(cut(&text).len() > 3);
        let doc = parse_doc(&text);
        assert_eq!(doc, whole(&text));
        assert_eq!(doc.question_ids().count(), 400);
        assert!(matches!(
            doc.blocks.last(),
            Some(Block::Code { text, .. }) if text.contains("question: q399")
        ));
    }

    #[test]
    fn a_mark_inside_a_pre_block_is_not_a_cut() {
        // An HTML block opened by `<pre>` runs over blank lines to its
        // `</pre>`.
        let mut text = guide(400);
        text.push_str("<pre>\nnotes\n\n");
        text.push_str(&guide(400).replace("---\ntitle: Long\n---\n", ""));
        text.push_str("\n</pre>\n\nAfter.\n");
        assert!(cut(&text).len() > 3);
        let doc = parse_doc(&text);
        assert_eq!(doc, whole(&text));
        assert_eq!(doc.question_ids().count(), 400);
    }

    #[test]
    fn link_references_and_footnotes_are_read_whole() {
        let mut text = String::from("See [the docs][d].\n\n");
        text.push_str(&guide(600).replace("---\ntitle: Long\n---\n", ""));
        assert!(cut(&text).len() > 1);
        let refs = format!("{text}[d]: https://example.org/docs\n");
        assert_eq!(cut(&refs).len(), 1);
        let doc = parse_doc(&refs);
        let Some(Block::Paragraph(first)) = doc.blocks.first() else {
            panic!("{:?}", doc.blocks.first())
        };
        assert!(first.iter().any(|i| matches!(
            i,
            super::super::Inline::Link { url, .. } if url == "https://example.org/docs"
        )));
        let notes = format!("A note.[^n]\n\n{text}[^n]: The note.\n");
        assert_eq!(cut(&notes).len(), 1);
        assert_eq!(parse_doc(&notes), whole(&notes));
    }

    #[test]
    fn definitions_are_told_from_code() {
        for text in [
            "[a]: https://example.org\n",
            "x\n  > - [a\\]b]: /url\n",
            "1. [^note]: Said.\n",
            "[a\nb]: /two-lines\n",
        ] {
            assert!(may_define(text), "{text:?}");
        }
        for text in [
            "map[key]: value\n",
            "input[type=\"text\"]:focus {}\n",
            "- [What is it?](#what-is-it)\n",
            "[a] [b]: c\n",
            "[[[[[[\n]:\n",
        ] {
            assert!(!may_define(text), "{text:?}");
        }
    }

    #[test]
    fn short_texts_are_one_piece() {
        assert_eq!(cut(&guide(3)).len(), 1);
        assert!(is_mark_line("<!-- question: a -->\n"));
        assert!(is_mark_line("   <!--question:a-->"));
        assert!(!is_mark_line("    <!-- question: a -->"));
        assert!(!is_mark_line("<!-- note -->"));
    }
}
