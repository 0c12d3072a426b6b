//! Tagged PDF (PDF 32000-1, 14.7 and 14.8): the structure tree that says
//! which marked content is a heading, a paragraph, a list item or a table
//! row, in reading order, and the document's language.
//!
//! The content streams mark each tagged stretch with an MCID ([`super::content`]);
//! here every structure element gets an object whose kids are those
//! stretches or its own child elements, and the parent tree maps each
//! page's MCIDs back to their elements. A stretch on the page where the
//! element's content starts (its `/Pg`) is written as its bare MCID; one on
//! a later page, as a paragraph running over a page break has, as a
//! marked-content reference naming its page (PDF 32000-1, 14.7.4.2). A long
//! document has a stretch for nearly every paragraph, and a dictionary for
//! each cost more memory than all of its pages' text.

use super::direct::{self, Direct};
use super::PdfError;
use crate::frame::StructNode;
use lopdf::{Dictionary, Object, ObjectId};

/// The language of the text, as hyphenation assumes it.
const LANG: &str = "en-US";

/// A layout attribute with the box a figure is drawn in (PDF 32000-1,
/// 14.8.5.4.3), turned from the frame's top-down box into page space.
fn layout_box(
    pdf: &lopdf::Document,
    page: ObjectId,
    [x, y, w, h]: [f32; 4],
) -> lopdf::Result<Object> {
    let height = super::page_height(pdf, page)?;
    let bottom = height - y - h;
    let mut attr = Dictionary::new();
    attr.set("O", Object::Name(b"Layout".to_vec()));
    attr.set(
        "BBox",
        Object::Array(
            [x, bottom, x + w, bottom + h]
                .iter()
                .map(|&v| Object::Real(super::r(v)))
                .collect(),
        ),
    );
    Ok(Object::Dictionary(attr))
}

/// Where a stretch of marked content stands: (page, MCID).
type Order = (usize, usize);

/// The first marked stretch each element holds, itself or through its
/// descendants; elements with none sort last, in the order they were made.
fn first_content(structure: &[StructNode], marked: &[Vec<usize>]) -> Vec<Order> {
    let mut first = vec![(usize::MAX, usize::MAX); structure.len()];
    for (n, mcids) in marked.iter().enumerate() {
        for (mcid, &node) in mcids.iter().enumerate() {
            if let Some(f) = first.get_mut(node) {
                *f = (*f).min((n, mcid));
            }
        }
    }
    // A parent is always made before its children, so one pass from the
    // last element up carries every first stretch to the root.
    for i in (0..structure.len()).rev() {
        if let Some(p) = structure[i].parent.filter(|&p| p < i) {
            first[p] = first[p].min(first[i]);
        }
    }
    first
}

/// A kid of a structure element, until the element is written.
#[derive(Clone, Copy)]
enum Kid {
    /// The element numbered so in the frame's tree.
    Element(usize),
    /// Marked content `mcid` on page `page` (from 0).
    Content { page: usize, mcid: usize },
}

