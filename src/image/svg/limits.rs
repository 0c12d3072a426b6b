//! The limits an SVG is held to before the recursive parser and the
//! converters see it, since a shared pack is hostile: nesting and markup
//! in entities (judged from the bytes), then the size of the tree and the
//! work its style sheets and attributes would cost usvg, which reads some
//! of them in time that grows with the square of their count.

use super::{ImageError, MAX_DEPTH, MAX_ELEMENTS, MAX_REFERENCES};
use svg2pdf::usvg::roxmltree;

/// Most attributes one element may have: the XML parser compares each with
/// every other.
pub const MAX_ATTRIBUTES: usize = 256;
/// Most declarations in one `style` attribute: usvg compares each with
/// every other (200,000 took two minutes).
pub const MAX_DECLARATIONS: usize = 256;
/// Most rules in the style sheets of a drawing.
pub const MAX_RULES: usize = 5_000;
/// Most rule matches usvg may try: each rule of the style sheets against
/// each element and each class an element names (100,000 rules over 50,000
/// elements never finished).
pub const MAX_STYLE_WORK: usize = 20_000_000;

/// Fails for XML nested deeper than [`MAX_DEPTH`], or whose doctype
/// defines markup in an entity (which could nest it deeper still), judged
/// from the bytes in one pass, before a recursive parser sees them.
pub(super) fn check_nesting(bytes: &[u8]) -> Result<(), ImageError> {
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
            let (end, closed, attributes) = tag_end(bytes, i + 1);
            if attributes > MAX_ATTRIBUTES {
                return Err(ImageError::SvgLimit(format!(
                    "an element has more than {MAX_ATTRIBUTES} attributes"
                )));
            }
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

/// Where a start tag that begins at `from` ends, whether it closes itself
/// (`/>`), and how many attributes it has; quoted attribute values may
/// hold `>`, `/` and `=`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool, usize) {
    let mut quote = None;
    let mut attributes = 0;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'=') => attributes += 1,
            (None, b'>') => {
                let at = from + k;
                return (at + 1, at > 0 && bytes[at - 1] == b'/', attributes);
            }
            _ => {}
        }
    }
    (bytes.len(), true, attributes)
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
pub(super) fn check_tree(xml: &roxmltree::Document) -> Result<(), ImageError> {
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
    check_style(&elements)
}

/// Fails for style that would cost usvg too much to apply: a `style`
/// attribute of more than [`MAX_DECLARATIONS`], more than [`MAX_RULES`]
/// rules, or more than [`MAX_STYLE_WORK`] rule matches.
fn check_style(elements: &[roxmltree::Node]) -> Result<(), ImageError> {
    let mut classes = 0;
    let mut rules = 0;
    for e in elements {
        if let Some(style) = e.attribute("style") {
            if style.matches(';').count() >= MAX_DECLARATIONS {
                return Err(ImageError::SvgLimit(format!(
                    "an element's style has more than {MAX_DECLARATIONS} declarations"
                )));
            }
        }
        classes += e
            .attribute("class")
            .map_or(0, |c| c.split_ascii_whitespace().count());
        if e.has_tag_name("style") {
            rules += e
                .children()
                .filter_map(|t| t.text())
                .map(|t| t.matches('{').count())
                .sum::<usize>();
        }
    }
    if rules > MAX_RULES {
        return Err(ImageError::SvgLimit(format!(
            "its style sheets have more than {MAX_RULES} rules"
        )));
    }
    if rules.saturating_mul(elements.len() + classes) > MAX_STYLE_WORK {
        return Err(ImageError::SvgLimit(format!(
            "its style sheets have {rules} rules for {} elements and {classes} classes, \
             more than can be matched in reasonable time",
            elements.len()
        )));
    }
    Ok(())
}
