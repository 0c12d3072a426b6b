//! Reading input files and reporting what is wrong with them.
//!
//! Configs, banks, lock files, templates and import sources are all read the
//! same way: size-capped, UTF-8, BOM stripped, with errors that name the file.
//! This module depends on nothing but diagnostics, so every stage that reads
//! a file can use it without depending on the config.

use crate::diag::{Diagnostic, Result, Source, Span};
use std::path::{Path, PathBuf};

/// Largest config or bank file we read; a shared pack is untrusted input.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file for parsing, with errors that name the path.
pub fn read_source(path: &Path, what: &str, named_at: Option<&Span>) -> Result<Source> {
    let not_found = |e: std::io::Error| {
        let mut d = Diagnostic::error(format!("cannot read {what} `{}`: {e}", path.display()));
        if let Some(span) = named_at {
            d = d.at(span.clone());
        }
        if what == "config" {
            d.hint("run `studyguide init` to create a guide here, or name the config: `studyguide build path/to/guide.toml`")
        } else if matches!(what, "file to import" | "Markdown file") {
            // Named on the command line: relative to where it was run.
            d.hint(format!(
                "check the path; it is read from the current folder (tried `{}`)",
                path.display()
            ))
        } else {
            d.hint(format!(
                "check the path; relative paths are resolved from the config's folder (tried `{}`)",
                path.display()
            ))
        }
    };
    let bytes = read_bytes(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => not_found(e).into(),
        other => other.diagnostic(path, what),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let src = Source::new(path, valid.as_str());
        Diagnostic::error(format!(
            "{what} `{}` is not valid UTF-8 (bad byte at offset {offset})",
            path.display()
        ))
        .at(src.span(offset..offset))
        .hint("save the file as UTF-8")
    })?;
    // A BOM is invisible in editors and harmless; TOML parsers reject it.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(Source::new(path, text))
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file system said no.
    Io(std::io::Error),
    /// Not a regular file: a folder, a FIFO, a device.
    NotAFile,
    /// Longer than the limit (the limit is the second field).
    TooLarge(u64),
}

impl ReadError {
    /// The error as a diagnostic about `what` at `path`.
    pub fn diagnostic(self, path: &Path, what: &str) -> crate::diag::Failure {
        let shown = path.display();
        let d = match self {
            ReadError::Io(e) => Diagnostic::error(format!("cannot read {what} `{shown}`: {e}")),
            ReadError::NotAFile => Diagnostic::error(format!(
                "{what} `{shown}` is not a regular file (a folder, a FIFO or a device)"
            ))
            .hint("name a file; studyguide reads only regular files"),
            ReadError::TooLarge(limit) => Diagnostic::error(format!(
                "{what} `{shown}` is larger than the limit of {limit} bytes"
            )),
        };
        d.at(Span::file(path)).into()
    }
}

/// Reads at most `limit` bytes of a regular file. The type is checked
/// before opening (opening a FIFO would wait for a writer), and the limit
/// while reading (a file's stated size can lie, as `/dev/zero`'s does).
pub fn read_bytes(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// Where the files a config names may be: inside its folder, checked on
/// real paths (so a symlink cannot lead out), or anywhere for a trusted
/// config (`--allow-outside`).
#[derive(Debug, Clone, Default)]
pub struct Confine {
    /// The config's folder, canonical; `None` allows anywhere.
    root: Option<PathBuf>,
}

impl Confine {
    /// Files must stay inside `dir`, unless `allow_outside`.
    pub fn new(dir: &Path, allow_outside: bool) -> Confine {
        let root =
            (!allow_outside).then(|| dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()));
        Confine { root }
    }

    /// Fails if `path`, with every symlink resolved, leaves the folder. A
    /// path that does not exist passes here; reading it reports that.
    pub fn check(&self, path: &Path, what: &str, named_at: Option<&Span>) -> Result<()> {
        let Some(root) = &self.root else {
            return Ok(());
        };
        let Ok(real) = path.canonicalize() else {
            return Ok(());
        };
        if real.starts_with(root) {
            return Ok(());
        }
        let mut d = Diagnostic::error(format!(
            "{what} `{}` leads to `{}`, outside the config's folder",
            path.display(),
            real.display()
        ))
        .hint("a config, and above all a shared pack, may only read files in its own folder; a symlink does not change that")
        .hint("if you trust this config, build it with --allow-outside");
        if let Some(span) = named_at {
            d = d.at(span.clone());
        }
        Err(d.into())
    }
}

