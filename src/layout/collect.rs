//! Blocks → elements: every block is set at its indent and measure, and its
//! lines become flow elements carrying their keep rules.

mod figure;

mod chunks;
mod code;
mod forms;
mod table;

use super::flow::{Element, Mark, Tag};
use super::inline::{Align, Line, ParaStyle, Setter};
use super::{translate, DocStyle};
use crate::frame::{Color, FaceId, Glyph, Item as Draw, Role};
use crate::image::Image;
use crate::markdown::{plain_text, Block, Inline, ListItem, Meta};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Text gray for secondary text (quotes, the title block's author line).
const MUTED: Color = Color::gray(0.3);
/// Rule gray.
const RULE: Color = Color::gray(0.45);
/// Code block background.
const CODE_BG: Color = Color::gray(0.95);

/// Where a block is being set.
#[derive(Clone)]
struct Ctx {
    /// Left edge, from the text area's left.
    x: f32,
    /// Available width.
    measure: f32,
    /// Quote bars to draw beside every line, as x positions.
    bars: Vec<f32>,
    /// Text colour.
    color: Color,
    /// Lists this block is nested in, for the bullet of each level.
    depth: usize,
}

/// Collects the elements of a document.
pub struct Collector<'s, 'f> {
    setter: &'s mut Setter<'f>,
    style: &'s DocStyle,
    /// The elements so far.
    pub out: Vec<Element>,
    /// Space that replaces the next element's own space (after a heading).
    after: Option<f32>,
    /// Setting the blocks of a question: its headings are part of its text,
    /// not sections.
    in_question: bool,
    /// The previous block was a section heading: a short paragraph now is
    /// its introduction and stays with what follows.
    intro: bool,
    /// Something is set before this collector's first element (it sets a
    /// later chunk of the document), so a section starts a new page even
    /// when it comes first here.
    preceded: bool,
}

impl<'s, 'f> Collector<'s, 'f> {
    /// A collector writing into an empty element list.
    pub fn new(setter: &'s mut Setter<'f>, style: &'s DocStyle) -> Self {
        Collector {
            setter,
            style,
            out: Vec::new(),
            after: None,
            in_question: false,
            intro: false,
            preceded: false,
        }
    }

    /// The context of a top-level block: full measure, no indent or bars.
    fn top(&self) -> Ctx {
        Ctx {
            x: 0.0,
            measure: self.style.measure,
            bars: Vec::new(),
            color: Color::BLACK,
            depth: 0,
        }
    }

    fn para(&self, size: f32) -> ParaStyle {
        ParaStyle {
            size,
            leading: size * self.style.line_height,
            bold: false,
            italic: false,
            mono: false,
            color: Color::BLACK,
            align: if self.style.justify {
                Align::Justify
            } else {
                Align::Left
            },
            hyphenate: self.style.hyphenate,
        }
    }

    /// The title block: the logo, title, subtitle, author and date,
    /// centred, then a rule.
    pub fn title_block(&mut self, meta: &Meta, logo: Option<&Arc<Image>>) {
        let s = self.style.size;
        let ctx = self.top();
        let centred = |size: f32, bold: bool, italic: bool, color: Color, this: &Self| ParaStyle {
            bold,
            italic,
            color,
            align: Align::Center,
            hyphenate: false,
            leading: size * 1.2,
            ..this.para(size)
        };
        let mut first = true;
        let mut fields = Vec::new();
        let compact = self.style.compact;
        let (title_size, subtitle_size) = if compact { (1.6, 1.0) } else { (2.0, 1.2) };
        if let Some(t) = &meta.title {
            fields.push((
                t.clone(),
                centred(
                    title_size * s,
                    true,
                    false,
                    self.style.heading_color(),
                    self,
                ),
                0.0,
            ));
        }
        if let Some(t) = &meta.subtitle {
            fields.push((
                t.clone(),
                centred(subtitle_size * s, false, true, Color::BLACK, self),
                0.3 * s,
            ));
        }
        let copy = meta.copy.as_ref().map(|c| format!("Copy: {c}"));
        let byline: Vec<&str> = [&meta.author, &meta.date, &copy]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !byline.is_empty() && !compact {
            fields.push((
                byline.join("  \u{b7}  "),
                centred(0.95 * s, false, false, MUTED, self),
                0.7 * s,
            ));
        }
        if fields.is_empty() && logo.is_none() {
            return;
        }
        if let Some(logo) = logo {
            self.out
                .push(super::logo::title_element(logo, ctx.measure, compact));
        }
        for (text, style, space) in fields {
            let lines = self
                .setter
                .paragraph(&[Inline::Text(text)], &style, ctx.measure);
            let before = self.out.len();
            // The first line opens the block, unless the logo is above it.
            let space = match (first, before) {
                (false, _) => space,
                (true, 0) => 0.0,
                (true, _) => 0.6 * s,
            };
            self.push_lines(lines, &ctx, space, true);
            if first && meta.title.is_some() {
                retag(&mut self.out[before..], Role::H1, false);
            }
            first = false;
        }
        let rule = Draw::Line {
            from: (0.0, 0.5 * s),
            to: (ctx.measure, 0.5 * s),
            width: 0.6,
            color: self.style.rule_color(RULE),
        };
        let mut e = Element::new(s, 0.0, vec![rule]);
        e.space_before = 0.6 * s;
        self.out.push(e);
    }

    /// The table of contents: "Contents", then one entry per section and
    /// question heading. Page numbers and links are added once the pages
    /// are known; here each entry records which mark it points at.
    pub fn contents(&mut self, blocks: &[Block]) {
        let s = self.style.size;
        let ctx = self.top();
        let title = ParaStyle {
            bold: true,
            color: self.style.heading_color(),
            align: Align::Left,
            hyphenate: false,
            leading: 1.5 * s * 1.25,
            ..self.para(1.5 * s)
        };
        let lines = self
            .setter
            .paragraph(&[Inline::Text("Contents".into())], &title, ctx.measure);
        self.push_lines(lines, &ctx, 1.2 * s, true);
        self.after = Some(0.5 * s);
        let number_room = 2.2 * s;
        for (target, (section, content)) in marked_headings(blocks).into_iter().enumerate() {
            let indent = if section { 0.0 } else { 1.2 * s };
            let style = ParaStyle {
                bold: section,
                align: Align::Left,
                hyphenate: false,
                ..self.para(s)
            };
            let lines = self
                .setter
                .paragraph(&content, &style, ctx.measure - indent - number_room);
            let entry = Ctx {
                x: indent,
                ..ctx.clone()
            };
            let before = self.out.len();
            self.push_lines(lines, &entry, if section { 0.45 * s } else { 0.0 }, false);
            if let Some(first) = self.out.get_mut(before) {
                first.toc_target = Some(target);
            }
        }
    }

    /// Sets the whole document.
    pub fn document(&mut self, blocks: &[Block]) {
        self.part(blocks, 0..blocks.len());
    }

    /// Sets `blocks[range]`, the next part of the document, after what is
    /// set already. A part should start at a question or section (see
    /// [`part_ends`]).
    pub fn part(&mut self, all: &[Block], range: std::ops::Range<usize>) {
        use rayon::prelude::*;
        let offset = range.start;
        let blocks = &all[range];
        let first_new = self.out.len();
        let threads = rayon::current_num_threads();
        // Several chunks a thread, cut at equal amounts of text and handed
        // out largest first, so that the cores finish together. A chunk
        // of fewer than two blocks would cost more to hand over than it
        // saves. Each core sets its chunks with a setter of its own, which
        // keeps what it has learnt from one chunk to the next.
        const MIN_BLOCKS_PER_CHUNK: usize = 2;
        const CHUNKS_PER_THREAD: usize = 4;
        let chunks = (threads * CHUNKS_PER_THREAD).min(blocks.len() / MIN_BLOCKS_PER_CHUNK);
        let chunks::Plan { starts, order } = chunks::plan(blocks, chunks);
        let ctx = self.top();
        if starts.len() < 2 {
            self.blocks_from(blocks, offset, &ctx, true);
            self.mark_groups_from(first_new);
            return;
        }
        let workers = threads.min(order.len());
        let mut helpers = std::mem::take(&mut self.setter.helpers);
        while helpers.len() < workers {
            helpers.push(self.setter.helper());
        }
        let ends: Vec<usize> = starts[1..].iter().copied().chain([blocks.len()]).collect();
        let style = self.style;
        let next = AtomicUsize::new(0);
        let ((), done) = rayon::join(
            || self.blocks_from(&blocks[..ends[0]], offset, &ctx, true),
            || {
                helpers[..workers]
                    .par_iter_mut()
                    .with_max_len(1)
                    .map(|helper| {
                        let mut set = Vec::new();
                        while let Some(&c) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                            let (start, end) = (starts[c], ends[c]);
                            helper.missing.clear();
                            helper.question = None;
                            let mut collector = Collector::new(helper, style);
                            collector.preceded = true;
                            collector.blocks_from(&blocks[start..end], offset + start, &ctx, true);
                            let state = (collector.after, collector.intro);
                            let out = std::mem::take(&mut collector.out);
                            let missing = std::mem::take(&mut helper.missing);
                            set.push((start, end, out, missing, state));
                        }
                        set
                    })
                    .collect::<Vec<_>>()
            },
        );
        let mut rest: Vec<_> = done.into_iter().flatten().collect();
        rest.sort_unstable_by_key(|chunk| chunk.0);
        let mut sequential_from = None;
        for (start, end, out, missing, (after, intro)) in rest {
            // A chunk was set assuming no pending heading space; otherwise
            // it is set again here, in sequence.
            if sequential_from.is_none() && (self.after.is_some() || self.intro) {
                sequential_from = Some(start);
            }
            match sequential_from {
                Some(_) => self.blocks_from(&blocks[start..end], offset + start, &ctx, true),
                None => {
                    self.out.extend(out);
                    for m in missing {
                        if !self.setter.missing.contains(&m) {
                            self.setter.missing.push(m);
                        }
                    }
                    self.after = after;
                    self.intro = intro;
                }
            }
        }
        self.setter.helpers = helpers;
        self.mark_groups_from(first_new);
    }

    /// Gives the questions set since element `first_new` their heights, and
    /// the one under way before it, which they may have gone on with.
    fn mark_groups_from(&mut self, first_new: usize) {
        if self.style.keep_questions {
            let from = self.out[..first_new]
                .iter()
                .rposition(|e| e.mark.is_some())
                .unwrap_or(first_new);
            mark_groups(&mut self.out[from..]);
        }
    }

    fn blocks(&mut self, blocks: &[Block], ctx: &Ctx, tight: bool) {
        self.blocks_from(blocks, 0, ctx, tight);
    }

    /// Sets `blocks`, the first of which is block `first` of its parent.
    fn blocks_from(&mut self, blocks: &[Block], first: usize, ctx: &Ctx, tight: bool) {
        for (n, b) in (first..).zip(blocks) {
            let gap = if n == 0 && tight {
                0.0
            } else {
                self.style.size * if self.style.compact { 0.3 } else { 0.55 }
            };
            self.block(b, ctx, gap);
        }
    }

    fn block(&mut self, block: &Block, ctx: &Ctx, gap: f32) {
        let s = self.style.size;
        let intro = std::mem::take(&mut self.intro);
        match block {
            Block::Heading { level, content } => self.heading(*level, content, ctx, None),
            Block::Question { id, blocks } => self.question(id, blocks, ctx),
            Block::Paragraph(inlines) => {
                let mut style = self.para(s);
                style.color = ctx.color;
                let lines = self.setter.paragraph(inlines, &style, ctx.measure);
                // A paragraph that is only bold text ("Example answer.") is a
                // label for what follows and must not end a column; a short
                // paragraph led by one ("Why they ask. …") stays whole. At
                // the top level of a question both are its opening, which
                // stays with what follows (see `keep_opening`). Short means
                // at most 8 lines and a sixth of the column: on a small page
                // in large type a whole one would push the question on and
                // leave half a page empty, so only its first line opens it.
                let label = matches!(inlines.as_slice(), [Inline::Strong(_)]);
                let led = matches!(inlines.first(), Some(Inline::Strong(_)));
                let n = lines.len();
                let height: f32 = lines.iter().map(|l| l.height).sum();
                let whole = led && n <= 8 && height <= self.style.figure_height / 6.0;
                let intro = intro && n <= 4;
                let before = self.out.len();
                self.push_lines(lines, ctx, gap, label || intro);
                let top_level = ctx.x == 0.0 && ctx.bars.is_empty();
                for (k, e) in self.out[before..].iter_mut().enumerate() {
                    e.keep_with_next |= whole && k + 1 < n;
                    e.lead = top_level && (label || (led && (whole || k == 0)));
                }
            }
            Block::List {
                start,
                tight,
                items,
            } => self.list(*start, *tight, items, ctx, gap),
            Block::Quote(inner) => {
                let indent = 1.1 * s;
                let mut inner_ctx = ctx.clone();
                inner_ctx.bars.push(ctx.x + 0.3 * s);
                inner_ctx.x += indent;
                inner_ctx.measure -= indent;
                inner_ctx.color = MUTED;
                let before = self.out.len();
                self.blocks(inner, &inner_ctx, true);
                if let Some(e) = self.out.get_mut(before) {
                    e.space_before = e.space_before.max(gap);
                }
            }
            Block::Code { text, .. } => self.code(text, ctx, gap),
            Block::Rule => {
                let w = ctx.measure / 3.0;
                let x = ctx.x + (ctx.measure - w) / 2.0;
                let line = Draw::Line {
                    from: (x, 0.6 * s),
                    to: (x + w, 0.6 * s),
                    width: 0.5,
                    color: self.style.rule_color(RULE),
                };
                let mut e = Element::new(1.2 * s, 0.0, vec![line]);
                e.space_before = gap;
                self.out.push(e);
            }
            Block::Table { align, rows } => self.table(align, rows, ctx, gap),
            Block::Notes { lines, fill } => self.notes(*lines as usize, *fill, ctx, gap),
            Block::Score => self.score(ctx, gap),
            Block::PageBreak => {
                let mut e = Element::new(0.0, 0.0, Vec::new());
                e.page_break = true;
                self.out.push(e);
            }
            Block::Figure(figure) => self.figure(figure, ctx, gap),
            Block::Details { summary, blocks } => self.details(summary, blocks, ctx, gap),
        }
    }

    /// A `<details>` block: its summary as a bold label that stays with
    /// what follows, and its content indented beside a thin rule.
    fn details(&mut self, summary: &[Inline], blocks: &[Block], ctx: &Ctx, gap: f32) {
        let s = self.style.size;
        let label = if summary.is_empty() {
            vec![Inline::Text("Details".into())]
        } else {
            summary.to_vec()
        };
        self.block(&Block::Paragraph(vec![Inline::Strong(label)]), ctx, gap);
        if let Some(e) = self.out.last_mut() {
            e.keep_with_next = !blocks.is_empty();
        }
        let indent = 1.1 * s;
        let mut inner = ctx.clone();
        inner.bars.push(ctx.x + 0.3 * s);
        inner.x += indent;
        inner.measure -= indent;
        self.blocks_from(blocks, 1, &inner, false);
    }

    /// Sets a question: its first block, when a heading, opens it and
    /// carries its id; every other block is its text.
    fn question(&mut self, id: &str, blocks: &[Block], ctx: &Ctx) {
        let gap = self.style.size * if self.style.compact { 0.3 } else { 0.55 };
        self.setter.question = Some(id.to_string());
        self.in_question = true;
        let before = self.out.len();
        for (n, b) in blocks.iter().enumerate() {
            match b {
                Block::Heading { level, content } if n == 0 => {
                    self.heading(*level, content, ctx, Some(id))
                }
                _ => self.block(b, ctx, gap),
            }
        }
        self.in_question = false;
        self.setter.question = None;
        keep_opening(&mut self.out[before..]);
        // A template may open a question without a heading; it is still one.
        if let Some(first) = self.out.get_mut(before) {
            if first.mark.is_none() {
                let title = plain_text(&question_title(id, blocks));
                first.mark = Some(Mark::Question(title, Some(id.to_string())));
            }
        }
    }

    /// Sets a heading. `question` is the id when the heading opens a
    /// question; a top-level `##` outside questions (a plain document's
    /// topic) is set the same way, without an id.
    fn heading(&mut self, level: u8, content: &[Inline], ctx: &Ctx, question: Option<&str>) {
        let s = self.style.size;
        let (size, space, after, bold, italic) = match level {
            // Cheat sheets keep headings small and close: space is the point.
            1 if self.style.compact => (1.2 * s, 0.9 * s, 0.2 * s, true, false),
            2 if self.style.compact => (s, 0.5 * s, 0.1 * s, true, false),
            _ if self.style.compact => (s, 0.4 * s, 0.1 * s, true, true),
            1 => (1.5 * s, 2.0 * s, 0.55 * s, true, false),
            2 => (1.1 * s, 1.5 * s, 0.35 * s, true, false),
            _ => (s, 1.0 * s, 0.25 * s, true, true),
        };
        let style = ParaStyle {
            bold,
            italic,
            color: self.style.heading_color(),
            align: Align::Left,
            hyphenate: false,
            leading: size * 1.25,
            ..self.para(size)
        };
        // A question heading "12. Text" hangs its number in the left margin,
        // so question text lines up with the body. In columns there is no
        // margin to hang into, and the number stays in the text.
        // Only top-level headings outside questions are sections; a heading
        // inside a list, a quote or a question's text is just a heading.
        let top_level = ctx.x == 0.0 && ctx.bars.is_empty() && !self.in_question;
        let section = level == 1 && top_level;
        let topic = question.is_some() || (level == 2 && top_level);
        let mut number = None;
        let mut content = content.to_vec();
        if topic {
            if let Some(Inline::Text(t)) = content.first() {
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0 && t[digits..].starts_with(". ") {
                    number = Some(t[..digits + 1].to_string());
                    if ctx.x == 0.0 && self.style.columns == 1 {
                        content[0] = Inline::Text(t[digits + 2..].to_string());
                    }
                }
            }
        }
        let hang = number.is_some()
            && matches!(content.first(), Some(Inline::Text(t)) if !t.starts_with(number.as_deref().unwrap_or("")));
        if section {
            self.setter.question = None;
        }
        let lines = self.setter.paragraph(&content, &style, ctx.measure);
        if section && self.style.section_page_break && (self.preceded || !self.out.is_empty()) {
            let mut e = Element::new(0.0, 0.0, Vec::new());
            e.page_break = true;
            self.out.push(e);
        }
        let before = self.out.len();
        self.push_lines(lines, ctx, space, true);
        let role = match level {
            1 => Role::H1,
            2 => Role::H2,
            _ => Role::H3,
        };
        retag(&mut self.out[before..], role, false);
        for e in &mut self.out[before..] {
            e.heading = true;
        }
        let mut title = plain_text(&content);
        if hang {
            title = format!("{} {title}", number.as_deref().unwrap_or(""));
        }
        let continued = topic.then(|| self.continued_line(number.as_deref(), size));
        // Every other heading of a plain document goes into the outline
        // too, also inside a list or a quote (collections number their
        // questions as `1. ### Question`).
        let sub = (!self.in_question && !section && !topic).then(|| (level, title.clone()));
        if let Some(first) = self.out.get_mut(before) {
            first.outline = sub;
            first.mark = if section {
                Some(Mark::Section(title))
            } else if topic {
                Some(Mark::Question(title, question.map(str::to_string)))
            } else {
                None
            };
            first.continued = continued.map(Box::new);
            if let (true, Some(n)) = (hang, &number) {
                let shaped = self.setter.shaper.shape(FaceId::Bold, n);
                let w = shaped.width * size;
                let x = -w - 0.45 * s;
                let glyphs = glyphs_of(&shaped, size);
                // First in the stream, so extracted text reads "5. Which …".
                first.items.insert(
                    0,
                    Draw::Text {
                        face: FaceId::Bold,
                        size,
                        x,
                        y: first.baseline,
                        color: style.color,
                        glyphs,
                        tracking: 0.0,
                    },
                );
            }
        }
        self.intro = section;
        self.after = Some(after);
    }

    /// The line that opens a column a split question continues into:
    /// "12. (continued)".
    fn continued_line(&mut self, number: Option<&str>, size: f32) -> Element {
        let text = match number {
            Some(n) => format!("{n} (continued)"),
            None => "(continued)".to_string(),
        };
        let style = ParaStyle {
            bold: true,
            italic: true,
            color: MUTED,
            align: Align::Left,
            hyphenate: false,
            leading: size * 1.25,
            ..self.para(size)
        };
        let lines = self
            .setter
            .paragraph(&[Inline::Text(text)], &style, self.style.measure);
        let line = lines.into_iter().next();
        let (height, baseline, items) = line.map_or((size * 1.25, size, Vec::new()), |l| {
            (l.height + 0.3 * size, l.baseline, l.items)
        });
        Element::new(height, baseline, items)
    }

    fn list(&mut self, start: Option<u64>, tight: bool, items: &[ListItem], ctx: &Ctx, gap: f32) {
        let s = self.style.size;
        let indent = if start.is_some() { 1.6 * s } else { 1.25 * s };
        let mut inner = ctx.clone();
        inner.x += indent;
        inner.measure -= indent;
        inner.depth += 1;
        let item_gap = if tight || self.style.compact {
            0.15 * s
        } else {
            0.5 * s
        };
        for (n, item) in items.iter().enumerate() {
            let before = self.out.len();
            self.blocks(&item.blocks, &inner, true);
            if item.blocks.is_empty() {
                self.out
                    .push(Element::new(s * self.style.line_height, 0.0, Vec::new()));
            }
            // An item is one list item in the structure, nested lists and
            // all: tagged PDF readers get one level of list.
            retag(&mut self.out[before..], Role::LI, n == 0);
            let Some(first) = self.out.get_mut(before) else {
                continue;
            };
            first.space_before = if n == 0 { gap } else { item_gap };
            let base = first.baseline;
            let right = inner.x - 0.45 * s;
            // Markers go first in the content stream, so extracted text
            // reads "1. Item" rather than "Item 1.".
            match (item.task, start) {
                (Some(done), _) => {
                    let b = 0.62 * s;
                    let (x, y) = (right - b, base - b);
                    let stroke = |a: (f32, f32), z: (f32, f32)| Draw::Line {
                        from: a,
                        to: z,
                        width: 0.5,
                        color: Color::BLACK,
                    };
                    first.items.extend([
                        stroke((x, y), (x + b, y)),
                        stroke((x + b, y), (x + b, y + b)),
                        stroke((x + b, y + b), (x, y + b)),
                        stroke((x, y + b), (x, y)),
                    ]);
                    if done {
                        first.items.push(stroke(
                            (x + 0.18 * b, y + 0.5 * b),
                            (x + 0.42 * b, y + 0.78 * b),
                        ));
                        first.items.push(stroke(
                            (x + 0.42 * b, y + 0.78 * b),
                            (x + 0.85 * b, y + 0.2 * b),
                        ));
                    }
                }
                (None, start) => {
                    let label = match start {
                        Some(first_number) => format!("{}.", first_number.saturating_add(n as u64)),
                        None => bullet(ctx.depth).to_string(),
                    };
                    // A text face without the bullet (◦ is rare) borrows it
                    // from the symbol fallback.
                    let fonts = self.setter.shaper.fonts();
                    let face = if label
                        .chars()
                        .all(|c| fonts.face(FaceId::Regular).has_glyph(c))
                    {
                        FaceId::Regular
                    } else {
                        FaceId::Fallback
                    };
                    let shaped = self.setter.shaper.shape(face, &label);
                    let x = right - shaped.width * s;
                    first.items.insert(
                        0,
                        Draw::Text {
                            face,
                            size: s,
                            x,
                            y: base,
                            color: ctx.color,
                            glyphs: glyphs_of(&shaped, s),
                            tracking: 0.0,
                        },
                    );
                }
            }
        }
    }

    /// Pushes a paragraph's lines as elements with widow and orphan control:
    /// a paragraph of four or more lines keeps two lines together at each
    /// end; a shorter one stays whole. `keep_all` chains every line to the
    /// next element (headings).
    fn push_lines(&mut self, lines: Vec<Line>, ctx: &Ctx, space: f32, keep_all: bool) {
        let n = lines.len();
        let space = self.after.take().unwrap_or(space);
        for (k, line) in lines.into_iter().enumerate() {
            let mut items = line.items;
            for d in &mut items {
                translate(d, ctx.x, 0.0);
            }
            let mut e = Element::new(line.height, line.baseline, items);
            e.space_before = if k == 0 { space } else { 0.0 };
            e.keep_with_next = keep_all || keeps(k, n);
            e.tag = Some(if k == 0 {
                Tag::start(Role::P)
            } else {
                Tag::more(Role::P)
            });
            self.decorate(&mut e, ctx);
            self.out.push(e);
        }
    }

    /// Draws the quote bars beside an element, reaching up through its space.
    fn decorate(&self, e: &mut Element, ctx: &Ctx) {
        for &x in &ctx.bars {
            e.items.push(Draw::Line {
                from: (x, -e.space_before),
                to: (x, e.height),
                width: 1.6,
                color: Color::gray(0.75),
            });
        }
    }
}

