//! Embedded fonts: each face a document draws with, subset to the glyphs it
//! uses, as a Type 0 font over a CID font, with exact widths and a
//! ToUnicode map for copy and search.
//!
//! `subsetter` cuts the font down; the PDF objects around it are written
//! here. A glyph's code in the content streams is its id in the subset,
//! which is the order in which the document first draws it (0 stays
//! `.notdef`): a page's codes are known as soon as the pages before it are
//! written, so each page is written, and freed, when it is done. The codes
//! of a face thus run from 1 without gaps, and `/W` is a single run.

use super::PdfError;
use crate::font::Fonts;
use crate::frame::{FaceId, GlyphText, Item, Page};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

/// What the content writer needs per face and glyph id: its advance, its
/// code in the embedded subset, and the text it stands for.
#[derive(Default)]
pub(super) struct FaceGlyphs {
    /// The font's resource name in the content streams.
    pub(super) name: String,
    /// Whether any page draws with the face.
    pub(super) used: bool,
    /// Advances in millionths of an em, as `/W` declares them, by glyph id
    /// (0 for glyphs not drawn).
    pub(super) widths: Vec<i64>,
    /// `None` for glyphs the document does not use.
    pub(super) codes: Vec<Option<u16>>,
    /// The text of each used glyph at its last occurrence.
    pub(super) texts: Vec<Option<GlyphText>>,
    /// The glyph ids drawn, in the order of their codes from 1.
    pub(super) order: Vec<u16>,
}

impl FaceGlyphs {
    /// The face's glyph table, empty, under resource name `name`.
    fn named(name: String) -> FaceGlyphs {
        FaceGlyphs {
            name,
            ..FaceGlyphs::default()
        }
    }

    /// The advance of `gid` in thousandths of an em, as `/W` declares it.
    pub(super) fn width(&self, gid: u16) -> f64 {
        self.widths.get(usize::from(gid)).copied().unwrap_or(0) as f64 / 1000.0
    }

    /// The code of `gid` in the content streams (0, `.notdef`, for a glyph
    /// the face was not told about).
    pub(super) fn code(&self, gid: u16) -> u16 {
        self.codes
            .get(usize::from(gid))
            .copied()
            .flatten()
            .unwrap_or(0)
    }

    /// Records that glyph `gid` is drawn standing for `text`, giving it
    /// the next code if it is new; `font` gives its width.
    fn learn(&mut self, gid: u16, text: GlyphText, font: &ttf_parser::Face) {
        self.used = true;
        let at = usize::from(gid);
        if at >= self.codes.len() {
            self.codes.resize(at + 1, None);
            self.texts.resize(at + 1, None);
            self.widths.resize(at + 1, 0);
        }
        self.texts[at] = Some(text);
        if self.codes[at].is_some() {
            return;
        }
        let code = match gid {
            0 => 0,
            _ => {
                self.order.push(gid);
                // A subset holds at most 65,535 glyphs, and so does a face.
                u16::try_from(self.order.len()).unwrap_or(u16::MAX)
            }
        };
        self.codes[at] = Some(code);
        let upm = f64::from(font.units_per_em().max(1));
        #[allow(clippy::cast_possible_truncation)]
        let width = font
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .map_or(0, |a| (f64::from(a) * 1_000_000.0 / upm).round() as i64);
        self.widths[at] = width;
    }

    /// The `/W` array: each used glyph's width by its code, in runs of
    /// consecutive codes (`first [w1 w2 ...]`).
    fn widths_array(&self) -> Vec<Object> {
        let mut by_code: Vec<(u16, i64)> = self
            .codes
            .iter()
            .zip(&self.widths)
            .filter_map(|(code, &w)| code.map(|c| (c, w)))
            .collect();
        by_code.sort_unstable();
        let mut array = Vec::new();
        let mut run: Vec<Object> = Vec::new();
        let mut next = None;
        for (code, w) in by_code {
            if next != Some(code) && !run.is_empty() {
                array.push(Object::Array(std::mem::take(&mut run)));
            }
            if run.is_empty() {
                array.push(Object::Integer(i64::from(code)));
            }
            run.push(width_object(w));
            next = code.checked_add(1);
        }
        if !run.is_empty() {
            array.push(Object::Array(run));
        }
        array
    }
}

