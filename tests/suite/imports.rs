//! `studyguide import`: articles and Markdown into banks that build.

use crate::common::{pdf_pages, root, run, scratch, squash};

#[test]
fn an_imported_article_builds_into_a_guide() {
    let dir = scratch("import-roundtrip");
    let fixture = root().join("tests/fixtures/import/article-data-analyst.txt");
    let out = run(
        &dir,
        &["import", fixture.to_str().unwrap(), "-o", "analyst.toml"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("found 9 questions"));
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Data analyst\"\nbanks = [\"analyst.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = squash(&pdf_pages(&std::fs::read(dir.join("out/guide.pdf")).unwrap()).join(" "));
    assert!(text.contains("Tell me about yourself."), "{text}");
    assert!(
        text.contains("Walk me through how you would approach a new analysis request"),
        "{text}"
    );
    assert!(
        !text.contains("Share this article"),
        "no navigation text: {text}"
    );
    assert!(!text.contains("Negotiate a Salary"), "no navigation text");
}

#[test]
fn import_warns_about_questions_without_an_answer_and_prints_without_o() {
    let dir = scratch("import-warn");
    let fixture = root().join("tests/fixtures/import/article-nursing.txt");
    let out = run(
        &dir,
        &["import", fixture.to_str().unwrap(), "--format", "article"],
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning: question 4"), "{err}");
    assert!(err.contains("has no example answer"), "{err}");
    let bank = String::from_utf8_lossy(&out.stdout);
    assert_eq!(bank.matches("[[question]]").count(), 7, "{bank}");
}

#[test]
fn a_file_with_no_questions_is_a_clear_error() {
    let dir = scratch("import-empty");
    std::fs::write(
        dir.join("notes.txt"),
        "Just some notes.\nNothing numbered here.\n",
    )
    .unwrap();
    let out = run(&dir, &["import", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("found no questions in `notes.txt`"), "{err}");
    assert!(err.contains("--format markdown"), "{err}");
}
