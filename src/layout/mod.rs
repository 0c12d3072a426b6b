//! Markdown blocks → a [`Frame`]: shape, break, paginate, finalize.
//!
//! The stages are separate files: `shape` (harfrust and the word cache),
//! `linebreak` (Knuth–Plass), `inline` (a paragraph into lines), `collect`
//! (blocks into flow elements), `flow` (elements onto pages) and `finalize`
//! (page furniture and the outline).

mod collect;
mod finalize;
mod flow;
mod inline;
pub mod linebreak;
mod shape;

pub use shape::Fonts;

use crate::config::Output;
use crate::frame::{Frame, Info, Item as Draw};
use crate::markdown::Document;

/// Document-wide typographic settings derived from an output.
#[derive(Debug, Clone, Copy)]
pub struct DocStyle {
    /// Body size in points.
    pub size: f32,
    /// Leading as a multiple of the size.
    pub line_height: f32,
    /// Justify paragraphs.
    pub justify: bool,
    /// Hyphenate.
    pub hyphenate: bool,
    /// Width of the text area.
    pub measure: f32,
}

/// Lays out a parsed document for one output.
pub fn layout(doc: &Document, output: &Output, fonts: &Fonts, info: Info) -> Frame {
    let setup = output.page;
    let style = DocStyle {
        size: output.font_size,
        line_height: output.line_height,
        justify: output.justify,
        hyphenate: output.hyphenate,
        measure: setup.width - setup.margins.left - setup.margins.right,
    };
    let mut setter = inline::Setter::new(shape::Shaper::new(fonts));
    let mut collector = collect::Collector::new(&mut setter, &style);
    collector.title_block(&doc.meta);
    collector.document(&doc.blocks);
    let elements = std::mem::take(&mut collector.out);
    let body_height = setup.height - setup.margins.top - setup.margins.bottom;
    let (placements, pages) = flow::paginate(&elements, body_height);
    finalize::finalize(
        elements,
        &placements,
        pages,
        &setup,
        style.size,
        &mut setter,
        info,
    )
}

/// Moves a drawing item by `(dx, dy)`.
pub(crate) fn translate(d: &mut Draw, dx: f32, dy: f32) {
    match d {
        Draw::Text { x, y, .. } | Draw::Rect { x, y, .. } | Draw::Link { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Draw::Line { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
    }
}
