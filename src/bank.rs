//! Bank files → [`Question`]s.
//!
//! A bank is a TOML file of `[[question]]` tables. Ids must be unique across
//! every loaded bank, because configs, lockfiles and reports name questions by
//! id alone.

use crate::diag::{Diagnostic, Result, Source, Span};
use crate::source::{read_source, toml_error, Confine};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use toml::Spanned;

/// Most questions accepted across all banks; bounds memory on untrusted packs.
pub const MAX_QUESTIONS: usize = 50_000;

/// How hard a question is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// Warm-up questions.
    Easy,
    /// The bulk of an interview.
    Medium,
    /// Questions that separate senior candidates.
    Hard,
}

impl Difficulty {
    /// The lowercase name, as written in banks.
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

/// One interview question with its guidance and example answer.
#[derive(Debug, Clone)]
pub struct Question {
    /// Stable slug, unique across all banks.
    pub id: String,
    /// The question, one line of plain text.
    pub question: String,
    /// What the question shows with it, in every output: code to read,
    /// options to choose from (Markdown; empty for most questions).
    pub body: String,
    /// Why it is asked and how to approach it (Markdown).
    pub why: String,
    /// An example answer (Markdown).
    pub answer: String,
    /// The bank's grouping of the question.
    pub section: String,
    /// Lowercase tags.
    pub tags: Vec<String>,
    /// How hard it is.
    pub difficulty: Difficulty,
    /// What a strong answer covers, for interviewers.
    pub listen_for: Vec<String>,
    /// Where the id was written.
    pub span: Span,
}

/// A bank file as written: `studyguide import` serializes this same type,
/// so what it writes is what loading reads.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBank {
    #[serde(default)]
    pub(crate) question: Vec<RawQuestion>,
}

/// One `[[question]]` table, before validation. Spans are only meaningful
/// when read from a file; they are not written.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    pub(crate) id: Spanned<String>,
    pub(crate) question: Spanned<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) body: String,
    #[serde(default)]
    pub(crate) why: String,
    /// Empty or absent: the question has no example answer yet (a warning).
    #[serde(default)]
    pub(crate) answer: String,
    pub(crate) section: String,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    pub(crate) difficulty: Difficulty,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) listen_for: Vec<String>,
}

/// Loads every bank, in order, after the questions written inline in the
/// config (`inline`), and checks ids are unique across all of them.
pub fn load(
    banks: &[(PathBuf, Span)],
    inline: &Source,
    confine: &Confine,
) -> Result<Vec<Question>> {
    let mut questions = Vec::new();
    let mut errors = Vec::new();
    match parse_inline(inline) {
        Ok(qs) => questions.extend(qs),
        Err(f) => errors.extend(f.diagnostics),
    }
    let mut read: Vec<(PathBuf, &Span)> = Vec::new();
    for (path, named_at) in banks {
        // Limits are checked as banks load, so a pack that lists one large
        // bank many times fails at the second mention, not after all of them.
        let real = path.canonicalize().unwrap_or_else(|_| path.clone());
        if let Some((_, first)) = read.iter().find(|(p, _)| *p == real) {
            return Err(
                Diagnostic::error(format!("bank `{}` is listed twice", path.display()))
                    .at(named_at.clone())
                    .hint(format!(
                        "it is first listed at line {}; list each bank once",
                        first.line
                    ))
                    .into(),
            );
        }
        read.push((real, named_at));
        confine.check(path, "bank", Some(named_at))?;
        let parsed = read_source(path, "bank", Some(named_at)).and_then(|src| parse(&src));
        match parsed {
            Ok(qs) => questions.extend(qs),
            Err(f) => errors.extend(f.diagnostics),
        }
        if questions.len() > MAX_QUESTIONS {
            return Err(Diagnostic::error(format!(
                "the banks hold more than the limit of {MAX_QUESTIONS} questions"
            ))
            .at(named_at.clone())
            .hint("split the guide into several configs")
            .into());
        }
    }
    let mut seen: HashMap<&str, &Question> = HashMap::new();
    for q in &questions {
        if let Some(first) = seen.insert(&q.id, q) {
            errors.push(
                Diagnostic::error(format!("duplicate question id `{}`", q.id))
                    .at(q.span.clone())
                    .hint(format!(
                        "it is first defined at {}:{}:{}; ids must be unique across all banks",
                        first.span.path.display(),
                        first.span.line,
                        first.span.col
                    )),
            );
        }
    }
    if errors.is_empty() {
        Ok(questions)
    } else {
        Err(errors.into())
    }
}

/// Questions written inline in a config (a pack). Other keys of the config
/// are not the bank's business, so this reads only `[[question]]`.
pub fn parse_inline(src: &Source) -> Result<Vec<Question>> {
    #[derive(Deserialize)]
    struct Inline {
        #[serde(default)]
        question: Vec<RawQuestion>,
    }
    let raw: Inline = toml::from_str(&src.text).map_err(|e| toml_error(src, &e, "config"))?;
    validate(raw.question, src)
}

/// Parses one bank file.
pub fn parse(src: &Source) -> Result<Vec<Question>> {
    let raw: RawBank = toml::from_str(&src.text).map_err(|e| toml_error(src, &e, "bank"))?;
    validate(raw.question, src)
}

fn validate(raw: Vec<RawQuestion>, src: &Source) -> Result<Vec<Question>> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(raw.len());
    for q in raw {
        let span = src.span(q.id.span());
        let id = q.id.get_ref().clone();
        if !is_slug(&id) {
            errors.push(
                Diagnostic::error(format!("question id `{id}` is not a slug"))
                    .at(span.clone())
                    .hint(
                        "use lowercase letters, digits and `-`, e.g. `id = \"team-collaboration\"`",
                    ),
            );
        }
        let text = q.question.get_ref().trim();
        if text.is_empty() || text.contains('\n') {
            errors.push(
                Diagnostic::error(format!("question `{id}` must be one non-empty line"))
                    .at(src.span(q.question.span()))
                    .hint("put code or options the question shows into `body`, and context into `why`"),
            );
        }
        out.push(Question {
            id,
            question: text.to_string(),
            body: q.body.trim().to_string(),
            why: q.why.trim().to_string(),
            answer: q.answer.trim().to_string(),
            section: q.section.trim().to_string(),
            tags: q.tags.iter().map(|t| t.trim().to_lowercase()).collect(),
            difficulty: q.difficulty,
            listen_for: q.listen_for.iter().map(|s| s.trim().to_string()).collect(),
            span,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.into())
    }
}

fn is_slug(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
