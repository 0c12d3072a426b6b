//! Pagination as the elements arrive: a long document's pages are settled,
//! and can be written and freed, while later ones are still being set.
//!
//! The flow decides where an element goes by looking ahead only so far: to
//! the end of its question, and along a chain of elements kept with the
//! next. So each time more elements arrive, the flow goes on from the start
//! of the first page not yet settled, and the pages before the one holding
//! the last element outside the open tail (the last question, and any chain
//! kept with it) are settled: no later element can change them. Given the
//! same elements, the pages come out exactly as from one pass over them all.

use super::{fill, go, group_ends, Column, Cursor, Element, Flow, PageStart, Piece};

/// Pagination fed in instalments; see the module's documentation.
pub struct Paging {
    column: Column,
    flow: Flow,
    /// Where each page begun so far began.
    starts: Vec<PageStart>,
    /// Pages settled.
    done: usize,
    /// Placements on the settled pages.
    done_placements: usize,
}

impl Paging {
    /// Pages of `columns` columns, `body_height` tall, the first with `top`
    /// taken by full-width material above the columns.
    pub fn new(body_height: f32, columns: usize, top: f32) -> Paging {
        Paging {
            column: Column {
                height: body_height,
                full: body_height,
                columns: columns.max(1),
                top,
            },
            flow: Flow::default(),
            starts: Vec::new(),
            done: 0,
            done_placements: 0,
        }
    }

    /// Flows `elements`, all there are so far (the same ones as before,
    /// and more); with `last`, all there will be. Returns the pages settled
    /// by this call: from the first on, every page is settled once.
    pub fn flow(&mut self, elements: &[Element], last: bool) -> std::ops::Range<usize> {
        let ends = group_ends(elements);
        let flow = std::mem::take(&mut self.flow);
        let mut at = Cursor::new(elements, &ends, self.column, flow);
        // The first call starts where a new cursor stands, at the top.
        let from = match self.starts.get(self.done).copied() {
            Some(start) => {
                at.restore(start);
                start.i
            }
            None => 0,
        };
        self.starts.truncate(self.done);
        self.flow = go(at, from, Some(&mut self.starts));
        let settled = if last {
            self.finish(elements, &ends);
            self.flow.pages
        } else {
            self.settled(elements).max(self.done)
        };
        let end = self.flow.placements.partition_point(|p| p.page < settled);
        let balanced = (last && self.column.columns > 1).then(|| self.flow.pages - 1);
        fill::fill_columns(
            elements,
            &mut self.flow.placements[self.done_placements..end],
            self.column.height,
            balanced,
            !last,
        );
        let range = self.done..settled;
        self.done = settled;
        self.done_placements = end;
        range
    }

    /// The placements on `pages`, in order.
    pub fn placements_on(&self, pages: std::ops::Range<usize>) -> &[super::Placement] {
        let placements = &self.flow.placements;
        let from = placements.partition_point(|p| p.page < pages.start);
        let to = placements.partition_point(|p| p.page < pages.end);
        &placements[from..to]
    }

    /// The finished pagination.
    pub fn into_flow(self) -> Flow {
        self.flow
    }

    /// How many pages no later element can change: those before the page
    /// of the last element placed ahead of the open tail.
    fn settled(&self, elements: &[Element]) -> usize {
        let Some(mut tail) = elements.iter().rposition(|e| e.mark.is_some()) else {
            return 0;
        };
        while tail > 0 && elements[tail - 1].keep_with_next {
            tail -= 1;
        }
        self.flow
            .placements
            .iter()
            .rev()
            .find(|p| matches!(p.piece, Piece::Element(i) if i < tail))
            .map_or(0, |p| p.page)
    }

    /// Balances the last page's columns.
    fn finish(&mut self, elements: &[Element], ends: &[usize]) {
        let Column {
            height,
            columns,
            top,
            ..
        } = self.column;
        if columns > 1 {
            super::balance(elements, ends, height, columns, top, &mut self.flow);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{paginate, Element, Mark};
    use super::*;

    /// Whether `e` starts a question or section: where instalments may end.
    fn is_mark(e: &Element) -> bool {
        matches!(e.mark, Some(Mark::Question(..) | Mark::Section(_)))
    }

    fn line(h: f32) -> Element {
        Element::new(h, h * 0.8, Vec::new())
    }

    /// A document of questions of varied lengths, some kept whole, with
    /// section headings kept with what follows and a page break.
    fn document() -> Vec<Element> {
        let mut els = Vec::new();
        for q in 0..60 {
            if q % 13 == 0 {
                let mut h = line(14.0);
                h.mark = Some(Mark::Section(format!("S{q}")));
                h.keep_with_next = true;
                h.heading = true;
                if q == 26 {
                    let mut brk = line(0.0);
                    brk.page_break = true;
                    els.push(brk);
                }
                els.push(h);
            }
            let n = 2 + (q * 7) % 11;
            let start = els.len();
            for k in 0..n {
                let mut e = line(10.0);
                e.space_before = if k == 0 { 6.0 } else { 0.0 };
                e.keep_with_next = k == 0;
                e.heading = k == 0;
                els.push(e);
            }
            let h: f32 = els[start..].iter().map(|e| e.height + e.space_before).sum();
            els[start].mark = Some(Mark::Question(format!("Q{q}"), Some(format!("q{q}"))));
            els[start].group_height = (q % 3 != 0).then_some(h - 6.0);
            els[start].continued = Some(Box::new(line(9.0)));
        }
        els
    }

    #[test]
    fn instalments_give_the_pages_of_one_pass() {
        let els = document();
        for (columns, every) in [(1, 1), (1, 3), (2, 1), (2, 4), (3, 2)] {
            let whole = paginate(&els, 120.0, columns, 30.0);
            // Instalments that end before every `every`th question or
            // section.
            let mut paging = Paging::new(120.0, columns, 30.0);
            let mut settled = 0;
            let cuts: Vec<usize> = (1..els.len()).filter(|&i| is_mark(&els[i])).collect();
            for (n, &cut) in cuts.iter().enumerate() {
                if n % every == 0 {
                    let range = paging.flow(&els[..cut], false);
                    assert_eq!(range.start, settled);
                    settled = range.end;
                }
            }
            let range = paging.flow(&els, true);
            assert_eq!(range, settled..whole.pages);
            assert!(settled > 2, "pages were settled before the end: {settled}");
            let flow = paging.into_flow();
            assert_eq!(flow.pages, whole.pages, "{columns} columns");
            assert_eq!(flow.placements, whole.placements, "{columns} columns");
            assert_eq!(flow.events, whole.events, "{columns} columns");
        }
    }
}
