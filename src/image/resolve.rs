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
use std::collections::{BTreeMap, HashMap};
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
    let mut walk = Walk {
        ctx,
        cache: HashMap::new(),
        errors: Vec::new(),
        remote: Vec::new(),
    };
    walk.blocks(&mut doc.blocks, None);
    if !walk.errors.is_empty() {
        return Err(walk.errors.into());
    }
    Ok(walk
        .remote
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

struct Walk<'a, 'c> {
    ctx: &'a Resolved<'c>,
    /// Each file read once per document, however often it is shown.
    cache: HashMap<PathBuf, Arc<Image>>,
    errors: Vec<Diagnostic>,
    remote: Vec<String>,
}

impl Walk<'_, '_> {
    fn blocks(&mut self, blocks: &mut [Block], question: Option<&str>) {
        for b in blocks {
            match b {
                Block::Figure(f) => self.figure(f, question),
                Block::Question { id, blocks } => {
                    let id = id.clone();
                    self.blocks(blocks, Some(&id));
                }
                Block::Quote(inner) | Block::Details { blocks: inner, .. } => {
                    self.blocks(inner, question)
                }
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&mut item.blocks, question);
                    }
                }
                _ => {}
            }
        }
    }

    fn figure(&mut self, f: &mut Figure, question: Option<&str>) {
        if is_remote(&f.src) {
            if !self.remote.contains(&f.src) {
                self.remote.push(f.src.clone());
            }
            return;
        }
        let base = question
            .and_then(|id| self.ctx.bases.questions.get(id))
            .unwrap_or(&self.ctx.bases.config);
        let path = base.join(&f.src);
        if let Some(image) = self.cache.get(&path) {
            f.image = Some(image.clone());
            return;
        }
        let (assets, confine) = (self.ctx.assets, self.ctx.confine);
        match load(&f.src, &path, assets, confine, self.ctx.bases.config_is) {
            Ok(image) => {
                let image = Arc::new(image);
                self.cache.insert(path, image.clone());
                f.image = Some(image);
            }
            Err(why) => self.errors.push(self.error(f, &path, question, why)),
        }
    }

    fn error(&self, f: &Figure, path: &Path, question: Option<&str>, why: String) -> Diagnostic {
        let (name, text) = self.ctx.markdown;
        let line_text = text.lines().nth(f.line.saturating_sub(1)).unwrap_or("");
        let width = f.src.chars().count().max(1);
        let span = Span::in_line(name, f.line, f.col.max(1), width, line_text);
        let from = match question {
            Some(id) if self.ctx.bases.questions.contains_key(id) => {
                format!("question `{id}`: the path is relative to its bank's folder")
            }
            _ => format!("the path is relative to {}", self.ctx.bases.config_is),
        };
        Diagnostic::error(format!("image `{}` ({}): {why}", f.src, path.display()))
            .at(span)
            .hint(from)
            .hint(format!(
                "pictures may be PNG or JPEG, up to {} MB and {} megapixels, or SVG, up to {} MB, {} elements and {} levels of nesting",
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
) -> Result<Image, String> {
    let bytes = match assets.get(src) {
        Some(bytes) => bytes.clone(),
        None => {
            confine
                .check(path, "image", None)
                .map_err(|_| format!("it is outside {folder}"))?;
            read_bytes(path, MAX_BYTES).map_err(|e| match e {
                ReadError::Io(e) => format!("cannot read it: {e}"),
                ReadError::NotAFile => "it is not a regular file".into(),
                ReadError::TooLarge(limit) => {
                    format!("it is larger than the limit of {} MB", limit >> 20)
                }
            })?
        }
    };
    decode(&bytes).map_err(|e| format!("it {e}"))
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
