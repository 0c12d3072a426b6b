//! The document outline, the bookmarks a viewer shows beside the pages:
//! one object for each section and question, written with [`Direct`].

use super::direct::Direct;
use super::{page_height, r, text};
use crate::frame::OutlineEntry;
use lopdf::{Dictionary, Object, ObjectId};
use std::io::Error;

/// An outline entry, numbered, with its neighbours.
struct Node<'a> {
    entry: &'a OutlineEntry,
    id: ObjectId,
    parent: ObjectId,
    prev: Option<ObjectId>,
    next: Option<ObjectId>,
    /// The first and last child and the entries open below it.
    kids: Option<(ObjectId, ObjectId, i64)>,
}

/// Adds `outline` to `direct`, its entries' destinations on `pages`, and
/// returns the outline's root; `None` when it is empty.
pub(super) fn add(
    pdf: &mut lopdf::Document,
    direct: &mut Direct,
    outline: &[OutlineEntry],
    pages: &[ObjectId],
) -> Result<Option<ObjectId>, Error> {
    if outline.is_empty() {
        return Ok(None);
    }
    let root = direct.reserve(pdf);
    let mut nodes = Vec::new();
    let (first, last, count) = number(pdf, direct, outline, root, &mut nodes);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(first));
    dict.set("Last", Object::Reference(last));
    dict.set("Count", Object::Integer(count));
    direct.put(root, &Object::Dictionary(dict))?;
    // Numbered level by level, written in number order.
    nodes.sort_by_key(|node| node.id);
    for node in nodes {
        direct.put(node.id, &entry(pdf, &node, pages))?;
    }
    Ok(Some(root))
}

/// Numbers `entries` and, after each, its children (so a level's entries
/// are numbered together); returns the first, the last, and how many
/// entries are open, the children included: every level is open, so the
/// questions show at a glance.
fn number<'a>(
    pdf: &mut lopdf::Document,
    direct: &mut Direct,
    entries: &'a [OutlineEntry],
    parent: ObjectId,
    nodes: &mut Vec<Node<'a>>,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| direct.reserve(pdf)).collect();
    let mut count = 0;
    for (n, entry) in entries.iter().enumerate() {
        let at = nodes.len();
        nodes.push(Node {
            entry,
            id: ids[n],
            parent,
            prev: n.checked_sub(1).map(|p| ids[p]),
            next: ids.get(n + 1).copied(),
            kids: None,
        });
        count += 1;
        if !entry.children.is_empty() {
            let kids = number(pdf, direct, &entry.children, ids[n], nodes);
            nodes[at].kids = Some(kids);
            count += kids.2;
        }
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// An entry's dictionary: its title, neighbours, destination and children.
fn entry(pdf: &lopdf::Document, node: &Node, pages: &[ObjectId]) -> Object {
    let mut dict = Dictionary::new();
    dict.set("Title", text(&node.entry.title));
    dict.set("Parent", Object::Reference(node.parent));
    if let Some(prev) = node.prev {
        dict.set("Prev", Object::Reference(prev));
    }
    if let Some(next) = node.next {
        dict.set("Next", Object::Reference(next));
    }
    if let Some(&page) = pages.get(node.entry.page) {
        let height = page_height(pdf, page).unwrap_or(842.0);
        dict.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(r(height - node.entry.y + 4.0)),
                Object::Null,
            ]),
        );
    }
    if let Some((first, last, count)) = node.kids {
        dict.set("First", Object::Reference(first));
        dict.set("Last", Object::Reference(last));
        dict.set("Count", Object::Integer(count));
    }
    Object::Dictionary(dict)
}
