//! One line's drawing, set from left to right: glyph runs joined where
//! they can be, strike-through lines, the space glyphs that keep copied text
//! whole, a break's hyphen, link areas, and the shift of a centred or
//! right-aligned line.

use super::words::CopySpans;
use super::{Align, Frag, ParaStyle};
use crate::frame::{Glyph, Item as Draw, Target};
use crate::layout::shape::{Shaped, ShapedGlyph};
use std::sync::Arc;

/// One line's drawing as it is set from left to right: the pen position,
/// what is drawn so far, and the link areas still growing.
pub(super) struct LineDraws<'a> {
    pub(super) baseline: f32,
    /// Pen position from the line's left edge.
    pub(super) x: f32,
    pub(super) draws: Vec<Draw>,
    /// (link id, left, right) of each run of boxes in one link.
    pub(super) link_spans: Vec<(u32, f32, f32)>,
    /// The fragment of the last box, whose face spaces and a break's hyphen
    /// are set in.
    pub(super) prev_frag: Option<&'a Frag>,
    /// Which pieces of cut words copy as something else.
    pub(super) spans: CopySpans<'a>,
    /// About how many glyphs the rest of the line draws: a new run
    /// reserves room for them, so that words joining it need not grow it
    /// again and again.
    pub(super) room: usize,
}

impl<'a> LineDraws<'a> {
    pub(super) fn new(baseline: f32, spans: CopySpans<'a>) -> Self {
        LineDraws {
            baseline,
            x: 0.0,
            draws: Vec::new(),
            link_spans: Vec::new(),
            prev_frag: None,
            spans,
            room: 0,
        }
    }

    /// Draws a box's fragment `f` (`glyphs`, `tracking` points apart beyond
    /// their advances, at the pen) with its strike-through, and lets a
    /// link's area grow over it: adjacent boxes of one link share one area.
    /// `word` is the word the box belongs to.
    pub(super) fn push_box(
        &mut self,
        f: &'a Frag,
        glyphs: &[ShapedGlyph],
        tracking: f32,
        width: f32,
        word: u32,
    ) {
        let (x, baseline) = (self.x, self.baseline);
        self.spans.before_box(word, &mut self.draws);
        self.room = self.room.saturating_sub(glyphs.len());
        push_merged(
            &mut self.draws,
            f,
            (glyphs, tracking),
            (x, baseline),
            self.room,
        );
        if f.strike {
            let y = baseline - f.rise - 0.28 * f.size;
            self.draws.push(Draw::Line {
                from: (x, y),
                to: (x + width, y),
                width: 0.05 * f.size,
                color: f.color,
            });
        }
        if let Some(l) = f.link {
            match self.link_spans.last_mut() {
                Some((id, _, end)) if *id == l => *end = x + width,
                _ => self.link_spans.push((l, x, x + width)),
            }
        }
        self.prev_frag = Some(f);
        self.x += width;
    }

    /// Adds a space glyph to the last text run at the pen, so the gap is
    /// text for extraction; it draws nothing and moves no pen.
    pub(super) fn push_space(&mut self, space: &Shaped) {
        let x = self.x;
        if let Some(g) = space.glyphs.first() {
            if let Some(Draw::Text { glyphs, x: x0, .. }) = self.draws.last_mut() {
                glyphs.push(Glyph {
                    id: g.id,
                    x: x - *x0,
                    dy: 0,
                    text: " ".into(),
                });
            }
        }
    }

    /// Draws the hyphen of a break at a hyphenation point, in the face of
    /// the fragment before it.
    pub(super) fn push_hyphen(&mut self, hyphen: Arc<Shaped>, f: &Frag, width: f32) {
        if let Some(g) = hyphen.glyphs.first() {
            let draw = f.draw_glyphs(std::slice::from_ref(g), (self.x, self.baseline), 0.0);
            self.draws.push(draw);
        }
        self.x += width;
    }

    /// The line's draws: link areas added, the line moved for centred or
    /// right alignment, and the buffers trimmed to size.
    pub(super) fn finish(self, style: &ParaStyle, measure: f32, links: &[String]) -> Vec<Draw> {
        let LineDraws {
            x,
            mut draws,
            link_spans,
            mut spans,
            ..
        } = self;
        spans.finish(&mut draws);
        for (l, a, b) in link_spans {
            draws.push(Draw::Link {
                x: a,
                y: 0.0,
                w: b - a,
                h: style.leading,
                target: Target::Url(links[l as usize].clone()),
            });
        }
        let shift = match style.align {
            Align::Center => ((measure - x) / 2.0).max(0.0),
            Align::Right => (measure - x).max(0.0),
            _ => 0.0,
        };
        if shift > 0.0 {
            for d in &mut draws {
                crate::layout::translate(d, shift, 0.0);
            }
        }
        // Runs grow by doubling as fragments join them; the lines of a
        // long document live until it is written, so they keep no slack
        // (at 5,000 questions it was about 70 MB of the peak).
        for d in &mut draws {
            if let Draw::Text { glyphs, .. } = d {
                glyphs.shrink_to_fit();
            }
        }
        draws.shrink_to_fit();
        draws
    }
}

/// Appends `f`'s glyphs drawn at `(x, baseline)`, joining them to the
/// previous text draw when face, size, colour and baseline match, so a
/// hyphenated or styled word stays one run for text extraction. The glyphs
/// go straight into the run: a word's own vector, made and dropped for
/// each word of a document, cost more than placing them. A new run
/// reserves `room` more glyphs.
fn push_merged(
    draws: &mut Vec<Draw>,
    f: &Frag,
    (glyphs, tracking): (&[ShapedGlyph], f32),
    (x, baseline): (f32, f32),
    room: usize,
) {
    let y = baseline - f.rise;
    if let Some(Draw::Text {
        face,
        size,
        x: x0,
        y: y0,
        color,
        glyphs: run,
        ..
    }) = draws.last_mut()
    {
        if *face == f.face && *size == f.size && *y0 == y && *color == f.color {
            let dx = x - *x0;
            run.extend(
                f.placed(glyphs, tracking)
                    .map(|g| Glyph { x: g.x + dx, ..g }),
            );
            return;
        }
    }
    let mut run = Vec::with_capacity(glyphs.len() + room);
    run.extend(f.placed(glyphs, tracking));
    draws.push(Draw::Text {
        face: f.face,
        size: f.size,
        x,
        y,
        color: f.color,
        glyphs: run,
        tracking,
    });
}
