//! `import`: a question collection in another format → a bank.

use super::build::write_atomic;
use crate::import::{self, Columns, Format, ImportError, Imported};
use crate::{Diagnostic, Failure, Result};
use std::path::Path;

/// Where an import's bank goes.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// Nowhere: only the summary is wanted (`--dry-run`).
    DryRun,
    /// Standard output, written by the caller.
    Stdout,
    /// A file; an existing one is replaced only when `force` is set.
    File { path: &'a Path, force: bool },
}

/// `studyguide import`: reads `file`, parses it in `format` ([`Format::Auto`]
/// detects it, by extension and content; spreadsheet headers are read
/// through `columns`) and writes the bank to a file target. An existing file is
/// replaced only with `force`: it may be a bank someone wrote by hand. The
/// file is written whole or not at all.
pub fn import_file(
    file: &Path,
    format: Format,
    columns: &Columns,
    target: Target<'_>,
) -> Result<Imported> {
    if let Target::File { path, force: false } = target {
        if path.exists() {
            return Err(
                Diagnostic::error(format!("`{}` already exists", path.display()))
                    .hint("pass --force to replace it, or write the bank to a new file")
                    .into(),
            );
        }
    }
    let src = crate::source::read_source(file, "file to import", None)?;
    let format = format.resolve_file(file, &src.text, columns);
    let imported = import::import_with(&src.text, format, columns).map_err(|e| {
        Diagnostic::error(format!("cannot import `{}` as {}: {e}", file.display(), format.name()))
            .hint(match format {
                Format::Anki => "export from Anki as \"Notes in Plain Text\"",
                _ => "the first row names the columns (question, answer, why, section, tags, difficulty); map other names with `--columns question=NAME,answer=NAME`",
            })
    })?;
    if imported.questions.is_empty() {
        let what = match imported.format {
            Format::Article => "numbered questions (`1. Question?` on their own lines)",
            Format::Csv | Format::Tsv => "rows under a header row with a `question` column",
            Format::Anki => "notes, one a line: front, back and tags",
            _ => "question headings (`## Q. …`, `### …?`, `1.  ### …`) or `<details><summary>Question?</summary>`",
        };
        return Err(
            Diagnostic::error(format!("found no questions in `{}`", file.display()))
                .hint(match imported.format {
                    // A spreadsheet or deck with no rows is not in another
                    // format: its header was read.
                    Format::Csv | Format::Tsv | Format::Anki => {
                        format!("this format looks for {what}; every row was empty")
                    }
                    _ => format!(
                        "this format looks for {what}; try `--format article` or `--format markdown`"
                    ),
                })
                .into(),
        );
    }
    if let Target::File { path, .. } = target {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomic(path, imported.to_toml(&name)?.as_bytes())?;
    }
    Ok(imported)
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Self {
        Diagnostic::error(e.to_string()).into()
    }
}
