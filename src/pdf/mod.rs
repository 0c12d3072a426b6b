//! Frames → PDF bytes. The only module that imports printpdf and lopdf.
//!
//! printpdf builds the document: its pages and link annotations. The
//! fonts come from [`font`] (subset with `subsetter`), the page content
//! streams from [`content`]. lopdf then adds what printpdf cannot: a
//! nested outline, page labels, the outline page mode, fixed metadata
//! dates and a content-derived trailer /ID, so the same input always gives
//! the same bytes.

mod content;
mod direct;
mod error;
mod font;
mod image;
mod outline;
mod resources;
mod structure;
mod svg;

pub use error::PdfError;
pub use font::embeddable;

use crate::font::Fonts;
use crate::frame::{Frame, Info, Item, OutlineEntry, Page, StructNode, Target};
use direct::Direct;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, ColorArray, Destination, HighlightingMode, LinkAnnotation, Op,
    PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

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

/// Serialises a frame to PDF bytes: a [`Writer`] given every page at once.
///
/// Takes the frame by value so that each page is freed as soon as its
/// stream is written.
pub fn write(frame: Frame, fonts: &Fonts, stamp: &Stamp) -> Result<Vec<u8>, PdfError> {
    let Frame {
        pages,
        outline,
        info,
        structure,
    } = frame;
    let mut writer = Writer::new(fonts);
    writer.pages(pages, &structure)?;
    writer.finish(&outline, &info, &structure, stamp)
}

/// A PDF written page by page: each page's content stream is made, and
/// deflated, when the page is given, and the page is freed. What is kept
/// is small: the compressed stream, the page's size, links and pictures.
///
/// A glyph's code is fixed when a page first draws it (see [`font`]), so
/// pages must be given in order, and none after [`Writer::finish`]. The
/// bytes depend only on the pages, not on how they were handed over.
pub struct Writer<'f> {
    fonts: &'f Fonts,
    faces: Vec<font::FaceGlyphs>,
    pages: Vec<Written>,
    /// Whether the document is tagged, as its structure tree says.
    tagged: bool,
}

/// What is kept of a written page.
struct Written {
    /// Its size and link annotations, for printpdf.
    placeholder: PdfPage,
    /// Its width and height, for its furniture.
    size: (f32, f32),
    /// The content stream, deflated when that made it smaller.
    content: Vec<u8>,
    compressed: bool,
    /// Furniture given later, as streams of its own drawn before and after
    /// the content (see [`Writer::furnish`]).
    before: Option<(Vec<u8>, bool)>,
    after: Option<(Vec<u8>, bool)>,
    /// The structure element of each marked-content id.
    mcids: Vec<usize>,
    /// The pictures it draws, by resource name.
    images: std::collections::BTreeMap<String, std::sync::Arc<crate::image::Image>>,
}

impl<'f> Writer<'f> {
    /// A document with no pages yet, set in `fonts`.
    pub fn new(fonts: &'f Fonts) -> Self {
        Writer {
            fonts,
            faces: font::faces(),
            pages: Vec::new(),
            tagged: false,
        }
    }

    /// Writes `pages` after those given before. `structure` is the
    /// structure tree as far as these pages' tags reach.
    pub fn pages(&mut self, pages: Vec<Page>, structure: &[StructNode]) -> Result<(), PdfError> {
        // Codes in page order first, then the streams on all cores; each
        // thread reuses the memory that its own part of layout freed
        // (glibc keeps a free list per thread's arena).
        font::learn(&mut self.faces, &pages, self.fonts)?;
        // A tagged document's pages mark their furniture as artifacts,
        // including the furniture given later.
        self.tagged |= !structure.is_empty();
        let (faces, tagged) = (&self.faces, self.tagged);
        let written: Vec<Written> = pages
            .into_par_iter()
            .map(|page| {
                let (raw, mcids) = content::page(&page, faces, structure, tagged);
                let placeholder = placeholder_page(&page);
                let images = image::used(&page);
                let size = (page.width, page.height);
                drop(page);
                let (content, compressed) = deflated(raw);
                Written {
                    placeholder,
                    size,
                    content,
                    compressed,
                    before: None,
                    after: None,
                    mcids,
                    images,
                }
            })
            .collect();
        self.pages.extend(written);
        Ok(())
    }

