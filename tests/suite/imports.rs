//! `studyguide import`: articles and Markdown into banks that build.

use crate::common::{ok, pdf_pages, root, run, scratch, squash};

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

/// Imports a fixture of `tests/fixtures/import-markdown` into `dir`.
fn import_markdown(dir: &std::path::Path, name: &str) -> String {
    let fixture = root().join("tests/fixtures/import-markdown").join(name);
    let out = run(
        dir,
        &["import", fixture.to_str().unwrap(), "-o", "bank.toml"],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

/// Each Markdown layout imports into a bank that builds with no edits, and
/// every question heading is in the PDF.
#[test]
fn imported_markdown_layouts_build_into_guides() {
    for (name, questions) in [
        (
            "list-headings.md",
            // Question markup is typeset by the heading stage; only words
            // are checked here.
            &[
                "What is a trowel for?",
                "advised to oil",
                "How do you store a",
            ][..],
        ),
        (
            "sections.md",
            &[
                "How do you give hard feedback?",
                "How do you estimate a project?",
            ][..],
        ),
        (
            "labelled.md",
            &[
                "What does this planting script print?",
                "print(len([\"leek\", \"bean\"]))",
                "Row 2, sown earlier.",
            ][..],
        ),
        (
            "question-list.md",
            &[
                "What is a cold frame for?",
                "Which family would you plant first?",
                "When do you sow broad beans?",
            ][..],
        ),
        (
            "summaries.md",
            &[
                "What does compost add to soil?",
                "Explain pH in a sentence.",
                "Why water the roots and not the leaves?",
                // The answer set under it, no framing tags left.
                "It adds organic matter",
            ][..],
        ),
    ] {
        let dir = scratch(&format!("import-{name}"));
        import_markdown(&dir, name);
        // The imported answer keeps its picture, which the build embeds.
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::copy(
            root().join("tests/fixtures/images/bank/img/diagram.png"),
            dir.join("images/hose.png"),
        )
        .unwrap();
        std::fs::write(
            dir.join("guide.toml"),
            "title = \"Imported\"\nbanks = [\"bank.toml\"]\n",
        )
        .unwrap();
        let out = run(&dir, &["build"]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
        let text = squash(&pdf_pages(&pdf).join(" "));
        for q in questions {
            assert!(text.contains(q), "{name}: {q} not in {text}");
        }
        assert!(!text.contains("Back to Top"), "{name}: navigation kept");
        assert!(!text.contains("</"), "{name}: HTML framing kept");
    }
}

#[test]
fn import_summary_lists_sections_unanswered_questions_and_navigation() {
    let dir = scratch("import-summary");
    let fixture = root().join("tests/fixtures/import-markdown/q-prefix.md");
    let out = run(&dir, &["import", fixture.to_str().unwrap(), "--dry-run"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("found 5 questions in "), "{err}");
    assert!(
        err.contains("(markdown)\n  Dough: 2\n  Baking: 3\n"),
        "{err}"
    );
    assert!(
        err.contains("2 without an answer: what-is-a-poolish, why-score-the-loaf\n"),
        "{err}"
    );
    assert!(
        err.contains("dropped as navigation: 3 back-to-top links, 1 table of contents"),
        "{err}"
    );
    // A dry run writes nothing and prints no bank.
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn import_refuses_to_replace_a_bank_without_force() {
    let dir = scratch("import-force");
    std::fs::write(dir.join("bank.toml"), "# hand-written\n").unwrap();
    let fixture = root().join("tests/fixtures/import-markdown/sections.md");
    let path = fixture.to_str().unwrap();
    let out = run(&dir, &["import", path, "-o", "bank.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.join("bank.toml")).unwrap(),
        "# hand-written\n"
    );
    let out = run(&dir, &["import", path, "-o", "bank.toml", "--force"]);
    assert!(out.status.success());
    let bank = std::fs::read_to_string(dir.join("bank.toml")).unwrap();
    assert_eq!(bank.matches("[[question]]").count(), 4);
}

/// Imports `name` from `tests/fixtures/import-csv` into `dir/bank.toml`
/// with `extra` arguments, builds a guide of it, and returns the bank and
/// the PDF's text.
fn import_and_build(dir: &std::path::Path, name: &str, extra: &[&str]) -> (String, String) {
    let fixture = root().join("tests/fixtures/import-csv").join(name);
    let mut args = vec!["import", fixture.to_str().unwrap(), "-o", "bank.toml"];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Imported\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let out = run(dir, &["build"]);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
    (
        std::fs::read_to_string(dir.join("bank.toml")).unwrap(),
        squash(&pdf_pages(&pdf).join(" ")),
    )
}

/// A CSV with renamed columns, quoted multi-line cells and a BOM round
/// trips: import with `--columns`, build, and every question is printed.
#[test]
fn a_csv_with_renamed_columns_builds_into_a_guide() {
    let dir = scratch("import-csv");
    let (bank, text) = import_and_build(
        &dir,
        "renamed.csv",
        &[
            "--columns",
            "question=Prompt,answer=Model answer,section=Topic,tags=Labels,difficulty=Level",
        ],
    );
    assert!(
        bank.contains("answer = \"\"\"\nIt separates fine flour from bran.\n\nSift twice"),
        "{bank}"
    );
    assert!(bank.contains("question = \"Why rest dough before shaping?\""));
    assert!(bank.contains("section = \"Milling\""));
    assert!(
        bank.contains("\"imported\",\n    \"dough\",\n    \"gluten\",\n]\ndifficulty = \"hard\"")
    );
    for q in [
        "What does a sieve do?",
        "Why rest dough before shaping?",
        // Straight quotes are typeset as curly ones.
        "How do you say “proofed” in a recipe?",
    ] {
        assert!(text.contains(q), "{q} not in {text}");
    }
    assert!(
        text.contains("Milling") && text.contains("Shaping"),
        "{text}"
    );
}

#[test]
fn a_tsv_and_an_anki_export_build_into_guides() {
    let dir = scratch("import-tsv");
    let (bank, text) = import_and_build(&dir, "plain.tsv", &[]);
    assert!(bank.contains("section = \"Starters\""), "{bank}");
    assert!(bank.contains("section = \"Imported\""), "{bank}");
    assert!(text.contains("What is a levain?") && text.contains("How warm should a proof be?"));

    let dir = scratch("import-anki");
    let (bank, text) = import_and_build(&dir, "deck.txt", &[]);
    assert!(
        bank.contains("question = \"What is **autolyse**?\""),
        "{bank}"
    );
    assert!(
        bank.contains("Mixing flour and water, then waiting.\nNo salt & no yeast yet."),
        "{bank}"
    );
    assert!(bank.contains("\"bread\",\n    \"technique\","), "{bank}");
    assert!(text.contains("What is autolyse?"), "{text}");
    assert!(text.contains("Name the two steps"), "{text}");
}

#[test]
fn a_malformed_csv_is_a_clear_error_with_its_line() {
    let dir = scratch("import-csv-errors");
    std::fs::write(dir.join("short.csv"), "question,answer\n\"a\nb?\",c\nd?\n").unwrap();
    std::fs::write(dir.join("headless.csv"), "Front,Back\nx,y\n").unwrap();
    for (file, expected) in [
        (
            "short.csv",
            "line 4: the row has 1 of the header's 2 fields",
        ),
        (
            "headless.csv",
            "line 1: the header row has no `question` column",
        ),
    ] {
        let out = run(&dir, &["import", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("--columns"), "{err}");
    }
    assert!(String::from_utf8_lossy(
        &run(
            &dir,
            &[
                "import",
                "headless.csv",
                "--columns",
                "question=Front,answer=Back"
            ]
        )
        .stderr
    )
    .contains("found 1 question"));
}

/// A quiz of task-list options builds into a candidate copy that prints the
/// options to tick and none of the answers, and a kit that ticks the right
/// one and explains it.
#[test]
fn an_imported_quiz_prints_its_options_to_candidates_and_its_ticks_to_the_kit() {
    let dir = scratch("import-quiz");
    import_markdown(&dir, "quiz.md");
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Kitchen quiz\"\nbanks = [\"bank.toml\"]\n\n\
         [[output]]\nname = \"candidate\"\ntemplate = \"candidate\"\nshow = [\"question\", \"notes\"]\n\n\
         [[output]]\nname = \"interviewer\"\ntemplate = \"interviewer\"\nshow = [\"question\", \"answer\", \"score\"]\n",
    )
    .unwrap();
    ok(&run(&dir, &["build"]));
    let text = |name: &str| {
        let pdf = std::fs::read(dir.join(format!("out/{name}.pdf"))).unwrap();
        squash(&pdf_pages(&pdf).join(" "))
    };
    let candidate = text("candidate");
    for option in [
        "A whisk",
        "A serrated knife",
        "A ladle",
        "Preheat the oven",
        "1. preheat",
    ] {
        assert!(candidate.contains(option), "{option} not in {candidate}");
    }
    for answer in [
        "cards list steps in order",
        "Explanation",
        "below the options",
    ] {
        assert!(!candidate.contains(answer), "{answer} leaked: {candidate}");
    }
    // Every box a candidate sees is empty.
    let md = std::fs::read_to_string(dir.join("out/candidate.md")).unwrap();
    assert!(!md.contains("[x]") && !md.contains("[X]"), "{md}");
    let kit = text("interviewer");
    assert!(kit.contains("cards list steps in order"), "{kit}");
    let kit_md = std::fs::read_to_string(dir.join("out/interviewer.md")).unwrap();
    assert!(kit_md.contains("- [x] A serrated knife"), "{kit_md}");
}

/// `import FOLDER`: every Markdown file under it is one bank. Questions are
/// in their folder's section, a question an overview lists and another
/// file answers is kept once, answered, the repository's own files and
/// hidden folders are passed over, and the bank builds.
#[test]
fn a_folder_of_question_files_imports_as_one_bank_that_builds() {
    let dir = scratch("import-folder");
    let src = dir.join("collection");
    let write = |path: &str, text: &str| {
        let path = src.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "Soil-Care/Overview.md",
        "## Questions\n\n- [Q1. What is tilth?](Q01.md)\n- [Q2. Why add compost in autumn?](Q02.md)\n- [Q3. What is a loam?](Q03.md)\n",
    );
    write(
        "Soil-Care/Q01.md",
        "# Q1 - What is tilth?\n\nCrumbly, well-worked soil.\n\n![A tilled bed](./res/bed.png)\n",
    );
    std::fs::create_dir_all(src.join("Soil-Care/res")).unwrap();
    std::fs::copy(
        root().join("assets/acme-logo.png"),
        src.join("Soil-Care/res/bed.png"),
    )
    .unwrap();
    write(
        "Soil-Care/Why add compost in autumn.md",
        "# Compost\n\nWinter rain carries it into the soil.\n\n## Example\n\nA barrow a bed.\n",
    );
    write(
        "Pests/slugs.md",
        "## How do you keep slugs off lettuce?\n\nCopper tape.\n",
    );
    write(
        "CONTRIBUTING.md",
        "## How do I send a change?\n\nOpen a pull request.\n",
    );
    write(".github/notes.md", "## What is hidden here?\n\nNothing.\n");
    write("Pests/picture.png", "not markdown");
    // A link back up the tree is passed over, not walked for ever.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&src, src.join("Pests/loop")).unwrap();
    let out = run(&dir, &["import", "collection", "-o", "garden.toml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("found 4 questions in collection"),
        "{stderr}"
    );
    assert!(stderr.contains("  Pests: 1\n  Soil Care: 3\n"), "{stderr}");
    // Listed and answered nowhere: kept, and said to be unanswered.
    assert!(
        stderr.contains("1 without an answer: what-is-a-loam"),
        "{stderr}"
    );
    assert!(stderr.contains("left out 2 unanswered copies"), "{stderr}");
    let bank = std::fs::read_to_string(dir.join("garden.toml")).unwrap();
    for id in [
        "how-do-you-keep-slugs-off-lettuce",
        "what-is-tilth",
        "why-add-compost-in-autumn",
    ] {
        assert!(bank.contains(&format!("id = \"{id}\"")), "{id}: {bank}");
    }
    assert!(
        !bank.contains("pull request") && !bank.contains("hidden"),
        "{bank}"
    );
    // The picture's path, relative to its file, now starts at the bank.
    assert!(
        bank.contains("![A tilled bed](collection/Soil-Care/res/bed.png)"),
        "{bank}"
    );
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Garden\"\nbanks = [\"garden.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    ok(&out);
    let text = squash(&pdf_pages(&std::fs::read(dir.join("out/guide.pdf")).unwrap()).join(" "));
    assert!(text.contains("Why add compost in autumn"), "{text}");
    assert!(
        text.contains("Winter rain carries it into the soil."),
        "{text}"
    );
    let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
    let image = |w: &[u8]| w == b"/Subtype/Image" || w == b"/Subtype /Imag";
    assert!(pdf.windows(14).any(image), "the picture is printed");
    // One file imported to a bank in another folder: the same rewriting.
    let out = run(&dir, &["import", "collection/Soil-Care/Q01.md"]);
    ok(&out);
    let bank = String::from_utf8_lossy(&out.stdout);
    assert!(
        bank.contains("![A tilled bed](collection/Soil-Care/res/bed.png)"),
        "{bank}"
    );
}

/// A folder with no Markdown question anywhere is an error that says so,
/// and writes nothing.
#[test]
fn a_folder_without_questions_is_an_error() {
    let dir = scratch("import-folder-empty");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/plain.md"), "Just some text.\n").unwrap();
    let out = run(&dir, &["import", "notes", "-o", "bank.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("found no questions in the 1 Markdown files under `notes`"),
        "{stderr}"
    );
    assert!(!dir.join("bank.toml").exists());
}
