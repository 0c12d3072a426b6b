//! Existing question lists → a bank file (`studyguide import`).
//!
//! Interview questions usually exist somewhere already: a web article saved
//! as text, or a Markdown document. Importing turns such a list into
//! `[[question]]` tables so it can be edited instead of retyped.
//!
//! The input is untrusted and only loosely structured, so every rule here is
//! a heuristic that degrades to "keep the text" rather than failing. The
//! parsers never panic, run in linear time, and say what they could not place
//! in [`Imported::warnings`]; the written bank is meant to be reviewed.
//!
//! These layouts are understood:
//!
//! * [`Format::Article`]: a preamble, then numbered questions (`1.` or `1)`),
//!   each followed by guidance paragraphs and an `Example:` paragraph with
//!   the answer in quotes, and often site navigation after the last answer.
//! * [`Format::Markdown`]: a Markdown collection, read from comrak's syntax
//!   tree: question headings at levels 2 to 4 (also inside list items),
//!   group headings as sections, answers under labels, in block quotes or
//!   in `<details>`, and navigation dropped (see [`markdown`]).
//! * [`Format::Csv`] and [`Format::Tsv`]: a spreadsheet whose header row
//!   names the columns (see [`Columns`]). Structured input is not guessed
//!   at, so a malformed file is an error naming the line.
//! * [`Format::Anki`]: Anki's plain-text export, front and back as question
//!   and answer, its HTML turned into Markdown.

mod anki;
mod article;
mod bank_toml;
mod detect;
mod folder;
mod ids;
mod markdown;

pub(crate) use markdown::is_back_to_top;
mod nav;
mod quotes;
mod summary;
mod table;
#[cfg(test)]
mod testing;
mod text;

use crate::bank::Difficulty;
use article::parse_article;
pub use folder::{import_folder, FolderFile, MAX_FOLDER_FILES};
use ids::Ids;
use markdown::parse_markdown;
pub use markdown::NavKind;
pub use markdown::{join_paths, Pictures};
pub use table::{Columns, Field};
use text::{clean_lines, clean_markdown, short};

/// Section of questions whose input has no section headings.
const DEFAULT_SECTION: &str = "Imported";

/// Input layouts `import` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown if the text has question headings or `<summary>` lines,
    /// else an article.
    Auto,
    /// A web article saved as text: a preamble, numbered questions,
    /// guidance, `Example:` answers in quotes, then site navigation.
    Article,
    /// Markdown: question headings (levels 2 to 4, also in list items),
    /// questions in `<details>` summaries, or one question asked in a `#`
    /// title; group headings as sections, labelled, quoted or folded
    /// answers.
    Markdown,
    /// Comma-separated values with a header row naming the columns.
    Csv,
    /// Tab-separated values with a header row naming the columns.
    Tsv,
    /// Anki's "Notes in Plain Text" export: front, back and tags.
    Anki,
}

impl Format {
    /// The format `text` is in: `self`, or for [`Format::Auto`] Markdown if
    /// the text has a heading of level 2 to 4 outside code, else Article.
    pub fn resolve(self, text: &str) -> Format {
        match self {
            Format::Auto => detect::detect(text),
            f => f,
        }
    }

    /// Like [`Format::resolve`], also using the file name: `.csv` and
    /// `.tsv` name their format, and a `.txt` whose first line has tabs is
    /// a TSV if that line names a column of `columns`, else an Anki export.
    pub fn resolve_file(self, name: &std::path::Path, text: &str, columns: &Columns) -> Format {
        match self {
            Format::Auto => detect::detect_file(name, text, columns),
            f => f,
        }
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Article => "article",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Anki => "anki",
        }
    }
}

/// One imported question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedQuestion {
    /// Slug of the question text, unique within the import.
    pub id: String,
    /// The nearest preceding section heading, or `Imported`.
    pub section: String,
    /// The question, one line.
    pub question: String,
    /// What the question shows with it (code, options); usually empty.
    pub body: String,
    /// Guidance paragraphs, joined by blank lines; may be empty.
    pub why: String,
    /// The example answer without its quotes, paragraphs joined by blank
    /// lines; empty when the input had none (see the warnings).
    pub answer: String,
    /// Tags from the input, lowercase; the bank adds `imported`.
    pub tags: Vec<String>,
    /// From the input's difficulty column, else medium.
    pub difficulty: Difficulty,
}

