//! Backend-neutral pages of positioned items.
//!
//! Layout produces a [`Frame`] document; the PDF writer reads it and nothing
//! else, so a new back end (SVG, PNG) never touches layout. Coordinates are
//! points from the top-left corner of the page, y growing downwards.

/// Which font face a glyph run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    /// Body text.
    Regular,
    /// Bold body text.
    Bold,
    /// Italic body text.
    Italic,
    /// Bold italic body text.
    BoldItalic,
    /// Code.
    Mono,
    /// Bold code.
    MonoBold,
    /// Symbols the other faces lack.
    Fallback,
}

impl FaceId {
    /// Every face, in a fixed order.
    pub const ALL: [FaceId; 7] = [
        FaceId::Regular,
        FaceId::Bold,
        FaceId::Italic,
        FaceId::BoldItalic,
        FaceId::Mono,
        FaceId::MonoBold,
        FaceId::Fallback,
    ];

    /// Position in [`FaceId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One glyph of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Pen position relative to the run's origin, in points.
    pub x: f32,
    /// Vertical offset (positive is up), in points.
    pub dy: f32,
    /// How far the pen moves after the glyph, in points.
    pub advance: f32,
    /// The text this glyph stands for, for copy and paste; empty for the
    /// second and later glyphs of a cluster.
    pub text: Box<str>,
}

/// An RGB colour, each channel from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    /// Text black.
    pub const BLACK: Color = Color(0.0, 0.0, 0.0);

    /// A neutral gray: 0 is black, 1 is white.
    pub const fn gray(level: f32) -> Color {
        Color(level, level, level)
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Shaped text on one baseline.
    Text {
        /// Face of every glyph.
        face: FaceId,
        /// Font size in points.
        size: f32,
        /// Origin x (left of the first glyph).
        x: f32,
        /// Baseline y.
        y: f32,
        /// Text colour.
        color: Color,
        /// The glyphs.
        glyphs: Vec<Glyph>,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Stroke width.
        width: f32,
        /// Stroke colour.
        color: Color,
    },
    /// A filled rectangle.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        color: Color,
    },
    /// A clickable area.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it goes.
        target: Target,
    },
}

/// A link target.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An external URL.
    Url(String),
    /// A spot in this document: 0-based page and y from the top.
    Page(usize, f32),
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Drawn in order.
    pub items: Vec<Item>,
}

/// An outline (bookmark) entry.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Shown in the viewer's sidebar.
    pub title: String,
    /// 0-based page.
    pub page: usize,
    /// y from the top of the page.
    pub y: f32,
    /// Nested entries.
    pub children: Vec<OutlineEntry>,
}

/// Document information for the PDF's metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Info {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The pages.
    pub pages: Vec<Page>,
    /// The nested outline.
    pub outline: Vec<OutlineEntry>,
    /// Metadata.
    pub info: Info,
}