/// Where to end the parts of a document set and paginated one after
/// another, each about `size` top-level blocks: at the places where
/// [`chunks::plan`] may split. The last entry is `blocks.len()`.
pub fn part_ends(blocks: &[Block], size: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut last = 0;
    for b in 1..blocks.len() {
        if b - last >= size.max(1) && chunks::splits_before(blocks, b) {
            ends.push(b);
            last = b;
        }
    }
    ends.push(blocks.len());
    ends
}

/// What the table of contents lists, in the order of the marks the
/// collector sets: `(is a section, title)` for each top-level `#` heading,
/// each question, and each top-level `##` outside questions.
fn marked_headings(blocks: &[Block]) -> Vec<(bool, Vec<Inline>)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, content } if *level <= 2 => {
                Some((*level == 1, content.clone()))
            }
            Block::Question { id, blocks } => Some((false, question_title(id, blocks))),
            _ => None,
        })
        .collect()
}

/// A question's title: its heading, else its first paragraph, else its id.
fn question_title(id: &str, blocks: &[Block]) -> Vec<Inline> {
    match blocks.first() {
        Some(Block::Heading { content, .. } | Block::Paragraph(content)) => content.clone(),
        _ => vec![Inline::Text(id.to_string())],
    }
}

/// Makes `elements` one structure element of `role`, or with `first_in_group`
/// the first item of a new list or table. Untagged elements (drawn boxes)
/// stay furniture.
fn retag(elements: &mut [Element], role: Role, first_in_group: bool) {
    let mut first = true;
    for e in elements.iter_mut() {
        let Some(tag) = &mut e.tag else { continue };
        // A picture after the item's opening keeps its role and alt text,
        // as a child of the item; one that opens it stands for the item.
        if tag.role == Role::Figure && !first {
            tag.nested = true;
            continue;
        }
        e.tag = Some(Tag {
            role,
            start: first,
            first_in_group: first && first_in_group,
            ..Tag::start(role)
        });
        first = false;
    }
}