/// Every face's table of glyphs, in [`FaceId::ALL`] order, before any page
/// is written. The resource names are fixed (`/F1` to `/F8`); the subset
/// tags of `/BaseFont` come from the glyphs used, when the fonts are
/// embedded.
pub(super) fn faces() -> Vec<FaceGlyphs> {
    (1..=FaceId::ALL.len())
        .map(|n| FaceGlyphs::named(format!("F{n}")))
        .collect()
}

/// Gives codes to the glyphs of `pages` not drawn before, in page order, and
/// notes the text each glyph stands for.
pub(super) fn learn(
    faces: &mut [FaceGlyphs],
    pages: &[Page],
    fonts: &Fonts,
) -> Result<(), PdfError> {
    // Parsed once per face and call: parsing reads only the table directory.
    let mut parsed: Vec<Option<ttf_parser::Face>> = vec![None; FaceId::ALL.len()];
    for page in pages {
        for item in &page.items {
            let Item::Text { face, glyphs, .. } = item else {
                continue;
            };
            let slot = &mut parsed[face.index()];
            let font = match slot {
                Some(font) => font,
                None => slot.insert(
                    ttf_parser::Face::parse(fonts.face(*face).bytes(), 0)
                        .map_err(|_| PdfError::Font(*face))?,
                ),
            };
            let table = &mut faces[face.index()];
            for g in glyphs {
                table.learn(g.id, g.text, font);
            }
        }
    }
    Ok(())
}

/// Each used face's subset tag: see [`tags`].
fn subset_tags(faces: &[FaceGlyphs]) -> Vec<String> {
    let used: Vec<&[Option<GlyphText>]> = faces
        .iter()
        .map(|f| if f.used { &f.texts[..] } else { &[][..] })
        .collect();
    tags(&used)
}

/// Each face's subset tag, six uppercase letters, which is also its
/// resource name. They are derived from the glyphs the document uses, so
/// the same document always gets the same tags and two documents with
/// different subsets of one font get different ones, and merged PDFs
/// cannot mix up their subsets.
fn tags(used: &[&[Option<GlyphText>]]) -> Vec<String> {
    let mut hasher = Sha256::new();
    for (face, texts) in used.iter().enumerate() {
        hasher.update([face as u8, 0xff]);
        for (gid, text) in texts.iter().enumerate() {
            if let Some(text) = text {
                hasher.update((gid as u32).to_le_bytes());
                hasher.update(text.as_bytes());
            }
        }
    }
    let key = hasher.finalize();
    let mut names: Vec<String> = Vec::with_capacity(used.len());
    for (face, texts) in used.iter().enumerate() {
        if texts.is_empty() {
            names.push(String::new());
            continue;
        }
        // A second draw in the unlikely case two faces draw the same letters.
        for attempt in 0u8.. {
            let digest = Sha256::new()
                .chain_update(key)
                .chain_update([face as u8, attempt])
                .finalize();
            let name: String = digest[..6]
                .iter()
                .map(|b| char::from(b'A' + b % 26))
                .collect();
            if !names.contains(&name) {
                names.push(name);
                break;
            }
        }
    }
    names
}

/// Whether a font file can be embedded: a damaged file can pass shaping,
/// which reads little of it, and fail only here.
pub fn embeddable(bytes: &[u8]) -> bool {
    ttf_parser::Face::parse(bytes, 0).is_ok()
        && subsetter::subset(bytes, 0, &GlyphRemapper::new()).is_ok()
}

