//! Font faces: the built-in ones, replaced by font files a config names.
//! Shared by layout (shaping and metrics) and the PDF writer (embedding),
//! so neither stage needs the other's types.

use crate::diag::{Diagnostic, Result, Span};
use crate::frame::FaceId;
use harfrust::{Direction, ShapePlan};
use std::path::Path;
use std::sync::Arc;

/// Built-in faces, compiled into the binary: (id, file name, bytes).
const BUILTIN: [(FaceId, &str, &[u8]); 8] = [
    (
        FaceId::Regular,
        "GentiumBookPlus-Regular.ttf",
        include_bytes!("../fonts/GentiumBookPlus-Regular.ttf"),
    ),
    (
        FaceId::Bold,
        "GentiumBookPlus-Bold.ttf",
        include_bytes!("../fonts/GentiumBookPlus-Bold.ttf"),
    ),
    (
        FaceId::Italic,
        "GentiumBookPlus-Italic.ttf",
        include_bytes!("../fonts/GentiumBookPlus-Italic.ttf"),
    ),
    (
        FaceId::BoldItalic,
        "GentiumBookPlus-BoldItalic.ttf",
        include_bytes!("../fonts/GentiumBookPlus-BoldItalic.ttf"),
    ),
    (
        FaceId::Mono,
        "NotoSansMono-Regular.ttf",
        include_bytes!("../fonts/NotoSansMono-Regular.ttf"),
    ),
    (
        FaceId::MonoBold,
        "NotoSansMono-Bold.ttf",
        include_bytes!("../fonts/NotoSansMono-Bold.ttf"),
    ),
    (
        FaceId::Fallback,
        "DejaVuSans.ttf",
        include_bytes!("../fonts/DejaVuSans.ttf"),
    ),
    (
        FaceId::Symbols,
        "Symbola-Symbols.ttf",
        include_bytes!("../fonts/Symbola-Symbols.ttf"),
    ),
];

/// The built-in font files, in [`FaceId::ALL`] order: what text inside an
/// SVG drawing is set in, so that it never depends on the fonts of the
/// machine that builds.
pub fn builtin_files() -> impl Iterator<Item = &'static [u8]> {
    BUILTIN.iter().map(|(_, _, bytes)| *bytes)
}

/// Largest font file accepted from a config.
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// A font file's bytes: built in (no copy) or read from disk.
#[derive(Clone)]
enum FontBytes {
    Builtin(&'static [u8]),
    Loaded(Arc<Vec<u8>>),
}

/// One loaded font face.
pub struct Face {
    data: FontBytes,
    /// The face as harfrust shapes with it.
    pub(crate) font: harfrust::Font,
    /// A shaping plan for left-to-right Latin text, the common case.
    pub(crate) plan: ShapePlan,
    /// Units per em.
    pub upm: f32,
    /// Which of the first 256 code points the face has a glyph for: asked
    /// of every character laid out, and a cmap lookup each time was a
    /// twentieth of layout.
    latin1: [u64; 4],
}

/// The six faces a document uses, and the fallback.
pub struct Fonts {
    faces: Vec<Face>,
}

/// Font files replacing built-in faces, in the order regular, bold, italic,
/// bold italic, mono, mono bold; `None` keeps the built-in face.
pub type Replacements<'a> = [Option<&'a Path>; 6];

impl Fonts {
    /// The built-in faces.
    pub fn builtin() -> Result<Fonts> {
        Fonts::load([None; 6])
    }

    /// Loads the built-in faces, replaced by `replacements`.
    pub fn load(replacements: Replacements<'_>) -> Result<Fonts> {
        // The fallback faces are never replaced.
        let chosen = replacements.into_iter().chain([None, None]);
        let mut faces = Vec::with_capacity(BUILTIN.len());
        let mut errors = Vec::new();
        for ((_, name, bytes), path) in BUILTIN.iter().zip(chosen) {
            let loaded = match path {
                Some(p) => read_font(p).and_then(|d| {
                    Face::new(FontBytes::Loaded(Arc::new(d))).ok_or_else(|| bad_font(p).into())
                }),
                None => Face::new(FontBytes::Builtin(bytes))
                    .ok_or_else(|| bad_font(Path::new(name)).into()),
            };
            match loaded {
                Ok(face) => faces.push(face),
                Err(f) => errors.extend(f.diagnostics),
            }
        }
        if errors.is_empty() {
            Ok(Fonts { faces })
        } else {
            Err(errors.into())
        }
    }

    /// The face for an id.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }
}

fn read_font(path: &Path) -> Result<Vec<u8>> {
    crate::source::read_bytes(path, MAX_FONT_BYTES).map_err(|e| {
        let mut failure = e.diagnostic(path, "font");
        for d in &mut failure.diagnostics {
            d.hints
                .push("font paths in `[output.fonts]` are relative to the config's folder".into());
        }
        failure
    })
}

fn bad_font(path: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "`{}` is not a usable TrueType or OpenType font",
        path.display()
    ))
    .at(Span::file(path))
    .hint("use a .ttf or .otf file with a Unicode cmap")
}

impl Face {
    fn new(data: FontBytes) -> Option<Face> {
        let font = match &data {
            FontBytes::Builtin(b) => harfrust::Font::new(*b, 0)?,
            FontBytes::Loaded(v) => {
                let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = v.clone();
                harfrust::Font::new(shared, 0)?
            }
        };
        let upm = f32::from(font.units_per_em());
        if upm < 16.0 {
            return None;
        }
        let plan = ShapePlan::new(
            &font,
            Direction::LeftToRight,
            Some(harfrust::Script::LATIN),
            None,
            &[],
        );
        let mut latin1 = [0u64; 4];
        let charmap = font.charmap();
        for c in (0u8..=255).map(char::from) {
            if charmap.map_unicode(c).is_some() {
                latin1[usize::from(c as u8 >> 6)] |= 1 << (c as u32 & 63);
            }
        }
        Some(Face {
            data,
            font,
            plan,
            upm,
            latin1,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(b) => self.latin1[usize::from(b >> 6)] & 1 << (b & 63) != 0,
            Err(_) => self.font.charmap().map_unicode(c).is_some(),
        }
    }

    /// How far the pen moves after glyph `id` set at its natural width, in
    /// em: what a frame's glyphs no longer carry (see
    /// [`crate::frame::Glyph`]).
    pub fn advance(&self, id: u16) -> f32 {
        let glyph = harfrust::GlyphId::new(u32::from(id));
        self.font.glyph_metrics().h_advance(glyph) / self.upm
    }

    /// Whether this is the face built into the binary for its slot, the
    /// same in every output, so that what is learnt of it (shaped words)
    /// can be shared across outputs.
    pub fn is_builtin(&self) -> bool {
        matches!(self.data, FontBytes::Builtin(_))
    }

    /// The font file, for embedding.
    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            FontBytes::Builtin(b) => b,
            FontBytes::Loaded(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latin1_table_agrees_with_the_cmap() {
        let fonts = Fonts::builtin().unwrap();
        for id in FaceId::ALL {
            let face = fonts.face(id);
            for c in (0..0x300).filter_map(char::from_u32) {
                let cmap = face.font.charmap().map_unicode(c).is_some();
                assert_eq!(face.has_glyph(c), cmap, "{id:?} {c:?}");
            }
        }
        // Gentium has é; nothing has a glyph for a control character.
        let regular = fonts.face(FaceId::Regular);
        assert!(regular.has_glyph('é') && regular.has_glyph('a'));
        assert!(!regular.has_glyph('\u{1}'));
    }
}