/// Turns a TOML parse error into a located diagnostic with a typo hint.
pub fn toml_error(src: &Source, err: &toml::de::Error, what: &str) -> Diagnostic {
    let message = err.message().trim().to_string();
    let mut first_line = message.lines().next().unwrap_or("").to_string();
    // The list of expected names goes into a hint; the headline stays short.
    if first_line.starts_with("unknown field") || first_line.starts_with("unknown variant") {
        if let Some(cut) = first_line.find(", expected") {
            first_line.truncate(cut);
        }
    }
    let mut d = Diagnostic::error(format!("invalid {what}: {first_line}"));
    if let Some(range) = err.span() {
        d = d.at(src.span(range));
    } else {
        d = d.at(Span::file(&src.path));
    }
    if let Some((unknown, expected)) = parse_unknown(&message) {
        let names: Vec<&str> = expected.iter().map(String::as_str).collect();
        if let Some(best) = crate::diag::nearest(&unknown, names.iter().copied()) {
            d = d.hint(format!("did you mean `{best}`?"));
        }
        d = d.hint(format!("expected one of: {}", names.join(", ")));
    }
    for (pattern, hint) in TYPE_HINTS {
        if message.contains(pattern) {
            d = d.hint(*hint);
            break;
        }
    }
    d
}

/// Hints for serde's type errors, which say what went wrong but not how to
/// write it right.
const TYPE_HINTS: &[(&str, &str)] = &[
    ("invalid type: map, expected a sequence", "a list of tables takes double brackets: write `[[section]]` or `[[output]]`, once per table"),
    ("expected a sequence", "write a list in square brackets, e.g. `banks = [\"questions/bank.toml\"]`"),
    ("expected f64", "write a number without quotes or units, e.g. `font_size = 11`"),
    ("expected i64", "write a whole number without quotes, e.g. `columns = 2`"),
    ("expected a boolean", "write `true` or `false`, without quotes"),
    ("expected a string", "write text in quotes, e.g. `title = \"My guide\"`"),
    ("untagged enum FooterSetting", "`footer` is text such as `\"Page {page} of {pages}\"`, or `false` for none"),
    ("untagged enum LogoSetting", "`logo` is a PNG, JPEG, WebP or SVG file such as `\"acme.png\"`, or `false` for none"),
    ("missing field `title`", "add a line `title = \"…\"` at the top of the config"),
    ("missing field", "every `[[question]]` needs id, question, answer, section and difficulty"),
];

/// Picks apart serde's "unknown field `x`, expected one of `a`, `b`" (and the
/// same for variants) so the hint can suggest the nearest name.
fn parse_unknown(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let end = rest.find('`')?;
    let unknown = rest[..end].to_string();
    let expected = rest[end + 1..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((unknown, expected))
}

/// Whether `rel`, resolved against a config's folder, stays inside it:
/// relative, and never climbing above its start with `..`.
pub fn stays_inside(rel: &Path) -> bool {
    use std::path::Component;
    let mut depth: i32 = 0;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// The error for a path that leaves the config's folder.
pub fn outside_error(what: &str, rel: &Path, span: Span) -> Diagnostic {
    Diagnostic::error(format!(
        "{what} `{}` is outside the config's folder",
        rel.display()
    ))
    .at(span)
    .hint("configs and packs may only name files in their own folder; for a config you trust, pass --allow-outside")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside_the_config_folder() {
        assert!(stays_inside(Path::new("questions/bank.toml")));
        assert!(stays_inside(Path::new("./a/../b.toml")));
        assert!(!stays_inside(Path::new("../secrets.toml")));
        assert!(!stays_inside(Path::new("a/../../b")));
        assert!(!stays_inside(Path::new("/etc/passwd")));
    }

    #[test]
    fn unknown_field_message_is_picked_apart() {
        let (u, e) =
            parse_unknown("unknown field `titel`, expected one of `title`, `subtitle`").unwrap();
        assert_eq!(u, "titel");
        assert_eq!(e, vec!["title", "subtitle"]);
    }
}
