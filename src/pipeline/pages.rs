//! Where a PDF output's pages go as layout settles them: straight into the
//! PDF writer, which writes and frees each one, with the text the leak
//! guard reads kept aside. A long document never holds all of its pages.

use crate::font::Fonts;
use crate::frame::{Item, Page, StructNode};
use crate::layout::{Furnishing, PageSink};
use crate::pdf;

/// Pages into a [`pdf::Writer`], their text into a string.
pub(crate) struct PdfPages<'f> {
    writer: pdf::Writer<'f>,
    /// The typeset text of the pages in order, then of their furniture;
    /// only kept when the guard will read it.
    text: Option<String>,
    furniture_text: String,
    /// The first failure of the writer: the rest is skipped.
    error: Option<pdf::PdfError>,
}

impl<'f> PdfPages<'f> {
    /// Pages set in `fonts`; with `keep_text`, their text is kept.
    pub(crate) fn new(fonts: &'f Fonts, keep_text: bool) -> Self {
        PdfPages {
            writer: pdf::Writer::new(fonts),
            text: keep_text.then(String::new),
            furniture_text: String::new(),
            error: None,
        }
    }

    /// The writer, and the pages' text (empty unless kept), or what failed.
    pub(crate) fn into_parts(self) -> Result<(pdf::Writer<'f>, String), pdf::PdfError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut text = self.text.unwrap_or_default();
        text.push_str(&self.furniture_text);
        Ok((self.writer, text))
    }
}

/// Appends the text of `items`' glyphs to `out`.
fn push_text(items: &[Item], out: &mut String) {
    for item in items {
        if let Item::Text { glyphs, .. } = item {
            for g in glyphs {
                // Nearly every glyph is one ASCII character: pushed as
                // one, not copied as a string.
                match g.text.ascii() {
                    Some(c) => out.push(c),
                    None => out.push_str(g.text.as_str()),
                }
            }
        }
    }
}

/// The text of `pages`, in order: each page's found on its own core.
fn pages_text(pages: &[Page]) -> Vec<String> {
    use rayon::prelude::*;
    pages
        .par_iter()
        .map(|page| {
            let mut text = String::new();
            push_text(&page.items, &mut text);
            text
        })
        .collect()
}

impl PageSink for PdfPages<'_> {
    fn pages(&mut self, pages: Vec<Page>, structure: &[StructNode]) {
        if self.error.is_some() {
            return;
        }
        // Joined in order, so that a sentence running over a page break is
        // still found.
        if let Some(text) = &mut self.text {
            text.extend(pages_text(&pages));
        }
        if let Err(e) = self.writer.pages(pages, structure) {
            self.error = Some(e);
        }
    }

    fn furnish(&mut self, n: usize, furnishing: Furnishing) {
        if self.error.is_some() {
            return;
        }
        if self.text.is_some() {
            push_text(&furnishing.before, &mut self.furniture_text);
            push_text(&furnishing.after, &mut self.furniture_text);
        }
        if let Err(e) = self.writer.furnish(n, furnishing.before, furnishing.after) {
            self.error = Some(e);
        }
    }
}
