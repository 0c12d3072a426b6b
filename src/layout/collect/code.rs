//! Code blocks: one row per line on a tinted ground, shaped in runs per
//! face so symbols the code face lacks come from the fallbacks, and long
//! lines wrapped after a space or punctuation with a drawn continuation mark.

use super::{glyphs_of, keeps, Collector, Ctx, CODE_BG};
use crate::frame::{Color, FaceId, Glyph, Item as Draw, Role};
use crate::layout::flow::{Element, Tag};

impl Collector<'_, '_> {
    /// Shapes one code line: runs in the code face, and characters it lacks
    /// in the fallback faces (or as U+FFFD, recorded as missing). Returns
    /// the glyphs with their x along the line, each glyph's face, and the
    /// line's width.
    pub(super) fn shape_code(&mut self, line: &str, size: f32) -> (Vec<Glyph>, Vec<FaceId>, f32) {
        let fonts = self.setter.shaper.fonts();
        let mut runs: Vec<(FaceId, String)> = Vec::new();
        for c in line.chars() {
            let (face, c) = if c == ' ' || fonts.face(FaceId::Mono).has_glyph(c) {
                (FaceId::Mono, c)
            } else if let Some(face) = crate::layout::inline::fallback_face(fonts, c) {
                (face, c)
            } else {
                let question = self.setter.question.clone();
                let missing = &mut self.setter.missing;
                if !missing.iter().any(|(m, q)| *m == c && *q == question) {
                    missing.push((c, question));
                }
                (FaceId::Fallback, '\u{fffd}')
            };
            match runs.last_mut() {
                Some((f, text)) if *f == face => text.push(c),
                _ => runs.push((face, c.to_string())),
            }
        }
        let (mut glyphs, mut faces, mut x) = (Vec::new(), Vec::new(), 0.0);
        for (face, text) in runs {
            let shaped = self.setter.shaper.shape(face, &text);
            for mut g in glyphs_of(&shaped, size) {
                g.x += x;
                glyphs.push(g);
                faces.push(face);
            }
            x += shaped.width * size;
        }
        (glyphs, faces, x)
    }

