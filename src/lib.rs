//! studyguide turns a question bank into print-ready study material.
//!
//! The pipeline, one stage per module:
//! `config` → `bank` → `select` → `render` (Handlebars → Markdown) →
//! `markdown` (our block tree) → `layout` (shape, break, paginate) →
//! `frame` (positioned pages) → `pdf` (bytes).

mod bank;
mod commands;
mod config;
mod deck;
mod diag;
mod font;
mod frame;
mod front_matter;
mod image;
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
pub use config::{Config, Output, Style};
pub use diag::{
    distinct as distinct_diagnostics, escape, render_all as render_diagnostics, Diagnostic,
    Failure, Result, Severity,
};
pub use font::{Face, Fonts};
pub use frame::{Color, FaceId, Frame, Glyph, GlyphText, Item, OutlineEntry, Page, Target};
pub use import::{
    import, import_with, Columns, Field, Format, ImportError, Imported, ImportedQuestion, NavKind,
};
pub use render::escape_markdown;

pub use commands::{
    bench_bank, build, calibrate, check, import_file, init, list, next_burst, pack, remove_temps,
    render, typeset_markdown, watched_paths, ImportTarget, Initialized, RenderOptions,
    RenderReport, Report, WatchFilter, Written,
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

    /// Import in every format, and the bank text it writes.
    pub fn import(text: &str) -> std::result::Result<usize, ImportError> {
        [
            Format::Article,
            Format::Markdown,
            Format::Csv,
            Format::Tsv,
            Format::Anki,
        ]
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

    /// Renders a pack's templates `(name, source)` the way a build of the
    /// pack would: all of them registered together over the built-ins
    /// (so they may include each other as partials), checked against the
    /// template budget, then one output per given name rendering that
    /// template against the example guide's questions, each output with
    /// its own budget. Every part is shown, so no `{{#if show.…}}` branch
    /// is skipped.
    ///
    /// Returns the length of the longest Markdown any output rendered. An
    /// output that fails (a strict-mode miss, a budget passed) counts as
    /// nothing; an error is returned only when the templates do not load.
    pub fn pack_templates(sources: &[(&str, &str)]) -> Result<usize> {
        let inline = sources
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let custom = config::TemplateSource::Inline(inline);
        let templates = render::Templates::load(Some(&custom), &Default::default())?;
        let bank = bank::parse(&diag::Source::new(
            "bank.toml",
            include_str!("../questions/senior-backend.toml"),
        ))?;
        let config = config::Config::for_fuzzing("Pack");
        let selection = select::select(&[], &bank)?;
        let src = diag::Source::new("fuzz.toml", "");
        let mut longest = 0;
        let mut seen: Vec<&str> = Vec::new();
        for (name, _) in sources {
            // A repeated name is one template (the last wins); render it once.
            if seen.contains(name) {
                continue;
            }
            seen.push(name);
            let mut output = Output::default_for(&src);
            output.name = name.to_string();
            output.template = name.to_string();
            output.show.listen_for = true;
            output.show.notes = true;
            output.show.score = true;
            if let Ok(markdown) = templates.render(&config, &output, &selection, &bank) {
                longest = longest.max(markdown.len());
            }
        }
        Ok(longest)
    }

    #[cfg(test)]
    mod tests {
        use super::pack_templates;

        /// `n` loops, one inside the other, each over the data's eleven
        /// top-level keys, around `body`.
        fn loops(n: usize, body: &str) -> String {
            "{{#each @root}}".repeat(n) + body + &"{{/each}}".repeat(n)
        }

        #[test]
        fn recursive_packs_are_refused_before_rendering() {
            assert!(
                pack_templates(&[("handout", "{{> a}}"), ("a", "{{> b}}"), ("b", "{{> a}}")])
                    .is_err()
            );
            let inline = "{{#*inline \"again\"}}x{{> again}}{{/inline}}{{> again}}";
            assert!(pack_templates(&[("handout", inline)]).is_err());
            assert!(pack_templates(&[("handout", "{{> (lookup this \"title\")}}")]).is_err());
            let six = loops(6, "x");
            assert!(pack_templates(&[("handout", &six)]).is_err());
        }

        #[test]
        fn runaway_packs_stop_at_their_budget() {
            let t = std::time::Instant::now();
            // 11^5 steps per call, ten calls: past the iteration budget.
            let busy = loops(5, "");
            let calls = "{{> a}}".repeat(10);
            assert_eq!(
                pack_templates(&[("handout", &calls), ("a", &busy)]).unwrap(),
                0
            );
            // Short of the iteration budget, but far past 16 MiB of output.
            let wide = loops(5, "{{{@root.sections.0.questions.0.answer}}}");
            assert_eq!(pack_templates(&[("handout", &wide)]).unwrap(), 0);
            assert!(t.elapsed().as_secs() < 60);
        }

        #[test]
        fn a_plain_pack_renders() {
            let handout = "# {{title}}\n{{#each sections}}{{#each questions}}{{> question}}{{/each}}{{/each}}";
            let question = "## {{number}}. {{question}}\n{{#each listen_for}}- {{this}}\n{{/each}}";
            let len = pack_templates(&[("handout", handout), ("question", question)]).unwrap();
            assert!(len > 1000, "{len}");
        }
    }
}
