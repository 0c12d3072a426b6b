//! One paragraph of inline content → lines of positioned glyphs.
//!
//! The paragraph is turned into Knuth–Plass boxes, glue and penalties: words
//! are boxes (shaped once through the word cache), spaces are glue, and
//! hyphenation points from the en-US patterns are flagged penalties. The
//! breaker picks the breaks for the whole paragraph at once, then each line is
//! set with its glue stretched or shrunk.

use super::linebreak::{break_lines, Break, Item, Params, INFINITY};
use super::shape::{Shaped, ShapedGlyph, Shaper};
use crate::frame::{Color, FaceId, Glyph, Item as Draw};
use crate::markdown::Inline;
use std::sync::Arc;
use unicode_linebreak::{linebreaks, BreakOpportunity};

mod draws;
mod flatten;
pub(crate) mod hyphens;
mod long;
mod protrude;
mod track;
mod words;

use draws::LineDraws;
pub(super) use flatten::fallback_face;
use flatten::{face_for, flatten, Flags, Flat, Run};

use track::{Spread, Totals};
use words::{CopySpans, Words};

/// Penalty for a break at a hyphenation point from the patterns: twice
/// TeX's 50. On the example guide that takes hyphenated lines from about
/// one in ten to one in fifty; more buys few fewer hyphens for looser lines.
const HYPHEN_PENALTY: f32 = 100.0;

/// Penalty for a break after a hyphen the word already has ("300-" then
/// "commit"): both halves are whole words, so it stays at TeX's value,
/// below a cut by the patterns (which such words never get anyway).
const EXPLICIT_HYPHEN_PENALTY: f32 = 50.0;

/// Penalty for a break after a slash or another dash inside a word.
const DASH_PENALTY: f32 = 200.0;

/// How the breaker weighs hyphens in running text: two hyphenated lines in
/// a row, or a last line that opens with the rest of a hyphenated word,
/// are taken only when nothing else fits (and the pair then still costs
/// TeX's `\doublehyphendemerits`).
fn break_params() -> Params {
    Params {
        flagged_demerits: 10_000.0,
        final_hyphen_demerits: f32::INFINITY,
        max_hyphen_run: 1,
        ..Params::default()
    }
}

/// Horizontal alignment of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Both edges flush; the last line is flush left.
    Justify,
    /// Centred lines.
    Center,
    /// Flush right.
    Right,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    /// Font size in points.
    pub size: f32,
    /// Baseline-to-baseline distance in points.
    pub leading: f32,
    /// Bold base face.
    pub bold: bool,
    /// Italic base face.
    pub italic: bool,
    /// Set everything in the monospace face.
    pub mono: bool,
    /// Text colour.
    pub color: Color,
    /// Line alignment.
    pub align: Align,
    /// Hyphenate long words.
    pub hyphenate: bool,
}

/// A set line: drawing items relative to the line's top-left corner.
#[derive(Debug, Clone)]
pub struct Line {
    /// Line height (the leading).
    pub height: f32,
    /// Baseline offset from the line's top.
    pub baseline: f32,
    /// What to draw.
    pub items: Vec<Draw>,
}

/// Shared state for setting paragraphs: the shaper and the hyphenation
/// dictionary, loaded only when first needed.
pub struct Setter<'f> {
    /// The shaping cache.
    pub shaper: Shaper<'f>,
    /// Setters for other threads, kept between layouts (a fit lays out
    /// many times) so that their caches stay warm.
    pub helpers: Vec<Setter<'f>>,
    /// Hyphenation points (byte offsets) per word: words repeat so much
    /// that the pattern lookup dominated paragraph setting.
    hyphen_cache: rustc_hash::FxHashMap<Box<str>, hyphens::Points>,
    /// The hyphenation cuts of the word being set, kept to be reused: one
    /// vector a word was a tenth of all the memory requests of a build.
    cuts: Vec<usize>,
    /// The id of the question being set, for naming it in warnings.
    pub question: Option<String>,
    /// Characters no font could draw, with the question they were in.
    pub missing: Vec<(char, Option<String>)>,
}

/// Colour of link text: a dark blue that still reads well in grayscale print.
pub const LINK_COLOR: Color = Color(0.05, 0.2, 0.5);

impl<'f> Setter<'f> {
    /// A setter around a shaper.
    pub fn new(shaper: Shaper<'f>) -> Self {
        Setter {
            shaper,
            helpers: Vec::new(),
            hyphen_cache: rustc_hash::FxHashMap::default(),
            cuts: Vec::new(),
            question: None,
            missing: Vec::new(),
        }
    }

