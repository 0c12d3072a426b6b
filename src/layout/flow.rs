//! Elements → pages: stack lines down the page, honouring keep rules.
//!
//! Every line of the document is an [`Element`]. Keep rules are expressed on
//! elements: `keep_with_next` forbids a page break after an element (headings,
//! the first and last lines of a paragraph), and `group_height` on a
//! question's first element asks for the whole question to stay on one page
//! when it can.

use crate::frame::Item as Draw;

/// A mark for the outline and the running header.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A section heading starts here.
    Section(String),
    /// A question starts here.
    Question(String),
}

/// One unsplittable piece of the flow: a line, a table row, a rule.
#[derive(Debug, Clone)]
pub struct Element {
    /// Height of the element itself.
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    /// First baseline, from the element's top.
    pub baseline: f32,
    /// What to draw, relative to the text area's left edge and the element's top.
    pub items: Vec<Draw>,
    /// No page break may follow this element.
    pub keep_with_next: bool,
    /// On a question's first element: the height of the whole question.
    pub group_height: Option<f32>,
    /// Outline / header mark.
    pub mark: Option<Mark>,
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
            group_height: None,
            mark: None,
        }
    }
}

/// Where an element was placed: page index and y from the text area's top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// 0-based page.
    pub page: usize,
    /// y of the element's top, from the text area's top.
    pub y: f32,
    /// Whether the space before the element was dropped (top of a page).
    pub at_top: bool,
}

/// Distributes elements over pages `body_height` tall; returns one placement
/// per element and the number of pages.
pub fn paginate(elements: &[Element], body_height: f32) -> (Vec<Placement>, usize) {
    let mut placements = Vec::with_capacity(elements.len());
    let mut page = 0;
    let mut y = 0.0f32;
    let mut empty = true;
    let mut i = 0;
    while i < elements.len() {
        let e = &elements[i];
        let space = if empty { 0.0 } else { e.space_before };
        if !empty {
            // A question that fits on a page is not split.
            if let Some(group) = e.group_height {
                if y + space + group > body_height && group <= body_height {
                    page += 1;
                    y = 0.0;
                    empty = true;
                    continue;
                }
            }
            // A chain of kept elements moves to the next page as a whole.
            let chain = chain_height(elements, i, space);
            if y + chain > body_height && chain - space <= body_height {
                page += 1;
                y = 0.0;
                empty = true;
                continue;
            }
            if y + space + e.height > body_height {
                page += 1;
                y = 0.0;
                empty = true;
                continue;
            }
        }
        placements.push(Placement {
            page,
            y: y + space,
            at_top: empty,
        });
        y += space + e.height;
        empty = false;
        i += 1;
    }
    (placements, page + 1)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(h: f32) -> Element {
        Element::new(h, h * 0.8, Vec::new())
    }

    #[test]
    fn a_heading_is_never_last_on_a_page() {
        let mut els: Vec<Element> = (0..8).map(|_| line(10.0)).collect();
        els[7].keep_with_next = true; // heading
        els.push(line(10.0));
        let (pl, pages) = paginate(&els, 80.0);
        assert_eq!(pages, 2);
        assert_eq!(pl[7].page, 1, "the heading moved to the next page");
        assert_eq!(pl[8].page, 1);
    }

    #[test]
    fn a_question_that_fits_moves_whole() {
        let mut els: Vec<Element> = (0..12).map(|_| line(10.0)).collect();
        els[5].group_height = Some(70.0);
        let (pl, _) = paginate(&els, 100.0);
        assert_eq!(pl[4].page, 0);
        assert_eq!((pl[5].page, pl[5].y), (1, 0.0));
    }

    #[test]
    fn a_section_heading_goes_with_its_first_question() {
        let mut els: Vec<Element> = (0..12).map(|_| line(10.0)).collect();
        els[5].keep_with_next = true; // section heading
        els[6].group_height = Some(60.0);
        let (pl, _) = paginate(&els, 100.0);
        assert_eq!(pl[4].page, 0);
        assert_eq!(
            (pl[5].page, pl[5].y),
            (1, 0.0),
            "the heading moved with the question"
        );
        assert_eq!(pl[6].page, 1);
    }

    #[test]
    fn space_before_is_dropped_at_the_top_of_a_page() {
        let mut els: Vec<Element> = (0..3).map(|_| line(40.0)).collect();
        els[2].space_before = 15.0;
        let (pl, _) = paginate(&els, 100.0);
        assert_eq!((pl[2].page, pl[2].y, pl[2].at_top), (1, 0.0, true));
    }

    #[test]
    fn a_chain_longer_than_a_page_still_flows() {
        let mut els: Vec<Element> = (0..30).map(|_| line(10.0)).collect();
        for e in &mut els {
            e.keep_with_next = true;
        }
        let (pl, pages) = paginate(&els, 100.0);
        assert_eq!(pages, 3);
        assert!(pl.iter().all(|p| p.y + 10.0 <= 100.0 + 1e-3));
    }
}
