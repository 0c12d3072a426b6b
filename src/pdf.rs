//! Frames → PDF bytes. The only module that imports printpdf and lopdf.
//!
//! printpdf writes pages, embeds and subsets the fonts, and builds the
//! ToUnicode maps from the text each glyph carries. lopdf then adds what
//! printpdf cannot: a nested outline, page labels, the outline page mode,
//! fixed metadata dates and a content-derived trailer /ID, so the same input
//! always gives the same bytes.

use crate::frame::{Color, FaceId, Frame, Item, OutlineEntry, Target};
use crate::layout::Fonts;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, ColorArray, Destination, FontId, HighlightingMode, Line, LinePoint,
    LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Subset-tag prefixes for each face: six stable uppercase letters, because
/// printpdf derives the `ABCDEF+Name` subset tag from the font id.
const FONT_IDS: [&str; 7] = [
    "SGTXRG", "SGTXBD", "SGTXIT", "SGTXBI", "SGMORG", "SGMOBD", "SGFALL",
];

/// Placeholder for the trailer /ID, patched with the content hash after saving.
const ID_PLACEHOLDER: &[u8; 32] = b"STUDYGUIDEIDPLACEHOLDER000000000";

/// What to stamp into the document information dictionary.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// Seconds since the Unix epoch for CreationDate/ModDate (from
    /// `SOURCE_DATE_EPOCH`, or 0 so that builds are reproducible).
    pub epoch: i64,
    /// The Producer entry.
    pub producer: String,
}

/// Serialises a frame to PDF bytes.
///
/// Takes the frame by value so that each page is freed as soon as it has
/// been turned into operations: at thousands of pages, holding both doubled
/// the peak memory.
pub fn write(frame: Frame, fonts: &Fonts, stamp: &Stamp) -> Result<Vec<u8>, String> {
    let Frame {
        pages,
        outline,
        info,
    } = frame;
    let mut doc = PdfDocument::new(&info.title);
    // Where each face's glyph ids occur last; a face nobody uses is not
    // embedded.
    let mut last: Vec<Vec<Option<At>>> = vec![Vec::new(); FaceId::ALL.len()];
    for (p, page) in pages.iter().enumerate() {
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Text { face, glyphs, .. } = item {
                let ids = &mut last[face.index()];
                for (k, g) in glyphs.iter().enumerate() {
                    let gid = usize::from(g.id);
                    if gid >= ids.len() {
                        ids.resize(gid + 1, None);
                    }
                    ids[gid] = Some(At::new(p, i, k));
                }
            }
        }
    }
    let mut faces = Vec::with_capacity(FaceId::ALL.len());
    for (face, last) in FaceId::ALL.into_iter().zip(last) {
        if last.is_empty() {
            faces.push(FaceGlyphs::default());
            continue;
        }
        let parsed = parsed_font(fonts, face)
            .ok_or_else(|| format!("font for {face:?} could not be prepared for embedding"))?;
        faces.push(FaceGlyphs::new(&parsed, last));
        doc.resources
            .fonts
            .map
            .insert(font_id(face), printpdf::PdfFont::new(parsed));
    }
    // On all cores: faster, and each thread reuses the memory that its own
    // part of layout freed (glibc keeps a free list per thread's arena).
    doc.pages = pages
        .into_par_iter()
        .enumerate()
        .map(|(n, p)| page_ops(n, &p, &faces))
        .collect();
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut pdf = printpdf::to_lopdf_doc(&doc, &options, &mut warnings);
    drop(doc);
    finish(&mut pdf, &outline, &info, stamp)
        .map_err(|e| format!("PDF post-processing failed: {e}"))?;
    compress(&mut pdf);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| format!("PDF could not be written: {e}"))?;
    patch_id(&mut bytes);
    Ok(bytes)
}

/// The built-in faces parsed for embedding, once per process: every output
/// and every variant of a batch embeds the same files.
static BUILTIN_FONTS: [OnceLock<Option<ParsedFont>>; FaceId::ALL.len()] =
    [const { OnceLock::new() }; FaceId::ALL.len()];

