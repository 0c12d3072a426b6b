//! Spreadsheets: CSV and TSV files whose header row names the columns.
//!
//! A spreadsheet is already structured, so unlike the text layouts this
//! reader fails loudly: a file without a question column, or a row that
//! lost fields, is a mistake in the export, and guessing would silently
//! shift answers onto the wrong questions. Errors name the line.

use super::text::{clean_markdown, collapse, short};
use super::{Draft, ImportError, DEFAULT_SECTION};
use crate::bank::{Difficulty, MAX_QUESTIONS};

/// Largest cell, in bytes. Generous for an answer with code, and small
/// enough that a file with a lost closing quote (everything after it one
/// cell) is reported instead of becoming one enormous answer.
pub(super) const MAX_FIELD_BYTES: usize = 256 * 1024;

/// The bank fields a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The question, one line.
    Question,
    /// The example answer, Markdown.
    Answer,
    /// Guidance: why the question is asked.
    Why,
    /// The section the question goes in.
    Section,
    /// Tags separated by commas, semicolons or spaces.
    Tags,
    /// `easy`, `medium` or `hard`.
    Difficulty,
}

impl Field {
    const ALL: [Field; 6] = [
        Field::Question,
        Field::Answer,
        Field::Why,
        Field::Section,
        Field::Tags,
        Field::Difficulty,
    ];

    /// The column name that fills this field without `--columns`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Question => "question",
            Field::Answer => "answer",
            Field::Why => "why",
            Field::Section => "section",
            Field::Tags => "tags",
            Field::Difficulty => "difficulty",
        }
    }

    fn from_name(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// Which header names fill which fields (`--columns question=Front,…`).
///
/// A field not mapped here is filled by the column named after it, in any
/// case. Header names compare case-insensitively and trimmed, because
/// spreadsheets are edited by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    names: Vec<(Field, String)>,
}

impl Columns {
    /// The header name that fills `field`.
    fn name_of(&self, field: Field) -> &str {
        self.names
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field.name(), |(_, n)| n.as_str())
    }

    /// Whether `header` (a header cell) names a column this mapping uses.
    pub(super) fn names_a_field(&self, header: &str) -> bool {
        Field::ALL
            .into_iter()
            .any(|f| self.name_of(f).eq_ignore_ascii_case(header.trim()))
    }
}

impl std::str::FromStr for Columns {
    type Err = String;

    /// Parses `field=Header,field=Header`; fields are those of [`Field`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut names: Vec<(Field, String)> = Vec::new();
        for pair in s.split(',').filter(|p| !p.trim().is_empty()) {
            let (field, header) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not `field=Header`"))?;
            let field = Field::from_name(field).ok_or_else(|| {
                format!(
                    "`{}` is not a field; the fields are question, answer, why, section, tags and difficulty",
                    field.trim()
                )
            })?;
            let header = header.trim();
            if header.is_empty() {
                return Err(format!("`{pair}` names no header"));
            }
            if names.iter().any(|(f, _)| *f == field) {
                return Err(format!("`{}` is mapped twice", field.name()));
            }
            names.push((field, header.to_string()));
        }
        Ok(Columns { names })
    }
}

/// A table read into drafts, with what a reviewer should know.
pub(super) struct Table {
    pub(super) drafts: Vec<Draft>,
    pub(super) notes: Vec<String>,
}

