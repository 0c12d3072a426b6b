//! An image the Markdown shows, as written: which file, its alt text, a
//! size hint and where it stands. The file is read by a later stage.

use super::{Align, Inline};
use crate::image::Image;
use std::sync::Arc;

/// A picture standing on its own in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The file, as the Markdown names it.
    pub src: String,
    /// The alt text: printed when the picture cannot be, and kept in a
    /// tagged PDF.
    pub alt: String,
    /// Size hint: the title `"width=60%"` or `"width=50mm"`, or an HTML
    /// `width` attribute.
    pub width: Option<Width>,
    /// Where it stands across the column.
    pub align: Align,
    /// 1-based line of the Markdown where it is written.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The picture, once read; `None` until then, and for a picture that
    /// is not read (a remote URL): the alt text is printed instead.
    pub image: Option<Arc<Image>>,
}

/// A requested width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// A share of the column, 0 to 1.
    Share(f32),
    /// A length in points.
    Points(f32),
}

impl Figure {
    /// A Markdown image `![alt](src "title")`.
    pub(super) fn new(src: &str, alt: String, title: &str, line: usize, col: usize) -> Figure {
        Figure {
            src: src.to_string(),
            alt,
            width: title_width(title),
            align: Align::Center,
            line,
            col,
            image: None,
        }
    }

    /// An HTML `<img>`; `None` without a `src`.
    pub(super) fn from_html(
        attrs: &[(String, String)],
        line: usize,
        align: Option<Align>,
    ) -> Option<Figure> {
        let src = super::html::attr(attrs, "src").filter(|s| !s.trim().is_empty())?;
        let alt = super::html::attr(attrs, "alt").unwrap_or("").to_string();
        let width = super::html::attr(attrs, "width").and_then(html_width);
        Some(Figure {
            src: src.trim().to_string(),
            alt,
            width,
            align: align.unwrap_or(Align::Center),
            line,
            col: 1,
            image: None,
        })
    }

    /// What is printed in place of the picture.
    pub fn fallback(&self) -> Vec<Inline> {
        let alt = if self.alt.trim().is_empty() {
            self.src.as_str()
        } else {
            self.alt.trim()
        };
        vec![Inline::Emph(vec![Inline::Text(format!("[image: {alt}]"))])]
    }
}

/// `width=60%`, `width=50mm` (also `cm`, `in`, `pt`) in an image's title;
/// any other title is no hint.
fn title_width(title: &str) -> Option<Width> {
    let value = title.trim().strip_prefix("width")?.trim_start();
    let value = value.strip_prefix(['=', ':'])?.trim();
    length(value)
}

/// An HTML `width`: a number of CSS pixels (96 to the inch) or a percentage.
fn html_width(value: &str) -> Option<Width> {
    let value = value.trim();
    match value.parse::<f32>() {
        Ok(px) if px.is_finite() && px > 0.0 => Some(Width::Points(px * 0.75)),
        _ => length(value.strip_suffix("px").map_or(value, |v| v.trim())).or_else(|| {
            let px = value.strip_suffix("px")?.trim().parse::<f32>().ok()?;
            (px.is_finite() && px > 0.0).then_some(Width::Points(px * 0.75))
        }),
    }
}

/// A length with its unit, or a percentage.
fn length(value: &str) -> Option<Width> {
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let number: f32 = value[..split].parse().ok()?;
    if !number.is_finite() || number <= 0.0 {
        return None;
    }
    let points = |per: f32| Some(Width::Points(number * per));
    match value[split..].trim() {
        "%" => Some(Width::Share((number / 100.0).min(1.0))),
        "mm" => points(72.0 / 25.4),
        "cm" => points(72.0 / 2.54),
        "in" => points(72.0),
        "pt" => points(1.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_hints_are_read_from_the_title() {
        assert_eq!(title_width("width=60%"), Some(Width::Share(0.6)));
        assert_eq!(title_width(" width: 1in "), Some(Width::Points(72.0)));
        assert_eq!(title_width("width=25.4mm"), Some(Width::Points(72.0)));
        assert_eq!(title_width("A caption"), None);
        assert_eq!(title_width("width=-3mm"), None);
        assert_eq!(title_width("width=3 furlongs"), None);
        assert_eq!(html_width("200"), Some(Width::Points(150.0)));
        assert_eq!(html_width("50%"), Some(Width::Share(0.5)));
    }
}
