//! Placed elements → frame pages, as pagination settles them; then the page
//! furniture: running header, footer, column rules, the nested outline and
//! the table of contents' page numbers and links.
//!
//! Furniture needs the final page count, the section in effect on each page
//! and where every heading landed, so it can only be made once pagination
//! is done: it is handed over apart from the pages ([`Furnishing`]).

use super::collect::glyphs_of;
use super::flow::{Element, Flow, Grow, Mark, Piece, Placement};
use super::inline::Setter;
use super::tags::Tagger;
use super::{translate, DocStyle};
use crate::frame::{Color, FaceId, Info, Item as Draw, OutlineEntry, Page, StructNode, Target};

/// What the page furniture is made from.
pub struct Furniture<'a> {
    /// Paper and margins.
    pub page: super::PageSetup,
    /// Header, footer and column rule settings.
    pub pages: &'a super::Pages,
    /// The document's metadata (its title fills `{title}`, its
    /// organisation `{organization}`).
    pub info: Info,
    /// The logo for the header.
    pub brand: &'a super::Brand,
}

/// Builds pages from placed elements as pagination settles them, and
/// remembers what the furniture, the outline and the TOC will need: where
/// every mark landed, the section in effect on each page, how far down
/// each column is filled.
pub struct Placer {
    setup: super::PageSetup,
    style: DocStyle,
    /// The title block, for the first page.
    front: Vec<Element>,
    /// Where each mark landed, in mark order: (page, y).
    marks: Vec<(usize, f32)>,
    outline: Vec<OutlineEntry>,
    /// The section in effect at the top of each page.
    page_section: Vec<Option<String>>,
    /// How far down each column of each page is filled.
    column_bottom: Vec<Vec<f32>>,
    /// Where the columns start on the first page: below the title block.
    first_top: f32,
    /// The structure tree, built in reading order.
    tagger: Tagger,
    /// The heading levels along the outline's last branch, to nest deeper
    /// headings under the right entry.
    outline_levels: Vec<u8>,
    /// The section in effect.
    current: Option<String>,
}

/// What is added to a page once the document is done, because it needs
/// the page count or where later headings landed: drawn `before` and
/// `after` the page's own items.
#[derive(Debug, Default)]
pub struct Furnishing {
    /// The running header and the column rules.
    pub before: Vec<Draw>,
    /// The table of contents' page numbers and links, and the footer.
    pub after: Vec<Draw>,
}

impl Furnishing {
    /// Puts the furniture around a page's `items`.
    pub fn wrap(self, items: &mut Vec<Draw>) {
        let Furnishing { mut before, after } = self;
        before.reserve_exact(items.len() + after.len());
        before.append(items);
        before.extend(after);
        *items = before;
    }
}

/// A finished document's outline, structure tree and furniture.
pub struct Finished {
    /// The nested outline.
    pub outline: Vec<OutlineEntry>,
    /// The structure tree.
    pub structure: Vec<StructNode>,
    /// Each page's furniture.
    pub furniture: Vec<Furnishing>,
}

impl Placer {
    /// A placer for pages of `setup`, the first headed by `front`.
    pub fn new(front: Vec<Element>, setup: super::PageSetup, style: &DocStyle) -> Placer {
        Placer {
            setup,
            style: *style,
            front,
            marks: Vec::new(),
            outline: Vec::new(),
            page_section: Vec::new(),
            column_bottom: Vec::new(),
            first_top: setup.margins.top,
            tagger: Tagger::default(),
            outline_levels: Vec::new(),
            current: None,
        }
    }

    /// The structure tree as far as the pages placed so far reach.
    pub fn structure(&self) -> &[StructNode] {
        &self.tagger.nodes
    }

