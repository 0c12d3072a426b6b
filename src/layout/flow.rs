//! Elements → pages and columns: stack lines down each column, honouring
//! the keep rules, and balance the last page's columns.
//!
//! Every line of the document is an [`Element`]. Keep rules are expressed on
//! elements: `keep_with_next` forbids a break after an element (headings, the
//! first and last lines of a paragraph), and `group_height` on a question's
//! first element asks for the whole question to stay in one column when it
//! can. A question too tall for a column splits, and the next column opens
//! with its "(continued)" line.

use crate::frame::Item as Draw;

/// A mark for the outline and the running header.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A section heading starts here.
    Section(String),
    /// A question starts here: its title, and its id (none for a `##` topic
    /// of a plain document).
    Question(String, Option<String>),
}

/// One unsplittable piece of the flow: a line, a table row, a rule.
#[derive(Debug, Clone)]
pub struct Element {
    /// Height of the element itself.
    pub height: f32,
    /// Space above, dropped at the top of a column.
    pub space_before: f32,
    /// First baseline, from the element's top.
    pub baseline: f32,
    /// What to draw, relative to the column's left edge and the element's top.
    pub items: Vec<Draw>,
    /// No column break may follow this element.
    pub keep_with_next: bool,
    /// A line of a heading (for the stranded-heading check).
    pub heading: bool,
    /// On a question's first element: the height of the whole question.
    pub group_height: Option<f32>,
    /// On a question's first element: the line that opens a column the
    /// question continues into.
    pub continued: Option<Box<Element>>,
    /// Outline / header mark.
    pub mark: Option<Mark>,
    /// A table-of-contents line pointing at the element with this mark index.
    pub toc_target: Option<usize>,
    /// Start a new page here (an empty element).
    pub page_break: bool,
}

impl Element {
    /// An element with nothing to keep.
    pub fn new(height: f32, baseline: f32, items: Vec<Draw>) -> Element {
        Element {
            height,
            space_before: 0.0,
            baseline,
            items,
            keep_with_next: false,
            heading: false,
            group_height: None,
            continued: None,
            mark: None,
            toc_target: None,
            page_break: false,
        }
    }
}

/// What sits at a placement: an element, or a question's "(continued)" line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// `elements[i]`.
    Element(usize),
    /// The continuation line of the question starting at `elements[i]`.
    Continued(usize),
}

/// Where a piece was placed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// What is placed.
    pub piece: Piece,
    /// 0-based page.
    pub page: usize,
    /// 0-based column on the page.
    pub column: usize,
    /// y of the piece's top, from the text area's top.
    pub y: f32,
    /// Whether the space before was dropped (top of a column).
    pub at_top: bool,
}

/// Something the flow had to do that a careful reader may want to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The question starting at this element did not fit in what was left of
    /// a column and moved to the next one.
    Moved(usize, usize),
    /// The question starting at this element is taller than a column and was
    /// split; the second number is the page where it continues.
    Split(usize, usize),
    /// A heading (element index) ended a column, apart from what follows it.
    Stranded(usize),
}

/// The result of pagination.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// One placement per element, plus the continuation lines.
    pub placements: Vec<Placement>,
    /// Number of pages.
    pub pages: usize,
    /// What happened on the way.
    pub events: Vec<Event>,
}

/// Distributes elements over pages of `columns` columns, `body_height` tall,
/// then balances the columns of the last page.
///
/// `top` is the height taken on the first page by full-width material above
/// the columns (the title block).
pub fn paginate(elements: &[Element], body_height: f32, columns: usize, top: f32) -> Flow {
    let columns = columns.max(1);
    let ends = group_ends(elements);
    let mut flow = run(elements, &ends, 0, None, body_height, columns, top);
    if columns > 1 {
        balance(elements, &ends, body_height, columns, top, &mut flow);
    }
    flow
}

/// For each element: one past the last element of the question it belongs
/// to (everything after a question mark up to the next mark), or its own
/// index + 1 outside questions.
fn group_ends(elements: &[Element]) -> Vec<usize> {
    let mut next_mark = elements.len();
    let mut mark_end = vec![elements.len(); elements.len()];
    for i in (0..elements.len()).rev() {
        if elements[i].mark.is_some() {
            mark_end[i] = next_mark;
            next_mark = i;
        }
    }
    let mut current: Option<usize> = None;
    elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            match e.mark {
                Some(Mark::Question(..)) => current = Some(i),
                Some(Mark::Section(_)) => current = None,
                None => {}
            }
            current.map_or(i + 1, |s| mark_end[s])
        })
        .collect()
}

