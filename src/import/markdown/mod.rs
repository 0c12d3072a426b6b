//! [`Format::Markdown`](super::Format::Markdown): a Markdown collection,
//! read from comrak's syntax tree.
//!
//! The stages, one file each: [`tree`] flattens the document into headings
//! and blocks, [`headings`] decides which headings are questions and which
//! are sections (or [`summaries`], [`labelled`] and [`lists`] find the
//! questions, in collections that ask in `<summary>` elements, in
//! `Question:` paragraphs or in bullets), [`body`]
//! sorts each question's blocks into its body, guidance and answer (with
//! [`labels`] and [`navigation`]), and [`emit`] turns the blocks back into
//! Markdown.

mod body;
mod choices;
mod emit;
mod headings;
mod labelled;
mod labels;
mod limits;
mod lists;
mod navigation;
mod pictures;

pub(crate) use navigation::is_back_to_top;
mod summaries;
mod titled;
mod tree;

use super::{Draft, DEFAULT_SECTION};
use body::Item;
use comrak::nodes::NodeValue;
use comrak::Arena;
use emit::Ctx;
pub(in crate::import) use headings::opens_asking;
use headings::{layout, question_prefix, role, Facts, Layout, Role};
pub use navigation::NavKind;
pub use pictures::{join as join_paths, Pictures};
use std::collections::BTreeMap;
use tree::{flatten, plain_text, Node, Piece};

/// Fewest questions asked in summaries, `Question:` paragraphs or bullets
/// for a document to be read that way (and they must outnumber the
/// question headings): two could be folded examples or a passing list.
const MIN_QUESTIONS: usize = 3;

/// What the Markdown importer found.
pub(super) struct Parsed {
    pub(super) drafts: Vec<Draft>,
    /// Navigation dropped, by kind.
    pub(super) dropped: BTreeMap<NavKind, usize>,
    /// Text that belonged to no question, one note per heading.
    pub(super) notes: Vec<String>,
}

/// A question heading and the items under it, before they are sorted.
struct Open<'a> {
    heading: Node<'a>,
    section: String,
    items: Vec<Item<'a>>,
}

/// Where the walk over the pieces is.
struct Walk<'a> {
    section: String,
    open: Option<Open<'a>>,
    done: Vec<Open<'a>>,
    /// The level of a navigation heading whose blocks are being skipped.
    skipping: Option<u8>,
    /// A heading that holds no question, and how many blocks sat under it.
    orphan: Option<(String, usize)>,
    dropped: BTreeMap<NavKind, usize>,
    notes: Vec<String>,
}

/// Parses a Markdown collection. Never panics: the parse runs on a thread
/// with a large stack (see [`limits`]), and a thread that cannot be started
/// or fails gives an empty result rather than a crash.
pub(super) fn parse_markdown(
    text: &str,
    name: Option<&str>,
    pictures: Option<&Pictures>,
) -> Parsed {
    let text = limits::cap_nesting(text);
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(limits::PARSE_STACK)
            .spawn_scoped(scope, || parse_capped(&text, name, pictures))
            .ok()
            .and_then(|t| t.join().ok())
    })
    .unwrap_or_else(|| Parsed {
        drafts: Vec::new(),
        dropped: BTreeMap::new(),
        notes: vec!["the Markdown could not be parsed".to_string()],
    })
}

fn parse_capped(text: &str, name: Option<&str>, pictures: Option<&Pictures>) -> Parsed {
    let arena = Arena::new();
    let ctx = Ctx::new(&arena, pictures);
    let root = ctx.parse(text);
    let pieces = flatten(root);
    let facts: Vec<Option<Facts>> = pieces.iter().map(facts).collect();
    let found = layout(&facts.iter().flatten().cloned().collect::<Vec<_>>());
    let mut walk = Walk {
        section: DEFAULT_SECTION.to_string(),
        open: None,
        done: Vec::new(),
        skipping: None,
        orphan: None,
        dropped: BTreeMap::new(),
        notes: Vec::new(),
    };
    let heading_questions = facts
        .iter()
        .flatten()
        .filter(|f| role(f, found) == Role::Question)
        .count();
    let prevail = |asked: usize| asked >= MIN_QUESTIONS && asked > heading_questions;
    let counted = outside_asking_headings(&pieces, &facts, found);
    let headings: Vec<&Facts> = facts.iter().flatten().collect();
    let title = titled::title(&headings);
    let asked_by_name = name.filter(|n| titled::asks_by_name(n, &headings));
    if prevail(summaries::asked(&counted)) {
        summaries::walk(&ctx, pieces, facts, found, &mut walk);
    } else if prevail(labelled::asked(&counted)) {
        labelled::walk(&ctx, pieces, facts, found, &mut walk);
    } else if prevail(lists::asked(&counted)) {
        lists::walk(&ctx, pieces, facts, found, &mut walk);
    } else if title.is_some() {
        walk.titled(pieces, facts, title);
    } else if let Some(asked) = asked_by_name {
        let heading = ctx.heading();
        heading.append(arena.alloc(comrak::nodes::AstNode::from(NodeValue::Text(
            asked.trim().to_string().into(),
        ))));
        walk.open_question(heading);
        walk.titled(pieces, facts, None);
    } else {
        for (piece, f) in pieces.into_iter().zip(facts) {
            match (piece, f) {
                (Piece::Heading { node, .. }, Some(f)) => walk.heading(node, &f, role(&f, found)),
                (Piece::Block(node), _) | (Piece::Heading { node, .. }, None) => walk.block(node),
            }
        }
    }
    walk.close();
    let mut dropped = walk.dropped;
    let drafts = walk
        .done
        .into_iter()
        .enumerate()
        .filter_map(|(i, q)| draft(&ctx, q, i + 1, &mut dropped))
        .collect();
    Parsed {
        drafts,
        dropped,
        notes: walk.notes,
    }
}

