//! The shipped example guide: content, page count, snapshot, determinism.

use crate::common::{pdf_pages, root, run, scratch, squash};
use std::path::Path;

fn build_all() -> Vec<studyguide::Rendered> {
    let guide = studyguide::Guide::load(&root().join("guide.toml")).expect("the example loads");
    let (rendered, warnings) = guide.render(None).expect("the example renders");
    assert!(
        warnings.is_empty(),
        "the example guide builds without warnings: {warnings:?}"
    );
    let names: Vec<&str> = rendered.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "candidate",
            "interviewer",
            "guide",
            "cheatsheet",
            "flashcards",
            "deck"
        ]
    );
    rendered
}

fn build_example() -> studyguide::Rendered {
    build_all().into_iter().find(|r| r.name == "guide").unwrap()
}

/// Letters and digits only, lowercased: immune to markup, hyphenation and wrapping.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The letters of every page without its running header and footer, so
/// sentences that cross a page break read on.
fn body_letters(pdf: &[u8]) -> String {
    let pages = pdf_pages(pdf);
    let title = letters("Senior Backend Developer Interview");
    let sections = [
        "Working with people",
        "Skills and background",
        "Architecture and systems",
        "Process and quality",
        "Career and growth",
        "Scorecard",
    ];
    let mut out = String::new();
    for (n, page) in pages.iter().enumerate() {
        let mut text =
            letters(page).replace(&letters(&format!("Page {} of {}", n + 1, pages.len())), "");
        if n > 0 {
            if let Some(rest) = text.strip_prefix(&title) {
                let section = sections
                    .iter()
                    .map(|s| letters(s))
                    .find(|s| rest.starts_with(s.as_str()))
                    .unwrap_or_default();
                text = rest[section.len()..].to_string();
            }
        }
        out.push_str(&text);
    }
    out
}

#[test]
fn the_candidate_copy_has_no_answers_and_the_interviewer_kit_has_them_all() {
    let all = build_all();
    let questions = studyguide::list(&root().join("guide.toml"), false).unwrap();
    let candidate = body_letters(&all[0].file);
    let interviewer = body_letters(&all[1].file);
    let mut sentences = 0;
    for q in &questions {
        for sentence in q
            .answer
            .split(['.', '!', '?', '\n'])
            .map(letters)
            .filter(|s| s.len() >= 20)
        {
            sentences += 1;
            assert!(
                !candidate.contains(&sentence),
                "answer text of `{}` in the candidate copy: {sentence}",
                q.id
            );
            assert!(
                interviewer.contains(&sentence),
                "answer text of `{}` missing from the interviewer kit: {sentence}",
                q.id
            );
        }
        for item in &q.listen_for {
            assert!(!candidate.contains(&letters(item)), "{item}");
            assert!(interviewer.contains(&letters(item)), "{item}");
        }
    }
    assert!(sentences > 150, "{sentences}");
    let text = squash(&pdf_pages(&all[0].file).join(" "));
    assert_eq!(text.matches("Practised").count(), 25);
    let kit = squash(&pdf_pages(&all[1].file).join(" "));
    assert!(kit.contains("Scorecard") && kit.contains("Total:"), "{kit}");
    assert_eq!(kit.matches("Comments").count(), 25);
}

#[test]
fn example_pdf_holds_all_25_questions_word_for_word() {
    let out = build_example();
    let questions = studyguide::list(&root().join("guide.toml"), false).unwrap();
    assert_eq!(questions.len(), 25);
    let pages = pdf_pages(&out.file);
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
    let pages = pdf_pages(&out.file);
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
fn example_markdown_matches_the_snapshots() {
    for out in build_all() {
        // A PDF is snapshotted as the Markdown it is typeset from; an Anki
        // deck, which has none, as its own text.
        let (path, actual) = if out.style.is_pdf() {
            (format!("tests/snapshots/{}.md", out.name), out.markdown)
        } else {
            let text = String::from_utf8(out.file).expect("a deck is UTF-8");
            (format!("tests/snapshots/{}.txt", out.name), text)
        };
        let path = root().join(path);
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &actual).unwrap();
        }
        let expected =
            std::fs::read_to_string(&path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
        assert_eq!(
            actual, expected,
            "{}: rendered output changed; rerun with UPDATE_SNAPSHOTS=1 if intended",
            out.name
        );
    }
}

#[test]
fn builds_are_byte_identical_in_one_process_and_across_processes() {
    let a = build_example();
    let b = build_example();
    assert_eq!(a.file, b.file, "same process");
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
    assert_eq!(p1, a.file, "CLI and library agree");
}

#[test]
fn the_pdf_has_an_outline_page_labels_and_metadata() {
    let out = build_example();
    let doc = lopdf::Document::load_mem(&out.file).unwrap();
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
    assert!(
        stdout.contains("candidate.pdf (") && stdout.contains("interviewer.pdf ("),
        "{stdout}"
    );
    let one = dir.join("one");
    let only = run(
        &dir,
        &[
            "build",
            "--config",
            guide.to_str().unwrap(),
            "--out",
            one.to_str().unwrap(),
            "--output",
            "candidate",
        ],
    );
    assert!(only.status.success());
    assert!(one.join("candidate.pdf").exists() && !one.join("guide.pdf").exists());
    assert!(
        stdout.contains("candidate.pdf (") && stdout.contains("interviewer.pdf ("),
        "{stdout}"
    );
    let only = run(
        &dir,
        &[
            "build",
            "--config",
            guide.to_str().unwrap(),
            "--out",
            dir.join("one").to_str().unwrap(),
            "--output",
            "candidate",
        ],
    );
    assert!(only.status.success());
    assert!(dir.join("one/candidate.pdf").exists() && !dir.join("one/guide.pdf").exists());
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