/// Writes the font of every used face into `pdf`, and returns each one's
/// resource name and Type 0 font object.
pub(super) fn embed(
    pdf: &mut lopdf::Document,
    faces: &[FaceGlyphs],
    fonts: &Fonts,
) -> Result<Vec<(String, ObjectId)>, PdfError> {
    use rayon::prelude::*;
    let tags = subset_tags(faces);
    let used: Vec<(FaceId, &FaceGlyphs, String)> = FaceId::ALL
        .into_iter()
        .zip(faces)
        .zip(tags)
        .filter(|((_, glyphs), _)| glyphs.used)
        .map(|((face, glyphs), tag)| (face, glyphs, tag))
        .collect();
    // Each face is subset on a core of its own; the objects are then
    // added in face order, and the first face that fails is the one
    // reported, so neither depends on which core finished first.
    let subsets: Vec<Result<Vec<u8>, PdfError>> = used
        .par_iter()
        .map(|&(face, glyphs, _)| {
            // New ids in the order the codes were given: code and subset
            // id are the same.
            let remapper = GlyphRemapper::new_from_glyphs(&glyphs.order);
            subsetter::subset(fonts.face(face).bytes(), 0, &remapper)
                .map_err(|e| PdfError::Subset(face, e))
        })
        .collect();
    let subsets = subsets.into_iter().collect::<Result<Vec<_>, _>>()?;
    let mut embedded = Vec::new();
    for ((face, glyphs, tag), subset) in used.into_iter().zip(subsets) {
        let bytes = fonts.face(face).bytes();
        let font = ttf_parser::Face::parse(bytes, 0).map_err(|_| PdfError::Font(face))?;
        let id = type0(pdf, &font, glyphs, &tag, subset);
        embedded.push((glyphs.name.clone(), id));
    }
    Ok(embedded)
}

/// The Type 0 font, its CID font, descriptor, font file and ToUnicode map.
fn type0(
    pdf: &mut lopdf::Document,
    font: &ttf_parser::Face,
    glyphs: &FaceGlyphs,
    tag: &str,
    subset: Vec<u8>,
) -> ObjectId {
    let cff = font.tables().cff.is_some();
    let base = format!("{tag}+{}", postscript_name(font));
    let mut file = Dictionary::new();
    if cff {
        // The subset of a CFF font is still an OpenType file (PDF 1.6).
        file.set("Subtype", Object::Name(b"OpenType".to_vec()));
    } else {
        file.set("Length1", Object::Integer(subset.len() as i64));
    }
    let file = pdf.add_object(Stream::new(file, subset));
    let descriptor = pdf.add_object(descriptor(font, &base, file, cff));
    let mut cid = Dictionary::new();
    cid.set("Type", Object::Name(b"Font".to_vec()));
    let subtype = if cff { "CIDFontType0" } else { "CIDFontType2" };
    cid.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
    cid.set("BaseFont", Object::Name(base.clone().into_bytes()));
    let mut system = Dictionary::new();
    system.set("Registry", literal("Adobe"));
    system.set("Ordering", literal("Identity"));
    system.set("Supplement", Object::Integer(0));
    cid.set("CIDSystemInfo", Object::Dictionary(system));
    cid.set("FontDescriptor", Object::Reference(descriptor));
    cid.set("DW", Object::Integer(0));
    cid.set("W", Object::Array(glyphs.widths_array()));
    if !cff {
        // Codes are the subset's glyph ids.
        cid.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }
    let cid = pdf.add_object(cid);
    let to_unicode = pdf.add_object(Stream::new(Dictionary::new(), to_unicode(glyphs)));
    let mut type0 = Dictionary::new();
    type0.set("Type", Object::Name(b"Font".to_vec()));
    type0.set("Subtype", Object::Name(b"Type0".to_vec()));
    type0.set("BaseFont", Object::Name(base.into_bytes()));
    type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    type0.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference(cid)]),
    );
    type0.set("ToUnicode", Object::Reference(to_unicode));
    pdf.add_object(type0)
}

