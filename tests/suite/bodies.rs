//! A question's `body`: what it shows with it (code to read, options to
//! choose from) is printed under the question in every output, candidate
//! copies included, while the answer stays out of them.

use crate::common::{pdf_pages, run, scratch, squash};

const BANK: &str = r#"
[[question]]
id = "loop-output"
question = "What does this loop print?"
body = """
```python
for n in range(3):
    print(n * 2)
```

- A: 0 2 4
- B: 2 4 6
"""
answer = "A, because `range(3)` starts at zero and stops before three."
section = "Reading code"
difficulty = "easy"

[[question]]
id = "plain"
question = "Why do tests need names that say what they check?"
answer = "A failing test's name is the first line of its report."
section = "Reading code"
difficulty = "easy"
"#;

const GUIDE: &str = r#"
title = "Bodies"
banks = ["bank.toml"]

[[output]]
name = "candidate"
template = "candidate"

[[output]]
name = "kit"
template = "interviewer"
"#;

#[test]
fn a_body_shows_in_every_output_and_the_answer_only_where_answers_do() {
    let dir = scratch("bodies");
    std::fs::write(dir.join("bank.toml"), BANK).unwrap();
    std::fs::write(dir.join("guide.toml"), GUIDE).unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = |pdf: &str| {
        squash(&pdf_pages(&std::fs::read(dir.join("out").join(pdf)).unwrap()).join("\n"))
    };
    let (candidate, kit) = (text("candidate.pdf"), text("kit.pdf"));
    for shown in [
        "What does this loop print?",
        "print(n * 2)",
        "A: 0 2 4",
        "B: 2 4 6",
    ] {
        assert!(
            candidate.contains(shown),
            "candidate lacks {shown}: {candidate}"
        );
        assert!(kit.contains(shown), "kit lacks {shown}: {kit}");
    }
    assert!(!candidate.contains("starts at zero"), "{candidate}");
    assert!(kit.contains("starts at zero"), "{kit}");
    // The body sits between its question and the next one.
    let at = |s: &str| candidate.find(s).unwrap();
    assert!(at("What does this loop print?") < at("print(n * 2)"));
    assert!(at("B: 2 4 6") < at("Why do tests need names"));
    let md = std::fs::read_to_string(dir.join("out/candidate.md")).unwrap();
    assert!(md.contains("```python\nfor n in range(3):"), "{md}");
}

#[test]
fn a_body_changes_its_question_lock_and_not_the_others() {
    let dir = scratch("bodies-lock");
    std::fs::write(dir.join("bank.toml"), BANK).unwrap();
    std::fs::write(dir.join("guide.toml"), GUIDE).unwrap();
    assert!(run(&dir, &["build"]).status.success());
    let before = std::fs::read_to_string(dir.join("guide.lock")).unwrap();
    let edited = BANK.replace("B: 2 4 6", "B: 1 2 3");
    std::fs::write(dir.join("bank.toml"), edited).unwrap();
    assert!(run(&dir, &["build"]).status.success());
    let after = std::fs::read_to_string(dir.join("guide.lock")).unwrap();
    let line = |lock: &str, id: &str| {
        lock.lines()
            .skip_while(|l| !l.contains(id))
            .find(|l| l.contains("hash"))
            .map(str::to_string)
    };
    assert_ne!(line(&before, "loop-output"), line(&after, "loop-output"));
    assert_eq!(line(&before, "\"plain\""), line(&after, "\"plain\""));
}
