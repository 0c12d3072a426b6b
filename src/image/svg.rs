//! SVG → a one-page vector PDF that the PDF writer turns into a form
//! XObject: the drawing stays vector, and its text stays text.
//!
//! `usvg` reads the SVG and `svg2pdf` draws it. Both are bounded here
//! before they start, since a shared pack is hostile: a size limit, an
//! element limit and a nesting limit (the converters recurse). Text is set
//! only in the fonts built into the binary, never in the machine's fonts,
//! so the same SVG gives the same PDF everywhere, and nothing outside the
//! file is read: pictures an SVG links or embeds are not drawn.

mod browser;
mod css;
mod labels;
mod limits;

use limits::{check_nesting, check_tree};

use super::{Data, ImageError};
use std::sync::{Arc, OnceLock};
use svg2pdf::usvg::{self, fontdb, roxmltree};

/// Largest SVG file read: far more than a hand-made or exported diagram
/// needs, and little enough to parse in a blink.
pub const MAX_SVG_BYTES: usize = 4 * 1024 * 1024;
/// Most XML elements an SVG may have, counted before anything is drawn.
pub const MAX_ELEMENTS: usize = 100_000;
/// Deepest nesting of elements: the parser and converters recurse once
/// per level.
pub const MAX_DEPTH: usize = 128;

/// The family that text without a known font is set in: diagrams are
/// mostly labelled in a sans-serif face.
const SANS: &str = "DejaVu Sans";

/// Whether `bytes` look like an SVG file: XML text whose first element
/// (after any declaration, comments or doctype) is `<svg`.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    start.is_some_and(|i| head[i] == b'<') && head.windows(4).any(|w| w == b"<svg")
}

/// Reads and draws an SVG: its size in CSS pixels (96 to the inch) and
/// the PDF that holds the drawing.
pub(super) fn decode(bytes: &[u8]) -> Result<(f32, f32, Data), ImageError> {
    if bytes.len() > MAX_SVG_BYTES {
        return Err(ImageError::SvgLimit(format!(
            "it is larger than {} MB",
            MAX_SVG_BYTES >> 20
        )));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ImageError::Broken(format!("it is not UTF-8 text ({e})")))?;
    // The XML parser and both converters recurse once per level of
    // nesting, so the depth is checked before any of them runs, and they
    // run on a thread whose stack is sized for the depths let through.
    check_nesting(bytes)?;
    let text = text.to_string();
    std::thread::Builder::new()
        .name("svg".into())
        .stack_size(STACK_BYTES)
        .spawn(move || draw(&text))
        .map_err(|e| ImageError::Broken(format!("cannot start drawing it: {e}")))?
        .join()
        .unwrap_or_else(|_| Err(ImageError::Broken("drawing it failed".into())))
}

/// The stack of the thread that draws: room for [`MAX_DEPTH`] levels,
/// each of which may be re-entered through [`MAX_REFERENCES`] links, in an
/// unoptimised build too. Only the pages used are ever touched.
const STACK_BYTES: usize = 256 << 20;

/// Most elements that draw other elements again (`use`, patterns, masks,
/// clip paths, markers, symbols, filters, gradients): each link followed
/// can nest the drawing one level deeper.
pub const MAX_REFERENCES: usize = 2_000;

fn draw(text: &str) -> Result<(f32, f32, Data), ImageError> {
    let xml = parse(text)?;
    // What a browser would draw differently is rewritten first, and the
    // result is held to the same limits as the file.
    let rewritten = browser::rewrite(&xml, text, &measure_sans);
    let tree = match &rewritten {
        Some(text) => {
            if text.len() > 2 * MAX_SVG_BYTES {
                return Err(ImageError::SvgLimit(
                    "its HTML labels make it too large to draw".into(),
                ));
            }
            check_nesting(text.as_bytes())?;
            usvg::Tree::from_xmltree(&parse(text)?, &options())
        }
        None => usvg::Tree::from_xmltree(&xml, &options()),
    }
    .map_err(|e| ImageError::Broken(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    let conversion = svg2pdf::ConversionOptions {
        compress: true,
        embed_text: true,
        ..Default::default()
    };
    // At 72 dpi one SVG unit is one PDF unit: svg2pdf's patterns and
    // gradients are placed in page space and would drift at any other.
    let page = svg2pdf::PageOptions { dpi: 72.0 };
    let pdf = svg2pdf::to_pdf(&tree, conversion, page).map_err(|e| match e {
        svg2pdf::ConversionError::TooMuchNesting => {
            ImageError::SvgLimit("its groups nest too deep to draw in a PDF".into())
        }
        e => ImageError::Broken(format!("it cannot be drawn: {e}")),
    })?;
    Ok((w, h, Data::Svg { pdf, size: (w, h) }))
}

/// Parses SVG text, within the limits on its nodes and elements.
fn parse(text: &str) -> Result<roxmltree::Document<'_>, ImageError> {
    let xml_options = roxmltree::ParsingOptions {
        allow_dtd: true,
        // Text and attribute nodes count too: a bound on the whole tree,
        // checked again per element below.
        nodes_limit: (MAX_ELEMENTS * 8) as u32,
    };
    let xml = roxmltree::Document::parse_with_options(text, xml_options)
        .map_err(|e| ImageError::Broken(e.to_string()))?;
    check_tree(&xml)?;
    Ok(xml)
}

/// The width of `text` at `size` px in the face HTML labels are set in
/// (the built-in sans-serif; a bold label is measured wider by a tenth,
/// as the face has no bold).
fn measure_sans(text: &str, size: f32, bold: bool) -> f32 {
    let Some(face) = sans_face() else {
        return text.chars().count() as f32 * 0.6 * size;
    };
    let upm = f32::from(face.units_per_em());
    let units: f32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(upm * 0.6, f32::from)
        })
        .sum();
    units / upm * size * if bold { 1.1 } else { 1.0 }
}

