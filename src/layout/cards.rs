//! Flash cards: each question's card has the question on the front sheet
//! and its answer on the back sheet, placed so the back lands behind the
//! front when the sheets are printed double-sided.
//!
//! The Markdown is read as cards: a level-1 heading names the section, a
//! level-2 heading ("12. Question?") starts a card, and what follows it is
//! the back. Every back of a deck is set at one size, the largest at which
//! the fullest back fits, down to `min_font_size`; a back that does not fit
//! even then continues on another card marked "(2/2)".

use super::collect::{glyphs_of, Collector};
use super::flow::Element;
use super::inline::{Align, Line, ParaStyle, Setter};
use super::settings::{Cards, Duplex, Settings};
use super::{translate, DocStyle, Layout};
use crate::font::Fonts;
use crate::frame::{Color, FaceId, Frame, Glyph, Info, Item as Draw, OutlineEntry, Page};
use crate::markdown::{plain_text, Block, Document, Inline};

const MM: f32 = 72.0 / 25.4;
/// Padding inside a card.
const PAD: f32 = 4.0 * MM;
/// Cut marks: their length and their distance from the grid.
const MARK_LEN: f32 = 4.0 * MM;
const MARK_GAP: f32 = 1.5 * MM;
/// Size steps when fitting card text.
const STEP: f32 = 0.5;

/// One question as read from the Markdown.
struct Card {
    /// The question's id (none for a `##` card of a plain document).
    id: Option<String>,
    number: String,
    section: String,
    question: Vec<Inline>,
    back: Vec<Block>,
}

impl Card {
    /// A card with `heading` on its front; a leading "12. " becomes its
    /// number.
    fn new(id: Option<String>, heading: &[Inline], section: &str) -> Card {
        let mut question = heading.to_vec();
        let mut number = String::new();
        if let Some(Inline::Text(t)) = question.first() {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && t[digits..].starts_with(". ") {
                number = t[..digits].to_string();
                question[0] = Inline::Text(t[digits + 2..].to_string());
            }
        }
        Card {
            id,
            number,
            section: section.to_string(),
            question,
            back: Vec::new(),
        }
    }
}

/// One card slot on a sheet: what its two faces show.
struct Slot {
    front: Vec<Draw>,
    back: Vec<Draw>,
    title: String,
}

/// Where cards sit on a sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Cards across and down.
    pub cols: usize,
    /// Rows of cards.
    pub rows: usize,
    /// Card width and height.
    pub card: (f32, f32),
    /// Top-left corner of the front grid.
    pub origin: (f32, f32),
}

impl Grid {
    /// Top-left corner of card (c, r) on a front sheet.
    pub fn front(&self, c: usize, r: usize) -> (f32, f32) {
        (
            self.origin.0 + c as f32 * self.card.0,
            self.origin.1 + r as f32 * self.card.1,
        )
    }
}

/// The grid for an output: a named card size fills the sheet with as many
/// cards as fit, otherwise the text area is divided by `grid`. With `fold`
/// only the left half of the sheet holds fronts.
pub fn grid(setup: super::PageSetup, cards: &Cards) -> Grid {
    let m = setup.margins;
    let fold = cards.duplex == Duplex::Fold;
    let area_w = if fold {
        setup.width / 2.0 - m.left - MARK_GAP
    } else {
        setup.width - m.left - m.right
    };
    let area_h = setup.height - m.top - m.bottom;
    let (cols, rows, card) = match cards.size {
        Some((w, h)) => {
            let cols = ((area_w / w).floor() as usize).max(1);
            let rows = ((area_h / h).floor() as usize).max(1);
            (cols, rows, (w.min(area_w), h.min(area_h)))
        }
        None => {
            let (c, r) = cards.grid;
            (
                c as usize,
                r as usize,
                (area_w / c as f32, area_h / r as f32),
            )
        }
    };
    let grid_w = cols as f32 * card.0;
    let grid_h = rows as f32 * card.1;
    let x = if fold {
        setup.width / 2.0 - MARK_GAP - grid_w
    } else {
        (setup.width - grid_w) / 2.0
    };
    let y = (setup.height - grid_h) / 2.0;
    Grid {
        cols,
        rows,
        card,
        origin: (x, y),
    }
}

