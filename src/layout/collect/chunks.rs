//! Where a part of the document is cut into chunks that cores set side by
//! side, and in which order the chunks are handed out.
//!
//! Chunks are cut at equal amounts of text rather than equal numbers of
//! blocks: one question with a code listing can be worth five without.
//! The largest are handed out first, so that no core is left setting a
//! large chunk alone at the end.

use crate::markdown::{Block, Inline};

/// Whether a part or chunk may start at block `b`: a section heading or a
/// question right after a paragraph or a question (which leave no pending
/// space behind, almost always; [`super::Collector::part`] checks).
pub(super) fn splits_before(blocks: &[Block], b: usize) -> bool {
    matches!(
        blocks[b],
        Block::Heading { level: 1 | 2, .. } | Block::Question { .. }
    ) && matches!(blocks[b - 1], Block::Paragraph(_) | Block::Question { .. })
}

/// How a part's top-level blocks are set side by side: where each chunk
/// starts, and in which order chunks `1..` are handed out (chunk 0 is set
/// by the part's own collector).
pub(super) struct Plan {
    /// Where each chunk starts: always 0 first; a single entry means "do
    /// not split".
    pub(super) starts: Vec<usize>,
    /// Chunks `1..`, largest first, equal ones in document order.
    pub(super) order: Vec<usize>,
}

/// Splits the top-level blocks into about `chunks` parts of about equal
/// [`weight`], only where [`splits_before`] allows.
pub(super) fn plan(blocks: &[Block], chunks: usize) -> Plan {
    // before[b]: the weight of blocks[..b].
    let mut before = Vec::with_capacity(blocks.len() + 1);
    before.push(0);
    for block in blocks {
        before.push(before[before.len() - 1] + weight(block));
    }
    let starts = starts(blocks, &before, chunks);
    let ends = starts[1..].iter().copied().chain([blocks.len()]);
    let sizes: Vec<usize> = starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| before[e] - before[s])
        .collect();
    let mut order: Vec<usize> = (1..starts.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(sizes[c]));
    Plan { starts, order }
}

/// The chunks' starts, each at the allowed cut nearest its share of the
/// total weight; `before` holds the weights before each block.
fn starts(blocks: &[Block], before: &[usize], chunks: usize) -> Vec<usize> {
    let total = before[blocks.len()];
    let mut starts = vec![0];
    for k in 1..chunks {
        let last = starts[starts.len() - 1];
        let target = total * k / chunks;
        // The cut nearest the target: before or after the block it falls
        // in, so that one large block gets a chunk of its own rather than
        // swelling the one before it.
        let after = (last + 1..blocks.len()).find(|&b| before[b] >= target);
        let Some(after) = after else { break };
        let cut = if after - 1 > last && target - before[after - 1] < before[after] - target {
            after - 1
        } else {
            after
        };
        match (cut..blocks.len()).find(|&b| splits_before(blocks, b)) {
            Some(b) => starts.push(b),
            None => break,
        }
    }
    starts
}

/// About how much work setting `block` is: the bytes of its text, plus a
/// line's worth for the block itself (rules, score boxes and note lines
/// have none, but still cost something).
fn weight(block: &Block) -> usize {
    const BLOCK: usize = 64;
    BLOCK
        + match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => inline_weight(content),
            Block::List { items, .. } => {
                items.iter().flat_map(|item| &item.blocks).map(weight).sum()
            }
            Block::Quote(blocks) | Block::Question { blocks, .. } => {
                blocks.iter().map(weight).sum()
            }
            Block::Details { summary, blocks } => {
                inline_weight(summary) + blocks.iter().map(weight).sum::<usize>()
            }
            Block::Code { text, .. } => text.len(),
            Block::Table { rows, .. } => rows.iter().flatten().map(|c| inline_weight(c)).sum(),
            Block::Figure(_)
            | Block::Rule
            | Block::Notes { .. }
            | Block::Score
            | Block::PageBreak => 0,
        }
}

/// The bytes of text in `inlines`. (Nesting is bounded by the Markdown
/// reader, as for every other walk over a document.)
fn inline_weight(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) | Inline::Code(t) => t.len(),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Sup(c)
            | Inline::Sub(c) => inline_weight(c),
            Inline::Link { content, .. } => inline_weight(content),
            Inline::SoftBreak | Inline::LineBreak => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: &str, words: usize) -> Block {
        Block::Question {
            id: id.into(),
            blocks: vec![Block::Paragraph(vec![Inline::Text("word ".repeat(words))])],
        }
    }

    #[test]
    fn chunks_hold_about_equal_text_and_large_ones_go_first() {
        // One long question among short ones: it gets a chunk of its own,
        // and the short ones share the rest.
        let mut blocks = vec![Block::Paragraph(vec![Inline::Text("Intro".into())])];
        blocks.extend((0..6).map(|i| question(&format!("s{i}"), 20)));
        blocks.push(question("long", 600));
        blocks.extend((0..6).map(|i| question(&format!("t{i}"), 20)));
        let Plan { starts, order } = plan(&blocks, 4);
        assert_eq!(starts[0], 0);
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        assert!(starts.iter().skip(1).all(|&s| splits_before(&blocks, s)));
        let long = starts.iter().rposition(|&s| s <= 7).unwrap();
        assert_eq!(order[0], long, "{starts:?} {order:?}");
        // Every chunk but the first, once each.
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (1..starts.len()).collect::<Vec<_>>());
    }

    #[test]
    fn equal_questions_split_evenly_and_in_document_order() {
        let blocks: Vec<Block> = (0..16).map(|i| question(&format!("q{i}"), 30)).collect();
        let Plan { starts, order } = plan(&blocks, 4);
        assert_eq!(starts, vec![0, 4, 8, 12]);
        assert_eq!(order, vec![1, 2, 3]);
        // Nowhere to split: one chunk.
        assert_eq!(plan(&blocks[..1], 4).starts, vec![0]);
    }
}