    /// A setter with empty caches over the same fonts, for another thread.
    pub fn helper(&self) -> Setter<'f> {
        Setter::new(Shaper::new(self.shaper.fonts()))
    }

    /// Sets `inlines` into lines `measure` points wide.
    pub fn paragraph(&mut self, inlines: &[Inline], style: &ParaStyle, measure: f32) -> Vec<Line> {
        let mut flat = Flat {
            fonts: self.shaper.fonts(),
            text: String::new(),
            runs: Vec::new(),
            links: Vec::new(),
            missing: Vec::new(),
        };
        flatten(inlines, style, Flags::base(style), &mut flat);
        for c in flat.missing {
            if !self
                .missing
                .iter()
                .any(|(m, q)| *m == c && *q == self.question)
            {
                self.missing.push((c, self.question.clone()));
            }
        }
        let (text, runs, links) = (flat.text, flat.runs, flat.links);
        if text.trim().is_empty() {
            return Vec::new();
        }
        let measure = measure.max(1.0);
        let (items, words) = self.items(&text, &runs, style, measure);
        let breaks = break_lines(&items.items, &|_| measure, &break_params());
        let para = Para {
            text: &text,
            style,
            measure,
            links: &links,
            words: &words,
        };
        self.set_lines(&items, &breaks, &para)
    }

    /// Turns the paragraph text into the breaker's items. Each break
    /// opportunity of the Unicode line-breaking algorithm closes a word; the
    /// word becomes boxes and what follows it decides the kind of break.
    ///
    /// What a break costs depends on the whole word, not only the segment:
    /// a word with a hyphen of its own is not hyphenated again, the
    /// paragraph's last word is never cut, and a short last word is tied to
    /// the one before it.
    fn items(
        &mut self,
        text: &str,
        runs: &[Run],
        style: &ParaStyle,
        measure: f32,
    ) -> (Items, Words) {
        let segments: Vec<(usize, BreakOpportunity)> = linebreaks(text).collect();
        let words = Words::new(text, &segments);
        let mut out = Items::default();
        let mut start = 0;
        for (k, &(end, opportunity)) in segments.iter().enumerate() {
            let segment = &text[start..end];
            let word_len = segment.trim_end().len();
            let word_start = start;
            let word_end = start + word_len;
            start = end;
            let w = words.of(k);
            out.word = w;
            let mut last_frag: Option<Frag> = None;
            if word_len > 0 {
                let word_style = ParaStyle {
                    hyphenate: style.hyphenate && words.may_hyphenate(w),
                    ..*style
                };
                let word = word_start..word_end;
                last_frag = self.word_items(&mut out, text, runs, word, &word_style, measure);
            }
            let at_end = end == text.len();
            let has_space = word_len < segment.len();
            if opportunity == BreakOpportunity::Mandatory && !at_end && segment.contains('\n') {
                out.forced_break();
            } else if at_end {
                break;
            } else if has_space {
                let tie = !style.mono && words.ties_next(text, w);
                self.space_items(&mut out, runs, word_end, &last_frag, style, tie);
            } else {
                out.push(inner_break(segment, words.is_last(w)), None);
            }
        }
        out.forced_break();
        track::allow(&mut out, style);
        (out, words)
    }

    /// The boxes of one word, which may span several style runs. Only a word
    /// set in a single run is hyphenated: a cut across a style change could
    /// not be matched to one shaped piece. Returns the word's last fragment,
    /// whose face the space after the word takes.
    fn word_items(
        &mut self,
        out: &mut Items,
        text: &str,
        runs: &[Run],
        word: std::ops::Range<usize>,
        style: &ParaStyle,
        measure: f32,
    ) -> Option<Frag> {
        let (word_start, word_end) = (word.start, word.end);
        let mut last_frag: Option<Frag> = None;
        // Runs are few and words many: the word's runs are found twice
        // rather than gathered into a vector per word.
        let word_runs = || {
            runs.iter()
                .filter(|r| r.start < word_end && r.end > word_start)
        };
        let single = word_runs().nth(1).is_none();
        for run in word_runs() {
            let piece = run.start.max(word_start)..run.end.min(word_end);
            // An over-long piece is measured in chunks, outside the cache.
            if piece.len() > long::LONG_WORD {
                last_frag = long::boxes(self, out, text, run, piece, measure);
                continue;
            }
            let piece_text = &text[piece];
            let shaped = self.shaper.shape(run.face, piece_text);
            let mut cuts = std::mem::take(&mut self.cuts);
            cuts.clear();
            if single && style.hyphenate && !run.face_is_mono() {
                self.hyphen_cuts(piece_text, &shaped, &mut cuts);
            }
            let ends = cuts.iter().copied().chain([shaped.glyphs.len()]);
            let mut from = 0;
            for (k, to) in ends.enumerate() {
                let glyphs = from..to;
                from = to;
                let frag = Frag {
                    glyphs: Glyphs::Shaped(shaped.clone(), glyphs),
                    face: run.face,
                    size: run.size,
                    rise: run.rise,
                    color: run.color,
                    link: run.link,
                    strike: run.strike,
                };
                out.frag_boxes(&frag, measure);
                if k < cuts.len() {
                    let hyphen = self.shaper.shape(run.face, "-");
                    out.push(
                        Item::Penalty {
                            width: hyphen.width * run.size,
                            penalty: HYPHEN_PENALTY,
                            flagged: true,
                        },
                        None,
                    );
                }
                last_frag = Some(frag);
            }
            self.cuts = cuts;
        }
        last_frag
    }

    /// The glue for a space after a word. Its width comes from the face the
    /// space is set in, and ragged and justified text need different glue.
    /// A tied space (`tie`) cannot break: a penalty before glue makes the
    /// glue no breakpoint, like TeX's `~`.
    fn space_items(
        &mut self,
        out: &mut Items,
        runs: &[Run],
        word_end: usize,
        last_frag: &Option<Frag>,
        style: &ParaStyle,
        tie: bool,
    ) {
        // A space inside inline code keeps the code's fixed width; a
        // space after it is a text space, or it would look like a hole.
        let space_run = runs
            .iter()
            .find(|r| r.start <= word_end && word_end < r.end);
        let code_space = space_run.is_some_and(|r| r.face_is_mono()) && !style.mono;
        let (face, size) = match (last_frag, space_run) {
            (_, Some(r)) if code_space => (r.face, r.size),
            (Some(f), _) if !f.face_is_mono() || style.mono => (f.face, f.size),
            _ => (face_for(Flags::base(style), false), style.size),
        };
        let space = self.shaper.shape(face, " ").width * size;
        let ragged = style.align != Align::Justify;
        if ragged && !tie {
            // Knuth's ragged-right trick: the line-end glue can stretch,
            // the space itself cannot, so breaks balance line lengths
            // without ever spreading words apart.
            let give = 2.0 * style.size;
            let glue = |width, stretch| Item::Glue {
                width,
                stretch,
                shrink: 0.0,
            };
            out.push(glue(0.0, give), None);
            out.push(
                Item::Penalty {
                    width: 0.0,
                    penalty: 0.0,
                    flagged: false,
                },
                None,
            );
            out.push(glue(space, -give), None);
            return;
        }
        if tie {
            out.push(
                Item::Penalty {
                    width: 0.0,
                    penalty: INFINITY,
                    flagged: false,
                },
                None,
            );
        }
        let (stretch, shrink) = if code_space || ragged {
            (0.0, 0.0)
        } else {
            (space * 0.5, space * 0.33)
        };
        out.push(
            Item::Glue {
                width: space,
                stretch,
                shrink,
            },
            None,
        );
    }

    /// Glyph indices where `word` may be hyphenated; only cuts that fall on a
    /// cluster boundary (never inside a ligature) are kept.
    fn hyphen_cuts(&mut self, word: &str, shaped: &Shaped, cuts: &mut Vec<usize>) {
        let Some((core_start, core)) = hyphens::core(word) else {
            return;
        };
        let breaks = match self.hyphen_cache.get(core) {
            Some(breaks) => breaks,
            None => {
                let Some(breaks) = hyphens::points(core) else {
                    return;
                };
                self.hyphen_cache.entry(core.into()).or_insert(breaks)
            }
        };
        cuts.extend(
            breaks
                .iter()
                .filter_map(|b| {
                    let at = (core_start + *b) as u32;
                    shaped
                        .glyphs
                        .iter()
                        .position(|g| g.cluster == at && !g.text.is_empty())
                })
                .filter(|&i| i > 0),
        );
    }

    /// Sets the items between consecutive breaks as lines. Glue and
    /// penalties a break leaves at the start of the next line are dropped,
    /// and a last line that comes out empty is not kept. A word that a
    /// break cuts in two is marked for copying whole, with the line before
    /// the break and the line after it both knowing which word that is.
    fn set_lines(&mut self, items: &Items, breaks: &[Break], para: &Para) -> Vec<Line> {
        let style = para.style;
        let mut lines = Vec::with_capacity(breaks.len());
        let baseline = (style.leading - style.size) / 2.0 + 0.8 * style.size;
        let mut start = 0;
        let mut opens = None;
        for (n, brk) in breaks.iter().enumerate() {
            let last = n + 1 == breaks.len();
            // Discard glue and penalties at the start of a line, as TeX does.
            while start < brk.index && !matches!(items.items[start], Item::Box { .. }) {
                start += 1;
            }
            let closes = (!last)
                .then(|| para.words.cut_at(&items.items, &items.word_of, brk.index))
                .flatten();
            let spans = CopySpans::new(para.text, para.words, opens, closes);
            let mut line = LineDraws::new(baseline, spans);
            self.set_line(items, (start, brk), last, &mut line, para);
            let draws = line.finish(style, para.measure, para.links);
            if !draws.is_empty() || !last {
                lines.push(Line {
                    height: style.leading,
                    baseline,
                    items: draws,
                });
            }
            opens = closes;
            start = brk.index + 1;
        }
        lines
    }

    /// Draws the items from `start` to the break into `line`: boxes as
    /// glyphs, letter-spaced by the line's ratio where they may be, glue as
    /// the space set by that ratio, and the hyphen of a break at a
    /// hyphenation point. Punctuation at the edges of a justified line
    /// hangs into the margins, spaces and letters taking up what it frees.
    fn set_line<'a>(
        &mut self,
        items: &'a Items,
        (start, brk): (usize, &Break),
        last: bool,
        line: &mut LineDraws<'a>,
        para: &Para,
    ) {
        let (left, spread) = spread(items, (start, brk), para);
        line.x = -left;
        // Each box's glyphs, and a space after each: what the line's runs
        // will hold.
        line.room = (start..brk.index)
            .filter_map(|i| items.frags[i].as_ref())
            .map(|f| match &f.glyphs {
                Glyphs::Shaped(_, range) => range.len() + 1,
                Glyphs::Deferred { text, .. } => text.len() + 1,
            })
            .sum();
        for i in start..brk.index {
            match items.items[i] {
                Item::Box {
                    width,
                    stretch,
                    shrink,
                } => {
                    let frag = items.frags[i].as_ref();
                    let tracking = if stretch > 0.0 || shrink > 0.0 {
                        frag.map_or(0.0, |f| spread.tracking(f.size))
                    } else {
                        0.0
                    };
                    let width = width + spread.extra(stretch, shrink);
                    let word = items.word_of[i];
                    match frag {
                        Some(f) => {
                            let deferred;
                            let glyphs = match &f.glyphs {
                                Glyphs::Shaped(shaped, range) => &shaped.glyphs[range.clone()],
                                // A piece of an over-long word is shaped
                                // here, for its line only, so its glyphs
                                // are never held twice.
                                Glyphs::Deferred { text, .. } => {
                                    let text = &para.text[text.clone()];
                                    deferred = self.shaper.shape_uncached(f.face, text);
                                    &deferred.glyphs[..]
                                }
                            };
                            line.push_box(f, glyphs, tracking, width, word);
                        }
                        None => line.x += width,
                    }
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    // A space glyph keeps copy-and-paste and search working.
                    // The glue right after a word is its space, even when a
                    // penalty between them ties the two words together.
                    let before = items.items[..i]
                        .iter()
                        .rev()
                        .find(|item| !matches!(item, Item::Penalty { .. }));
                    if let (Some(f), Some(Item::Box { .. })) = (line.prev_frag, before) {
                        let space = self.shaper.shape(f.face, " ");
                        line.push_space(&space);
                    }
                    let adjust = if spread.glue >= 0.0 {
                        stretch * spread.glue
                    } else {
                        shrink * spread.glue
                    };
                    // The last line never stretches, but it shrinks like
                    // any other when the breaker counted on that.
                    line.x += width + if last && adjust > 0.0 { 0.0 } else { adjust };
                }
                Item::Penalty { .. } => {}
            }
        }
        if let Item::Penalty { width, .. } = items.items[brk.index] {
            if width > 0.0 {
                if let Some(f) = line.prev_frag {
                    let hyphen = self.shaper.shape(f.face, "-");
                    line.push_hyphen(hyphen, f, width);
                }
            }
        }
    }
}

