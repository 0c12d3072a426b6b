//! A brand's logo: how big it is printed and where, at the head of the
//! title block and, small, in the running header.
//!
//! A logo is a mark, not a figure: it never fills the column. In the
//! title block it is at most 18 mm tall (12 mm on a cheat sheet, where
//! space is the point) and half the text width wide; in the header it
//! stands on the baseline and reaches the capitals' height, like a word of
//! the header. Either way its aspect is kept and it is never drawn larger
//! than its pixels at 300 dpi.

use super::flow::Element;
use crate::frame::Item as Draw;
use crate::image::Image;
use std::sync::Arc;

const MM: f32 = 72.0 / 25.4;
/// The tallest a title-block logo is printed.
const TITLE_HEIGHT: f32 = 18.0 * MM;
/// The tallest on a cheat sheet's title block.
const COMPACT_TITLE_HEIGHT: f32 = 12.0 * MM;
/// The share of the text width a title-block logo may take.
const TITLE_WIDTH_SHARE: f32 = 0.5;
/// The widest a header logo may be, as a multiple of its height: a long
/// wordmark must not run into the header's text.
const HEADER_MAX_ASPECT: f32 = 6.0;

/// The logo as the first element of the title block, centred.
pub(super) fn title_element(logo: &Arc<Image>, measure: f32, compact: bool) -> Element {
    let height = if compact {
        COMPACT_TITLE_HEIGHT
    } else {
        TITLE_HEIGHT
    };
    let (w, h) = fit(logo.natural_size(), TITLE_WIDTH_SHARE * measure, height);
    let draw = Draw::Image {
        x: (measure - w) / 2.0,
        y: 0.0,
        w,
        h,
        image: logo.clone(),
    };
    Element::new(h, 0.0, vec![draw])
}

/// The logo in a running header whose text stands on `baseline` and whose
/// capitals are `cap_height` tall, starting at `x`; with its width, so
/// that the header's text can follow it.
pub(super) fn header_item(
    logo: &Arc<Image>,
    x: f32,
    baseline: f32,
    cap_height: f32,
) -> (Draw, f32) {
    let (w, h) = fit(
        logo.natural_size(),
        HEADER_MAX_ASPECT * cap_height,
        cap_height,
    );
    let draw = Draw::Image {
        x,
        y: baseline - h,
        w,
        h,
        image: logo.clone(),
    };
    (draw, w)
}

/// The size of a picture whose largest size is `natural` in a box of
/// `max_w` × `max_h`: as large as fits, aspect kept, never past `natural`.
fn fit(natural: (f32, f32), max_w: f32, max_h: f32) -> (f32, f32) {
    let (nw, nh) = natural;
    let scale = (max_w / nw).min(max_h / nh).min(1.0);
    ((nw * scale).max(0.1), (nh * scale).max(0.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_fits_its_box_keeps_its_aspect_and_is_never_upscaled() {
        // 600 × 600 px is 144 pt square at 300 dpi: 18 mm (51 pt) decides.
        let (w, h) = fit((144.0, 144.0), 200.0, TITLE_HEIGHT);
        assert!((h - TITLE_HEIGHT).abs() < 1e-3 && (w - h).abs() < 1e-3);
        // A wide wordmark: the width decides, the aspect stays 5:1.
        let (w, h) = fit((500.0, 100.0), 200.0, TITLE_HEIGHT);
        assert!((w - 200.0).abs() < 1e-3 && (h - 40.0).abs() < 1e-3);
        // 60 × 60 px is 14.4 pt at 300 dpi: printed at that, not blown up.
        assert_eq!(fit((14.4, 14.4), 200.0, TITLE_HEIGHT), (14.4, 14.4));
    }
}
