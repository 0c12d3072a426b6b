//! studyguide turns a question bank into print-ready study material.
//!
//! The pipeline, one stage per module:
//! `config` → `bank` → `select` → `render` (Handlebars → Markdown) →
//! `markdown` (our block tree) → `layout` (shape, break, paginate) →
//! `frame` (positioned pages) → `pdf` (bytes).

mod bank;
mod commands;
mod config;
mod diag;
mod font;
mod frame;
mod import;
mod layout;
mod leak;
mod lock;
mod markdown;
mod pack;
mod pdf;
mod pipeline;
mod render;
mod select;
mod source;
mod structure;
mod synth;

pub use bank::{Difficulty, Question};
pub use config::{Config, Output};
pub use diag::{escape, render_all as render_diagnostics, Diagnostic, Failure, Result, Severity};
pub use frame::{Color, FaceId, Frame, Glyph, GlyphText, Item, OutlineEntry, Page, Target};
pub use import::{import, Format, ImportError, Imported, ImportedQuestion};
pub use render::escape_markdown;

pub use commands::{
    bench_bank, build, calibrate, check, import_file, init, list, next_burst, pack, remove_temps,
    typeset_markdown, watched_paths, Initialized, Report, WatchFilter, Written,
};
pub use layout::NoticeKind;
pub use pipeline::{FlowNotice, Guide, Options, Progress, Rendered, Timings};

/// Entry points for the fuzz targets in `fuzz/`: each takes untrusted text
/// and must return (an error is fine) without panicking, in linear time.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;
    use crate::{bank, commands, config, diag, render, select};

    /// Parses and validates a config from text (paths are not opened).
    pub fn config(text: &str) -> Result<()> {
        let dir = std::env::temp_dir();
        let path = dir.join("studyguide-fuzz-config.toml");
        let src = diag::Source::new(&path, text);
        config::validate_text(&src, false).map(|_| ())
    }

    /// Parses a bank from text.
    pub fn bank(text: &str) -> Result<usize> {
        bank::parse(&diag::Source::new("fuzz-bank.toml", text)).map(|q| q.len())
    }

    /// Markdown → layout → PDF bytes.
    pub fn markdown(text: &str) -> Result<Vec<u8>> {
        typeset_markdown(text).map(|(pdf, _)| pdf)
    }

    /// Markdown → the laid-out frame of a default A4 output, for checks on
    /// positions.
    pub fn markdown_frame(text: &str) -> Result<Frame> {
        commands::layout_markdown(text).map(|(frame, _)| frame)
    }

    /// Import in both formats, and the bank text it writes.
    pub fn import(text: &str) -> std::result::Result<usize, ImportError> {
        [Format::Article, Format::Markdown]
            .into_iter()
            .map(|f| import::import(text, f).to_toml("fuzz").map(|t| t.len()))
            .sum()
    }

    /// Renders `template` against the example guide's questions with
    /// `title` as the guide title, through the same strict registry.
    pub fn template(template: &str, title: &str) -> Result<String> {
        let src = diag::Source::new("fuzz.toml", "");
        let mut output = Output::default_for(&src);
        output.template = "fuzz".into();
        let custom = config::TemplateSource::Inline(vec![("fuzz".into(), template.into())]);
        let templates = render::Templates::load(Some(&custom), &Default::default())?;
        let bank = bank::parse(&diag::Source::new(
            "bank.toml",
            include_str!("../questions/senior-backend.toml"),
        ))?;
        let config = config::Config::for_fuzzing(title);
        let selection = select::select(&[], &bank)?;
        templates.render(&config, &output, &selection, &bank)
    }
}