/// Reads a delimited file with a header row (`delimiter` is `,` or tab).
pub(super) fn parse_table(
    text: &str,
    delimiter: u8,
    columns: &Columns,
) -> Result<Table, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = reader(delimiter)
        .from_reader(text.as_bytes())
        .into_records();
    let header = match records.next() {
        None => {
            return Err(table_error(
                1,
                "the file is empty; it needs a header row that names the columns",
            ))
        }
        Some(r) => r.map_err(|e| csv_error(e, 0))?,
    };
    let header_line = line_of(&header);
    let index: Vec<(Field, Option<usize>)> = Field::ALL
        .into_iter()
        .map(|f| {
            let name = columns.name_of(f);
            (
                f,
                header
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(name)),
            )
        })
        .collect();
    let column = |f: Field| index.iter().find(|(g, _)| *g == f).and_then(|(_, i)| *i);
    let Some(question_at) = column(Field::Question) else {
        let found: Vec<String> = header.iter().map(|h| format!("`{}`", short(h))).collect();
        return Err(table_error(
            header_line,
            &format!(
                "the header row has no `{}` column (it has {})",
                columns.name_of(Field::Question),
                found.join(", ")
            ),
        ));
    };
    let mut notes = Vec::new();
    let unused: Vec<String> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.trim().is_empty() && !index.iter().any(|(_, at)| *at == Some(*i)))
        .map(|(_, h)| format!("`{}`", short(h)))
        .collect();
    if !unused.is_empty() {
        notes.push(format!("ignored the columns {}", unused.join(", ")));
    }
    let width = header.len();
    let mut drafts = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(e, 0))?;
        let line = line_of(&record);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() < width {
            return Err(table_error(
                line,
                &format!(
                    "the row has {} of the header's {width} fields; a cell with a separator or line break needs double quotes",
                    record.len()
                ),
            ));
        }
        if record.iter().skip(width).any(|c| !c.trim().is_empty()) {
            return Err(table_error(
                line,
                &format!(
                    "the row has {} fields, but the header has {width}",
                    record.len()
                ),
            ));
        }
        if let Some(big) = record.iter().find(|c| c.len() > MAX_FIELD_BYTES) {
            return Err(table_error(
                line,
                &format!(
                    "a cell holds {} KB, more than the limit of {} KB; is a closing quote missing?",
                    big.len() / 1024,
                    MAX_FIELD_BYTES / 1024
                ),
            ));
        }
        if drafts.len() == MAX_QUESTIONS {
            return Err(table_error(
                line,
                &format!("the file holds more than the limit of {MAX_QUESTIONS} questions"),
            ));
        }
        let cell = |f: Field| column(f).and_then(|i| record.get(i)).unwrap_or("");
        let number = drafts.len() + 1;
        let question = collapse(&clean_markdown(&record[question_at]));
        if question.is_empty() {
            notes.push(format!("line {line}: skipped a row with an empty question"));
            continue;
        }
        let mut draft = Draft {
            number,
            section: collapse(&clean_markdown(cell(Field::Section))),
            question,
            body: Vec::new(),
            why: vec![clean_markdown(cell(Field::Why))],
            answer: vec![clean_markdown(cell(Field::Answer))],
            notes: Vec::new(),
            tags: split_tags(cell(Field::Tags)),
            difficulty: Difficulty::Medium,
        };
        if draft.section.is_empty() {
            draft.section = DEFAULT_SECTION.to_string();
        }
        let difficulty = cell(Field::Difficulty).trim();
        match difficulty.to_ascii_lowercase().as_str() {
            "" | "medium" => {}
            "easy" => draft.difficulty = Difficulty::Easy,
            "hard" => draft.difficulty = Difficulty::Hard,
            other => draft.notes.push(format!(
                "line {line}: difficulty \"{}\" is not easy, medium or hard; used medium",
                short(other)
            )),
        }
        drafts.push(draft);
    }
    Ok(Table { drafts, notes })
}

/// The reader both spreadsheets and Anki decks use: standard quoting
/// (doubled quotes, line breaks inside quotes), rows of any length so a
/// short row is reported by line rather than as a bare length mismatch.
pub(super) fn reader(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true);
    builder
}

/// Tags as the bank stores them: lowercase, split on commas, semicolons
/// and spaces, without repeats.
pub(super) fn split_tags(cell: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in cell.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let tag = tag.trim().to_lowercase();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The 1-based line a record starts on.
pub(super) fn line_of(record: &csv::StringRecord) -> u64 {
    record.position().map_or(1, csv::Position::line)
}

/// An import error at `line`.
pub(super) fn table_error(line: u64, message: &str) -> ImportError {
    ImportError::Table {
        line,
        message: message.to_string(),
    }
}

/// A reader error as an import error; `skipped` lines came before the
/// text the reader saw (Anki's headers).
pub(super) fn csv_error(e: csv::Error, skipped: u64) -> ImportError {
    let line = e.position().map_or(1, csv::Position::line) + skipped;
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "a cell is not valid UTF-8".to_string(),
        _ => e.to_string(),
    };
    table_error(line, &message)
}

#[cfg(test)]
mod tests {
    use crate::bank::Difficulty;
    use crate::import::testing::assert_round_trip;
    use crate::import::{import, import_with, Columns, Format, ImportError};