/// The size of the label line (number and section) at the top of a card.
fn label_size(font_size: f32) -> f32 {
    (0.7 * font_size).max(5.0)
}

/// Room for text on a card of size `card`: the card less its padding on
/// every side and its label line. Negative when the card is too small for
/// any text; config validation reports that before layout.
pub fn inner_size(card: (f32, f32), font_size: f32) -> (f32, f32) {
    let label_h = label_size(font_size) * 1.6;
    (card.0 - 2.0 * PAD, card.1 - 2.0 * PAD - label_h)
}

/// Lays out the cards of a document.
pub fn layout(
    doc: &Document,
    settings: &Settings,
    cards: &Cards,
    setter: &mut Setter,
    info: Info,
) -> Layout {
    setter.missing.clear();
    let grid = grid(settings.page, cards);
    let deck = read_cards(&doc.blocks);
    let backs = fit_backs(&deck, settings, grid, setter);
    let mut slots = Vec::new();
    for (card, back) in deck.iter().zip(backs) {
        setter.question = card.id.clone();
        slots.extend(card_slots(card, back, settings, grid, setter));
    }
    setter.question = None;
    let setup = settings.page;
    let per_sheet = grid.cols * grid.rows;
    let sheets = slots.len().div_ceil(per_sheet).max(1);
    let fold = cards.duplex == Duplex::Fold;
    let (dx, dy) = if fold { (0.0, 0.0) } else { cards.back_offset };
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    for sheet in 0..sheets {
        let mut front = Page {
            width: setup.width,
            height: setup.height,
            items: cut_marks(grid, setup.width, fold),
        };
        let mut back = Page {
            width: setup.width,
            height: setup.height,
            items: Vec::new(),
        };
        let front_index = pages.len();
        for (n, slot) in slots
            .iter()
            .skip(sheet * per_sheet)
            .take(per_sheet)
            .enumerate()
        {
            let (c, r) = (n % grid.cols, n / grid.cols);
            let (x, y) = grid.front(c, r);
            outline.push(OutlineEntry {
                title: slot.title.clone(),
                page: front_index,
                y,
                children: Vec::new(),
            });
            place(&mut front.items, &slot.front, x, y);
            let (bx, by) = back_position(grid, cards.duplex, c, r, setup.width, setup.height);
            let target = if fold {
                &mut front.items
            } else {
                &mut back.items
            };
            place(target, &slot.back, bx + dx, by + dy);
        }
        pages.push(front);
        if !fold {
            pages.push(back);
        }
    }
    Layout {
        frame: Frame {
            pages,
            outline,
            info,
            structure: Vec::new(),
        },
        notices: Vec::new(),
        missing: std::mem::take(&mut setter.missing),
        fit: None,
    }
}

/// Top-left corner, on the back sheet (or the right half, folded), of the
/// card whose front is at (c, r).
///
/// Long-edge duplex flips the sheet around its vertical axis, so a card's
/// back is its front mirrored across the sheet's vertical centre line;
/// short-edge flips around the horizontal axis, mirroring across the
/// horizontal centre line. A folded sheet mirrors across the fold, which is
/// the vertical centre line too.
pub fn back_position(
    grid: Grid,
    duplex: Duplex,
    c: usize,
    r: usize,
    width: f32,
    height: f32,
) -> (f32, f32) {
    let (x, y) = grid.front(c, r);
    match duplex {
        Duplex::LongEdge | Duplex::Fold => (width - x - grid.card.0, y),
        Duplex::ShortEdge => (x, height - y - grid.card.1),
    }
}

fn place(target: &mut Vec<Draw>, items: &[Draw], x: f32, y: f32) {
    for d in items {
        let mut d = d.clone();
        translate(&mut d, x, y);
        target.push(d);
    }
}

