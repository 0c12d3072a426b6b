//! The check for runs of text without a space too long to print.

/// Where the first run of more than `max` bytes without ASCII white space
/// in `text` starts, if there is one.
///
/// A run that long contains a whole window of `max / 2` bytes aligned to a
/// multiple of that size, and in ordinary text every window has a space
/// within its first few bytes. So only windows without any are looked at
/// closely: a 10 MB document is read a few bytes a window, not byte by
/// byte.
pub(super) fn first_long_word(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let window = (max / 2).max(1);
    let mut checked_to = 0;
    for start in (0..bytes.len()).step_by(window) {
        let end = (start + window).min(bytes.len());
        if start < checked_to || bytes[start..end].iter().any(u8::is_ascii_whitespace) {
            continue;
        }
        // The run through this window, whole.
        let from = bytes[..start]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1);
        let to = bytes[end..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |i| end + i);
        if to - from > max {
            return Some(from);
        }
        checked_to = to;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte definition.
    fn naive(text: &str, max: usize) -> Option<usize> {
        let mut run = 0;
        for (at, b) in text.bytes().enumerate() {
            run = if b.is_ascii_whitespace() { 0 } else { run + 1 };
            if run > max {
                return Some(at + 1 - run);
            }
        }
        None
    }

    #[test]
    fn finds_what_reading_every_byte_finds() {
        // Runs of every length around the limit, at every offset from a
        // window boundary, between ordinary words and other long runs.
        let max = 10;
        let mut cases = Vec::new();
        for lead in 0..12 {
            for len in 8..14 {
                for gap in ["", " ", "\n", " ab\tcd "] {
                    let text = format!(
                        "{}{}{gap}{} x",
                        "w ".repeat(lead / 2) + &"a".repeat(lead % 2),
                        "é".repeat(len / 2) + &"z".repeat(len % 2),
                        "q".repeat(len)
                    );
                    cases.push(text);
                }
            }
        }
        cases.push(String::new());
        cases.push("y".repeat(11));
        cases.push("y".repeat(10));
        for text in &cases {
            assert_eq!(first_long_word(text, max), naive(text, max), "{text:?}");
        }
        assert!(cases.iter().any(|t| naive(t, max).is_some()));
        assert!(cases.iter().any(|t| naive(t, max).is_none()));
    }

    #[test]
    fn random_texts_agree_with_reading_every_byte() {
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for round in 0..4000 {
            let max = [1, 2, 3, 5, 8, 13][round % 6];
            // Mostly letters, so long runs are common; some texts none.
            let spaces = 2 + round % 30;
            let text: String = (0..next() % 80)
                .map(|_| match next() % spaces {
                    0 => ' ',
                    1 => '\n',
                    2 => 'é',
                    _ => 'a',
                })
                .collect();
            assert_eq!(
                first_long_word(&text, max),
                naive(&text, max),
                "{text:?} {max}"
            );
        }
    }
}
