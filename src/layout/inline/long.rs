//! Over-long words: a run of thousands of characters with no break
//! opportunity (a pasted hash, a data URL, a hostile bank).
//!
//! An ordinary word wider than the measure gets one box per cluster, so the
//! breaker may cut it anywhere; for a word of millions of characters those
//! boxes, their fragments and the breaker's tables took hundreds of bytes
//! per character, and the word's glyphs were kept once shaped and again
//! drawn. Instead the word is measured in chunks, cut into pieces at most a
//! line wide, and each piece becomes one box whose glyphs are shaped only
//! when its line is set.

use super::{Frag, Glyphs, Items, Run, Setter};
use crate::frame::FaceId;
use crate::layout::linebreak::Item;
use std::ops::Range;

/// Longest piece of a word (bytes in one style) set the ordinary way. No
/// word of real text comes near it, so ordinary documents are unaffected.
pub(super) const LONG_WORD: usize = 2000;

/// Bytes shaped at a time while measuring an over-long word: bounds the
/// shaper's buffers whatever the word's length.
const CHUNK: usize = 4096;

/// The boxes of `range`, an over-long piece of a word in `run`: pieces at
/// most `measure` wide with a break allowed between any two (the penalty
/// of the per-cluster breaks of shorter runs). Returns the last fragment.
pub(super) fn boxes(
    setter: &mut Setter,
    out: &mut Items,
    text: &str,
    run: &Run,
    range: Range<usize>,
    measure: f32,
) -> Option<Frag> {
    let word = &text[range.clone()];
    let mut last = None;
    let mut start = 0;
    for (k, end) in cuts(setter, run.face, word, measure / run.size)
        .into_iter()
        .enumerate()
    {
        if k > 0 {
            let penalty = Item::Penalty {
                width: 0.0,
                penalty: 1000.0,
                flagged: false,
            };
            out.push(penalty, None);
        }
        // The box is as wide as the piece shaped on its own, which is how
        // it is drawn.
        let piece = &word[start..end];
        let width = setter.shaper.shape_uncached(run.face, piece).width * run.size;
        let frag = Frag {
            glyphs: Glyphs::Deferred {
                text: range.start + start..range.start + end,
                width,
            },
            face: run.face,
            size: run.size,
            rise: run.rise,
            color: run.color,
            link: run.link,
            strike: run.strike,
        };
        out.push(Item::rigid(width), Some(frag.clone()));
        last = Some(frag);
        start = end;
    }
    last
}

/// Where the pieces of `word` end (byte offsets, the last being its
/// length): each at most `measure` em wide unless one cluster is wider,
/// cut only between clusters as the shaper found them.
fn cuts(setter: &mut Setter, face: FaceId, word: &str, measure: f32) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut width = 0.0;
    let mut chunk = 0;
    while chunk < word.len() {
        let mut end = (chunk + CHUNK).min(word.len());
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        let mut clusters = advances(setter, face, &word[chunk..end]);
        // The chunk's last cluster may go on past its end (a mark after
        // its base): it starts the next chunk instead, unless it is all
        // the chunk holds.
        if end < word.len() && clusters.len() > 1 {
            if let Some((start, _)) = clusters.pop() {
                end = chunk + start;
            }
        }
        for (start, advance) in clusters {
            if width > 0.0 && width + advance > measure {
                ends.push(chunk + start);
                width = 0.0;
            }
            width += advance;
        }
        chunk = end;
    }
    ends.push(word.len());
    ends
}

/// Each cluster of `text` (its byte offset) with its advance in em, in text
/// order whatever the direction the glyphs are drawn in.
fn advances(setter: &mut Setter, face: FaceId, text: &str) -> Vec<(usize, f32)> {
    let shaped = setter.shaper.shape_uncached(face, text);
    let mut glyphs: Vec<(usize, f32)> = shaped
        .glyphs
        .iter()
        .map(|g| (g.cluster as usize, g.advance))
        .collect();
    glyphs.sort_by_key(|g| g.0);
    let mut clusters: Vec<(usize, f32)> = Vec::with_capacity(glyphs.len());
    for (start, advance) in glyphs {
        match clusters.last_mut() {
            Some(last) if last.0 == start => last.1 += advance,
            _ => clusters.push((start, advance)),
        }
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::super::{Align, ParaStyle, Setter};
    use super::*;
    use crate::font::Fonts;
    use crate::frame::{Color, Item as Draw};
    use crate::layout::shape::Shaper;
    use crate::markdown::Inline;

    #[test]
    fn a_long_word_is_cut_into_lines_that_fit_and_keep_every_character() {
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        let word: String = (0..30_000)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect();
        let style = ParaStyle {
            size: 10.0,
            leading: 12.0,
            bold: false,
            italic: false,
            mono: false,
            color: Color::BLACK,
            align: Align::Justify,
            hyphenate: true,
        };
        let text = format!("Before {word} after");
        let lines = setter.paragraph(&[Inline::Text(text.clone())], &style, 200.0);
        let mut joined = String::new();
        for line in &lines {
            for d in &line.items {
                if let Draw::Text {
                    face,
                    size,
                    x,
                    glyphs,
                    ..
                } = d
                {
                    let face = setter.shaper.fonts().face(*face);
                    for g in glyphs {
                        let end = x + g.x + face.advance(g.id) * size;
                        assert!(end <= 200.01, "{}", x + g.x);
                        joined.push_str(&g.text);
                    }
                }
            }
        }
        // Spaces at line ends are dropped, as everywhere.
        let letters = |s: &str| s.replace(' ', "");
        assert_eq!(letters(&joined), letters(&text));
        let width = setter.shaper.shape_uncached(FaceId::Regular, &word).width * 10.0;
        // Full lines: each loses at most one letter (under 10pt) at its end.
        let most = (width / 190.0).ceil() + 2.0;
        assert!(lines.len() as f32 <= most, "{} lines", lines.len());
    }
}
