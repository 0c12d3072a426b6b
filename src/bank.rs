//! Bank files → [`Question`]s.
//!
//! A bank is a TOML file of `[[question]]` tables. Ids must be unique across
//! every loaded bank, because configs, lockfiles and reports name questions by
//! id alone.

mod pieces;

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
    validate(raw.question, src, 0)
}

/// Parses one bank file. A large one is parsed in pieces on all cores
/// (see [`pieces`]); if any piece does not parse, the whole file is
/// parsed again in one, for the error and its place.
pub fn parse(src: &Source) -> Result<Vec<Question>> {
    parse_in(src, pieces::cut(&src.text))
}

/// [`parse`], in `pieces` if there are any.
fn parse_in(src: &Source, pieces: Option<Vec<(usize, &str)>>) -> Result<Vec<Question>> {
    if let Some(pieces) = pieces {
        use rayon::prelude::*;
        let parsed: Option<Vec<(usize, RawBank)>> = pieces
            .par_iter()
            .map(|&(offset, text)| Some((offset, toml::from_str::<RawBank>(text).ok()?)))
            .collect();
        if let Some(parsed) = parsed {
            let validated: Vec<Result<Vec<Question>>> = parsed
                .into_par_iter()
                .map(|(offset, raw)| validate(raw.question, src, offset))
                .collect();
            let mut questions = Vec::new();
            let mut errors = Vec::new();
            for piece in validated {
                match piece {
                    Ok(qs) => questions.extend(qs),
                    Err(f) => errors.extend(f.diagnostics),
                }
            }
            return if errors.is_empty() {
                Ok(questions)
            } else {
                Err(errors.into())
            };
        }
    }
    parse_whole(src)
}

/// [`parse`], in one piece.
fn parse_whole(src: &Source) -> Result<Vec<Question>> {
    let raw: RawBank = toml::from_str(&src.text).map_err(|e| toml_error(src, &e, "bank"))?;
    validate(raw.question, src, 0)
}

/// Checks the questions read from `src` and trims their fields; `offset`
/// is where in the file the text they were read from starts.
fn validate(raw: Vec<RawQuestion>, src: &Source, offset: usize) -> Result<Vec<Question>> {
    let span_of =
        |range: std::ops::Range<usize>| src.span(offset + range.start..offset + range.end);
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(raw.len());
    for q in raw {
        let span = span_of(q.id.span());
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
                    .at(span_of(q.question.span()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of every question, and where it was read.
    fn fields(qs: &[Question]) -> Vec<String> {
        qs.iter().map(|q| format!("{q:?}")).collect()
    }

    fn messages(result: Result<Vec<Question>>) -> Vec<String> {
        match result {
            Ok(qs) => panic!("{} questions, no error", qs.len()),
            Err(f) => f.diagnostics.iter().map(|d| format!("{d:?}")).collect(),
        }
    }

    #[test]
    fn a_large_bank_parsed_in_pieces_is_the_bank_parsed_whole() {
        let text = format!("# A large bank.\n\n{}", crate::commands::bench_bank(600, 3));
        assert!(pieces::cut(&text).is_some_and(|p| p.len() > 2), "cut");
        let src = Source::new("big.toml", text.as_str());
        let pieces = parse(&src).expect("parses");
        assert_eq!(pieces.len(), 600);
        assert_eq!(fields(&pieces), fields(&parse_whole(&src).expect("parses")));
    }

    #[test]
    fn errors_in_a_large_bank_are_those_of_the_whole_at_their_places() {
        let good = format!("# A large bank.\n\n{}", crate::commands::bench_bank(600, 3));
        let at = good
            .match_indices("[[question]]")
            .nth(450)
            .expect("a late question")
            .0;
        let broken = [
            // Found by validation, in a late piece: each error in its place.
            good.replacen("id = \"", "id = \"Not A Slug ", 1)
                + &good[at..].replacen("id = \"", "id = \"Also Not ", 1),
            // A piece that does not parse: the whole is parsed for the error.
            format!("{}nickname = \"q\"\n{}", &good[..at], &good[at..]),
            // A multi-line string left open across the later pieces.
            format!("{}why = \"\"\"\n{}", &good[..at], &good[at..]),
        ];
        for text in broken {
            let src = Source::new("big.toml", text.as_str());
            assert_eq!(messages(parse(&src)), messages(parse_whole(&src)));
        }
    }

    #[test]
    fn damaged_banks_cut_small_read_as_they_read_whole() {
        // Small pieces, so that every damage lands near a cut.
        let good = crate::commands::bench_bank(12, 5);
        let damage = [
            "\"\"\"",
            "'''",
            "[",
            "]",
            "\n[[question]]\n",
            "\n[x]\n",
            "\"",
            "#",
            "\n",
            "= 1\n",
            "{",
        ];
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut cut = 0;
        for _ in 0..300 {
            let mut text = good.clone();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, damage[next(damage.len())]);
            }
            let src = Source::new("bank.toml", text.as_str());
            let pieces = pieces::cut_at(&text, 0, 64);
            cut += usize::from(pieces.is_some());
            let apart = format!("{:?}", parse_in(&src, pieces).map(|qs| fields(&qs)));
            let whole = format!("{:?}", parse_whole(&src).map(|qs| fields(&qs)));
            assert_eq!(apart, whole, "{text}");
        }
        assert!(cut > 100, "only {cut} of the damaged banks were cut");
    }
}
