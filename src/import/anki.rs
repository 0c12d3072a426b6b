//! Anki's plain-text export ("Notes in Plain Text").
//!
//! The export is a tab-separated file whose first lines may be `#key:value`
//! headers: `#separator:tab`, `#html:true`, `#tags column:3`, and columns
//! holding the deck, note type or guid instead of a field, and `#deck:` and
//! `#tags:` for every note. The first field
//! is the question and the second the answer. Fields are HTML when
//! `#html:true` (and in headerless exports, which always included it), so
//! they are turned into the little Markdown a card needs.

use super::table::{csv_error, line_of, reader, split_tags, table_error};
use super::text::{clean_markdown, collapse};
use super::{Draft, ImportError, DEFAULT_SECTION};
use crate::bank::{Difficulty, MAX_QUESTIONS};

/// The `#` headers at the top of an export.
#[derive(Debug)]
struct Headers {
    separator: u8,
    html: bool,
    /// 0-based columns.
    tags: Option<usize>,
    deck: Option<usize>,
    /// Columns that are neither fields nor tags (note type, guid).
    other: Vec<usize>,
    /// How many lines the headers take, to number the rows after them.
    lines: u64,
    /// Whether any header was present: headerless exports put tags last.
    any: bool,
    /// `#deck:`, the deck of every note without a deck column.
    default_deck: Option<String>,
    /// `#tags:`, tags every note gets.
    file_tags: String,
}

/// Reads an export into drafts; the strings are notes for a reviewer.
pub(super) fn parse_anki(text: &str) -> Result<(Vec<Draft>, Vec<String>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let headers = headers(text)?;
    let body: String = text
        .split_inclusive('\n')
        .skip(headers.lines as usize)
        .collect();
    let mut notes = Vec::new();
    let mut drafts = Vec::new();
    let mut extra_fields = false;
    for record in reader(headers.separator)
        .from_reader(body.as_bytes())
        .into_records()
    {
        let record = record.map_err(|e| csv_error(e, headers.lines))?;
        let line = line_of(&record) + headers.lines;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if drafts.len() == MAX_QUESTIONS {
            return Err(table_error(
                line,
                &format!("the file holds more than the limit of {MAX_QUESTIONS} notes"),
            ));
        }
        let tags_at = headers
            .tags
            .or((!headers.any && record.len() >= 3).then(|| record.len() - 1));
        let fields: Vec<&str> = record
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                Some(*i) != tags_at && Some(*i) != headers.deck && !headers.other.contains(i)
            })
            .map(|(_, f)| f)
            .collect();
        extra_fields |= fields.len() > 2;
        let field = |i: usize| {
            let raw = fields.get(i).copied().unwrap_or("");
            if headers.html {
                html_to_markdown(raw)
            } else {
                clean_markdown(raw)
            }
        };
        let question = collapse(&field(0));
        if question.is_empty() {
            notes.push(format!("line {line}: skipped a note with an empty front"));
            continue;
        }
        // A subdeck's own name is the section: `Baking::Bread` is "Bread".
        let section = headers
            .deck
            .and_then(|i| record.get(i))
            .or(headers.default_deck.as_deref())
            .and_then(|d| d.rsplit("::").next())
            .map(collapse)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| DEFAULT_SECTION.to_string());
        drafts.push(Draft {
            number: drafts.len() + 1,
            section,
            question,
            body: Vec::new(),
            why: Vec::new(),
            answer: vec![field(1)],
            notes: Vec::new(),
            tags: split_tags(&format!(
                "{} {}",
                headers.file_tags,
                tags_at.and_then(|i| record.get(i)).unwrap_or("")
            )),
            difficulty: Difficulty::Medium,
        });
    }
    if extra_fields {
        notes.push(
            "some notes have more than two fields; only the first two (front and back) were kept"
                .to_string(),
        );
    }
    Ok((drafts, notes))
}

