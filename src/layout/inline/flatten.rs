//! Inline content flattened into one string of text and the style runs
//! over it: the faces, sizes, raised text, colours and links the line
//! setter shapes. A character the run's face lacks is given to a fallback
//! face here, so shaping never meets a glyph it cannot draw.

use super::{ParaStyle, LINK_COLOR};
use crate::font::Fonts;
use crate::frame::{Color, FaceId};
use crate::markdown::Inline;

/// A stretch of the paragraph text set in one style.
pub(super) struct Run {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) face: FaceId,
    pub(super) size: f32,
    /// Raised (`<sup>`) or lowered (`<sub>`) text: points above the baseline.
    pub(super) rise: f32,
    pub(super) color: Color,
    pub(super) link: Option<u32>,
    pub(super) strike: bool,
}

impl Run {
    pub(super) fn face_is_mono(&self) -> bool {
        matches!(self.face, FaceId::Mono | FaceId::MonoBold)
    }
}

#[derive(Clone, Copy)]
pub(super) struct Flags {
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) strike: bool,
    pub(super) link: Option<u32>,
    /// Points above the baseline, for raised and lowered text.
    pub(super) rise: f32,
    /// Size relative to the paragraph's: raised text is smaller.
    pub(super) scale: f32,
}

impl Flags {
    pub(super) fn base(style: &ParaStyle) -> Flags {
        Flags {
            bold: style.bold,
            italic: style.italic,
            strike: false,
            link: None,
            rise: 0.0,
            scale: 1.0,
        }
    }

    /// The flags of text raised (`up`) or lowered one level, at 70% of the
    /// size around it, as LaTeX sets a first-level index: a superscript's
    /// baseline a third of the size above, a subscript's a seventh below.
    fn shifted(self, style: &ParaStyle, up: bool) -> Flags {
        let size = style.size * self.scale;
        Flags {
            rise: self.rise + if up { 0.33 * size } else { -0.14 * size },
            scale: self.scale * 0.7,
            ..self
        }
    }
}

/// The face that draws `c` when the text's own face lacks it: the symbol
/// fallback, then the emoji and symbols face.
pub(in crate::layout) fn fallback_face(fonts: &crate::font::Fonts, c: char) -> Option<FaceId> {
    [FaceId::Fallback, FaceId::Symbols]
        .into_iter()
        .find(|&f| fonts.face(f).has_glyph(c))
}

pub(super) fn face_for(flags: Flags, mono: bool) -> FaceId {
    match (mono, flags.bold, flags.italic) {
        (true, false, _) => FaceId::Mono,
        (true, true, _) => FaceId::MonoBold,
        (false, false, false) => FaceId::Regular,
        (false, true, false) => FaceId::Bold,
        (false, false, true) => FaceId::Italic,
        (false, true, true) => FaceId::BoldItalic,
    }
}

/// What the paragraph's text is set with, gathered while flattening.
pub(super) struct Flat<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) text: String,
    pub(super) runs: Vec<Run>,
    pub(super) links: Vec<String>,
    /// Characters no face could draw (set as a placeholder).
    pub(super) missing: Vec<char>,
}

impl Flat<'_> {
    /// Appends `s` in the given style. Characters the style's face lacks go
    /// to the fallback face, and those no face has become a visible U+FFFD.
    fn push(&mut self, s: &str, mono: bool, flags: Flags, style: &ParaStyle) {
        let base = face_for(flags, mono || style.mono);
        let size = flags.scale
            * if mono && !style.mono {
                style.size * 0.88
            } else {
                style.size
            };
        let color = if flags.link.is_some() {
            LINK_COLOR
        } else {
            style.color
        };
        for c in s.chars() {
            // Control characters and tabs have no glyph; newlines are explicit breaks.
            let mut c = if c == '\n' {
                '\n'
            } else if c.is_control() {
                ' '
            } else {
                c
            };
            let face = if c.is_whitespace() || is_ignorable(c) || self.fonts.face(base).has_glyph(c)
            {
                base
            } else if let Some(face) = fallback_face(self.fonts, c) {
                face
            } else {
                if !self.missing.contains(&c) {
                    self.missing.push(c);
                }
                c = '\u{fffd}';
                FaceId::Fallback
            };
            let start = self.text.len();
            self.text.push(c);
            match self.runs.last_mut() {
                Some(r)
                    if r.end == start
                        && r.face == face
                        && r.size == size
                        && r.rise == flags.rise
                        && r.color == color
                        && r.link == flags.link
                        && r.strike == flags.strike =>
                {
                    r.end = self.text.len();
                }
                _ => self.runs.push(Run {
                    start,
                    end: self.text.len(),
                    face,
                    size,
                    rise: flags.rise,
                    color,
                    link: flags.link,
                    strike: flags.strike,
                }),
            }
        }
    }
}

/// Characters shaping hides (joiners, variation selectors): they stay with
/// their neighbours instead of asking for a glyph.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{e0100}'..='\u{e01ef}')
}

pub(super) fn flatten(inlines: &[Inline], style: &ParaStyle, flags: Flags, flat: &mut Flat) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => flat.push(&t.replace('\n', " "), false, flags, style),
            Inline::Code(t) => flat.push(&t.replace('\n', " "), true, flags, style),
            Inline::SoftBreak => flat.push(" ", false, flags, style),
            Inline::LineBreak => flat.push("\n", false, flags, style),
            // Emphasis inside italic text turns upright, as LaTeX's \emph does.
            Inline::Emph(c) => flatten(
                c,
                style,
                Flags {
                    italic: !flags.italic,
                    ..flags
                },
                flat,
            ),
            Inline::Strong(c) => flatten(
                c,
                style,
                Flags {
                    bold: true,
                    ..flags
                },
                flat,
            ),
            Inline::Strike(c) => flatten(
                c,
                style,
                Flags {
                    strike: true,
                    ..flags
                },
                flat,
            ),
            // Nesting is bounded by the document's depth limit, and each
            // level is smaller: three levels down is a third of the size.
            Inline::Sup(c) => flatten(c, style, flags.shifted(style, true), flat),
            Inline::Sub(c) => flatten(c, style, flags.shifted(style, false), flat),
            Inline::Link { url, content } => {
                flat.links.push(url.clone());
                let id = (flat.links.len() - 1) as u32;
                flatten(
                    content,
                    style,
                    Flags {
                        link: Some(id),
                        ..flags
                    },
                    flat,
                );
            }
        }
    }
}