    /// Pages `pages`, the next ones, from `placements` (all of those on
    /// them, in order): every placed element's items move onto its page.
    pub fn place(
        &mut self,
        elements: &mut [Element],
        placements: &[Placement],
        pages: std::ops::Range<usize>,
    ) -> Vec<Page> {
        let (setup, style) = (self.setup, self.style);
        let first = pages.start;
        let mut out: Vec<Page> = pages
            .clone()
            .map(|_| Page {
                width: setup.width,
                height: setup.height,
                items: Vec::new(),
            })
            .collect();
        self.page_section.resize(pages.end, None);
        self.column_bottom
            .resize(pages.end, vec![0.0f32; style.columns]);
        if first == 0 {
            if let Some(page) = out.first_mut() {
                self.place_front(page);
            }
        }
        let mut page_seen = vec![false; pages.len()];
        for p in placements {
            // An element is placed once, so its items move to the page rather
            // than being copied glyph by glyph; a "(continued)" line can repeat.
            let (e, items, continued) = match p.piece {
                Piece::Element(i) => {
                    let items = std::mem::take(&mut elements[i].items);
                    (&elements[i], items, false)
                }
                Piece::Continued(g) => match &elements[g].continued {
                    Some(c) => (c.as_ref(), c.items.clone(), true),
                    None => continue,
                },
            };
            let top = setup.margins.top + p.y;
            if !continued {
                self.note_marks(e, p.page, top);
            }
            if !page_seen[p.page - first] {
                page_seen[p.page - first] = true;
                self.page_section[p.page] = self.current.clone();
            }
            let bottom = &mut self.column_bottom[p.page][p.column];
            *bottom = bottom.max(p.y + e.height + p.stretch);
            let x0 = column_x(&setup, &style, p.column);
            let tag = match (&e.tag, continued) {
                (Some(t), false) => Some(self.tagger.node(t.clone())),
                _ => None,
            };
            let page = &mut out[p.page - first];
            let items = match e.grow {
                Some(grow) if p.stretch > 0.0 => grown(items, grow, p.stretch),
                _ => items,
            };
            page.items.extend(tag.map(|node| Draw::BeginTag { node }));
            let start = page.items.len();
            for mut d in items {
                if p.at_top {
                    clamp_above(&mut d);
                }
                translate(&mut d, x0, top);
                page.items.push(d);
            }
            if let Some(node) = tag {
                if let Some(bbox) = picture_box(&page.items[start..]) {
                    self.tagger.nodes[node].bbox = Some(bbox);
                }
            }
            page.items.extend(tag.map(|_| Draw::EndTag));
        }
        out
    }

    /// Records where element `e`'s mark and outline heading landed.
    fn note_marks(&mut self, e: &Element, page: usize, top: f32) {
        if let Some(mark) = &e.mark {
            self.marks.push((page, top));
            add_to_outline(&mut self.outline, &mut self.current, mark, page, top);
            self.outline_levels = match (mark, &self.current) {
                (Mark::Section(_), _) => vec![1],
                (Mark::Question(..), Some(_)) => vec![1, 2],
                (Mark::Question(..), None) => vec![2],
            };
        }
        if let Some((level, title)) = &e.outline {
            let entry = OutlineEntry {
                title: title.clone(),
                page,
                y: top,
                children: Vec::new(),
            };
            add_sub_heading(&mut self.outline, &mut self.outline_levels, *level, entry);
        }
    }

    /// The title block, full width at the top of the first page.
    fn place_front(&mut self, first: &mut Page) {
        let m = self.setup.margins;
        let mut y = m.top;
        for (n, e) in std::mem::take(&mut self.front).into_iter().enumerate() {
            if n > 0 {
                y += e.space_before;
            }
            let tag = e.tag.map(|t| self.tagger.node(t));
            first.items.extend(tag.map(|node| Draw::BeginTag { node }));
            for mut d in e.items {
                translate(&mut d, m.left, y);
                first.items.push(d);
            }
            first.items.extend(tag.map(|_| Draw::EndTag));
            y += e.height;
            self.first_top = y;
        }
    }