    pub(super) fn code(&mut self, text: &str, ctx: &Ctx, gap: f32) {
        let s = self.style.size;
        let size = 0.86 * s;
        let leading = size * 1.3;
        let pad = 0.45 * s;
        let avail = (ctx.measure - 2.0 * pad).max(size);
        // Room for the drawn continuation mark at the right edge.
        let mark_w = 0.7 * size;
        let mut rows: Vec<(Vec<Glyph>, Vec<FaceId>, bool, f32)> = Vec::new();
        for raw in text.split('\n') {
            let line = expand(raw);
            let (glyphs, faces, width) = self.shape_code(&line, size);
            // Wrap where the row is full, leaving room for the mark; a
            // continuation is indented two columns past the line's own indent.
            let limit = avail - mark_w - 0.3 * size;
            // The leading spaces' width: where the first other glyph sits.
            let hang = glyphs
                .iter()
                .find(|g| g.text.as_str() != " ")
                .map_or(width, |g| g.x)
                + 2.0 * size * 0.6;
            let mut startx = 0.0;
            let mut begin = 0;
            let mut indent = 0.0;
            let mut i = 0;
            while i < glyphs.len() {
                let right = glyphs.get(i + 1).map_or(width, |g| g.x) - startx + indent;
                if right > limit && i > begin {
                    let next = wrap_point(&glyphs, begin, i);
                    let part: Vec<Glyph> = glyphs[begin..next]
                        .iter()
                        .map(|g| Glyph {
                            x: g.x - startx + indent,
                            ..g.clone()
                        })
                        .collect();
                    rows.push((part, faces[begin..next].to_vec(), true, indent));
                    begin = next;
                    startx = glyphs[next].x;
                    indent = hang.min(limit / 2.0);
                    i = next;
                    continue;
                }
                i += 1;
            }
            let part: Vec<Glyph> = glyphs[begin..]
                .iter()
                .map(|g| Glyph {
                    x: g.x - startx + indent,
                    ..g.clone()
                })
                .collect();
            rows.push((part, faces[begin..].to_vec(), false, indent));
        }
        let n = rows.len();
        for (k, (glyphs, faces, continued, _)) in rows.into_iter().enumerate() {
            let top = if k == 0 { pad } else { 0.0 };
            let bottom = if k + 1 == n { pad } else { 0.0 };
            let height = leading + top + bottom;
            let baseline = top + (leading - size) / 2.0 + 0.8 * size;
            let mut items = vec![Draw::Rect {
                x: ctx.x,
                y: 0.0,
                w: ctx.measure,
                h: height,
                color: CODE_BG,
            }];
            // One text run per face: a symbol the code face lacks comes
            // from the fallbacks, at its place in the row.
            let mut start = 0;
            while start < glyphs.len() {
                let face = faces[start];
                let end = (start..glyphs.len())
                    .find(|&i| faces[i] != face)
                    .unwrap_or(glyphs.len());
                items.push(Draw::Text {
                    face,
                    size,
                    x: ctx.x + pad,
                    y: baseline,
                    color: Color::BLACK,
                    glyphs: glyphs[start..end].to_vec(),
                    tracking: 0.0,
                });
                start = end;
            }
            if continued {
                // A hooked arrow, drawn rather than typed, so copied code
                // does not pick up a stray character.
                let right = ctx.x + ctx.measure - pad;
                let left = right - mark_w;
                let (top, y) = (baseline - 0.62 * size, baseline - 0.22 * size);
                let mark = Color::gray(0.5);
                let stroke = |a: (f32, f32), b: (f32, f32)| Draw::Line {
                    from: a,
                    to: b,
                    width: 0.06 * size,
                    color: mark,
                };
                items.push(stroke((right, top), (right, y)));
                items.push(stroke((right, y), (left, y)));
                items.push(stroke((left, y), (left + 0.22 * size, y - 0.18 * size)));
                items.push(stroke((left, y), (left + 0.22 * size, y + 0.18 * size)));
            }
            let mut e = Element::new(height, baseline, items);
            e.space_before = if k == 0 { gap } else { 0.0 };
            e.keep_with_next = keeps(k, n);
            e.tag = Some(if k == 0 {
                Tag::start(Role::Code)
            } else {
                Tag::more(Role::Code)
            });
            self.decorate(&mut e, ctx);
            self.out.push(e);
        }
    }
}

/// Where a code row that is full at glyph `full` should end: after the
/// last space or punctuation in its second half, so identifiers stay whole,
/// or at `full` when there is none.
pub(super) fn wrap_point(glyphs: &[Glyph], begin: usize, full: usize) -> usize {
    let breaks_after = |g: &Glyph| {
        matches!(
            g.text.as_str(),
            " " | "," | ";" | "(" | "[" | "{" | "." | "/" | "=" | "&" | "|" | ":" | ">"
        )
    };
    let half = begin + (full - begin) / 2;
    (half.max(begin + 1)..full)
        .rev()
        .find(|&j| breaks_after(&glyphs[j - 1]) && glyphs[j].text.as_str() != " ")
        .unwrap_or(full)
}

/// Expands tabs to 4-column stops and blanks out other control characters,
/// which have no glyph.
pub(super) fn expand(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(if c.is_control() { ' ' } else { c });
            col += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                id: 1,
                x: i as f32 * 6.0,
                dy: 0,
                text: c.to_string().as_str().into(),
            })
            .collect()
    }

    #[test]
    fn code_wraps_after_a_space_or_punctuation_before_cutting_a_word() {
        let g = glyphs("let total = compute(first, second_value)");
        // Full at "second_va|lue": the row ends after "first, ".
        let full = "let total = compute(first, second_va".len();
        let next = wrap_point(&g, 0, full);
        assert_eq!(next, "let total = compute(first, ".len());
        // No break in the second half: cut where full.
        let g = glyphs("abcdefghijklmnopqrstuvwxyz");
        assert_eq!(wrap_point(&g, 0, 20), 20);
    }
}
