//! SVG → a one-page vector PDF that the PDF writer turns into a form
//! XObject: the drawing stays vector, and its text stays text.
//!
//! `usvg` reads the SVG and `svg2pdf` draws it. Both are bounded here
//! before they start, since a shared pack is hostile: a size limit, an
//! element limit and a nesting limit (the converters recurse). Text is set
//! only in the fonts built into the binary, never in the machine's fonts,
//! so the same SVG gives the same PDF everywhere, and nothing outside the
//! file is read: pictures an SVG links or embeds are not drawn.

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
    let xml_options = roxmltree::ParsingOptions {
        allow_dtd: true,
        // Text and attribute nodes count too: a bound on the whole tree,
        // checked again per element below.
        nodes_limit: (MAX_ELEMENTS * 8) as u32,
    };
    let xml = roxmltree::Document::parse_with_options(text, xml_options)
        .map_err(|e| ImageError::Broken(e.to_string()))?;
    check_tree(&xml)?;
    let tree = usvg::Tree::from_xmltree(&xml, &options())
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

/// Fails for XML nested deeper than [`MAX_DEPTH`], or whose doctype
/// defines markup in an entity (which could nest it deeper still), judged
/// from the bytes in one pass, before a recursive parser sees them.
fn check_nesting(bytes: &[u8]) -> Result<(), ImageError> {
    let too_deep = || ImageError::SvgLimit(format!("its elements nest more than {MAX_DEPTH} deep"));
    let find = |from: usize, needle: &[u8]| {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map_or(bytes.len(), |p| from + p + needle.len())
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        i = if rest.starts_with(b"<!--") {
            find(i + 4, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            find(i + 9, b"]]>")
        } else if rest.starts_with(b"<?") {
            find(i + 2, b"?>")
        } else if rest.starts_with(b"<!") {
            doctype_end(bytes, i)?
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            find(i + 2, b">")
        } else {
            let (end, closed) = tag_end(bytes, i + 1);
            if !closed {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep());
                }
            }
            end
        };
    }
    Ok(())
}

/// Where a start tag that begins at `from` ends, and whether it closes
/// itself (`/>`); quoted attribute values may hold `>` and `/`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut quote = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                let at = from + k;
                return (at + 1, at > 0 && bytes[at - 1] == b'/');
            }
            _ => {}
        }
    }
    (bytes.len(), true)
}

/// Where a `<!DOCTYPE …>` that begins at `from` ends, with its internal
/// subset; fails for a quoted value that holds markup.
fn doctype_end(bytes: &[u8], from: usize) -> Result<usize, ImageError> {
    let mut quote = None;
    let mut brackets = 0usize;
    for (k, &b) in bytes[from + 2..].iter().enumerate() {
        match (quote, b) {
            (Some(_), b'<') => {
                return Err(ImageError::SvgLimit(
                    "its doctype defines markup in an entity".into(),
                ))
            }
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => brackets += 1,
            (None, b']') => brackets = brackets.saturating_sub(1),
            (None, b'>') if brackets == 0 => return Ok(from + 2 + k + 1),
            _ => {}
        }
    }
    Ok(bytes.len())
}

/// Fails for a tree with more elements than [`MAX_ELEMENTS`], more
/// linking elements than [`MAX_REFERENCES`], or whose root is not `<svg>`.
fn check_tree(xml: &roxmltree::Document) -> Result<(), ImageError> {
    if xml.root_element().tag_name().name() != "svg" {
        return Err(ImageError::Broken("its root element is not <svg>".into()));
    }
    let elements: Vec<_> = xml
        .descendants()
        .filter(roxmltree::Node::is_element)
        .take(MAX_ELEMENTS + 1)
        .collect();
    if elements.len() > MAX_ELEMENTS {
        return Err(ImageError::SvgLimit(format!(
            "it has more than {MAX_ELEMENTS} elements"
        )));
    }
    let linking = elements
        .iter()
        .filter(|e| {
            matches!(
                e.tag_name().name(),
                "use"
                    | "pattern"
                    | "mask"
                    | "clipPath"
                    | "marker"
                    | "symbol"
                    | "filter"
                    | "feImage"
                    | "linearGradient"
                    | "radialGradient"
            )
        })
        .count();
    if linking > MAX_REFERENCES {
        return Err(ImageError::SvgLimit(format!(
            "it has more than {MAX_REFERENCES} elements that draw others (use, pattern, mask…)"
        )));
    }
    Ok(())
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
