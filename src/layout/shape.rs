//! Shaping: harfrust turns text into positioned glyphs, and a word cache
//! makes sure each distinct (face, word) is shaped only once.
//!
//! Widths are kept in em (font-size independent), so one shaping serves
//! every size a word appears at.

use super::shared::SharedWords;
use crate::font::{Face, Fonts};
use crate::frame::FaceId;
use harfrust::{Buffer, Direction, ShapeOptions, ShaperFont};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

/// A shaped piece of text.
#[derive(Debug, Clone)]
pub struct Shaped {
    /// Glyphs in visual order.
    pub glyphs: Vec<ShapedGlyph>,
    /// Total advance, in em.
    pub width: f32,
}

/// One glyph of a [`Shaped`] run, in em.
#[derive(Debug, Clone)]
pub struct ShapedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Advance.
    pub advance: f32,
    /// Horizontal offset from the pen.
    pub dx: f32,
    /// Vertical offset (up).
    pub dy: f32,
    /// Byte offset of the glyph's cluster in the shaped text.
    pub cluster: u32,
    /// The text the glyph stands for (empty for later glyphs of a cluster).
    pub text: crate::frame::GlyphText,
}

impl Shaped {
    /// Width of glyphs `range`, in em.
    pub fn width_of(&self, range: std::ops::Range<usize>) -> f32 {
        self.glyphs[range].iter().map(|g| g.advance).sum()
    }
}

/// Shapes text with a per-face word cache.
pub struct Shaper<'f> {
    fonts: &'f Fonts,
    cache: Vec<FxHashMap<Box<str>, Arc<Shaped>>>,
    buffer: Option<Buffer>,
}

impl<'f> Shaper<'f> {
    /// A shaper with an empty cache.
    pub fn new(fonts: &'f Fonts) -> Self {
        Shaper {
            fonts,
            cache: (0..FaceId::ALL.len())
                .map(|_| FxHashMap::default())
                .collect(),
            buffer: Some(Buffer::new()),
        }
    }

    /// The fonts being shaped with.
    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Shapes `text` in `face`, reusing an earlier result for the same word:
    /// this shaper's own, or, for a built-in face, one that any shaper of
    /// the process made (the outputs of a build, and the parts of a long
    /// document, set the same words).
    pub fn shape(&mut self, face: FaceId, text: &str) -> Arc<Shaped> {
        if let Some(hit) = self.cache[face.index()].get(text) {
            return hit.clone();
        }
        let shaped = self.shape_shared(face, text);
        self.cache[face.index()].insert(text.into(), shaped.clone());
        shaped
    }

    /// Shapes `text` in built-in face `face` into the process's shared
    /// words only, unless it is there already: for shaping ahead (see
    /// [`super::warm`]), whose words would only fill this shaper's cache.
    pub fn prepare(&mut self, face: FaceId, text: &str) {
        if self.fonts.face(face).is_builtin() {
            self.shape_shared(face, text);
        }
    }

    /// `text` in `face` from the process's shared words, shaped and added
    /// there if it is missing. Only built-in faces share their words: a
    /// loaded face is shaped each time.
    fn shape_shared(&mut self, face: FaceId, text: &str) -> Arc<Shaped> {
        if !self.fonts.face(face).is_builtin() {
            return Arc::new(self.shape_uncached(face, text));
        }
        let words = shared_words(face);
        if let Some(hit) = words.get(text) {
            return hit;
        }
        let shaped = Arc::new(self.shape_uncached(face, text));
        words.insert(text, &shaped);
        shaped
    }

    /// Whether the process's shared words hold `text` in `face`.
    #[cfg(test)]
    pub fn is_shared(&self, face: FaceId, text: &str) -> bool {
        shared_words(face).get(text).is_some()
    }