    /// After the last page: each page's furniture and the TOC's page
    /// numbers, now that the page count and every mark's page are known.
    pub fn finish(
        self,
        elements: &[Element],
        flow: &Flow,
        furniture: &Furniture,
        setter: &mut Setter,
    ) -> Finished {
        let mut furnishing: Vec<Furnishing> =
            (0..flow.pages).map(|_| Furnishing::default()).collect();
        toc_numbers(elements, flow, &self, &mut furnishing, setter);
        for (n, page) in furnishing.iter_mut().enumerate() {
            furnish(&self, n, flow.pages, page, furniture, setter);
        }
        Finished {
            outline: self.outline,
            structure: self.tagger.nodes,
            furniture: furnishing,
        }
    }
}

/// The x of column `c`'s left edge on the page.
fn column_x(setup: &super::PageSetup, style: &DocStyle, c: usize) -> f32 {
    setup.margins.left + c as f32 * (style.measure + style.gap)
}

/// Where the picture among `items` is drawn, for its figure's structure
/// element.
fn picture_box(items: &[Draw]) -> Option<[f32; 4]> {
    items.iter().find_map(|d| match d {
        Draw::Image { x, y, w, h, .. } => Some([*x, *y, *w, *h]),
        _ => None,
    })
}

/// The drawing of a growing element given `by` more height.
fn grown(mut items: Vec<Draw>, grow: Grow, by: f32) -> Vec<Draw> {
    match grow {
        Grow::Box(below) => {
            for d in &mut items {
                stretch(d, below, by);
            }
            items
        }
        Grow::Rules(pitch) => {
            // Whole extra lines only: the last one must not run into the
            // footer.
            let extra = (by / pitch).floor() as usize;
            let mut all = items.clone();
            for k in 1..=extra {
                all.extend(items.iter().cloned().map(|mut d| {
                    translate(&mut d, 0.0, k as f32 * pitch);
                    d
                }));
            }
            all
        }
    }
}

/// Moves every point of `d` at or below `below` down by `by`: a growing
/// box keeps its top edge and label, and its bottom edge follows the foot.
fn stretch(d: &mut Draw, below: f32, by: f32) {
    let shift = |y: &mut f32| {
        if *y >= below {
            *y += by;
        }
    };
    match d {
        Draw::Text { y, .. }
        | Draw::Rect { y, .. }
        | Draw::Link { y, .. }
        | Draw::Image { y, .. } => shift(y),
        Draw::Line { from, to, .. } => {
            shift(&mut from.1);
            shift(&mut to.1);
        }
        Draw::BeginTag { .. } | Draw::EndTag | Draw::BeginCopyText { .. } | Draw::EndCopyText => {}
    }
}

/// Sections are top-level outline entries and questions nest under the
/// section in effect (`current`).
fn add_to_outline(
    outline: &mut Vec<OutlineEntry>,
    current: &mut Option<String>,
    mark: &Mark,
    page: usize,
    y: f32,
) {
    let entry = |title: &str| OutlineEntry {
        title: title.to_string(),
        page,
        y,
        children: Vec::new(),
    };
    match mark {
        Mark::Section(t) => {
            *current = Some(t.clone());
            outline.push(entry(t));
        }
        Mark::Question(t, _) => match outline.last_mut() {
            Some(section) if current.is_some() => section.children.push(entry(t)),
            _ => outline.push(entry(t)),
        },
    }
}

/// Adds a heading of `level` under the last entry of a lower level, along
/// the branch whose levels are `levels`.
fn add_sub_heading(
    outline: &mut Vec<OutlineEntry>,
    levels: &mut Vec<u8>,
    level: u8,
    entry: OutlineEntry,
) {
    while levels.last().is_some_and(|&l| l >= level) {
        levels.pop();
    }
    let mut list = outline;
    for _ in 0..levels.len() {
        let Some(last) = list.len().checked_sub(1) else {
            break;
        };
        list = &mut list[last].children;
    }
    list.push(entry);
    levels.push(level);
}

