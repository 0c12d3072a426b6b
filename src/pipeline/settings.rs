//! Config outputs → what layout and the font loader take: the one place
//! where config types meet layout types.

use crate::config::{self, Output};
use crate::frame::Color;
use crate::image::Image;
use crate::{font, layout};
use std::sync::Arc;

/// The `[output.fonts]` keys, in the order of [`font_files`].
pub const FONT_KEYS: [&str; 6] = [
    "regular",
    "bold",
    "italic",
    "bold_italic",
    "mono",
    "mono_bold",
];

/// The font files an output names, in the order [`font::Fonts::load`] takes.
pub fn font_files(paths: &config::FontPaths) -> font::Replacements<'_> {
    [
        &paths.regular,
        &paths.bold,
        &paths.italic,
        &paths.bold_italic,
        &paths.mono,
        &paths.mono_bold,
    ]
    .map(Option::as_deref)
}

/// What layout needs of an output, built once per layout, with its logo
/// already read (see `figures::read_logo`).
pub fn settings(output: &Output, logo: Option<Arc<Image>>) -> layout::Settings {
    let kind = match output.style {
        config::Style::Flashcards => layout::Kind::Cards(output.cards),
        style => layout::Kind::Pages(layout::Pages {
            columns: output.columns,
            column_gap: output.column_gap,
            column_rule: output.column_rule,
            header: output.header.clone(),
            footer: output.footer.clone(),
            toc: output.toc,
            keep_questions: output.keep_questions,
            section_page_break: output.section_page_break,
            compact: style == config::Style::Cheatsheet,
            fit: output.fit_pages.map(|pages| layout::FitGoal {
                pages: pages as usize,
                max_font_size: output.max_font_size,
            }),
        }),
    };
    layout::Settings {
        page: output.page,
        font_size: output.font_size,
        line_height: output.line_height,
        justify: output.justify,
        hyphenate: output.hyphenate,
        min_font_size: output.min_font_size,
        kind,
        brand: layout::Brand {
            logo,
            header_logo: output.brand.header_logo,
            accent: output.brand.accent_color.map(|config::Rgb([r, g, b])| {
                let channel = |c: u8| f32::from(c) / 255.0;
                Color(channel(r), channel(g), channel(b))
            }),
        },
    }
}
