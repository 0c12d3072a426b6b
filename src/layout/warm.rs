//! Shaping ahead of layout. Reading the guide, rendering the templates
//! and parsing the Markdown mostly run on one core; meanwhile another
//! shapes the words of the selected questions into the process's shared
//! word cache (see [`super::shape`]), and finds where the text's words may
//! be hyphenated, so that layout finds most words already done.
//!
//! Only the time changes: a word is shaped the same by whichever thread
//! comes first, and a word warmed but never set costs only its cache slot.
//! Warming stops as soon as layout starts, which then has both cores, and
//! it gives way to any other work of the thread pool as it goes.

use super::inline::hyphens;
use super::shape::Shaper;
use crate::font::Fonts;
use crate::frame::FaceId;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};
use unicode_linebreak::linebreaks;

/// Shapes words ahead of layout on a core of its own, then keeps that
/// core awake while the build keeps giving it work. It is started before
/// the guide is read, gets ready (fonts, hyphenation patterns) while that
/// is read, and shapes what it is given until layout starts.
///
/// Waiting is done awake, taking the thread pool's work as it comes: a
/// worker of the pool that had gone to sleep took 1 to 4 ms to wake on a
/// two-core virtual machine, and a short build starts a parallel stage
/// (layout, the pages' streams, the guard beside the PDF's last stage)
/// every few milliseconds. Asleep, the second core missed most of each.
pub struct Warmer {
    /// The thread that builds, which must never wait on itself.
    owner: ThreadId,
    texts: Mutex<Option<Vec<(FaceId, String)>>>,
    given: AtomicBool,
    stop: AtomicBool,
    done: AtomicBool,
}

/// Longest wait for the words: a guide whose banks take longer to read is
/// long enough that its later words mostly repeat, and the core is not
/// held for nothing.
const MAX_WAIT: Duration = Duration::from_millis(50);

/// Longest time the core is kept awake with no work. A short build's
/// parallel stages follow each other within a fraction of this; a long
/// one's stages are long enough that waking takes a small share of each,
/// and spinning through its serial stretches only burned the core (at
/// 5,000 questions, 0.5 s more processor time for the same wall time).
const MAX_IDLE: Duration = Duration::from_millis(1);

/// Words shaped between looks for other work of the thread pool.
const BATCH: usize = 16;

impl Warmer {
    /// A warmer for a build run on the calling thread.
    pub fn new() -> Warmer {
        Warmer {
            owner: std::thread::current().id(),
            texts: Mutex::default(),
            given: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            done: AtomicBool::new(false),
        }
    }

    /// Shapes ahead, then takes the pool's work until [`Warmer::finish`],
    /// or until none has come for [`MAX_IDLE`]. Meant for a job of the
    /// thread pool spawned by the building thread. Run by that thread
    /// itself (a thread of the pool runs the jobs of its own queue while
    /// it waits), it returns at once: the build it would wait for is under
    /// it on the same stack.
    pub fn run(&self) {
        if std::thread::current().id() == self.owner {
            return;
        }
        self.shape_ahead();
        let mut idle_since = Instant::now();
        while !self.done.load(Ordering::Acquire) {
            if take_work() {
                idle_since = Instant::now();
            } else if idle_since.elapsed() > MAX_IDLE {
                return;
            }
        }
    }

    /// Gets ready, waits for [`Warmer::give`], and shapes what it gives
    /// until [`Warmer::stop`].
    fn shape_ahead(&self) {
        if self.stop.load(Ordering::Relaxed) {
            return;
        }
        let Ok(fonts) = Fonts::builtin() else {
            return;
        };
        hyphens::preload();
        let since = Instant::now();
        while !self.given.load(Ordering::Acquire) {
            if self.stop.load(Ordering::Relaxed) || since.elapsed() > MAX_WAIT {
                return;
            }
            take_work();
        }
        let texts = self
            .texts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .unwrap_or_default();
        warm(
            &fonts,
            texts.iter().map(|(f, t)| (*f, t.as_str())),
            &self.stop,
        );
    }

    /// The texts to shape, each in its face, in the order layout sets them.
    pub fn give(&self, texts: Vec<(FaceId, String)>) {
        *self.texts.lock().unwrap_or_else(PoisonError::into_inner) = Some(texts);
        self.given.store(true, Ordering::Release);
    }

    /// Stops warming: layout starts. The core stays awake.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// The build has ended: [`Warmer::run`] returns.
    pub fn finish(&self) {
        self.stop();
        self.done.store(true, Ordering::Release);
    }
}

/// Runs one job of the thread pool if one is waiting, or else lets the
/// system run another thread for a moment. Whether a job ran.
fn take_work() -> bool {
    let ran = rayon::yield_now() == Some(rayon::Yield::Executed);
    if !ran {
        std::thread::yield_now();
    }
    ran
}

/// Characters of Markdown syntax: a segment holding one is set as other
/// text (a link, code, emphasis) and would be warmed for nothing.
const SYNTAX: &[char] = &[
    '*', '`', '_', '[', ']', '(', ')', '<', '>', '|', '#', '\\', '!', '~', '$', '{', '}',
];

/// Longest word warmed; longer ones are rare and layout measures them in
/// pieces of its own.
const MAX_WORD: usize = 40;