    /// Adds the furniture of page `n` (written already): `before` is drawn
    /// before the page's content and `after` after it, each in a content
    /// stream of its own that leaves the graphics state as it found it.
    /// Their link annotations follow the page's own.
    pub fn furnish(
        &mut self,
        n: usize,
        before: Vec<Item>,
        after: Vec<Item>,
    ) -> Result<(), PdfError> {
        let Writer {
            fonts,
            faces,
            pages,
            tagged,
        } = self;
        let Some(written) = pages.get_mut(n) else {
            return Ok(());
        };
        let (width, height) = written.size;
        let parts = [before, after].map(|items| Page {
            width,
            height,
            items,
        });
        font::learn(faces, &parts, fonts)?;
        let [before, after] = parts.map(|part| {
            if part.items.is_empty() {
                return None;
            }
            let (raw, _) = content::page(&part, faces, &[], *tagged);
            let linked = placeholder_page(&part).ops;
            written.placeholder.ops.extend(linked);
            written.images.extend(image::used(&part));
            // The streams of a page are read as one, so each part begins
            // and ends with white space: a token never runs into the next
            // stream's. The page's own content may leave character spacing
            // set (text state outlives text objects), and the furniture is
            // written as if from the initial state: it is reset. Colours,
            // line width and font are always set before their first use.
            let mut stream = Vec::with_capacity(raw.len() + 12);
            stream.extend_from_slice(b"\nq\n0 Tc\n");
            stream.extend_from_slice(&raw);
            stream.extend_from_slice(b"\nQ\n");
            Some(deflated(stream))
        });
        written.before = before;
        written.after = after;
        Ok(())
    }

    /// The document's bytes: printpdf lays out the pages and their link
    /// annotations, and the streams, fonts, pictures, outline and
    /// structure tree are put in.
    pub fn finish(
        self,
        outline: &[OutlineEntry],
        info: &Info,
        structure: &[StructNode],
        stamp: &Stamp,
    ) -> Result<Vec<u8>, PdfError> {
        let Writer {
            fonts,
            faces,
            pages,
            ..
        } = self;
        let mut doc = PdfDocument::new(&info.title);
        let mut rest = Vec::with_capacity(pages.len());
        let mut furniture = Vec::with_capacity(pages.len());
        for page in pages {
            doc.pages.push(page.placeholder);
            rest.push((page.content, page.compressed, page.mcids, page.images));
            furniture.push((page.before, page.after));
        }
        let mut warnings = Vec::new();
        let options = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        };
        let mut pdf = printpdf::to_lopdf_doc(&doc, &options, &mut warnings);
        drop(doc);
        // The page tree is final here: later steps add objects, not pages.
        let page_ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();
        let contents = content_streams(&pdf, &page_ids)?;
        let mut marked = Vec::with_capacity(rest.len());
        let mut images = Vec::with_capacity(rest.len());
        for (id, (bytes, compressed, mcids, used)) in contents.iter().zip(rest) {
            marked.push(mcids);
            images.push(used);
            let stream = pdf
                .get_object_mut(*id)
                .and_then(Object::as_stream_mut)
                .map_err(PdfError::ReplaceContent)?;
            if compressed {
                stream.dict.set("Filter", flate_decode());
            }
            stream.set_content(bytes);
        }
        for ((page, body), (before, after)) in page_ids.iter().zip(&contents).zip(furniture) {
            if before.is_some() || after.is_some() {
                add_furniture(&mut pdf, *page, *body, before, after)?;
            }
        }
        let embedded = font::embed(&mut pdf, &faces, fonts)?;
        drop(faces);
        for &page in &page_ids {
            for (name, id) in &embedded {
                resources::add(&mut pdf, page, "Font", name, *id).map_err(PdfError::PostProcess)?;
            }
        }
        image::add(&mut pdf, &page_ids, &images).map_err(PdfError::PostProcess)?;
        drop(images);
        // The outline, the metadata and the structure tree are written as
        // they are made (see `direct`), after all of lopdf's objects.
        let mut direct = finish(&mut pdf, &page_ids, outline, info, stamp)?;
        if !structure.is_empty() {
            structure::add(&mut pdf, &page_ids, &mut direct, structure, &marked)?;
        }
        drop(marked);
        compress(&mut pdf);
        // Nothing here needs a later version, and 1.7 (ISO 32000-1) is what
        // print shops' preflight tools expect; printpdf writes 1.3.
        pdf.version = "1.7".to_string();
        // The file is about its streams and a line or two per object; made
        // a little larger, it is never copied as it grows (at 5,000
        // questions, a 15 MB file was briefly 48 MB of buffers, and then,
        // 20 KB short, 29 MB). Objects other than streams took 149 bytes
        // each there, with their cross-reference entries; capacity never
        // written to costs no memory.
        let streams: usize = pdf
            .objects
            .values()
            .map(|o| match o {
                Object::Stream(s) => s.content.len(),
                _ => 0,
            })
            .sum();
        let capacity = streams + 192 * pdf.objects.len() + direct.file_len();
        let mut bytes = Vec::with_capacity(capacity);
        pdf.save_to(&mut bytes).map_err(PdfError::Save)?;
        direct::splice(&mut bytes, &pdf, direct).map_err(PdfError::Save)?;
        patch_id(&mut bytes);
        Ok(bytes)
    }
}

