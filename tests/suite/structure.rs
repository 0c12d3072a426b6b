//! Questions are carried by id from the template to the PDF: custom
//! templates with headings of their own, templates that lose questions, and
//! fields that open with a block.

use crate::common::{copy_bank, pdf_pages, root, run, scratch, squash};
use std::path::{Path, PathBuf};

/// A project with the example config and bank, and custom templates in
/// `tpl/`.
fn project(name: &str, templates: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    let config = std::fs::read_to_string(root().join("guide.toml"))
        .unwrap()
        .replace("# templates = \"templates\"", "templates = \"tpl\"");
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    for (name, text) in templates {
        std::fs::write(dir.join(format!("tpl/{name}.md.hbs")), text).unwrap();
    }
    dir
}

/// Rewrites the bank in `dir` with `edit`.
fn edit_bank(dir: &Path, edit: impl Fn(String) -> String) {
    let path = dir.join("questions/senior-backend.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const EXTRA_HEADINGS: &str = "---\ntitle: {{{title}}}\n---\n\n## Before we start\n\nRead each question twice.\n\n## A second aside\n\n{{#each sections}}\n\n# {{title}}\n{{#each questions}}\n\n{{> question}}\n{{/each}}\n{{/each}}\n";

#[test]
fn extra_headings_in_a_custom_template_do_not_shift_question_ids() {
    let dir = project("extra-headings", &[("handout", EXTRA_HEADINGS)]);
    // A character no font has, in the fifth question of the bank, which is
    // neither the fifth question of the document nor after its headings.
    edit_bank(&dir, |t| {
        t.replace(
            "Interviewers want depth, not a list",
            "Interviewers want depth \u{e000}, not a list",
        )
    });
    let out = run(&dir, &["build", "--output", "guide", "--report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("`U+E000 '\\u{e000}'` in `language-you-know-well`"),
        "{err}"
    );
    assert_eq!(err.matches("no font has a glyph").count(), 1, "{err}");
    let report = String::from_utf8_lossy(&out.stdout);
    let bank = std::fs::read_to_string(dir.join("questions/senior-backend.toml")).unwrap();
    let mut lines = 0;
    for line in report.lines().filter(|l| l.starts_with("guide: ")) {
        let id = line.split_whitespace().nth(2).unwrap();
        assert!(
            bank.contains(&format!("id = \"{id}\"")),
            "the report names `{id}`, which is no question id: {line}"
        );
        lines += 1;
    }
    assert!(lines > 0, "{report}");
}

#[test]
fn a_template_that_omits_a_question_exits_2_and_names_it() {
    let skip_first = "{{#each sections}}{{#each questions}}{{#unless @first}}\n<!-- question: {{id}} -->\n## {{question}}\n{{/unless}}{{/each}}{{/each}}\n";
    let dir = project("omits", &[("handout", skip_first)]);
    let out = run(&dir, &["build", "--output", "guide"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("output `guide` (template `handout`): missing: the template printed no mark for: `team-collaboration`, `senior-backend-skills`"),
        "{err}"
    );
    assert!(!dir.join("out/guide.pdf").exists());
    assert!(!dir.join("out/guide.md").exists());
}

#[test]
fn a_template_that_repeats_a_question_exits_2_and_names_it() {
    let twice = "{{#each sections}}{{#each questions}}\n<!-- question: {{id}} -->\n## {{question}}\n{{#if @first}}\n<!-- question: {{id}} -->\n## {{question}} (again)\n{{/if}}{{/each}}{{/each}}\n";
    let dir = project("repeats", &[("handout", twice)]);
    let out = run(&dir, &["build", "--output", "guide"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("printed more than once: `team-collaboration` (2 times)"),
        "{err}"
    );
    assert!(!dir.join("out/guide.pdf").exists());
}

#[test]
fn a_template_without_marks_is_told_how_to_add_them() {
    let old_style =
        "{{#each sections}}{{#each questions}}\n## {{number}}. {{question}}\n{{/each}}{{/each}}\n";
    let dir = project("no-marks", &[("handout", old_style)]);
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("and 15 more"), "long lists are cut: {err}");
    assert!(
        err.contains(
            "print `<!-- question: {{id}} -->` on the line before each question's heading"
        ),
        "{err}"
    );
}

#[test]
fn an_unclosed_fence_in_a_field_that_swallows_later_questions_exits_2() {
    let dir = project("swallowed", &[]);
    edit_bank(&dir, |t| {
        t.replacen(
            "answer = \"\"\"\n",
            "answer = \"\"\"\nThe config I use:\n\n```toml\nkey = 1\n\n",
            1,
        )
    });
    let out = run(&dir, &["build", "--output", "guide"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("swallowed by a code block that an unclosed ``` fence opened earlier"),
        "{err}"
    );
    assert!(err.contains("`senior-backend-skills`"), "{err}");
}

/// Fields that open with each kind of block, in questions of every section.
fn blocky_bank(text: String) -> String {
    let openers = [
        (
            "team-collaboration",
            "why",
            "```text\nfence-opened-why\n```\n\nAfter the fence.",
        ),
        (
            "team-collaboration",
            "answer",
            "- list-opened-answer\n- second item\n\nAfter the list.",
        ),
        (
            "senior-backend-skills",
            "why",
            "| Skill | Weight |\n|---|---|\n| table-opened-why | high |\n",
        ),
        (
            "senior-backend-skills",
            "answer",
            "> quote-opened-answer\n\nAfter the quote.",
        ),
        (
            "language-you-know-well",
            "why",
            "### heading-opened-why\n\nAfter the heading.",
        ),
        (
            "language-you-know-well",
            "answer",
            "1. numbered-opened-answer\n2. second\n",
        ),
    ];
    let mut text = text;
    for (id, field, body) in openers {
        let at = text.find(&format!("id = \"{id}\"")).unwrap();
        let key = format!("\n{field} = \"\"\"\n");
        let start = at + text[at..].find(&key).unwrap() + key.len();
        let end = start + text[start..].find("\"\"\"").unwrap();
        text.replace_range(start..end, &format!("{body}\n"));
    }
    text
}

#[test]
fn fields_that_open_with_a_block_render_as_that_block_in_every_built_in_template() {
    let dir = project("blocky", &[]);
    edit_bank(&dir, blocky_bank);
    let config = std::fs::read_to_string(dir.join("guide.toml"))
        .unwrap()
        .replace(
            "intro = \"Senior roles",
            "intro = \"- intro-opened-list\\n- second\\n\\nSenior roles",
        );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let out = run(&dir, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let questions = run(&dir, &["list", "--json"]);
    let listed = String::from_utf8_lossy(&questions.stdout).into_owned();
    let titles: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"question\": \""))
        .map(|l| l.trim_end_matches(',').trim_end_matches('"'))
        .collect();
    assert_eq!(titles.len(), 25);
    let mut seen = [0; OPENERS.len()];
    for name in [
        "candidate",
        "interviewer",
        "guide",
        "cheatsheet",
        "flashcards",
    ] {
        let md = std::fs::read_to_string(dir.join(format!("out/{name}.md"))).unwrap();
        let pdf = std::fs::read(dir.join(format!("out/{name}.pdf"))).unwrap();
        let text = squash(&pdf_pages(&pdf).join(" "));
        // Markup that failed to open a block would print literally.
        for literal in [
            "```",
            "| ---",
            "|---|",
            "- list-opened",
            "> quote",
            "### heading",
            "- intro-opened",
        ] {
            assert!(
                !text.contains(literal),
                "{name}: `{literal}` printed literally"
            );
        }
        // The blocks themselves start on lines of their own in the Markdown.
        for (k, opener) in OPENERS.iter().enumerate() {
            if md.contains(opener.trim_end()) {
                assert!(
                    md.contains(&format!("\n{opener}")),
                    "{name}: `{opener}` does not start a line"
                );
                seen[k] += 1;
            }
        }
        // Nothing was swallowed: every question is still there.
        for q in &titles {
            let words: String = q.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            assert!(md.contains(&words), "{name}: lost `{q}`");
        }
        assert!(!text.contains("## "), "{name}: a heading printed literally");
    }
    assert!(
        seen.iter().all(|&n| n > 0),
        "each opener shown somewhere: {seen:?}"
    );
}

/// How each opened field starts in the Markdown.
const OPENERS: [&str; 7] = [
    "```text\n",
    "- list-opened-answer",
    "| Skill |",
    "> quote-opened",
    "### heading-opened",
    "1. numbered-opened",
    "- intro-opened",
];