/// What a navigation heading heads: a table of contents, or other links.
fn nav_kind(heading: &str) -> NavKind {
    let toc = ["content", "toc", "index", "list of"];
    if toc.iter().any(|t| heading.to_lowercase().contains(t)) {
        NavKind::Contents
    } else {
        NavKind::Other
    }
}

/// The pieces that are not the answer of a heading question that asks for
/// itself (a question mark, a `Question 3:` marker, a list item): bullets
/// or summaries there are its answer ("Discuss the trade-offs: …" under
/// `## Question 12: …`), and are not counted as questions asked another
/// way. Under headings that only name topics they still count.
fn outside_asking_headings<'a>(
    pieces: &[Piece<'a>],
    facts: &[Option<Facts>],
    layout: Layout,
) -> Vec<Piece<'a>> {
    let mut answering = false;
    let mut kept = Vec::with_capacity(pieces.len());
    for (piece, f) in pieces.iter().zip(facts) {
        if let Some(f) = f {
            match role(f, layout) {
                Role::Question => answering = f.prefixed || f.asks || f.in_list,
                Role::Section(_) | Role::Nav => answering = false,
                Role::Inner => {}
            }
        }
        if !answering {
            kept.push(*piece);
        }
    }
    kept
}

/// A heading node's level (0 for any other node).
fn level(node: Node<'_>) -> u8 {
    match &node.data().value {
        NodeValue::Heading(h) => h.level,
        _ => 0,
    }
}

fn facts(piece: &Piece<'_>) -> Option<Facts> {
    let Piece::Heading {
        node,
        in_list,
        nested,
    } = piece
    else {
        return None;
    };
    let level = match &node.data().value {
        NodeValue::Heading(h) => h.level,
        _ => return None,
    };
    Some(Facts::new(level, &plain_text(node), *in_list, *nested))
}

impl<'a> Walk<'a> {
    fn heading(&mut self, node: Node<'a>, f: &Facts, role: Role) {
        if let Some(level) = self.skipping {
            if role == Role::Inner && f.level > level {
                return;
            }
            self.skipping = None;
        }
        match role {
            Role::Nav => {
                self.close();
                *self.dropped.entry(nav_kind(&f.text)).or_default() += 1;
                self.skipping = Some(f.level);
            }
            Role::Section(name) => {
                self.close();
                if !name.is_empty() {
                    self.section = name;
                }
                self.orphan = Some((f.text.clone(), 0));
            }
            Role::Question => self.open_question(node),
            Role::Inner => {
                // Deeper than the questions but under none (or at the
                // open question's own level), and asking: a group of
                // questions of its own (`#### 1. What does this print`
                // under `### Coding exercises`).
                let beside = self
                    .open
                    .as_ref()
                    .is_none_or(|q| level(q.heading) == f.level);
                // Numbered like the open question, at its level: the next
                // question, even one that states rather than asks
                // (`###### 14. All objects have prototypes.`, true or false).
                let numbered = |text: &str| question_prefix(text).is_some();
                let next_in_line = beside
                    && f.label.is_none()
                    && numbered(&f.text)
                    && self
                        .open
                        .as_ref()
                        .is_some_and(|q| numbered(&plain_text(q.heading)));
                match self.open.as_mut() {
                    _ if beside && f.asks_alone() || next_in_line => {
                        self.heading(node, f, Role::Question)
                    }
                    Some(q) => q.items.push(Item::Heading(node, f.label)),
                    None => self.block(node),
                }
            }
        }
    }