/// Adds the structure tree to `pdf`, whose page objects are `pages` in
/// order: `structure` is the frame's tree and `marked[page][mcid]` the
/// element each marked stretch belongs to. The
/// catalog and pages are marked in `pdf`; the tree's own objects are
/// written to `direct`.
pub(super) fn add(
    pdf: &mut lopdf::Document,
    pages: &[ObjectId],
    direct: &mut Direct,
    structure: &[StructNode],
    marked: &[Vec<usize>],
) -> Result<(), PdfError> {
    let post = PdfError::PostProcess;
    let root = direct.reserve(pdf);
    let document = direct.reserve(pdf);
    let ids: Vec<ObjectId> = structure.iter().map(|_| direct.reserve(pdf)).collect();
    let parent_tree = direct.reserve(pdf);
    // Kids in reading order: each keyed by the first marked stretch it
    // holds, so a picture inside a list item sits between the item's text
    // before and after it.
    let first = first_content(structure, marked);
    let mut kids: Vec<Vec<(Order, Kid)>> = vec![Vec::new(); structure.len()];
    let mut top = Vec::new();
    for (i, node) in structure.iter().enumerate() {
        match node.parent {
            Some(p) if p < structure.len() => kids[p].push((first[i], Kid::Element(i))),
            _ => top.push(Object::Reference(ids[i])),
        }
    }
    // The page each element's content starts on: its bare MCIDs' page,
    // and a figure's box's.
    let mut first_page: Vec<Option<usize>> = vec![None; structure.len()];
    for (n, (page, mcids)) in pages.iter().zip(marked).enumerate() {
        for (mcid, &node) in mcids.iter().enumerate() {
            if node < structure.len() {
                first_page[node].get_or_insert(n);
                kids[node].push(((n, mcid), Kid::Content { page: n, mcid }));
            }
        }
        let dict = pdf.get_object_mut(*page).map_err(post)?;
        let dict = dict.as_dict_mut().map_err(post)?;
        dict.set("StructParents", Object::Integer(n as i64));
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    tree.set("K", Object::Reference(document));
    tree.set("ParentTree", Object::Reference(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    direct
        .put(root, &Object::Dictionary(tree))
        .map_err(PdfError::Save)?;
    let mut doc = Dictionary::new();
    doc.set("Type", Object::Name(b"StructElem".to_vec()));
    doc.set("S", Object::Name(b"Document".to_vec()));
    doc.set("P", Object::Reference(root));
    doc.set("K", Object::Array(top));
    direct
        .put(document, &Object::Dictionary(doc))
        .map_err(PdfError::Save)?;
    for (i, node) in structure.iter().enumerate() {
        let mut own = std::mem::take(&mut kids[i]);
        own.sort_by_key(|(order, _)| *order);
        let kid = |&(_, kid): &(Order, Kid)| match kid {
            Kid::Element(e) => Object::Reference(ids[e]),
            Kid::Content { page, mcid } if first_page[i] == Some(page) => {
                Object::Integer(mcid as i64)
            }
            Kid::Content { page, mcid } => {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                mcr.set("Pg", Object::Reference(pages[page]));
                mcr.set("MCID", Object::Integer(mcid as i64));
                Object::Dictionary(mcr)
            }
        };
        let kids = own.iter().map(kid).collect();
        let parent = node
            .parent
            .and_then(|p| ids.get(p).copied())
            .unwrap_or(document);
        let first_page = first_page[i].map(|n| pages[n]);
        let elem = element(pdf, node, parent, first_page, kids).map_err(post)?;
        direct.put(ids[i], &elem).map_err(PdfError::Save)?;
    }
    // The parent tree maps each page's MCIDs to their elements; written
    // a page at a time, not built whole.
    direct
        .put_with(parent_tree, false, false, |out| {
            out.extend_from_slice(b"<</Nums[");
            for (n, mcids) in marked.iter().enumerate().take(pages.len()) {
                if n > 0 {
                    out.push(b' ');
                }
                direct::write(out, &Object::Integer(n as i64));
                let owners = mcids
                    .iter()
                    .filter_map(|&node| ids.get(node))
                    .map(|&id| Object::Reference(id))
                    .collect();
                direct::write(out, &Object::Array(owners));
            }
            out.extend_from_slice(b"]>>");
        })
        .map_err(PdfError::Save)?;
    let catalog = pdf.catalog_mut().map_err(post)?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    catalog.set("Lang", super::text(LANG));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    Ok(())
}

/// The dictionary of one structure element: its role, parent, alternate
/// text, first page (the page of the bare MCIDs among its kids), a
/// figure's box, and its kids.
fn element(
    pdf: &lopdf::Document,
    node: &StructNode,
    parent: ObjectId,
    first_page: Option<ObjectId>,
    kids: Vec<Object>,
) -> lopdf::Result<Object> {
    // No `/Type /StructElem`: it is optional, and a long document has
    // tens of thousands of elements.
    let mut elem = Dictionary::new();
    elem.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
    elem.set("P", Object::Reference(parent));
    if let Some(alt) = &node.alt {
        elem.set("Alt", super::text(alt));
    }
    if let Some(page) = first_page {
        elem.set("Pg", Object::Reference(page));
        if let Some(bbox) = node.bbox {
            elem.set("A", layout_box(pdf, page, bbox)?);
        }
    }
    elem.set("K", Object::Array(kids));
    Ok(Object::Dictionary(elem))
}