/// `content` deflated when that makes it smaller, and whether it was.
fn deflated(content: Vec<u8>) -> (Vec<u8>, bool) {
    match deflate(&content) {
        Some(compressed) => (compressed, true),
        None => (content, false),
    }
}

/// Makes `page`'s contents the streams `before`, `body` and `after`, in
/// that order: a content array is read as one stream.
fn add_furniture(
    pdf: &mut lopdf::Document,
    page: ObjectId,
    body: ObjectId,
    before: Option<(Vec<u8>, bool)>,
    after: Option<(Vec<u8>, bool)>,
) -> Result<(), PdfError> {
    let mut stream = |part: Option<(Vec<u8>, bool)>| {
        part.map(|(bytes, compressed)| {
            let mut dict = Dictionary::new();
            if compressed {
                dict.set("Filter", flate_decode());
            }
            let mut stream = lopdf::Stream::new(dict, bytes);
            // Already deflated, or not worth it.
            stream.allows_compression = false;
            Object::Reference(pdf.add_object(stream))
        })
    };
    let before = stream(before);
    let after = stream(after);
    let contents: Vec<Object> = before
        .into_iter()
        .chain([Object::Reference(body)])
        .chain(after)
        .collect();
    pdf.get_dictionary_mut(page)
        .map_err(PdfError::PostProcess)?
        .set("Contents", Object::Array(contents));
    Ok(())
}

/// The content stream of every page of `pages`, in page order.
fn content_streams(pdf: &lopdf::Document, pages: &[ObjectId]) -> Result<Vec<ObjectId>, PdfError> {
    pages
        .iter()
        .map(|&page| {
            pdf.get_dictionary(page)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(PdfError::NoContentStream)
        })
        .collect()
}

/// What printpdf needs of a page: its size and its links.
fn placeholder_page(page: &crate::frame::Page) -> PdfPage {
    let h = page.height;
    let ops = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
            } => Some(link(*x, h - y - lh, *w, *lh, target, h)),
            _ => None,
        })
        .collect();
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let media = Rect::from_wh(Pt(page.width), Pt(page.height));
    p.media_box = media.clone();
    p.trim_box = media.clone();
    p.crop_box = media;
    p
}

/// A link annotation over a rectangle given from the bottom left.
fn link(x: f32, bottom: f32, w: f32, h: f32, target: &Target, page_height: f32) -> Op {
    let actions = match target {
        Target::Url(url) => Actions::Uri(url.clone()),
        Target::Page(p, top) => Actions::Goto(Destination::Xyz {
            page: p + 1,
            left: None,
            top: Some(r(page_height - top + 4.0)),
            zoom: None,
        }),
    };
    let rect = Rect {
        x: Pt(r(x)),
        y: Pt(r(bottom)),
        width: Pt(r(w)),
        height: Pt(r(h)),
        mode: None,
        winding_order: None,
    };
    // No visible border: the link colour already marks it.
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            rect,
            actions,
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        ),
    }
}

