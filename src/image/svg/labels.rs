//! HTML labels (`<foreignObject>`) set as SVG text.
//!
//! draw.io and Mermaid write each label as a piece of HTML inside a
//! `<foreignObject>`, which a browser lays out and usvg leaves out: the
//! boxes of a diagram print empty. Here each one becomes a `<text>` with a
//! line per `<br>` or block, wrapped to the width the label was given,
//! aligned and centred as the HTML asks, in the label's size, weight,
//! slant and colour. Two layouts are read: draw.io's, which places the
//! label with the first `<div>`'s `margin-left`, `padding-top` and `width`
//! inside an object as large as the drawing, and everyone else's, where the
//! object's own box is the label's.

use super::css;
use std::fmt::Write as _;
use svg2pdf::usvg::roxmltree::Node;

/// The size of text whose HTML sets none: CSS's `medium`.
const DEFAULT_PX: f32 = 16.0;
/// The line height of text whose HTML sets none: CSS's `normal`, about.
const DEFAULT_LEADING: f32 = 1.2;
/// Where the baseline sits in a line of the face labels are set in
/// (DejaVu Sans: ascender 0.928 em, descender 0.236 em), as a fraction of
/// the em below the top of the line's glyph box.
const ASCENT: f32 = 0.928;
const DESCENT: f32 = 0.236;

/// Measures `text` at `size` px, in px: the width it takes in the face
/// labels are set in.
pub(super) type Measure<'a> = &'a dyn Fn(&str, f32, bool) -> f32;

/// What every label of a drawing is set with.
pub(super) struct Drawing<'a> {
    /// The drawing's size, which percentages refer to.
    pub canvas: (f32, f32),
    /// How wide text is.
    pub measure: Measure<'a>,
    /// Background colours the drawing's style sheets give to classes (the
    /// last rule for a class wins).
    pub backgrounds: std::collections::HashMap<String, String>,
}

/// How a piece of a label is set.
#[derive(Clone, Debug, PartialEq)]
struct Style {
    size: f32,
    leading: f32,
    bold: bool,
    italic: bool,
    mono: bool,
    color: Option<String>,
    /// How white space and line ends are treated.
    space: Space,
    align: Option<Align>,
}

/// CSS's `white-space`, as far as a label needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Space {
    /// Spaces collapse, lines wrap.
    Normal,
    /// Spaces collapse, lines never wrap.
    NoWrap,
    /// Spaces and line ends are kept, lines never wrap.
    Pre,
    /// Spaces and line ends are kept, lines wrap.
    PreWrap,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Align {
    Start,
    Middle,
    End,
}

impl Align {
    fn anchor(self) -> &'static str {
        match self {
            Align::Start => "start",
            Align::Middle => "middle",
            Align::End => "end",
        }
    }
}

/// A run of text in one style.
#[derive(Debug)]
struct Run {
    text: String,
    style: Style,
}

/// The lines of a label, each a list of runs.
#[derive(Default)]
struct Lines {
    lines: Vec<Vec<Run>>,
    /// A collapsed space waits for the next word on the line, in the
    /// style of the text it came with.
    space: Option<Style>,
    /// The first background colour an element of the label paints.
    background: Option<String>,
}

impl Lines {
    fn current(&mut self) -> &mut Vec<Run> {
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        self.lines.last_mut().expect("a line")
    }

    /// Ends the line; an empty line is kept only when `keep_empty`.
    fn break_line(&mut self, keep_empty: bool) {
        self.space = None;
        match self.lines.last() {
            Some(line) if !line.is_empty() || keep_empty => self.lines.push(Vec::new()),
            None if keep_empty => self.lines.extend([Vec::new(), Vec::new()]),
            _ => {}
        }
    }

    fn push(&mut self, text: &str, style: &Style) {
        if matches!(style.space, Space::Pre | Space::PreWrap) {
            for (k, part) in text.split('\n').enumerate() {
                if k > 0 {
                    self.break_line(true);
                }
                self.push_run(part, style);
            }
            return;
        }
        let white = |c: char| c.is_ascii_whitespace();
        for (k, word) in text.split_ascii_whitespace().enumerate() {
            if (k > 0 || text.starts_with(white)) && self.space.is_none() {
                self.space = Some(style.clone());
            }
            if let Some(space) = self.space.take() {
                if !self.current().is_empty() {
                    self.push_run(" ", &space);
                }
            }
            self.push_run(word, style);
        }
        if text.ends_with(white) && self.space.is_none() {
            self.space = Some(style.clone());
        }
    }

