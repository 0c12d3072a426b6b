//! Placed elements → frame pages, with the page furniture: running header,
//! footer, column rules, the nested outline and the table of contents' page
//! numbers and links.
//!
//! Furniture needs the final page count, the section in effect on each page
//! and where every heading landed, so it can only be added once pagination
//! is done.

use super::collect::glyphs_of;
use super::flow::{Element, Flow, Mark, Piece};
use super::inline::Setter;
use super::{translate, DocStyle};
use crate::config::Output;
use crate::frame::{Color, FaceId, Frame, Info, Item as Draw, OutlineEntry, Page, Target};

/// Builds the frame from placed elements.
pub fn finalize(
    front: Vec<Element>,
    mut elements: Vec<Element>,
    flow: &Flow,
    output: &Output,
    style: &DocStyle,
    setter: &mut Setter,
    info: Info,
) -> Frame {
    let setup = output.page;
    let m = setup.margins;
    let size = style.size;
    let column_x = |c: usize| m.left + c as f32 * (style.measure + style.gap);
    let mut pages: Vec<Page> = (0..flow.pages)
        .map(|_| Page {
            width: setup.width,
            height: setup.height,
            items: Vec::new(),
        })
        .collect();
    // Where the columns start on the first page: below the title block.
    let mut first_top = m.top;
    if let Some(first) = pages.first_mut() {
        let mut y = m.top;
        for (n, e) in front.into_iter().enumerate() {
            if n > 0 {
                y += e.space_before;
            }
            for mut d in e.items {
                translate(&mut d, m.left, y);
                first.items.push(d);
            }
            y += e.height;
            first_top = y;
        }
    }
    // Where each mark landed, in mark order, for the outline and the TOC.
    let mut marks: Vec<(usize, f32)> = Vec::new();
    let mut outline: Vec<OutlineEntry> = Vec::new();
    let mut page_section: Vec<Option<String>> = vec![None; flow.pages];
    let mut page_seen = vec![false; flow.pages];
    let mut current: Option<String> = None;
    let mut column_bottom = vec![vec![0.0f32; style.columns]; flow.pages];
    for p in &flow.placements {
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
        let top = m.top + p.y;
        let x0 = column_x(p.column);
        if let (Some(mark), false) = (&e.mark, continued) {
            marks.push((p.page, top));
            let entry = |title: &str| OutlineEntry {
                title: title.to_string(),
                page: p.page,
                y: top,
                children: Vec::new(),
            };
            match mark {
                Mark::Section(t) => {
                    current = Some(t.clone());
                    outline.push(entry(t));
                }
                Mark::Question(t, _) => match outline.last_mut() {
                    Some(section) if current.is_some() => section.children.push(entry(t)),
                    _ => outline.push(entry(t)),
                },
            }
        }
        if !page_seen[p.page] {
            page_seen[p.page] = true;
            page_section[p.page] = current.clone();
        }
        let bottom = &mut column_bottom[p.page][p.column];
        *bottom = bottom.max(p.y + e.height);
        let page = &mut pages[p.page];
        for mut d in items {
            if p.at_top {
                clamp_above(&mut d);
            }
            translate(&mut d, x0, top);
            page.items.push(d);
        }
    }
    // The TOC's page numbers and links, now that every mark has a page.
    let sections: Vec<bool> = elements
        .iter()
        .filter_map(|e| e.mark.as_ref())
        .map(|m| matches!(m, Mark::Section(_)))
        .collect();
    for p in &flow.placements {
        let Piece::Element(i) = p.piece else { continue };
        let e = &elements[i];
        let Some(target) = e.toc_target else { continue };
        let Some(&(page, y)) = marks.get(target) else {
            continue;
        };
        let x0 = column_x(p.column);
        let top = m.top + p.y;
        let label = (page + 1).to_string();
        let face = if sections.get(target) == Some(&true) {
            FaceId::Bold
        } else {
            FaceId::Regular
        };
        let shaped = setter.shaper.shape(face, &label);
        let x = x0 + style.measure - shaped.width * size;
        let items = &mut pages[p.page].items;
        items.push(Draw::Text {
            face,
            size,
            x,
            y: top + e.baseline,
            color: Color::BLACK,
            glyphs: glyphs_of(&shaped, size),
        });
        items.push(Draw::Link {
            x: x0,
            y: top,
            w: style.measure,
            h: e.height,
            target: Target::Page(page, y),
        });
    }
    let small = 0.8 * size;
    let gray = Color::gray(0.35);
    let total = flow.pages;
    for (n, page) in pages.iter_mut().enumerate() {
        let fill = |template: &str| {
            template
                .replace("{title}", &info.title)
                .replace("{section}", page_section[n].as_deref().unwrap_or(""))
                .replace("{page}", &(n + 1).to_string())
                .replace("{pages}", &total.to_string())
        };
        let mut furniture = Vec::new();
        let right_edge = setup.width - m.right;
        if let (Some((left, right)), true) = (&output.header, n > 0) {
            let y = m.top - 1.25 * size;
            let mut text = |face: FaceId, s: &str, align_right: bool| {
                if s.trim().is_empty() {
                    return;
                }
                let shaped = setter.shaper.shape(face, s);
                let x = if align_right {
                    right_edge - shaped.width * small
                } else {
                    m.left
                };
                furniture.push(Draw::Text {
                    face,
                    size: small,
                    x,
                    y,
                    color: gray,
                    glyphs: glyphs_of(&shaped, small),
                });
            };
            text(FaceId::Italic, &fill(left), false);
            text(FaceId::Regular, &fill(right), true);
            let rule_y = y + 0.45 * size;
            furniture.push(Draw::Line {
                from: (m.left, rule_y),
                to: (right_edge, rule_y),
                width: 0.4,
                color: Color::gray(0.6),
            });
        }
        if output.column_rule && style.columns > 1 {
            for c in 1..style.columns {
                let bottom = column_bottom[n][c].max(column_bottom[n][c - 1]);
                if bottom <= 0.0 {
                    continue;
                }
                let x = column_x(c) - style.gap / 2.0;
                let top = if n == 0 {
                    first_top + 0.2 * size
                } else {
                    m.top
                };
                furniture.push(Draw::Line {
                    from: (x, top),
                    to: (x, m.top + bottom),
                    width: 0.4,
                    color: Color::gray(0.6),
                });
            }
        }
        // Furniture comes first in the content stream, so extraction and
        // screen readers meet the header before the body.
        let body = std::mem::take(&mut page.items);
        page.items = furniture;
        page.items.extend(body);
        if let Some(footer) = &output.footer {
            let label = fill(footer);
            if !label.trim().is_empty() {
                let shaped = setter.shaper.shape(FaceId::Regular, &label);
                let body_mid = m.left + (setup.width - m.left - m.right) / 2.0;
                let x = body_mid - shaped.width * small / 2.0;
                let y = setup.height - m.bottom + 2.4 * size;
                page.items.push(Draw::Text {
                    face: FaceId::Regular,
                    size: small,
                    x,
                    y,
                    color: gray,
                    glyphs: glyphs_of(&shaped, small),
                });
            }
        }
        // The footer's push doubled the page's items; every page lives
        // until the document is written.
        page.items.shrink_to_fit();
    }
    Frame {
        pages,
        outline,
        info,
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
