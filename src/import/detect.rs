//! Which layout a text is in, for `--format auto`.
//!
//! Detection reads lines rather than parsing: it only has to tell a
//! Markdown collection (question headings) from an article saved as text
//! (numbered lines), and a line scan stops at the first heading it finds.

use super::{Columns, Format};
use std::path::Path;

/// Guesses the format: Anki if the text opens with a `#separator:` header,
/// Markdown if it has a heading of level 2 to 4 outside code (also
/// `1.  ### Question` inside a list item), a `#` title that asks, a
/// `<summary>` line, or three
/// lines that ask as bullets or after a `Question:` label, else Article.
pub(super) fn detect(text: &str) -> Format {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_anki(text) {
        return Format::Anki;
    }
    let mut fence = None;
    let mut asking_lines = 0;
    for line in text.split(['\n', '\r']) {
        // A `## comment` inside a code block is not a heading.
        if let Some(open) = fence {
            if closes_fence(line, open) {
                fence = None;
            }
            continue;
        }
        fence = opens_fence(line);
        if fence.is_none() && (is_question_heading(line) || opens_summary(line)) {
            return Format::Markdown;
        }
        asking_lines += usize::from(
            fence.is_none() && (is_bullet_question(line) || is_labelled_question(line)),
        );
        if asking_lines == 3 {
            return Format::Markdown;
        }
    }
    Format::Article
}

/// Guesses the format of the file `name`: its extension names CSV and TSV,
/// and a `.txt` whose first line has a tab is a spreadsheet if that line
/// names a column, else an Anki export (Anki writes `.txt`, and exports
/// from before its `#` headers start with a note). Otherwise as [`detect`].
pub(super) fn detect_file(name: &Path, text: &str, columns: &Columns) -> Format {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = name
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        _ if is_anki(text) => Format::Anki,
        Some("csv") => Format::Csv,
        Some("tsv" | "tab") => Format::Tsv,
        Some("txt") => {
            let first = text.lines().next().unwrap_or("");
            if !first.contains('\t') {
                detect(text)
            } else if first.split('\t').any(|h| columns.names_a_field(h)) {
                Format::Tsv
            } else {
                Format::Anki
            }
        }
        _ => detect(text),
    }
}

/// Whether the text opens with Anki's `#key:value` headers, one of them
/// `#separator:`.
fn is_anki(text: &str) -> bool {
    text.lines()
        .take_while(|l| l.starts_with('#') && l.contains(':'))
        .any(|l| l.to_ascii_lowercase().starts_with("#separator:"))
}

/// A bullet that asks: it ends in a question mark (`* What is a cold
/// frame?`) or starts with an asking word (`- Explain crop rotation.`).
/// Numbered questions are an article's.
fn is_bullet_question(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    let Some(rest) = t.strip_prefix(['-', '*', '+']) else {
        return false;
    };
    rest.starts_with(' ')
        && (rest.trim_end().ends_with(['?', '\u{ff1f}', '\u{61f}'])
            || super::markdown::opens_asking(rest))
}

/// A line that asks after a `Question:` or `Q:` label.
fn is_labelled_question(line: &str) -> bool {
    let t = line.trim_start();
    ["question:", "q:"].iter().any(|label| {
        t.get(..label.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(label))
    })
}

/// A line that opens a `<details>` element's `<summary>`, where some
/// collections ask their questions.
fn opens_summary(line: &str) -> bool {
    let t = line.trim_start();
    t.get(..8)
        .is_some_and(|h| h.eq_ignore_ascii_case("<summary"))
}

/// A heading of level 2 to 4 with text, on its own or after a list marker,
/// or a `#` title that asks (a file holding one question).
fn is_question_heading(line: &str) -> bool {
    let heading_at = |l: &str| matches!(heading(l), Some((2..=4, text)) if !text.is_empty());
    if heading_at(line) || matches!(heading(line), Some((1, text)) if text.ends_with('?')) {
        return true;
    }
    let t = line.trim_start_matches(' ');
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match t.get(digits..) {
        Some(rest) if digits > 0 && digits < 10 => rest.strip_prefix(['.', ')']),
        Some(rest) if digits == 0 => rest.strip_prefix(['-', '*', '+']),
        _ => None,
    };
    marker.is_some_and(|rest| rest.starts_with(' ') && heading_at(rest.trim_start()))
}

/// An ATX heading: its level and text without the closing `#`s.
fn heading(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = &rest[hashes..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((hashes, after.trim().trim_end_matches('#').trim_end()))
}

/// A code fence opening line: its character and length.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = t.len() - t.trim_start_matches(c).len();
    if n < 3 || (c == '`' && t[n..].contains('`')) {
        return None;
    }
    Some((c, n))
}

fn closes_fence(line: &str, (c, n): (char, usize)) -> bool {
    let t = line.trim();
    t.len() >= n && t.chars().all(|x| x == c)
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::import::Format;

    #[test]
    fn detect_format() {
        assert_eq!(detect(""), Format::Article);
        assert_eq!(detect("# Only a title\n\nText."), Format::Article);
        assert_eq!(detect("# A title that asks?\n\nText."), Format::Markdown);
        assert_eq!(detect("Intro\n## A question?\n"), Format::Markdown);
        assert_eq!(detect("   ### Indented heading"), Format::Markdown);
        assert_eq!(detect("\u{feff}## After a BOM\r\n"), Format::Markdown);
        assert_eq!(
            detect("# Exercises\n\n<details>\n  <SUMMARY>What is DNS?</summary>\n"),
            Format::Markdown
        );
        assert_eq!(
            detect("```\n<summary>in code</summary>\n```\n"),
            Format::Article
        );
        assert_eq!(detect("* Why?\n- How?\n  + When?\n"), Format::Markdown);
        assert_eq!(detect("* Why?\n- How?\n1. When?\n"), Format::Article);
        assert_eq!(detect("* Why?\n- Explain it.\n* How?\n"), Format::Markdown);
        assert_eq!(detect("* Why?\n- It is.\n* How?\n"), Format::Article);
        assert_eq!(
            detect("Question: Why?\n\nq: How?\n\nQUESTION: When?\n"),
            Format::Markdown
        );
        assert_eq!(detect("##no space is a hashtag"), Format::Article);
        assert_eq!(detect("#### Q. Level four"), Format::Markdown);
        assert_eq!(detect("##### Too deep"), Format::Article);
        assert_eq!(detect("1.  ### In a list item"), Format::Markdown);
        assert_eq!(detect("- ## In a bullet"), Format::Markdown);
        assert_eq!(detect("2024. ## odd but a heading"), Format::Markdown);
        assert_eq!(detect("    ## Code, not a heading"), Format::Article);
        assert_eq!(detect("```\n## in a fence\n```\n"), Format::Article);
        assert_eq!(detect("1. Question?\nExample: “Yes.”"), Format::Article);
    }
}