    fn push_run(&mut self, text: &str, style: &Style) {
        if text.is_empty() {
            return;
        }
        let line = self.current();
        match line.last_mut() {
            Some(run) if run.style == *style => run.text.push_str(text),
            _ => line.push(Run {
                text: text.to_string(),
                style: style.clone(),
            }),
        }
    }

    fn finish(mut self) -> Vec<Vec<Run>> {
        while self.lines.last().is_some_and(Vec::is_empty) {
            self.lines.pop();
        }
        self.lines
    }
}

/// Where a label goes: its box, and how its lines sit in it.
#[derive(Debug, PartialEq)]
struct Place {
    left: f32,
    top: f32,
    width: f32,
    height: f32,
    align: Align,
    /// Vertical: 0 top, 0.5 centre, 1 bottom.
    valign: f32,
}

/// SVG markup that draws what the browser would draw for the
/// `<foreignObject>` `object`. Empty when the object holds no text.
pub(super) fn markup(object: Node, drawing: &Drawing) -> String {
    let base = Style {
        size: DEFAULT_PX,
        leading: DEFAULT_LEADING,
        bold: false,
        italic: false,
        mono: false,
        color: None,
        space: Space::Normal,
        align: None,
    };
    let mut lines = Lines::default();
    for child in object.children() {
        collect(child, &base, &mut lines, drawing);
    }
    let background = lines.background.take();
    let lines = lines.finish();
    if lines.iter().all(Vec::is_empty) {
        return String::new();
    }
    let place = place(object, drawing.canvas, &lines);
    let wrap_width = (place.width > 0.0).then_some(place.width);
    let lines = wrap(lines, wrap_width, drawing.measure);
    draw(
        object,
        &place,
        &lines,
        background.as_deref(),
        drawing.measure,
    )
}

/// Gathers the text under `node` into `lines`, with the style it inherits.
fn collect(node: Node, inherited: &Style, lines: &mut Lines, drawing: &Drawing) {
    if node.is_text() {
        lines.push(node.text().unwrap_or_default(), inherited);
        return;
    }
    if !node.is_element() {
        return;
    }
    let tag = node.tag_name().name().to_ascii_lowercase();
    let mut style = inherited.clone();
    match tag.as_str() {
        "script" | "style" | "title" | "img" | "svg" => return,
        "br" => {
            lines.break_line(true);
            return;
        }
        "b" | "strong" | "th" => style.bold = true,
        "i" | "em" => style.italic = true,
        "code" | "tt" | "kbd" | "samp" | "pre" => style.mono = true,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => style.bold = true,
        _ => {}
    }
    if tag == "pre" {
        style.space = Space::Pre;
    }
    if let Some(inline) = node.attribute("style") {
        apply(&mut style, inline);
    }
    if lines.background.is_none() {
        let classes = node.attribute("class").unwrap_or_default();
        lines.background = node
            .attribute("style")
            .and_then(css::background)
            .or_else(|| {
                classes
                    .split_ascii_whitespace()
                    .find_map(|class| drawing.backgrounds.get(class).cloned())
            });
    }
    let block = matches!(
        tag.as_str(),
        "div" | "p" | "li" | "ul" | "ol" | "tr" | "table" | "pre" | "blockquote"
    ) || tag.starts_with('h') && tag.len() == 2;
    if block {
        lines.break_line(false);
    }
    for child in node.children() {
        collect(child, &style, lines, drawing);
    }
    if block {
        lines.break_line(false);
    }
}

/// Applies an inline `style` to `style`.
fn apply(style: &mut Style, inline: &str) {
    for (name, value) in css::declarations(inline) {
        let resolved = css::resolve(value);
        let value = resolved.as_deref().unwrap_or(value).trim();
        match name.as_str() {
            // draw.io sets 0 on the outer boxes so that their own white
            // space takes no room; the text inside sets its own size.
            "font-size" => {
                if let Some(px) = css::pixels(value, style.size) {
                    style.size = px.min(1000.0);
                }
            }
            "line-height" => {
                if let Ok(factor) = value.parse::<f32>() {
                    style.leading = factor.clamp(0.5, 10.0);
                } else if let Some(px) = css::pixels(value, style.size) {
                    if style.size > 0.0 {
                        style.leading = (px / style.size).clamp(0.5, 10.0);
                    }
                }
            }
            "font-weight" => {
                style.bold = value == "bold"
                    || value == "bolder"
                    || value.parse::<u32>().is_ok_and(|w| w >= 600);
            }
            "font-style" => style.italic = value == "italic" || value == "oblique",
            // A value with markup in it is no colour; it is left out
            // rather than written, escaped, into the text's `fill`.
            "color" if !value.is_empty() && !value.contains(['<', '&', '"']) => {
                style.color = Some(value.to_string());
            }
            "white-space" => {
                style.space = match value {
                    "nowrap" => Space::NoWrap,
                    "pre" => Space::Pre,
                    "pre-wrap" | "break-spaces" | "pre-line" => Space::PreWrap,
                    _ => Space::Normal,
                }
            }
            "text-align" => {
                style.align = match value {
                    "center" => Some(Align::Middle),
                    "right" | "end" => Some(Align::End),
                    "left" | "start" | "justify" => Some(Align::Start),
                    _ => style.align,
                }
            }
            _ => {}
        }
    }
}