/// Short marks on the grid lines, outside the grid, where the cuts go.
fn cut_marks(grid: Grid, width: f32, fold: bool) -> Vec<Draw> {
    let mut marks = Vec::new();
    let ink = Color::gray(0.3);
    let mark = |a: (f32, f32), b: (f32, f32)| Draw::Line {
        from: a,
        to: b,
        width: 0.3,
        color: ink,
    };
    let grids = if fold {
        let mirrored = Grid {
            origin: (
                width - grid.origin.0 - grid.cols as f32 * grid.card.0,
                grid.origin.1,
            ),
            ..grid
        };
        vec![grid, mirrored]
    } else {
        vec![grid]
    };
    for g in grids {
        let (x0, y0) = g.origin;
        let (x1, y1) = (x0 + g.cols as f32 * g.card.0, y0 + g.rows as f32 * g.card.1);
        for c in 0..=g.cols {
            let x = x0 + c as f32 * g.card.0;
            marks.push(mark((x, y0 - MARK_GAP - MARK_LEN), (x, y0 - MARK_GAP)));
            marks.push(mark((x, y1 + MARK_GAP), (x, y1 + MARK_GAP + MARK_LEN)));
        }
        for r in 0..=g.rows {
            let y = y0 + r as f32 * g.card.1;
            marks.push(mark((x0 - MARK_GAP - MARK_LEN, y), (x0 - MARK_GAP, y)));
            marks.push(mark((x1 + MARK_GAP, y), (x1 + MARK_GAP + MARK_LEN, y)));
        }
    }
    if fold {
        // The fold line, marked outside the cards at the top and bottom.
        let x = width / 2.0;
        let (top, bottom) = (
            grid.origin.1,
            grid.origin.1 + grid.rows as f32 * grid.card.1,
        );
        marks.push(Draw::Line {
            from: (x, top - MARK_GAP - MARK_LEN),
            to: (x, top - MARK_GAP),
            width: 0.3,
            color: Color::gray(0.6),
        });
        marks.push(Draw::Line {
            from: (x, bottom + MARK_GAP),
            to: (x, bottom + MARK_GAP + MARK_LEN),
            width: 0.3,
            color: Color::gray(0.6),
        });
    }
    marks
}

/// Reads cards from the blocks: `#` names the section, and each question
/// is a card whose front is its heading. In a plain document without
/// questions, each `##` starts a card.
fn read_cards(blocks: &[Block]) -> Vec<Card> {
    let mut cards: Vec<Card> = Vec::new();
    let mut section = String::new();
    for block in blocks {
        match block {
            Block::Heading { level: 1, content } => section = plain_text(content),
            Block::Heading { level: 2, content } => {
                cards.push(Card::new(None, content, &section));
            }
            Block::Question { id, blocks } => {
                let (front, back) = match blocks.split_first() {
                    Some((Block::Heading { content, .. }, rest)) => (content.clone(), rest),
                    _ => (vec![Inline::Text(id.clone())], blocks.as_slice()),
                };
                let mut card = Card::new(Some(id.clone()), &front, &section);
                card.back.extend(back.iter().cloned());
                cards.push(card);
            }
            other => {
                if let Some(card) = cards.last_mut() {
                    card.back.push(other.clone());
                }
            }
        }
    }
    cards
}

/// The slots a card needs: one, or more when its back (already set by
/// [`fit_backs`]) does not fit even at the smallest size.
fn card_slots(
    card: &Card,
    elements: Vec<Element>,
    settings: &Settings,
    grid: Grid,
    setter: &mut Setter,
) -> Vec<Slot> {
    let small = label_size(settings.font_size);
    let label_h = small * 1.6;
    let (inner_w, inner_h) = room(grid, settings);
    let min = settings.min_font_size.min(settings.font_size);
    let chunks = split(elements, inner_h);
    let total = chunks.len();
    let title = if card.number.is_empty() {
        plain_text(&card.question)
    } else {
        format!("{}. {}", card.number, plain_text(&card.question))
    };
    chunks
        .into_iter()
        .enumerate()
        .map(|(n, chunk)| {
            let part = if total > 1 {
                format!(" ({}/{})", n + 1, total)
            } else {
                String::new()
            };
            let label = match (card.number.is_empty(), card.section.is_empty()) {
                (false, false) => format!("{} \u{b7} {}{part}", card.number, card.section),
                (false, true) => format!("{}{part}", card.number),
                (true, false) => format!("{}{part}", card.section),
                (true, true) => part.trim().to_string(),
            };
            let mut front = label_items(&label, small, setter);
            front.extend(question_items(
                &card.question,
                settings,
                inner_w,
                inner_h,
                min,
                setter,
            ));
            let mut back = label_items(&label, small, setter);
            let mut y = PAD + label_h;
            for (k, e) in chunk.into_iter().enumerate() {
                if k > 0 {
                    y += e.space_before;
                }
                place(&mut back, &e.items, PAD, y);
                y += e.height;
            }
            Slot {
                front,
                back,
                title: format!("{title}{part}"),
            }
        })
        .collect()
}