/// Shapes the words of `texts`, each in its face, until `stop` is set.
/// Faces that `fonts` does not take from the built-in set are skipped:
/// only built-in faces share their words between shapers.
fn warm<'t>(fonts: &Fonts, texts: impl IntoIterator<Item = (FaceId, &'t str)>, stop: &AtomicBool) {
    let mut shaper = Shaper::new(fonts);
    let mut word = String::new();
    let mut count = 0usize;
    for (face, text) in texts {
        if !fonts.face(face).is_builtin() {
            continue;
        }
        let mut start = 0;
        for (end, _) in linebreaks(text) {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let segment = text[start..end].trim_end();
            start = end;
            if segment.is_empty() || segment.len() > MAX_WORD || segment.contains(SYNTAX) {
                continue;
            }
            typographic(segment, &mut word);
            shaper.prepare(face, &word);
            // Text is hyphenated, headings are not.
            if face == FaceId::Regular {
                if let Some((_, core)) = hyphens::core(&word) {
                    hyphens::points(core);
                }
            }
            count += 1;
            if count.is_multiple_of(BATCH) {
                // Work of the pool (parsing, rendering) goes first.
                rayon::yield_now();
            }
        }
    }
}

/// `segment` as the Markdown reader gives it to layout: straight quotes
/// become curly ones (an apostrophe inside a word, and a double quote
/// opening or closing it), the common cases of smart punctuation.
fn typographic(segment: &str, out: &mut String) {
    out.clear();
    let chars: Vec<char> = segment.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        out.push(match c {
            '\'' if before.is_some_and(char::is_alphanumeric) => '\u{2019}',
            '\'' => '\u{2018}',
            '"' if before.is_none_or(|b| !b.is_alphanumeric() && after.is_some()) => '\u{201C}',
            '"' => '\u{201D}',
            _ => c,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_quotes_turn_as_the_markdown_reader_turns_them() {
        let mut out = String::new();
        for (raw, set) in [
            ("someone's", "someone\u{2019}s"),
            ("\"we", "\u{201C}we"),
            ("lot.\"", "lot.\u{201D}"),
            ("'quoted'", "\u{2018}quoted\u{2019}"),
            ("plain", "plain"),
        ] {
            typographic(raw, &mut out);
            assert_eq!(out, set, "{raw}");
        }
    }

    #[test]
    fn warmed_words_are_the_ones_layout_then_finds_shaped() {
        let fonts = Fonts::builtin().unwrap();
        let stop = AtomicBool::new(false);
        // Words no other test sets: the shared words are the process's.
        let text = "Warmword-ahead saves warmperson's warmtime, **warmnot** this.";
        warm(&fonts, [(FaceId::BoldItalic, text)], &stop);
        let shaper = Shaper::new(&fonts);
        assert!(shaper.is_shared(FaceId::BoldItalic, "Warmword-"));
        assert!(shaper.is_shared(FaceId::BoldItalic, "warmperson\u{2019}s"));
        assert!(shaper.is_shared(FaceId::BoldItalic, "warmtime,"));
        assert!(!shaper.is_shared(FaceId::BoldItalic, "**warmnot**"));
        assert!(!shaper.is_shared(FaceId::Italic, "warmtime,"));
    }

    #[test]
    fn a_warmer_shapes_what_it_is_given_while_it_runs_and_stops_when_told() {
        let fonts = Fonts::builtin().unwrap();
        let shaper = Shaper::new(&fonts);
        let warmer = Warmer::new();
        std::thread::scope(|s| {
            s.spawn(|| warmer.run());
            warmer.give(vec![(FaceId::Italic, "warmgivenword".to_string())]);
            // Shaped before it is told to stop, or after waiting 5 s.
            let since = std::time::Instant::now();
            while !shaper.is_shared(FaceId::Italic, "warmgivenword")
                && since.elapsed().as_secs() < 5
            {
                std::thread::yield_now();
            }
            warmer.finish();
        });
        assert!(shaper.is_shared(FaceId::Italic, "warmgivenword"));
        // Stopped before it is given anything: it shapes nothing, and
        // returns (the scope waits for it) once finished.
        let idle = Warmer::new();
        std::thread::scope(|s| {
            s.spawn(|| idle.run());
            idle.stop();
            idle.give(vec![(FaceId::Italic, "warmstoppedword".to_string())]);
            idle.finish();
        });
        assert!(!shaper.is_shared(FaceId::Italic, "warmstoppedword"));
    }

    #[test]
    fn the_building_thread_never_runs_its_own_warmer() {
        let warmer = Warmer::new();
        warmer.give(vec![(FaceId::Italic, "warmownerword".to_string())]);
        // Neither stopped nor finished: on another thread this would wait.
        warmer.run();
        let fonts = Fonts::builtin().unwrap();
        assert!(!Shaper::new(&fonts).is_shared(FaceId::Italic, "warmownerword"));
    }

    #[test]
    fn a_stopped_warmer_shapes_nothing() {
        let fonts = Fonts::builtin().unwrap();
        let stop = AtomicBool::new(true);
        warm(&fonts, [(FaceId::MonoBold, "neverwarmedword")], &stop);
        let shaper = Shaper::new(&fonts);
        assert!(!shaper.is_shared(FaceId::MonoBold, "neverwarmedword"));
    }
}
