//! Config + questions → [`Selection`]: which questions go in which section,
//! in which order.
//!
//! Pure: no I/O, so it can be tested with hand-made questions.

use crate::bank::Question;
use crate::config::{Match, Order, Section};
use crate::diag::{nearest, Diagnostic, Result, Span};
use std::collections::{HashMap, HashSet};

/// The questions of one output, grouped into sections.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Sections in document order, none of them empty.
    pub sections: Vec<SelectedSection>,
    /// Problems worth mentioning that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// One section and its questions.
#[derive(Debug, Clone)]
pub struct SelectedSection {
    /// Section heading.
    pub title: String,
    /// Optional Markdown introduction.
    pub intro: Option<String>,
    /// Indices into the question list, in order.
    pub questions: Vec<usize>,
}

impl Selection {
    /// Every selected question index, in document order.
    pub fn question_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().copied())
    }
}

/// Selects questions for each configured section; with no sections, makes one
/// per bank section in bank order.
pub fn select(sections: &[Section], questions: &[Question]) -> Result<Selection> {
    let mut selection = if sections.is_empty() {
        by_bank_section(questions)
    } else {
        by_sections(sections, questions)?
    };
    if let Some(w) = unanswered(&selection, questions) {
        selection.warnings.push(w);
    }
    Ok(selection)
}

/// One warning for the selected questions that have no example answer yet:
/// they build, and outputs that show answers say so on the page.
fn unanswered(selection: &Selection, questions: &[Question]) -> Option<Diagnostic> {
    let ids: Vec<&Question> = selection
        .question_indices()
        .map(|i| &questions[i])
        .filter(|q| q.answer.is_empty())
        .collect();
    let first = ids.first()?;
    let mut names: Vec<String> = ids.iter().take(10).map(|q| format!("`{}`", q.id)).collect();
    if ids.len() > 10 {
        names.push(format!("and {} more", ids.len() - 10));
    }
    let what = if ids.len() == 1 {
        "question has".to_string()
    } else {
        format!("{} questions have", ids.len())
    };
    Some(
        Diagnostic::warning(format!(
            "{what} no example answer yet: {}",
            names.join(", ")
        ))
        .at(first.span.clone())
        .hint("write one in `answer`; outputs that show answers print \"No example answer yet.\""),
    )
}

/// Selects by the configured sections.
fn by_sections(sections: &[Section], questions: &[Question]) -> Result<Selection> {
    let mut selector = Selector {
        questions,
        index: questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect(),
        errors: Vec::new(),
        warnings: Vec::new(),
        taken: HashMap::new(),
    };
    let out: Vec<SelectedSection> = sections
        .iter()
        .filter_map(|section| selector.section(section))
        .collect();
    if selector.errors.is_empty() {
        Ok(Selection {
            sections: out,
            warnings: selector.warnings,
        })
    } else {
        Err(selector.errors.into())
    }
}

/// The state of one [`select`] run, carried from section to section.
struct Selector<'a> {
    questions: &'a [Question],
    /// Question id → index into `questions`.
    index: HashMap<&'a str, usize>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Question index → title of the section that took it first.
    taken: HashMap<usize, &'a str>,
}

/// How many questions were left after each filter of a section, to say
/// which one emptied it.
struct Funnel {
    matched: usize,
    after_difficulty: usize,
    after_exclude: usize,
}

impl<'a> Selector<'a> {
    /// One section's questions, or `None` (with an error recorded) when it
    /// selects none.
    fn section(&mut self, section: &'a Section) -> Option<SelectedSection> {
        let listed = self.lookup(&section.ids);
        let excluded: HashSet<usize> = self.lookup(&section.exclude).into_iter().collect();
        let mut picked = self.matching(section, &listed);
        let matched = picked.len();
        picked.retain(|i| {
            section.difficulty.is_empty()
                || section.difficulty.contains(&self.questions[*i].difficulty)
        });
        let after_difficulty = picked.len();
        picked.retain(|i| !excluded.contains(i));
        let funnel = Funnel {
            matched,
            after_difficulty,
            after_exclude: picked.len(),
        };
        self.drop_taken(section, &mut picked);
        order(section, &mut picked, self.questions);
        if let Some(limit) = section.limit {
            picked.truncate(limit);
        }
        if picked.is_empty() {
            self.errors.push(
                Diagnostic::error(format!(
                    "section \"{}\" selects no questions: {}",
                    section.title,
                    why_empty(section, &funnel)
                ))
                .at(section.span.clone())
                .hint("loosen the filters, or remove the section"),
            );
            return None;
        }
        for &i in &picked {
            self.taken.insert(i, &section.title);
        }
        Some(SelectedSection {
            title: section.title.clone(),
            intro: section.intro.clone(),
            questions: picked,
        })
    }

