//! Synthetic banks for benchmarks: `studyguide bench-bank`.
//!
//! Deterministic for a seed (ChaCha20, as the shuffle uses), with the
//! shape of a real bank: one-line questions, guidance of about 60 words and
//! answers of about 150, some with lists and inline code, spread over five
//! sections and the shipped tag vocabulary.

use rand_core::{RngCore, SeedableRng};

const WORDS: &[&str] = &[
    "service",
    "latency",
    "database",
    "index",
    "query",
    "cache",
    "request",
    "team",
    "deploy",
    "rollback",
    "schema",
    "migration",
    "queue",
    "worker",
    "retry",
    "timeout",
    "budget",
    "incident",
    "review",
    "contract",
    "endpoint",
    "payload",
    "throughput",
    "replica",
    "partition",
    "consistency",
    "transaction",
    "lock",
    "monitoring",
    "alert",
    "trace",
    "metric",
    "customer",
    "feature",
    "design",
    "trade-off",
    "estimate",
    "ownership",
    "mentoring",
    "backlog",
    "priority",
    "security",
    "token",
    "secret",
    "audit",
    "compliance",
    "cost",
    "capacity",
    "the",
    "a",
    "and",
    "of",
    "to",
    "we",
    "I",
    "with",
    "for",
    "in",
    "on",
    "that",
    "because",
    "then",
    "so",
    "when",
    "every",
    "before",
    "after",
    "without",
    "under",
    "across",
    "measured",
    "shipped",
    "reduced",
    "improved",
    "rewrote",
    "split",
    "added",
    "removed",
    "tested",
    "documented",
    "automated",
    "debugged",
    "profiled",
    "scaled",
    "migrated",
];
const SECTIONS: &[&str] = &[
    "Working with people",
    "Skills and background",
    "Architecture and systems",
    "Process and quality",
    "Career and growth",
];
const TAGS: &[&str] = &[
    "behavioral",
    "teamwork",
    "communication",
    "databases",
    "scalability",
    "security",
    "cloud",
    "tooling",
    "languages",
    "architecture",
    "debugging",
    "process",
    "design",
    "career",
];
const DIFFICULTIES: &[&str] = &["easy", "medium", "hard"];

/// The generator: ChaCha20, drawn as bounded integers.
struct Draw(rand_chacha::ChaCha20Rng);

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }

    /// A sentence of `words` words, some of them `code`.
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for w in 0..words {
            if w > 0 {
                s.push(' ');
            }
            let word = WORDS[self.below(WORDS.len())];
            if w == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(chars.as_str());
                }
            } else if self.below(17) == 0 {
                s.push('`');
                s.push_str(word);
                s.push('`');
            } else {
                s.push_str(word);
            }
        }
        s.push('.');
        s
    }

    /// A sentence of `base` to `base + spread - 1` words.
    fn sentence_of(&mut self, base: usize, spread: usize) -> String {
        let n = base + self.below(spread);
        self.sentence(n)
    }
}

/// A bank of `questions` synthetic questions for `seed`, as TOML.
pub fn bank(questions: usize, seed: u64) -> String {
    let mut d = Draw(rand_chacha::ChaCha20Rng::seed_from_u64(seed));
    let mut out = format!(
        "# Synthetic bank: {questions} questions, seed {seed}. Made by `studyguide bench-bank`.\n"
    );
    for q in 0..questions {
        let question = d.sentence_of(8, 6).trim_end_matches('.').to_string() + "?";
        let why: Vec<String> = (0..5).map(|_| d.sentence_of(10, 5)).collect();
        let mut answer: Vec<String> = (0..6).map(|_| d.sentence_of(16, 12)).collect::<Vec<_>>();
        let mut answer_text = answer.join(" ");
        if d.below(2) == 0 {
            let items: Vec<String> = (0..3)
                .map(|_| format!("- {}", d.sentence_of(8, 6)))
                .collect();
            answer_text = format!("{answer_text}\n\n{}", items.join("\n"));
        }
        answer.clear();
        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..1 + d.below(3) {
            let t = TAGS[d.below(TAGS.len())];
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
        let section = SECTIONS[d.below(SECTIONS.len())];
        let difficulty = DIFFICULTIES[d.below(DIFFICULTIES.len())];
        let listen = d.sentence(5);
        out.push_str(&format!(
            "\n[[question]]\nid = \"q{q:05}\"\nsection = \"{section}\"\ndifficulty = \"{difficulty}\"\ntags = [{}]\nquestion = \"{question}\"\nwhy = \"\"\"\n{}\n\"\"\"\nanswer = \"\"\"\n{answer_text}\n\"\"\"\nlisten_for = [\"{}\"]\n",
            tags.join(", "),
            why.join(" "),
            listen.trim_end_matches('.'),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banks_are_deterministic_realistic_and_valid() {
        let a = bank(20, 7);
        assert_eq!(a, bank(20, 7));
        assert_ne!(a, bank(20, 8));
        let src = crate::diag::Source::new("synth.toml", a.as_str());
        let qs = crate::bank::parse(&src).unwrap();
        assert_eq!(qs.len(), 20);
        let avg = |f: fn(&crate::bank::Question) -> &str| {
            qs.iter()
                .map(|q| f(q).split_whitespace().count())
                .sum::<usize>()
                / qs.len()
        };
        let (why, answer) = (avg(|q| &q.why), avg(|q| &q.answer));
        assert!(
            (45..=80).contains(&why),
            "guidance of about 60 words: {why}"
        );
        assert!(
            (110..=190).contains(&answer),
            "answers of about 150 words: {answer}"
        );
    }
}
