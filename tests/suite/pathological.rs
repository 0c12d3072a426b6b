//! Worst cases, each under a timeout: every one ends in a valid PDF with no
//! text outside the page's text area, or in a clear error, never a panic or
//! a hang.

use crate::common::{advance, pdf_pages, run, scratch};
use std::sync::mpsc;
use std::time::Duration;
use studyguide::{fuzzing, Frame, Item};

const MM: f32 = 72.0 / 25.4;

/// Runs `work` on its own thread and fails if it takes longer than `secs`
/// (generous: tests run unoptimised on a shared 2-core machine).
fn within<T: Send + 'static>(secs: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .unwrap_or_else(|_| panic!("did not finish within {secs} s"))
}

/// Nothing is drawn outside the text area (hanging question numbers aside,
/// which this Markdown has none of).
fn inside_margins(frame: &Frame) {
    let (left, right) = (26.0 * MM - 0.01, 595.276 - 26.0 * MM + 0.01);
    for (n, page) in frame.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                face,
                size,
                x,
                glyphs,
                ..
            } = item
            {
                for g in glyphs.iter().filter(|g| g.text.as_ref() != " ") {
                    let width = advance(*face, *size, g);
                    let (a, b) = (x + g.x, x + g.x + width);
                    // Punctuation at a line's end hangs up to 70% of its
                    // width into the margin.
                    let hangs = matches!(g.text.as_ref(), "." | "," | "-" | "\u{2010}" | ":" | ";");
                    let room = if hangs { 0.7 * width } else { 0.0 };
                    assert!(
                        a >= left && b <= right + room,
                        "page {}: glyph {:?} at {a}..{b}",
                        n + 1,
                        g.text
                    );
                }
            }
        }
    }
}

fn typeset(markdown: String, secs: u64) -> (Vec<u8>, Frame) {
    within(secs, move || {
        let frame = fuzzing::markdown_frame(&markdown).expect("lays out");
        let pdf = fuzzing::markdown(&markdown).expect("typesets");
        (pdf, frame)
    })
}

fn valid(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
    doc.get_pages().len()
}

#[test]
fn a_one_megabyte_paragraph() {
    let words = [
        "latency",
        "throughput",
        "idempotent",
        "a",
        "of",
        "the",
        "backpressure",
        "and",
        "reconciliation",
        "to",
    ];
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0usize;
    while text.len() < 1 << 20 {
        text.push_str(words[(i * 7 + i / 3) % words.len()]);
        text.push(' ');
        i += 1;
    }
    let (pdf, frame) = typeset(text, 240);
    assert!(valid(&pdf) > 100);
    inside_margins(&frame);
}

#[test]
fn a_five_thousand_character_word() {
    let word = "x".repeat(5000);
    let (pdf, frame) = typeset(format!("Before {word} after."), 60);
    assert!(valid(&pdf) >= 1);
    inside_margins(&frame);
    let text: String = pdf_pages(&pdf).join("");
    assert_eq!(text.matches('x').count(), 5000);
}

/// A 4 MB word is cut into line-wide pieces, shaped a line at a time:
/// per-cluster boxes for it took 1.6 GB.
#[test]
fn a_one_megabyte_word() {
    // A megabyte keeps the unoptimised suite quick; 4 MB behaves the same
    // way, measured on the release binary (README, Typesetting).
    const LEN: usize = 1 << 20;
    let word = "x".repeat(LEN);
    let (pdf, frame) = typeset(format!("Before {word} after."), 600);
    assert!(valid(&pdf) > 25);
    inside_margins(&frame);
    let xs: usize = frame
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .map(|item| match item {
            Item::Text { glyphs, .. } => glyphs.iter().filter(|g| g.text.as_ref() == "x").count(),
            _ => 0,
        })
        .sum();
    assert_eq!(xs, LEN);
}

#[test]
fn a_thousand_deep_list_and_quote() {
    let mut list = String::new();
    for depth in 0..1000 {
        list.push_str(&"  ".repeat(depth));
        list.push_str("- level\n");
    }
    let quotes = format!("{}deep quote\n", "> ".repeat(1000));
    let (pdf, frame) = typeset(format!("{list}\n\n{quotes}"), 120);
    assert!(valid(&pdf) >= 1);
    inside_margins(&frame);
}

#[test]
fn a_ten_thousand_row_table() {
    let mut table = String::from("| id | name | notes |\n|---:|:-----|:------|\n");
    for n in 0..10_000 {
        table.push_str(&format!("| {n} | row {n} | some text in a cell |\n"));
    }
    let (pdf, frame) = typeset(table, 240);
    assert!(valid(&pdf) > 100);
    inside_margins(&frame);
}

#[test]
fn control_characters_rtl_cjk_and_emoji() {
    let text = "Tabs\tand\u{7}bells\u{1b}[0m and NUL\u{0} marks.\n\nשלום עולם and مرحبا بالعالم.\n\n漢字かなカナ and emoji 😀🚀 and a ZWJ family 👨‍👩‍👧.\n".to_string();
    let (pdf, frame) = typeset(text, 60);
    assert!(valid(&pdf) >= 1);
    inside_margins(&frame);
}

#[test]
fn a_bank_with_a_bom_crlf_and_control_characters_builds() {
    let dir = scratch("bom-crlf");
    let bank = "\u{feff}[[question]]\r\nid = \"crlf\"\r\nquestion = \"Does CRLF work\\u0007 with a bell?\"\r\nwhy = \"Windows editors.\"\r\nanswer = \"\"\"\r\nYes.\r\n\r\n- it does\r\n\"\"\"\r\nsection = \"S\"\r\ndifficulty = \"easy\"\r\n";
    std::fs::write(dir.join("bank.toml"), bank).unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "\u{feff}title = \"CRLF\"\r\nbanks = [\"bank.toml\"]\r\n",
    )
    .unwrap();
    let out = within(60, move || run(&dir, &["build"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_bank_of_zero_questions_is_a_clear_error() {
    let dir = scratch("zero");
    std::fs::write(dir.join("bank.toml"), "# nothing here yet\n").unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Empty\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let out = within(30, move || run(&dir, &["build"]));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no questions"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Regression: shaping looked up each glyph's text with a linear scan over
/// the word's clusters, so one long word took quadratic time (a 192 KB word
/// took 7 s; found by the `quadratic` fuzz target's input in
/// fuzz/regressions/quadratic-long-word.bin). Doubling the word must now
/// roughly double the time, not quadruple it.
#[test]
fn shaping_a_long_word_is_linear() {
    let time = |n: usize| {
        let word = "x".repeat(n);
        let start = std::time::Instant::now();
        within(120, move || {
            fuzzing::markdown_frame(&word)
                .map(|f| f.pages.len())
                .unwrap()
        });
        start.elapsed().as_secs_f64()
    };
    let _ = time(2_000);
    let (small, large) = (time(20_000), time(80_000));
    assert!(
        large < small * 9.0,
        "4x the input took {:.1}x the time ({small:.2}s, {large:.2}s)",
        large / small
    );
}