/// Deflates every stream not yet compressed, in parallel.
fn compress(pdf: &mut lopdf::Document) {
    let streams: Vec<&mut lopdf::Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    streams.into_par_iter().for_each(|stream| {
        if let Some(compressed) = deflate(&stream.content) {
            stream.dict.set("Filter", flate_decode());
            stream.set_content(compressed);
        }
    });
}

/// The deflate level of every stream. Page content streams are nearly
/// all of the bytes. Measured on the page streams of 5,000 synthetic
/// questions, libdeflate at level 3 takes 254 ms and writes 10.61 MB,
/// where zlib-rs at the same level took 287 ms for 10.76 MB; libdeflate's
/// level 1 takes 146 ms for 11.51 MB (8% more), and its level 6 422 ms
/// for 9.87 MB. The fonts are most of a short document's deflating.
const LEVEL: i32 = 3;

/// `content` deflated at [`LEVEL`], if that makes the stream smaller.
/// lopdf's own `compress` uses the slowest zlib level, which cost more
/// than all of layout. The backend is libdeflate (through `libdeflater`,
/// which builds the library's C source at the version Cargo.lock pins):
/// its output depends only on its version, the input and the level, not
/// on the processor or the compiler's optimisation (the pinned hashes are
/// the same in debug and release builds).
///
/// Each thread keeps one compressor and one scratch buffer: a new
/// compressor allocates and clears its tables, which was a third of the
/// deflating of a short document's pages.
fn deflate(content: &[u8]) -> Option<Vec<u8>> {
    use libdeflater::{CompressionLvl, Compressor};
    use std::cell::RefCell;
    thread_local! {
        static COMPRESSOR: RefCell<Option<(Compressor, Vec<u8>)>> = const { RefCell::new(None) };
    }
    COMPRESSOR.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (compressor, scratch) = cell.get_or_insert_with(|| {
            let level = CompressionLvl::new(LEVEL).unwrap_or_default();
            (Compressor::new(level), Vec::new())
        });
        let bound = compressor.zlib_compress_bound(content.len());
        if scratch.len() < bound {
            scratch.resize(bound, 0);
        }
        let n = compressor.zlib_compress(content, scratch).ok()?;
        // The `/Filter /FlateDecode` entry costs 19 bytes. The stream is
        // copied out at its size: every page's is kept until the end.
        (n + 19 < content.len()).then(|| scratch[..n].to_vec())
    })
}

fn flate_decode() -> Object {
    Object::Name(b"FlateDecode".to_vec())
}