    /// A file that asks one question (see [`titled`]): in the heading at
    /// index `title` among the headings, or, with `None`, in a question
    /// already opened (by the file's name). Everything after the question
    /// is its answer, headings included, but for navigation, which goes;
    /// headings before the title only label the file.
    fn titled(&mut self, pieces: Vec<Piece<'a>>, facts: Vec<Option<Facts>>, title: Option<usize>) {
        use std::cmp::Ordering;
        let mut index = 0;
        for (piece, f) in pieces.into_iter().zip(facts) {
            match (piece, f) {
                (Piece::Heading { node, .. }, Some(f)) => {
                    match title.map(|t| index.cmp(&t)) {
                        Some(Ordering::Less) => {}
                        Some(Ordering::Equal) => self.heading(node, &f, Role::Question),
                        _ => self.answer_heading(node, &f),
                    }
                    index += 1;
                }
                (Piece::Block(node), _) | (Piece::Heading { node, .. }, None) => self.block(node),
            }
        }
    }

    /// Closes the open question and opens one at `heading`, in the
    /// current section.
    fn open_question(&mut self, heading: Node<'a>) {
        self.close();
        self.open = Some(Open {
            heading,
            section: self.section.clone(),
            items: Vec::new(),
        });
    }

    /// A heading inside the open question's answer, or navigation there,
    /// which is skipped with the blocks under it while the question stays
    /// open.
    fn answer_heading(&mut self, node: Node<'a>, f: &Facts) {
        if let Some(level) = self.skipping {
            if f.level > level {
                return;
            }
            self.skipping = None;
        }
        if f.nav {
            *self.dropped.entry(nav_kind(&f.text)).or_default() += 1;
            self.skipping = Some(f.level);
        } else if let Some(q) = self.open.as_mut() {
            q.items.push(Item::Heading(node, f.label));
        }
    }

    /// For the walkers that find questions outside headings: takes a
    /// heading, as part of an answer if `inner` and otherwise as a topic,
    /// and returns any other piece's block.
    fn unless_heading(
        &mut self,
        piece: Piece<'a>,
        f: Option<Facts>,
        (layout, inner): (Layout, bool),
    ) -> Option<Node<'a>> {
        match (piece, f) {
            (Piece::Heading { node, .. }, Some(f)) => {
                let role = if inner {
                    Role::Inner
                } else {
                    summaries::topic(&f, layout)
                };
                self.heading(node, &f, role);
                None
            }
            (Piece::Heading { node, .. }, None) | (Piece::Block(node), _) => Some(node),
        }
    }

    /// A block of what the open question shows with it.
    fn body(&mut self, node: Node<'a>) {
        if let Some(q) = self.open.as_mut() {
            q.items.push(Item::Body(node));
        }
    }

    fn block(&mut self, node: Node<'a>) {
        if self.skipping.is_some() {
            return;
        }
        if let Some(q) = self.open.as_mut() {
            q.items.push(Item::Block(node));
        } else if let Some(kind) = navigation::navigation(node) {
            *self.dropped.entry(kind).or_default() += 1;
        } else if let Some((_, n)) = self.orphan.as_mut() {
            *n += 1;
        }
    }

    /// Ends the open question, and notes text under a heading that held
    /// none. An introduction before the first question is expected and
    /// goes without a note.
    fn close(&mut self) {
        self.done.extend(self.open.take());
        let after_questions = !self.done.is_empty();
        if let Some((heading, n)) = self
            .orphan
            .take()
            .filter(|(_, n)| *n > 0 && after_questions)
        {
            self.notes.push(format!(
                "ignored {n} {} under \"{}\": no question there",
                if n == 1 { "block" } else { "blocks" },
                super::text::short(&heading)
            ));
        }
    }
}

fn draft<'a>(
    ctx: &Ctx<'a>,
    q: Open<'a>,
    number: usize,
    dropped: &mut BTreeMap<NavKind, usize>,
) -> Option<Draft> {
    let question = ctx.question(q.heading);
    if question.is_empty() {
        return None;
    }
    let mut items = q.items;
    let lead = body::asking_lead(&question, &mut items);
    let mut parts = body::split(ctx, items, dropped);
    let (body, answer) = match choices::find(&mut parts) {
        Some(options) => choices::render(ctx, options),
        None => (ctx.markdown(&parts.body), ctx.markdown(&parts.answer)),
    };
    let body = match lead.map(|node| ctx.markdown(&[node])) {
        Some(lead) if body.is_empty() => lead,
        Some(lead) => format!("{lead}\n\n{body}"),
        None => body,
    };
    Some(Draft {
        number,
        section: q.section,
        question,
        body: vec![body],
        why: vec![ctx.markdown(&parts.why)],
        answer: vec![answer],
        notes: Vec::new(),
        tags: Vec::new(),
        difficulty: crate::bank::Difficulty::Medium,
    })
}
#[cfg(test)]
mod tests;
