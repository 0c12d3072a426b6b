//! Fixtures and checks shared by the import tests.

use super::ids::MAX_ID_LEN;
use super::Imported;
use std::collections::HashSet;

pub(super) const DATA_ANALYST: &str =
    include_str!("../../tests/fixtures/import/article-data-analyst.txt");
pub(super) const NURSING: &str = include_str!("../../tests/fixtures/import/article-nursing.txt");
pub(super) const MARKDOWN: &str = include_str!("../../tests/fixtures/import/questions.md");

pub(super) fn questions(imported: &Imported) -> Vec<&str> {
    imported
        .questions
        .iter()
        .map(|q| q.question.as_str())
        .collect()
}

/// `to_toml` parses, has the bank's keys in order, and gives back every
/// string exactly.
pub(super) fn assert_round_trip(imported: &Imported) {
    let text = imported.to_toml("input.txt");
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
        assert_eq!(get("why"), Some(q.why.as_str()));
        assert_eq!(get("answer"), Some(q.answer.as_str()));
        assert_eq!(get("difficulty"), Some("medium"));
        let tags = table.get("tags").and_then(toml::Value::as_array);
        assert_eq!(tags.map(Vec::len), Some(1));
    }
    if let Some(first) = text.find("[[question]]") {
        let keys = [
            "\nid = ",
            "\nsection = ",
            "\ndifficulty = ",
            "\ntags = ",
            "\nquestion = ",
            "\nwhy = ",
            "\nanswer = ",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| text[first..].find(k).map_or(usize::MAX, |i| i + first))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "key order: {text}");
    }
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
