//! Markdown blocks → pages: shape, break, paginate, finalize.
//!
//! The stages are separate files: `shape` (harfrust and the word cache),
//! `linebreak` (Knuth–Plass), `inline` (a paragraph into lines), `collect`
//! (blocks into flow elements), `flow` (elements into columns and pages) and
//! `finalize` (elements onto pages; then page furniture, the outline and the
//! table of contents).
//!
//! A flowing document goes through them a part at a time, and each page is
//! handed to a [`PageSink`] as soon as pagination has settled it: the PDF
//! writer, which writes and frees it, or [`Collect`], which keeps every page
//! for a [`Frame`].

mod cards;
mod collect;
mod finalize;
mod flow;
mod inline;
pub mod linebreak;
mod logo;
mod settings;
mod shape;
mod shared;
mod tags;
mod warm;

pub use cards::{grid as card_grid, inner_size as card_inner_size};
pub use finalize::Furnishing;
pub use settings::{Brand, Cards, Duplex, FitGoal, Kind, Margins, PageSetup, Pages, Settings};
pub use warm::Warmer;

use crate::font::Fonts;
use crate::frame::{Frame, Info, Item as Draw};
use crate::markdown::Document;
use std::borrow::Cow;

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
    /// Start each section on a new page.
    pub section_page_break: bool,
    /// Cheat-sheet spacing: small headings, tight gaps.
    pub compact: bool,
    /// The tallest a figure may be: the column's height, so that a picture
    /// is never split.
    pub figure_height: f32,
    /// Figures are drawn at this share of their size: a fit that shrinks
    /// the text shrinks them with it.
    pub figure_scale: f32,
    /// The brand's colour for headings and rules, if it has one.
    pub accent: Option<crate::frame::Color>,
}

impl DocStyle {
    /// The colour of headings: the accent, or black.
    pub fn heading_color(&self) -> crate::frame::Color {
        self.accent.unwrap_or(crate::frame::Color::BLACK)
    }

    /// The colour of a rule whose plain colour is `plain`: the accent, if
    /// there is one.
    pub fn rule_color(&self, plain: crate::frame::Color) -> crate::frame::Color {
        self.accent.unwrap_or(plain)
    }
}

/// What the flow had to do, for `build --report` and `--strict`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub kind: NoticeKind,
    /// The id of the question it concerns, if any.
    pub question: Option<String>,
    /// The heading text.
    pub title: String,
    /// 1-based page where it happened.
    pub page: usize,
    /// For a stranded section heading: the id of the question after it,
    /// whose opening did not fit below it.
    pub next: Option<String>,
}

/// Kinds of [`Notice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// A question did not fit below what came before and forced a break.
    Moved,
    /// A question taller than a column was split.
    Split,
    /// A question continues into the next column or page, so that the one
    /// it starts in is filled.
    Continued,
    /// A heading ended a column apart from its text.
    Stranded,
}

impl NoticeKind {
    /// The word `--report` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Moved => "moved",
            NoticeKind::Split => "split",
            NoticeKind::Continued => "continued",
            NoticeKind::Stranded => "stranded",
        }
    }
}

/// A laid-out document and what the flow noticed.
pub struct Layout {
    /// The pages.
    pub frame: Frame,
    /// Moved, split and stranded questions.
    pub notices: Vec<Notice>,
    /// Characters no font could draw, with the id of the question they
    /// appeared in; each prints as a visible U+FFFD.
    pub missing: Vec<(char, Option<String>)>,
    /// What a fit to `fit_pages` chose.
    pub fit: Option<Fit>,
}

/// How a fitted document came out, for the build's report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// The font size chosen.
    pub size: f32,
    /// Pages used.
    pub pages: usize,
    /// Columns used.
    pub columns: usize,
    /// Full layouts the search ran.
    pub tries: usize,
}

/// Why a document could not be fitted to its page count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitFailure {
    /// Pages the content needs at the smallest size and tightest setting.
    pub pages: usize,
    /// That smallest size.
    pub size: f32,
}

/// Where a layout hands its pages: each page once, in order, as soon as
/// pagination has settled it, so that a long document need not hold all
/// of its pages at once; then, when the document is done, each page's
/// furniture (which needs the page count).
pub trait PageSink {
    /// The next pages. `structure` is the structure tree as far as their
    /// tags reach.
    fn pages(&mut self, pages: Vec<crate::frame::Page>, structure: &[crate::frame::StructNode]);