/// The result of an import: the questions and human-readable warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The questions, in input order.
    pub questions: Vec<ImportedQuestion>,
    /// Things a reviewer should check, one sentence each, in input order.
    pub warnings: Vec<String>,
    /// Navigation the import dropped, by kind, with counts.
    pub dropped: Vec<(NavKind, usize)>,
    /// The format the text was read as (never [`Format::Auto`]).
    pub format: Format,
}

/// Why an import could not be turned into a bank file.
#[derive(Debug)]
#[non_exhaustive]
pub enum ImportError {
    /// The TOML serializer rejected the bank. Imported banks hold only
    /// strings, so this points to a bug rather than to the input.
    Toml(toml::ser::Error),
    /// A spreadsheet or deck is malformed: no header, no question column,
    /// a short row, a cell or row count over the limits, bad quoting.
    Table {
        /// The 1-based line of the file.
        line: u64,
        /// What is wrong, one sentence.
        message: String,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Toml(e) => write!(f, "could not write the bank as TOML: {e}"),
            ImportError::Table { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Toml(e) => Some(e),
            ImportError::Table { .. } => None,
        }
    }
}

/// Parses `text` in `format`. Never panics, on any input.
///
/// A malformed spreadsheet or deck gives no questions and its error as
/// the only warning; [`import_with`] returns the error instead.
pub fn import(text: &str, format: Format) -> Imported {
    let format = format.resolve(text);
    import_with(text, format, &Columns::default()).unwrap_or_else(|e| Imported {
        questions: Vec::new(),
        warnings: vec![e.to_string()],
        dropped: Vec::new(),
        format,
    })
}

/// Parses `text` in `format`, reading spreadsheet headers through
/// `columns`. Only spreadsheets and decks can fail: the text layouts keep
/// whatever they cannot place. Never panics, on any input.
pub fn import_with(text: &str, format: Format, columns: &Columns) -> Result<Imported, ImportError> {
    import_from(text, format, columns, Origin::default())
}

/// Where an imported text comes from, as far as the import needs to know.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    /// The file's name without its extension: a Markdown file whose name
    /// asks, over a text whose headings do not, is one question, asked by
    /// its name.
    pub name: Option<&'a str>,
    /// Where the file's pictures are: relative paths to pictures beside
    /// the file are rewritten to start from the bank's folder, since a
    /// bank's pictures are relative to the bank. `None` leaves them.
    pub pictures: Option<&'a Pictures>,
}

/// As [`import_with`], for a text from `origin`.
pub fn import_from(
    text: &str,
    format: Format,
    columns: &Columns,
    origin: Origin<'_>,
) -> Result<Imported, ImportError> {
    let parsed = parse_with(text, format, columns, origin)?;
    let mut imported = finish(parsed.drafts, parsed.format);
    imported.warnings.extend(parsed.notes);
    imported.dropped = parsed.dropped;
    Ok(imported)
}

/// What one text parses into, before its questions get ids.
struct Parsed {
    drafts: Vec<Draft>,
    /// Warnings about the text beyond its questions.
    notes: Vec<String>,
    dropped: Vec<(NavKind, usize)>,
    format: Format,
}

/// Parses `text` (from `origin`) in `format` (resolved if
/// [`Format::Auto`]) into drafts.
fn parse_with(
    text: &str,
    format: Format,
    columns: &Columns,
    origin: Origin<'_>,
) -> Result<Parsed, ImportError> {
    let parsed = |drafts, notes, format| Parsed {
        drafts,
        notes,
        dropped: Vec::new(),
        format,
    };
    Ok(match format.resolve(text) {
        Format::Markdown => {
            let md = parse_markdown(&clean_markdown(text), origin.name, origin.pictures);
            Parsed {
                dropped: md.dropped.into_iter().collect(),
                ..parsed(md.drafts, md.notes, Format::Markdown)
            }
        }
        f @ (Format::Csv | Format::Tsv) => {
            let delimiter = if f == Format::Csv { b',' } else { b'\t' };
            let table = table::parse_table(text, delimiter, columns)?;
            parsed(table.drafts, table.notes, f)
        }
        Format::Anki => {
            let (drafts, notes) = anki::parse_anki(text)?;
            parsed(drafts, notes, Format::Anki)
        }
        _ => parsed(
            parse_article(&clean_lines(text)),
            Vec::new(),
            Format::Article,
        ),
    })
}