/// What setting a paragraph's lines needs besides its items.
struct Para<'a> {
    /// The paragraph's text, which fragments of over-long words refer to.
    text: &'a str,
    style: &'a ParaStyle,
    measure: f32,
    links: &'a [String],
    /// The paragraph's whole words, for the copy text of cut ones.
    words: &'a Words,
}

/// How far the line from `start` to `brk` hangs into the left margin, and
/// how its spaces and letters are spread. Ragged, centred and right-aligned
/// lines keep their natural widths. Punctuation at the edges of a justified
/// line hangs into the margins, the line taking up what it frees; a line
/// already spread to the limit could not reach the margin it hangs into, so
/// it keeps to the measure instead.
fn spread(items: &Items, (start, brk): (usize, &Break), para: &Para) -> (f32, Spread) {
    let style = para.style;
    if style.align != Align::Justify {
        return (0.0, Spread::NATURAL);
    }
    let (mut left, right) =
        protrude::protrusion(&items.items, &items.frags, (start, brk.index), style);
    let totals = Totals::of(&items.items[start..=brk.index]);
    let mut ratio = brk.ratio.clamp(-1.0, 3.0);
    if right > 0.0 {
        let wider = totals.ratio(para.measure + left + right);
        if wider <= 3.0 {
            ratio = wider.max(-1.0);
        } else {
            left = 0.0;
        }
    }
    // The cap is on the line's ratio, not the spaces': past the letters'
    // limit the spaces take the rest, so a line stays flush wherever the
    // breaker's ratio says it can.
    (left, totals.spread(ratio))
}

