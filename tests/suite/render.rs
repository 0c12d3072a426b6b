//! `studyguide render`: any Markdown file, with front matter or flags for
//! the output's keys, from a file or standard input.

use crate::common::{ok, pdf_pages, run, scratch, squash};
use std::io::Write;
use std::process::{Command, Stdio};

const NOTES: &str = "---\ntitle: System design notes\npaper: letter\ncolumns: 2\ntoc: true\n---\n\
# Storage\n\nPick the store by its access pattern.\n\n## Caching\n\nA cache hides latency.\n\n\
### Eviction\n\nLRU is the usual default.\n\n#### Write-through\n\nWrites go to both.\n\n\
```sql\nSELECT 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

#[test]
fn a_markdown_file_renders_with_its_front_matter() {
    let dir = scratch("render-notes");
    std::fs::write(dir.join("notes.md"), NOTES).unwrap();
    let out = run(&dir, &["render", "notes.md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote notes.pdf (1 page"));
    let pdf = lopdf::Document::load(dir.join("notes.pdf")).unwrap();
    let (_, page) = pdf.get_pages().into_iter().next().unwrap();
    let media = pdf.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
    let width = media.as_array().unwrap()[2].as_float().unwrap();
    assert!((width - 612.0).abs() < 0.5, "letter paper: {width}");
    let text = squash(&pdf_pages(&std::fs::read(dir.join("notes.pdf")).unwrap()).join("\n"));
    for heading in [
        "Contents",
        "Storage",
        "Caching",
        "Eviction",
        "Write-through",
        "SELECT 1;",
    ] {
        assert!(text.contains(heading), "{heading} missing: {text}");
    }
    // Every heading is in the outline, nested by level.
    let outline = outline_titles(&pdf);
    assert_eq!(
        outline,
        ["Storage", "Caching", "Eviction", "Write-through"],
        "{outline:?}"
    );
}

