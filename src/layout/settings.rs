//! What layout needs to know about an output, and nothing more: built once
//! from a validated config output by the pipeline, so layout never sees the
//! config and can be tested from a hand-made value.

/// Page and text settings, and what kind of document to make.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Paper and margins.
    pub page: PageSetup,
    /// Body text size in points.
    pub font_size: f32,
    /// Baseline distance as a multiple of the font size.
    pub line_height: f32,
    /// Justify paragraphs (otherwise ragged right).
    pub justify: bool,
    /// Hyphenate words.
    pub hyphenate: bool,
    /// Smallest size a fit or a card may shrink text to.
    pub min_font_size: f32,
    /// Flowing pages, or cards.
    pub kind: Kind,
    /// Logo and accent colour.
    pub brand: Brand,
}

/// What branding layout draws: a logo already read, and the accent colour.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brand {
    /// Printed at the head of the title block.
    pub logo: Option<std::sync::Arc<crate::image::Image>>,
    /// Also print the logo, small, at the left of the running header.
    pub header_logo: bool,
    /// The colour of headings and rules; `None` keeps them black and gray.
    pub accent: Option<crate::frame::Color>,
}

/// The two ways a document is laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Text flowing down columns and pages: handouts and cheat sheets.
    Pages(Pages),
    /// One card per question, fronts and backs on alternate sheets.
    Cards(Cards),
}

/// Settings of flowing pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    /// Text columns per page.
    pub columns: usize,
    /// Space between columns, in points.
    pub column_gap: f32,
    /// Draw a thin rule between columns.
    pub column_rule: bool,
    /// Running header text left and right; `{title}`, `{section}`,
    /// `{page}` and `{pages}` are filled in.
    pub header: Option<(String, String)>,
    /// Footer text, centred; same placeholders.
    pub footer: Option<String>,
    /// A table of contents after the title block.
    pub toc: bool,
    /// Keep each question in one column when it fits.
    pub keep_questions: bool,
    /// Start each section on a new page.
    pub section_page_break: bool,
    /// Cheat-sheet spacing: small headings, tight gaps.
    pub compact: bool,
    /// Fit the document to a page count by choosing the font size.
    pub fit: Option<FitGoal>,
}

/// A page count to fit, and the largest size to try.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitGoal {
    /// At most this many pages.
    pub pages: usize,
    /// The largest font size a fit may use.
    pub max_font_size: f32,
}

/// Flash-card geometry, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cards {
    /// Cards across and down a sheet.
    pub grid: (u32, u32),
    /// Card width and height; `None` divides the text area by the grid.
    pub size: Option<(f32, f32)>,
    /// How the sheets are printed.
    pub duplex: Duplex,
    /// Shift of back sheets (x right, y down) to correct misregistration.
    pub back_offset: (f32, f32),
}

/// How card sheets are printed; spelled as in a config (`long-edge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Duplex {
    /// Double-sided, flipped on the long edge: back columns are mirrored.
    LongEdge,
    /// Double-sided, flipped on the short edge: back rows are mirrored.
    ShortEdge,
    /// Single-sided: front and back side by side, to fold and cut.
    Fold,
}

/// Paper size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Paper width.
    pub width: f32,
    /// Paper height.
    pub height: f32,
    /// Margins around the text area.
    pub margins: Margins,
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top margin.
    pub top: f32,
    /// Right margin.
    pub right: f32,
    /// Bottom margin.
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
}