/// The bullet of a list nested `depth` lists deep: a bullet, an en dash,
/// a white bullet, and round again, so each level reads apart.
fn bullet(depth: usize) -> &'static str {
    ["\u{2022}", "\u{2013}", "\u{25e6}"][depth % 3]
}

/// A question's opening (its heading, and guidance or labels led by bold
/// text) stays with at least two lines of what follows it.
fn keep_opening(question: &mut [Element]) {
    let mut k = 0;
    while k < question.len() && (question[k].heading || question[k].lead) {
        question[k].keep_with_next = true;
        k += 1;
    }
    // The first line of text keeps with the second, if the question has one.
    if k + 1 < question.len() {
        question[k].keep_with_next = true;
    }
    // A question that is only its opening (a list to practise, printed
    // without answers or lines) ends there: keeping its last line with the
    // next question chained whole lists of them, and the flow could only
    // break such a chain inside a heading.
    if k == question.len() {
        if let Some(last) = question.last_mut() {
            last.keep_with_next = false;
        }
    }
}

/// Records on each question's first element the height of the whole
/// question, up to the next question or section heading.
fn mark_groups(elements: &mut [Element]) {
    let mut start: Option<usize> = None;
    let mut height = 0.0;
    for i in 0..=elements.len() {
        let boundary = elements.get(i).is_none_or(|e| e.mark.is_some());
        if boundary {
            if let Some(s) = start.take() {
                elements[s].group_height = Some(height);
            }
            if let Some(Mark::Question(..)) = elements.get(i).and_then(|e| e.mark.as_ref()) {
                start = Some(i);
                height = elements[i].height;
            }
        } else if start.is_some() {
            height += elements[i].space_before + elements[i].height;
        }
    }
}