fn outline_titles(pdf: &lopdf::Document) -> Vec<String> {
    let mut titles = Vec::new();
    let Ok(root) = pdf
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(|o| o.as_reference())
    else {
        return titles;
    };
    let mut stack = vec![pdf
        .get_dictionary(root)
        .unwrap()
        .get(b"First")
        .ok()
        .cloned()];
    while let Some(next) = stack.pop() {
        let Some(Ok(id)) = next.map(|o| o.as_reference()) else {
            continue;
        };
        let item = pdf.get_dictionary(id).unwrap();
        let title = item.get(b"Title").unwrap().as_str().unwrap();
        titles.push(
            lopdf::decode_text_string(&lopdf::Object::String(
                title.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap_or_default(),
        );
        stack.push(item.get(b"Next").ok().cloned());
        stack.push(item.get(b"First").ok().cloned());
    }
    titles
}

#[test]
fn flags_override_the_front_matter_and_standard_input_works() {
    let dir = scratch("render-stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args([
            "render",
            "-",
            "-o",
            "out.pdf",
            "--set",
            "columns=1",
            "--set",
            "paper=a5",
        ])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(NOTES.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = lopdf::Document::load(dir.join("out.pdf")).unwrap();
    let (_, page) = pdf.get_pages().into_iter().next().unwrap();
    let media = pdf.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
    let width = media.as_array().unwrap()[2].as_float().unwrap();
    assert!((width - 419.5).abs() < 1.0, "A5 from --set: {width}");
}

#[test]
fn a_misspelt_key_is_an_error_at_its_line() {
    let dir = scratch("render-bad-key");
    std::fs::write(dir.join("notes.md"), "---\ntitle: X\ncolums: 2\n---\n# A\n").unwrap();
    let out = run(&dir, &["render", "notes.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.md:3:1"), "{err}");
    assert!(err.contains("columns"), "the hint names the key: {err}");
    assert!(!dir.join("notes.pdf").exists());
}

#[test]
fn the_anki_style_is_refused_with_its_line() {
    let dir = scratch("render-anki");
    std::fs::write(
        dir.join("notes.md"),
        "---\ntitle: X\nstyle: anki\n---\n# A\n",
    )
    .unwrap();
    let out = run(&dir, &["render", "notes.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.md:3:"), "{err}");
    assert!(err.contains("writes a deck from a question bank"), "{err}");
    let out = run(&dir, &["render", "notes.md", "--set", "style=handout"]);
    assert!(out.status.success(), "--set overrides the front matter");
    std::fs::remove_file(dir.join("notes.pdf")).unwrap();
    std::fs::write(dir.join("plain.md"), "# A\n").unwrap();
    let out = run(&dir, &["render", "plain.md", "--set", "style=anki"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("plain.pdf").exists());
}

#[test]
fn standard_input_needs_a_target() {
    let dir = scratch("render-no-target");
    let out = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(["render", "-"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o notes.pdf"));
}

#[test]
fn a_markdown_file_shows_its_pictures_from_its_own_folder() {
    let dir = scratch("render-pictures");
    let img = crate::common::root().join("tests/fixtures/images/bank/img");
    std::fs::create_dir_all(dir.join("notes/img")).unwrap();
    for file in ["architecture.svg", "photo.jpg"] {
        std::fs::copy(img.join(file), dir.join("notes/img").join(file)).unwrap();
    }
    let md = "# Notes\n\n![The service](img/architecture.svg)\n\n\
              <img src=\"img/photo.jpg\" alt=\"The wall\" width=\"40%\">\n";
    std::fs::write(dir.join("notes/notes.md"), md).unwrap();
    let out = run(&dir, &["render", "notes/notes.md"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    // pdftotext, which reads the text inside a drawing's form too.
    let text = squash(&crate::images::pdftotext(&dir.join("notes/notes.pdf")));
    assert!(text.contains("Orders DB"), "the SVG's labels: {text}");
    assert!(
        !text.contains("[image:"),
        "no alt text in place of a picture: {text}"
    );
    // A picture that is missing, or outside the file's folder, exits 2.
    std::fs::write(dir.join("secret.png"), b"x").unwrap();
    for (src, why) in [
        ("img/nowhere.svg", "cannot read it"),
        ("../secret.png", "outside the Markdown file's folder"),
    ] {
        std::fs::write(dir.join("notes/bad.md"), format!("# Bad\n\n![x]({src})\n")).unwrap();
        let out = run(&dir, &["render", "notes/bad.md"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(why) && err.contains("bad.md:3:"), "{err}");
        assert!(!dir.join("notes/bad.pdf").exists());
    }
}

#[test]
fn a_long_file_reports_a_late_picture_at_its_own_line() {
    // Long enough to be parsed in pieces (cut at question marks), with a
    // `<details>` left open across blocks and the missing picture near
    // the end, after a fence that holds a mark of its own.
    let dir = scratch("render-long-lines");
    let mut md = String::from("# Long notes\n\n");
    for q in 0..1500 {
        md.push_str(&format!(
            "<!-- question: q{q} -->\n## Question {q}\n\n<details><summary>More</summary>\n\n\
             Enough words to make a paragraph of a line or two on the page.\n\n</details>\n\n"
        ));
        if q == 900 {
            md.push_str("```\n<!-- question: not-a-mark -->\n```\n\n");
        }
    }
    let line = md.lines().count() + 5;
    md.push_str("## The end\n\nLast words.\n\n![Missing](img/gone.png)\n");
    assert!(md.len() > 200_000, "{} bytes", md.len());
    std::fs::write(dir.join("long.md"), &md).unwrap();
    let out = run(&dir, &["render", "long.md"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("long.md:{line}:1")),
        "line {line}: {err}"
    );
    assert!(err.contains("![Missing](img/gone.png)"), "{err}");
    assert!(!dir.join("long.pdf").exists());
}

#[test]
fn a_long_title_and_section_share_the_running_header_without_overlapping() {
    let dir = scratch("render-long-header");
    let long =
        "A very long document title that goes on and on about caches, queues and eviction policies";
    let section =
        "An equally long section heading about hand-rolled caches, their TTLs and their eviction";
    let body = "Words of a paragraph that fills the pages. ".repeat(400);
    std::fs::write(
        dir.join("long.md"),
        format!("---\ntitle: {long}\n---\n# {section}\n\n{body}\n"),
    )
    .unwrap();
    ok(&run(&dir, &["render", "long.md"]));
    let words = crate::images::words(&dir.join("long.pdf"), 2);
    let top = words.iter().map(|w| w.2).fold(f32::MAX, f32::min);
    let mut header: Vec<_> = words.iter().filter(|w| w.2 < top + 2.0).collect();
    header.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert!(header.len() > 4, "{header:?}");
    for pair in header.windows(2) {
        assert!(
            pair[0].3 <= pair[1].1 + 0.1,
            "{:?} runs into {:?}",
            pair[0],
            pair[1]
        );
    }
    // Both are cut short at a word, with an ellipsis.
    let cut: Vec<_> = header
        .iter()
        .filter(|w| w.0.ends_with('\u{2026}'))
        .collect();
    assert_eq!(cut.len(), 2, "{header:?}");
}