/// Room for text on a card, never so small that setting text fails.
fn room(grid: Grid, settings: &Settings) -> (f32, f32) {
    let (w, h) = inner_size(grid.card, settings.font_size);
    (w.max(10.0), h.max(10.0))
}

/// The sizes backs may be set at: `font_size`, then down by `STEP` to
/// `min_font_size`. A size is named by its step count, so that comparing
/// sizes never compares floats.
#[derive(Clone, Copy)]
struct Ladder {
    base: f32,
    /// The step count of the smallest size.
    floor: usize,
}

impl Ladder {
    fn new(settings: &Settings) -> Ladder {
        let base = settings.font_size;
        let min = settings.min_font_size.min(base);
        let floor = ((base - min + 1e-3) / STEP).floor().max(0.0) as usize;
        Ladder { base, floor }
    }

    fn size(self, step: usize) -> f32 {
        self.base - step as f32 * STEP
    }
}

/// A back set at one size of the ladder.
struct Back {
    step: usize,
    elements: Vec<Element>,
    /// Too tall for its card even at the smallest size.
    overflows: bool,
}

/// Sets every back of the deck at one size: the largest at which the
/// fullest back still fits its card, so that turning the cards over does
/// not change the type from card to card.
///
/// The deck size is the smallest of the cards' own largest sizes. Each card
/// is tried first at the deck size found so far, so a card that fits costs
/// one setting; a card that does not lowers the deck size for the rest.
/// Cards tried at a larger size are set again at the final size, and the
/// passes repeat in case a line break makes a card fit at a larger size but
/// not at a smaller one.
///
/// A back that does not fit even at `min_font_size` does not drag the deck
/// down with it: it alone is set at the smallest size and continues on
/// further cards, as every card did before the deck had one size.
fn fit_backs(
    cards: &[Card],
    settings: &Settings,
    grid: Grid,
    setter: &mut Setter,
) -> Vec<Vec<Element>> {
    let ladder = Ladder::new(settings);
    let mut deck = 0;
    let mut backs: Vec<Option<Back>> = cards.iter().map(|_| None).collect();
    loop {
        let before = deck;
        for (card, slot) in cards.iter().zip(&mut backs) {
            let settled = slot.as_ref().is_some_and(|b| b.overflows || b.step == deck);
            if settled {
                continue;
            }
            let back = largest_fit(card, ladder, deck, settings, grid, setter);
            if !back.overflows {
                deck = back.step;
            }
            *slot = Some(back);
        }
        if deck == before {
            break;
        }
    }
    backs
        .into_iter()
        .map(|b| b.map(|b| b.elements).unwrap_or_default())
        .collect()
}

/// The back of `card` at the largest size no larger than step `from` at
/// which it fits its card; at the smallest size if it fits at none.
fn largest_fit(
    card: &Card,
    ladder: Ladder,
    from: usize,
    settings: &Settings,
    grid: Grid,
    setter: &mut Setter,
) -> Back {
    let (inner_w, inner_h) = room(grid, settings);
    setter.question = card.id.clone();
    let mut step = from.min(ladder.floor);
    loop {
        let elements = back_elements(card, ladder.size(step), inner_w, settings, setter);
        let fits = height(&elements) <= inner_h;
        if fits || step >= ladder.floor {
            return Back {
                step,
                elements,
                overflows: !fits,
            };
        }
        step += 1;
    }
}

fn label_items(label: &str, size: f32, setter: &mut Setter) -> Vec<Draw> {
    if label.is_empty() {
        return Vec::new();
    }
    let shaped = setter.shaper.shape(FaceId::Regular, label);
    vec![Draw::Text {
        face: FaceId::Regular,
        size,
        x: PAD,
        y: PAD + size,
        color: Color::gray(0.4),
        glyphs: glyphs_of(&shaped, size),
        tracking: 0.0,
    }]
}

