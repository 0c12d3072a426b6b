//! A folder of Markdown files imported as one bank.
//!
//! Many collections keep one question (or one topic's few) per file, in a
//! folder per subject, and an overview file per folder that lists the
//! questions again as links. Imported file by file, each would be a bank
//! of its own; together they are one bank in which:
//!
//! - a question the file sets in no section of its own is in its folder's
//!   (`Android/Activity.md` → "Android"; files at the top keep "Imported");
//! - a question listed without an answer in one file (an overview, a table
//!   of contents) and answered in another is kept once, answered;
//! - ids are unique across the files, and every warning names its file.

use super::{finish, parse_with, Columns, Draft, Format, Imported, NavKind, DEFAULT_SECTION};
use std::collections::{BTreeMap, HashSet};

/// Most files a folder import reads: a collection is hundreds; more is
/// likely the wrong folder (a whole checkout of something else).
pub const MAX_FOLDER_FILES: usize = 5_000;

/// Most files named in the warning about files that held no question.
const NAMED_FILES: usize = 8;

/// One file of a folder import.
#[derive(Debug)]
pub struct FolderFile {
    /// Its path from the folder, `/`-separated: it names its section and
    /// its warnings.
    pub path: String,
    /// Its whole text.
    pub text: String,
    /// Where its pictures are, if its paths to them are to be rewritten
    /// (see [`super::Origin::pictures`]).
    pub pictures: Option<super::Pictures>,
}

/// Imports `files` (in the order given, which should be sorted by path for
/// a stable bank) as one bank. Each file is read in `format`, which
/// [`Format::Auto`] detects per file. A file that cannot be read in its
/// format, or holds no question, is named in a warning and left out.
pub fn import_folder(files: &[FolderFile], format: Format, columns: &Columns) -> Imported {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut notes = Vec::new();
    let mut dropped: BTreeMap<NavKind, usize> = BTreeMap::new();
    let mut formats: BTreeMap<&'static str, (usize, Format)> = BTreeMap::new();
    let mut empty = Vec::new();
    for file in files {
        let name = std::path::Path::new(&file.path);
        let format = format.resolve_file(name, &file.text, columns);
        let stem = name.file_stem().map(|s| s.to_string_lossy());
        let origin = super::Origin {
            name: stem.as_deref(),
            pictures: file.pictures.as_ref(),
        };
        let parsed = match parse_with(&file.text, format, columns, origin) {
            Ok(parsed) => parsed,
            Err(e) => {
                notes.push(format!("{}: left out: {e}", file.path));
                continue;
            }
        };
        if parsed.drafts.is_empty() {
            empty.push(file.path.as_str());
            continue;
        }
        formats
            .entry(parsed.format.name())
            .or_insert((0, parsed.format))
            .0 += 1;
        for (kind, n) in parsed.dropped {
            *dropped.entry(kind).or_default() += n;
        }
        notes.extend(parsed.notes.iter().map(|n| format!("{}: {n}", file.path)));
        drafts.extend(placed(&file.path, parsed.drafts));
    }
    let copies = drop_unanswered_copies(&mut drafts);
    for (i, d) in drafts.iter_mut().enumerate() {
        d.number = i + 1;
    }
    let format = formats
        .values()
        .max_by_key(|(n, _)| *n)
        .map_or(Format::Markdown, |&(_, f)| f);
    let mut imported = finish(drafts, format);
    imported
        .warnings
        .extend(left_out(copies, &empty, files.len()));
    imported.warnings.extend(notes);
    imported.dropped = dropped.into_iter().collect();
    imported
}

/// The drafts of the file at `path`, in their folder's section and with
/// their notes naming the file.
fn placed(path: &str, drafts: Vec<Draft>) -> impl Iterator<Item = Draft> + '_ {
    let folder = folder_section(path);
    // A file in a subfolder whose questions share one section has that
    // section from its own title (`# Question 3 - Abstract classes`): the
    // folder groups the files better than one section per file.
    let one_section = drafts.iter().all(|d| d.section == drafts[0].section);
    let by_folder = folder != DEFAULT_SECTION && one_section;
    drafts.into_iter().map(move |mut d| {
        if d.section == DEFAULT_SECTION || by_folder {
            d.section.clone_from(&folder);
        }
        for n in &mut d.notes {
            *n = format!("{path}: {n}");
        }
        d
    })
}

