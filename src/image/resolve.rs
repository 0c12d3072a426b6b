//! Finds and reads the file behind every figure of a document.
//!
//! A path is relative to the file that holds the Markdown: a question's
//! bank, or the config for intros and templates. It is confined like a
//! bank (real path inside the config's folder, regular file, size limit),
//! and a pack's `[assets]` are looked up first, so a pack built elsewhere
//! finds the pictures it carries.

use super::{decode, Image, MAX_BYTES};
use crate::diag::{Diagnostic, Failure, Span};
use crate::markdown::{Block, Document, Figure};
use crate::source::{read_bytes, Confine, ReadError};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The pictures a pack carries: the path as the Markdown writes it → bytes.
pub type Assets = BTreeMap<String, Vec<u8>>;

/// Where relative paths start.
#[derive(Debug, Clone, Default)]
pub struct Bases {
    /// The config's folder: intros, templates, questions written in it.
    /// For a Markdown file rendered alone, that file's folder.
    pub config: PathBuf,
    /// What `config` is called in messages: "the config's folder".
    pub config_is: &'static str,
    /// A question's bank folder, by question id.
    pub questions: HashMap<String, PathBuf>,
}

/// What resolving needs besides the document.
pub struct Resolved<'a> {
    /// Where relative paths start.
    pub bases: &'a Bases,
    /// A pack's pictures.
    pub assets: &'a Assets,
    /// Where files may be.
    pub confine: &'a Confine,
    /// The Markdown, and the name it is shown under in diagnostics.
    pub markdown: (&'a Path, &'a str),
}

/// Reads the picture of every figure in `doc`. Remote pictures are not
/// fetched: they print their alt text, with a warning. Every unreadable
/// picture is reported, each at its place in the Markdown.
pub fn resolve(doc: &mut Document, ctx: &Resolved) -> Result<Vec<Diagnostic>, Failure> {
    // Every distinct file first, read and decoded on all cores; then each
    // figure gets its picture, or its error, in document order.
    let mut wanted: Vec<(String, PathBuf)> = Vec::new();
    let mut seen = HashSet::new();
    each_figure(&mut doc.blocks, None, &mut |f, question| {
        if !is_remote(&f.src) {
            let path = ctx.path_of(&f.src, question);
            if seen.insert(path.clone()) {
                wanted.push((f.src.clone(), path));
            }
        }
    });
    // A picture another output is decoding right now is left for later,
    // so that two outputs reading the same pictures share the work
    // instead of waiting for each other.
    // (path, the picture, or its bytes if it was busy)
    let first: Vec<(PathBuf, Result<Decoded, Vec<u8>>)> = wanted
        .into_par_iter()
        .map(|(src, path)| {
            let image = match read(&src, &path, ctx.assets, ctx.confine, ctx.bases.config_is) {
                Ok(bytes) => decode_unless_busy(&bytes).ok_or(bytes),
                Err(why) => Ok(Err(why)),
            };
            (path, image)
        })
        .collect();
    let loaded: HashMap<PathBuf, Decoded> = first
        .into_par_iter()
        .map(|(path, image)| (path, image.unwrap_or_else(|bytes| decoded(&bytes))))
        .collect();
    let mut errors = Vec::new();
    let mut remote: Vec<String> = Vec::new();
    each_figure(&mut doc.blocks, None, &mut |f, question| {
        if is_remote(&f.src) {
            if !remote.contains(&f.src) {
                remote.push(f.src.clone());
            }
            return;
        }
        let path = ctx.path_of(&f.src, question);
        match &loaded[&path] {
            Ok(image) => f.image = Some(image.clone()),
            Err(why) => errors.push(ctx.error(f, &path, question, why)),
        }
    });
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(remote
        .iter()
        .take(5)
        .map(|src| {
            Diagnostic::warning(format!(
                "image `{src}` is not fetched: studyguide prints only local pictures; its alt text is printed"
            ))
            .hint("download it next to the Markdown and name the file instead")
        })
        .collect())
}