/// The built-in sans-serif face, parsed once.
fn sans_face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    FACE.get_or_init(|| {
        crate::font::builtin_files()
            .filter_map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
            .find(|face| {
                face.names().into_iter().any(|n| {
                    n.name_id == ttf_parser::name_id::FAMILY
                        && n.to_string().as_deref() == Some(SANS)
                })
            })
    })
    .as_ref()
}

/// usvg's options: our fonts only, nothing read from outside the file.
fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options {
        font_family: SANS.to_string(),
        fontdb: fonts(),
        ..Default::default()
    };
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|_, _, _| None),
        resolve_string: Box::new(|_, _| None),
    };
    options
}

/// The built-in fonts as usvg finds them, loaded once per process in a
/// fixed order (which decides which face a family name picks).
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for bytes in crate::font::builtin_files() {
                db.load_font_source(fontdb::Source::Binary(Arc::new(bytes)));
            }
            db.set_serif_family("Gentium Book Plus");
            db.set_sans_serif_family(SANS);
            db.set_monospace_family("Noto Sans Mono");
            db.set_cursive_family(SANS);
            db.set_fantasy_family(SANS);
            Arc::new(db)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="10" y="10" width="180" height="80" fill="none" stroke="black"/><text x="20" y="60" font-family="Arial" font-size="20">Cache</text></svg>"#;

    #[test]
    fn svgs_are_recognised_by_their_text() {
        assert!(sniff(BOX.as_bytes()));
        assert!(sniff(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg/>"));
        assert!(!sniff(b"plain text"));
        assert!(!sniff(b"<html><body></body></html>"));
    }

    #[test]
    fn a_drawing_keeps_its_size_and_its_text() {
        let (w, h, data) = decode(BOX.as_bytes()).expect("drawn");
        assert_eq!((w, h), (200.0, 100.0));
        let Data::Svg { pdf, size } = data else {
            panic!("not an SVG")
        };
        assert_eq!(size, (200.0, 100.0));
        assert!(pdf.starts_with(b"%PDF"));
        // The label is set in a built-in face, embedded as a font.
        assert!(pdf.windows(9).any(|w| w == b"FontFile2"));
    }

    #[test]
    fn hostile_svgs_are_refused() {
        let deep = format!("<svg>{}{}</svg>", "<g>".repeat(5000), "</g>".repeat(5000));
        assert!(matches!(
            decode(deep.as_bytes()),
            Err(ImageError::SvgLimit(_))
        ));
        let wide = format!("<svg>{}</svg>", "<g/>".repeat(MAX_ELEMENTS + 1));
        assert!(matches!(
            decode(wide.as_bytes()),
            Err(ImageError::SvgLimit(_))
        ));
        assert!(matches!(
            decode(b"<svg><rect></svg>"),
            Err(ImageError::Broken(_))
        ));
        assert!(matches!(decode(b"<html/>"), Err(ImageError::Broken(_))));
        let entity = br#"<!DOCTYPE svg [<!ENTITY g "<g><g></g></g>">]><svg>&g;</svg>"#;
        assert!(matches!(decode(entity), Err(ImageError::SvgLimit(_))));
        let uses = format!("<svg>{}</svg>", "<use/>".repeat(MAX_REFERENCES + 1));
        assert!(matches!(
            decode(uses.as_bytes()),
            Err(ImageError::SvgLimit(_))
        ));
        // Quoted `/>` and comments neither open nor close an element.
        let quoted = format!(
            "<svg>{}</svg>",
            "<g a=\"/>\"><!-- <g> -->".repeat(MAX_DEPTH + 1)
        );
        assert!(check_nesting(quoted.as_bytes()).is_err());
        let flat = format!("<svg>{}</svg>", "<g a='>'></g><g/>".repeat(1000));
        assert!(check_nesting(flat.as_bytes()).is_ok());
    }

    #[test]
    fn the_deepest_nesting_let_through_is_parsed() {
        let mut svg =
            String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#);
        svg.push_str(&"<g>".repeat(MAX_DEPTH - 1));
        svg.push_str(r#"<rect width="5" height="5"/>"#);
        svg.push_str(&"</g>".repeat(MAX_DEPTH - 1));
        svg.push_str("</svg>");
        // The parser and converters survive it (no stack overflow); the
        // PDF's own limit on nested graphics states refuses it.
        assert!(matches!(
            decode(svg.as_bytes()),
            Err(ImageError::SvgLimit(why)) if why.contains("groups nest")
        ));
    }
}
