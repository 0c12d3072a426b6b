//! `build` and `check`: every output rendered in memory, then written.

use crate::pipeline::{FlowNotice, Guide, Options, Timings};
use crate::{lock, Diagnostic, Result};
use std::path::{Path, PathBuf};

/// A written output file pair.
#[derive(Debug, Clone)]
pub struct Written {
    /// The output's name.
    pub name: String,
    /// Path of the Markdown file.
    pub markdown: PathBuf,
    /// Path of the PDF file.
    pub pdf: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// PDF size in bytes.
    pub bytes: usize,
    /// Questions the page flow moved, split or stranded.
    pub notices: Vec<FlowNotice>,
    /// What a fit to `fit_pages` chose.
    pub summary: Option<String>,
}

/// The result of a successful check or build.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files written (empty for `check`).
    pub written: Vec<Written>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Time per stage, summed over outputs.
    pub timings: Timings,
}

/// Validates the config, banks, selection and templates, writing nothing.
pub fn check(config_path: &Path, options: &Options) -> Result<Report> {
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    let (_, warnings) = guide.render_with(options)?;
    Ok(Report {
        written: Vec::new(),
        warnings,
        timings: Timings::default(),
    })
}

/// Builds the outputs, then writes the lock file beside the config (unless
/// building `--locked`, which must not change it).
pub fn build(config_path: &Path, options: &Options) -> Result<Report> {
    let t = std::time::Instant::now();
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    let mut timings = Timings {
        load: t.elapsed(),
        ..Timings::default()
    };
    let (rendered, warnings) = guide.render_with(options)?;
    for r in &rendered {
        timings.add(&r.timings);
    }
    let t = std::time::Instant::now();
    let dir = options
        .out_dir
        .clone()
        .unwrap_or_else(|| guide.config.dir.join("out"));
    std::fs::create_dir_all(&dir).map_err(|e| {
        Diagnostic::environment(format!(
            "cannot create output folder `{}`: {e}",
            dir.display()
        ))
    })?;
    let mut written = Vec::new();
    for r in rendered {
        let md = dir.join(format!("{}.md", r.name));
        let pdf = dir.join(format!("{}.pdf", r.name));
        write_atomic(&md, r.markdown.as_bytes())?;
        write_atomic(&pdf, &r.pdf)?;
        written.push(Written {
            name: r.name,
            markdown: md,
            pdf,
            pages: r.pages,
            bytes: r.pdf.len(),
            notices: r.notices,
            summary: r.summary,
        });
    }
    if !options.locked {
        let selection = guide.selection(false)?;
        let text = lock::write(&selection, &guide.config.sections, &guide.questions);
        write_atomic(&lock::path_for(config_path), text.as_bytes())?;
    }
    timings.write = t.elapsed();
    Ok(Report {
        written,
        warnings,
        timings,
    })
}

/// Writes through a temporary file and a rename, so readers never see a
/// half-written file and a failure keeps the previous one.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| {
        Diagnostic::environment(format!("cannot write `{}`: {e}", path.display()))
    };
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    Ok(())
}