/// A question on its way out of a parser, before it gets an id.
struct Draft {
    /// 1-based position, as named in warnings.
    number: usize,
    section: String,
    question: String,
    /// What the question shows with it: code, options.
    body: Vec<String>,
    why: Vec<String>,
    answer: Vec<String>,
    /// Warnings about this question beyond a missing answer.
    notes: Vec<String>,
    tags: Vec<String>,
    difficulty: Difficulty,
}

/// Assigns each draft its id and collects the warnings.
fn finish(drafts: Vec<Draft>, format: Format) -> Imported {
    let mut ids = Ids::default();
    let mut questions = Vec::with_capacity(drafts.len());
    let mut warnings = Vec::new();
    let mut unanswered = Vec::new();
    for (i, d) in drafts.into_iter().enumerate() {
        let id = ids.assign(&d.question, i + 1);
        let why = join_paragraphs(d.why);
        let answer = join_paragraphs(d.answer);
        if answer.is_empty() {
            unanswered.push(warnings.len());
            warnings.push(format!(
                "question {} \"{}\" has no example answer",
                d.number,
                short(&d.question)
            ));
        }
        warnings.extend(d.notes);
        questions.push(ImportedQuestion {
            id,
            section: d.section,
            question: d.question,
            body: join_paragraphs(d.body),
            why,
            answer,
            tags: d.tags,
            difficulty: d.difficulty,
        });
    }
    // A list of questions to practise has no answers at all: one line
    // says so instead of one per question.
    if unanswered.len() > 1 && unanswered.len() == questions.len() {
        // `unanswered` holds indices into `warnings`, in rising order.
        let mut next = unanswered.iter().peekable();
        let mut k = 0;
        warnings.retain(|_| {
            k += 1;
            let drop = next.peek() == Some(&&(k - 1));
            if drop {
                next.next();
            }
            !drop
        });
        warnings.insert(
            0,
            format!(
                "none of the {} questions has an example answer (a list to practise with)",
                questions.len()
            ),
        );
    }
    Imported {
        questions,
        warnings,
        dropped: Vec::new(),
        format,
    }
}