/// Calls `visit` on every figure in `blocks`, with the id of the question
/// it is in. (Nesting is bounded by the Markdown reader.)
fn each_figure(
    blocks: &mut [Block],
    question: Option<&str>,
    visit: &mut dyn FnMut(&mut Figure, Option<&str>),
) {
    for b in blocks {
        match b {
            Block::Figure(f) => visit(f, question),
            Block::Question { id, blocks } => each_figure(blocks, Some(id.as_str()), visit),
            Block::Quote(inner) | Block::Details { blocks: inner, .. } => {
                each_figure(inner, question, visit)
            }
            Block::List { items, .. } => {
                for item in items {
                    each_figure(&mut item.blocks, question, visit);
                }
            }
            _ => {}
        }
    }
}

impl Resolved<'_> {
    /// Where the file a figure in `question` (or outside questions) names
    /// is.
    fn path_of(&self, src: &str, question: Option<&str>) -> PathBuf {
        let base = question
            .and_then(|id| self.bases.questions.get(id))
            .unwrap_or(&self.bases.config);
        base.join(src)
    }

    fn error(&self, f: &Figure, path: &Path, question: Option<&str>, why: &str) -> Diagnostic {
        let (name, text) = self.markdown;
        let line_text = text.lines().nth(f.line.saturating_sub(1)).unwrap_or("");
        let width = f.src.chars().count().max(1);
        let span = Span::in_line(name, f.line, f.col.max(1), width, line_text);
        let from = match question {
            Some(id) if self.bases.questions.contains_key(id) => {
                format!("question `{id}`: the path is relative to its bank's folder")
            }
            _ => format!("the path is relative to {}", self.bases.config_is),
        };
        let diagnostic =
            Diagnostic::error(format!("image `{}` ({}): {why}", f.src, path.display()))
                .at(span)
                .hint(from);
        if why.starts_with("it is outside") {
            // A guide over a collection kept elsewhere (an imported folder)
            // is the user's own: say how to let it read there.
            return diagnostic.hint(
                "a shared pack may only read pictures in its own folder; for files you trust, pass --allow-outside",
            );
        }
        diagnostic.hint(format!(
                "pictures may be PNG, JPEG or WebP, up to {} MB and {} megapixels, or SVG, up to {} MB, {} elements and {} levels of nesting",
                MAX_BYTES >> 20,
                super::MAX_PIXELS / 1_000_000,
                super::MAX_SVG_BYTES >> 20,
                super::MAX_SVG_ELEMENTS,
                super::MAX_SVG_DEPTH,
            ))
    }
}

/// The picture named `src` (found at `path`): from a pack's `assets`, or
/// else from the file, confined, within the size and pixel limits. The
/// error says why not, as a clause to follow the picture's name.
pub fn load(
    src: &str,
    path: &Path,
    assets: &Assets,
    confine: &Confine,
    folder: &str,
) -> Result<Arc<Image>, String> {
    decoded(&read(src, path, assets, confine, folder)?)
}

/// A picture or why not, as a clause to follow its name.
type Decoded = Result<Arc<Image>, String>;

/// The bytes of the picture named `src` (found at `path`), as [`load`]
/// reads them.
fn read(
    src: &str,
    path: &Path,
    assets: &Assets,
    confine: &Confine,
    folder: &str,
) -> Result<Vec<u8>, String> {
    if let Some(bytes) = assets.get(src) {
        return Ok(bytes.clone());
    }
    confine
        .check(path, "image", None)
        .map_err(|_| format!("it is outside {folder}"))?;
    read_bytes(path, MAX_BYTES).map_err(|e| match e {
        ReadError::Io(e) => format!("cannot read it: {e}"),
        ReadError::NotAFile => "it is not a regular file".into(),
        ReadError::TooLarge(limit) => {
            format!("it is larger than the limit of {} MB", limit >> 20)
        }
    })
}

/// `bytes` decoded, or why not.
fn decoded(bytes: &[u8]) -> Decoded {
    decode(bytes).map_err(|e| format!("it {e}"))
}

/// [`decoded`], or `None` if another thread is decoding the same bytes.
fn decode_unless_busy(bytes: &[u8]) -> Option<Decoded> {
    super::shared::decode_unless_busy(bytes).map(|d| d.map_err(|e| format!("it {e}")))
}

/// A URL rather than a file: not fetched.
pub fn is_remote(src: &str) -> bool {
    let lower = src.trim().to_ascii_lowercase();
    lower.starts_with("//")
        || lower.starts_with("data:")
        || lower
            .split_once("://")
            .is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphanumeric()))
}