    /// Page `n`'s furniture, drawn before and after what it holds.
    fn furnish(&mut self, n: usize, furnishing: Furnishing);
}

/// A [`PageSink`] that keeps every page, furniture and all.
#[derive(Default)]
pub struct Collect {
    /// The pages so far.
    pub pages: Vec<crate::frame::Page>,
}

impl PageSink for Collect {
    fn pages(&mut self, pages: Vec<crate::frame::Page>, _: &[crate::frame::StructNode]) {
        self.pages.extend(pages);
    }

    fn furnish(&mut self, n: usize, furnishing: Furnishing) {
        if let Some(page) = self.pages.get_mut(n) {
            furnishing.wrap(&mut page.items);
        }
    }
}

/// What a layout into a [`PageSink`] makes besides the pages.
pub struct Streamed {
    /// Pages handed over.
    pub pages: usize,
    /// The nested outline.
    pub outline: Vec<crate::frame::OutlineEntry>,
    /// The structure tree.
    pub structure: Vec<crate::frame::StructNode>,
    /// The document's metadata.
    pub info: Info,
    /// Moved, split and stranded questions.
    pub notices: Vec<Notice>,
    /// Characters no font could draw (see [`Layout::missing`]).
    pub missing: Vec<(char, Option<String>)>,
    /// What a fit to `fit_pages` chose.
    pub fit: Option<Fit>,
}

impl Streamed {
    /// The layout, with the pages a [`Collect`] kept.
    pub fn collected(self, pages: Vec<crate::frame::Page>) -> Layout {
        Layout {
            frame: Frame {
                pages,
                outline: self.outline,
                info: self.info,
                structure: self.structure,
            },
            notices: self.notices,
            missing: self.missing,
            fit: self.fit,
        }
    }
}

/// Lays out a parsed document, keeping every page.
pub fn layout(
    doc: &Document,
    settings: &Settings,
    fonts: &Fonts,
    info: Info,
) -> Result<Layout, FitFailure> {
    let mut pages = Collect::default();
    let streamed = layout_into(Cow::Borrowed(doc), settings, fonts, info, &mut pages)?;
    Ok(streamed.collected(pages.pages))
}

/// Lays out a parsed document, handing the pages to `sink` as they are
/// settled. Only a flowing document without a page count to fit is
/// streamed; cards and fitted sheets are short, and are handed over whole.
/// A document given owned is freed part by part as it is set.
pub fn layout_into(
    doc: Cow<'_, Document>,
    settings: &Settings,
    fonts: &Fonts,
    info: Info,
    sink: &mut dyn PageSink,
) -> Result<Streamed, FitFailure> {
    let mut setter = inline::Setter::new(shape::Shaper::new(fonts));
    let page = Page { settings, info };
    let whole = match &settings.kind {
        Kind::Cards(cards) => cards::layout(&doc, settings, cards, &mut setter, page.info),
        Kind::Pages(pages) => match pages.fit {
            Some(goal) => fit(&doc, &page, pages, goal, &mut setter)?,
            None => {
                let setting = Setting::of(settings, pages);
                let parts = PART_BLOCKS;
                return Ok(flow_layout(
                    doc,
                    &page,
                    pages,
                    (setting, parts),
                    &mut setter,
                    sink,
                ));
            }
        },
    };
    let Layout {
        frame,
        notices,
        missing,
        fit,
    } = whole;
    let count = frame.pages.len();
    sink.pages(frame.pages, &frame.structure);
    Ok(Streamed {
        pages: count,
        outline: frame.outline,
        structure: frame.structure,
        info: frame.info,
        notices,
        missing,
        fit,
    })
}

/// What every page of a flowing layout shares.
struct Page<'a> {
    settings: &'a Settings,
    info: Info,
}

/// The two-page sheet for finding a printer's `back_offset`.
pub fn calibration(width: f32, height: f32, fonts: &Fonts) -> Frame {
    let mut setter = inline::Setter::new(shape::Shaper::new(fonts));
    cards::calibration(width, height, &mut setter)
}

/// The knobs a fit may turn.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Setting {
    size: f32,
    line_height: f32,
    columns: usize,
}

impl Setting {
    fn of(settings: &Settings, pages: &Pages) -> Setting {
        Setting {
            size: settings.font_size,
            line_height: settings.line_height,
            columns: pages.columns.max(1),
        }
    }
}

