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
    pub text: GlyphText,
}

/// The text one glyph stands for: a character or a short cluster, kept
/// inline so that a document's millions of glyphs need no allocation each.
/// Longer clusters (long emoji sequences, stacked combining marks) are
/// shared on the heap.
#[derive(Clone, PartialEq, Eq)]
pub enum GlyphText {
    /// Up to [`GlyphText::INLINE`] bytes of UTF-8.
    Inline {
        /// Bytes in use.
        len: u8,
        /// The UTF-8, zero-padded.
        bytes: [u8; GlyphText::INLINE],
    },
    /// Anything longer.
    Shared(std::sync::Arc<str>),
}

impl GlyphText {
    /// Longest text kept inline, in bytes: enough for any ligature and most
    /// grapheme clusters, and the enum stays 24 bytes.
    pub const INLINE: usize = 22;

    /// The empty text of a cluster's later glyphs.
    pub const EMPTY: GlyphText = GlyphText::Inline {
        len: 0,
        bytes: [0; GlyphText::INLINE],
    };

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        match self {
            GlyphText::Inline { len, bytes } => {
                // Only ever filled from a whole `&str` in `From`, so this
                // is valid UTF-8; the fallback is unreachable.
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            GlyphText::Shared(s) => s,
        }
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> GlyphText {
        if s.len() <= GlyphText::INLINE {
            let mut bytes = [0; GlyphText::INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            GlyphText::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            GlyphText::Shared(s.into())
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for GlyphText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
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

#[cfg(test)]
mod tests {
    use super::GlyphText;

    #[test]
    fn glyph_text_round_trips_short_and_long_clusters() {
        for text in ["", "a", "ffi", "é", "👩‍👩‍👧‍👦", "e\u{301}\u{302}\u{303}"] {
            let g = GlyphText::from(text);
            assert_eq!(g.as_str(), text);
            assert_eq!(&*g, text);
        }
        assert!(matches!(GlyphText::from("abc"), GlyphText::Inline { .. }));
        // The family emoji is 25 bytes: too long to keep inline.
        assert!(matches!(GlyphText::from("👩‍👩‍👧‍👦"), GlyphText::Shared(_)));
        assert_eq!(GlyphText::EMPTY.as_str(), "");
        assert_eq!(std::mem::size_of::<GlyphText>(), 24);
    }
}
