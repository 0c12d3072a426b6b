//! Elements → pages and columns: stack lines down each column, honouring
//! the keep rules, and balance the last page's columns.
//!
//! Every line of the document is an [`Element`]. Keep rules are expressed on
//! elements: `keep_with_next` forbids a break after an element (headings, the
//! first and last lines of a paragraph), and `group_height` on a question's
//! first element asks for the whole question to stay in one column when it
//! can. A question too tall for a column splits, and the next column opens
//! with its "(continued)" line.

mod fill;
mod paging;

pub use paging::Paging;

use crate::frame::{Item as Draw, Role};

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
    /// How the element grows to the column foot when it ends a column before
    /// a page break or the end of the document.
    pub grow: Option<Grow>,
    /// Part of a question's opening (a label, or guidance led by one): the
    /// first break after the opening leaves two lines of text with it.
    pub lead: bool,
    /// What the element is in the document's structure, for tagged PDF;
    /// `None` for furniture (rules, boxes, lines to write on).
    pub tag: Option<Tag>,
    /// A heading below the sections and questions of a plain document
    /// (level 3 to 6): its level and text, for the outline only.
    pub outline: Option<(u8, String)>,
}

/// An element's place in the structure tree (see [`Element::tag`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// The structure element's role.
    pub role: Role,
    /// The element opens a new structure element; otherwise it continues
    /// the last one opened (the next line of a paragraph).
    pub start: bool,
    /// A list item or table row that opens a new list or table.
    pub first_in_group: bool,
    /// The alt text of a figure.
    pub alt: Option<std::sync::Arc<str>>,
    /// A picture inside the structure element open before it (a list
    /// item): its element is a child of that one, which goes on after it.
    pub nested: bool,
}

impl Tag {
    /// The first element of a structure element of `role`.
    pub fn start(role: Role) -> Tag {
        Tag {
            role,
            start: true,
            first_in_group: false,
            alt: None,
            nested: false,
        }
    }

    /// A later element of the structure element last opened.
    pub fn more(role: Role) -> Tag {
        Tag {
            role,
            start: false,
            first_in_group: false,
            alt: None,
            nested: false,
        }
    }
}

