//! Finding many long phrases in a large text in one pass.
//!
//! Every phrase is keyed by a hash of its first [`WINDOW`] bytes. The text
//! is read once with a rolling hash of the same window; where a window's
//! hash is a key, the phrases under it are compared byte for byte. The
//! table costs a few bytes per phrase and one probe per byte of text, so
//! thousands of answers are checked against megabytes of pages in a few
//! milliseconds, where an automaton over all the phrases' letters cost
//! hundreds.

/// The bytes each phrase is keyed by; every long phrase has at least this
/// many (`LONG` letters are at least as many bytes).
pub(super) const WINDOW: usize = 24;

/// The multiplier of the rolling hash (odd, so no byte is lost).
const BASE: u64 = 0x0100_0000_01b3;

/// The bits of a mixed key that index [`Matcher::filter`]: 128 KB, under
/// a tenth full at 50,000 phrases.
const FILTER_BITS: u32 = 20;

/// Slot marker for "no phrase".
const NONE: u32 = u32::MAX;

/// Long phrases, ready to be looked for.
pub(super) struct Matcher<'a> {
    needles: &'a [String],
    /// Each needle's key (the hash of its first window).
    keys: Vec<u64>,
    /// The first needle of each slot's chain.
    slots: Vec<u32>,
    /// The next needle in the same slot.
    next: Vec<u32>,
    /// One bit per [`FILTER_BITS`]-bit prefix of a mixed key, set for the
    /// needles' keys: small enough to stay in cache, so nearly every
    /// window of text is dismissed without touching the slots.
    filter: Vec<u64>,
    /// How far to shift a mixed key to get its slot.
    shift: u32,
    /// `BASE` to the power `WINDOW - 1`, to take a byte out of the hash.
    top: u64,
}

impl<'a> Matcher<'a> {
    /// A matcher for `needles`, each at least [`WINDOW`] bytes long (shorter
    /// ones are never found).
    pub(super) fn new(needles: &'a [String]) -> Matcher<'a> {
        let bits = (needles.len().max(1) * 2)
            .next_power_of_two()
            .trailing_zeros();
        let mut slots = vec![NONE; 1 << bits];
        let mut next = vec![NONE; needles.len()];
        let mut keys = vec![0; needles.len()];
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        let shift = 64 - bits;
        for (i, needle) in needles.iter().enumerate() {
            let Some(head) = needle.as_bytes().get(..WINDOW) else {
                continue;
            };
            let key = hash(head);
            keys[i] = key;
            let bit = slot(key, 64 - FILTER_BITS);
            filter[bit >> 6] |= 1 << (bit & 63);
            let slot = slot(key, shift);
            next[i] = slots[slot];
            slots[slot] = i as u32;
        }
        let top = (1..WINDOW).fold(1u64, |p, _| p.wrapping_mul(BASE));
        Matcher {
            needles,
            keys,
            slots,
            next,
            filter,
            shift,
            top,
        }
    }

    /// Marks in `seen` every needle that occurs in `text`.
    pub(super) fn find(&self, text: &str, seen: &mut [bool]) {
        let bytes = text.as_bytes();
        if bytes.len() < WINDOW {
            return;
        }
        let mut key = hash(&bytes[..WINDOW]);
        for start in 0..=bytes.len() - WINDOW {
            if start > 0 {
                let (out, new) = (bytes[start - 1], bytes[start + WINDOW - 1]);
                key = key
                    .wrapping_sub(u64::from(out).wrapping_mul(self.top))
                    .wrapping_mul(BASE)
                    .wrapping_add(u64::from(new));
            }
            let bit = slot(key, 64 - FILTER_BITS);
            if self.filter[bit >> 6] & 1 << (bit & 63) == 0 {
                continue;
            }
            let mut i = self.slots[slot(key, self.shift)];
            while i != NONE {
                let n = i as usize;
                if self.keys[n] == key && bytes[start..].starts_with(self.needles[n].as_bytes()) {
                    seen[n] = true;
                }
                i = self.next[n];
            }
        }
    }
}

fn hash(window: &[u8]) -> u64 {
    window.iter().fold(0u64, |h, &b| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(b))
    })
}

/// The slot of `key`: its high bits after a multiplicative mix, since the
/// polynomial hash's low bits depend only on the window's last bytes.
fn slot(key: u64, shift: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(needles: &[&str], text: &str) -> Vec<bool> {
        let needles: Vec<String> = needles.iter().map(|s| s.to_string()).collect();
        let mut seen = vec![false; needles.len()];
        Matcher::new(&needles).find(text, &mut seen);
        seen
    }

    #[test]
    fn finds_phrases_anywhere_and_overlapping() {
        let a = "abcdefghijklmnopqrstuvwxyz0123";
        let b = "mnopqrstuvwxyz0123456789abc";
        let c = "abcdefghijklmnopqrstuvwxyzq";
        let text = format!("xx{a}456789abcyy");
        assert_eq!(found(&[a, b, c], &text), [true, true, false]);
        // At the very start and the very end.
        assert_eq!(found(&[a], a), [true]);
        assert_eq!(found(&[b], &format!("zz{b}")), [true]);
        // One byte short of the end.
        assert_eq!(found(&[a], &a[..a.len() - 1]), [false]);
    }

    #[test]
    fn phrases_sharing_a_first_window_are_told_apart() {
        let shared = "abcdefghijklmnopqrstuvwx";
        let one = format!("{shared}one");
        let two = format!("{shared}two");
        let text = format!("..{two}..");
        assert_eq!(found(&[&one, &two], &text), [false, true]);
    }

    #[test]
    fn many_phrases_and_a_long_text() {
        let needles: Vec<String> = (0..5000)
            .map(|n| format!("phrase number {n:05} of the answers"))
            .collect();
        let text: String = (0..5000)
            .filter(|n| n % 7 == 0)
            .map(|n| format!("some words phrase number {n:05} of the answers more "))
            .collect();
        let mut seen = vec![false; needles.len()];
        Matcher::new(&needles).find(&text, &mut seen);
        for (n, s) in seen.iter().enumerate() {
            assert_eq!(*s, n % 7 == 0, "{n}");
        }
    }
}