/// The box the label is laid out in.
fn place(object: Node, canvas: (f32, f32), lines: &[Vec<Run>]) -> Place {
    let length = |name: &str, whole: f32| {
        let value = object.attribute(name)?.trim();
        match value.strip_suffix('%') {
            Some(p) => p.trim().parse::<f32>().ok().map(|p| p / 100.0 * whole),
            None => css::pixels(value, DEFAULT_PX),
        }
        .filter(|v| v.is_finite())
    };
    let x = length("x", canvas.0).unwrap_or(0.0);
    let y = length("y", canvas.1).unwrap_or(0.0);
    let width = length("width", canvas.0).unwrap_or(0.0);
    let height = length("height", canvas.1).unwrap_or(0.0);
    let text_align = lines
        .iter()
        .flatten()
        .find_map(|run| run.style.align)
        .unwrap_or(Align::Start);
    let first = object.children().find(Node::is_element);
    let flex = first
        .and_then(|div| div.attribute("style"))
        .map(|s| css::declarations(s).collect::<Vec<_>>())
        .filter(|d| {
            d.iter().any(|(n, _)| n == "margin-left") && d.iter().any(|(n, _)| n == "padding-top")
        });
    match flex {
        // draw.io: a flex box placed by its margin and padding, its
        // content aligned by `justify-content` and `align-items`.
        Some(decls) => {
            let get = |name: &str| {
                decls
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| *v)
                    .unwrap_or_default()
            };
            let px = |name: &str| css::pixels(get(name), DEFAULT_PX).unwrap_or(0.0);
            let keyword = |name: &str| {
                let v = get(name);
                if v.contains("center") {
                    0.5
                } else if v.contains("end") {
                    1.0
                } else {
                    0.0
                }
            };
            let align = match keyword("justify-content") {
                0.0 => Align::Start,
                1.0 => Align::End,
                _ => Align::Middle,
            };
            Place {
                left: x + px("margin-left"),
                top: y + px("padding-top"),
                width: px("width"),
                height: px("height"),
                align,
                valign: keyword("align-items"),
            }
        }
        None => Place {
            left: x,
            top: y,
            width,
            height,
            align: text_align,
            valign: 0.5,
        },
    }
}

/// Breaks lines that do not fit `width` at spaces, as a browser wraps
/// text whose white space is `normal`. A word wider than the width keeps
/// a line of its own.
fn wrap(lines: Vec<Vec<Run>>, width: Option<f32>, measure: Measure) -> Vec<Vec<Run>> {
    let Some(width) = width else {
        return lines;
    };
    let mut out = Vec::new();
    for line in lines {
        let wraps = line
            .iter()
            .all(|r| matches!(r.style.space, Space::Normal | Space::PreWrap));
        let size = |runs: &[Run]| -> f32 {
            runs.iter()
                .map(|r| measure(&r.text, r.style.size, r.style.bold))
                .sum()
        };
        if !wraps || size(&line) <= width + 0.5 {
            out.push(line);
            continue;
        }
        // Split into words that keep their style, then fill greedily.
        let mut words: Vec<Vec<Run>> = vec![Vec::new()];
        for run in line {
            for (k, piece) in run.text.split(' ').enumerate() {
                if k > 0 {
                    words.push(Vec::new());
                }
                if !piece.is_empty() {
                    words.last_mut().expect("a word").push(Run {
                        text: piece.to_string(),
                        style: run.style.clone(),
                    });
                }
            }
        }
        let mut current: Vec<Run> = Vec::new();
        let mut used = 0.0;
        for word in words.into_iter().filter(|w| !w.is_empty()) {
            let w = size(&word);
            let space = word
                .first()
                .map_or(0.0, |r| measure(" ", r.style.size, r.style.bold));
            if !current.is_empty() && used + space + w > width + 0.5 {
                out.push(std::mem::take(&mut current));
                used = 0.0;
            }
            if !current.is_empty() {
                let style = word[0].style.clone();
                join(
                    &mut current,
                    Run {
                        text: " ".into(),
                        style,
                    },
                );
                used += space;
            }
            used += w;
            for run in word {
                join(&mut current, run);
            }
        }
        out.push(current);
    }
    out
}