/// Whether line `k` of `n` must stay with the next one.
fn keeps(k: usize, n: usize) -> bool {
    if n <= 3 {
        k + 1 < n
    } else {
        k == 0 || k + 2 == n
    }
}

/// Positioned glyphs of a whole shaped run at `size`.
pub(super) fn glyphs_of(shaped: &super::shape::Shaped, size: f32) -> Vec<Glyph> {
    super::inline::placed(&shaped.glyphs, size, 0.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Fonts;
    use crate::layout::shape::Shaper;

    /// A guide-shaped document: sections, questions, labelled paragraphs,
    /// lists, code and a heading straight after a heading.
    fn sample() -> String {
        let mut md = String::new();
        for section in 0..3 {
            md.push_str(&format!("# Section {section}\n\nAn introduction.\n\n"));
            for q in 0..12 {
                let n = section * 12 + q + 1;
                md.push_str(&format!(
                    "## {n}. Why would a hyphenated, reasonably long question number {n} matter?\n\n\
                     **Why they ask.** Interviewers want to hear the trade-offs of question {n}.\n\n\
                     - one point\n- another point with `code`\n\n\
                     ```\nfn main() {{ println!(\"{n}\"); }}\n```\n\n\
                     **Example answer.**\n\nA paragraph of answer text for {n} that wraps over \
                     several lines, so that line breaking and hyphenation have work to do.\n\n"
                ));
            }
            md.push_str("## Heading\n\n### Straight after a heading\n\nText.\n\n");
        }
        md
    }

    fn collect(threads: usize, section_page_break: bool) -> String {
        let doc = crate::markdown::parse(&sample());
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        let style = DocStyle {
            size: 10.0,
            line_height: 1.3,
            justify: true,
            hyphenate: true,
            measure: 300.0,
            columns: 1,
            gap: 12.0,
            keep_questions: true,
            section_page_break,
            compact: false,
            figure_height: 600.0,
            figure_scale: 1.0,
            accent: None,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut c = Collector::new(&mut setter, &style);
            c.document(&doc.blocks);
            format!("{:?} {:?}", c.out, setter.missing)
        })
    }

    #[test]
    fn setting_in_parallel_chunks_gives_the_sequential_elements() {
        // One thread never splits: that is the sequential result. A chunk
        // that starts with a section starts a page when sections do.
        for breaks in [false, true] {
            let sequential = collect(1, breaks);
            assert!(sequential.contains("Question(\"36. Why would"));
            assert_eq!(
                sequential.matches("page_break: true").count(),
                if breaks { 2 } else { 0 },
                "sections 2 and 3 start pages"
            );
            for threads in [2, 3, 4] {
                assert_eq!(collect(threads, breaks), sequential, "{threads} threads");
            }
        }
    }

    #[test]
    fn chunks_start_at_a_heading_after_a_paragraph() {
        let doc = crate::markdown::parse(&sample());
        let starts = chunks::plan(&doc.blocks, 4).starts;
        assert_eq!(starts.len(), 4, "{starts:?}");
        assert_eq!(starts[0], 0);
        for &s in &starts[1..] {
            assert!(matches!(doc.blocks[s], Block::Heading { level: 1 | 2, .. }));
            assert!(matches!(doc.blocks[s - 1], Block::Paragraph(_)));
        }
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
        // "# Section 0" and its introduction: no heading to split at.
        assert_eq!(chunks::plan(&doc.blocks[..2], 4).starts, vec![0]);
    }

    #[test]
    fn bullets_differ_by_level() {
        assert_eq!(
            [bullet(0), bullet(1), bullet(2), bullet(3)],
            ["\u{2022}", "\u{2013}", "\u{25e6}", "\u{2022}"]
        );
    }

    #[test]
    fn a_question_opening_keeps_two_lines_of_text() {
        let line = |heading: bool, lead: bool| {
            let mut e = Element::new(10.0, 8.0, Vec::new());
            e.heading = heading;
            e.lead = lead;
            e
        };
        // Heading, a one-line "Why" led by bold, a label, then one-line
        // paragraphs: the first of them must stay with the second.
        let mut q = vec![
            line(true, false),
            line(false, true),
            line(false, true),
            line(false, false),
            line(false, false),
            line(false, false),
        ];
        keep_opening(&mut q);
        let kept: Vec<bool> = q.iter().map(|e| e.keep_with_next).collect();
        assert_eq!(kept, [true, true, true, true, false, false]);
        // A question with one line of text keeps nothing past its end.
        let mut short = vec![line(true, false), line(false, false)];
        keep_opening(&mut short);
        assert!(!short[1].keep_with_next);
        // A question that is only a two-line heading keeps its lines
        // together and nothing after them.
        let mut bare = vec![line(true, false), line(true, false)];
        keep_opening(&mut bare);
        let kept: Vec<bool> = bare.iter().map(|e| e.keep_with_next).collect();
        assert_eq!(kept, [true, false]);
    }
}
