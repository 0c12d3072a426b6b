//! Searching megabytes on all cores. Each text is cut into pieces at
//! places where normalising the pieces one by one and joining them gives
//! the normalisation of the whole text. Every piece is normalised and
//! searched on a core of its own, and so is every seam between two
//! neighbouring pieces, wide enough to hold any phrase that crosses it.
//! So a phrase is found exactly where a search of the whole normalised
//! text would find it.

use rayon::prelude::*;

/// About how many bytes of text a piece holds: at 5,000 questions the
/// Markdown and the typeset text are over 20 MB, a hundred pieces.
pub(super) const PIECE: usize = 256 * 1024;

/// How a text is normalised before it is searched.
pub(super) struct Normal<'f> {
    /// Normalises a piece of text.
    pub(super) piece: &'f (dyn Fn(&str) -> String + Sync),
    /// Whether the whole normalised text starts and ends with a space, so
    /// that its first and last words are bounded too.
    pub(super) spaced: bool,
}

/// Which of `n` phrases occur in any of `texts`, normalised by `normal`.
/// `find` marks, in its `seen`, the phrases it finds in a stretch of
/// normalised text; `longest` is the longest phrase, in bytes.
pub(super) fn search(
    texts: &[&str],
    piece: usize,
    normal: &Normal<'_>,
    (n, longest): (usize, usize),
    find: &(dyn Fn(&str, &mut [bool]) + Sync),
) -> Vec<bool> {
    if n == 0 || longest == 0 {
        return vec![false; n];
    }
    // (text, piece) pairs, in order.
    let pieces: Vec<(usize, &str)> = texts
        .iter()
        .enumerate()
        .flat_map(|(t, text)| cut(text, piece).into_iter().map(move |p| (t, p)))
        .collect();
    let Some(last) = pieces.len().checked_sub(1) else {
        return vec![false; n];
    };
    let normalised: Vec<String> = pieces
        .par_iter()
        .enumerate()
        .map(|(i, &(t, p))| {
            let first = i == 0 || pieces[i - 1].0 != t;
            let end = i == last || pieces[i + 1].0 != t;
            let mut out = String::new();
            if normal.spaced && first {
                out.push(' ');
            }
            out.push_str(&(normal.piece)(p));
            if normal.spaced && end {
                out.push(' ');
            }
            out
        })
        .collect();
    let none = || vec![false; n];
    (0..pieces.len())
        .into_par_iter()
        .fold(none, |mut seen, i| {
            find(&normalised[i], &mut seen);
            let next_same_text = i < last && pieces[i + 1].0 == pieces[i].0;
            if next_same_text {
                let same = |j: usize| pieces[j].0 == pieces[i].0;
                find(&seam(&normalised, i, longest, same), &mut seen);
            }
            seen
        })
        .reduce(none, |a, b| {
            a.iter().zip(&b).map(|(x, y)| *x || *y).collect()
        })
}

/// The text around the end of normalised piece `i`: its last `longest -
/// 1` bytes and up to as many of the pieces after it that `same` says
/// belong to the same text. Any phrase that starts in piece `i` and ends
/// after it lies wholly inside.
fn seam(normalised: &[String], i: usize, longest: usize, same: impl Fn(usize) -> bool) -> String {
    let reach = longest.saturating_sub(1);
    let tail = &normalised[i];
    let mut start = tail.len().saturating_sub(reach);
    while !tail.is_char_boundary(start) {
        start -= 1;
    }
    let mut out = tail[start..].to_string();
    let mut wanted = reach;
    let mut j = i + 1;
    while wanted > 0 && j < normalised.len() && same(j) {
        let next = &normalised[j];
        let mut take = wanted.min(next.len());
        while !next.is_char_boundary(take) {
            take += 1;
        }
        out.push_str(&next[..take]);
        wanted -= take.min(wanted);
        j += 1;
    }
    out
}

/// `text` cut into pieces of about `piece` bytes. A cut falls only before
/// an ASCII letter or digit that follows white space. Normalising the two
/// sides on their own then gives what normalising them together does:
/// bare letters lose nothing, and as words the space ends the first side
/// (or, after a line-end hyphen, is dropped there) while the letter
/// starts the second.
pub(super) fn cut(text: &str, piece: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = piece.max(1);
    while at < bytes.len() {
        let found = (at..bytes.len())
            .find(|&p| bytes[p].is_ascii_alphanumeric() && bytes[p - 1].is_ascii_whitespace());
        let Some(p) = found else {
            break;
        };
        out.push(&text[start..p]);
        start = p;
        at = p + piece.max(1);
    }
    out.push(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_texts_find_nothing() {
        let normal = Normal {
            piece: &|t: &str| t.to_string(),
            spaced: true,
        };
        let find = |_: &str, seen: &mut [bool]| seen.fill(true);
        assert_eq!(search(&[], PIECE, &normal, (2, 5), &find), [false, false]);
    }

    #[test]
    fn cuts_fall_before_a_word_that_follows_white_space() {
        let text = "alpha beta- \n gamma (delta) epsilon";
        let pieces = cut(text, 4);
        assert_eq!(pieces.concat(), text);
        assert_eq!(pieces, ["alpha ", "beta- \n ", "gamma (delta) ", "epsilon"]);
        assert_eq!(cut("nowhere-to-cut", 2), ["nowhere-to-cut"]);
    }

    #[test]
    fn pieces_normalise_and_search_as_the_whole_text_does() {
        use crate::leak::{letters, words};
        // Markup, a line-end hyphen and a Unicode word among plain words.
        let mut text = String::new();
        for n in 0..300 {
            text.push_str(&format!("w{n} **bold{n}** hyph-\n  en{n} caf\u{e9}{n}\n"));
        }
        let spaced = format!(" {} ", words(&text));
        let bare = letters(&text);
        // Phrases inside one line, across lines, across many lines, and
        // one that is nowhere.
        let window = |from: usize, len: usize, of: &str| {
            let mut start = from;
            while !of.is_char_boundary(start) {
                start += 1;
            }
            let mut end = (start + len).min(of.len());
            while !of.is_char_boundary(end) {
                end += 1;
            }
            of[start..end].to_string()
        };
        let short: Vec<String> = [10usize, 2_000, 7_777]
            .iter()
            .map(|&at| {
                let s = window(at, 60, &spaced);
                // Whole words, bounded by spaces, as short phrases are.
                let first = s.find(' ').unwrap();
                let last = s.rfind(' ').unwrap();
                s[first..=last].to_string()
            })
            .chain([" w5 w7 ".to_string()])
            .collect();
        let long: Vec<String> = [0usize, 3_000, bare.len() - 900]
            .iter()
            .map(|&at| window(at, 900, &bare))
            .chain(["nowherenowherenowherenowhere".to_string()])
            .collect();
        let contains = |needles: &[String]| {
            let needles = needles.to_vec();
            move |t: &str, seen: &mut [bool]| {
                for (k, needle) in needles.iter().enumerate() {
                    seen[k] |= t.contains(needle.as_str());
                }
            }
        };
        let longest = |needles: &[String]| needles.iter().map(String::len).max().unwrap();
        let words = Normal {
            piece: &words,
            spaced: true,
        };
        let letters = Normal {
            piece: &letters,
            spaced: false,
        };
        for (kind, normal, needles) in [("short", &words, &short), ("long", &letters, &long)] {
            let find = contains(needles);
            for piece in [1, 7, 100, 4_096, 1 << 20] {
                let seen = search(&[&text], piece, normal, (4, longest(needles)), &find);
                assert_eq!(seen, [true, true, true, false], "{kind}, pieces of {piece}");
            }
        }
    }
}