/// `face` parsed for embedding: from the process-wide cache for a built-in
/// face, fresh for a font file named in the config.
fn parsed_font(fonts: &Fonts, face: FaceId) -> Option<ParsedFont> {
    let source = fonts.face(face);
    match source.builtin_bytes() {
        Some(bytes) => builtin_font(face, bytes),
        None => ParsedFont::from_bytes(source.bytes(), 0, &mut Vec::new()),
    }
}

fn builtin_font(face: FaceId, bytes: &'static [u8]) -> Option<ParsedFont> {
    BUILTIN_FONTS[face.index()]
        .get_or_init(|| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()))
        .clone()
}

/// Starts parsing, on the thread pool, the built-in faces nearly every
/// output embeds, so an idle core does it while layout runs. Layout itself
/// stays on the calling thread: moving it to another thread put its memory
/// in another allocator arena and raised the peak by half.
pub fn prepare_fonts(fonts: &Fonts) {
    for face in [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::Mono] {
        if let Some(bytes) = fonts.face(face).builtin_bytes() {
            if BUILTIN_FONTS[face.index()].get().is_none() {
                rayon::spawn(move || drop(builtin_font(face, bytes)));
            }
        }
    }
}

/// Deflates every stream, in parallel. lopdf's own `compress` uses the
/// slowest zlib level, which cost more than all of layout; level 6 gives
/// nearly the same size in a fraction of the time. The output stays
/// deterministic: the same bytes in always give the same bytes out.
fn compress(pdf: &mut lopdf::Document) {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    let streams: Vec<&mut lopdf::Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    streams.into_par_iter().for_each(|stream| {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(6));
        if encoder.write_all(&stream.content).is_err() {
            return;
        }
        if let Ok(compressed) = encoder.finish() {
            if compressed.len() + 19 < stream.content.len() {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(compressed);
            }
        }
    });
}

fn font_id(face: FaceId) -> FontId {
    FontId(FONT_IDS[face.index()].to_string())
}

/// Rounds to 1/1000 pt: invisible, and keeps the streams short and stable.
fn r(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

fn rgb(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// One glyph run per baseline: a `Tm` at the first glyph, then one
/// `ShowText` whose offsets place every later glyph where layout put it.
///
/// printpdf turns exactly this into `Tm` plus a kerned `TJ`. The offsets are
/// computed the way printpdf's own run merger computes them for one `Tm` per
/// glyph (the pen advanced by the `/W` widths in f64, each kern rounded to
/// f32), so the content stream is byte for byte what per-glyph positioning
/// gives, for a fraction of the operations and memory.
///
/// Only the last occurrence of each glyph carries its text. printpdf builds
/// the ToUnicode map glyph by glyph, each occurrence overwriting the one
/// before, so the last one decides; the others need no string of their own.
fn text_runs(
    ops: &mut Vec<Op>,
    glyphs: &[crate::frame::Glyph],
    (x, baseline): (f32, f32),
    size: f32,
    (face, page, item): (&FaceGlyphs, usize, usize),
) {
    // (run origin x, baseline, pen in 1/1000 em, glyphs so far)
    let mut run: Option<(f32, f32, f64, Vec<printpdf::Codepoint>)> = None;
    let flush = |ops: &mut Vec<Op>, run: Option<(f32, f32, f64, Vec<printpdf::Codepoint>)>| {
        if let Some((rx, ry, _, points)) = run {
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(rx), Pt(ry)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(points)],
            });
        }
    };
    for (k, g) in glyphs.iter().enumerate() {
        let gx = r(x + g.x);
        let gy = r(baseline + g.dy);
        match &mut run {
            Some((rx, ry, pen, points)) if *ry == gy => {
                let dx_em = (f64::from(gx) - f64::from(*rx)) * 1000.0 / f64::from(size);
                #[allow(clippy::cast_possible_truncation)]
                let kern = (*pen - dx_em) as f32;
                if kern != 0.0 {
                    if let Some(last) = points.last_mut() {
                        last.offset = kern;
                    }
                    *pen -= f64::from(kern);
                }
            }
            _ => {
                flush(ops, run.take());
                run = Some((gx, gy, 0.0, Vec::new()));
            }
        }
        if let Some((_, _, pen, points)) = &mut run {
            *pen += face.width(g.id) as f64;
            let carries = face.is_last(g.id, At::new(page, item, k));
            points.push(printpdf::Codepoint {
                gid: g.id,
                offset: 0.0,
                cid: (carries && !g.text.is_empty()).then(|| g.text.to_string()),
            });
        }
    }
    flush(ops, run);
}