/// The TOC's page numbers and links, now that every mark has a page.
fn toc_numbers(
    elements: &[Element],
    flow: &Flow,
    placed: &Placer,
    furnishing: &mut [Furnishing],
    setter: &mut Setter,
) {
    let (setup, style) = (&placed.setup, &placed.style);
    let size = style.size;
    let sections: Vec<bool> = elements
        .iter()
        .filter_map(|e| e.mark.as_ref())
        .map(|m| matches!(m, Mark::Section(_)))
        .collect();
    for p in &flow.placements {
        let Piece::Element(i) = p.piece else { continue };
        let e = &elements[i];
        let Some(target) = e.toc_target else { continue };
        let Some(&(page, y)) = placed.marks.get(target) else {
            continue;
        };
        let x0 = column_x(setup, style, p.column);
        let top = setup.margins.top + p.y;
        let label = (page + 1).to_string();
        let face = if sections.get(target) == Some(&true) {
            FaceId::Bold
        } else {
            FaceId::Regular
        };
        let shaped = setter.shaper.shape(face, &label);
        let x = x0 + style.measure - shaped.width * size;
        let items = &mut furnishing[p.page].after;
        items.push(Draw::Text {
            face,
            size,
            x,
            y: top + e.baseline,
            color: Color::BLACK,
            glyphs: glyphs_of(&shaped, size),
            tracking: 0.0,
        });
        items.push(Draw::Link {
            x: x0,
            y: top,
            w: style.measure,
            h: e.height,
            target: Target::Page(page, y),
        });
    }
}

/// Adds page `n`'s running header, column rules and footer.
fn furnish(
    placed: &Placer,
    n: usize,
    total: usize,
    page: &mut Furnishing,
    furniture: &Furniture,
    setter: &mut Setter,
) {
    let style = &placed.style;
    let setup = furniture.page;
    let m = setup.margins;
    let size = style.size;
    let small = 0.8 * size;
    let gray = Color::gray(0.35);
    let section = placed.page_section[n].as_deref().unwrap_or("");
    let fill = |template: &str| {
        template
            .replace("{title}", &furniture.info.title)
            .replace("{organization}", &furniture.info.organization)
            .replace("{section}", section)
            .replace("{page}", &(n + 1).to_string())
            .replace("{pages}", &total.to_string())
    };
    let items = &mut page.before;
    let right_edge = setup.width - m.right;
    let rule_color = style.rule_color(Color::gray(0.6));
    if let (Some((left, right)), true) = (&furniture.pages.header, n > 0) {
        let y = m.top - 1.25 * size;
        let mut left_x = m.left;
        if let (Some(logo), true) = (&furniture.brand.logo, furniture.brand.header_logo) {
            // Capitals are about 0.7 em tall in text faces.
            let cap_height = 0.7 * small;
            let (draw, w) = super::logo::header_item(logo, m.left, y, cap_height);
            items.push(draw);
            left_x += w + 0.5 * small;
        }
        let (left, right) = (fill(left), fill(right));
        let (left, right) = share_line(setter, (&left, &right), small, right_edge - left_x);
        let mut text = |face: FaceId, s: &str, align_right: bool| {
            if s.trim().is_empty() {
                return;
            }
            let shaped = setter.shaper.shape(face, s);
            let x = if align_right {
                right_edge - shaped.width * small
            } else {
                left_x
            };
            items.push(Draw::Text {
                face,
                size: small,
                x,
                y,
                color: gray,
                glyphs: glyphs_of(&shaped, small),
                tracking: 0.0,
            });
        };
        text(FaceId::Italic, &left, false);
        text(FaceId::Regular, &right, true);
        let rule_y = y + 0.45 * size;
        items.push(Draw::Line {
            from: (m.left, rule_y),
            to: (right_edge, rule_y),
            width: 0.4,
            color: rule_color,
        });
    }
    if furniture.pages.column_rule && style.columns > 1 {
        column_rules(items, placed, n, &setup, style, rule_color);
    }
    // Furniture comes first in the content stream, so extraction and
    // screen readers meet the header before the body; the footer last.
    if let Some(footer) = &furniture.pages.footer {
        let body = setup.width - m.left - m.right;
        let label = fit(setter, FaceId::Regular, &fill(footer), small, body);
        if !label.trim().is_empty() {
            let shaped = setter.shaper.shape(FaceId::Regular, &label);
            let body_mid = m.left + (setup.width - m.left - m.right) / 2.0;
            let x = body_mid - shaped.width * small / 2.0;
            let y = setup.height - m.bottom + 2.4 * size;
            page.after.push(Draw::Text {
                face: FaceId::Regular,
                size: small,
                x,
                y,
                color: gray,
                glyphs: glyphs_of(&shaped, small),
                tracking: 0.0,
            });
        }
    }
}

