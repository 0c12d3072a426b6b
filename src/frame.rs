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
    /// Emoji and symbols even the fallback lacks (✅, ❌, 💡).
    Symbols,
}

impl FaceId {
    /// Every face, in a fixed order.
    pub const ALL: [FaceId; 8] = [
        FaceId::Regular,
        FaceId::Bold,
        FaceId::Italic,
        FaceId::BoldItalic,
        FaceId::Mono,
        FaceId::MonoBold,
        FaceId::Fallback,
        FaceId::Symbols,
    ];

    /// Position in [`FaceId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One glyph of a run, in twelve bytes: a long document holds millions of
/// them until its pages are written.
///
/// How far the pen moves after a glyph is the face's own advance (which a
/// back end reads from the font), so it is not kept: where layout moved a
/// glyph away from it (a kerning pair, a stretched space), the next glyph's
/// `x` says so.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Vertical offset (positive is up), in hundredths of a point: only a
    /// mark set above or below its base has one, and it is never more
    /// than a few points.
    pub dy: i16,
    /// Pen position relative to the run's origin, in points.
    pub x: f32,
    /// The text this glyph stands for, for copy and paste; empty for the
    /// second and later glyphs of a cluster.
    pub text: GlyphText,
}

impl Glyph {
    /// A vertical offset in points as [`Glyph::dy`] keeps it: rounded to a
    /// hundredth of a point (the unit the PDF writer positions in), and
    /// held within ±300 pt, beyond any mark's offset.
    #[allow(clippy::cast_possible_truncation)]
    pub fn dy_of(points: f32) -> i16 {
        // NaN becomes 0; the clamp keeps the cast in range.
        (points * 100.0).round().clamp(-30_000.0, 30_000.0) as i16
    }

    /// The vertical offset in points.
    pub fn rise(&self) -> f32 {
        f32::from(self.dy) / 100.0
    }
}

/// The text one glyph stands for, in four bytes, so that a document's
/// millions of glyphs need no allocation each and little memory.
///
/// Up to four bytes of UTF-8 are kept inline: every single character, and
/// ligatures such as "fi" or "ffl". Longer clusters (long emoji sequences,
/// stacked combining marks) are interned once per process and referred to
/// by number; only the text is ever written out, never the number, so the
/// order in which threads intern them cannot change the output.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlyphText([u8; 4]);

/// The first byte of an interned text's number: never a byte of UTF-8.
const INTERNED: u8 = 0xff;

/// The bytes 0 to 127, from which [`ASCII`] takes its one-byte strings.
static ASCII_BYTES: [u8; 128] = {
    let mut bytes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        bytes[b] = b as u8;
        b += 1;
    }
    bytes
};

/// Each ASCII character as a string (and the empty text for 0, which
/// ends inline text: U+0000 itself is interned).
static ASCII: [&str; 128] = {
    let mut strings = [""; 128];
    let mut b = 1;
    while b < 128 {
        strings[b] = match std::str::from_utf8(std::slice::from_ref(&ASCII_BYTES[b])) {
            Ok(s) => s,
            Err(_) => "",
        };
        b += 1;
    }
    strings
};

impl GlyphText {
    /// Longest text kept inline, in bytes.
    pub const INLINE: usize = 4;