    /// The indices of the questions with these ids, in the given order; an
    /// error, with the nearest id as a hint, for each id no bank has.
    fn lookup(&mut self, ids: &[(String, Span)]) -> Vec<usize> {
        let mut found = Vec::new();
        for (id, span) in ids {
            match self.index.get(id.as_str()) {
                Some(&i) => found.push(i),
                None => {
                    let d =
                        Diagnostic::error(format!("unknown question id `{id}`")).at(span.clone());
                    let d = match nearest(id, self.questions.iter().map(|q| q.id.as_str())) {
                        Some(best) => d.hint(format!("did you mean `{best}`?")),
                        None => d.hint("run `studyguide list` to see every id in the banks"),
                    };
                    self.errors.push(d);
                }
            }
        }
        found
    }

    /// The listed questions first, then those the section's filters match,
    /// in bank order, each once.
    fn matching(&self, section: &Section, listed: &[usize]) -> Vec<usize> {
        let has_filter = has_filter(section);
        let filtered = self
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| has_filter && matches(section, q))
            .map(|(i, _)| i);
        let mut seen = HashSet::new();
        listed
            .iter()
            .copied()
            .chain(filtered)
            .filter(|&i| seen.insert(i))
            .collect()
    }

    /// Removes the questions an earlier section took, with a warning for each.
    fn drop_taken(&mut self, section: &Section, picked: &mut Vec<usize>) {
        picked.retain(|&i| match self.taken.get(&i) {
            Some(first) => {
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "question `{}` is selected by section \"{}\" and by \"{}\"; it appears only in the first",
                        self.questions[i].id, first, section.title
                    ))
                    .at(section.span.clone()),
                );
                false
            }
            None => true,
        });
    }
}

/// Whether the section selects by tags or bank section, not only by ids.
fn has_filter(section: &Section) -> bool {
    !section.tags.is_empty() || section.bank_section.is_some()
}

/// Whether a question passes the section's tag and bank-section filters.
fn matches(section: &Section, q: &Question) -> bool {
    let tags_ok = section.tags.is_empty()
        || match section.match_tags {
            Match::Any => section.tags.iter().any(|t| q.tags.contains(t)),
            Match::All => section.tags.iter().all(|t| q.tags.contains(t)),
        };
    let section_ok = section
        .bank_section
        .as_ref()
        .is_none_or(|s| q.section.eq_ignore_ascii_case(s));
    tags_ok && section_ok
}

/// Puts the picked questions in the section's `order`.
fn order(section: &Section, picked: &mut [usize], questions: &[Question]) {
    match section.order {
        Order::Listed => {}
        Order::Bank => picked.sort_unstable(),
        Order::Alphabetical => {
            picked.sort_by_cached_key(|&i| (questions[i].question.to_lowercase(), i))
        }
        Order::Difficulty => picked.sort_by_key(|&i| (questions[i].difficulty, i)),
        Order::Shuffle => {
            picked.sort_unstable();
            shuffle(picked, section.seed.unwrap_or(0));
        }
    }
}

/// Why a section ended up empty: the first filter that left nothing.
fn why_empty(section: &Section, funnel: &Funnel) -> String {
    if funnel.matched == 0 {
        if has_filter(section) || !section.ids.is_empty() {
            "no question has the given ids, tags or bank section".to_string()
        } else {
            "it names no `ids`, `tags` or `bank_section` to select by".to_string()
        }
    } else if funnel.after_difficulty == 0 {
        format!(
            "{} matched, but the `difficulty` filter removed them all",
            funnel.matched
        )
    } else if funnel.after_exclude == 0 {
        format!(
            "{} matched, but `exclude` removed them all",
            funnel.after_difficulty
        )
    } else {
        format!(
            "{} matched, but earlier sections already took them all",
            funnel.after_exclude
        )
    }
}

