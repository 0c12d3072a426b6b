//! `guide.lock`: the resolved selection, so a pack rebuilds identically
//! months later even after its banks changed.
//!
//! A build writes the lock next to the config: per section its title, seed
//! and the ids in order, each with a hash of the question's content.
//! `build --locked` then takes the questions from the lock instead of
//! selecting again, warns about questions whose content changed, and fails
//! if one is gone.

use crate::bank::Question;
use crate::config::Section;
use crate::diag::{Diagnostic, Result, Source};
use crate::select::{SelectedSection, Selection};
use crate::source::{read_source, toml_error};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Format version written into the lock.
const VERSION: u32 = 1;

/// Where the lock for a config lives: `guide.toml` → `guide.lock`.
pub fn path_for(config: &Path) -> PathBuf {
    let lock = config.with_extension("lock");
    // A config that is itself named `*.lock` keeps it: its lock goes beside it.
    if lock == config {
        let mut name = config.as_os_str().to_owned();
        name.push(".lock");
        return PathBuf::from(name);
    }
    lock
}

/// A stable hash of everything a reader sees of a question.
pub fn hash(q: &Question) -> String {
    let mut h = Sha256::new();
    for part in [
        &q.id,
        &q.question,
        &q.why,
        &q.answer,
        &q.section,
        &q.difficulty.as_str().to_string(),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    for list in [&q.tags, &q.listen_for] {
        for item in list {
            h.update(item.as_bytes());
            h.update([1]);
        }
        h.update([0]);
    }
    // Mixed in only when there is one, so that the locks of questions
    // without a body stay as they were before bodies existed.
    if !q.body.is_empty() {
        h.update(b"body\0");
        h.update(q.body.as_bytes());
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// The id is a plain string when writing and a spanned one when reading, so
// errors can point into the lock file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "Id: Deserialize<'de>"))]
struct LockFile<Id> {
    version: u32,
    #[serde(default)]
    section: Vec<LockedSection<Id>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "Id: Deserialize<'de>"))]
struct LockedSection<Id> {
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    #[serde(default)]
    questions: Vec<LockedQuestion<Id>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockedQuestion<Id> {
    id: Id,
    hash: String,
}

/// The lock file's text for a selection.
pub fn write(selection: &Selection, sections: &[Section], questions: &[Question]) -> String {
    let lock = LockFile {
        version: VERSION,
        section: selection
            .sections
            .iter()
            .map(|s| LockedSection {
                title: s.title.clone(),
                seed: sections
                    .iter()
                    .find(|c| c.title == s.title)
                    .and_then(|c| c.seed),
                questions: s
                    .questions
                    .iter()
                    .map(|&i| LockedQuestion {
                        id: questions[i].id.clone(),
                        hash: hash(&questions[i]),
                    })
                    .collect(),
            })
            .collect(),
    };
    let body = toml::to_string(&lock).unwrap_or_default();
    format!(
        "# Written by `studyguide build`: the questions each section selected, in order.\n\
         # `studyguide build --locked` rebuilds exactly this selection. Keep it with the guide.\n\n{body}"
    )
}

/// Replaces a fresh selection by the locked one. Warnings name questions
/// whose content changed since the lock was written.
pub fn apply(lock_path: &Path, selection: &Selection, questions: &[Question]) -> Result<Selection> {
    let src: Source = read_source(lock_path, "lock file", None).map_err(|f| {
        let mut f = f;
        for d in &mut f.diagnostics {
            d.hints = vec!["build once without --locked to write it".to_string()];
        }
        f
    })?;
    let lock: LockFile<Spanned<String>> =
        toml::from_str(&src.text).map_err(|e| toml_error(&src, &e, "lock file"))?;
    if lock.version != VERSION {
        return Err(Diagnostic::error(format!(
            "lock file `{}` has version {}, this studyguide writes version {VERSION}",
            lock_path.display(),
            lock.version
        ))
        .hint("rebuild without --locked to write a new lock")
        .into());
    }
    let fresh: Vec<&str> = selection
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    let locked: Vec<&str> = lock.section.iter().map(|s| s.title.as_str()).collect();
    if fresh != locked {
        return Err(Diagnostic::error(format!(
            "the config's sections ({}) differ from the locked ones ({})",
            fresh.join(", "),
            locked.join(", ")
        ))
        .hint("rebuild without --locked to lock the new sections")
        .into());
    }
    let index: HashMap<&str, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut errors = Vec::new();
    let mut warnings = selection.warnings.clone();
    let mut sections = Vec::new();
    let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
    for (locked, fresh) in lock.section.iter().zip(&selection.sections) {
        let mut picked = Vec::new();
        for q in &locked.questions {
            if let Some(first) = seen.insert(q.id.get_ref(), &q.id) {
                let line = src.span(first.span()).line;
                errors.push(
                    Diagnostic::error(format!("lock file lists question `{}` twice", q.id.get_ref()))
                        .at(src.span(q.id.span()))
                        .hint(format!("it is first listed on line {line}; rebuild without --locked to write a clean lock")),
                );
                continue;
            }
            match index.get(q.id.get_ref().as_str()) {
                Some(&i) => {
                    if hash(&questions[i]) != q.hash {
                        warnings.push(
                            Diagnostic::warning(format!(
                                "question `{}` changed since the lock was written",
                                q.id.get_ref()
                            ))
                            .at(questions[i].span.clone())
                            .hint("the build uses its new text; rebuild without --locked to accept it into the lock"),
                        );
                    }
                    picked.push(i);
                }
                None => errors.push(
                    Diagnostic::error(format!(
                        "locked question `{}` is no longer in any bank",
                        q.id.get_ref()
                    ))
                    .at(src.span(q.id.span()))
                    .hint("restore it in a bank, or rebuild without --locked to select again"),
                ),
            }
        }
        sections.push(SelectedSection {
            title: fresh.title.clone(),
            intro: fresh.intro.clone(),
            questions: picked,
        });
    }
    if errors.is_empty() {
        Ok(Selection { sections, warnings })
    } else {
        Err(errors.into())
    }
}
