//! Lock files and packs: a selection that rebuilds identically, anywhere.

use crate::common::{copy_bank, ok, root, run, scratch};
use std::path::Path;

fn project(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    std::fs::copy(root().join("guide.toml"), dir.join("guide.toml")).unwrap();
    dir
}

fn headings(md: &Path) -> Vec<String> {
    std::fs::read_to_string(md)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("## "))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_pack_builds_identically_in_an_empty_folder() {
    let dir = project("pack-src");
    ok(&run(&dir, &["build"]));
    let elsewhere = scratch("pack-dst");
    let pack = elsewhere.join("role-pack.toml");
    ok(&run(&dir, &["pack", "-o", pack.to_str().unwrap()]));
    let files: Vec<_> = std::fs::read_dir(&elsewhere).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "the pack is one file");
    ok(&run(&elsewhere, &["build", "role-pack.toml"]));
    for name in ["candidate", "interviewer", "guide"] {
        let a = std::fs::read(dir.join(format!("out/{name}.pdf"))).unwrap();
        let b = std::fs::read(elsewhere.join(format!("out/{name}.pdf"))).unwrap();
        assert!(a == b, "{name}.pdf rebuilds byte for byte from the pack");
    }
}

#[test]
fn a_pack_carries_custom_templates_and_one_output() {
    let dir = project("pack-tpl");
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(
        dir.join("tpl/question.md.hbs"),
        "<!-- question: {{id}} -->\n## {{number}}. {{question}}\n\nLevel: {{difficulty}}\n",
    )
    .unwrap();
    let config = std::fs::read_to_string(dir.join("guide.toml"))
        .unwrap()
        .replace("banks =", "templates = \"tpl\"\nbanks =");
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let elsewhere = scratch("pack-tpl-dst");
    ok(&run(
        &dir,
        &[
            "pack",
            "--output",
            "guide",
            "-o",
            elsewhere.join("p.toml").to_str().unwrap(),
        ],
    ));
    let text = std::fs::read_to_string(elsewhere.join("p.toml")).unwrap();
    assert!(text.contains("[templates]"), "{text}");
    assert_eq!(text.matches("[[output]]").count(), 1);
    assert_eq!(text.matches("[[question]]").count(), 25);
    ok(&run(&elsewhere, &["build", "p.toml"]));
    let md = std::fs::read_to_string(elsewhere.join("out/guide.md")).unwrap();
    assert!(md.contains("Level: easy"), "{md}");
}

#[test]
fn a_pack_may_not_name_files_outside_its_folder() {
    let dir = scratch("pack-escape");
    std::fs::write(
        dir.join("evil.toml"),
        "title = \"Evil\"\nbanks = [\"../../etc/passwd\"]\ntemplates = \"/etc\"\n",
    )
    .unwrap();
    let out = run(&dir, &["build", "evil.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bank `../../etc/passwd` is outside the config's folder"),
        "{err}"
    );
    assert!(
        err.contains("templates folder `/etc` is outside the config's folder"),
        "{err}"
    );
    assert!(err.contains("--allow-outside"), "{err}");
}

#[test]
fn a_locked_build_keeps_its_selection_after_the_bank_changes() {
    let dir = project("locked");
    ok(&run(&dir, &["build"]));
    let lock = std::fs::read_to_string(dir.join("guide.lock")).unwrap();
    assert!(lock.contains("id = \"team-collaboration\""), "{lock}");
    let before = headings(&dir.join("out/guide.md"));
    // The bank gains a question the "Process and quality" tags would select,
    // and an existing answer is edited.
    let bank_path = dir.join("questions/senior-backend.toml");
    let bank = std::fs::read_to_string(&bank_path).unwrap().replace(
        "On my last team we were six backend engineers",
        "On my last team we were seven backend engineers",
    );
    let extra = "\n[[question]]\nid = \"new-process-question\"\nsection = \"Process and quality\"\ndifficulty = \"easy\"\ntags = [\"process\"]\nquestion = \"What is your favourite process?\"\nwhy = \"New.\"\nanswer = \"A brand new answer about process.\"\n";
    std::fs::write(&bank_path, bank + extra).unwrap();
    let locked = run(&dir, &["build", "--locked"]);
    ok(&locked);
    let err = String::from_utf8_lossy(&locked.stderr);
    assert!(
        err.contains("question `team-collaboration` changed since the lock was written"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert_eq!(
        headings(&dir.join("out/guide.md")),
        before,
        "same questions, same order"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("guide.lock")).unwrap(),
        lock,
        "--locked leaves the lock alone"
    );
    // Without --locked the new question is selected.
    ok(&run(&dir, &["build"]));
    assert_eq!(headings(&dir.join("out/guide.md")).len(), before.len() + 1);
}

#[test]
fn a_locked_question_that_is_gone_fails_clearly() {
    let dir = project("locked-gone");
    ok(&run(&dir, &["build"]));
    let bank_path = dir.join("questions/senior-backend.toml");
    let bank = std::fs::read_to_string(&bank_path)
        .unwrap()
        .replace("id = \"git-version-control\"", "id = \"git-renamed\"");
    std::fs::write(&bank_path, bank).unwrap();
    let pdf_before = std::fs::read(dir.join("out/guide.pdf")).unwrap();
    let out = run(&dir, &["build", "--locked"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("locked question `git-version-control` is no longer in any bank"),
        "{err}"
    );
    assert!(err.contains("--> guide.lock:"), "{err}");
    assert_eq!(
        std::fs::read(dir.join("out/guide.pdf")).unwrap(),
        pdf_before
    );
}

#[test]
fn list_filters_by_tag_section_and_difficulty() {
    let out = run(
        &root(),
        &["list", "--tag", "security", "--difficulty", "hard"],
    );
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("security-in-development"));
    let out = run(
        &root(),
        &["list", "--section", "working with people", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
}