/// Rounds to 1/1000 pt: invisible, and keeps the streams short and stable.
fn r(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Adds the outline, page labels, page mode, metadata and a placeholder /ID.
fn finish(
    pdf: &mut lopdf::Document,
    pages: &[ObjectId],
    outline: &[OutlineEntry],
    info: &crate::frame::Info,
    stamp: &Stamp,
) -> Result<Direct, PdfError> {
    let post = PdfError::PostProcess;
    let mut direct = Direct::after(pdf);
    let outline_root = outline::add(pdf, &mut direct, outline, pages).map_err(PdfError::Save)?;

    let catalog = pdf.catalog_mut().map_err(post)?;
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
    // An organisation with no author is who the document is from.
    let author = [&info.author, &info.organization]
        .into_iter()
        .find(|a| !a.is_empty());
    if let Some(author) = author {
        dict.set("Author", text(author));
    }
    if !info.organization.is_empty() {
        // Not a standard key; readers list it with the others
        // (`pdfinfo -custom`), under the name the config gives it.
        dict.set("Organization", text(&info.organization));
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
    let info_id = direct.reserve(pdf);
    direct
        .put(info_id, &Object::Dictionary(dict))
        .map_err(PdfError::Save)?;
    if let Ok(old) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        pdf.objects.remove(&old);
    }
    pdf.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(direct)
}

/// The height of `page`, from its media box.
fn page_height(pdf: &lopdf::Document, page: ObjectId) -> lopdf::Result<f32> {
    let media = pdf.get_dictionary(page)?.get(b"MediaBox")?.as_array()?;
    media.get(3).map_or(Ok(0.0), Object::as_float)
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

    /// A text run of `text` in the regular face at `(x, y)`, letter-spaced
    /// by `tracking`.
    fn run(text: &str, (x, y): (f32, f32), tracking: f32) -> Item {
        Item::Text {
            face: crate::frame::FaceId::Regular,
            size: 10.0,
            x,
            y,
            color: crate::frame::Color::BLACK,
            glyphs: (0u16..)
                .zip(text.chars())
                .map(|(k, c)| crate::frame::Glyph {
                    id: 36 + k,
                    dy: 0,
                    x: f32::from(k) * 6.0,
                    text: c.to_string().as_str().into(),
                })
                .collect(),
            tracking,
        }
    }

    /// Furniture given after a page was written draws in the state it was
    /// written for, whatever the page's own content left behind: a footer
    /// after a letter-spaced line is not letter-spaced.
    #[test]
    fn furniture_given_later_starts_from_the_initial_state() {
        let fonts = Fonts::builtin().unwrap();
        let mut writer = Writer::new(&fonts);
        let page = Page {
            width: 200.0,
            height: 200.0,
            items: vec![run("spaced", (10.0, 50.0), 0.8)],
        };
        writer.pages(vec![page], &[]).unwrap();
        let footer = vec![run("footer", (10.0, 190.0), 0.0)];
        let header = vec![run("header", (10.0, 10.0), 0.0)];
        writer.furnish(0, header, footer).unwrap();
        let stamp = Stamp {
            epoch: 0,
            producer: "test".into(),
        };
        let bytes = writer.finish(&[], &Info::default(), &[], &stamp).unwrap();
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        let page = pdf.get_pages()[&1];
        assert_eq!(pdf.get_page_contents(page).len(), 3, "header, body, footer");
        let content = pdf.get_page_content(page);
        let ops = lopdf::content::Content::decode(&content)
            .unwrap()
            .operations;
        // The character spacing in force at each text-showing operation.
        // The footer's `q` saves the spacing the page left, so the footer
        // must set its own.
        let mut spacing = 0.0;
        let mut shown = Vec::new();
        for op in &ops {
            match op.operator.as_str() {
                "Tc" => spacing = op.operands[0].as_float().unwrap(),
                "TJ" => shown.push(spacing),
                _ => {}
            }
        }
        assert_eq!(shown.len(), 3, "{ops:?}");
        assert_eq!(shown[1], 0.8, "the page's own line is letter-spaced");
        assert_eq!(shown[2], 0.0, "the footer is not");
    }

    /// A paragraph of long words, so that lines end in hyphens, read back
    /// with poppler's `pdftotext` in each of its modes (skipped where it
    /// is not installed): every word comes out whole, and "long-term"
    /// keeps its own hyphen.
    #[test]
    fn words_hyphenated_at_line_ends_extract_whole() {
        let words = "incomprehensibilities internationalization long-term \
                     counterrevolutionaries telecommunications responsibility";
        let paragraph = [words; 8].join(" ") + ".";
        let (frame, _) = crate::commands::layout_markdown(&paragraph).unwrap();
        let hyphens = frame.pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Item::Text { glyphs, .. } if glyphs.len() == 1 && &*glyphs[0].text == "-"))
            .count();
        assert!(hyphens > 2, "the paragraph hyphenates");
        let (pdf, _) = crate::commands::typeset_markdown(&paragraph).unwrap();
        let dir = std::env::temp_dir().join(format!("studyguide-copytext-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("hyphens.pdf");
        std::fs::write(&path, &pdf).unwrap();
        for mode in ["-raw", "-layout", "-nopgbrk"] {
            let Ok(out) = std::process::Command::new("pdftotext")
                .args([mode, path.to_str().unwrap(), "-"])
                .output()
            else {
                eprintln!("pdftotext is not installed; skipped");
                return;
            };
            let text = String::from_utf8_lossy(&out.stdout);
            let got = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(got.contains(&paragraph), "{mode}: {text}");
        }
        std::fs::remove_dir_all(&dir).ok();
    }

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
