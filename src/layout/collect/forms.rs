//! What a page offers to write on: ruled lines for notes, and the score
//! row with its comments box.

use super::{glyphs_of, Collector, Ctx};
use crate::frame::{Color, FaceId, Item as Draw};
use crate::layout::flow::{Element, Grow};

impl Collector<'_, '_> {
    /// Ruled lines to write on, spaced for handwriting (about 7 mm); with
    /// `fill`, the last one repeats down to the page foot.
    pub(super) fn notes(&mut self, n: usize, fill: bool, ctx: &Ctx, gap: f32) {
        let pitch = 1.9 * self.style.size;
        for k in 0..n {
            let rule = Draw::Line {
                from: (ctx.x, pitch - 1.0),
                to: (ctx.x + ctx.measure, pitch - 1.0),
                width: 0.4,
                color: Color::gray(0.65),
            };
            let mut e = Element::new(pitch, 0.0, vec![rule]);
            e.space_before = if k == 0 { gap } else { 0.0 };
            // Lines to write on are one block: a page break inside them
            // leaves a stub on each side.
            e.keep_with_next = k + 1 < n;
            if fill && k + 1 == n {
                e.grow = Some(Grow::Rules(pitch));
            }
            self.decorate(&mut e, ctx);
            self.out.push(e);
        }
    }

    /// A "Score" row of five numbered boxes and a comments box below it.
    pub(super) fn score(&mut self, ctx: &Ctx, gap: f32) {
        let s = self.style.size;
        let small = 0.8 * s;
        let box_side = 1.7 * s;
        let ink = Color::gray(0.35);
        let stroke = |a: (f32, f32), b: (f32, f32)| Draw::Line {
            from: a,
            to: b,
            width: 0.5,
            color: ink,
        };
        let rect = |x: f32, y: f32, w: f32, h: f32| {
            vec![
                stroke((x, y), (x + w, y)),
                stroke((x + w, y), (x + w, y + h)),
                stroke((x + w, y + h), (x, y + h)),
                stroke((x, y + h), (x, y)),
            ]
        };
        let label = self.setter.shaper.shape(FaceId::Bold, "Score");
        // The label and the digits sit on one baseline, centred on the
        // boxes (lining figures and capitals are about 0.7 em tall).
        let baseline = 0.5 * box_side + 0.35 * s;
        let mut items = vec![Draw::Text {
            face: FaceId::Bold,
            size: s,
            x: ctx.x,
            y: baseline,
            color: Color::BLACK,
            glyphs: glyphs_of(&label, s),
            tracking: 0.0,
        }];
        let mut x = ctx.x + label.width * s + 0.8 * s;
        for n in 1..=5 {
            items.extend(rect(x, 0.0, box_side, box_side));
            let digit = self.setter.shaper.shape(FaceId::Regular, &n.to_string());
            let dx = x + (box_side - digit.width * s) / 2.0;
            items.push(Draw::Text {
                face: FaceId::Regular,
                size: s,
                x: dx,
                y: baseline,
                color: ink,
                glyphs: glyphs_of(&digit, s),
                tracking: 0.0,
            });
            x += box_side + 0.45 * s;
        }
        let mut row = Element::new(box_side + 0.4 * s, baseline, items);
        row.space_before = gap;
        row.keep_with_next = true;
        self.decorate(&mut row, ctx);
        self.out.push(row);
        let h = 4.6 * s;
        let mut items = rect(ctx.x, 0.0, ctx.measure, h);
        let comments = self.setter.shaper.shape(FaceId::Italic, "Comments");
        items.push(Draw::Text {
            face: FaceId::Italic,
            size: small,
            x: ctx.x + 0.35 * s,
            y: 0.35 * s + small,
            color: ink,
            glyphs: glyphs_of(&comments, small),
            tracking: 0.0,
        });
        let mut boxed = Element::new(h, 0.35 * s + small, items);
        boxed.space_before = 0.3 * s;
        // Before a page break, the box takes the rest of the page: room to
        // write instead of white paper.
        boxed.grow = Some(Grow::Box(0.5 * h));
        self.decorate(&mut boxed, ctx);
        self.out.push(boxed);
    }
}
