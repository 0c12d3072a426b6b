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
    let media = pdf.get_dictionary(page)?.get(b"MediaBox")?.as_array()?;
    let height = media.get(3).map_or(Ok(0.0), Object::as_float)?;
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

/// Adds the structure tree to `pdf`: `structure` is the frame's tree and
/// `marked[page][mcid]` the element each marked stretch belongs to.
pub(super) fn add(
    pdf: &mut lopdf::Document,
    structure: &[StructNode],
    marked: &[Vec<usize>],
) -> lopdf::Result<()> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let root = pdf.new_object_id();
    let document = pdf.new_object_id();
    let ids: Vec<ObjectId> = structure.iter().map(|_| pdf.new_object_id()).collect();
    // Kids in reading order: each keyed by the first marked stretch it
    // holds, so a picture inside a list item sits between the item's text
    // before and after it.
    let first = first_content(structure, marked);
    let mut kids: Vec<Vec<(Order, Object)>> = vec![Vec::new(); structure.len()];
    let mut top = Vec::new();
    for (i, node) in structure.iter().enumerate() {
        match node.parent {
            Some(p) if p < structure.len() => kids[p].push((first[i], Object::Reference(ids[i]))),
            _ => top.push(Object::Reference(ids[i])),
        }
    }
    // The page each element's content starts on, for a figure's box.
    let mut first_page: Vec<Option<ObjectId>> = vec![None; structure.len()];
    let mut parent_tree = Vec::new();
    for (n, (page, mcids)) in pages.iter().zip(marked).enumerate() {
        let mut owners = Vec::with_capacity(mcids.len());
        for (mcid, &node) in mcids.iter().enumerate() {
            let Some(&owner) = ids.get(node) else {
                continue;
            };
            let kid = if *first_page[node].get_or_insert(*page) == *page {
                Object::Integer(mcid as i64)
            } else {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                mcr.set("Pg", Object::Reference(*page));
                mcr.set("MCID", Object::Integer(mcid as i64));
                Object::Dictionary(mcr)
            };
            kids[node].push(((n, mcid), kid));
            owners.push(Object::Reference(owner));
        }
        parent_tree.push(Object::Integer(n as i64));
        parent_tree.push(Object::Array(owners));
        let dict = pdf.get_object_mut(*page)?.as_dict_mut()?;
        dict.set("StructParents", Object::Integer(n as i64));
    }
    for (i, node) in structure.iter().enumerate() {
        // No `/Type /StructElem`: it is optional, and with four entries
        // rather than five each element's dictionary takes half the memory
        // (lopdf's maps grow by doubling), 30,000 of them at 5,000 questions.
        let mut elem = Dictionary::new();
        elem.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        let parent = node
            .parent
            .and_then(|p| ids.get(p).copied())
            .unwrap_or(document);
        elem.set("P", Object::Reference(parent));
        if let Some(alt) = &node.alt {
            elem.set("Alt", super::text(alt));
        }
        if let Some(page) = first_page[i] {
            // The page of the bare MCIDs among the kids.
            elem.set("Pg", Object::Reference(page));
            if let Some(bbox) = node.bbox {
                elem.set("A", layout_box(pdf, page, bbox)?);
            }
        }
        let mut own = std::mem::take(&mut kids[i]);
        own.sort_by_key(|(order, _)| *order);
        elem.set(
            "K",
            Object::Array(own.into_iter().map(|(_, k)| k).collect()),
        );
        pdf.objects.insert(ids[i], Object::Dictionary(elem));
    }
    let mut doc = Dictionary::new();
    doc.set("Type", Object::Name(b"StructElem".to_vec()));
    doc.set("S", Object::Name(b"Document".to_vec()));
    doc.set("P", Object::Reference(root));
    doc.set("K", Object::Array(top));
    pdf.objects.insert(document, Object::Dictionary(doc));
    let mut nums = Dictionary::new();
    nums.set("Nums", Object::Array(parent_tree));
    let parent_tree = pdf.add_object(Object::Dictionary(nums));
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    tree.set("K", Object::Reference(document));
    tree.set("ParentTree", Object::Reference(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    pdf.objects.insert(root, Object::Dictionary(tree));
    let catalog_id = pdf.trailer.get(b"Root")?.as_reference()?;
    let catalog = pdf.get_object_mut(catalog_id)?.as_dict_mut()?;
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