/// How an element fills the rest of its column (see [`Element::grow`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Grow {
    /// A box: drawing at or below this y, from the element's top, moves down
    /// with the foot (the comments box of a page per question).
    Box(f32),
    /// Ruled lines: the element's drawing repeats at this pitch down to the
    /// foot (notes to write on).
    Rules(f32),
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
            grow: None,
            lead: false,
            tag: None,
            outline: None,
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
    /// Height added to a growing element so that it reaches the column foot.
    pub stretch: f32,
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
    /// The question starting at this element would fit in a column but
    /// continues into the next one, so that the column before it is filled;
    /// the second number is the page where it continues.
    Continued(usize, usize),
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
#[cfg(test)]
pub fn paginate(elements: &[Element], body_height: f32, columns: usize, top: f32) -> Flow {
    let mut paging = Paging::new(body_height, columns, top);
    paging.flow(elements, true);
    paging.into_flow()
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

/// The columns a run fills.
#[derive(Debug, Clone, Copy)]
struct Column {
    /// Height to fill: the body height, or less when balancing.
    height: f32,
    /// The body height, against which a split question counts as taller
    /// than a column.
    full: f32,
    /// Columns per page.
    columns: usize,
    /// Space already taken at the top of the first page.
    top: f32,
}

/// Flows `elements[start..]` into columns. `open` is the question already
/// under way at `start`, whose continuation line opens the first column.
fn run(
    elements: &[Element],
    ends: &[usize],
    start: usize,
    open: Option<usize>,
    column: Column,
) -> Flow {
    let mut at = Cursor::new(elements, ends, column, Flow::default());
    at.pen.group = open;
    // A question under way at `start` opens the first column with its
    // continuation line, as it would after a column break.
    at.continue_question(start);
    go(at, start, None)
}

/// Flows `elements[i..]` on from where `at` stands, recording where each
/// page begins in `starts` when it is given.
fn go(mut at: Cursor, mut i: usize, mut starts: Option<&mut Vec<PageStart>>) -> Flow {
    let (elements, columns, height, top) = (at.elements, at.columns, at.height, at.top);
    while i < elements.len() {
        if let Some(starts) = starts.as_deref_mut() {
            if at.pen.slot / columns >= starts.len() {
                starts.push(at.page_start(i));
            }
        }
        let e = &elements[i];
        if matches!(e.mark, Some(Mark::Question(..))) {
            at.pen.group = Some(i);
        } else if matches!(e.mark, Some(Mark::Section(_))) {
            at.pen.group = None;
        }
        // A page break at the very end would leave a blank page.
        if e.page_break && i + 1 == elements.len() {
            at.grow_last();
            i += 1;
            continue;
        }
        if e.page_break {
            at.page_break(i);
            i += 1;
            continue;
        }
        // A column under the title block holds something already: what
        // must stay together may move on rather than strand a heading.
        // (Only there: a column opened by a continuation line stays put,
        // or the flow could loop.)
        let under_title = at.pen.empty && at.pen.slot < columns && top > 0.0 && at.pen.y == top;
        if (!at.pen.empty || under_title) && at.moves_on(i) {
            at.next_slot(i);
            continue;
        }
        at.place(i);
        i += 1;
        // Guard against an element taller than a column: it is placed alone
        // and the flow moves on, rather than looping.
        if at.pen.y > height && i < elements.len() {
            at.next_slot(i);
        }
    }
    at.grow_last();
    at.flow.pages = at.pen.slot / columns + 1;
    at.flow
}

/// Where the pen stands: the column being filled (a slot counts columns
/// across pages), how far down it is, and the question under way.
#[derive(Debug, Clone, Copy)]
struct Pen {
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

/// Where the flow stood as a page began (after its continuation line):
/// all [`Paging`] needs to go on from there.
#[derive(Debug, Clone, Copy)]
struct PageStart {
    /// The element the page begins with.
    i: usize,
    pen: Pen,
    /// Placements and events made before it.
    placements: usize,
    events: usize,
}

/// Where the flow stands, with the flow built so far.
struct Cursor<'a> {
    elements: &'a [Element],
    ends: &'a [usize],
    height: f32,
    /// The body height (see [`Column::full`]).
    full: f32,
    columns: usize,
    top: f32,
    flow: Flow,
    pen: Pen,
}

impl<'a> Cursor<'a> {
    /// At the top of the first column, with `flow` made before.
    fn new(elements: &'a [Element], ends: &'a [usize], column: Column, flow: Flow) -> Self {
        Cursor {
            elements,
            ends,
            height: column.height,
            full: column.full,
            columns: column.columns,
            top: column.top,
            flow,
            pen: Pen {
                slot: 0,
                y: column.top,
                empty: true,
                group: None,
                split_reported: None,
                last_in_slot: None,
            },
        }
    }

    /// The state as the page being filled begins with element `i`.
    fn page_start(&self, i: usize) -> PageStart {
        PageStart {
            i,
            pen: self.pen,
            placements: self.flow.placements.len(),
            events: self.flow.events.len(),
        }
    }

    /// Back to where a page began: what was made after it is dropped.
    fn restore(&mut self, s: PageStart) {
        self.flow.placements.truncate(s.placements);
        self.flow.events.truncate(s.events);
        self.pen = s.pen;
    }

    /// Opens a new column before element `i`; a question under way gets its
    /// continuation line.
    fn next_slot(&mut self, i: usize) {
        let elements = self.elements;
        if let Some(l) = self.pen.last_in_slot.take() {
            if elements[l].heading && i < elements.len() {
                self.flow.events.push(Event::Stranded(l));
            }
        }
        self.pen.slot += 1;
        self.pen.y = if self.pen.slot < self.columns {
            self.top
        } else {
            0.0
        };
        self.pen.empty = true;
        self.continue_question(i);
    }

    /// Opens the column with the "(continued)" line of the question under
    /// way, if element `i` is inside one, and reports the split once.
    fn continue_question(&mut self, i: usize) {
        let Some(g) = self.pen.group else { return };
        if i <= g || i >= self.ends[g] {
            return;
        }
        let columns = self.columns;
        if let Some(c) = &self.elements[g].continued {
            self.flow.placements.push(Placement {
                piece: Piece::Continued(g),
                page: self.pen.slot / columns,
                column: self.pen.slot % columns,
                y: self.pen.y,
                at_top: true,
                stretch: 0.0,
            });
            // The column still counts as empty: at least one real element
            // goes below the line, or the flow could loop.
            self.pen.y += c.height;
        }
        if self.pen.split_reported != Some(g) {
            let page = self.pen.slot / columns;
            self.flow
                .events
                .push(if self.question_height(g) > self.full {
                    Event::Split(g, page)
                } else {
                    Event::Continued(g, page)
                });
            self.pen.split_reported = Some(g);
        }
    }

    /// Height of the question starting at element `g`, set in one column.
    fn question_height(&self, g: usize) -> f32 {
        let group = &self.elements[g..self.ends[g]];
        group.iter().map(|e| e.space_before + e.height).sum::<f32>() - group[0].space_before
    }

    /// A page break moves to the first column of the next page, unless
    /// the page is still empty.
    fn page_break(&mut self, i: usize) {
        let columns = self.columns;
        if !(self.pen.empty && self.pen.slot.is_multiple_of(columns)) {
            self.grow_last();
            while self.pen.slot % columns != columns - 1 {
                self.pen.slot += 1;
            }
            // What follows a page break is not a continuation.
            self.pen.group = None;
            self.next_slot(i);
        }
    }

    /// Stretches the column's last element to the column foot, if it is a
    /// box that grows.
    fn grow_last(&mut self) {
        let Some(l) = self.pen.last_in_slot else {
            return;
        };
        if self.elements[l].grow.is_none() {
            return;
        }
        if let Some(p) = self.flow.placements.last_mut() {
            if p.piece == Piece::Element(l) {
                p.stretch += (self.height - self.pen.y).max(0.0);
                self.pen.y = self.height;
            }
        }
    }

    /// Whether element `i` must go to the next column instead of this one,
    /// which already holds something: because it does not fit, or because
    /// its question or its keep-with-next chain would fit whole in a fresh
    /// column but not here.
    fn moves_on(&mut self, i: usize) -> bool {
        let (e, height) = (&self.elements[i], self.height);
        let space = if self.pen.empty { 0.0 } else { e.space_before };
        let mut advance = false;
        // A question that fits in a column is not split.
        if let Some(g) = e.group_height {
            if self.pen.y + space + g > height && g <= height {
                self.flow
                    .events
                    .push(Event::Moved(i, (self.pen.slot + 1) / self.columns));
                advance = true;
            }
        }
        // A chain of kept elements moves on as a whole.
        let chain = chain_height(self.elements, i, space);
        if !advance && self.pen.y + chain > height && chain - space <= height {
            advance = true;
        }
        if !advance && self.pen.y + space + e.height > height {
            advance = true;
        }
        advance
    }

    /// Places element `i` at the pen, below its space unless it opens the
    /// column.
    fn place(&mut self, i: usize) {
        let e = &self.elements[i];
        let space = if self.pen.empty { 0.0 } else { e.space_before };
        self.flow.placements.push(Placement {
            piece: Piece::Element(i),
            page: self.pen.slot / self.columns,
            column: self.pen.slot % self.columns,
            y: self.pen.y + space,
            at_top: self.pen.empty,
            stretch: 0.0,
        });
        self.pen.y += space + e.height;
        self.pen.empty = false;
        self.pen.last_in_slot = Some(i);
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
    // Shorter columns may not split a question that a full column holds,
    // when questions are kept whole.
    let fits = |h: f32| {
        let column = Column {
            height: h,
            full: body_height,
            columns,
            top,
        };
        let f = run(elements, ends, start, open, column);
        let splits_whole = f
            .events
            .iter()
            .any(|e| matches!(e, Event::Continued(g, _) if elements[*g].group_height.is_some()));
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
        Event::Moved(_, p) | Event::Split(_, p) | Event::Continued(_, p) => *p < last,
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
            Event::Continued(i, _) => Event::Continued(i, last),
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

    #[test]
    fn a_question_continued_into_the_balanced_last_page_keeps_its_label() {
        // 3 columns of 100: the question starting at 20 runs into the last
        // page, which is balanced; its first column there opens with the
        // continuation line, and the report says where it continues.
        let mut els: Vec<Element> = (0..40).map(|_| line(10.0)).collect();
        els[33].mark = Some(Mark::Section("next".into()));
        question(&mut els, 25, 0);
        els[25].group_height = None;
        let flow = paginate(&els, 100.0, 3, 0.0);
        assert_eq!(flow.pages, 2);
        let label = flow
            .placements
            .iter()
            .find(|p| p.piece == Piece::Continued(25))
            .expect("a continuation line");
        assert_eq!((label.page, label.y), (1, 0.0));
        assert!(
            flow.events.contains(&Event::Continued(25, 1)),
            "{:?}",
            flow.events
        );
    }

    #[test]
    fn a_question_taller_than_a_column_is_split_and_a_shorter_one_continued() {
        let mut els: Vec<Element> = (0..30).map(|_| line(10.0)).collect();
        question(&mut els, 5, 0);
        question(&mut els, 20, 1);
        for e in &mut els {
            e.group_height = None;
        }
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert!(
            flow.events.contains(&Event::Split(5, 1)),
            "{:?}",
            flow.events
        );
        assert!(
            flow.events.contains(&Event::Continued(20, 3)),
            "{:?}",
            flow.events
        );
    }

    #[test]
    fn a_growing_box_before_a_page_break_reaches_the_foot() {
        let mut els: Vec<Element> = (0..4).map(|_| line(10.0)).collect();
        els[2].grow = Some(Grow::Box(5.0));
        els[3].page_break = true;
        els.push(line(10.0));
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert_eq!(flow.pages, 2);
        let grown = at(&flow, 2);
        assert_eq!((grown.y, grown.stretch), (20.0, 70.0));
    }

    #[test]
    fn a_page_break_at_the_end_adds_no_blank_page() {
        let mut els: Vec<Element> = (0..3).map(|_| line(10.0)).collect();
        els[1].grow = Some(Grow::Rules(10.0));
        els[2].page_break = true;
        let flow = paginate(&els, 100.0, 1, 0.0);
        assert_eq!(flow.pages, 1);
        assert_eq!(at(&flow, 1).stretch, 80.0, "the lines run to the foot");
    }

    #[test]
    fn a_column_that_ends_early_spreads_its_white_over_its_gaps() {
        // Two 30-point paragraphs, then a kept chain of 60 that must move:
        // the first page's gap grows, its last line ends on the foot.
        let mut els: Vec<Element> = (0..9).map(|_| line(10.0)).collect();
        els[3].space_before = 6.0;
        for e in &mut els[5..8] {
            e.keep_with_next = true;
        }
        els[5].space_before = 6.0;
        let flow = paginate(&els, 60.0, 1, 0.0);
        assert_eq!(at(&flow, 5).page, 1);
        let last = at(&flow, 4);
        assert_eq!(last.page, 0);
        // Bottom was 56; the one gap of 6 may double, to reach 62 at most.
        assert!((last.y + 10.0 - 60.0).abs() < 1e-3, "{last:?}");
        assert!(at(&flow, 3).y > 36.0);
        assert_eq!(
            at(&flow, 2).y,
            20.0,
            "lines of one paragraph keep their leading"
        );
    }

    #[test]
    fn a_section_whose_opening_does_not_fit_under_the_title_moves_on() {
        // 60 points of title, then a heading kept with a 50-point chain:
        // it would strand the heading at the foot of page 1.
        let mut els: Vec<Element> = (0..8).map(|_| line(10.0)).collect();
        for e in &mut els[..5] {
            e.keep_with_next = true;
        }
        els[0].heading = true;
        let flow = paginate(&els, 100.0, 1, 60.0);
        assert_eq!((at(&flow, 0).page, at(&flow, 0).y), (1, 0.0));
        assert!(flow.events.iter().all(|e| !matches!(e, Event::Stranded(_))));
    }
}