/// Reads the `#key:value` lines at the top.
fn headers(text: &str) -> Result<Headers, ImportError> {
    let mut h = Headers {
        separator: b'\t',
        html: true,
        tags: None,
        deck: None,
        other: Vec::new(),
        lines: 0,
        any: false,
        default_deck: None,
        file_tags: String::new(),
    };
    for line in text.lines() {
        let Some((key, value)) = line.strip_prefix('#').and_then(|l| l.split_once(':')) else {
            break;
        };
        h.lines += 1;
        h.any = true;
        let value = value.trim();
        let column = || -> Result<usize, ImportError> {
            match value.parse::<usize>() {
                Ok(n) if n >= 1 => Ok(n - 1),
                _ => Err(table_error(
                    h.lines,
                    &format!("`#{key}:{value}` does not name a column (1, 2, …)"),
                )),
            }
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => {
                h.separator = match value.to_ascii_lowercase().as_str() {
                    "tab" => b'\t',
                    "comma" => b',',
                    "semicolon" => b';',
                    "space" => b' ',
                    "pipe" => b'|',
                    "colon" => b':',
                    v if v.len() == 1 => v.as_bytes()[0],
                    _ => {
                        return Err(table_error(
                            h.lines,
                            &format!("`#separator:{value}` is not a separator Anki writes"),
                        ))
                    }
                }
            }
            "html" => h.html = !value.eq_ignore_ascii_case("false"),
            "tags column" => h.tags = Some(column()?),
            "deck column" => h.deck = Some(column()?),
            "notetype column" | "guid column" => h.other.push(column()?),
            "deck" => h.default_deck = Some(value.to_string()),
            "tags" => h.file_tags = value.to_string(),
            // Other headers (`#columns:`, `#notetype:`) describe how Anki
            // should store notes, not their text.
            _ => {}
        }
    }
    Ok(h)
}

/// The HTML of an Anki field as Markdown: line breaks and block boundaries
/// become newlines, bold and italic become `**` and `*`, entities are
/// decoded, and every other tag is dropped with its text kept. Only the
/// markup Anki's editor writes is worth converting; anything richer would
/// need a real HTML parser for little gain on flash cards.
pub(super) fn html_to_markdown(html: &str) -> String {
    let html = clean_markdown(html);
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                tag(&rest[1..end], &mut out);
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                out.push(decoded);
                rest = &rest[len..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // Anki's editor leaves a `<br>` or an empty `<div>` at the end.
    out.trim().to_string()
}

/// Appends what one tag (its text between `<` and `>`) stands for.
fn tag(inner: &str, out: &mut String) {
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "br" => out.push('\n'),
        "div" | "p" | "li" | "tr" if !closing && !out.is_empty() && !out.ends_with('\n') => {
            out.push('\n')
        }
        "b" | "strong" => out.push_str("**"),
        "i" | "em" => out.push('*'),
        _ => {}
    }
}

/// The character an entity at the start of `s` stands for, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(..12).unwrap_or(s).find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix('#')? {
                hex if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok()?,
                dec => dec.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown;
    use crate::import::testing::assert_round_trip;
    use crate::import::{import, Format};

    #[test]
    fn html_becomes_minimal_markdown() {
        assert_eq!(
            html_to_markdown(
                "<b>Bold</b> and <I>it</I><br/>next &lt;tag&gt; &amp;&#38;&#x41;&nbsp;x"
            ),
            "**Bold** and *it*\nnext <tag> &&A x"
        );
        assert_eq!(html_to_markdown("a<div>b</div><div>c</div><br>"), "a\nb\nc");
        assert_eq!(
            html_to_markdown("<span style=\"x\">kept</span> 1 < 2 &bogus; &"),
            "kept 1 < 2 &bogus; &"
        );
    }

    #[test]
    fn headers_choose_columns_and_separator() {
        let text = "#separator:Semicolon\n#html:false\n#deck column:1\n#tags column:4\n\
                    Baking::Bread;Why <b>score</b>?;To steer the rise.;crust Shaping\n";
        let imported = import(text, Format::Auto);
        assert_eq!(imported.format, Format::Anki);
        let q = &imported.questions[0];
        assert_eq!(q.section, "Bread");
        assert_eq!(q.question, "Why <b>score</b>?");
        assert_eq!(q.answer, "To steer the rise.");
        assert_eq!(q.tags, ["crust", "shaping"]);
        assert_round_trip(&imported);
    }

    #[test]
    fn headerless_exports_put_tags_last() {
        let imported = import("Front?\tBack<br>two\tt1 t2\nOnly a front\n", Format::Anki);
        assert_eq!(imported.questions[0].tags, ["t1", "t2"]);
        assert_eq!(imported.questions[0].answer, "Back\ntwo");
        assert_eq!(imported.questions[1].answer, "");
        assert_round_trip(&imported);
    }

    #[test]
    fn file_wide_deck_and_tags() {
        let text =
            "#separator:tab\n#deck:Kitchen::Knives\n#tags:tools\nWhy hone?\tTo realign the edge.\n";
        let q = &import(text, Format::Anki).questions[0];
        assert_eq!(q.section, "Knives");
        assert_eq!(q.tags, ["tools"]);
    }

    #[test]
    fn errors_count_the_header_lines() {
        let text = "#separator:tab\n#tags column:x\n";
        assert!(import(text, Format::Anki).warnings[0].starts_with("line 2:"));
    }
}
