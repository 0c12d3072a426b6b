//! Diagrams exported by tools made for the screen print as a browser shows
//! them: HTML labels as text in place, colours that follow the reader's
//! theme in their light form, no fallback warnings.

use crate::common::{ok, root, run, scratch, squash};
use crate::images::{pdftotext, render, words};

/// The diagrams fixture rendered with `studyguide render`: the PDF.
fn rendered(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    for file in ["notes.md", "exported.svg", "flow.svg"] {
        std::fs::copy(
            root().join("tests/fixtures/diagrams").join(file),
            dir.join(file),
        )
        .unwrap();
    }
    ok(&run(&dir, &["render", "notes.md"]));
    dir.join("notes.pdf")
}

#[test]
fn html_labels_print_as_text_and_fallbacks_do_not() {
    let pdf = rendered("diagrams-text");
    let text = squash(&pdftotext(&pdf));
    for label in [
        "Ingest worker",
        "retried three times",
        "Order service",
        "publishes",
        "Event log",
    ] {
        assert!(text.contains(label), "{label:?} missing: {text}");
    }
    // What a browser never shows: the warning for viewers without HTML
    // labels, and the plain-text fallback of a label.
    assert!(!text.contains("Text is not SVG"), "{text}");
    assert!(!text.contains("thr..."), "{text}");
}

#[test]
fn a_label_sits_centred_in_its_light_box() {
    let pdf = rendered("diagrams-place");
    let words = words(&pdf, 1);
    let find = |w: &str| words.iter().find(|x| x.0 == w).unwrap().clone();
    let (ingest, worker) = (find("Ingest"), find("worker"));
    let label_x = (ingest.1 + worker.3) / 2.0;
    let label_y = (ingest.2 + ingest.4) / 2.0;
    let (pw, ph, pixels) = render(&pdf, 1);
    let dark = |x: usize, y: usize| pixels[y * pw + x] < 128;
    let row = label_y as usize;
    // The box's sides: the first dark pixels left and right of the label.
    let left = (0..ingest.1 as usize - 2)
        .rev()
        .find(|&x| dark(x, row))
        .unwrap();
    let right = (worker.3 as usize + 2..pw).find(|&x| dark(x, row)).unwrap();
    let column = left + 3;
    let top = (0..row - 8).rev().find(|&y| dark(column, y)).unwrap();
    let bottom = (row + 8..ph).find(|&y| dark(column, y)).unwrap();
    let centre = ((left + right) as f32 / 2.0, (top + bottom) as f32 / 2.0);
    assert!(
        (label_x - centre.0).abs() <= 2.0,
        "x {label_x} vs {centre:?}"
    );
    assert!(
        (label_y - centre.1).abs() <= 3.0,
        "y {label_y} vs {centre:?}"
    );
    // The box is filled white, not black: `light-dark()` was read.
    let inside: Vec<u8> = (left + 3..ingest.1 as usize - 3)
        .map(|x| pixels[row * pw + x])
        .collect();
    let mean = inside.iter().map(|&p| p as f32).sum::<f32>() / inside.len() as f32;
    assert!(mean > 250.0, "the box's fill is {mean} of 255");
}

/// Runs `studyguide render` on `svg`, shown in a one-line Markdown file,
/// failing if it takes more than `secs`: its exit code and error output.
fn render_within(name: &str, svg: String, secs: u64) -> (i32, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("d.svg"), svg).unwrap();
    std::fs::write(dir.join("d.md"), "# D\n\n![d](d.svg)\n").unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(run(&dir, &["render", "d.md"]));
    });
    let out = rx
        .recv_timeout(std::time::Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("{name}: no answer within {secs} s"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn svg(body: &str) -> String {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">{body}</svg>"#)
}

#[test]
fn style_that_would_take_usvg_minutes_is_refused_at_once() {
    // Each of these took usvg from 38 seconds to past two minutes.
    let declarations = format!(
        r#"<rect width="5" height="5" style="{}"/>"#,
        vec!["fill: red"; 100_000].join(";")
    );
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"1\"")).collect();
    let rules: String = (0..100_000).map(|i| format!(".c{i}{{fill:red}}")).collect();
    let many = r#"<rect width="1" height="1"/>"#.repeat(30_000);
    let classes: String = (0..100_000).map(|i| format!("k{i} ")).collect();
    let cases = [
        ("declarations", svg(&declarations), "256 declarations"),
        (
            "attributes",
            svg(&format!("<rect{attributes}/>")),
            "256 attributes",
        ),
        (
            "rules",
            svg(&format!("<style>{rules}</style>{many}")),
            "5000 rules",
        ),
        (
            "classes",
            svg(&format!(
                "<style>{}</style>{}",
                &rules[..20_000],
                format!(r#"<rect class="{classes}"/>"#).repeat(3)
            )),
            "more than can be matched",
        ),
    ];
    for (name, text, needle) in cases {
        let (code, err) = render_within(&format!("diagrams-{name}"), text, 30);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
    }
}

#[test]
fn the_costliest_style_the_limits_let_through_draws_in_time() {
    let style = vec!["fill: #eee"; 255].join(";");
    let shapes = format!(r#"<rect style="{style}" width="1" height="1"/>"#).repeat(1_400);
    let rules: String = (0..5_000).map(|i| format!(".c{i}{{fill:red}}")).collect();
    let classed = r#"<rect class="c1" width="1" height="1"/>"#.repeat(1_900);
    for (name, body) in [
        ("diagrams-declarations-ok", shapes),
        (
            "diagrams-rules-ok",
            format!("<style>{rules}</style>{classed}"),
        ),
    ] {
        let (code, err) = render_within(name, svg(&body), 60);
        assert_eq!(code, 0, "{name}: {err}");
    }
}

#[test]
fn a_generic_family_in_capitals_is_still_the_generic() {
    // Graphviz's "Helvetica,sans-Serif" is set in the built-in sans-serif,
    // not in the serif text face.
    let dir = scratch("diagrams-families");
    std::fs::copy(
        root().join("tests/fixtures/diagrams/graph.svg"),
        dir.join("graph.svg"),
    )
    .unwrap();
    std::fs::write(
        dir.join("g.md"),
        "![A cache in front of an origin](graph.svg)\n",
    )
    .unwrap();
    ok(&run(&dir, &["render", "g.md"]));
    let fonts = std::process::Command::new("pdffonts")
        .arg(dir.join("g.pdf"))
        .output()
        .expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    // The page's own text (its footer) is in Gentium; the drawing's
    // labels are the only text in DejaVu Sans.
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
}