fn join_paragraphs(paras: Vec<String>) -> String {
    let kept: Vec<String> = paras
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    kept.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::testing::{
        assert_ids_are_bank_slugs, assert_round_trip, Lcg, DATA_ANALYST, MARKDOWN, NURSING,
    };
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn empty_and_preamble_only_inputs() {
        for text in [
            "",
            "\n\n   \n\t\n",
            "\u{feff}",
            "Just a title\n\nAnd an intro with 3 things to know:\nnothing numbered.",
            "# A title\n\nSome text.\n\n##### Too deep\n\nMore.",
            "Previous\nNext\n© 2025",
        ] {
            for format in [Format::Article, Format::Markdown] {
                let imported = import(text, format);
                assert!(imported.questions.is_empty(), "{text:?} {format:?}");
                assert!(imported.warnings.is_empty());
                assert_round_trip(&imported);
            }
        }
    }

    #[test]
    fn crlf_cr_and_bom_give_the_same_result() {
        for (text, format) in [
            (DATA_ANALYST, Format::Article),
            (NURSING, Format::Article),
            (MARKDOWN, Format::Markdown),
        ] {
            let expected = import(text, format);
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(import(&crlf, format), expected);
            assert_eq!(import(&text.replace('\n', "\r"), format), expected);
            assert_eq!(import(&format!("\u{feff}{crlf}"), format), expected);
            assert_eq!(Format::Auto.resolve(&format!("\u{feff}{crlf}")), format);
        }
    }

    #[test]
    fn garbage_never_panics_and_always_round_trips() {
        let tokens = [
            "1. ",
            "2. ",
            "3) ",
            "12. ",
            "Question?",
            "Example: ",
            "Example answer:",
            "“",
            "”",
            "\"",
            "'",
            "’",
            "\n",
            "\n\n",
            "\r",
            "\r\n",
            "## ",
            "# ",
            "### ",
            "```",
            "> ",
            ">",
            "- ",
            "• ",
            "**",
            "Previous",
            "Next",
            "© 2025",
            "Related: x",
            "é",
            "你好",
            "\u{feff}",
            "\u{0}",
            "\u{7}",
            "\\",
            "\"\"\"",
            "word ",
            "a longer line \
             of ordinary prose that goes on and on past the wrap limit of one hundred chars ",
            " ",
            "\t",
            "?",
            ":",
            "[Back to top](#top)",
            "---",
            ",",
            "question,answer\n",
            "question\tanswer\ttags\n",
            "#separator:tab\n",
            "#tags column:3\n",
            "<b>",
            "<br>",
            "&amp;",
            "&#x",
        ];
        let mut rng = Lcg(7);
        for round in 0..1500 {
            let mut text = String::new();
            let len = (rng.next() % 60) as usize;
            for _ in 0..len {
                text.push_str(tokens[(rng.next() as usize) % tokens.len()]);
            }
            if round % 3 == 0 {
                // Raw bytes, decoded the way a CLI reading a binary would.
                let bytes: Vec<u8> = (0..len * 4).map(|_| rng.next() as u8).collect();
                text.push_str(&String::from_utf8_lossy(&bytes));
            }
            for format in [
                Format::Article,
                Format::Markdown,
                Format::Csv,
                Format::Tsv,
                Format::Anki,
            ] {
                let imported = import(&text, format);
                assert_ids_are_bank_slugs(&imported);
                assert_round_trip(&imported);
            }
            let _ = Format::Auto.resolve(&text);
        }
    }

    #[test]
    fn every_prefix_of_the_fixtures_imports() {
        for text in [DATA_ANALYST, NURSING, MARKDOWN] {
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
            for cut in cuts {
                for format in [Format::Article, Format::Markdown] {
                    let imported = import(&text[..cut], format);
                    assert_ids_are_bank_slugs(&imported);
                    assert_round_trip(&imported);
                }
            }
        }
    }

    #[test]
    fn large_inputs_finish_fast() {
        const SIZE: usize = 200 * 1024;
        // A long but sensible article: the fixture's questions renumbered.
        let mut article = String::new();
        let mut n = 0;
        while article.len() < SIZE {
            n += 1;
            article.push_str(&format!(
                "{n}. Question number {n}?\n\nGuidance for it.\n\nExample: “Answer {n}.\n\n\
                 1. A list item\n\n2. Another”\n\n"
            ));
        }
        let started = Instant::now();
        let imported = import(&article, Format::Article);
        assert_eq!(imported.questions.len(), n);
        assert_eq!(
            imported.questions[n - 1].answer,
            format!("Answer {n}.\n\n1. A list item\n\n2. Another")
        );
        assert!(imported.to_toml("big.txt").is_ok());
        let sensible = started.elapsed();

        // Worst cases for the heuristics: every line a candidate question,
        // quotes that never close, one enormous line, deep nesting.
        let adversarial = [
            ("1. a\n".repeat(SIZE / 5), Format::Article),
            ("1. a?\n2. b?\n".repeat(SIZE / 12), Format::Article),
            ("Example: “\n".repeat(SIZE / 12), Format::Article),
            ("Example:\n".repeat(SIZE / 9), Format::Article),
            ("“".repeat(SIZE / 3), Format::Article),
            (format!("1. {}", "x ".repeat(SIZE / 2)), Format::Article),
            ("## q\n> “\n".repeat(SIZE / 9), Format::Markdown),
            ("## Same question\n".repeat(SIZE / 17), Format::Markdown),
            ("```\n".repeat(SIZE / 4), Format::Markdown),
            ("\n".repeat(SIZE), Format::Article),
        ];
        let started = Instant::now();
        for (text, format) in &adversarial {
            let imported = import(text, *format);
            assert!(imported.to_toml("big.txt").is_ok());
        }
        // Linear work takes milliseconds even unoptimised; quadratic work
        // on these inputs would take minutes.
        let limit = Duration::from_secs(10);
        assert!(sensible < limit, "sensible input took {sensible:?}");
        assert!(
            started.elapsed() < limit,
            "adversarial inputs took {:?}",
            started.elapsed()
        );
    }
}