    fn error_line(text: &str, format: Format) -> (u64, String) {
        match import_with(text, format, &Columns::default()) {
            Err(ImportError::Table { line, message }) => (line, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quoted_cells_bom_crlf_and_defaults() {
        let text = "\u{feff}Question,Answer,Tags,Difficulty,Notes\r\n\
                    \"Two\r\nlines?\",\"Keeps \"\"quotes\"\"\r\n\r\nand paragraphs\",\"A, b;c  d a\",HARD,x\r\n\
                    \r\n\
                    Empty answer?,,,,\r\n";
        let imported = import(text, Format::Csv);
        assert_eq!(imported.questions.len(), 2, "{imported:?}");
        let q = &imported.questions[0];
        assert_eq!(q.question, "Two lines?");
        assert_eq!(q.answer, "Keeps \"quotes\"\n\nand paragraphs");
        assert_eq!(q.section, "Imported");
        assert_eq!(q.tags, ["a", "b", "c", "d"]);
        assert_eq!(q.difficulty, Difficulty::Hard);
        assert_eq!(imported.questions[1].answer, "");
        assert!(imported.warnings.iter().any(|w| w.contains("`Notes`")));
        assert!(imported
            .warnings
            .iter()
            .any(|w| w.contains("no example answer")));
        assert_round_trip(&imported);
    }

    #[test]
    fn columns_map_header_names() {
        let columns: Columns = "question=Front, answer = Back,section=Deck"
            .parse()
            .unwrap();
        let text = "Front\tBack\tDeck\nWhat?\tThat.\tBasics\n";
        let imported = import_with(text, Format::Tsv, &columns).unwrap();
        assert_eq!(imported.questions[0].section, "Basics");
        assert_eq!(imported.questions[0].answer, "That.");
        for bad in [
            "front=Front",
            "question",
            "question=",
            "question=a,question=b",
        ] {
            assert!(bad.parse::<Columns>().is_err(), "{bad}");
        }
    }

    #[test]
    fn malformed_tables_name_the_line() {
        assert_eq!(error_line("", Format::Csv).0, 1);
        let (line, message) = error_line("Front,Back\nx,y\n", Format::Csv);
        assert_eq!(line, 1);
        assert!(message.contains("no `question` column"), "{message}");
        let (line, message) = error_line("question,answer\n\"a\nb\",c\nd\n", Format::Csv);
        assert_eq!(line, 4);
        assert!(message.contains("1 of the header's 2 fields"), "{message}");
        let (line, _) = error_line("question\na\nb,extra\n", Format::Csv);
        assert_eq!(line, 3);
        let big = format!(
            "question,answer\nq,{}\n",
            "x".repeat(super::MAX_FIELD_BYTES + 1)
        );
        assert!(error_line(&big, Format::Csv).1.contains("limit"));
        let many = format!("question\n{}", "q\n".repeat(crate::bank::MAX_QUESTIONS + 1));
        assert_eq!(
            error_line(&many, Format::Csv).0,
            crate::bank::MAX_QUESTIONS as u64 + 2
        );
    }

    #[test]
    fn auto_detection_uses_the_extension_and_the_first_line() {
        let auto = |name: &str, text: &str| {
            Format::Auto.resolve_file(std::path::Path::new(name), text, &Columns::default())
        };
        assert_eq!(auto("a.CSV", "question\nq\n"), Format::Csv);
        assert_eq!(auto("a.tsv", "question\nq\n"), Format::Tsv);
        assert_eq!(auto("a.txt", "Question\tAnswer\nq\ta\n"), Format::Tsv);
        assert_eq!(auto("a.txt", "Front?\tBack\n"), Format::Anki);
        assert_eq!(auto("a.csv", "#separator:comma\nq,a\n"), Format::Anki);
        assert_eq!(auto("a.txt", "1. Question?\n"), Format::Article);
        let front: Columns = "question=Front".parse().unwrap();
        let txt = std::path::Path::new("deck.txt");
        assert_eq!(
            Format::Auto.resolve_file(txt, "Front\tBack\n", &front),
            Format::Tsv
        );
    }

    #[test]
    fn unknown_difficulty_is_medium_with_a_warning() {
        let imported = import("question,difficulty\nq,tricky\n", Format::Csv);
        assert_eq!(imported.questions[0].difficulty, Difficulty::Medium);
        assert!(imported
            .warnings
            .iter()
            .any(|w| w.contains("line 2") && w.contains("tricky")));
    }
}