/// The running header's two texts, shortened so that both fit `width`
/// with room between them: one that fits in half the line keeps its
/// length and the other gets the rest; otherwise each gets half. A long
/// title and a long section heading would otherwise print over each other.
fn share_line(
    setter: &mut Setter,
    (left, right): (&str, &str),
    size: f32,
    width: f32,
) -> (String, String) {
    let gap = 2.0 * size;
    let lw = setter.shaper.shape(FaceId::Italic, left).width * size;
    let rw = setter.shaper.shape(FaceId::Regular, right).width * size;
    if lw + rw + gap <= width {
        return (left.to_string(), right.to_string());
    }
    if left.trim().is_empty() || right.trim().is_empty() {
        return (
            fit(setter, FaceId::Italic, left, size, width),
            fit(setter, FaceId::Regular, right, size, width),
        );
    }
    let half = (width - gap) / 2.0;
    let (lmax, rmax) = if lw <= half {
        (lw, width - gap - lw)
    } else if rw <= half {
        (width - gap - rw, rw)
    } else {
        (half, half)
    };
    (
        fit(setter, FaceId::Italic, left, size, lmax),
        fit(setter, FaceId::Regular, right, size, rmax),
    )
}

/// `text` as it fits `width` at `size`: whole, or cut after its last word
/// that fits and ended with an ellipsis (between letters when even the
/// first word does not fit).
fn fit(setter: &mut Setter, face: FaceId, text: &str, size: f32, width: f32) -> String {
    let fits =
        |setter: &mut Setter, s: &str| setter.shaper.shape(face, s).width * size <= width + 0.01;
    if fits(setter, text) {
        return text.to_string();
    }
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(k, _)| k)
        .rev()
        .collect();
    for end in ends {
        let cut = format!("{}\u{2026}", text[..end].trim_end());
        if fits(setter, &cut) {
            return cut;
        }
    }
    // Not even one word: as many letters as fit.
    let ends: Vec<usize> = text.char_indices().map(|(k, c)| k + c.len_utf8()).collect();
    let cut = |n: usize| format!("{}\u{2026}", &text[..ends[n - 1]]);
    let (mut lo, mut hi) = (0, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(setter, &cut(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    match lo {
        0 => String::new(),
        n => cut(n),
    }
}

/// Thin rules between the columns of page `n`, as tall as the taller
/// neighbour.
fn column_rules(
    items: &mut Vec<Draw>,
    placed: &Placer,
    n: usize,
    setup: &super::PageSetup,
    style: &DocStyle,
    color: Color,
) {
    let m = setup.margins;
    for c in 1..style.columns {
        let bottom = placed.column_bottom[n][c].max(placed.column_bottom[n][c - 1]);
        if bottom <= 0.0 {
            continue;
        }
        let x = column_x(setup, style, c) - style.gap / 2.0;
        let top = if n == 0 {
            placed.first_top + 0.2 * style.size
        } else {
            m.top
        };
        items.push(Draw::Line {
            from: (x, top),
            to: (x, m.top + bottom),
            width: 0.4,
            color,
        });
    }
}

/// Drops the part of a decoration that reaches into space removed at the
/// top of a column.
fn clamp_above(d: &mut Draw) {
    if let Draw::Line { from, to, .. } = d {
        from.1 = from.1.max(0.0);
        to.1 = to.1.max(0.0);
    }
}