/// The penalty of a break inside a word, after `segment`, which ends in a
/// dash or slash. A hyphen the word already has is flagged like one the
/// patterns found (the breaker limits both alike). In the paragraph's last
/// word a break would leave its tail alone on the last line: after a hyphen
/// the breaker refuses that by itself, and after a slash it costs as much
/// as an awful line, so only a word too wide for any line is cut there.
fn inner_break(segment: &str, last_word: bool) -> Item {
    let after_hyphen = segment.ends_with(['-', '\u{2010}']);
    let penalty = match (after_hyphen, last_word) {
        (true, _) => EXPLICIT_HYPHEN_PENALTY,
        (false, false) => DASH_PENALTY,
        (false, true) => 5000.0,
    };
    Item::Penalty {
        width: 0.0,
        penalty,
        flagged: after_hyphen,
    }
}

/// The breaker's items, each paired with the fragment it draws (boxes only),
/// so that the set lines can find the glyphs behind a box, and with the
/// word it belongs to, so that they can tell a break inside a word.
#[derive(Default)]
struct Items {
    items: Vec<Item>,
    frags: Vec<Option<Frag>>,
    word_of: Vec<u32>,
    /// The word being turned into items.
    word: u32,
}

impl Items {
    fn push(&mut self, item: Item, frag: Option<Frag>) {
        self.items.push(item);
        self.frags.push(frag);
        self.word_of.push(self.word);
    }