/// Where a glyph sits in the frame: page, item and glyph index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct At(u32, u32, u32);

impl At {
    fn new(page: usize, item: usize, glyph: usize) -> At {
        let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        At(n(page), n(item), n(glyph))
    }
}

/// What the writer needs per face and glyph id: its advance in 1/1000 em,
/// truncated as printpdf writes it into `/W`, and where it occurs last.
#[derive(Default)]
struct FaceGlyphs {
    widths: Vec<i64>,
    last: Vec<Option<At>>,
}

impl FaceGlyphs {
    /// Widths of the glyphs that occur (decoding every glyph of a large
    /// face would cost more than the page it serves).
    fn new(font: &ParsedFont, last: Vec<Option<At>>) -> FaceGlyphs {
        let upm = f32::from(font.pdf_font_metrics.units_per_em);
        let widths = last
            .iter()
            .zip(0u16..)
            .map(|(at, gid)| match at {
                // Truncation, not rounding: it is what printpdf does.
                Some(_) => font
                    .get_or_decode_glyph(gid)
                    .map_or(0, |g| (f32::from(g.horz_advance) * 1000.0 / upm) as i64),
                None => 0,
            })
            .collect();
        FaceGlyphs { widths, last }
    }

    fn width(&self, gid: u16) -> i64 {
        self.widths.get(usize::from(gid)).copied().unwrap_or(0)
    }

    fn is_last(&self, gid: u16, at: At) -> bool {
        self.last.get(usize::from(gid)).copied().flatten() == Some(at)
    }
}

fn page_ops(number: usize, page: &crate::frame::Page, faces: &[FaceGlyphs]) -> PdfPage {
    let h = page.height;
    let mut ops = Vec::new();
    for (n, item) in page.items.iter().enumerate() {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                color,
            } => {
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(r(*x)),
                        y: Pt(r(h - y - rh)),
                        width: Pt(r(*w)),
                        height: Pt(r(*rh)),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                from,
                to,
                width,
                color,
            } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(r(*width)) });
                let point = |(x, y): (f32, f32)| LinePoint {
                    p: Point {
                        x: Pt(r(x)),
                        y: Pt(r(h - y)),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*from), point(*to)],
                        is_closed: false,
                    },
                });
            }
            Item::Text {
                face,
                size,
                x,
                y,
                color,
                glyphs,
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(*face)),
                    size: Pt(*size),
                });
                let face = (&faces[face.index()], number, n);
                text_runs(&mut ops, glyphs, (*x, h - y), *size, face);
                ops.push(Op::EndTextSection);
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
            } => {
                let actions = match target {
                    Target::Url(url) => Actions::Uri(url.clone()),
                    Target::Page(p, top) => Actions::Goto(Destination::Xyz {
                        page: p + 1,
                        left: None,
                        top: Some(r(h - top + 4.0)),
                        zoom: None,
                    }),
                };
                let rect = Rect {
                    x: Pt(r(*x)),
                    y: Pt(r(h - y - lh)),
                    width: Pt(r(*w)),
                    height: Pt(r(*lh)),
                    mode: None,
                    winding_order: None,
                };
                // No visible border: the link colour already marks it.
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        actions,
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        Some(HighlightingMode::Invert),
                    ),
                });
            }
        }
    }
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let media = Rect::from_wh(Pt(page.width), Pt(page.height));
    p.media_box = media.clone();
    p.trim_box = media.clone();
    p.crop_box = media;
    p
}

