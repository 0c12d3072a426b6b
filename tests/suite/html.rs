//! GitHub HTML in Markdown: read as what it means, never printed as code.

use crate::common::{pdf_pages, squash};
use studyguide::{Color, Item};

/// A collection README's habits, in our own words.
const README: &str = r#"# Questions

<details>
<summary><b>1. What does a load balancer do?</b></summary>

It spreads requests over servers.<br>
Stop it with <kbd>Ctrl</kbd>+<kbd>C</kbd>; it answers in 10<sup>-3</sup> s.

</details>

<div align="center">
<img src="diagram.png" alt="Balancer in front of three servers" width="300">
</div>

<p>A <span>span</span>, a <marquee>marquee</marquee> and <span>another span</span>.</p>
"#;

#[test]
fn details_br_kbd_and_img_render_with_no_code_box() {
    let frame = studyguide::fuzzing::markdown_frame(README).unwrap();
    let code_box = frame
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|i| matches!(i, Item::Rect { color, .. } if *color == Color::gray(0.95)));
    assert!(!code_box, "raw HTML printed as a code box");
    let (pdf, _) = studyguide::typeset_markdown(README).unwrap();
    let text = squash(&pdf_pages(&pdf).join(" "));
    for needle in [
        "1. What does a load balancer do?",
        "It spreads requests over servers.",
        // Code and text are separate runs, which extraction spaces apart.
        "Stop it with Ctrl + C",
        "it answers in 10",
        // Not read here (no folder to read from): the alt text stands in.
        "[image: Balancer in front of three servers]",
        "A span, a marquee and another span.",
    ] {
        assert!(text.contains(needle), "`{needle}` in {text}");
    }
    assert!(!text.contains('<'), "no tag is printed: {text}");
}

#[test]
fn sup_and_sub_are_set_smaller_above_and_below_the_baseline() {
    let frame =
        studyguide::fuzzing::markdown_frame("It takes 10<sup>-3</sup> s to make H<sub>2</sub>O.\n")
            .unwrap();
    let runs: Vec<(String, f32, f32)> = frame.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                glyphs, size, y, ..
            } => Some((glyphs.iter().map(|g| &*g.text).collect(), *size, *y)),
            _ => None,
        })
        .collect();
    let find = |t: &str| {
        runs.iter()
            .find(|(text, _, _)| text.trim() == t)
            .unwrap_or_else(|| panic!("a run `{t}` in {runs:?}"))
    };
    let body = runs
        .iter()
        .find(|(text, _, _)| text.contains("It takes 10"))
        .expect("the body run");
    let (sup, sub) = (find("-3"), find("2"));
    for (run, rise) in [(sup, 0.33), (sub, -0.14)] {
        assert!(
            (run.1 - 0.7 * body.1).abs() < 0.01,
            "{run:?} against {body:?}"
        );
        // y grows down the page: raised text has the smaller y.
        assert!(
            ((body.2 - run.2) - rise * body.1).abs() < 0.01,
            "{run:?} against {body:?}"
        );
    }
}

#[test]
fn html_nested_without_end_stays_bounded() {
    let t = std::time::Instant::now();
    let deep = "<details><summary>x</summary>\n\n".repeat(5000) + "<b><i>".repeat(20_000).as_str();
    let frame = studyguide::fuzzing::markdown_frame(&deep).unwrap();
    assert!(!frame.pages.is_empty());
    let broken = "<a href=\"x\" ".repeat(20_000) + "<img src='";
    studyguide::fuzzing::markdown_frame(&broken).unwrap();
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
}

#[test]
fn each_dropped_tag_name_is_warned_about_once() {
    let dir = crate::images::project("html-warnings");
    let bank = dir.join("bank/system-design.toml");
    let text = std::fs::read_to_string(&bank).unwrap().replace(
        "The client talks",
        "A <span>span</span>, <span>another</span> and <marquee>this</marquee>. The client talks",
    );
    std::fs::write(&bank, text).unwrap();
    let out = crate::common::run(&dir, &["build", "--output", "handout"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("HTML tag <span>").count(), 1, "{err}");
    assert_eq!(err.matches("HTML tag <marquee>").count(), 1, "{err}");
}
