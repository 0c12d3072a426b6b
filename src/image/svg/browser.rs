//! An SVG as a browser shows it, rewritten into the SVG that usvg reads.
//!
//! Diagrams are mostly exported by tools made for the screen, and three
//! things they rely on are lost on the way to usvg:
//! - HTML labels in `<foreignObject>` (draw.io, Mermaid), which become
//!   SVG text ([`labels`](super::labels));
//! - `requiredFeatures` on the children of a `<switch>`: SVG 2 dropped the
//!   attribute and browsers take it as met, while usvg takes it as failed
//!   and shows the fallback instead, such as draw.io's "Text is not SVG -
//!   cannot display";
//! - colours written with `light-dark()` or `var()` ([`css`](super::css)),
//!   which usvg paints black, and generic font families written in capitals
//!   (Graphviz's `sans-Serif`), which usvg does not take for the generic.
//!
//! Everything else is left byte for byte as it was.

use super::{css, labels};
use std::ops::Range;
use svg2pdf::usvg::roxmltree::{Document, Node};

/// The rewritten text of `xml` (parsed from `text`), or `None` when it has
/// nothing a browser would draw differently.
pub(super) fn rewrite(xml: &Document, text: &str, measure: labels::Measure) -> Option<String> {
    let sheets = xml
        .descendants()
        .filter(|n| n.has_tag_name("style"))
        .filter_map(|n| n.text());
    let drawing = labels::Drawing {
        canvas: canvas(xml.root_element()),
        measure,
        backgrounds: sheets.flat_map(css::class_backgrounds).collect(),
    };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // Nodes inside a replaced object are its content, not edited again.
    let mut replaced_to = 0;
    for node in xml.descendants() {
        let range = node.range();
        if range.start < replaced_to {
            continue;
        }
        if node.is_text() && node.parent().is_some_and(|p| p.has_tag_name("style")) {
            if let Some(edit) = style_edit(node, text) {
                edits.push(edit);
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        if node.tag_name().name() == "foreignObject" {
            edits.push((range.clone(), labels::markup(node, &drawing)));
            replaced_to = range.end;
            continue;
        }
        for attribute in node.attributes() {
            if attribute.name() == "requiredFeatures" {
                edits.push((attribute.range(), String::new()));
            } else if let Some(resolved) = css::attribute(attribute.name(), attribute.value()) {
                edits.push((attribute.range_value(), labels::escape(&resolved)));
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, with) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// The edit that resolves the colours of a `<style>` element's text: the
/// text written plainly or as one CDATA section, else nothing (text mixed
/// with entities or split into sections is left as it is).
fn style_edit(node: Node, text: &str) -> Option<(Range<usize>, String)> {
    let content = node.text()?;
    let resolved = css::sheet(content)?;
    let range = node.range();
    let source = &text[range.clone()];
    if source == content {
        Some((range, labels::escape(&resolved)))
    } else if source
        .strip_prefix("<![CDATA[")
        .and_then(|s| s.strip_suffix("]]>"))
        == Some(content)
        && !resolved.contains("]]>")
    {
        Some((range, format!("<![CDATA[{resolved}]]>")))
    } else {
        None
    }
}

/// The drawing's size in its own units, which a percentage refers to: the
/// view box, else the width and height.
fn canvas(svg: Node) -> (f32, f32) {
    let view_box = svg.attribute("viewBox").and_then(|v| {
        let n: Vec<f32> = v
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (n.len() == 4).then(|| (n[2], n[3]))
    });
    view_box.unwrap_or_else(|| {
        let size = |name| {
            svg.attribute(name)
                .and_then(|v| css::pixels(v, 16.0))
                .unwrap_or(100.0)
        };
        (size("width"), size("height"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(text: &str, size: f32, _bold: bool) -> f32 {
        text.chars().count() as f32 * 0.6 * size
    }

    fn rewritten(svg: &str) -> Option<String> {
        let doc = Document::parse(svg).expect("xml");
        rewrite(&doc, svg, &measure)
    }

    #[test]
    fn plain_svgs_are_left_alone() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5" fill="#fff" style="stroke: black"/><text x="1" y="9">A</text></svg>"##;
        assert_eq!(rewritten(svg), None);
    }

    #[test]
    fn a_switch_shows_what_a_browser_shows() {
        // The warning draw.io adds for viewers without HTML labels: a
        // browser picks the empty group, and so must we.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg"><switch><g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"/><a><text>Text is not SVG - cannot display</text></a></switch></svg>"##;
        let out = rewritten(svg).expect("rewritten");
        assert!(out.contains("<switch><g /><a>"), "{out}");
    }

    #[test]
    fn colours_and_labels_are_rewritten_in_place() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><style>rect { fill: light-dark(#eee, #111) }</style><rect width="10" height="10" fill="#fff" style="fill: light-dark(#ffffff, var(--dark, #121212));"/><switch><foreignObject width="100%" height="100%" requiredFeatures="x"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; justify-content: unsafe flex-start; align-items: unsafe flex-start; width: 100px; height: 1px; padding-top: 10px; margin-left: 20px;"><div style="font-size: 10px">Cache &amp; store</div></div></foreignObject><image href="data:image/png;base64,AAAA"/></switch></svg>"##;
        let out = rewritten(svg).expect("rewritten");
        assert!(out.contains("<style>rect { fill: #eee }</style>"), "{out}");
        let cdata = r##"<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[a > b { fill: light-dark(red, blue) }]]></style></svg>"##;
        assert!(rewritten(cdata)
            .expect("rewritten")
            .contains("<![CDATA[a > b { fill: red }]]>"));
        assert!(out.contains(r#"style="fill: #ffffff;""#), "{out}");
        assert!(!out.contains("foreignObject"), "{out}");
        assert!(out.contains(r#"<text text-anchor="start""#), "{out}");
        assert!(out.contains(">Cache &amp; store</tspan>"), "{out}");
        // Left-aligned at the margin, the top line at the padding.
        assert!(out.contains(r#"<tspan x="20" y="19.46">"#), "{out}");
        // The result is still XML.
        Document::parse(&out).expect("still XML");
    }
}