/// The question, bold and centred in the card, as large as fits, in
/// balanced lines.
fn question_items(
    question: &[Inline],
    settings: &Settings,
    inner_w: f32,
    inner_h: f32,
    min: f32,
    setter: &mut Setter,
) -> Vec<Draw> {
    let mut size = (settings.font_size * 1.35).max(min);
    loop {
        let style = ParaStyle {
            size,
            leading: size * 1.25,
            bold: true,
            italic: false,
            mono: false,
            // The card's heading: in the brand's accent, if it has one.
            color: settings.brand.accent.unwrap_or(Color::BLACK),
            align: Align::Center,
            // Display text: a question on a card reads whole words.
            hyphenate: false,
        };
        let lines = setter.paragraph(question, &style, inner_w);
        let total: f32 = lines.iter().map(|l| l.height).sum();
        if total <= inner_h || size - STEP < min {
            let (measure, lines) = balance(question, &style, inner_w, lines, setter);
            let label_h = label_size(settings.font_size) * 1.6;
            let x = PAD + (inner_w - measure) / 2.0;
            let mut y = PAD + label_h + ((inner_h - total) / 2.0).max(0.0);
            let mut out = Vec::new();
            for line in lines {
                place(&mut out, &line.items, x, y);
                y += line.height;
            }
            return out;
        }
        size -= STEP;
    }
}

/// How close the balanced measure comes to the narrowest that works.
const BALANCE_TOLERANCE: f32 = 0.5;

/// Resets `lines` at the narrowest measure that keeps their number, so a
/// question of several lines has lines of near-equal length instead of a
/// full line and then a word or two (CSS `text-wrap: balance`). The height
/// is unchanged, so the size chosen for the front still fits. Returns the
/// measure the lines are centred in. A line of the full-measure setting
/// that ends at a word's own hyphen stays so only if no narrower measure
/// avoids it.
fn balance(
    question: &[Inline],
    style: &ParaStyle,
    measure: f32,
    lines: Vec<Line>,
    setter: &mut Setter,
) -> (f32, Vec<Line>) {
    let count = lines.len();
    if count < 2 {
        return (measure, lines);
    }
    // The lines share out the text's width, so no measure below their
    // average holds it in as many lines.
    let fonts = setter.shaper.fonts();
    let text: f32 = lines.iter().map(|l| line_width(l, fonts)).sum();
    let (mut lo, mut hi, mut best) = (text / count as f32 - 1.0, measure, lines);
    while hi - lo > BALANCE_TOLERANCE {
        let mid = (lo + hi) / 2.0;
        let trial = setter.paragraph(question, style, mid);
        let fonts = setter.shaper.fonts();
        if trial.len() == count && trial.iter().all(|l| sits_in(l, mid, fonts)) {
            (hi, best) = (mid, trial);
        } else {
            lo = mid;
        }
    }
    (hi, best)
}

/// Whether a line set at `measure` stays inside it and does not end on a
/// hyphen: a word wider than the measure would stick out, and a narrow
/// measure may break "front-end" after its hyphen, which reads as
/// hyphenation on display text.
fn sits_in(line: &Line, measure: f32, fonts: &Fonts) -> bool {
    let last = line.items.iter().rev().find_map(|d| match d {
        Draw::Text { glyphs, .. } => Some(glyphs),
        _ => None,
    });
    let text: String = last.map_or(String::new(), |g| g.iter().map(|g| &*g.text).collect());
    line_width(line, fonts) <= measure && !text.trim_end().ends_with(['-', '\u{2010}'])
}

/// The inked width of a set line, from its first glyph to its last: the
/// space a line keeps at its end takes no room on the card.
fn line_width(line: &Line, fonts: &Fonts) -> f32 {
    let (mut left, mut right) = (f32::INFINITY, f32::NEG_INFINITY);
    for item in &line.items {
        if let Draw::Text {
            face,
            size,
            x,
            glyphs,
            ..
        } = item
        {
            let face = fonts.face(*face);
            // A cluster's later glyphs have empty text and are ink.
            let ink = |g: &&Glyph| g.text.is_empty() || !g.text.trim().is_empty();
            for g in glyphs.iter().filter(ink) {
                let end = x + g.x + face.advance(g.id) * size;
                (left, right) = (left.min(x + g.x), right.max(end));
            }
        }
    }
    (right - left).max(0.0)
}