    /// Shapes `text` in `face` without keeping the result: for pieces of
    /// over-long words, which would fill the cache with text seen once.
    pub fn shape_uncached(&mut self, face_id: FaceId, text: &str) -> Shaped {
        let face = self.fonts.face(face_id);
        let shaper = ShaperFont::new(&face.font);
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let plan_fits = buffer.direction() == self.plan_direction(face)
            && buffer.script() == face.plan.script();
        let options = if plan_fits {
            ShapeOptions::new().plan(Some(&face.plan))
        } else {
            ShapeOptions::new()
        };
        let scale = 1.0 / face.upm;
        let mut glyphs = Vec::new();
        if harfrust::shape(&shaper, &mut buffer, options).is_ok() {
            let infos = buffer.glyph_infos();
            let positions = buffer.glyph_positions();
            let mut starts: Vec<u32> = infos.iter().map(|i| i.cluster).collect();
            starts.sort_unstable();
            starts.dedup();
            glyphs.reserve(infos.len());
            // Clusters are monotone at harfrust's default cluster level, so
            // a cluster's glyphs are adjacent and its first glyph is where
            // the cluster changes.
            let mut previous = None;
            for (info, pos) in infos.iter().zip(positions) {
                let first = previous != Some(info.cluster);
                previous = Some(info.cluster);
                let text_of = if first {
                    let start = info.cluster as usize;
                    // Binary search: a linear scan per glyph made one long
                    // word (thousands of clusters) quadratic.
                    let next = starts.partition_point(|&s| s <= info.cluster);
                    let end = starts.get(next).map_or(text.len(), |&s| s as usize);
                    text.get(start..end).unwrap_or("")
                } else {
                    ""
                };
                glyphs.push(ShapedGlyph {
                    id: u16::try_from(info.glyph_id).unwrap_or(0),
                    advance: pos.x_advance as f32 * scale,
                    dx: pos.x_offset as f32 * scale,
                    dy: pos.y_offset as f32 * scale,
                    cluster: info.cluster,
                    text: text_of.into(),
                });
            }
        }
        buffer.clear();
        self.buffer = Some(buffer);
        let width = glyphs.iter().map(|g| g.advance).sum();
        Shaped { glyphs, width }
    }

    fn plan_direction(&self, face: &Face) -> Direction {
        face.plan.direction()
    }
}

/// The shared words of built-in face `face` (see [`super::shared`]).
fn shared_words(face: FaceId) -> &'static SharedWords<Arc<Shaped>> {
    static WORDS: OnceLock<Vec<SharedWords<Arc<Shaped>>>> = OnceLock::new();
    &WORDS.get_or_init(|| FaceId::ALL.iter().map(|_| SharedWords::default()).collect())
        [face.index()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_and_ligatures_apply_and_text_survives() {
        let fonts = Fonts::builtin().unwrap();
        let mut shaper = Shaper::new(&fonts);
        let word = shaper.shape(FaceId::Regular, "AVAV");
        let a = shaper.shape(FaceId::Regular, "A");
        let v = shaper.shape(FaceId::Regular, "V");
        // Kerning pulls A and V together.
        assert!(
            word.width < 2.0 * (a.width + v.width) - 0.01,
            "{} vs {}",
            word.width,
            a.width + v.width
        );
        let office = shaper.shape(FaceId::Regular, "office");
        let text: String = office.glyphs.iter().map(|g| &*g.text).collect();
        assert_eq!(text, "office");
        assert!(office.glyphs.len() < 6, "the ffi ligature applies");
        assert!(office.glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn built_in_faces_share_shaped_words_across_shapers_and_loaded_ones_do_not() {
        let (one, two) = (Fonts::builtin().unwrap(), Fonts::builtin().unwrap());
        let word = "sharedacrossshapers";
        let first = Shaper::new(&one).shape(FaceId::Italic, word);
        let second = Shaper::new(&two).shape(FaceId::Italic, word);
        assert!(Arc::ptr_eq(&first, &second));
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fonts/GentiumBookPlus-Italic.ttf");
        let mut replacements: crate::font::Replacements = [None; 6];
        replacements[FaceId::Italic.index()] = Some(&path);
        let loaded = Fonts::load(replacements).unwrap();
        assert!(!loaded.face(FaceId::Italic).is_builtin());
        let own = Shaper::new(&loaded).shape(FaceId::Italic, word);
        assert!(!Arc::ptr_eq(&first, &own));
        assert_eq!(own.width, first.width, "the same file shapes the same");
    }

    #[test]
    fn the_cache_returns_the_same_shaping() {
        let fonts = Fonts::builtin().unwrap();
        let mut shaper = Shaper::new(&fonts);
        let first = shaper.shape(FaceId::Bold, "cache");
        let second = shaper.shape(FaceId::Bold, "cache");
        assert!(Arc::ptr_eq(&first, &second));
    }
}