/// Finds the largest font size (in steps of 0.25 pt, with leading to match)
/// at which the document takes at most `pages` pages.
///
/// Page count falls as the size falls, and text area grows with the square
/// of the size, so a first layout at the largest size gives an estimate that
/// is usually within a step or two; the search then walks to the boundary.
/// Shaping is shared by every try (widths are kept per em), so each try costs
/// only breaking and pagination. When even the smallest size does not fit,
/// tighter leading and one more column are tried before giving up.
fn fit(
    doc: &Document,
    page: &Page,
    flow: &Pages,
    goal: FitGoal,
    setter: &mut inline::Setter,
) -> Result<Layout, FitFailure> {
    const STEP: f32 = 0.25;
    let pages = goal.pages;
    let base = Setting::of(page.settings, flow);
    let min = page.settings.min_font_size;
    let (lo, hi) = (min, goal.max_font_size.max(min));
    let steps = ((hi - lo) / STEP).floor() as i32;
    let size_at = |k: i32| lo + k as f32 * STEP;
    let mut tries = 0;
    let count = |setter: &mut inline::Setter, setting: Setting, tries: &mut usize| {
        *tries += 1;
        let mut pages = Collect::default();
        let whole = (setting, usize::MAX);
        let laid = flow_layout(Cow::Borrowed(doc), page, flow, whole, setter, &mut pages)
            .collected(pages.pages);
        let used = laid.frame.pages.len();
        (used, laid)
    };
    // Try the largest size: if it fits, it is the answer.
    let top = Setting {
        size: size_at(steps),
        ..base
    };
    let (used, laid) = count(setter, top, &mut tries);
    if used <= pages {
        return Ok(with_fit(laid, top, used, tries));
    }
    // Estimate from the area the content needs, then walk to the boundary.
    let fill = used as f32 / pages as f32;
    let guess = ((top.size / fill.sqrt() - lo) / STEP).floor() as i32;
    // (Only when there is a range to search: min and max may be equal.)
    let mut k = guess.clamp(0, (steps - 1).max(0));
    let mut best: Option<(i32, usize, Layout)> = None;
    let mut worst_fail = steps;
    // A loop with an index walking up or down; `steps > 0` guards the case
    // where min and max are equal and there is nothing to search.
    while steps > 0 && k >= 0 && k < steps {
        let setting = Setting {
            size: size_at(k),
            ..base
        };
        let (used, laid) = count(setter, setting, &mut tries);
        if used <= pages {
            best = Some((k, used, laid));
            if k + 1 >= worst_fail {
                break;
            }
            k += 1;
        } else {
            worst_fail = k;
            if best.is_some() || k == 0 {
                break;
            }
            k -= 1;
        }
    }
    if let Some((k, used, laid)) = best {
        return Ok(with_fit(
            laid,
            Setting {
                size: size_at(k),
                ..base
            },
            used,
            tries,
        ));
    }
    // Nothing fits at the smallest size: tighten the leading, then add a column.
    let mut needed = usize::MAX;
    let tighter = [
        Setting {
            size: lo,
            line_height: base.line_height.min(1.1),
            ..base
        },
        Setting {
            size: lo,
            line_height: base.line_height.min(1.1),
            columns: (base.columns + 1).min(3),
        },
    ];
    for setting in tighter {
        let (used, laid) = count(setter, setting, &mut tries);
        if used <= pages {
            return Ok(with_fit(laid, setting, used, tries));
        }
        needed = needed.min(used);
    }
    Err(FitFailure {
        pages: needed,
        size: lo,
    })
}

fn with_fit(mut laid: Layout, setting: Setting, pages: usize, tries: usize) -> Layout {
    laid.fit = Some(Fit {
        size: setting.size,
        pages,
        columns: setting.columns,
        tries,
    });
    laid
}

/// Top-level blocks set and paginated at a time: pages are handed over,
/// and their glyphs freed, a part at a time. Enough for both cores to share
/// (see [`collect::Collector::part`]), few enough that a part's lines are a
/// small share of a long document's.
const PART_BLOCKS: usize = 256;