/// Flows `elements[start..]` into columns of `height`. `open` is the
/// question already under way at `start`, whose continuation line opens the
/// first column; `top` is space already taken at the top of the first page.
fn run(
    elements: &[Element],
    ends: &[usize],
    start: usize,
    open: Option<usize>,
    height: f32,
    columns: usize,
    top: f32,
) -> Flow {
    let mut at = Cursor {
        elements,
        ends,
        height,
        columns,
        top,
        flow: Flow::default(),
        slot: 0,
        y: top,
        empty: true,
        group: open,
        split_reported: None,
        last_in_slot: None,
    };
    let mut i = start;
    while i < elements.len() {
        let e = &elements[i];
        if matches!(e.mark, Some(Mark::Question(..))) {
            at.group = Some(i);
        } else if matches!(e.mark, Some(Mark::Section(_))) {
            at.group = None;
        }
        if e.page_break {
            at.page_break(i);
            i += 1;
            continue;
        }
        if !at.empty && at.moves_on(i) {
            at.next_slot(i);
            continue;
        }
        at.place(i);
        i += 1;
        // Guard against an element taller than a column: it is placed alone
        // and the flow moves on, rather than looping.
        if at.y > height && i < elements.len() {
            at.next_slot(i);
        }
    }
    at.flow.pages = at.slot / columns + 1;
    at.flow
}

/// Where the flow stands: the column being filled (a slot counts columns
/// across pages), how far down it is, and the question under way, with the
/// flow built so far.
struct Cursor<'a> {
    elements: &'a [Element],
    ends: &'a [usize],
    height: f32,
    columns: usize,
    top: f32,
    flow: Flow,
    slot: usize,
    y: f32,
    /// Nothing placed in this column yet, so space before is dropped.
    empty: bool,
    /// The question the current element belongs to.
    group: Option<usize>,
    /// The question whose split was last reported, so a question split over
    /// several columns is reported once.
    split_reported: Option<usize>,
    /// The last element placed in this column, to catch a stranded heading.
    last_in_slot: Option<usize>,
}

impl Cursor<'_> {
    /// Opens a new column before element `i`; a question under way gets its
    /// continuation line.
    fn next_slot(&mut self, i: usize) {
        let (elements, columns) = (self.elements, self.columns);
        if let Some(l) = self.last_in_slot.take() {
            if elements[l].heading && i < elements.len() {
                self.flow.events.push(Event::Stranded(l));
            }
        }
        self.slot += 1;
        self.y = if self.slot < columns { self.top } else { 0.0 };
        self.empty = true;
        if let Some(g) = self.group {
            if i > g && i < self.ends[g] {
                if let Some(c) = &elements[g].continued {
                    self.flow.placements.push(Placement {
                        piece: Piece::Continued(g),
                        page: self.slot / columns,
                        column: self.slot % columns,
                        y: self.y,
                        at_top: true,
                    });
                    // The column still counts as empty: at least one real
                    // element goes below the line, or the flow could loop.
                    self.y += c.height;
                }
                if self.split_reported != Some(g) {
                    self.flow.events.push(Event::Split(g, self.slot / columns));
                    self.split_reported = Some(g);
                }
            }
        }
    }

    /// A page break moves to the first column of the next page, unless
    /// the page is still empty.
    fn page_break(&mut self, i: usize) {
        let columns = self.columns;
        if !(self.empty && self.slot.is_multiple_of(columns)) {
            while self.slot % columns != columns - 1 {
                self.slot += 1;
            }
            // What follows a page break is not a continuation.
            self.group = None;
            self.next_slot(i);
        }
    }

    /// Whether element `i` must go to the next column instead of this one,
    /// which already holds something: because it does not fit, or because
    /// its question or its keep-with-next chain would fit whole in a fresh
    /// column but not here.
    fn moves_on(&mut self, i: usize) -> bool {
        let (e, height) = (&self.elements[i], self.height);
        let space = if self.empty { 0.0 } else { e.space_before };
        let mut advance = false;
        // A question that fits in a column is not split.
        if let Some(g) = e.group_height {
            if self.y + space + g > height && g <= height {
                self.flow
                    .events
                    .push(Event::Moved(i, (self.slot + 1) / self.columns));
                advance = true;
            }
        }
        // A chain of kept elements moves on as a whole.
        let chain = chain_height(self.elements, i, space);
        if !advance && self.y + chain > height && chain - space <= height {
            advance = true;
        }
        if !advance && self.y + space + e.height > height {
            advance = true;
        }
        advance
    }

    /// Places element `i` at the pen, below its space unless it opens the
    /// column.
    fn place(&mut self, i: usize) {
        let e = &self.elements[i];
        let space = if self.empty { 0.0 } else { e.space_before };
        self.flow.placements.push(Placement {
            piece: Piece::Element(i),
            page: self.slot / self.columns,
            column: self.slot % self.columns,
            y: self.y + space,
            at_top: self.empty,
        });
        self.y += space + e.height;
        self.empty = false;
        self.last_in_slot = Some(i);
    }
}