/// Adds `run` to `line`, as part of its last run when they share a style.
fn join(line: &mut Vec<Run>, run: Run) {
    match line.last_mut() {
        Some(last) if last.style == run.style => last.text.push_str(&run.text),
        _ => line.push(run),
    }
}

/// The `<text>` that draws `lines` in `place`, with the object's own
/// transform, on its background.
fn draw(
    object: Node,
    place: &Place,
    lines: &[Vec<Run>],
    background: Option<&str>,
    measure: Measure,
) -> String {
    let line_height = |line: &[Run]| {
        line.iter()
            .map(|r| r.style.size * r.style.leading)
            .fold(0.0f32, f32::max)
    };
    let heights: Vec<f32> = lines.iter().map(|l| line_height(l)).collect();
    let total: f32 = heights.iter().sum();
    let top = place.top + (place.height - total) * place.valign;
    let x = match place.align {
        Align::Start => place.left,
        Align::Middle => place.left + place.width / 2.0,
        Align::End => place.left + place.width,
    };
    let mut out = String::from("<g");
    if let Some(t) = object.attribute("transform") {
        let _ = write!(out, " transform=\"{}\"", escape(t));
    }
    out.push('>');
    if let Some(colour) = background {
        let width = lines
            .iter()
            .map(|line| {
                line.iter()
                    .map(|r| measure(&r.text, r.style.size, r.style.bold))
                    .sum::<f32>()
            })
            .fold(0.0f32, f32::max);
        let left = match place.align {
            Align::Start => x,
            Align::Middle => x - width / 2.0,
            Align::End => x - width,
        };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            num(left - 1.0),
            num(top),
            num(width + 2.0),
            num(total),
            escape(colour)
        );
    }
    let _ = write!(
        out,
        "<text text-anchor=\"{}\" xml:space=\"preserve\">",
        place.align.anchor()
    );
    let mut line_top = top;
    for (line, height) in lines.iter().zip(&heights) {
        let size = line.iter().map(|r| r.style.size).fold(0.0f32, f32::max);
        let baseline = line_top + (height - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size;
        line_top += height;
        if line.is_empty() {
            continue;
        }
        let _ = write!(out, "<tspan x=\"{}\" y=\"{}\">", num(x), num(baseline));
        for run in line {
            let s = &run.style;
            let _ = write!(out, "<tspan font-size=\"{}\"", num(s.size));
            if s.bold {
                // The face labels are set in has no bold: a thin outline in
                // the text's colour thickens it, as viewers embolden.
                let ink = s.color.as_deref().map_or("#000", |c| c);
                let _ = write!(
                    out,
                    " font-weight=\"bold\" stroke=\"{}\" stroke-width=\"{}\"",
                    escape(ink),
                    num(0.04 * s.size)
                );
            }
            if s.italic {
                out.push_str(" font-style=\"italic\"");
            }
            if s.mono {
                out.push_str(" font-family=\"monospace\"");
            }
            if let Some(color) = &s.color {
                let _ = write!(out, " fill=\"{}\"", escape(color));
            }
            let _ = write!(out, ">{}</tspan>", escape(&run.text));
        }
        out.push_str("</tspan>");
    }
    out.push_str("</text></g>");
    out
}

/// A coordinate as SVG reads it, to a hundredth of a pixel.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 100.0).round() / 100.0;
    format!("{r}")
}

