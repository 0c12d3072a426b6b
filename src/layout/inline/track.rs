//! Letter spacing: how much a justified line's words may grow or narrow.
//!
//! Word spaces alone must absorb all of a justified line's slack, so a
//! line short by a few points gets visibly loose spaces while its
//! neighbours stay tight. Letting the letters of a word move apart or
//! together by a hair (InDesign's letter spacing, pdfTeX's font expansion
//! in spirit) spreads that slack over every gap of the line: each box can
//! stretch and shrink by a small amount per gap between its clusters, the
//! breaker counts that like glue, and the line's one adjustment ratio is
//! shared between spaces and letters in proportion to what each can give.
//! The breaker then prefers lines whose spaces stay near their natural
//! width. Clusters move as units, so a ligature is never pulled apart.
//!
//! Only justified prose is spaced: code keeps its columns, ragged and
//! centred lines have no slack to hide, and the breaker sets a line that
//! ends at a forced break (a paragraph's last line) at natural widths.

use super::{Align, Frag, Glyphs, Items, ParaStyle};
use crate::layout::linebreak::Item;

/// Most letter spacing added per gap between clusters, in em: 1.5% of the
/// size, about a tenth of a word space, where it is not seen as spacing.
pub(super) const STRETCH_EM: f32 = 0.015;

/// Most letter spacing taken away per gap, in em.
pub(super) const SHRINK_EM: f32 = 0.015;

/// Gives every box of a justified paragraph that may be letter-spaced its
/// stretch and shrink: the gaps it can open, times the limits.
pub(super) fn allow(items: &mut Items, style: &ParaStyle) {
    if style.align != Align::Justify || style.mono {
        return;
    }
    for i in 0..items.items.len() {
        let Item::Box { width, .. } = items.items[i] else {
            continue;
        };
        let Some(frag) = items.frags[i].as_ref() else {
            continue;
        };
        let gaps = gaps(frag, joined(&items.items, i)) as f32;
        items.items[i] = Item::Box {
            width,
            stretch: gaps * STRETCH_EM * frag.size,
            shrink: gaps * SHRINK_EM * frag.size,
        };
    }
}

/// Whether the box at `i` runs on into another box of the same word on the
/// same line: directly (a change of style inside a word) or across a
/// hyphenation point, whose hyphen then follows it if the line breaks
/// there. The gap after such a box is spaced like one inside it. A break
/// after a word's own dash or slash ends the line on that character, so the
/// box before it keeps its last gap closed and the edge stays flush.
fn joined(items: &[Item], i: usize) -> bool {
    match items.get(i + 1) {
        Some(Item::Box { .. }) => true,
        Some(Item::Penalty { width, .. }) if *width > 0.0 => {
            matches!(items.get(i + 2), Some(Item::Box { .. }))
        }
        _ => false,
    }
}

/// The gaps a fragment can open: between its clusters, and after its last
/// when the word runs on (`joined`). None for code, whose columns must stay
/// put, or for a piece of an over-long word, which is shaped only when set.
pub(super) fn gaps(frag: &Frag, joined: bool) -> usize {
    if frag.face_is_mono() {
        return 0;
    }
    let Glyphs::Shaped(shaped, range) = &frag.glyphs else {
        return 0;
    };
    let clusters = shaped.glyphs[range.clone()]
        .iter()
        .filter(|g| !g.text.is_empty())
        .count();
    (clusters + usize::from(joined)).saturating_sub(1)
}

/// What a line's items add up to, with the stretch and shrink of its glue
/// and of its boxes apart.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Totals {
    /// Natural width, a break's hyphen included.
    pub width: f32,
    pub glue_stretch: f32,
    pub glue_shrink: f32,
    /// Letter spacing the boxes allow; 0 on a line ended by a forced
    /// break, as the breaker counts it.
    pub box_stretch: f32,
    pub box_shrink: f32,
    /// Whether the line ends at a forced break, so it is not spaced.
    pub forced: bool,
}

impl Totals {
    /// The totals of `line`: a line's items, its break last.
    pub fn of(line: &[Item]) -> Totals {
        let (body, brk) = line.split_at(line.len().saturating_sub(1));
        let mut t = Totals::default();
        for item in body {
            match *item {
                Item::Box {
                    width,
                    stretch,
                    shrink,
                } => {
                    t.width += width;
                    t.box_stretch += stretch;
                    t.box_shrink += shrink;
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    t.width += width;
                    t.glue_stretch += stretch;
                    t.glue_shrink += shrink;
                }
                Item::Penalty { .. } => {}
            }
        }
        match brk.first() {
            Some(Item::Penalty { width, penalty, .. }) => {
                t.width += width;
                if *penalty <= -crate::layout::linebreak::INFINITY {
                    t.box_stretch = 0.0;
                    t.box_shrink = 0.0;
                    t.forced = true;
                }
            }
            // Only the end of a paragraph without a final forced break.
            Some(Item::Box { width, .. }) => t.width += width,
            _ => {}
        }
        t
    }

    /// The adjustment ratio that sets the line to `target` points wide, by
    /// the breaker's rules: 0 where there is nothing to stretch.
    pub fn ratio(&self, target: f32) -> f32 {
        let slack = target - self.width;
        let (stretch, shrink) = (
            self.glue_stretch + self.box_stretch,
            self.glue_shrink + self.box_shrink,
        );
        if slack >= 0.0 && stretch > 0.0 {
            slack / stretch
        } else if slack < 0.0 && shrink > 0.0 {
            slack / shrink
        } else {
            0.0
        }
    }