/// The selection for one variant of a batch output: shuffled sections are
/// reshuffled with their seed plus the variant's index, so every variant
/// gets its own stable order. Other sections, and variant 0, are unchanged.
pub fn for_variant(
    base: &Selection,
    sections: &[Section],
    variant: Option<&crate::config::Variant>,
) -> Selection {
    let Some(v) = variant.filter(|v| v.index > 0) else {
        return base.clone();
    };
    let mut out = base.clone();
    for s in &mut out.sections {
        let Some(config) = sections.iter().find(|c| c.title == s.title) else {
            continue;
        };
        if config.order == Order::Shuffle {
            s.questions.sort_unstable();
            shuffle(
                &mut s.questions,
                config.seed.unwrap_or(0).wrapping_add(v.index as u64),
            );
        }
    }
    out
}

/// Shuffles in a way that is fixed forever, so a seed in a shared pack gives
/// the same order on every machine and in every future version:
///
/// 1. the generator is ChaCha20 from `rand_chacha` 0.3, seeded with
///    `ChaCha20Rng::seed_from_u64(seed)` (rand_core's documented PCG32
///    expansion of the seed into the 32-byte key);
/// 2. the shuffle is Fisher–Yates over the questions in bank order, from the
///    last position `i` down to 1, swapping `i` with `j`, uniform in `0..=i`;
/// 3. `j` is drawn by rejection: take `next_u64()`, reject values at or above
///    the largest multiple of `i + 1` that fits in a u64, else `j = v % (i + 1)`.
///
/// Only these steps are used (not `rand`'s own shuffle, whose algorithm may
/// change between versions).
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    use rand_core::{RngCore, SeedableRng};
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    for i in (1..items.len()).rev() {
        let n = i as u64 + 1;
        let zone = u64::MAX - (u64::MAX % n);
        let j = loop {
            let v = rng.next_u64();
            if v < zone {
                break (v % n) as usize;
            }
        };
        items.swap(i, j);
    }
}