/// Title block, columns of flowing text, and page furniture, handed to
/// `sink` part by part, of about `part_blocks` top-level blocks each.
fn flow_layout(
    mut doc: Cow<'_, Document>,
    page: &Page,
    flow: &Pages,
    (setting, part_blocks): (Setting, usize),
    setter: &mut inline::Setter,
    sink: &mut dyn PageSink,
) -> Streamed {
    let output = page.settings;
    let setup = output.page;
    let body_width = setup.width - setup.margins.left - setup.margins.right;
    let columns = setting.columns;
    let gap = flow.column_gap;
    let style = DocStyle {
        size: setting.size,
        line_height: setting.line_height,
        justify: output.justify,
        hyphenate: output.hyphenate,
        measure: (body_width - gap * (columns - 1) as f32) / columns as f32,
        columns,
        gap,
        keep_questions: flow.keep_questions,
        section_page_break: flow.section_page_break,
        compact: flow.compact,
        figure_height: setup.height - setup.margins.top - setup.margins.bottom,
        figure_scale: setting.size / output.font_size,
        accent: output.brand.accent,
    };
    setter.missing.clear();
    setter.question = None;
    // The title block spans the full width above the columns.
    let wide = DocStyle {
        measure: body_width,
        ..style
    };
    let mut title = collect::Collector::new(setter, &wide);
    title.title_block(&doc.meta, output.brand.logo.as_ref());
    let front = std::mem::take(&mut title.out);
    let front_height: f32 = front.iter().map(|e| e.space_before + e.height).sum::<f32>()
        + if front.is_empty() {
            0.0
        } else {
            0.4 * style.size
        };
    let body_height = setup.height - setup.margins.top - setup.margins.bottom;
    let mut paging = flow::Paging::new(body_height, columns, front_height);
    let mut placer = finalize::Placer::new(front, setup, &style);
    let mut collector = collect::Collector::new(setter, &style);
    if flow.toc {
        collector.contents(&doc.blocks);
    }
    let parts = Parts {
        collector: &mut collector,
        paging: &mut paging,
        placer: &mut placer,
    };
    let held = parts.run(&mut doc, part_blocks, sink);
    let elements = std::mem::take(&mut collector.out);
    let paged = paging.into_flow();
    let notices = notices(&elements, &paged);
    let furniture = finalize::Furniture {
        page: output.page,
        pages: flow,
        info: page.info.clone(),
        brand: &output.brand,
    };
    let finished = placer.finish(&elements, &paged, &furniture, setter);
    let (from, mut last_pages) = held;
    for (n, furnishing) in finished.furniture.into_iter().enumerate() {
        match n.checked_sub(from).and_then(|k| last_pages.get_mut(k)) {
            Some(page) => furnishing.wrap(&mut page.items),
            None => sink.furnish(n, furnishing),
        }
    }
    sink.pages(last_pages, &finished.structure);
    Streamed {
        pages: paged.pages,
        outline: finished.outline,
        structure: finished.structure,
        info: furniture.info,
        notices,
        missing: std::mem::take(&mut setter.missing),
        fit: None,
    }
}

/// The stages a flowing document goes through part by part.
struct Parts<'a, 's, 'f> {
    collector: &'a mut collect::Collector<'s, 'f>,
    paging: &'a mut flow::Paging,
    placer: &'a mut finalize::Placer,
}

impl Parts<'_, '_, '_> {
    /// Sets `blocks` in parts of about `part_blocks`, paginates what is set
    /// so far after each, and hands the pages it settles to `sink`. The
    /// pages settled by the last part are held back, with the number of
    /// the first, to get their furniture before they are handed over, as a
    /// whole short document does.
    fn run(
        self,
        doc: &mut Cow<'_, Document>,
        part_blocks: usize,
        sink: &mut dyn PageSink,
    ) -> (usize, Vec<crate::frame::Page>) {
        let Parts {
            collector,
            paging,
            placer,
        } = self;
        let mut start = 0;
        for end in collect::part_ends(&doc.blocks, part_blocks) {
            collector.part(&doc.blocks, start..end);
            // Set, an owned document's blocks are done with: at 5,000
            // questions they are 25 MB, freed as the pages grow.
            if let Cow::Owned(doc) = doc {
                doc.blocks[start..end].fill_with(|| crate::markdown::Block::Rule);
            }
            start = end;
            let last = end == doc.blocks.len();
            let settled = paging.flow(&collector.out, last);
            let from = settled.start;
            let placements = paging.placements_on(settled.clone());
            let pages = placer.place(&mut collector.out, placements, settled);
            if last {
                return (from, pages);
            }
            if !pages.is_empty() {
                sink.pages(pages, placer.structure());
            }
        }
        (0, Vec::new())
    }
}