    /// The empty text of a cluster's later glyphs.
    pub const EMPTY: GlyphText = GlyphText([0; 4]);

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        // A single ASCII character, nearly every glyph of a document, is
        // looked up rather than validated as UTF-8 again.
        if self.0[1] == 0 && self.0[0] < 0x80 {
            return ASCII[usize::from(self.0[0])];
        }
        if self.0[0] == INTERNED {
            let n = u32::from_be_bytes([0, self.0[1], self.0[2], self.0[3]]);
            return interner::text(n);
        }
        // UTF-8 never contains a zero byte except for U+0000, which is
        // interned, so the inline text ends at the first zero.
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(4);
        // Only ever filled from a whole `&str` in `From`, so this is valid
        // UTF-8; the fallback is unreachable.
        std::str::from_utf8(&self.0[..len]).unwrap_or("")
    }

    /// The text when it is one ASCII character, as nearly every glyph's is.
    pub fn ascii(&self) -> Option<char> {
        (self.0[1] == 0 && self.0[0] != 0 && self.0[0] < 0x80).then(|| char::from(self.0[0]))
    }

    /// Whether the text is kept inline rather than interned.
    pub fn is_inline(&self) -> bool {
        self.0[0] != INTERNED
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> GlyphText {
        if s.len() <= GlyphText::INLINE && !s.contains('\0') {
            let mut bytes = [0; 4];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            return GlyphText(bytes);
        }
        match interner::number(s) {
            Some(n) => {
                let [_, a, b, c] = n.to_be_bytes();
                GlyphText([INTERNED, a, b, c])
            }
            // Sixteen million distinct long clusters: beyond any input the
            // limits admit; copy and paste gets a replacement character.
            None => GlyphText::from("\u{fffd}"),
        }
    }
}

/// The process-wide table of glyph texts too long to keep inline.
mod interner {
    use std::collections::HashMap;
    use std::sync::{OnceLock, PoisonError, RwLock};

    #[derive(Default)]
    struct Table {
        numbers: HashMap<&'static str, u32>,
        texts: Vec<&'static str>,
    }

    fn table() -> &'static RwLock<Table> {
        static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
        TABLE.get_or_init(RwLock::default)
    }

    /// The number of `s`, interning it if new; `None` once 2^24 are taken.
    pub(super) fn number(s: &str) -> Option<u32> {
        if let Some(&n) = table()
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .numbers
            .get(s)
        {
            return Some(n);
        }
        let mut table = table().write().unwrap_or_else(PoisonError::into_inner);
        if let Some(&n) = table.numbers.get(s) {
            return Some(n);
        }
        let n = u32::try_from(table.texts.len())
            .ok()
            .filter(|&n| n < 1 << 24)?;
        // Kept for the life of the process, like the fonts: a document's
        // distinct long clusters are few, and every later run reuses them.
        let text: &'static str = Box::leak(s.into());
        table.texts.push(text);
        table.numbers.insert(text, n);
        Some(n)
    }

    /// The text of number `n`, which [`number`] handed out.
    pub(super) fn text(n: u32) -> &'static str {
        let table = table().read().unwrap_or_else(PoisonError::into_inner);
        usize::try_from(n)
            .ok()
            .and_then(|n| table.texts.get(n))
            .copied()
            .unwrap_or("")
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
        /// Letter spacing of a justified line, in points added after each
        /// glyph cluster; 0 for text set at its natural spacing. The
        /// glyph positions already include it, so a back end that places
        /// every glyph may ignore it; the PDF writer sets it once for the
        /// run (`Tc`) so that its glyphs need no kern each.
        tracking: f32,
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
    /// Starts a stretch of items that copy and paste (and search) read as
    /// `text` instead of their glyphs' own text, up to the next
    /// [`Item::EndCopyText`]. Stretches do not nest and end on the page
    /// they start on. Layout wraps a word that a line break cuts in two:
    /// the piece before the break, hyphen and all, reads as the whole word,
    /// and the piece on the next line reads as nothing, so the word is
    /// copied once and whole. The glyphs inside keep their own text, for
    /// back ends that cannot replace it.
    BeginCopyText {
        /// What the stretch reads as; may be empty.
        text: String,
    },
    /// Ends the stretch the last [`Item::BeginCopyText`] began.
    EndCopyText,
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
    /// Starts the content of structure element `node` (an index into
    /// [`Frame::structure`]), up to the next [`Item::EndTag`]. Tags do not
    /// nest and end on the page they start on; items outside any tag are
    /// page furniture (artifacts): headers, rules, boxes, backgrounds.
    BeginTag {
        /// The structure element this content belongs to.
        node: usize,
    },
    /// Ends the content the last [`Item::BeginTag`] began.
    EndTag,
    /// A picture, scaled into its box.
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The picture; shared, since one picture may be drawn many times.
        image: std::sync::Arc<crate::image::Image>,
    },
}