    /// How a line set at adjustment ratio `ratio` shares it out.
    pub fn spread(&self, ratio: f32) -> Spread {
        if self.forced {
            return Spread {
                glue: ratio,
                letters: 0.0,
            };
        }
        if ratio <= 1.0 {
            return Spread {
                glue: ratio,
                letters: ratio.max(-1.0),
            };
        }
        // Letters never go past their limit; a looser line leaves the
        // rest to its spaces, which is what they would have had to take
        // alone anyway.
        let slack = ratio * (self.glue_stretch + self.box_stretch);
        let glue = if self.glue_stretch > 0.0 {
            (slack - self.box_stretch) / self.glue_stretch
        } else {
            0.0
        };
        Spread { glue, letters: 1.0 }
    }
}

/// How a justified line is set: one adjustment ratio for its glue and one
/// for its letter spacing, both in the breaker's terms (1 is all the
/// stretch, -1 all the shrink). Equal unless the line is looser than its
/// letters can follow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Spread {
    pub glue: f32,
    pub letters: f32,
}

impl Spread {
    /// A line set at its natural widths.
    pub const NATURAL: Spread = Spread {
        glue: 0.0,
        letters: 0.0,
    };

    /// The letter spacing, in points per gap, of text of `size` that may
    /// be spaced at all.
    pub fn tracking(&self, size: f32) -> f32 {
        if self.letters >= 0.0 {
            self.letters * STRETCH_EM * size
        } else {
            self.letters * SHRINK_EM * size
        }
    }

    /// How much wider a box of `stretch` and `shrink` is set.
    pub fn extra(&self, stretch: f32, shrink: f32) -> f32 {
        if self.letters >= 0.0 {
            self.letters * stretch
        } else {
            self.letters * shrink
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Align, ParaStyle, Setter};
    use crate::font::Fonts;
    use crate::frame::{Color, FaceId, Item as Draw};
    use crate::layout::shape::Shaper;
    use crate::markdown::Inline;

    const TEXT: &str = "Anything touching more than one service gets a one-page design \
                        document before any code, so disagreements happen while they are \
                        still cheap, and the people around you can follow what you decided.";

    fn style(align: Align, mono: bool) -> ParaStyle {
        ParaStyle {
            size: 10.0,
            leading: 13.0,
            bold: false,
            italic: false,
            mono,
            color: Color::BLACK,
            align,
            hyphenate: true,
        }
    }

    /// The letter spacing of each text run of each line, with its face.
    fn tracking(inlines: &[Inline], style: &ParaStyle, measure: f32) -> Vec<Vec<(FaceId, f32)>> {
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        setter
            .paragraph(inlines, style, measure)
            .iter()
            .map(|line| {
                line.items
                    .iter()
                    .filter_map(|d| match d {
                        Draw::Text { face, tracking, .. } => Some((*face, *tracking)),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn justified_lines_are_letter_spaced_within_the_limit_but_not_the_last() {
        let mut spaced = 0;
        for measure in (0..30).map(|k| 150.0 + 7.0 * k as f32) {
            let lines = tracking(
                &[Inline::Text(TEXT.into())],
                &style(Align::Justify, false),
                measure,
            );
            let (last, full) = lines.split_last().unwrap();
            assert!(last.iter().all(|&(_, t)| t == 0.0), "{measure}: {last:?}");
            for &(_, t) in full.iter().flatten() {
                assert!(t.abs() <= 0.015 * 10.0 + 1e-6, "{measure}: {t}");
                spaced += usize::from(t != 0.0);
            }
        }
        assert!(spaced > 30, "most full lines take some letter spacing");
    }

    #[test]
    fn a_line_that_would_need_loose_spaces_spreads_its_letters() {
        // Two long words and one space: the space alone would have to grow
        // far past its stretch, so the letters take their full share.
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        let text = "Internationalization incomprehensibilities; then more words follow here.";
        let style = ParaStyle {
            hyphenate: false,
            ..style(Align::Justify, false)
        };
        let lines = setter.paragraph(&[Inline::Text(text.into())], &style, 215.0);
        let Some(Draw::Text {
            tracking, glyphs, ..
        }) = lines[0].items.first()
        else {
            panic!("{lines:?}");
        };
        assert!((*tracking - 0.015 * 10.0).abs() < 1e-4, "{tracking}");
        // Clusters move apart by the spacing; a ligature moves as one.
        let natural = setter.shaper.shape(FaceId::Regular, "Internationalization");
        let gap = glyphs[1].x - glyphs[0].x - natural.glyphs[0].advance * 10.0;
        assert!((gap - tracking).abs() < 1e-4, "{gap}");
    }

    #[test]
    fn code_ragged_and_centred_text_is_never_letter_spaced() {
        for align in [Align::Left, Align::Center, Align::Right] {
            let lines = tracking(&[Inline::Text(TEXT.into())], &style(align, false), 180.0);
            assert!(lines.iter().flatten().all(|&(_, t)| t == 0.0), "{align:?}");
        }
        let lines = tracking(
            &[Inline::Text(TEXT.into())],
            &style(Align::Justify, true),
            180.0,
        );
        assert!(
            lines.iter().flatten().all(|&(_, t)| t == 0.0),
            "a code block"
        );
        let mixed = [
            Inline::Text("Call ".into()),
            Inline::Code("context.WithTimeout(parent, budget)".into()),
            Inline::Text(format!(" at the edge. {TEXT}")),
        ];
        for measure in (0..20).map(|k| 150.0 + 9.0 * k as f32) {
            let lines = tracking(&mixed, &style(Align::Justify, false), measure);
            for &(face, t) in lines.iter().flatten() {
                assert!(
                    face != FaceId::Mono || t == 0.0,
                    "{measure}: inline code spaced"
                );
            }
        }
    }
}
