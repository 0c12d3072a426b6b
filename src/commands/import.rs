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
    if file.is_dir() {
        return import_dir(file, format, columns, target);
    }
    let src = crate::source::read_source(file, "file to import", None)?;
    let format = format.resolve_file(file, &src.text, columns);
    let stem = file.file_stem().map(|s| s.to_string_lossy());
    let pictures = file.parent().and_then(|folder| {
        pictures_from(folder, target).map(|from_bank| import::Pictures {
            from_bank,
            source: folder.to_path_buf(),
        })
    });
    let origin = import::Origin {
        name: stem.as_deref(),
        pictures: pictures.as_ref(),
    };
    let imported = import::import_from(&src.text, format, columns, origin).map_err(|e| {
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

/// `studyguide import FOLDER`: every Markdown file under `dir` (see
/// [`import::import_folder`]), in path order, as one bank.
fn import_dir(
    dir: &Path,
    format: Format,
    columns: &Columns,
    target: Target<'_>,
) -> Result<Imported> {
    let paths = markdown_files(dir)?;
    let (mut files, unreadable) = read_files(dir, &paths, MAX_FOLDER_BYTES)?;
    // Pictures are relative to each file; the bank's are relative to it.
    let base = pictures_from(dir, target);
    for file in &mut files {
        let folder = file.path.rsplit_once('/').map_or("", |(f, _)| f);
        let joined = import::join_paths(base.as_deref().unwrap_or(""), folder);
        file.pictures = (!joined.is_empty()).then(|| import::Pictures {
            from_bank: joined,
            source: dir.join(folder),
        });
    }
    let mut imported = import::import_folder(&files, format, columns);
    for name in unreadable {
        imported.warnings.push(format!(
            "{name}: left out: not readable as UTF-8 text of a sensible size"
        ));
    }
    if imported.questions.is_empty() {
        return Err(Diagnostic::error(format!(
            "found no questions in the {} Markdown files under `{}`",
            paths.len(),
            dir.display()
        ))
        .hint("import one of them to see how it is read, or name the file's layout with `--format`")
        .into());
    }
    if let Target::File { path, .. } = target {
        write_atomic(
            path,
            imported.to_toml(&dir.display().to_string())?.as_bytes(),
        )?;
    }
    Ok(imported)
}

/// Most text a folder import reads in all: a collection of hundreds of
/// files is a few megabytes, and each file alone may be up to 16 MB.
const MAX_FOLDER_BYTES: usize = 64 << 20;

/// Reads `paths` (under `dir`) as text, up to `max_bytes` in all: the files
/// with their `/`-separated names from `dir`, and the names of files that
/// could not be read (another encoding, too large), which should not stop
/// the rest.
fn read_files(
    dir: &Path,
    paths: &[std::path::PathBuf],
    max_bytes: usize,
) -> Result<(Vec<import::FolderFile>, Vec<String>)> {
    let mut files = Vec::with_capacity(paths.len());
    let mut unreadable = Vec::new();
    let mut total = 0usize;
    for path in paths {
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let Ok(src) = crate::source::read_source(path, "file to import", None) else {
            unreadable.push(name);
            continue;
        };
        total += src.text.len();
        if total > max_bytes {
            return Err(Diagnostic::error(format!(
                "the Markdown files under `{}` hold more than {} MB of text",
                dir.display(),
                max_bytes >> 20
            ))
            .hint("import the subfolder that holds the questions")
            .into());
        }
        files.push(import::FolderFile {
            path: name,
            text: src.text.to_string(),
            pictures: None,
        });
    }
    Ok((files, unreadable))
}

/// The folder `source` as seen from the folder the bank goes to (the
/// target file's, or the current one for standard output), `/`-separated,
/// or `None` when they are the same folder: what relative picture paths
/// in the source must start with to work from the bank.
fn pictures_from(source: &Path, target: Target<'_>) -> Option<String> {
    let bank_folder = match target {
        Target::File { path, .. } => path.parent().unwrap_or(Path::new("")),
        Target::Stdout | Target::DryRun => Path::new(""),
    };
    let absolute = |p: &Path| {
        let p = if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        };
        std::path::absolute(p).ok().map(|a| normal(&a))
    };
    let (from, to) = (absolute(bank_folder)?, absolute(source)?);
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let up = std::iter::repeat_n("..".to_string(), from.len() - common);
    let relative: Vec<String> = up.chain(to[common..].iter().cloned()).collect();
    (!relative.is_empty()).then(|| relative.join("/"))
}

/// An absolute path's parts, `.` dropped and `..` taken back.
fn normal(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            std::path::Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    parts
}

/// The Markdown files (`.md`, `.markdown`) under `dir`, sorted by path,
/// but for a repository's own (`CONTRIBUTING.md`, `LICENSE.md`, …).
/// Hidden files and folders (`.git`, `.github`) and symbolic links are
/// passed over, so a link cannot lead the walk in circles or out of the
/// folder; at most [`import::MAX_FOLDER_FILES`] files, 32 folders deep.
fn markdown_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    const MAX_DEPTH: usize = 32;
    let mut found = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            Diagnostic::error(format!(
                "cannot read the folder `{}`: {e}",
                folder.display()
            ))
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() && depth < MAX_DEPTH {
                stack.push((path, depth + 1));
            } else if kind.is_file() && is_markdown(&path) {
                found.push(path);
                if found.len() > import::MAX_FOLDER_FILES {
                    return Err(Diagnostic::error(format!(
                        "`{}` holds more than {} Markdown files",
                        dir.display(),
                        import::MAX_FOLDER_FILES
                    ))
                    .hint("import the subfolder that holds the questions")
                    .into());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A Markdown file that may hold questions: not one of the files a
/// repository keeps about itself (how to contribute, its licence).
fn is_markdown(path: &Path) -> bool {
    const ABOUT_THE_REPOSITORY: [&str; 8] = [
        "contributing",
        "code_of_conduct",
        "code-of-conduct",
        "license",
        "licence",
        "changelog",
        "security",
        "pull_request_template",
    ];
    let markdown = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "md" || e == "markdown");
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    markdown && !ABOUT_THE_REPOSITORY.contains(&stem.as_str())
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Self {
        Diagnostic::error(e.to_string()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_read_in_path_order_within_its_byte_budget() {
        let dir = std::env::temp_dir()
            .join("studyguide-unit")
            .join(format!("import-budget-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("b.md"), "## Why?\n\nBecause.\n").unwrap();
        std::fs::write(dir.join("sub/a.markdown"), "## How?\n\nSo.\n").unwrap();
        std::fs::write(dir.join("sub/bad.md"), [0xff, 0xfe, b'#']).unwrap();
        std::fs::write(dir.join("LICENSE.md"), "## Who may copy?\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "## Not Markdown?\n").unwrap();
        let paths = markdown_files(&dir).unwrap();
        let (files, unreadable) = read_files(&dir, &paths, 1 << 20).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["b.md", "sub/a.markdown"]);
        assert_eq!(unreadable, ["sub/bad.md"]);
        // Over the budget, the import stops before reading on.
        let err = read_files(&dir, &paths, 20).unwrap_err();
        assert!(format!("{err:?}").contains("more than 0 MB"), "{err:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