    /// A break the paragraph must take: fill glue so the line ends short
    /// without stretching its spaces, then a forcing penalty (TeX's
    /// `\parfillskip` and `\penalty-10000`).
    fn forced_break(&mut self) {
        self.push(
            Item::Glue {
                width: 0.0,
                stretch: 1e5,
                shrink: 0.0,
            },
            None,
        );
        self.push(
            Item::Penalty {
                width: 0.0,
                penalty: -INFINITY,
                flagged: false,
            },
            None,
        );
    }

    /// One box for `frag`, unless it is wider than the measure: then one box
    /// per cluster, so the breaker is never stuck with an overfull line.
    fn frag_boxes(&mut self, frag: &Frag, measure: f32) {
        let width = frag.width();
        if let (true, Glyphs::Shaped(shaped, range)) = (width > measure, &frag.glyphs) {
            // An unbreakable run wider than the measure (a URL, an
            // identifier): allow a break between any two clusters.
            for (n, g) in range.clone().enumerate() {
                if n > 0 {
                    self.push(
                        Item::Penalty {
                            width: 0.0,
                            penalty: 1000.0,
                            flagged: false,
                        },
                        None,
                    );
                }
                let one = Frag {
                    glyphs: Glyphs::Shaped(shaped.clone(), g..g + 1),
                    ..frag.clone()
                };
                self.push(Item::rigid(one.width()), Some(one));
            }
        } else {
            self.push(Item::rigid(width), Some(frag.clone()));
        }
    }
}

/// A slice of a shaped piece that becomes one box.
#[derive(Clone)]
struct Frag {
    glyphs: Glyphs,
    face: FaceId,
    size: f32,
    /// How far above the baseline it is set (below, if negative).
    rise: f32,
    color: Color,
    link: Option<u32>,
    strike: bool,
}

