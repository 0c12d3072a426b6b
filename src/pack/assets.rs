//! The pictures a pack carries: every local image its questions, intros
//! and templates show, read from where a build would read it and keyed by
//! the path the Markdown writes, which is what a build of the pack looks up.

use crate::bank::Question;
use crate::diag::{Diagnostic, Result};
use crate::image::{is_remote, Assets, MAX_BYTES};
use crate::markdown::figure_sources;
use crate::select::Selection;
use crate::source::{read_bytes, Confine};
use std::path::Path;

/// What to look through, and where its paths start.
pub struct Sources<'a> {
    /// The config's folder: intros and templates.
    pub dir: &'a Path,
    /// Where files may be read.
    pub confine: &'a Confine,
    /// Pictures the config already carries (a pack of a pack).
    pub carried: &'a Assets,
    /// The logos the packed outputs print, as the config names them
    /// (relative to its folder).
    pub logos: &'a [String],
}

/// Reads every picture the selection, its intros and `templates` show,
/// and the outputs' logos.
pub fn gather(
    sources: &Sources,
    selection: &Selection,
    questions: &[Question],
    templates: &[(String, String)],
) -> Result<Assets> {
    let mut assets = sources.carried.clone();
    let mut texts: Vec<(&str, &Path)> = Vec::new();
    for section in &selection.sections {
        if let Some(intro) = &section.intro {
            texts.push((intro, sources.dir));
        }
    }
    for (_, text) in templates {
        texts.push((text, sources.dir));
    }
    for i in selection.question_indices() {
        let q = &questions[i];
        let dir = q.span.path.parent().unwrap_or(sources.dir);
        texts.push((&q.why, dir));
        texts.push((&q.answer, dir));
    }
    for (text, dir) in texts {
        for src in figure_sources(text).iter().filter(|s| !is_remote(s)) {
            add(&mut assets, src, dir, sources.confine)?;
        }
    }
    for logo in sources.logos {
        add(&mut assets, logo, sources.dir, sources.confine)?;
    }
    Ok(assets)
}

/// Reads `src` from `dir` into `assets`, unless the same bytes are there.
fn add(assets: &mut Assets, src: &str, dir: &Path, confine: &Confine) -> Result<()> {
    let path = dir.join(src);
    let cannot = |why: String| {
        Diagnostic::error(format!("image `{src}` cannot be packed: {why}"))
            .hint(format!("it was looked for at `{}`", path.display()))
    };
    if assets.contains_key(src) && !path.exists() {
        return Ok(());
    }
    confine.check(&path, "image", None)?;
    let bytes = read_bytes(&path, MAX_BYTES).map_err(|e| e.diagnostic(&path, "image"))?;
    match assets.get(src) {
        Some(known) if *known != bytes => Err(cannot(
            "two different files are named by this same path (from banks in different folders)"
                .into(),
        )
        .hint("give one of them another name")
        .into()),
        Some(_) => Ok(()),
        None => {
            assets.insert(src.to_string(), bytes);
            Ok(())
        }
    }
}
