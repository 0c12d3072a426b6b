//! A question without an example answer builds: the selection warns once,
//! outputs that show answers say so on the page, and no "Why" label is
//! printed without its text.

use crate::common::{pdf_pages, root, run, scratch, squash};
use std::path::Path;

fn project(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let from = root().join("tests/fixtures/unanswered");
    std::fs::create_dir_all(dir.join("questions")).unwrap();
    for file in ["guide.toml", "questions/backend.toml"] {
        std::fs::copy(from.join(file), dir.join(file)).unwrap();
    }
    dir
}

fn text(dir: &Path, pdf: &str) -> String {
    squash(&pdf_pages(&std::fs::read(dir.join("out").join(pdf)).unwrap()).join("\n"))
}

#[test]
fn a_question_without_an_answer_builds_with_one_warning() {
    let dir = project("unanswered");
    let out = run(&dir, &["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains("question has no example answer yet: `code-review`"),
        "{err}"
    );
    assert!(
        err.contains("questions/backend.toml:"),
        "the warning points at the bank: {err}"
    );
    let guide = text(&dir, "guide.pdf");
    assert!(
        guide.contains("What do you look for in a code review?"),
        "{guide}"
    );
    assert!(guide.contains("No example answer yet."), "{guide}");
    // The question has no `why`: no empty "Why they ask." label.
    assert_eq!(guide.matches("Why they ask.").count(), 1, "{guide}");
    let candidate = text(&dir, "candidate.pdf");
    assert!(!candidate.contains("No example answer yet."), "{candidate}");
}

#[test]
fn deny_warnings_refuses_an_unanswered_question() {
    let dir = project("unanswered-deny");
    let out = run(&dir, &["build", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("out/guide.pdf").exists(), "nothing written");
}
