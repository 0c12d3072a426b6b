//! Tables: columns at their natural width, or sharing what is left when
//! that is too wide; a cell holding only `[ ]` is a box to write in.

use super::{keeps, Collector, Ctx};
use crate::frame::{Color, Item as Draw, Role};
use crate::layout::flow::{Element, Tag};
use crate::layout::inline::{Align, Line, ParaStyle};
use crate::layout::translate;
use crate::markdown::{plain_text, Align as ColAlign, Inline};

impl Collector<'_, '_> {
    pub(super) fn table(
        &mut self,
        align: &[ColAlign],
        rows: &[Vec<Vec<Inline>>],
        ctx: &Ctx,
        gap: f32,
    ) {
        let s = self.style.size;
        let size = 0.92 * s;
        let cols = align
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if cols == 0 || rows.is_empty() {
            return;
        }
        let pad = 0.45 * s;
        let base = ParaStyle {
            align: Align::Left,
            hyphenate: false,
            ..self.para(size)
        };
        // Natural width of each column: its widest cell set on one line.
        let mut natural = vec![2.0 * pad; cols];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().take(cols) {
                let style = ParaStyle {
                    bold: r == 0,
                    ..base
                };
                let w = if r > 0 && is_write_in(cell) {
                    write_in_side(s)
                } else {
                    line_width(&self.setter.paragraph(cell, &style, 1e6))
                };
                natural[c] = natural[c].max(w + 2.0 * pad);
            }
        }
        let total: f32 = natural.iter().sum();
        let widths: Vec<f32> = if total <= ctx.measure {
            natural
        } else {
            // Narrow columns keep their width; wide ones share what is left.
            let fair = ctx.measure / cols as f32;
            let narrow: f32 = natural.iter().filter(|w| **w <= fair).sum();
            let wide: f32 = natural.iter().filter(|w| **w > fair).sum();
            let room = (ctx.measure - narrow).max(0.0);
            natural
                .iter()
                .map(|w| if *w <= fair { *w } else { w / wide * room })
                .collect()
        };
        let table_w: f32 = widths.iter().sum();
        let n = rows.len();
        for (r, row) in rows.iter().enumerate() {
            let mut items = Vec::new();
            let mut height: f32 = 0.0;
            let mut x = ctx.x;
            let mut baseline = 0.0;
            for (c, width) in widths.iter().enumerate() {
                let cell = row.get(c).map(Vec::as_slice).unwrap_or(&[]);
                let col_align = match align.get(c) {
                    Some(ColAlign::Center) => Align::Center,
                    Some(ColAlign::Right) => Align::Right,
                    _ => Align::Left,
                };
                let style = ParaStyle {
                    bold: r == 0,
                    align: col_align,
                    ..base
                };
                if r > 0 && is_write_in(cell) {
                    let side = write_in_side(s);
                    let room = width - 2.0 * pad - side;
                    let left = x
                        + pad
                        + match col_align {
                            Align::Center => room / 2.0,
                            Align::Right => room,
                            _ => 0.0,
                        };
                    items.extend(square(left, 0.3 * s, side));
                    height = height.max(side + 0.6 * s);
                    x += width;
                    continue;
                }
                let lines = self
                    .setter
                    .paragraph(cell, &style, (width - 2.0 * pad).max(1.0));
                let mut y = 0.3 * s;
                for line in lines {
                    if baseline == 0.0 {
                        baseline = y + line.baseline;
                    }
                    for mut d in line.items {
                        translate(&mut d, x + pad, y);
                        items.push(d);
                    }
                    y += line.height;
                }
                height = height.max(y + 0.3 * s);
                x += width;
            }
            let rule = |y: f32, w: f32| Draw::Line {
                from: (ctx.x, y),
                to: (ctx.x + table_w, y),
                width: w,
                color: Color::BLACK,
            };
            if r == 0 {
                items.push(rule(0.0, 0.8));
                items.push(rule(height, 0.5));
            }
            if r + 1 == n {
                items.push(rule(height, 0.8));
            }
            let mut e = Element::new(height, baseline, items);
            e.space_before = if r == 0 { gap } else { 0.0 };
            e.keep_with_next = r == 0 || keeps(r, n);
            e.tag = Some(Tag {
                first_in_group: r == 0,
                ..Tag::start(Role::TR)
            });
            self.decorate(&mut e, ctx);
            self.out.push(e);
        }
    }
}

/// Whether a table cell is `[ ]`: a box to write in (a score, a tick).
pub(super) fn is_write_in(cell: &[Inline]) -> bool {
    plain_text(cell).trim() == "[ ]"
}

/// Side of a write-in box in a table of body size `s`: as tall as a row
/// of text, so the table keeps its rhythm.
pub(super) fn write_in_side(s: f32) -> f32 {
    1.2 * s
}

/// The four sides of a square box with its top-left corner at `(x, y)`.
pub(super) fn square(x: f32, y: f32, side: f32) -> [Draw; 4] {
    let stroke = |a: (f32, f32), b: (f32, f32)| Draw::Line {
        from: a,
        to: b,
        width: 0.5,
        color: Color::gray(0.35),
    };
    [
        stroke((x, y), (x + side, y)),
        stroke((x + side, y), (x + side, y + side)),
        stroke((x + side, y + side), (x, y + side)),
        stroke((x, y + side), (x, y)),
    ]
}

pub(super) fn line_width(lines: &[Line]) -> f32 {
    lines
        .iter()
        .flat_map(|l| l.items.iter())
        .filter_map(|d| match d {
            Draw::Text {
                x, glyphs, size, ..
            } => glyphs.last().map(|g| x + g.x + 0.6 * size),
            _ => None,
        })
        .fold(0.0, f32::max)
}
