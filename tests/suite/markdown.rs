//! Markdown constructs and escaping, end to end into the PDF.

use crate::common::{copy_bank, pdf_pages, run, scratch, squash};

#[test]
fn every_construct_typesets_into_a_valid_pdf() {
    let md = "---\ntitle: Constructs\n---\n\n# Heading one\n\n## Heading two\n\n### Heading three\n\n\
Text with **bold**, *italic*, `inline code` and a [link](https://example.org/docs).\n\n\
- one\n- two\n  1. nested\n  2. numbers\n\n> A quoted thought.\n\n\
```rust\nfn main() { println!(\"a very long line that certainly does not fit in the measure of one A4 page at all\"); }\n```\n\n\
---\n\n| Left | Right |\n|:-----|------:|\n| a | 1 |\n| b | 22 |\n\n- [x] done\n- [ ] open\n";
    let (pdf, pages) = studyguide::typeset_markdown(md).unwrap();
    assert_eq!(pages, 1);
    let text = squash(&pdf_pages(&pdf).join(" "));
    for needle in [
        "Heading one",
        "Heading two",
        "Heading three",
        "bold",
        "inline code",
        "link",
        "nested",
        "A quoted thought.",
        "fn main()",
        "Left",
        "Right",
        "22",
    ] {
        assert!(text.contains(needle), "`{needle}` in {text}");
    }
    // The wrapped code line keeps every character.
    let dense: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        dense.contains("doesnotfitinthemeasureofoneA4pageatall\");}"),
        "{dense}"
    );
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let page = doc.get_pages().into_values().next().unwrap();
    let annots = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(annots.len(), 1, "one link");
    let link = match &annots[0] {
        lopdf::Object::Dictionary(d) => d.clone(),
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap().clone(),
        other => panic!("{other:?}"),
    };
    let border: Vec<f32> = link
        .get(b"Border")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    assert_eq!(border, vec![0.0, 0.0, 0.0], "no visible border");
    let action = link.get(b"A").unwrap().as_dict().unwrap();
    assert_eq!(
        action.get(b"URI").unwrap().as_str().unwrap(),
        b"https://example.org/docs"
    );
}

#[test]
fn long_unbreakable_words_and_many_pages_do_not_break_layout() {
    let long = "x".repeat(400);
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(40);
    let md = format!("{long}\n\n{}", format!("{para}\n\n").repeat(30));
    let (pdf, pages) = studyguide::typeset_markdown(&md).unwrap();
    assert!(pages >= 10, "{pages}");
    let text: String = pdf_pages(&pdf)
        .join("")
        .chars()
        .filter(|c| *c == 'x')
        .collect();
    assert!(
        text.len() >= 400,
        "every x survives the character-level breaks"
    );
}

#[test]
fn escaped_markdown_characters_in_questions_print_literally() {
    // A question is inline Markdown: backslash escapes keep characters
    // literal, and a lone `*` or `_` inside a word is text anyway.
    let dir = scratch("escape");
    copy_bank(&dir);
    let written = r"Is a*b | c_d \<e\> #1 \[x\] \~y\~ & \`z\` still literal?";
    let tricky = "Is a*b | c_d <e> #1 [x] ~y~ & `z` still literal?";
    std::fs::write(
        dir.join("tricky.toml"),
        format!(
            "[[question]]\nid = \"tricky\"\nquestion = '{written}'\nwhy = \"Because.\"\nanswer = \"- Yes.\"\nsection = \"S\"\ndifficulty = \"easy\"\n\n\
[[question]]\nid = \"numbered\"\nquestion = \"1. Does a leading number survive?\"\nanswer = \"Yes.\"\nsection = \"S\"\ndifficulty = \"easy\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Escapes\"\nbanks = [\"tricky.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/guide.md")).unwrap();
    assert!(md.contains(&format!("## 1. {written}")), "{md}");
    let text = squash(&pdf_pages(&std::fs::read(dir.join("out/guide.pdf")).unwrap()).join(" "));
    assert!(text.contains(tricky), "{text}");
    assert!(text.contains("1. Does a leading number survive?"), "{text}");
}

#[test]
fn symbols_fall_back_and_missing_glyphs_warn_with_the_question_id() {
    let dir = scratch("fallback");
    std::fs::write(
        dir.join("bank.toml"),
        "[[question]]\nid = \"symbols\"\nquestion = \"Is x \u{2264} y \u{2192} z and \u{3b1} \u{2260} \u{3b2}?\"\nwhy = \"Arrows \u{21d2} and \u{221e}.\"\nanswer = \"Ideographs \u{6f22} have no glyph.\"\nsection = \"S\"\ndifficulty = \"easy\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Fallback\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: output `guide`: no font has a glyph for `U+6F22"),
        "{err}"
    );
    assert!(err.contains("in `symbols`"), "{err}");
    assert!(err.contains("--> ./bank.toml:2:6"), "{err}");
    assert_eq!(
        err.matches("warning:").count(),
        1,
        "only the ideograph lacks a glyph: {err}"
    );
    let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
    let text = squash(&pdf_pages(&pdf).join(" "));
    assert!(
        text.contains("Is x \u{2264} y \u{2192} z and \u{3b1} \u{2260} \u{3b2}?"),
        "{text}"
    );
    assert!(
        text.contains("Ideographs \u{fffd} have"),
        "a visible placeholder, not a blank: {text}"
    );
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let fallback = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .any(|d| {
            d.get(b"BaseFont")
                .and_then(|b| b.as_name())
                .is_ok_and(|n| n.len() > 7 && n[6] == b'+' && n[7..].starts_with(b"DejaVuSans"))
        });
    assert!(fallback, "the fallback font is embedded");
}

#[test]
fn github_symbols_print_in_prose_and_code_and_a_missing_one_warns_once() {
    let dir = scratch("symbols-code");
    let symbols = "\u{2705} \u{274c} \u{2b06} \u{21a5} \u{2714} \u{2605} \u{26a0} \u{1f4a1}";
    std::fs::write(
        dir.join("bank.toml"),
        format!(
            "[[question]]\nid = \"marks\"\nquestion = \"Marks?\"\nanswer = \"\"\"\nProse {symbols}.\n\n```\ncode {symbols} \u{6f22}\n```\n\"\"\"\nsection = \"S\"\ndifficulty = \"easy\"\n\n\
[[question]]\nid = \"again\"\nquestion = \"Again \u{6f22}?\"\nanswer = \"Yes.\"\nsection = \"S\"\ndifficulty = \"easy\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"S\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // One warning for the one character no font has, naming both questions;
    // none for the symbols.
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(err.contains("U+6F22"), "{err}");
    assert!(err.contains("in `marks`, `again`"), "{err}");
    let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
    let text = squash(&pdf_pages(&pdf).join(" "));
    assert_eq!(
        text.matches('\u{2705}').count(),
        2,
        "prose and code: {text}"
    );
    assert_eq!(text.matches('\u{1f4a1}').count(), 2, "{text}");
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let symbola = doc.objects.values().any(|o| {
        o.as_dict()
            .ok()
            .and_then(|d| d.get(b"BaseFont").ok())
            .and_then(|b| b.as_name().ok())
            .is_some_and(|n| n.ends_with(b"+Symbola"))
    });
    assert!(symbola, "the symbol face is embedded as a subset");
}