fn by_bank_section(questions: &[Question]) -> Selection {
    let mut sections: Vec<SelectedSection> = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        match sections.iter_mut().find(|s| s.title == q.section) {
            Some(s) => s.questions.push(i),
            None => sections.push(SelectedSection {
                title: q.section.clone(),
                intro: None,
                questions: vec![i],
            }),
        }
    }
    Selection {
        sections,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Difficulty;
    use crate::diag::Span;
    use std::path::Path;

    fn q(id: &str, section: &str, tags: &[&str], difficulty: Difficulty) -> Question {
        Question {
            id: id.into(),
            question: format!("Question {id}?"),
            body: String::new(),
            why: String::new(),
            answer: "An answer.".into(),
            section: section.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            difficulty,
            listen_for: vec![],
            span: Span::file(Path::new("bank.toml")),
        }
    }

    fn section(title: &str) -> Section {
        Section {
            title: title.into(),
            span: Span::file(Path::new("guide.toml")),
            intro: None,
            ids: vec![],
            tags: vec![],
            match_tags: Match::Any,
            bank_section: None,
            difficulty: vec![],
            exclude: vec![],
            limit: None,
            order: Order::Bank,
            seed: None,
        }
    }

    fn bank() -> Vec<Question> {
        vec![
            q("a", "People", &["teamwork"], Difficulty::Hard),
            q(
                "b",
                "Systems",
                &["databases", "scalability"],
                Difficulty::Easy,
            ),
            q("c", "Systems", &["scalability"], Difficulty::Medium),
            q(
                "d",
                "People",
                &["teamwork", "communication"],
                Difficulty::Easy,
            ),
        ]
    }

    fn ids(sel: &Selection, qs: &[Question]) -> Vec<Vec<String>> {
        sel.sections
            .iter()
            .map(|s| s.questions.iter().map(|&i| qs[i].id.clone()).collect())
            .collect()
    }

    #[test]
    fn ids_keep_listed_order_and_tags_follow_bank_order() {
        let qs = bank();
        let mut s1 = section("Picked");
        s1.ids = vec![
            ("d".into(), Span::file(Path::new("g"))),
            ("a".into(), Span::file(Path::new("g"))),
        ];
        s1.order = Order::Listed;
        let mut s2 = section("Scaling");
        s2.tags = vec!["scalability".into()];
        let sel = select(&[s1, s2], &qs).unwrap();
        assert_eq!(ids(&sel, &qs), vec![vec!["d", "a"], vec!["b", "c"]]);
    }

    #[test]
    fn a_question_selected_twice_appears_once_with_a_warning() {
        let qs = bank();
        let mut s1 = section("Teamwork");
        s1.tags = vec!["teamwork".into()];
        let mut s2 = section("Mixed");
        s2.tags = vec!["communication".into(), "databases".into()];
        let sel = select(&[s1, s2], &qs).unwrap();
        assert_eq!(ids(&sel, &qs), vec![vec!["a", "d"], vec!["b"]]);
        assert_eq!(sel.warnings.len(), 1);
        assert!(sel.warnings[0].message.contains("`d`"));
    }

    #[test]
    fn a_section_left_empty_by_earlier_ones_is_an_error() {
        let qs = bank();
        let mut s1 = section("Teamwork");
        s1.tags = vec!["teamwork".into()];
        let mut s2 = section("People again");
        s2.bank_section = Some("people".into());
        let err = select(&[s1, s2], &qs).unwrap_err();
        assert!(err.diagnostics[0]
            .message
            .contains("earlier sections already took them all"));
    }

    #[test]
    fn unknown_ids_suggest_the_nearest() {
        let qs = vec![q("cloud-experience", "S", &[], Difficulty::Easy)];
        let mut s = section("X");
        s.ids = vec![("cloud-experiense".into(), Span::file(Path::new("g")))];
        let err = select(&[s], &qs).unwrap_err();
        let d = &err.diagnostics[0];
        assert_eq!(d.message, "unknown question id `cloud-experiense`");
        assert_eq!(d.hints, vec!["did you mean `cloud-experience`?"]);
    }

    #[test]
    fn orders_and_limits_apply() {
        let qs = bank();
        let mut s = section("All");
        s.tags = vec!["teamwork".into(), "scalability".into()];
        s.order = Order::Difficulty;
        s.limit = Some(3);
        let sel = select(&[s], &qs).unwrap();
        assert_eq!(ids(&sel, &qs), vec![vec!["b", "d", "c"]]);
    }

    #[test]
    fn an_emptied_section_says_which_filter_emptied_it() {
        let qs = bank();
        let mut s = section("Hard scaling");
        s.tags = vec!["scalability".into()];
        s.difficulty = vec![Difficulty::Hard];
        let err = select(&[s], &qs).unwrap_err();
        assert!(
            err.diagnostics[0].message.contains("`difficulty` filter"),
            "{}",
            err
        );
    }

    #[test]
    fn the_shuffle_for_seed_42_is_pinned() {
        let mut v: Vec<u32> = (1..=25).collect();
        shuffle(&mut v, 42);
        assert_eq!(v, PINNED_42, "the shuffle algorithm must never change");
        let mut again: Vec<u32> = (1..=25).collect();
        shuffle(&mut again, 42);
        assert_eq!(again, v);
        let mut other: Vec<u32> = (1..=25).collect();
        shuffle(&mut other, 43);
        assert_ne!(other, v, "another seed, another order");
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (1..=25).collect::<Vec<_>>(), "a permutation");
    }

    /// The order of 1..=25 for seed 42, written down once and never changed.
    const PINNED_42: [u32; 25] = [
        11, 8, 21, 10, 12, 9, 4, 15, 23, 3, 13, 14, 20, 24, 5, 16, 25, 1, 22, 19, 6, 17, 2, 18, 7,
    ];

    #[test]
    fn no_sections_groups_by_bank_section() {
        let qs = bank();
        let sel = select(&[], &qs).unwrap();
        assert_eq!(ids(&sel, &qs), vec![vec!["a", "d"], vec!["b", "c"]]);
    }
}