fn back_elements(
    card: &Card,
    size: f32,
    measure: f32,
    settings: &Settings,
    setter: &mut Setter,
) -> Vec<Element> {
    let style = DocStyle {
        size,
        line_height: 1.2,
        justify: false,
        hyphenate: settings.hyphenate,
        measure,
        columns: 1,
        gap: 0.0,
        keep_questions: false,
        section_page_break: false,
        compact: true,
        // A card's text area is about twice as wide as it is tall; a figure
        // leaves room for a line of text beside it on the card.
        figure_height: 0.45 * measure,
        figure_scale: size / settings.font_size,
        accent: settings.brand.accent,
    };
    let mut collector = Collector::new(setter, &style);
    collector.document(&card.back);
    std::mem::take(&mut collector.out)
}

fn height(elements: &[Element]) -> f32 {
    elements
        .iter()
        .enumerate()
        .map(|(k, e)| {
            if k == 0 {
                e.height
            } else {
                e.space_before + e.height
            }
        })
        .sum()
}

/// Splits elements into card-sized chunks; an element taller than a card
/// gets a card of its own (and is clipped by nothing: it was shrunk first).
fn split(elements: Vec<Element>, inner_h: f32) -> Vec<Vec<Element>> {
    let mut chunks: Vec<Vec<Element>> = vec![Vec::new()];
    let mut y = 0.0;
    for e in elements {
        let current = chunks.last().map_or(0, Vec::len);
        let need = if current == 0 {
            e.height
        } else {
            e.space_before + e.height
        };
        if current > 0 && y + need > inner_h {
            chunks.push(Vec::new());
            y = 0.0;
        }
        let need = if chunks.last().is_some_and(Vec::is_empty) {
            e.height
        } else {
            need
        };
        y += need;
        if let Some(last) = chunks.last_mut() {
            last.push(e);
        }
    }
    chunks
}

/// `studyguide calibrate`: a two-page sheet for finding `back_offset`. The
/// front has a ruler grid at the centre; the back has the same grid
/// mirrored. Printed double-sided and held to the light, the offset between
/// the two crosses is read off the millimetre scale.
pub fn calibration(width: f32, height: f32, setter: &mut Setter) -> Frame {
    let mut pages = Vec::new();
    for back in [false, true] {
        let mut items = Vec::new();
        let (cx, cy) = (width / 2.0, height / 2.0);
        let ink = Color::BLACK;
        let line = |a: (f32, f32), b: (f32, f32), w: f32| Draw::Line {
            from: a,
            to: b,
            width: w,
            color: ink,
        };
        // A ruler cross with millimetre ticks, 40 mm each way.
        items.push(line((cx - 40.0 * MM, cy), (cx + 40.0 * MM, cy), 0.3));
        items.push(line((cx, cy - 40.0 * MM), (cx, cy + 40.0 * MM), 0.3));
        for k in -40i32..=40 {
            let t = if k % 10 == 0 {
                3.0 * MM
            } else if k % 5 == 0 {
                2.0 * MM
            } else {
                1.0 * MM
            };
            let d = k as f32 * MM;
            // Ticks point up and right on the front, down and left on the
            // back, so both scales can be read through the paper.
            let s = if back { -t } else { t };
            items.push(line((cx + d, cy), (cx + d, cy - s), 0.2));
            items.push(line((cx, cy + d), (cx + s, cy + d), 0.2));
        }
        let text = if back {
            "Back. Hold the sheet to the light: the offset of this cross from the front one is back_offset (x right, y down)."
        } else {
            "Front. Print both pages double-sided on the printer you will use for flash cards."
        };
        let style = ParaStyle {
            size: 10.0,
            leading: 13.0,
            bold: false,
            italic: false,
            mono: false,
            color: Color::BLACK,
            align: Align::Center,
            hyphenate: false,
        };
        let mut y = 20.0 * MM;
        for l in setter.paragraph(&[Inline::Text(text.into())], &style, width - 40.0 * MM) {
            place(&mut items, &l.items, 20.0 * MM, y);
            y += l.height;
        }
        pages.push(Page {
            width,
            height,
            items,
        });
    }
    Frame {
        pages,
        outline: Vec::new(),
        info: Info {
            title: "studyguide calibration".into(),
            ..Info::default()
        },
        structure: Vec::new(),
    }
}
