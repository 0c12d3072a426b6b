//! Placed elements → frame pages, with the page furniture: running header,
//! "page X of Y" footer and the nested outline.
//!
//! Furniture needs the final page count and the section in effect on each
//! page, so it can only be added once pagination is done.

use super::collect::glyphs_of;
use super::flow::{Element, Mark, Placement};
use super::inline::Setter;
use super::translate;
use crate::config::PageSetup;
use crate::frame::{Color, FaceId, Frame, Info, Item as Draw, OutlineEntry, Page};

/// Builds the frame from placed elements.
pub fn finalize(
    elements: Vec<Element>,
    placements: &[Placement],
    page_count: usize,
    setup: &PageSetup,
    size: f32,
    setter: &mut Setter,
    info: Info,
) -> Frame {
    let m = setup.margins;
    let mut pages: Vec<Page> = (0..page_count)
        .map(|_| Page {
            width: setup.width,
            height: setup.height,
            items: Vec::new(),
        })
        .collect();
    let mut outline: Vec<OutlineEntry> = Vec::new();
    let mut page_section: Vec<Option<String>> = vec![None; page_count];
    let mut current: Option<String> = None;
    let mut last_page = usize::MAX;
    for (e, p) in elements.into_iter().zip(placements) {
        let top = m.top + p.y;
        if let Some(mark) = &e.mark {
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
                Mark::Question(t) => match outline.last_mut() {
                    Some(section) if current.is_some() => section.children.push(entry(t)),
                    _ => outline.push(entry(t)),
                },
            }
        }
        if p.page != last_page {
            page_section[p.page] = current.clone();
            last_page = p.page;
        }
        let page = &mut pages[p.page];
        for mut d in e.items {
            if p.at_top {
                clamp_above(&mut d);
            }
            translate(&mut d, m.left, top);
            page.items.push(d);
        }
    }
    let small = 0.8 * size;
    let gray = Color::gray(0.35);
    for (n, page) in pages.iter_mut().enumerate() {
        if n > 0 {
            let y = m.top - 1.25 * size;
            let right_edge = setup.width - m.right;
            let mut text = |face: FaceId, s: &str, align_right: bool, page: &mut Page| {
                let shaped = setter.shaper.shape(face, s);
                let x = if align_right {
                    right_edge - shaped.width * small
                } else {
                    m.left
                };
                page.items.push(Draw::Text {
                    face,
                    size: small,
                    x,
                    y,
                    color: gray,
                    glyphs: glyphs_of(&shaped, small),
                });
            };
            let body = std::mem::take(&mut page.items);
            text(FaceId::Italic, &info.title, false, page);
            if let Some(section) = &page_section[n] {
                text(FaceId::Regular, section, true, page);
            }
            let rule_y = y + 0.45 * size;
            page.items.push(Draw::Line {
                from: (m.left, rule_y),
                to: (right_edge, rule_y),
                width: 0.4,
                color: Color::gray(0.6),
            });
            // The header comes first in the content stream, so extraction and
            // screen readers meet it before the body.
            page.items.extend(body);
        }
        let label = format!("Page {} of {}", n + 1, page_count);
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
    Frame {
        pages,
        outline,
        info,
    }
}

/// Drops the part of a decoration that reaches into space removed at the
/// top of a page.
fn clamp_above(d: &mut Draw) {
    if let Draw::Line { from, to, .. } = d {
        from.1 = from.1.max(0.0);
        to.1 = to.1.max(0.0);
    }
}