/// Where a fragment's glyphs come from.
#[derive(Clone)]
enum Glyphs {
    /// A range of the glyphs of a shaped word.
    Shaped(Arc<Shaped>, std::ops::Range<usize>),
    /// A piece of an over-long word: a byte range of the paragraph text,
    /// shaped again when its line is set, and its width in points.
    Deferred {
        text: std::ops::Range<usize>,
        width: f32,
    },
}

impl Frag {
    fn face_is_mono(&self) -> bool {
        matches!(self.face, FaceId::Mono | FaceId::MonoBold)
    }

    fn width(&self) -> f32 {
        match &self.glyphs {
            Glyphs::Shaped(shaped, range) => shaped.width_of(range.clone()) * self.size,
            Glyphs::Deferred { width, .. } => *width,
        }
    }

    /// `glyphs` drawn in this fragment's style, the pen starting at `x`,
    /// with `tracking` points more before each cluster but the first.
    fn draw_glyphs(
        &self,
        glyphs: &[ShapedGlyph],
        (x, baseline): (f32, f32),
        tracking: f32,
    ) -> Draw {
        Draw::Text {
            face: self.face,
            size: self.size,
            x,
            y: baseline - self.rise,
            color: self.color,
            glyphs: self.placed(glyphs, tracking).collect(),
            tracking,
        }
    }

    /// `glyphs` at this fragment's size, placed from a pen at 0, with
    /// `tracking` points more before each cluster but the first: the glyphs
    /// of one cluster (a base and its marks) stay together.
    fn placed<'g>(
        &self,
        glyphs: &'g [ShapedGlyph],
        tracking: f32,
    ) -> impl Iterator<Item = Glyph> + 'g {
        placed(glyphs, self.size, tracking)
    }
}

