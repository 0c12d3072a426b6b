//! Config features that change the output: template overrides, paper, fonts.

use crate::common::{copy_bank, pdf_pages, root, run, scratch, squash};

const BASE: &str = r#"title = "Pack"
banks = ["questions/senior-backend.toml"]

[[section]]
title = "Picked"
ids = ["team-collaboration", "cloud-experience"]
"#;

fn font_names(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(|b| b.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn a_templates_folder_overrides_the_built_in_question_template() {
    let dir = scratch("override");
    copy_bank(&dir);
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(
        dir.join("tpl/question.md.hbs"),
        "<!-- question: {{id}} -->\n## {{number}}. {{question}}\n\nDifficulty: {{difficulty}}; tags: {{#each tags}}{{this}} {{/each}}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        BASE.replace("banks =", "templates = \"tpl\"\nbanks ="),
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/guide.md")).unwrap();
    assert!(
        md.contains("Difficulty: easy; tags: behavioral teamwork"),
        "{md}"
    );
    assert!(
        !md.contains("Example answer"),
        "the built-in partial was replaced: {md}"
    );
    let text = squash(&pdf_pages(&std::fs::read(dir.join("out/guide.pdf")).unwrap()).join(" "));
    assert!(
        text.contains("Difficulty: medium; tags: cloud tooling"),
        "{text}"
    );
}

#[test]
fn letter_paper_and_custom_fonts_are_used() {
    let dir = scratch("letter-fonts");
    copy_bank(&dir);
    let mono = root().join("fonts/NotoSansMono-Regular.ttf");
    let config = format!(
        "{BASE}\n[[output]]\nname = \"letter\"\npaper = \"letter\"\nmargin = \"1in\"\nfonts = {{ regular = '{}' }}\n",
        mono.display()
    );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let refused = run(&dir, &["build"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a font outside the folder needs --allow-outside"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is outside the config's folder"));
    let out = run(&dir, &["build", "--allow-outside"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("out/letter.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let page = doc.get_pages().into_values().next().unwrap();
    let media: Vec<f32> = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    assert_eq!(media, vec![0.0, 0.0, 612.0, 792.0]);
    let names = font_names(&pdf);
    assert!(
        names.iter().any(|n| subset_of(n, "NotoSansMono")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| subset_of(n, "GentiumBookPlus")),
        "{names:?}"
    );
}

/// Whether `name` is a subset of `font`: `ABCDEF+Font…`.
fn subset_of(name: &str, font: &str) -> bool {
    name.len() > 7
        && name.as_bytes()[..6].iter().all(u8::is_ascii_uppercase)
        && name[6..].starts_with(&format!("+{font}"))
}

#[test]
fn the_default_fonts_are_embedded_as_subsets() {
    let dir = scratch("fonts-default");
    copy_bank(&dir);
    std::fs::write(dir.join("guide.toml"), BASE).unwrap();
    assert!(run(&dir, &["build"]).status.success());
    let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
    let names = font_names(&pdf);
    assert!(
        names.iter().all(|n| n.len() > 7 && n.as_bytes()[6] == b'+'),
        "subset tags: {names:?}"
    );
    assert!(
        pdf.len() < 200_000,
        "subsetting keeps the file small: {}",
        pdf.len()
    );
}

#[test]
fn out_of_range_values_are_rejected_with_the_range() {
    let dir = scratch("range");
    copy_bank(&dir);
    std::fs::write(
        dir.join("guide.toml"),
        format!("{BASE}\n[[output]]\nname = \"g\"\nfont_size = 99\nmargin = \"3\"\n"),
    )
    .unwrap();
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`font_size = 99` is out of range"), "{err}");
    assert!(err.contains("use a value from 5 to 30"), "{err}");
    assert!(err.contains("`3` is not a length"), "{err}");
}

#[test]
fn unsafe_output_names_are_rejected() {
    let dir = scratch("names");
    copy_bank(&dir);
    std::fs::write(
        dir.join("guide.toml"),
        format!("{BASE}\n[[output]]\nname = \"../escape\"\n"),
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a plain file name"));
    assert!(!dir.join("escape.pdf").exists());
}

#[test]
fn toc_entries_become_goto_links_and_strict_passes_a_clean_build() {
    let dir = scratch("toc-links");
    copy_bank(&dir);
    std::fs::write(
        dir.join("guide.toml"),
        format!("{BASE}\n[[output]]\nname = \"toc\"\ntoc = true\ncolumns = 2\nheader = false\nfooter = \"{{page}}\"\n"),
    )
    .unwrap();
    let out = run(&dir, &["build", "--strict", "--report"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("out/toc.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut gotos = 0;
    for page in doc.get_pages().into_values() {
        let Ok(annots) = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Annots")
            .and_then(|a| a.as_array())
        else {
            continue;
        };
        for a in annots {
            let dict = match a {
                lopdf::Object::Dictionary(d) => d.clone(),
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
                _ => continue,
            };
            let action = dict.get(b"A").unwrap().as_dict().unwrap();
            if action.get(b"S").unwrap().as_name().unwrap() == b"GoTo" {
                gotos += 1;
            }
        }
    }
    assert_eq!(gotos, 3, "one section and two questions");
    let text = squash(&pdf_pages(&pdf).join(" "));
    assert!(text.contains("Contents"), "{text}");
    assert!(
        !text.contains("Page 1 of"),
        "the footer is the bare page number: {text}"
    );
}

#[test]
fn a_template_that_leaks_answers_into_the_candidate_copy_fails_the_build() {
    let dir = scratch("leak");
    copy_bank(&dir);
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    // A "candidate" template that sneaks the answer in, lower-cased and wrapped.
    std::fs::write(
        dir.join("tpl/candidate.md.hbs"),
        "{{#each sections}}{{#each questions}}\n<!-- question: {{id}} -->\n## {{question}}\n\nHint: *{{{answer}}}*\n{{/each}}{{/each}}\n",
    )
    .unwrap();
    let config = BASE.replace("banks =", "templates = \"tpl\"\nbanks =")
        + "\n[[output]]\nname = \"candidate\"\ntemplate = \"candidate\"\nshow = [\"question\", \"why\"]\n";
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "output `candidate` does not show answers but contains that of `team-collaboration`"
        ),
        "{err}"
    );
    assert!(err.contains("check the template `candidate`"), "{err}");
    // One mistake, several leaked answers: one error, then the other ids.
    assert!(
        err.lines().count() <= 20,
        "{} lines:\n{err}",
        err.lines().count()
    );
    assert!(err.contains("… the same for "), "{err}");
    assert!(
        !dir.join("out/candidate.pdf").exists(),
        "nothing is written"
    );
    assert!(!dir.join("out/candidate.md").exists(), "nothing is written");
}

#[test]
fn the_same_seed_gives_the_same_order_in_every_process_and_another_seed_another() {
    let order = |seed: u64| -> Vec<String> {
        let dir = scratch(&format!("seed-{seed}"));
        copy_bank(&dir);
        std::fs::write(
            dir.join("guide.toml"),
            format!("title = \"Shuffled\"\nbanks = [\"questions/senior-backend.toml\"]\n\n[[section]]\ntitle = \"All\"\ntags = [\"process\", \"career\", \"databases\", \"languages\"]\norder = \"shuffle\"\nseed = {seed}\n"),
        )
        .unwrap();
        let out = run(&dir, &["build"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let md = std::fs::read_to_string(dir.join("out/guide.md")).unwrap();
        md.lines()
            .filter(|l| l.starts_with("## "))
            .map(str::to_string)
            .collect()
    };
    let a = order(42);
    assert_eq!(a, order(42));
    assert_ne!(a, order(7));
    assert!(a.len() >= 12);
    assert!(a[0].starts_with("## 1. "));
}

#[test]
fn a_shuffle_without_a_seed_is_an_error() {
    let dir = scratch("no-seed");
    copy_bank(&dir);
    std::fs::write(
        dir.join("guide.toml"),
        BASE.replace("ids = [", "order = \"shuffle\"\nids = ["),
    )
    .unwrap();
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("has `order = \"shuffle\"` but no `seed`"),
        "{err}"
    );
    assert!(err.contains("add `seed = 42`"), "{err}");
}

#[test]
fn batch_outputs_get_stable_names_and_their_own_orders() {
    let dir = scratch("batch");
    copy_bank(&dir);
    let config = "title = \"Batch\"\nbanks = [\"questions/senior-backend.toml\"]\n\n[[section]]\ntitle = \"All\"\ntags = [\"process\", \"career\"]\norder = \"shuffle\"\nseed = 9\n\n[[output]]\nname = \"drill\"\nvariants = 3\n\n[[output]]\nname = \"copy\"\ntemplate = \"candidate\"\nshow = [\"question\", \"why\"]\nfor_each = [\"Alice Smith\", \"bob\"]\n";
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let order = |name: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join(format!("out/{name}.md")))
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("## "))
            .map(|l| l.split_once(". ").unwrap().1.to_string())
            .collect()
    };
    let (a, b, c) = (order("drill-01"), order("drill-02"), order("drill-03"));
    assert!(a != b && b != c && a != c, "each variant has its own order");
    let mut sorted_a = a.clone();
    let mut sorted_b = b.clone();
    sorted_a.sort();
    sorted_b.sort();
    assert_eq!(sorted_a, sorted_b, "the same questions");
    let alice =
        squash(&pdf_pages(&std::fs::read(dir.join("out/copy-alice-smith.pdf")).unwrap()).join(" "));
    assert!(alice.contains("Copy: Alice Smith"), "{alice}");
    assert!(dir.join("out/copy-bob.pdf").exists());
    // Rebuilding gives the same files.
    let before = std::fs::read(dir.join("out/drill-02.pdf")).unwrap();
    assert!(run(&dir, &["build"]).status.success());
    assert_eq!(std::fs::read(dir.join("out/drill-02.pdf")).unwrap(), before);
    // The batch's own name builds the whole batch, and only it.
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    let out = run(&dir, &["build", "--output", "drill"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for n in ["01", "02", "03"] {
        assert!(dir.join(format!("out/drill-{n}.pdf")).exists(), "drill-{n}");
    }
    assert!(!dir.join("out/copy-bob.pdf").exists());
}

#[test]
fn a_listen_for_phrase_also_in_the_shown_answer_is_not_a_leak() {
    let dir = scratch("leak-false-positive");
    std::fs::write(
        dir.join("bank.toml"),
        "[[question]]\nid = \"cache-design\"\nquestion = \"How do you design a cache?\"\nwhy = \"Caching.\"\nanswer = \"I would rely on explicit invalidation on writes.\"\nsection = \"S\"\ndifficulty = \"easy\"\nlisten_for = [\"invalidation\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Cache\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_answer_in_words_the_bank_shows_elsewhere_is_no_leak_and_others_still_are() {
    let dir = scratch("leak-public-words");
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    // The first answer's words are also the second question's own; the
    // second answer's are nowhere else. The template prints answers only.
    std::fs::write(
        dir.join("bank.toml"),
        "[[question]]\nid = \"put\"\nquestion = \"Is PUT idempotent?\"\nwhy = \"Methods.\"\nanswer = \"Yes, always.\"\nsection = \"S\"\ndifficulty = \"easy\"\n\n\
         [[question]]\nid = \"post\"\nquestion = \"Is POST idempotent? Yes, always?\"\nwhy = \"Methods.\"\nanswer = \"Only with a key.\"\nsection = \"S\"\ndifficulty = \"easy\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("tpl/answers.md.hbs"),
        "# Answers\n{{#each sections}}{{#each questions}}\n<!-- question: {{id}} -->\n## {{number}}\n\n{{{answer}}}\n{{/each}}{{/each}}\n",
    )
    .unwrap();
    let config = |ids: &str| {
        format!(
            "title = \"Methods\"\nbanks = [\"bank.toml\"]\ntemplates = \"tpl\"\n\n\
             [[section]]\ntitle = \"S\"\nids = [{ids}]\n\n\
             [[output]]\nname = \"candidate\"\ntemplate = \"answers\"\nshow = [\"question\"]\n"
        )
    };
    std::fs::write(dir.join("guide.toml"), config("\"put\", \"post\"")).unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("contains that of `post`"), "{err}");
    assert!(!err.contains("`put`"), "{err}");
    // Without the second question its words are no longer the bank's.
    std::fs::write(dir.join("guide.toml"), config("\"put\"")).unwrap();
    let err = String::from_utf8_lossy(&run(&dir, &["build"]).stderr).to_string();
    assert!(err.contains("contains that of `put`"), "{err}");
}

#[test]
fn each_document_gets_its_own_subset_tags_and_keeps_them() {
    let tags = |name: &str, ids: &str| -> Vec<String> {
        let dir = scratch(name);
        copy_bank(&dir);
        let config = BASE.replace(
            "ids = [\"team-collaboration\", \"cloud-experience\"]",
            &format!("ids = [{ids}]"),
        );
        std::fs::write(dir.join("guide.toml"), config).unwrap();
        assert!(run(&dir, &["build"]).status.success());
        let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
        let mut names: Vec<String> = font_names(&pdf)
            .iter()
            .map(|n| n[..6].to_string())
            .collect();
        names.sort();
        names
    };
    let a = tags("tags-a", "\"team-collaboration\"");
    let again = tags("tags-a2", "\"team-collaboration\"");
    let b = tags("tags-b", "\"cloud-experience\"");
    assert_eq!(a, again, "the same document, the same tags");
    assert!(
        a.iter().all(|t| !b.contains(t)),
        "{a:?} and {b:?} share a tag"
    );
}
