//! Config outputs → what layout and the font loader take: the one place
//! where config types meet layout types.

use crate::config::{self, Output};
use crate::{font, layout};

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

/// What layout needs of an output, built once per layout.
pub fn settings(output: &Output) -> layout::Settings {
    let page = layout::PageSetup {
        width: output.page.width,
        height: output.page.height,
        margins: layout::Margins {
            top: output.page.margins.top,
            right: output.page.margins.right,
            bottom: output.page.margins.bottom,
            left: output.page.margins.left,
        },
    };
    let kind = match output.style {
        config::Style::Flashcards => layout::Kind::Cards(layout::Cards {
            grid: output.cards.grid,
            size: output.cards.size,
            duplex: match output.cards.duplex {
                config::Duplex::LongEdge => layout::Duplex::LongEdge,
                config::Duplex::ShortEdge => layout::Duplex::ShortEdge,
                config::Duplex::Fold => layout::Duplex::Fold,
            },
            back_offset: output.cards.back_offset,
        }),
        style => layout::Kind::Pages(layout::Pages {
            columns: output.columns,
            column_gap: output.column_gap,
            column_rule: output.column_rule,
            header: output.header.clone(),
            footer: output.footer.clone(),
            toc: output.toc,
            keep_questions: output.keep_questions,
            compact: style == config::Style::Cheatsheet,
            fit: output.fit_pages.map(|pages| layout::FitGoal {
                pages: pages as usize,
                max_font_size: output.max_font_size,
            }),
        }),
    };
    layout::Settings {
        page,
        font_size: output.font_size,
        line_height: output.line_height,
        justify: output.justify,
        hyphenate: output.hyphenate,
        min_font_size: output.min_font_size,
        kind,
    }
}