/// The warnings about what the import left out: `copies` unanswered
/// copies, and the files (`empty`, of `total`) that held no question.
fn left_out(copies: usize, empty: &[&str], total: usize) -> Vec<String> {
    let mut warnings = Vec::new();
    if copies > 0 {
        warnings.push(format!(
            "left out {copies} unanswered {} of questions answered in another file (a list of the questions, such as an overview's)",
            if copies == 1 { "copy" } else { "copies" }
        ));
    }
    if !empty.is_empty() {
        let named = &empty[..empty.len().min(NAMED_FILES)];
        let more = empty.len() - named.len();
        warnings.push(format!(
            "{} of {total} files held no question: {}{}",
            empty.len(),
            named.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    warnings
}

/// The section of a file's questions by its folder: the folder's path
/// from the imported folder, words apart (`Design-Patterns/creational` →
/// "Design Patterns / creational"), or the default at the top.
fn folder_section(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((folder, _)) if !folder.is_empty() => folder
            .split('/')
            .map(|part| part.replace(['-', '_'], " ").trim().to_string())
            .collect::<Vec<_>>()
            .join(" / "),
        _ => DEFAULT_SECTION.to_string(),
    }
}

/// Removes questions without an answer whose text another question, with
/// an answer, asks too; returns how many went.
fn drop_unanswered_copies(drafts: &mut Vec<Draft>) -> usize {
    // Case, spacing and closing punctuation apart: a file named by its
    // question has no question mark where the overview's link has one.
    let key = |q: &str| {
        q.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['?', '.', '!', ':', ' ', '\u{ff1f}'])
            .to_lowercase()
    };
    let answered = |d: &Draft| d.answer.iter().any(|p| !p.trim().is_empty());
    let asked_and_answered: HashSet<String> = drafts
        .iter()
        .filter(|d| answered(d))
        .map(|d| key(&d.question))
        .collect();
    let before = drafts.len();
    drafts.retain(|d| answered(d) || !asked_and_answered.contains(&key(&d.question)));
    before - drafts.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> FolderFile {
        FolderFile {
            path: path.to_string(),
            text: text.to_string(),
            pictures: None,
        }
    }

    #[test]
    fn files_make_one_bank_with_folder_sections_and_no_repeated_questions() {
        let files = [
            file(
                "Soil/Overview.md",
                "## Questions\n\n- [Q1. What is tilth?](Q01.md)\n- [Q2. Why add compost?](Q02.md)\n- [Q3. What is a loam?](Q03.md)\n",
            ),
            file("Soil/Q01.md", "# Q1 - What is tilth?\n\nCrumbly, worked soil.\n"),
            file("Soil/Q02.md", "# Q2 - Why add compost?\n\nIt feeds the soil.\n"),
            file("Soil/deep/Q9.md", "# Why lime clay?\n\nIt opens it up.\n"),
            file("notes.md", "Nothing that asks here.\n"),
            file("Pests.md", "## How do you stop slugs?\n\nCopper tape.\n\n## How do you stop slugs?\n\nBeer traps.\n"),
        ];
        let imported = import_folder(&files, Format::Auto, &Columns::default());
        let got: Vec<(&str, &str, &str)> = imported
            .questions
            .iter()
            .map(|q| (q.id.as_str(), q.section.as_str(), q.question.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                // Listed in the overview and answered nowhere: kept.
                ("what-is-a-loam", "Soil", "What is a loam?"),
                ("what-is-tilth", "Soil", "What is tilth?"),
                ("why-add-compost", "Soil", "Why add compost?"),
                ("why-lime-clay", "Soil / deep", "Why lime clay?"),
                // Two answers to one question are both kept, ids apart.
                (
                    "how-do-you-stop-slugs",
                    "Imported",
                    "How do you stop slugs?"
                ),
                (
                    "how-do-you-stop-slugs-2",
                    "Imported",
                    "How do you stop slugs?"
                ),
            ]
        );
        let warnings = imported.warnings.join("\n");
        assert!(
            warnings.contains("left out 2 unanswered copies"),
            "{warnings}"
        );
        assert!(
            warnings.contains("1 of 6 files held no question: notes.md"),
            "{warnings}"
        );
        // The loam question's missing answer is named by its place in the
        // merged bank.
        assert!(
            warnings.contains("question 1 \"What is a loam?\" has no example answer"),
            "{warnings}"
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_in_its_format_is_named_and_left_out() {
        let files = [
            file("broken.csv", "front,back\n"),
            file("ok.md", "## What is a cloche?\n\nA glass cover.\n"),
        ];
        let imported = import_folder(&files, Format::Auto, &Columns::default());
        assert_eq!(imported.questions.len(), 1);
        assert!(
            imported
                .warnings
                .iter()
                .any(|w| w.starts_with("broken.csv: left out:")),
            "{:?}",
            imported.warnings
        );
    }
}