fn notices(elements: &[flow::Element], flow: &flow::Flow) -> Vec<Notice> {
    let describe = |i: usize| match &elements[i].mark {
        Some(flow::Mark::Question(title, id)) => (id.clone(), title.clone()),
        Some(flow::Mark::Section(title)) => (None, title.clone()),
        None => {
            // A heading line below the first: find its heading's mark.
            let mark = elements[..=i].iter().rev().find_map(|e| e.mark.clone());
            match mark {
                Some(flow::Mark::Question(title, id)) => (id, title),
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
                flow::Event::Continued(i, p) => (NoticeKind::Continued, i, p),
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
            let next = match (kind, &elements[i].mark) {
                (NoticeKind::Stranded, Some(flow::Mark::Section(_))) => {
                    elements[i + 1..].iter().find_map(|e| match &e.mark {
                        Some(flow::Mark::Question(_, id)) => Some(id.clone()),
                        _ => None,
                    })
                }
                _ => None,
            }
            .flatten();
            Notice {
                kind,
                question,
                title,
                page: page + 1,
                next,
            }
        })
        .collect()
}

/// Moves a drawing item by `(dx, dy)`.
pub(crate) fn translate(d: &mut Draw, dx: f32, dy: f32) {
    match d {
        Draw::Text { x, y, .. }
        | Draw::Rect { x, y, .. }
        | Draw::Link { x, y, .. }
        | Draw::Image { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Draw::Line { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
        Draw::BeginCopyText { .. } | Draw::EndCopyText | Draw::BeginTag { .. } | Draw::EndTag => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::Page as FramePage;

    /// A long plain document: sections of `##` topics, each several
    /// top-level blocks (a label, a list, code, a paragraph), so that a
    /// topic's group of lines spans blocks.
    fn long_markdown() -> String {
        let mut md = String::from("---\ntitle: Parts\n---\n\n");
        for section in 0..4 {
            md.push_str(&format!("# Part {section}\n\nWhat this part covers.\n\n"));
            for t in 0..30 {
                let n = section * 30 + t;
                md.push_str(&format!(
                    "## Topic {n}: how a long heading wraps when it must\n\n"
                ));
                md.push_str("**Points.**\n\n- the first point\n- a second, longer point\n\n");
                if n % 4 == 0 {
                    md.push_str("```\nlet answer = compute(first, second);\n```\n\n");
                }
                for _ in 0..(n % 5) {
                    md.push_str(
                        "A paragraph long enough to wrap over a few lines of the column, \
                         with hyphenation and justification to do.\n\n",
                    );
                }
            }
        }
        md
    }

    /// Lays `md` out with parts of `part_blocks` blocks, keeping the pages;
    /// with `kept`, questions are kept whole and sections start pages.
    fn streamed(
        md: &str,
        (columns, kept): (usize, bool),
        part_blocks: usize,
    ) -> (Vec<FramePage>, Streamed) {
        let doc = crate::markdown::parse(md);
        let src = crate::diag::Source::new("test.md", "");
        let mut output = crate::config::Output::default_for(&src);
        output.columns = columns;
        let mut settings = crate::pipeline::settings(&output, None);
        let Kind::Pages(pages) = &mut settings.kind else {
            panic!("a handout flows");
        };
        pages.toc = true;
        pages.keep_questions = kept;
        pages.section_page_break = kept;
        pages.header = Some(("{title}".into(), "{section}".into()));
        pages.footer = Some("{page} of {pages}".into());
        let pages = pages.clone();
        let fonts = Fonts::builtin().unwrap();
        let mut setter = inline::Setter::new(shape::Shaper::new(&fonts));
        let page = Page {
            settings: &settings,
            info: Info::default(),
        };
        let setting = (Setting::of(&settings, &pages), part_blocks);
        let mut sink = Collect::default();
        let laid = flow_layout(
            Cow::Owned(doc),
            &page,
            &pages,
            setting,
            &mut setter,
            &mut sink,
        );
        (sink.pages, laid)
    }

    #[test]
    fn a_document_laid_out_in_parts_is_the_document_laid_out_whole() {
        let md = long_markdown();
        for columns in [(1, false), (2, true), (3, true)] {
            let (whole, laid) = streamed(&md, columns, usize::MAX);
            assert!(whole.len() > 8, "{} pages", whole.len());
            for part_blocks in [5, 40] {
                let (pages, parts) = streamed(&md, columns, part_blocks);
                assert_eq!(
                    pages.len(),
                    whole.len(),
                    "{columns:?}, parts of {part_blocks}"
                );
                for (n, (a, b)) in pages.iter().zip(&whole).enumerate() {
                    assert!(a == b, "page {} differs ({columns:?})", n + 1);
                }
                assert_eq!(parts.outline, laid.outline);
                assert_eq!(parts.structure, laid.structure);
                assert_eq!(parts.notices, laid.notices);
            }
        }
    }
}
