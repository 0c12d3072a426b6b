//! A figure: its picture scaled into the column, whole.
//!
//! A picture fills the column unless a hint asks for less, and is never
//! drawn larger than its pixels at 300 dpi. It is one element, so a page
//! break never cuts it; one taller than the column shrinks to fit it.

use super::{Collector, Ctx, Element};
use crate::frame::{Item as Draw, Role};
use crate::layout::flow::Tag;
use crate::markdown::{Align, Block, Figure, Width};

impl Collector<'_, '_> {
    /// Sets a figure, or its alt text when the picture was not read.
    pub(super) fn figure(&mut self, figure: &Figure, ctx: &Ctx, gap: f32) {
        let Some(image) = &figure.image else {
            self.block(&Block::Paragraph(figure.fallback()), ctx, gap);
            return;
        };
        let room = Room {
            measure: ctx.measure,
            height: self.style.figure_height,
            scale: self.style.figure_scale,
        };
        let (w, h) = size(image.natural_size(), figure.width, room);
        let x = ctx.x
            + match figure.align {
                Align::Left => 0.0,
                Align::Center => (ctx.measure - w) / 2.0,
                Align::Right => ctx.measure - w,
            };
        let draw = Draw::Image {
            x,
            y: 0.0,
            w,
            h,
            image: image.clone(),
        };
        let mut e = Element::new(h, 0.0, vec![draw]);
        e.space_before = gap.max(0.3 * self.style.size);
        let alt = figure.alt.trim();
        e.tag = Some(Tag {
            alt: (!alt.is_empty()).then(|| alt.into()),
            ..Tag::start(Role::Figure)
        });
        self.decorate(&mut e, ctx);
        self.out.push(e);
    }
}

/// Where a figure goes.
#[derive(Debug, Clone, Copy)]
struct Room {
    /// Column width.
    measure: f32,
    /// Column height: the tallest a figure may be.
    height: f32,
    /// How much the text was scaled from its configured size.
    scale: f32,
}

/// The drawn size of a picture whose largest size is `natural`, with its
/// aspect kept: the hint (or else the column width), never more than the
/// natural size, then scaled with the text and shrunk to fit the column.
fn size(natural: (f32, f32), hint: Option<Width>, room: Room) -> (f32, f32) {
    let (nw, nh) = natural;
    let wanted = match hint {
        Some(Width::Share(s)) => s * room.measure,
        Some(Width::Points(p)) => p,
        None => room.measure,
    };
    let mut w = (wanted.min(nw) * room.scale).min(nw).min(room.measure);
    let mut h = w * nh / nw;
    if h > room.height && room.height > 0.0 {
        w *= room.height / h;
        h = room.height;
    }
    (w.max(0.1), h.max(0.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: Room = Room {
        measure: 300.0,
        height: 600.0,
        scale: 1.0,
    };

    #[test]
    fn a_picture_fills_the_column_but_never_passes_300_dpi() {
        // 3000 × 1500 px is 720 × 360 pt at 300 dpi: the column decides.
        assert_eq!(size((720.0, 360.0), None, ROOM), (300.0, 150.0));
        // 600 × 300 px is 144 × 72 pt: never upscaled to the column.
        assert_eq!(size((144.0, 72.0), None, ROOM), (144.0, 72.0));
        assert_eq!(
            size((144.0, 72.0), Some(Width::Share(1.0)), ROOM),
            (144.0, 72.0)
        );
    }

    #[test]
    fn hints_tall_pictures_and_fits_shrink_it() {
        assert_eq!(
            size((720.0, 360.0), Some(Width::Share(0.5)), ROOM),
            (150.0, 75.0)
        );
        assert_eq!(
            size((720.0, 360.0), Some(Width::Points(100.0)), ROOM),
            (100.0, 50.0)
        );
        // Taller than the column: shrunk to its height, aspect kept.
        assert_eq!(size((300.0, 1200.0), None, ROOM), (150.0, 600.0));
        let half = Room { scale: 0.5, ..ROOM };
        assert_eq!(size((720.0, 360.0), None, half), (150.0, 75.0));
    }
}
