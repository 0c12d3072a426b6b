//! Flow elements' tags → the document's structure tree, in reading order.
//!
//! Elements say what they are ([`Tag`]): the first line of a paragraph
//! opens a `P`, the next lines continue it. Here they become numbered
//! structure elements; list items and table rows are gathered under the
//! list or table they open or continue.

use super::flow::Tag;
use crate::frame::{Role, StructNode};
use std::sync::Arc;

/// Builds the structure tree as elements are placed.
#[derive(Debug, Default)]
pub(super) struct Tagger {
    /// The structure elements so far.
    pub nodes: Vec<StructNode>,
    /// The element that content without `start` continues.
    open: Option<usize>,
    /// The list or table that items and rows go into.
    group: Option<usize>,
}

impl Tagger {
    /// The structure element that content tagged `tag` belongs to, opened
    /// if the tag starts one.
    pub fn node(&mut self, tag: Tag) -> usize {
        // A picture in a list item is the item's child, and the item stays
        // open for what follows the picture.
        if let (true, Some(open)) = (tag.nested, self.open) {
            return self.push(tag.role, Some(open), tag.alt);
        }
        if let Some(open) = self.open {
            if !tag.start && self.nodes[open].role == tag.role {
                return open;
            }
        }
        let parent = match container(tag.role) {
            Some(role) => {
                let current = self.group.filter(|&g| self.nodes[g].role == role);
                Some(match current {
                    Some(g) if !tag.first_in_group => g,
                    _ => self.push(role, None, None),
                })
            }
            None => None,
        };
        self.group = parent;
        let node = self.push(tag.role, parent, tag.alt);
        self.open = Some(node);
        node
    }

    fn push(&mut self, role: Role, parent: Option<usize>, alt: Option<Arc<str>>) -> usize {
        self.nodes.push(StructNode {
            role,
            parent,
            alt,
            bbox: None,
        });
        self.nodes.len() - 1
    }
}

/// The structure element that holds elements of `role`, if any.
fn container(role: Role) -> Option<Role> {
    match role {
        Role::LI => Some(Role::L),
        Role::TR => Some(Role::Table),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_continue_and_items_gather_under_their_list() {
        let mut t = Tagger::default();
        let p = t.node(Tag::start(Role::P));
        assert_eq!(t.node(Tag::more(Role::P)), p, "a paragraph's second line");
        let first = Tag {
            first_in_group: true,
            ..Tag::start(Role::LI)
        };
        let a = t.node(first.clone());
        let b = t.node(Tag::start(Role::LI));
        let list = t.nodes[a].parent.expect("in a list");
        assert_eq!(t.nodes[list].role, Role::L);
        assert_eq!(t.nodes[b].parent, Some(list), "the second item joins it");
        // A new list after a paragraph opens its own L.
        t.node(Tag::start(Role::P));
        let c = t.node(first);
        assert_ne!(t.nodes[c].parent, Some(list));
        let roles: Vec<Role> = t.nodes.iter().map(|n| n.role).collect();
        assert_eq!(
            roles,
            [
                Role::P,
                Role::L,
                Role::LI,
                Role::LI,
                Role::P,
                Role::L,
                Role::LI
            ]
        );
    }

    #[test]
    fn a_picture_in_a_list_item_is_its_child_and_the_item_goes_on() {
        let mut t = Tagger::default();
        let item = t.node(Tag {
            first_in_group: true,
            ..Tag::start(Role::LI)
        });
        let figure = t.node(Tag {
            alt: Some("a chart".into()),
            nested: true,
            ..Tag::start(Role::Figure)
        });
        assert_eq!(t.nodes[figure].parent, Some(item));
        assert_eq!(t.nodes[figure].alt.as_deref(), Some("a chart"));
        assert_eq!(t.node(Tag::more(Role::LI)), item, "text after the picture");
        let next = t.node(Tag::start(Role::LI));
        assert_eq!(t.nodes[next].parent, t.nodes[item].parent, "same list");
    }
}