/// Height from element `i` through the end of its keep-with-next chain. A
/// chain that runs into a question includes the whole question, so a section
/// heading never stays behind when its first question moves on.
fn chain_height(elements: &[Element], i: usize, space: f32) -> f32 {
    let mut h = space + elements[i].height;
    let mut k = i;
    while elements[k].keep_with_next && k + 1 < elements.len() {
        k += 1;
        let e = &elements[k];
        if let Some(group) = e.group_height {
            return h + e.space_before + group;
        }
        h += e.space_before + e.height;
    }
    h
}

/// Re-flows the last page with the shortest column height that still fits
/// it on one page, so its columns end level.
fn balance(
    elements: &[Element],
    ends: &[usize],
    body_height: f32,
    columns: usize,
    top: f32,
    flow: &mut Flow,
) {
    let last = flow.pages - 1;
    let Some(first) = flow.placements.iter().position(|p| p.page == last) else {
        return;
    };
    let (start, open) = match flow.placements[first].piece {
        Piece::Element(i) => (i, None),
        Piece::Continued(g) => match flow.placements.get(first + 1).map(|p| p.piece) {
            Some(Piece::Element(i)) => (i, Some(g)),
            _ => return,
        },
    };
    let top = if last == 0 { top } else { 0.0 };
    // Shorter columns may not split a question that a full column holds.
    let fits = |h: f32| {
        let f = run(elements, ends, start, open, h, columns, top);
        let splits_whole = f.events.iter().any(|e| {
            matches!(e, Event::Split(g, _) if elements[*g].group_height.is_some_and(|gh| gh <= body_height))
        });
        (f.pages == 1 && !splits_whole).then_some(f)
    };
    let (mut lo, mut hi) = (top, body_height);
    let mut best = None;
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        match fits(mid) {
            Some(f) => {
                hi = mid;
                best = Some(f);
            }
            None => lo = mid,
        }
        if hi - lo < 0.5 {
            break;
        }
    }
    let Some(best) = best else { return };
    let on_last: Vec<Piece> = flow.placements[first..].iter().map(|p| p.piece).collect();
    flow.placements.truncate(first);
    flow.events.retain(|e| match e {
        Event::Moved(_, p) | Event::Split(_, p) => *p < last,
        Event::Stranded(i) => !on_last.contains(&Piece::Element(*i)),
    });
    for mut p in best.placements {
        p.page = last;
        flow.placements.push(p);
    }
    for e in best.events {
        flow.events.push(match e {
            Event::Moved(i, _) => Event::Moved(i, last),
            Event::Split(i, _) => Event::Split(i, last),
            other => other,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(h: f32) -> Element {
        Element::new(h, h * 0.8, Vec::new())
    }

    fn at(flow: &Flow, i: usize) -> Placement {
        *flow
            .placements
            .iter()
            .find(|p| p.piece == Piece::Element(i))
            .unwrap()
    }

    fn question(els: &mut [Element], i: usize, n: usize) {
        let end = els[i + 1..]
            .iter()
            .position(|e| e.mark.is_some())
            .map_or(els.len(), |p| p + i + 1);
        let h: f32 = els[i..end]
            .iter()
            .map(|e| e.height + e.space_before)
            .sum::<f32>()
            - els[i].space_before;
        els[i].mark = Some(Mark::Question(format!("Q{n}"), Some(format!("q{n}"))));
        els[i].group_height = Some(h);
        els[i].continued = Some(Box::new(line(10.0)));
    }

    #[test]
    fn a_heading_is_never_last_in_a_column() {
        let mut els: Vec<Element> = (0..9).map(|_| line(10.0)).collect();
        els[7].keep_with_next = true;
        els[7].heading = true;
        let flow = paginate(&els, 80.0, 1, 0.0);
        assert_eq!(flow.pages, 2);
        assert_eq!(at(&flow, 7).page, 1, "the heading moved to the next page");
        assert_eq!(at(&flow, 8).page, 1);
        assert!(flow.events.is_empty());
    }

    #[test]
    fn a_question_that_fits_moves_whole() {
        let mut els: Vec<Element> = (0..12).map(|_| line(10.0)).collect();
        question(&mut els, 5, 0);
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert_eq!(at(&flow, 4).page, 0);
        assert_eq!((at(&flow, 5).page, at(&flow, 5).y), (1, 0.0));
        assert_eq!(flow.events, vec![Event::Moved(5, 1)]);
    }

    #[test]
    fn a_section_heading_goes_with_its_first_question() {
        let mut els: Vec<Element> = (0..12).map(|_| line(10.0)).collect();
        els[5].keep_with_next = true;
        els[5].mark = Some(Mark::Section("S".into()));
        question(&mut els, 6, 0);
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert_eq!(at(&flow, 4).page, 0);
        assert_eq!(
            (at(&flow, 5).page, at(&flow, 5).y),
            (1, 0.0),
            "the heading moved with the question"
        );
        assert_eq!(at(&flow, 6).page, 1);
    }

    #[test]
    fn a_question_taller_than_a_page_splits_with_a_continued_line() {
        let mut els: Vec<Element> = (0..25).map(|_| line(10.0)).collect();
        question(&mut els, 2, 0);
        let flow = paginate(&els, 100.0, 1, 0.0);
        let cont: Vec<&Placement> = flow
            .placements
            .iter()
            .filter(|p| p.piece == Piece::Continued(2))
            .collect();
        assert_eq!(
            cont.len(),
            2,
            "pages 2 and 3 open with the continuation line"
        );
        assert!(cont.iter().all(|p| p.y == 0.0 && p.at_top));
        assert!(flow.events.contains(&Event::Split(2, 1)));
        for p in &flow.placements {
            assert!(
                p.y + 10.0 <= 100.0 + 1e-3,
                "nothing below the text area: {p:?}"
            );
        }
    }

    #[test]
    fn space_before_is_dropped_at_the_top_of_a_column() {
        let mut els: Vec<Element> = (0..3).map(|_| line(40.0)).collect();
        els[2].space_before = 15.0;
        let flow = paginate(&els, 100.0, 1, 0.0);
        let p = at(&flow, 2);
        assert_eq!((p.page, p.y, p.at_top), (1, 0.0, true));
    }

    #[test]
    fn columns_fill_left_to_right_and_the_last_page_is_balanced() {
        let els: Vec<Element> = (0..30).map(|_| line(10.0)).collect();
        let flow = paginate(&els, 100.0, 2, 0.0);
        assert_eq!(flow.pages, 2);
        assert_eq!((at(&flow, 9).page, at(&flow, 9).column), (0, 0));
        assert_eq!((at(&flow, 10).page, at(&flow, 10).column), (0, 1));
        // 10 lines on the last page: 5 in each column.
        let last: Vec<Placement> = flow
            .placements
            .iter()
            .copied()
            .filter(|p| p.page == 1)
            .collect();
        let left = last.iter().filter(|p| p.column == 0).count();
        let right = last.iter().filter(|p| p.column == 1).count();
        assert_eq!((left, right), (5, 5));
    }

    #[test]
    fn balancing_never_splits_a_question_that_a_full_column_holds() {
        let mut els: Vec<Element> = (0..30).map(|_| line(10.0)).collect();
        question(&mut els, 20, 0);
        let flow = paginate(&els, 100.0, 2, 0.0);
        assert!(
            flow.events.iter().all(|e| !matches!(e, Event::Split(..))),
            "{:?}",
            flow.events
        );
        let q = at(&flow, 20);
        let last = at(&flow, 29);
        assert_eq!(
            (q.page, q.column),
            (last.page, last.column),
            "the question stays in one column"
        );
    }

    #[test]
    fn a_chain_longer_than_a_page_still_flows() {
        let mut els: Vec<Element> = (0..30).map(|_| line(10.0)).collect();
        for e in &mut els {
            e.keep_with_next = true;
        }
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert_eq!(flow.pages, 3);
        assert!(flow.placements.iter().all(|p| p.y + 10.0 <= 100.0 + 1e-3));
    }

    #[test]
    fn a_continued_line_never_loops_in_short_columns() {
        let mut els: Vec<Element> = (0..12).map(|_| line(10.0)).collect();
        question(&mut els, 0, 0);
        els[0].continued = Some(Box::new(line(25.0)));
        let flow = paginate(&els, 30.0, 3, 0.0);
        assert_eq!(
            flow.placements
                .iter()
                .filter(|p| matches!(p.piece, Piece::Element(_)))
                .count(),
            12
        );
    }

    #[test]
    fn an_element_taller_than_a_column_does_not_loop() {
        let els = vec![line(10.0), line(500.0), line(10.0)];
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert_eq!(flow.placements.len(), 3);
        assert_eq!(flow.pages, 3);
    }
}
