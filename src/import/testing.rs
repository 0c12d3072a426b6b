//! Fixtures and checks shared by the import tests.

use super::ids::MAX_ID_LEN;
use super::{import, Format, Imported};
use crate::bank;
use crate::diag::Source;
use std::collections::HashSet;

pub(super) const DATA_ANALYST: &str =
    include_str!("../../tests/fixtures/import/article-data-analyst.txt");
pub(super) const NURSING: &str = include_str!("../../tests/fixtures/import/article-nursing.txt");
pub(super) const MARKDOWN: &str = include_str!("../../tests/fixtures/import/questions.md");

/// Imports a fixture, checking first that detection picks `format` for it
/// and then that it yields exactly the `expected` questions, in order.
pub(super) fn assert_imports(text: &str, format: Format, expected: &[&str]) -> Imported {
    assert_eq!(Format::Auto.resolve(text), format);
    let imported = import(text, format);
    assert_eq!(questions(&imported), expected);
    imported
}

pub(super) fn questions(imported: &Imported) -> Vec<&str> {
    imported
        .questions
        .iter()
        .map(|q| q.question.as_str())
        .collect()
}

/// `to_toml` parses, has the bank's keys in order, and gives back every
/// string exactly; and `bank::parse` loads it into the same questions
/// whenever every question is one the bank accepts.
pub(super) fn assert_round_trip(imported: &Imported) {
    let text = imported
        .to_toml("input.txt")
        .unwrap_or_else(|e| panic!("{e}"));
    let value: toml::Value = match toml::from_str(&text) {
        Ok(v) => v,
        Err(e) => panic!("to_toml output does not parse: {e}\n{text}"),
    };
    let tables = match value.get("question") {
        Some(toml::Value::Array(a)) => a.clone(),
        None => Vec::new(),
        Some(other) => panic!("`question` is not an array: {other:?}"),
    };
    assert_eq!(tables.len(), imported.questions.len(), "{text}");
    for (table, q) in tables.iter().zip(&imported.questions) {
        let get = |key: &str| table.get(key).and_then(toml::Value::as_str);
        assert_eq!(get("id"), Some(q.id.as_str()));
        assert_eq!(get("section"), Some(q.section.as_str()));
        assert_eq!(get("question"), Some(q.question.as_str()));
        let body = (!q.body.is_empty()).then_some(q.body.as_str());
        assert_eq!(get("body"), body);
        assert_eq!(get("why"), Some(q.why.as_str()));
        assert_eq!(get("answer"), Some(q.answer.as_str()));
        assert_eq!(get("difficulty"), Some(q.difficulty.as_str()));
        let tags: Option<Vec<&str>> = table
            .get("tags")
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(toml::Value::as_str).collect());
        assert_eq!(tags, Some(expected_tags(q)));
    }
    if let Some(first) = text.find("[[question]]") {
        let keys = [
            "\nid = ",
            "\nquestion = ",
            "\nwhy = ",
            "\nanswer = ",
            "\nsection = ",
            "\ntags = ",
            "\ndifficulty = ",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| text[first..].find(k).map_or(usize::MAX, |i| i + first))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "key order: {text}");
    }
    assert_loads(imported, &text);
}

/// `bank::parse` on `text` gives `imported`'s questions, as the bank
/// normalises them (trimmed), or fails if some question is not one line.
/// A question without an answer loads (the build warns about it).
fn assert_loads(imported: &Imported, text: &str) {
    let loadable = imported.questions.iter().all(|q| {
        let question = q.question.trim();
        !question.is_empty() && !question.contains('\n')
    });
    let parsed = bank::parse(&Source::new("input.toml", text));
    let parsed = match parsed {
        Ok(parsed) if loadable => parsed,
        Err(_) if !loadable => return,
        Ok(_) => panic!("a bank with an invalid question loads:\n{text}"),
        Err(f) => panic!("the written bank does not load: {f:?}\n{text}"),
    };
    assert_eq!(parsed.len(), imported.questions.len());
    for (p, q) in parsed.iter().zip(&imported.questions) {
        assert_eq!(p.id, q.id);
        assert_eq!(p.question, q.question.trim());
        assert_eq!(p.body, q.body.trim());
        assert_eq!(p.why, q.why.trim());
        assert_eq!(p.answer, q.answer.trim());
        assert_eq!(p.section, q.section.trim());
        assert_eq!(p.tags, expected_tags(q));
        assert_eq!(p.difficulty, q.difficulty);
        assert!(p.listen_for.is_empty());
    }
}

/// The tags a written question has: `imported`, then its own.
fn expected_tags(q: &super::ImportedQuestion) -> Vec<&str> {
    std::iter::once("imported")
        .chain(
            q.tags
                .iter()
                .map(String::as_str)
                .filter(|t| *t != "imported"),
        )
        .collect()
}

pub(super) fn assert_ids_are_bank_slugs(imported: &Imported) {
    let mut seen = HashSet::new();
    for q in &imported.questions {
        let id = &q.id;
        assert!(
            (1..=MAX_ID_LEN + 6).contains(&id.len())
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--")
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "bad id {id:?}"
        );
        assert!(seen.insert(id.clone()), "duplicate id {id}");
        assert!(!q.question.contains('\n'));
    }
}

/// A tiny deterministic generator, so the garbage tests need no crate.
pub(super) struct Lcg(pub(super) u64);

impl Lcg {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}
