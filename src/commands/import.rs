//! `import`: a question collection in another format → a bank.

use super::build::write_atomic;
use crate::import::{self, Format, ImportError, Imported};
use crate::{Diagnostic, Failure, Result};
use std::path::Path;

/// `studyguide import`: reads `file`, parses it in `format` (or the detected
/// one), and writes the bank to `target` when given. An existing `target`
/// is replaced only with `force`: it may be a bank someone wrote by hand.
pub fn import_file(
    file: &Path,
    format: Option<Format>,
    target: Option<&Path>,
    force: bool,
) -> Result<Imported> {
    if let Some(target) = target.filter(|t| t.exists() && !force) {
        return Err(
            Diagnostic::error(format!("`{}` already exists", target.display()))
                .hint("pass --force to replace it, or write the bank to a new file")
                .into(),
        );
    }
    let src = crate::source::read_source(file, "file to import", None)?;
    let format = format.unwrap_or_else(|| Format::detect(&src.text));
    let imported = import::import(&src.text, format);
    if imported.questions.is_empty() {
        let what = match format {
            Format::Article => "numbered questions (`1. Question?` on their own lines)",
            Format::Markdown => "`##` question headings",
        };
        return Err(Diagnostic::error(format!("found no questions in `{}`", file.display()))
            .hint(format!("the {format:?} format looks for {what}; try `--format article` or `--format markdown`"))
            .into());
    }
    if let Some(target) = target {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomic(target, imported.to_toml(&name)?.as_bytes())?;
    }
    Ok(imported)
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Self {
        Diagnostic::error(e.to_string()).into()
    }
}
