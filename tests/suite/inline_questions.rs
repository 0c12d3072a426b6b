//! A question is one line of inline Markdown: code spans, emphasis and links
//! are typeset in headings and the contents, escapes resolved, and the
//! scorecard's table cell holds its plain text.

use crate::common::{pdf_pages, root, run, scratch, squash};

#[test]
fn question_markup_is_typeset_not_printed() {
    let dir = scratch("inline-questions");
    for file in ["guide.toml", "bank.toml"] {
        std::fs::copy(
            root().join("tests/fixtures/inline-questions").join(file),
            dir.join(file),
        )
        .unwrap();
    }
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The extractor puts a space between runs of different faces, so the
    // text is compared without spaces.
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let guide = squash(&pdf_pages(&std::fs::read(dir.join("out/guide.pdf")).unwrap()).join("\n"));
    assert!(
        bare(&guide).contains(&bare(
            "Why is it advised to use useMemo, and when is it not worth it?"
        )),
        "{guide}"
    );
    for literal in ["`", "*not*", "\\?", "](https"] {
        assert!(!guide.contains(literal), "{literal} printed: {guide}");
    }
    let kit = std::fs::read_to_string(dir.join("out/interviewer.md")).unwrap();
    // The table cell is plain text, pipes escaped, so the table keeps its
    // three columns.
    assert!(
        kit.contains("| 2 | What does a \\|\\| b return \\| and this link? | [ ] |"),
        "{kit}"
    );
    let kit_pdf =
        squash(&pdf_pages(&std::fs::read(dir.join("out/interviewer.pdf")).unwrap()).join("\n"));
    assert!(
        kit_pdf.contains("2 What does a || b return | and this link?"),
        "{kit_pdf}"
    );
}
