//! Markdown blocks → a [`Frame`]: shape, break, paginate, finalize.
//!
//! The stages are separate files: `shape` (harfrust and the word cache),
//! `linebreak` (Knuth–Plass), `inline` (a paragraph into lines), `collect`
//! (blocks into flow elements), `flow` (elements into columns and pages) and
//! `finalize` (page furniture, the outline and the table of contents).

mod collect;
mod finalize;
mod flow;
mod inline;
pub mod linebreak;
mod shape;

pub use shape::Fonts;

use crate::config::Output;
use crate::frame::{Frame, Info, Item as Draw};
use crate::markdown::Document;

/// Document-wide typographic settings derived from an output.
#[derive(Debug, Clone, Copy)]
pub struct DocStyle {
    /// Body size in points.
    pub size: f32,
    /// Leading as a multiple of the size.
    pub line_height: f32,
    /// Justify paragraphs.
    pub justify: bool,
    /// Hyphenate.
    pub hyphenate: bool,
    /// Width of one column.
    pub measure: f32,
    /// Columns per page.
    pub columns: usize,
    /// Space between columns.
    pub gap: f32,
    /// Keep each question in one column when it fits.
    pub keep_questions: bool,
}

/// What the flow had to do, for `build --report` and `--strict`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub kind: NoticeKind,
    /// The question's 0-based position among the document's questions, if
    /// it concerns a question.
    pub question: Option<usize>,
    /// The heading text.
    pub title: String,
    /// 1-based page where it happened.
    pub page: usize,
}

/// Kinds of [`Notice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// A question did not fit below what came before and forced a break.
    Moved,
    /// A question taller than a column was split.
    Split,
    /// A heading ended a column apart from its text.
    Stranded,
}

/// A laid-out document and what the flow noticed.
pub struct Layout {
    /// The pages.
    pub frame: Frame,
    /// Moved, split and stranded questions.
    pub notices: Vec<Notice>,
    /// Characters no font could draw, with the question (0-based) they
    /// appeared in; each prints as a visible U+FFFD.
    pub missing: Vec<(char, Option<usize>)>,
}

/// Lays out a parsed document for one output.
pub fn layout(doc: &Document, output: &Output, fonts: &Fonts, info: Info) -> Layout {
    let setup = output.page;
    let body_width = setup.width - setup.margins.left - setup.margins.right;
    let columns = output.columns.max(1);
    let gap = output.column_gap;
    let style = DocStyle {
        size: output.font_size,
        line_height: output.line_height,
        justify: output.justify,
        hyphenate: output.hyphenate,
        measure: (body_width - gap * (columns - 1) as f32) / columns as f32,
        columns,
        gap,
        keep_questions: output.keep_questions,
    };
    let mut setter = inline::Setter::new(shape::Shaper::new(fonts));
    // The title block spans the full width above the columns.
    let wide = DocStyle {
        measure: body_width,
        ..style
    };
    let mut title = collect::Collector::new(&mut setter, &wide);
    title.title_block(&doc.meta);
    let front = std::mem::take(&mut title.out);
    let front_height: f32 = front.iter().map(|e| e.space_before + e.height).sum::<f32>()
        + if front.is_empty() {
            0.0
        } else {
            0.4 * style.size
        };
    let mut collector = collect::Collector::new(&mut setter, &style);
    if output.toc {
        collector.contents(&doc.blocks);
    }
    collector.document(&doc.blocks);
    let elements = std::mem::take(&mut collector.out);
    let body_height = setup.height - setup.margins.top - setup.margins.bottom;
    let flow = flow::paginate(&elements, body_height, columns, front_height);
    let notices = notices(&elements, &flow);
    let frame = finalize::finalize(front, elements, &flow, output, &style, &mut setter, info);
    Layout {
        frame,
        notices,
        missing: std::mem::take(&mut setter.missing),
    }
}

fn notices(elements: &[flow::Element], flow: &flow::Flow) -> Vec<Notice> {
    let describe = |i: usize| match &elements[i].mark {
        Some(flow::Mark::Question(title, k)) => (Some(*k), title.clone()),
        Some(flow::Mark::Section(title)) => (None, title.clone()),
        None => {
            // A heading line below the first: find its heading's mark.
            let mark = elements[..=i].iter().rev().find_map(|e| e.mark.clone());
            match mark {
                Some(flow::Mark::Question(title, k)) => (Some(k), title),
                Some(flow::Mark::Section(title)) => (None, title),
                None => (None, String::new()),
            }
        }
    };
    flow.events
        .iter()
        .map(|e| {
            let (kind, i, page) = match *e {
                flow::Event::Moved(i, p) => (NoticeKind::Moved, i, p),
                flow::Event::Split(i, p) => (NoticeKind::Split, i, p),
                flow::Event::Stranded(i) => {
                    let page = flow
                        .placements
                        .iter()
                        .find(|p| p.piece == flow::Piece::Element(i))
                        .map_or(0, |p| p.page);
                    (NoticeKind::Stranded, i, page)
                }
            };
            let (question, title) = describe(i);
            Notice {
                kind,
                question,
                title,
                page: page + 1,
            }
        })
        .collect()
}

/// Moves a drawing item by `(dx, dy)`.
pub(crate) fn translate(d: &mut Draw, dx: f32, dy: f32) {
    match d {
        Draw::Text { x, y, .. } | Draw::Rect { x, y, .. } | Draw::Link { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Draw::Line { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
    }
}
