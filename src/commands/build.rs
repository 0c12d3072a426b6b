//! `build` and `check`: every output rendered and written to a temporary
//! file, then all renamed into place together.

use super::staging::{self, Staging};
use crate::config::Style;
use crate::layout::Warmer;
use crate::pipeline::{FlowNotice, Guide, Options, Rendered, Timings};
use crate::{lock, Diagnostic, Result};
use std::path::{Path, PathBuf};

/// A written output file pair.
#[derive(Debug, Clone)]
pub struct Written {
    /// The output's name.
    pub name: String,
    /// Path of the Markdown file (`None` for an Anki deck, which has none).
    pub markdown: Option<PathBuf>,
    /// Path of the PDF file, or of the deck.
    pub file: PathBuf,
    /// What kind of output it is.
    pub style: Style,
    /// Number of pages (notes, for a deck).
    pub pages: usize,
    /// File size in bytes.
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
    // Each output is dropped as soon as it is rendered.
    let (_, warnings) = guide.render_each(options, None, |_| Ok(()))?;
    Ok(Report {
        written: Vec::new(),
        warnings,
        timings: Timings::default(),
    })
}

/// Builds the outputs, then writes the lock file beside the config (unless
/// building `--locked`, which must not change it).
///
/// The files are replaced as a set: each output is written to a temporary
/// file as soon as it is rendered (and its bytes freed), and only when
/// every output has succeeded are they all renamed into place, the lock
/// last. On any error every temporary file is removed, and the folder keeps
/// the complete previous set.
pub fn build(config_path: &Path, options: &Options) -> Result<Report> {
    // Another core gets ready to shape words while this one reads the
    // guide (see `layout::Warmer`).
    let warmer = Warmer::new();
    rayon::scope(|scope| {
        scope.spawn(|_| warmer.run());
        let built = build_warmed(config_path, options, &warmer);
        warmer.finish();
        built
    })
}

/// [`build`], with `warmer` started.
fn build_warmed(config_path: &Path, options: &Options, warmer: &Warmer) -> Result<Report> {
    let t = std::time::Instant::now();
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    let load = t.elapsed();
    let dir = options
        .out_dir
        .clone()
        .unwrap_or_else(|| guide.config.dir.join("out"));
    check_targets(&guide, options, &dir)?;
    let created = !dir.exists();
    std::fs::create_dir_all(&dir).map_err(|e| {
        Diagnostic::environment(format!(
            "cannot create output folder `{}`: {e}",
            dir.display()
        ))
    })?;
    let result = write_outputs(&guide, config_path, (options, warmer), &dir);
    if result.is_err() && created {
        // Only removed while empty: a failed build writes nothing.
        let _ = std::fs::remove_dir(&dir);
    }
    let mut report = result?;
    report.timings.load = load;
    Ok(report)
}

/// Fails before anything is rendered or written if a folder is in the
/// place of an output's file. (Names were checked with the config: plain,
/// and short enough for a file name with the temporary prefix.)
fn check_targets(guide: &Guide, options: &Options, dir: &Path) -> Result<()> {
    let mut errors = Vec::new();
    for output in guide.outputs(options.only.as_deref())? {
        for ext in ["md", "pdf"] {
            let path = dir.join(format!("{}.{ext}", output.name));
            if path.is_dir() {
                errors.push(Diagnostic::environment(format!(
                    "cannot write `{}`: a folder is in the way",
                    path.display()
                )));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.into())
    }
}

/// Renders every output into temporary files in `dir`, then renames the
/// set into place and the lock after it.
fn write_outputs(
    guide: &Guide,
    config_path: &Path,
    (options, warmer): (&Options, &Warmer),
    dir: &Path,
) -> Result<Report> {
    let lock_path = (!options.locked).then(|| lock::path_for(config_path));
    // Leftovers of builds killed outright, before adding this build's own.
    staging::sweep(dir);
    if let Some(folder) = lock_path.as_deref().and_then(Path::parent) {
        staging::sweep(folder);
    }
    let staging = Staging::default();
    // The lock's text (a hash of every selected question) is made on the
    // other core while the first output's template renders.
    let (rendered, lock) = rayon::join(
        || guide.render_each(options, Some(warmer), |r| stage_output(&staging, dir, r)),
        || {
            let t = std::time::Instant::now();
            let text = lock_path.as_ref().map(|_| -> Result<String> {
                let selection = guide.selection(false)?;
                Ok(lock::write(
                    &selection,
                    &guide.config.sections,
                    &guide.questions,
                ))
            });
            (text, t.elapsed())
        },
    );
    let (staged, warnings) = rendered?;
    let (lock, lock_time) = lock;
    let t = std::time::Instant::now();
    if let (Some(path), Some(text)) = (&lock_path, lock.transpose()?) {
        staging.stage(path, text.as_bytes())?;
    }
    staging.commit()?;
    let mut timings = Timings::default();
    let mut written = Vec::with_capacity(staged.len());
    for (w, t) in staged {
        timings.add(&t);
        written.push(w);
    }
    timings.write += t.elapsed() + lock_time;
    Ok(Report {
        written,
        warnings,
        timings,
    })
}

/// Writes one rendered output to temporary files and frees its bytes.
fn stage_output(staging: &Staging, dir: &Path, r: Rendered) -> Result<(Written, Timings)> {
    let t = std::time::Instant::now();
    let markdown = if r.style.is_pdf() {
        let path = dir.join(format!("{}.md", r.name));
        staging.stage(&path, r.markdown.as_bytes())?;
        Some(path)
    } else {
        None
    };
    let extension = if r.style.is_pdf() { "pdf" } else { "txt" };
    let file = dir.join(format!("{}.{extension}", r.name));
    staging.stage(&file, &r.file)?;
    let mut timings = r.timings;
    timings.write = t.elapsed();
    let written = Written {
        name: r.name,
        markdown,
        file,
        style: r.style,
        pages: r.pages,
        bytes: r.file.len(),
        notices: r.notices,
        summary: r.summary,
    };
    Ok((written, timings))
}

/// Writes through a temporary file and a rename, so readers never see a
/// half-written file and a failure keeps the previous one. A target that
/// is not a file (`-o /dev/null`, `/dev/stdout`, a FIFO) is written into
/// as it is: renaming over it would replace the device itself, for every
/// program on the machine when run as root.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if is_special(path) {
        use std::io::Write;
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| {
                Diagnostic::environment(format!("cannot write `{}`: {e}", path.display())).into()
            });
    }
    let staging = Staging::default();
    staging.stage(path, bytes)?;
    staging.commit()
}

/// Whether `path` names something other than a file or folder: a device,
/// a FIFO or a socket, or anything under `/dev` or `/proc` (where
/// `/dev/stdout` links to whatever standard output is).
fn is_special(path: &Path) -> bool {
    let system = path.starts_with("/dev") || path.starts_with("/proc");
    match std::fs::metadata(path) {
        Ok(meta) => system || !(meta.is_file() || meta.is_dir()),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into_and_stays_a_fifo() {
        let dir = std::env::temp_dir().join(format!("studyguide-fifo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("out.pdf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to check
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"%PDF-test").unwrap();
        // Checked before waiting for the reader, which a FIFO replaced by
        // a file would leave waiting for ever.
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the FIFO was replaced by a file");
        assert_eq!(reader.join().unwrap(), b"%PDF-test");
        // Nothing was left beside it.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
