//! `[[section]]` tables: which questions a section selects, and in what order.

use crate::bank::Difficulty;
use crate::diag::{Diagnostic, Source, Span};
use serde::Deserialize;
use toml::Spanned;

/// How a section's `tags` filter combines several tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// A question qualifies if it has any of the tags.
    #[default]
    Any,
    /// A question qualifies only if it has all of the tags.
    All,
}

/// The order of a section's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// As listed in `ids`, then the rest in bank order.
    Listed,
    /// As they appear in the banks.
    Bank,
    /// By question text, case-insensitively.
    Alphabetical,
    /// Easy first, then bank order.
    Difficulty,
    /// A seeded shuffle, the same on every platform and in every version
    /// (see `select::shuffle`).
    Shuffle,
}

/// A validated section.
#[derive(Debug, Clone)]
pub struct Section {
    /// Heading of the section.
    pub title: String,
    /// Where the title was written.
    pub span: Span,
    /// Optional Markdown paragraph under the heading.
    pub intro: Option<String>,
    /// Question ids picked by hand, with their locations for error messages.
    pub ids: Vec<(String, Span)>,
    /// Tags to select by.
    pub tags: Vec<String>,
    /// Whether any or all `tags` must match.
    pub match_tags: Match,
    /// Bank section to select by.
    pub bank_section: Option<String>,
    /// Difficulties to keep; empty keeps all.
    pub difficulty: Vec<Difficulty>,
    /// Ids never to include.
    pub exclude: Vec<(String, Span)>,
    /// At most this many questions.
    pub limit: Option<usize>,
    /// Order of the selected questions.
    pub order: Order,
    /// Seed for `order = "shuffle"`.
    pub seed: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    title: Spanned<String>,
    intro: Option<String>,
    #[serde(default)]
    ids: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default, rename = "match")]
    match_tags: Match,
    bank_section: Option<String>,
    #[serde(default)]
    difficulty: Vec<Difficulty>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    limit: Option<Spanned<i64>>,
    order: Option<Order>,
    seed: Option<Spanned<i64>>,
}

/// Largest `limit` accepted; far above any real bank, low enough to catch typos.
const MAX_LIMIT: i64 = 100_000;

pub(super) fn validate(
    raw: RawSection,
    src: &Source,
    errors: &mut Vec<Diagnostic>,
) -> Option<Section> {
    let span = src.span(raw.title.span());
    let title = raw.title.get_ref().trim().to_string();
    let mut ok = true;
    if title.is_empty() || title.contains('\n') {
        errors.push(
            Diagnostic::error("a section `title` must be one non-empty line").at(span.clone()),
        );
        ok = false;
    }
    let limit = match raw.limit {
        Some(l) if !(1..=MAX_LIMIT).contains(l.get_ref()) => {
            errors.push(
                Diagnostic::error(format!("`limit = {}` is out of range", l.get_ref()))
                    .at(src.span(l.span()))
                    .hint(format!(
                        "use a number from 1 to {MAX_LIMIT}, or remove `limit`"
                    )),
            );
            ok = false;
            None
        }
        Some(l) => Some(*l.get_ref() as usize),
        None => None,
    };
    let spanned = |v: Vec<Spanned<String>>| -> Vec<(String, Span)> {
        v.into_iter()
            .map(|s| (s.get_ref().trim().to_string(), src.span(s.span())))
            .collect()
    };
    let ids = spanned(raw.ids);
    let seed_given = raw.seed.is_some();
    let order = raw.order.unwrap_or(if ids.is_empty() {
        Order::Bank
    } else {
        Order::Listed
    });
    let seed = match &raw.seed {
        Some(s) if *s.get_ref() < 0 => {
            errors.push(
                Diagnostic::error(format!("`seed = {}` is negative", s.get_ref()))
                    .at(src.span(s.span()))
                    .hint("use a whole number from 0 up, e.g. `seed = 42`"),
            );
            ok = false;
            None
        }
        Some(s) => Some(*s.get_ref() as u64),
        None => None,
    };
    if order == Order::Shuffle && !seed_given {
        errors.push(
            Diagnostic::error(format!(
                "section \"{title}\" has `order = \"shuffle\"` but no `seed`"
            ))
            .at(span.clone())
            .hint("add `seed = 42` (any number): the same seed always gives the same order"),
        );
        ok = false;
    }
    ok.then(|| Section {
        title,
        span,
        intro: raw.intro.filter(|s| !s.trim().is_empty()),
        ids,
        tags: raw.tags.iter().map(|t| t.trim().to_lowercase()).collect(),
        match_tags: raw.match_tags,
        bank_section: raw.bank_section,
        difficulty: raw.difficulty,
        exclude: spanned(raw.exclude),
        limit,
        order,
        seed,
    })
}