/// Adds the outline, page labels, page mode, metadata and a placeholder /ID.
fn finish(
    pdf: &mut lopdf::Document,
    outline: &[OutlineEntry],
    info: &crate::frame::Info,
    stamp: &Stamp,
) -> lopdf::Result<()> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let catalog_id = pdf.trailer.get(b"Root")?.as_reference()?;

    let outline_root = if outline.is_empty() {
        None
    } else {
        let root_id = pdf.new_object_id();
        let (first, last, count) = outline_level(pdf, outline, root_id, &pages);
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Outlines".to_vec()));
        root.set("First", Object::Reference(first));
        root.set("Last", Object::Reference(last));
        root.set("Count", Object::Integer(count));
        pdf.objects.insert(root_id, Object::Dictionary(root));
        Some(root_id)
    };

    let catalog = pdf.get_object_mut(catalog_id)?.as_dict_mut()?;
    let mut labels = Dictionary::new();
    let mut style = Dictionary::new();
    style.set("S", Object::Name(b"D".to_vec()));
    labels.set(
        "Nums",
        Object::Array(vec![Object::Integer(0), Object::Dictionary(style)]),
    );
    catalog.set("PageLabels", Object::Dictionary(labels));
    match outline_root {
        Some(root) => {
            catalog.set("Outlines", Object::Reference(root));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }

    let date = Object::String(pdf_date(stamp.epoch).into_bytes(), StringFormat::Literal);
    let mut dict = Dictionary::new();
    dict.set("Title", text(&info.title));
    if !info.author.is_empty() {
        dict.set("Author", text(&info.author));
    }
    if !info.subject.is_empty() {
        dict.set("Subject", text(&info.subject));
    }
    if !info.keywords.is_empty() {
        dict.set("Keywords", text(&info.keywords.join(", ")));
    }
    dict.set("Creator", text("studyguide"));
    dict.set("Producer", text(&stamp.producer));
    dict.set("CreationDate", date.clone());
    dict.set("ModDate", date);
    let info_id = pdf.add_object(Object::Dictionary(dict));
    if let Ok(old) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        pdf.objects.remove(&old);
    }
    pdf.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}

/// Writes one level of the outline; returns (first, last, visible count).
fn outline_level(
    pdf: &mut lopdf::Document,
    entries: &[OutlineEntry],
    parent: ObjectId,
    pages: &[ObjectId],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| pdf.new_object_id()).collect();
    let mut count = 0;
    for (n, entry) in entries.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text(&entry.title));
        dict.set("Parent", Object::Reference(parent));
        if n > 0 {
            dict.set("Prev", Object::Reference(ids[n - 1]));
        }
        if n + 1 < ids.len() {
            dict.set("Next", Object::Reference(ids[n + 1]));
        }
        if let Some(&page) = pages.get(entry.page) {
            let height = pdf
                .get_object(page)
                .and_then(Object::as_dict)
                .and_then(|d| d.get(b"MediaBox"))
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.get(3).and_then(|v| v.as_float().ok()))
                .unwrap_or(842.0);
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(r(height - entry.y + 4.0)),
                    Object::Null,
                ]),
            );
        }
        count += 1;
        if !entry.children.is_empty() {
            let (first, last, inner) = outline_level(pdf, &entry.children, ids[n], pages);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // Sections open, so the questions show at a glance.
            dict.set("Count", Object::Integer(inner));
            count += inner;
        }
        pdf.objects.insert(ids[n], Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// A PDF text string: plain when ASCII, UTF-16BE with a BOM otherwise.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time, without a date library.
fn pdf_date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Replaces the /ID placeholder with a hash of the file, so the ID changes
/// exactly when the content does.
fn patch_id(bytes: &mut [u8]) {
    let hex: Vec<u8> = ID_PLACEHOLDER
        .iter()
        .flat_map(|b| format!("{b:02X}").into_bytes())
        .collect();
    let digest = Sha256::digest(&*bytes);
    let replacement: Vec<u8> = digest[..32]
        .iter()
        .flat_map(|b| format!("{b:02X}").into_bytes())
        .collect();
    let mut at = bytes.len();
    // The trailer is at the end; both /ID entries use the placeholder.
    for _ in 0..2 {
        let Some(pos) = find_last(&bytes[..at], &hex) else {
            return;
        };
        bytes[pos..pos + hex.len()].copy_from_slice(&replacement[..hex.len()]);
        at = pos;
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_as_pdf_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_798_462_800), "D:20261228130000Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
    }

    #[test]
    fn non_ascii_text_is_utf16() {
        assert_eq!(
            text("abc"),
            Object::String(b"abc".to_vec(), StringFormat::Literal)
        );
        let Object::String(b, _) = text("é") else {
            panic!()
        };
        assert_eq!(b, vec![0xfe, 0xff, 0x00, 0xe9]);
    }
}
