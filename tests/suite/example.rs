//! The shipped example guide: content, page count, snapshot, determinism.

use crate::common::{pdf_pages, root, run, scratch, squash};
use std::path::Path;

fn build_example() -> studyguide::Rendered {
    let guide = studyguide::Guide::load(&root().join("guide.toml")).expect("the example loads");
    let (mut rendered, warnings) = guide.render(None).expect("the example renders");
    assert!(
        warnings.is_empty(),
        "the example guide builds without warnings: {warnings:?}"
    );
    assert_eq!(rendered.len(), 1);
    rendered.remove(0)
}

#[test]
fn example_pdf_holds_all_25_questions_word_for_word() {
    let out = build_example();
    let questions = studyguide::list(&root().join("guide.toml")).unwrap();
    assert_eq!(questions.len(), 25);
    let pages = pdf_pages(&out.pdf);
    assert_eq!(pages.len(), out.pages);
    let text = squash(&pages.join("\n"));
    for q in &questions {
        let near = text
            .find(&q.question[..20])
            .map(|i| &text[i..(i + 160).min(text.len())]);
        assert!(
            text.contains(&q.question),
            "question `{}` is in the PDF text: {} / {near:?}",
            q.id,
            q.question
        );
    }
    // Numbered 1 to 25, each once, in order.
    let mut from = 0;
    for q in 1..=25 {
        let needle = format!("{q}. ");
        let at = text[from..].find(&needle).map(|i| i + from);
        assert!(at.is_some(), "question number {q} appears after {from}");
        from = at.unwrap();
    }
}

#[test]
fn example_has_a_title_block_and_numbered_footers() {
    let out = build_example();
    let pages = pdf_pages(&out.pdf);
    assert!(
        (6..=16).contains(&pages.len()),
        "a sensible page count: {}",
        pages.len()
    );
    let first = squash(&pages[0]);
    assert!(
        first.starts_with("Senior Backend Developer Interview"),
        "{first}"
    );
    for (n, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of {}", n + 1, pages.len());
        assert!(
            squash(page).contains(&footer),
            "page {} has its footer",
            n + 1
        );
    }
    // Running header from page 2 on: the guide title.
    assert!(squash(&pages[1]).starts_with("Senior Backend Developer Interview"));
}

#[test]
fn example_markdown_matches_the_snapshot() {
    let out = build_example();
    let path = root().join("tests/snapshots/guide.md");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &out.markdown).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(
        out.markdown, expected,
        "rendered Markdown changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
    );
}

#[test]
fn builds_are_byte_identical_in_one_process_and_across_processes() {
    let a = build_example();
    let b = build_example();
    assert_eq!(a.pdf, b.pdf, "same process");
    let d1 = scratch("det1");
    let d2 = scratch("det2");
    let guide = root().join("guide.toml");
    let guide = guide.to_str().unwrap();
    for d in [&d1, &d2] {
        let out = run(
            d,
            &["build", "--config", guide, "--out", d.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let p1 = std::fs::read(d1.join("guide.pdf")).unwrap();
    let p2 = std::fs::read(d2.join("guide.pdf")).unwrap();
    assert_eq!(p1, p2, "two processes");
    assert_eq!(p1, a.pdf, "CLI and library agree");
}

#[test]
fn the_pdf_has_an_outline_page_labels_and_metadata() {
    let out = build_example();
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    assert!(catalog.get(b"PageLabels").is_ok());
    let outlines = doc
        .get_object(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let outlines = outlines.as_dict().unwrap();
    // Five sections, each holding its questions.
    let mut section = outlines.get(b"First").unwrap().as_reference().ok();
    let mut sections = 0;
    let mut questions = 0;
    while let Some(id) = section {
        let dict = doc.get_object(id).unwrap().as_dict().unwrap();
        sections += 1;
        let mut q = dict.get(b"First").ok().and_then(|o| o.as_reference().ok());
        while let Some(qid) = q {
            questions += 1;
            q = doc
                .get_object(qid)
                .unwrap()
                .as_dict()
                .unwrap()
                .get(b"Next")
                .ok()
                .and_then(|o| o.as_reference().ok());
        }
        section = dict.get(b"Next").ok().and_then(|o| o.as_reference().ok());
    }
    assert_eq!((sections, questions), (5, 25));
    let info = doc
        .get_object(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let info = info.as_dict().unwrap();
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:19700101000000Z"
    );
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);
    assert_ne!(id[0].as_str().unwrap(), b"STUDYGUIDEIDPLACEHOLDER000000000");
}

#[test]
fn cli_build_reports_each_file_with_pages_and_size() {
    let dir = scratch("cli-build");
    let guide = root().join("guide.toml");
    let out = run(
        &dir,
        &[
            "build",
            "--config",
            guide.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("guide.pdf ("), "{stdout}");
    assert!(stdout.contains(" pages, "), "{stdout}");
    assert!(stdout.contains("guide.md"), "{stdout}");
    assert!(Path::new(&dir.join("guide.md")).exists());
}

#[test]
fn list_prints_every_question_and_json_for_machines() {
    let out = run(&root(), &["list", "--json"]);
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(rows[0]["id"], "team-collaboration");
    assert_eq!(rows[0]["difficulty"], "easy");
    let plain = run(&root(), &["list"]);
    let text = String::from_utf8_lossy(&plain.stdout);
    assert_eq!(text.lines().count(), 25);
    assert!(text.contains("security-in-development"));
}