/// `glyphs` at `size`, placed from a pen at 0, `tracking` points apart
/// beyond their advances before each cluster but the first.
pub(super) fn placed(
    glyphs: &[ShapedGlyph],
    size: f32,
    tracking: f32,
) -> impl Iterator<Item = Glyph> + '_ {
    let mut pen = 0.0;
    glyphs.iter().enumerate().map(move |(k, g)| {
        if k > 0 && !g.text.is_empty() {
            pen += tracking;
        }
        let glyph = Glyph {
            id: g.id,
            x: pen + g.dx * size,
            dy: Glyph::dy_of(g.dy * size),
            text: g.text,
        };
        pen += g.advance * size;
        glyph
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Fonts;

    const TEXT: &str = "On my last team we were six backend engineers owning a payments API, and I saw my job as keeping everyone unblocked as much as shipping my own tickets. Anything touching more than one service gets a one-page design document before any code, so disagreements happen while they are still cheap. Interviewers want evidence that you make the people around you more effective, not just that you get along with them; incomprehensibilities and internationalization are long words that hyphenate.";

    fn style(align: Align) -> ParaStyle {
        ParaStyle {
            size: 10.5,
            leading: 13.9,
            bold: false,
            italic: false,
            mono: false,
            color: Color::BLACK,
            align,
            hyphenate: true,
        }
    }

    /// How far glyph `id` of `face` advances the pen at `size`.
    fn advance(face: FaceId, size: f32, id: u16) -> f32 {
        static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
        let fonts = FONTS.get_or_init(|| Fonts::builtin().unwrap());
        fonts.face(face).advance(id) * size
    }

    /// (left edge, right edge, text) of each line.
    fn lines_of(lines: &[Line]) -> Vec<(f32, f32, String)> {
        lines
            .iter()
            .map(|l| {
                let mut left = f32::MAX;
                let mut right: f32 = 0.0;
                let mut text = String::new();
                for d in &l.items {
                    if let Draw::Text {
                        face,
                        size,
                        x,
                        glyphs,
                        ..
                    } = d
                    {
                        for g in glyphs {
                            if g.text.as_ref() != " " {
                                left = left.min(x + g.x);
                                right = right.max(x + g.x + advance(*face, *size, g.id));
                            }
                            text.push_str(&g.text);
                        }
                    }
                }
                (left, right, text)
            })
            .collect()
    }

    fn set(measure: f32, align: Align) -> Vec<(f32, f32, String)> {
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        let lines = setter.paragraph(&[Inline::Text(TEXT.into())], &style(align), measure);
        lines_of(&lines)
    }

    fn letters(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect()
    }

    /// The last visible glyph of a line: its character and advance.
    fn last_glyph(line: &Line) -> (char, f32) {
        line.items
            .iter()
            .filter_map(|d| match d {
                Draw::Text {
                    face, size, glyphs, ..
                } => Some(glyphs.iter().map(move |g| (*face, *size, g))),
                _ => None,
            })
            .flatten()
            .rfind(|(_, _, g)| !g.text.is_empty() && g.text.as_ref() != " ")
            .map(|(face, size, g)| {
                let c = g.text.chars().last().unwrap_or(' ');
                (c, advance(face, size, g.id))
            })
            .unwrap_or((' ', 0.0))
    }

    fn set_lines(text: &str, measure: f32, align: Align) -> Vec<Line> {
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        setter.paragraph(&[Inline::Text(text.into())], &style(align), measure)
    }

    #[test]
    fn justified_lines_end_at_the_measure_with_punctuation_hanging_out() {
        let mut hung = 0;
        // Below about 200 pt the rules against hyphens leave a line so loose that
        // its spaces are capped at three times their stretch, short of the
        // measure; these measures have none.
        for measure in [230.0, 345.0, 460.0] {
            let set = set_lines(TEXT, measure, Align::Justify);
            let lines = lines_of(&set);
            assert!(lines.len() > 2, "{measure}");
            for (n, (left, right, text)) in lines.iter().enumerate() {
                assert!(*left >= -0.01, "line starts inside the measure: {text}");
                if n + 1 == lines.len() {
                    assert!(
                        *right < measure - 1.0,
                        "the last line is not stretched: {right}"
                    );
                    continue;
                }
                // A comma hangs half its width into the margin, a
                // semicolon 30%, a full stop or hyphen 70%, a letter not
                // at all.
                let (c, advance) = last_glyph(&set[n]);
                let share = match c {
                    ',' | ':' => 0.5,
                    ';' => 0.3,
                    '.' | '-' => 0.7,
                    c if c.is_alphanumeric() => 0.0,
                    c => panic!("unexpected line end {c:?}"),
                };
                let expected = measure + share * advance;
                // A line spread to the limit keeps to the measure instead.
                let at_limit = (right - measure).abs() <= 0.01;
                assert!(
                    (right - expected).abs() <= 0.01 || at_limit,
                    "line {n} ends at {right}, not {expected}: {text}"
                );
                hung += usize::from(share > 0.0 && !at_limit);
            }
        }
        assert!(hung >= 3, "some lines end in hanging punctuation");
    }

    #[test]
    fn ragged_and_centred_lines_do_not_protrude() {
        for align in [Align::Left, Align::Center, Align::Right] {
            for (_, right, text) in lines_of(&set_lines(TEXT, 230.0, align)) {
                assert!(right <= 230.01, "{align:?}: {right} {text}");
            }
        }
    }

    #[test]
    fn centred_lines_sit_in_the_middle_of_the_measure() {
        for measure in [150.0, 230.0, 345.0] {
            for (left, right, text) in lines_of(&set_lines(TEXT, measure, Align::Center)) {
                let off = (left + right) / 2.0 - measure / 2.0;
                assert!(off.abs() < 0.05, "{measure}: {off} off centre: {text}");
            }
        }
    }

    #[test]
    fn no_paragraph_ends_on_a_word_fragment() {
        // At each of these measures the breaker, left alone, ends some
        // paragraph's next-to-last line with a hyphen.
        let text = "Interviewers want practical habits, not just talk. Explain how you agree \
                    on contracts early and keep both sides unblocked, and how the dashboards \
                    services and pipelines stay understandable.";
        for measure in (0..60).map(|k| 120.0 + 4.0 * k as f32) {
            let lines = lines_of(&set_lines(text, measure, Align::Justify));
            if lines.len() > 1 {
                let before_last = &lines[lines.len() - 2].2;
                assert!(!before_last.ends_with('-'), "{measure}: {lines:#?}");
            }
        }
    }

    #[test]
    fn a_word_with_its_own_hyphen_breaks_only_at_it() {
        let text = "We merged a 300-commit branch after a long-term review, then another \
                    300-commit branch and a third 300-commit branch of the same kind again.";
        let mut at_hyphen = 0;
        for measure in (0..80).map(|k| 90.0 + 3.0 * k as f32) {
            for (_, _, line) in lines_of(&set_lines(text, measure, Align::Justify)) {
                let last = line.trim_end().rsplit(' ').next().unwrap_or("");
                let Some(piece) = last.strip_suffix('-') else {
                    continue;
                };
                // A line that ends inside "300-commit" or "long-term" ends
                // at its hyphen, never at a cut the patterns found.
                for (head, tail) in [("300", "commit"), ("long", "term")] {
                    let inside = head.starts_with(piece)
                        || tail.starts_with(piece)
                        || piece.strip_prefix(head).is_some_and(|p| p.starts_with('-'));
                    if inside {
                        assert_eq!(piece, head, "{measure}: {line}");
                        at_hyphen += 1;
                    }
                }
            }
        }
        assert!(at_hyphen > 0, "some line breaks at an existing hyphen");
    }

    #[test]
    fn hyphenated_lines_never_follow_each_other() {
        for measure in (0..40).map(|k| 110.0 + 6.0 * k as f32) {
            let lines = lines_of(&set_lines(TEXT, measure, Align::Justify));
            for pair in lines.windows(2) {
                assert!(
                    !(pair[0].2.ends_with('-') && pair[1].2.ends_with('-')),
                    "{measure}: {pair:#?}"
                );
            }
        }
    }

    #[test]
    fn a_short_last_word_or_number_is_not_left_alone() {
        for text in [
            "The list of the most common mistakes in interviews is short: the top 10.",
            "When the record is missing the service answers the request with a 404.",
        ] {
            for measure in (0..60).map(|k| 80.0 + 5.0 * k as f32) {
                for align in [Align::Justify, Align::Left] {
                    let lines = lines_of(&set_lines(text, measure, align));
                    if lines.len() > 1 {
                        let last = lines[lines.len() - 1].2.trim().to_string();
                        assert!(last.contains(' '), "{measure} {align:?}: {lines:#?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_word_cut_by_a_line_break_copies_whole() {
        let text = "Interviewers want practical habits, not just talk. Explain how you \
                    agree on contracts early, measurement first, and a long-term plan.";
        let mut cut = 0;
        for measure in (0..50).map(|k| 100.0 + 4.0 * k as f32) {
            let lines = set_lines(text, measure, Align::Justify);
            // What copy and paste reads: glyph text outside copy-text
            // stretches, the stretch's text inside.
            let mut copied = String::new();
            let mut replaced = false;
            for line in &lines {
                for d in &line.items {
                    match d {
                        Draw::BeginCopyText { text } => {
                            copied.push_str(text);
                            replaced = true;
                        }
                        Draw::EndCopyText => replaced = false,
                        Draw::Text { glyphs, .. } if !replaced => {
                            copied.extend(glyphs.iter().map(|g| &*g.text));
                        }
                        _ => {}
                    }
                }
                copied.push(' ');
                cut += usize::from(lines_of(std::slice::from_ref(line))[0].2.ends_with('-'));
            }
            let words: Vec<&str> = copied.split_whitespace().collect();
            assert_eq!(
                words.join(" "),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
        assert!(cut > 5, "some measures cut words");
    }

    #[test]
    fn every_letter_survives_in_order_and_long_words_hyphenate() {
        for align in [Align::Justify, Align::Left] {
            let lines = set(150.0, align);
            let joined: String = lines.iter().map(|l| l.2.as_str()).collect();
            assert_eq!(letters(&joined), letters(TEXT), "{align:?}");
            let hyphenated = lines.iter().filter(|l| l.2.ends_with('-')).count();
            // Ragged-right text, like LaTeX's \raggedright, rarely needs to hyphenate.
            assert!(
                align != Align::Justify || hyphenated > 0,
                "some line ends in a hyphen at a narrow measure ({align:?}): {lines:#?}"
            );
        }
    }

    #[test]
    fn ragged_lines_never_exceed_the_measure_and_keep_natural_spaces() {
        let lines = set(200.0, Align::Left);
        for (_, right, text) in &lines {
            assert!(*right <= 200.01, "{right} {text}");
        }
        let ragged = lines.iter().filter(|l| l.1 < 195.0).count();
        assert!(ragged > 1, "ragged-right lines end short of the measure");
    }

    #[test]
    fn an_unbreakable_run_is_broken_at_character_level() {
        let fonts = Fonts::builtin().unwrap();
        let mut setter = Setter::new(Shaper::new(&fonts));
        let url = "https://example.org/".to_string() + &"averyveryverylongpathsegment".repeat(8);
        let lines = setter.paragraph(&[Inline::Code(url.clone())], &style(Align::Justify), 200.0);
        let lines = lines_of(&lines);
        assert!(lines.len() > 3);
        for (_, right, _) in &lines {
            assert!(*right <= 200.01, "{right}");
        }
        let joined: String = lines.iter().map(|l| l.2.as_str()).collect();
        assert_eq!(joined.replace(' ', ""), url);
    }
}