/// What a structure element is, for tagged PDF: the standard structure
/// types of PDF 1.7 that the layout produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A level-1 heading: the title, a section.
    H1,
    /// A level-2 heading: a question.
    H2,
    /// A heading inside a question's text.
    H3,
    /// A paragraph.
    P,
    /// A list; its children are [`Role::LI`].
    L,
    /// A list item.
    LI,
    /// A code block.
    Code,
    /// A table; its children are [`Role::TR`].
    Table,
    /// A table row.
    TR,
    /// A picture; its structure element carries the alt text.
    Figure,
}

impl Role {
    /// The PDF structure type name.
    pub fn name(self) -> &'static str {
        match self {
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Code => "Code",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::Figure => "Figure",
        }
    }
}

/// One element of the document's structure tree, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// What it is.
    pub role: Role,
    /// The element it belongs to (an index into [`Frame::structure`]), or
    /// `None` for a child of the document.
    pub parent: Option<usize>,
    /// A text that stands in for the content where it cannot be seen: a
    /// figure's alt text.
    pub alt: Option<std::sync::Arc<str>>,
    /// The box a figure is drawn in, on the page of its content: left,
    /// top, width and height from the page's top-left corner.
    pub bbox: Option<[f32; 4]>,
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
    /// The organisation the document is from (its brand); fills
    /// `{organization}` in running heads.
    pub organization: String,
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
    /// The structure tree in reading order: what [`Item::BeginTag`] refers
    /// to. Empty for an untagged document.
    pub structure: Vec<StructNode>,
}

#[cfg(test)]
mod tests {
    use super::GlyphText;

    #[test]
    fn every_ascii_character_and_every_short_text_reads_back() {
        for b in 1u8..128 {
            let text = char::from(b).to_string();
            assert_eq!(GlyphText::from(text.as_str()).as_str(), text);
        }
        for text in ["a\u{301}", "fi", "ab", "\u{7f}x", "é", "😀"] {
            assert_eq!(GlyphText::from(text).as_str(), text);
        }
    }

    #[test]
    fn only_one_ascii_character_reads_as_one() {
        for b in 1u8..128 {
            let c = char::from(b);
            assert_eq!(GlyphText::from(c.to_string().as_str()).ascii(), Some(c));
        }
        for text in ["", "fi", "é", "\u{0}", "👩‍👩‍👧‍👦"] {
            assert_eq!(GlyphText::from(text).ascii(), None, "{text:?}");
        }
        assert_eq!(GlyphText::EMPTY.ascii(), None);
    }

    #[test]
    fn glyph_text_round_trips_short_and_long_clusters() {
        for text in ["", "a", "ffi", "é", "👩‍👩‍👧‍👦", "e\u{301}\u{302}\u{303}", "\0"]
        {
            let g = GlyphText::from(text);
            assert_eq!(g.as_str(), text);
            assert_eq!(&*g, text);
        }
        assert!(GlyphText::from("ffl").is_inline());
        assert!(GlyphText::from("😀").is_inline());
        // The family emoji is 25 bytes: too long to keep inline.
        let family = GlyphText::from("👩‍👩‍👧‍👦");
        assert!(!family.is_inline());
        assert_eq!(family, GlyphText::from("👩‍👩‍👧‍👦"), "interned once");
        assert_ne!(family, GlyphText::from("e\u{301}\u{302}\u{303}"));
        // U+0000 would end the inline text early, so it is interned.
        assert_eq!(GlyphText::from("\0").as_str(), "\0");
        assert_eq!(GlyphText::EMPTY.as_str(), "");
        assert_eq!(std::mem::size_of::<GlyphText>(), 4);
        assert_eq!(std::mem::size_of::<super::Glyph>(), 12);
    }
}
