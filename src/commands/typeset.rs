//! Markdown typeset without a config, and the calibration sheet.

use super::build::write_atomic;
use crate::pipeline::{build_stamp, font_files, settings};
use crate::{config, diag, font, frame, layout, markdown, pdf, Diagnostic, Frame, Output, Result};
use std::path::Path;

/// Writes the duplex calibration sheet (`studyguide calibrate`) for a paper
/// size (`a4`, `letter`, `a5`, `legal`).
pub fn calibrate(paper: &str, target: &Path) -> Result<()> {
    let Some((width, height)) = config::paper_size(paper) else {
        return Err(Diagnostic::error(format!("unknown paper size `{paper}`"))
            .hint("use one of: a4, letter, a5, legal")
            .into());
    };
    let fonts = font::Fonts::builtin()?;
    let frame = layout::calibration(width, height, &fonts);
    let stamp = build_stamp();
    let bytes =
        pdf::write(frame, &fonts, &stamp).map_err(|e| Diagnostic::environment(e.to_string()))?;
    write_atomic(target, &bytes)
}

/// Markdown → PDF bytes for one default A4 output, for tests and tools that
/// start from Markdown rather than a config.
pub fn typeset_markdown(markdown: &str) -> Result<(Vec<u8>, usize)> {
    let (frame, fonts) = layout_markdown(markdown)?;
    let stamp = pdf::Stamp {
        epoch: 0,
        producer: "studyguide".into(),
    };
    let pages = frame.pages.len();
    let bytes =
        pdf::write(frame, &fonts, &stamp).map_err(|e| Diagnostic::environment(e.to_string()))?;
    Ok((bytes, pages))
}

/// Markdown laid out as the default A4 output, with the fonts it used.
pub(crate) fn layout_markdown(markdown: &str) -> Result<(Frame, font::Fonts)> {
    let src = diag::Source::new("inline", "");
    let output = Output::default_for(&src);
    let fonts = font::Fonts::load(font_files(&output.fonts))?;
    let doc = markdown::parse(markdown);
    let info = frame::Info {
        title: doc.meta.title.clone().unwrap_or_default(),
        ..Default::default()
    };
    let laid = layout::layout(&doc, &settings(&output, None), &fonts, info)
        .map_err(|f| Diagnostic::error(format!("needs {} pages", f.pages)))?;
    Ok((laid.frame, fonts))
}
