//! The commands, one file each; `main.rs` parses arguments and calls them.

mod build;
mod import;
mod init;
mod pack;
mod render;
mod staging;
mod typeset;
mod watch;

pub use build::{build, check, Report, Written};
pub use import::{import_file, Target as ImportTarget};
pub use init::{init, Initialized};
pub use pack::pack;
pub use render::{render, RenderOptions, RenderReport};
pub use staging::remove_temps;
pub(crate) use typeset::layout_markdown;
pub use typeset::{calibrate, typeset_markdown};
pub use watch::{next_burst, WatchFilter};

use crate::pipeline::Guide;
use crate::{config, synth, Question, Result};
use std::path::{Path, PathBuf};

/// A deterministic synthetic bank for benchmarks (`studyguide bench-bank`).
pub fn bench_bank(questions: usize, seed: u64) -> String {
    synth::bank(questions, seed)
}

/// The files a build reads, for `studyguide watch`: the config, its banks,
/// and its templates folder.
pub fn watched_paths(config_path: &Path, allow_outside: bool) -> Result<Vec<PathBuf>> {
    let config = config::load(config_path, allow_outside)?;
    let mut paths = vec![config_path.to_path_buf()];
    paths.extend(config.banks.iter().map(|(p, _)| p.clone()));
    if let Some(config::TemplateSource::Folder(folder)) = &config.templates {
        paths.push(folder.clone());
    }
    Ok(paths)
}

/// Loads the questions of a config's banks, for `studyguide list`.
pub fn list(config_path: &Path, allow_outside: bool) -> Result<Vec<Question>> {
    Ok(Guide::load_with(config_path, allow_outside)?.questions)
}
