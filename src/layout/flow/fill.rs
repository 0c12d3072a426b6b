//! Vertical justification: a column that ended early, because what came
//! next had to stay together, has its space between blocks stretched so its
//! last line sits on the column foot, as a book's pages end level.

use super::{Element, Piece, Placement};

/// How much a gap between blocks may grow, as a share of its own size: the
/// page stays recognisably the same, and a column that would need more
/// keeps the rest of its white at the foot.
const MAX_STRETCH: f32 = 1.0;

/// Stretches the gaps of every column of `placements` that a later column
/// follows (with `more`, the last one too: later pages follow), except
/// where the column ends at a page break or holds a growing box, and on the
/// page `balanced`, a last page whose columns were balanced.
pub(super) fn fill_columns(
    elements: &[Element],
    placements: &mut [Placement],
    height: f32,
    balanced: Option<usize>,
    more: bool,
) {
    let mut start = 0;
    while start < placements.len() {
        let (page, column) = (placements[start].page, placements[start].column);
        let end = placements[start..]
            .iter()
            .position(|p| (p.page, p.column) != (page, column))
            .map_or(placements.len(), |n| start + n);
        // The document's last column has nothing pushing it: it stays as set.
        if (end < placements.len() || more)
            && balanced != Some(page)
            && !ends_deliberately(elements, &placements[start..end])
        {
            stretch(elements, &mut placements[start..end], height);
        }
        start = end;
    }
}

/// Whether a column's end was chosen rather than forced: a page break
/// follows it, or it ends in a box that already grew to the foot.
fn ends_deliberately(elements: &[Element], column: &[Placement]) -> bool {
    let Some(last) = column.last() else {
        return true;
    };
    let Piece::Element(i) = last.piece else {
        return true;
    };
    last.stretch > 0.0 || elements.get(i + 1).is_some_and(|e| e.page_break)
}

/// Spreads the column's white at the foot over its gaps, in proportion to
/// each gap, each growing at most by [`MAX_STRETCH`] of itself.
fn stretch(elements: &[Element], column: &mut [Placement], height: f32) {
    let gap = |p: &Placement| match p.piece {
        Piece::Element(i) if !p.at_top => elements[i].space_before,
        _ => 0.0,
    };
    let bottom = column
        .iter()
        .map(|p| p.y + piece_height(elements, p))
        .fold(0.0, f32::max);
    let slack = height - bottom;
    let gaps: f32 = column.iter().map(gap).sum();
    if slack <= 0.5 || gaps <= 0.0 {
        return;
    }
    let factor = (slack / gaps).min(MAX_STRETCH);
    let mut shift = 0.0;
    for p in column {
        shift += gap(p) * factor;
        p.y += shift;
    }
}

fn piece_height(elements: &[Element], p: &Placement) -> f32 {
    match p.piece {
        Piece::Element(i) => elements[i].height + p.stretch,
        Piece::Continued(g) => elements[g].continued.as_ref().map_or(0.0, |c| c.height),
    }
}