/// Text escaped for an XML attribute or element.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::markdown::escape_xml(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use svg2pdf::usvg::roxmltree::Document;

    /// A face where every character is 0.6 em wide.
    fn measure(text: &str, size: f32, _bold: bool) -> f32 {
        text.chars().count() as f32 * 0.6 * size
    }

    fn label(svg: &str) -> String {
        let doc = Document::parse(svg).expect("xml");
        let object = doc
            .descendants()
            .find(|n| n.has_tag_name("foreignObject"))
            .expect("object");
        let drawing = Drawing {
            canvas: (400.0, 200.0),
            measure: &measure,
            backgrounds: [("labelBkg".to_string(), "#eee".to_string())].into(),
        };
        markup(object, &drawing)
    }

    #[test]
    fn a_drawio_label_is_placed_by_its_flex_box() {
        // draw.io's layout: an object as large as the drawing, the label
        // placed by the first div's margin and padding.
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="100%" height="100%"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex; align-items: unsafe center; justify-content: unsafe center; width: 78px; height: 1px; padding-top: 31px; margin-left: 71px;"><div style="font-size: 0; text-align: center;"><div style="display: inline-block; font-size: 12px; color: light-dark(#000000, #ffffff);">Queue</div></div></div></foreignObject></svg>"#;
        let text = label(svg);
        // Centred on x = 71 + 78 / 2, the line centred on y = 31.5.
        assert!(text.contains("text-anchor=\"middle\""), "{text}");
        assert!(text.contains("<tspan x=\"110\" y=\"35.65\">"), "{text}");
        assert!(text.contains("font-size=\"12\""), "{text}");
        assert!(text.contains("fill=\"#000000\""), "{text}");
        assert!(text.contains(">Queue</tspan>"), "{text}");
    }

    #[test]
    fn a_mermaid_label_is_centred_in_its_object() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><g transform="translate(10, 20)"><foreignObject width="120" height="48" transform="translate(-60, -24)"><div xmlns="http://www.w3.org/1999/xhtml" style="display: table-cell; white-space: nowrap; line-height: 1.5; max-width: 200px; text-align: center;"><span class="nodeLabel"><p>Load <b>balancer</b><br />tier one</p></span></div></foreignObject></g></svg>"#;
        let text = label(svg);
        assert!(
            text.starts_with("<g transform=\"translate(-60, -24)\">"),
            "{text}"
        );
        assert!(text.contains("text-anchor=\"middle\""), "{text}");
        // Two lines of 24 px fill the 48 px box: baselines 24 apart.
        assert!(text.contains("<tspan x=\"60\" y=\"17.54\">"), "{text}");
        assert!(text.contains("<tspan x=\"60\" y=\"41.54\">"), "{text}");
        assert!(
            text.contains(
                ">Load </tspan><tspan font-size=\"16\" font-weight=\"bold\" stroke=\"#000\" stroke-width=\"0.64\">balancer</tspan>"
            ),
            "{text}"
        );
        assert!(text.contains(">tier one</tspan>"), "{text}");
    }

    #[test]
    fn a_label_on_a_background_gets_a_box_behind_it() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="100" height="24"><div xmlns="http://www.w3.org/1999/xhtml" class="labelBkg" style="white-space: break-spaces; line-height: 1.5; text-align: center; width: 100px;"><p>calls</p></div></foreignObject></svg>"#;
        let text = label(svg);
        // "calls" is 48 px wide at 16 px: a box one pixel wider each side,
        // centred on the label, as tall as its line.
        assert!(
            text.contains(r##"<rect x="25" y="0" width="50" height="24" fill="#eee"/><text"##),
            "{text}"
        );
        let inline = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="100" height="24"><div xmlns="http://www.w3.org/1999/xhtml"><div style="background-color: light-dark(#ffffff, #000000); font-size: 10px">on</div></div></foreignObject></svg>"#;
        assert!(
            label(inline).contains(r##"fill="#ffffff"/>"##),
            "{}",
            label(inline)
        );
    }

    #[test]
    fn long_labels_wrap_to_their_width_and_spaces_collapse() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="60" height="60"><div xmlns="http://www.w3.org/1999/xhtml" style="font-size: 10px">one   two
three four</div></foreignObject></svg>"#;
        let text = label(svg);
        // Each word is 18 to 30 px wide at 6 px a letter: two fit in 60.
        let lines: Vec<&str> = text.split("<tspan x=").skip(1).collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].contains(">one two</tspan>"), "{text}");
        assert!(lines[1].contains(">three four</tspan>"), "{text}");
    }

    #[test]
    fn empty_objects_and_markup_in_text_are_safe() {
        let empty = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"> <img src="x.png"/> </div></foreignObject></svg>"#;
        assert_eq!(label(empty), "");
        let angle = r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="100" height="20"><div xmlns="http://www.w3.org/1999/xhtml" style="color: red&quot; onload=&quot;x">a &lt;b&gt; &amp; c</div></foreignObject></svg>"#;
        let text = label(angle);
        assert!(text.contains(">a &lt;b&gt; &amp; c</tspan>"), "{text}");
        assert!(!text.contains("onload"), "{text}");
    }
}