/// The font descriptor, with the metrics in thousandths of an em.
fn descriptor(font: &ttf_parser::Face, base: &str, file: ObjectId, cff: bool) -> Dictionary {
    let scale = 1000.0 / f32::from(font.units_per_em().max(1));
    let em = |v: i16| Object::Integer((f32::from(v) * scale).round() as i64);
    let bbox = font.global_bounding_box();
    // Fixed pitch (1), symbolic (4: glyphs are reached by CID, not by a
    // standard encoding), italic (64).
    let mut flags = 4;
    if font.is_monospaced() {
        flags |= 1;
    }
    if font.is_italic() || font.italic_angle() != 0.0 {
        flags |= 64;
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    dict.set("FontName", Object::Name(base.as_bytes().to_vec()));
    dict.set("Flags", Object::Integer(flags));
    dict.set(
        "FontBBox",
        Object::Array(
            [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                .into_iter()
                .map(em)
                .collect(),
        ),
    );
    dict.set(
        "ItalicAngle",
        Object::Integer(font.italic_angle().round() as i64),
    );
    dict.set("Ascent", em(font.ascender()));
    dict.set("Descent", em(font.descender()));
    dict.set(
        "CapHeight",
        em(font.capital_height().unwrap_or(font.ascender())),
    );
    // Readers use StemV only to fake a missing font; the usual estimate
    // from the weight class serves.
    let weight = f32::from(font.weight().to_number());
    dict.set(
        "StemV",
        Object::Integer((10.0 + 0.244 * (weight - 50.0)).round() as i64),
    );
    let key = if cff { "FontFile3" } else { "FontFile2" };
    dict.set(key, Object::Reference(file));
    dict
}

/// The font's PostScript name, reduced to the characters a PDF name may
/// hold without escapes; "Font" when it has none.
fn postscript_name(font: &ttf_parser::Face) -> String {
    let name: String = font
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(63)
        .collect();
    if name.is_empty() {
        "Font".to_string()
    } else {
        name
    }
}

/// The ToUnicode CMap: each used glyph's code to the text it stands for.
/// Glyphs that stand for no text (a cluster's later glyphs) are left out.
fn to_unicode(glyphs: &FaceGlyphs) -> Vec<u8> {
    use std::fmt::Write;
    let mut pairs: Vec<(u16, &GlyphText)> = glyphs
        .codes
        .iter()
        .zip(&glyphs.texts)
        .filter_map(|(&code, text)| Some((code?, text.as_ref()?)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    pairs.sort_unstable_by_key(|&(code, _)| code);
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // A block may hold 100 entries at most.
    for block in pairs.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (code, text) in block {
            let _ = write!(out, "<{code:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

fn literal(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// A width in millionths of an em as a `/W` entry in thousandths, with
/// three decimals at most.
fn width_object(millionths: i64) -> Object {
    if millionths % 1000 == 0 {
        Object::Integer(millionths / 1000)
    } else {
        #[allow(clippy::cast_possible_truncation)]
        Object::Real((millionths as f64 / 1000.0) as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs() -> FaceGlyphs {
        let texts = vec![
            None,
            Some(GlyphText::from("A")),
            None,
            Some(GlyphText::from("fi")),
            Some(GlyphText::EMPTY),
        ];
        FaceGlyphs {
            widths: vec![0, 500_000, 0, 612_500, 250_000],
            codes: vec![None, Some(1), None, Some(2), Some(3)],
            texts,
            ..FaceGlyphs::named("F1".into())
        }
    }

    #[test]
    fn widths_run_over_consecutive_codes() {
        let mut face = glyphs();
        face.codes[4] = Some(7);
        assert_eq!(
            face.widths_array(),
            vec![
                Object::Integer(1),
                Object::Array(vec![Object::Integer(500), Object::Real(612.5)]),
                Object::Integer(7),
                Object::Array(vec![Object::Integer(250)]),
            ]
        );
    }

    #[test]
    fn to_unicode_maps_codes_to_text_and_skips_empty_glyphs() {
        let cmap = String::from_utf8(to_unicode(&glyphs())).unwrap();
        assert!(cmap.contains("2 beginbfchar\n<0001> <0041>\n<0002> <00660069>\nendbfchar"));
        assert!(!cmap.contains("<0003>"), "{cmap}");
    }

    #[test]
    fn codes_follow_first_use_and_notdef_keeps_zero() {
        let font =
            ttf_parser::Face::parse(crate::font::builtin_files().next().unwrap(), 0).unwrap();
        let mut face = FaceGlyphs::named("F1".into());
        for (gid, text) in [(36, "a"), (12, "b"), (0, "?"), (36, "a"), (20, "c")] {
            face.learn(gid, GlyphText::from(text), &font);
        }
        assert_eq!(face.code(0), 0);
        assert_eq!(face.code(36), 1);
        assert_eq!(face.code(12), 2);
        assert_eq!(face.code(20), 3);
        assert_eq!(face.order, vec![36, 12, 20]);
        assert!(face.width(36) > 0.0);
        // Codes from 1 without a gap: one run of widths.
        assert_eq!(face.widths_array().len(), 2);
    }
}
