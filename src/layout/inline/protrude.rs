//! Margin protrusion: punctuation at the edge of a justified line hangs
//! partly into the margin.
//!
//! A hyphen, comma or full stop is light; set flush with the measure, it
//! leaves a visible dent in the right edge. Letting it hang out by part of
//! its width makes the edge look straight, as microtype does in LaTeX and
//! typst does by default. Breaking still uses the plain measure; only the
//! width the line is justified to grows by what hangs out, so the words of
//! the line stay where the breaker expected them, a hair wider apart.

use super::{Align, Frag, Glyphs, ParaStyle};
use crate::layout::linebreak::Item;

/// How much of a character's advance hangs into the right margin when it
/// ends a line (the values of microtype's default set, in fractions).
fn right_share(c: char) -> f32 {
    match c {
        '-' | '\u{2010}' | '.' => 0.7,
        ',' | ':' => 0.5,
        '\u{2019}' | '\u{201d}' | '\'' | '"' => 0.5,
        ';' => 0.3,
        '\u{2013}' => 0.3,
        '\u{2014}' | '?' => 0.2,
        '!' => 0.1,
        _ => 0.0,
    }
}

/// How much of a character's advance hangs into the left margin when it
/// opens a line: opening quotes only.
fn left_share(c: char) -> f32 {
    match c {
        '\u{2018}' | '\u{201c}' | '\'' | '"' => 0.5,
        _ => 0.0,
    }
}

/// How far the line `items[start..end]`, broken at `items[end]`, hangs into
/// the (left, right) margins, in points. Only justified text protrudes: in
/// ragged, centred or right-aligned text there is no straight edge to keep,
/// and code keeps its columns. The right edge protrudes only where the line
/// is justified, so not before a forced break or at the paragraph's end.
pub(super) fn protrusion(
    items: &[Item],
    frags: &[Option<Frag>],
    (start, end): (usize, usize),
    style: &ParaStyle,
) -> (f32, f32) {
    if style.align != Align::Justify || style.mono {
        return (0.0, 0.0);
    }
    let left = (start..end)
        .find(|&i| matches!(items[i], Item::Box { .. }))
        .and_then(|i| frags[i].as_ref())
        .and_then(|f| edge_glyph(f, Edge::First))
        .map_or(0.0, |(c, advance)| left_share(c) * advance);
    let right = match items.get(end) {
        Some(Item::Penalty { penalty, .. }) if *penalty <= -crate::layout::linebreak::INFINITY => {
            0.0
        }
        // A hyphen the break adds: the penalty's width is its advance.
        Some(Item::Penalty { width, .. }) if *width > 0.0 => {
            let mono = last_frag(items, frags, start, end).is_some_and(Frag::face_is_mono);
            if mono {
                0.0
            } else {
                right_share('-') * width
            }
        }
        None => 0.0,
        Some(_) => last_frag(items, frags, start, end)
            .and_then(|f| edge_glyph(f, Edge::Last))
            .map_or(0.0, |(c, advance)| right_share(c) * advance),
    };
    (left, right)
}

/// The fragment of the last box of `items[start..end]`.
fn last_frag<'f>(
    items: &[Item],
    frags: &'f [Option<Frag>],
    start: usize,
    end: usize,
) -> Option<&'f Frag> {
    (start..end)
        .rev()
        .find(|&i| matches!(items[i], Item::Box { .. }))
        .and_then(|i| frags[i].as_ref())
}

enum Edge {
    First,
    Last,
}

/// The character at one edge of a fragment and the advance of its glyph in
/// points; none for code, whose columns must stay put, or for a piece of an
/// over-long word, whose glyphs are not shaped yet.
fn edge_glyph(frag: &Frag, edge: Edge) -> Option<(char, f32)> {
    if frag.face_is_mono() {
        return None;
    }
    let Glyphs::Shaped(shaped, range) = &frag.glyphs else {
        return None;
    };
    let glyphs = &shaped.glyphs[range.clone()];
    let g = match edge {
        Edge::First => glyphs.first()?,
        Edge::Last => glyphs.last()?,
    };
    // A glyph with several characters (a ligature) ends in a letter; one
    // that is the tail of a cluster has no text and does not hang.
    let mut chars = g.text.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some((c, g.advance * frag.size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_punctuation_hangs_and_letters_do_not() {
        assert!(right_share(',') > 0.4 && right_share('.') > 0.6 && right_share('-') > 0.6);
        assert_eq!(right_share('\u{201d}'), 0.5);
        assert_eq!(right_share('a'), 0.0);
        assert_eq!(left_share('\u{201c}'), 0.5);
        assert_eq!(left_share('('), 0.0);
    }
}
