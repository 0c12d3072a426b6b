//! Typesetting properties proven from the laid-out frames: positions, not
//! pixels.

use crate::common::{advance, copy_bank, pdf_pages, root, run, scratch};
use std::path::Path;
use studyguide::{FaceId, Frame, Guide, Item};

const MM: f32 = 72.0 / 25.4;

/// A text line on a page: baseline, left edge, right edge, size, text.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    y: f32,
    left: f32,
    right: f32,
    size: f32,
    bold: bool,
    text: String,
    /// How far the line's last glyph may hang past the right margin:
    /// 70% of a final hyphen, stop, comma, colon or closing quote.
    hang: f32,
}

/// Groups a frame's text into lines by baseline and column.
fn lines(frame: &Frame, column_starts: &[f32]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (n, page) in frame.pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text {
                face,
                size,
                x,
                y,
                glyphs,
                ..
            } = item
            else {
                continue;
            };
            let Some(first) = glyphs.first() else {
                continue;
            };
            let left = x + first.x;
            let column = column_starts
                .iter()
                .rposition(|c| left >= c - 20.0)
                .unwrap_or(0);
            let last = glyphs.iter().rfind(|g| g.text.as_ref() != " ");
            let right = last.map_or(left, |g| (x + g.x + advance(*face, *size, g)).max(left));
            let hangs = |t: &str| {
                matches!(
                    t,
                    "." | "," | "-" | "\u{2010}" | ":" | ";" | "\u{2019}" | "\u{201d}"
                )
            };
            let hang = last
                .filter(|g| hangs(g.text.as_ref()))
                .map_or(0.0, |g| 0.7 * advance(*face, *size, g));
            let text: String = glyphs.iter().map(|g| g.text.as_ref()).collect();
            let bold = matches!(face, FaceId::Bold | FaceId::BoldItalic);
            match out.iter_mut().rev().take(40).find(|l| {
                l.page == n
                    && (l.y - y).abs() < 0.01
                    && column_starts
                        .iter()
                        .rposition(|c| l.left >= c - 20.0)
                        .unwrap_or(0)
                        == column
            }) {
                Some(l) => {
                    l.left = l.left.min(left);
                    if right >= l.right {
                        l.hang = hang;
                    }
                    l.right = l.right.max(right);
                    l.text.push_str(&text);
                    l.size = l.size.max(*size);
                }
                None => out.push(Line {
                    page: n,
                    y: *y,
                    left,
                    right,
                    size: *size,
                    bold,
                    text,
                    hang,
                }),
            }
        }
    }
    out
}

fn frame_of(config: &Path) -> Frame {
    let guide = Guide::load(config).unwrap();
    guide.frames(Some("guide")).unwrap().remove(0).1
}

/// The example in three columns, in a folder of the calling test's own.
fn three_column_guide(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    let config = std::fs::read_to_string(root().join("guide.toml"))
        .unwrap()
        .replace(
            "font_size = 10.5",
            "font_size = 9\ncolumns = 3\ncolumn_rule = true\ntoc = true",
        );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    dir
}

#[test]
fn no_text_crosses_the_right_margin_and_only_question_numbers_hang_left() {
    let frame = frame_of(&root().join("guide.toml"));
    let (left, right) = (26.0 * MM, 595.276 - 26.0 * MM);
    for l in lines(&frame, &[left]) {
        assert!(
            l.right <= right + l.hang + 0.01,
            "past the right margin: {l:?}"
        );
        // An opening quote hangs half its width into the left margin.
        let quote = l.text.starts_with(['\u{201c}', '\u{2018}']) && l.left >= left - 0.3 * l.size;
        if l.left < left - 0.01 && !quote {
            let number: String = l.text.chars().take_while(char::is_ascii_digit).collect();
            assert!(
                l.bold && !number.is_empty() && l.text[number.len()..].starts_with('.'),
                "only numbers hang: {l:?}"
            );
        }
    }
}

#[test]
fn justified_body_lines_align_on_the_right_edge() {
    let frame = frame_of(&root().join("guide.toml"));
    let right = 595.276 - 26.0 * MM;
    let body: Vec<Line> = lines(&frame, &[26.0 * MM])
        .into_iter()
        .filter(|l| (l.size - 10.5).abs() < 0.01)
        .collect();
    // A line ending in punctuation hangs it into the margin, by up to the
    // share of its width that protrudes.
    let flush = |l: &&Line| {
        (l.right - right).abs() <= 0.01 || (l.right > right && l.right <= right + l.hang + 0.01)
    };
    let full = body.iter().filter(flush).count();
    // Most body lines are inner lines of justified paragraphs; those end
    // exactly at the margin (or hang their punctuation), and none is past
    // it otherwise.
    assert!(
        full * 2 > body.len(),
        "{full} of {} lines are flush right",
        body.len()
    );
    let over: Vec<&Line> = body
        .iter()
        .filter(|l| l.right > right + l.hang + 0.01)
        .collect();
    assert!(over.is_empty(), "{over:#?}");
}

#[test]
fn no_heading_is_the_last_line_of_a_column() {
    for config in [
        root().join("guide.toml"),
        three_column_guide("three-col-headings").join("guide.toml"),
    ] {
        let frame = frame_of(&config);
        let guide = Guide::load(&config).unwrap();
        let out = guide
            .config
            .outputs
            .iter()
            .find(|o| o.name == "guide")
            .unwrap();
        let body = 10.5f32.min(out.font_size);
        let measure =
            (595.276 - 52.0 * MM - out.column_gap * (out.columns - 1) as f32) / out.columns as f32;
        let starts: Vec<f32> = (0..out.columns)
            .map(|c| 26.0 * MM + c as f32 * (measure + out.column_gap))
            .collect();
        let all = lines(&frame, &starts);
        let footer_y = 841.89 - 24.0 * MM;
        for page in 0..frame.pages.len() {
            for c in 0..starts.len() {
                let column: Vec<&Line> = all
                    .iter()
                    .filter(|l| l.page == page && l.y < footer_y && l.y > 22.0 * MM)
                    .filter(|l| starts.iter().rposition(|s| l.left >= s - 20.0).unwrap_or(0) == c)
                    .collect();
                let Some(last) = column.iter().max_by(|a, b| a.y.total_cmp(&b.y)) else {
                    continue;
                };
                let is_heading = last.bold && last.size > body * 1.05;
                let is_last_page = page + 1 == frame.pages.len();
                assert!(
                    !is_heading || is_last_page,
                    "page {} column {c} ends with a heading: {last:?}",
                    page + 1
                );
            }
        }
    }
}

#[test]
fn a_question_taller_than_a_page_splits_with_a_continued_marker() {
    let dir = scratch("split");
    let answer = "This answer goes on and on about trade-offs, queues and caches. ".repeat(160);
    std::fs::write(
        dir.join("bank.toml"),
        format!("[[question]]\nid = \"long-one\"\nquestion = \"Can you talk for ten minutes?\"\nwhy = \"Stamina.\"\nanswer = '''\n{answer}\n'''\nsection = \"S\"\ndifficulty = \"hard\"\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Long\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let frame = frame_of(&dir.join("guide.toml"));
    assert!(frame.pages.len() >= 3, "{}", frame.pages.len());
    let all = lines(&frame, &[26.0 * MM]);
    for page in 1..frame.pages.len() {
        let first = all
            .iter()
            .filter(|l| l.page == page && l.y > 22.0 * MM)
            .min_by(|a, b| a.y.total_cmp(&b.y))
            .unwrap();
        assert_eq!(
            first.text.trim(),
            "1. (continued)",
            "page {} opens with the marker",
            page + 1
        );
    }
    let out = run(&dir, &["build", "--report"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("split    long-one"), "{stdout}");
}

#[test]
fn a_three_column_guide_hyphenates_and_balances_its_last_page() {
    let dir = three_column_guide("three-col-balance");
    let frame = frame_of(&dir.join("guide.toml"));
    let source = std::fs::read_to_string(root().join("questions/senior-backend.toml")).unwrap();
    let measure = (595.276 - 52.0 * MM - 2.0 * 7.0 * MM) / 3.0;
    let starts: Vec<f32> = (0..3)
        .map(|c| 26.0 * MM + c as f32 * (measure + 7.0 * MM))
        .collect();
    let all = lines(&frame, &starts);
    // A hyphenated line end: "exam-" + "ple" where the source has "example".
    let mut hyphenated = 0;
    for pair in all.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let Some(head) = a.text.trim_end().strip_suffix('-') else {
            continue;
        };
        let head = head.rsplit(' ').next().unwrap_or("");
        let tail: String = b
            .text
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if !head.is_empty() && !tail.is_empty() && source.contains(&format!("{head}{tail}")) {
            hyphenated += 1;
        }
    }
    assert!(hyphenated >= 5, "hyphenated line ends: {hyphenated}");
    // Links for the table of contents: one per section and question.
    let links = frame
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| {
            matches!(
                i,
                Item::Link {
                    target: studyguide::Target::Page(..),
                    ..
                }
            )
        })
        .count();
    assert_eq!(links, 30);
}

#[test]
fn the_outline_nests_questions_under_sections() {
    let frame = frame_of(&root().join("guide.toml"));
    assert_eq!(frame.outline.len(), 5);
    assert_eq!(
        frame
            .outline
            .iter()
            .map(|s| s.children.len())
            .sum::<usize>(),
        25
    );
    assert_eq!(frame.outline[0].title, "Working with people");
    assert_eq!(
        frame.outline[0].children[0].title,
        "1. How do you work within a team of developers?"
    );
    // Each entry points at the spot where its heading was set.
    let entry = &frame.outline[1].children[0];
    let page = &frame.pages[entry.page];
    assert!(page
        .items
        .iter()
        .any(|i| matches!(i, Item::Text { y, .. } if (y - entry.y) > 0.0 && (y - entry.y) < 20.0)));
}

#[test]
fn builds_match_under_other_time_zones_and_locales() {
    let base = scratch("tz-base");
    let other = scratch("tz-other");
    let guide = root().join("guide.toml");
    let guide = guide.to_str().unwrap();
    assert!(run(
        &base,
        &["build", "--config", guide, "--out", base.to_str().unwrap()]
    )
    .status
    .success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(["build", "--config", guide, "--out", other.to_str().unwrap()])
        .env("TZ", "Asia/Kathmandu")
        .env("LANG", "de_DE.UTF-8")
        .env("LC_ALL", "tr_TR.UTF-8")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(base.join("guide.pdf")).unwrap(),
        std::fs::read(other.join("guide.pdf")).unwrap()
    );
}

#[test]
fn source_date_epoch_sets_the_metadata_dates() {
    let dir = scratch("sde");
    let guide = root().join("guide.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args([
            "build",
            "--config",
            guide.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", "1798462800")
        .output()
        .unwrap();
    assert!(out.status.success());
    let pdf = std::fs::read(dir.join("guide.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20261228130000Z"
    );
}

/// A list to practise (questions without answers, printed without lines)
/// fills its columns, and no question is split: a question that is only its
/// heading keeps its own lines together, not the next question.
#[test]
fn questions_that_are_only_headings_fill_columns_and_never_split() {
    let dir = scratch("bare-questions");
    let mut bank = String::new();
    for n in 0..90 {
        bank.push_str(&format!(
            "[[question]]\nid = \"q{n}\"\nquestion = \"How would you explain the difference between a queue and a stack to someone new, number {n}?\"\nsection = \"S\"\ndifficulty = \"easy\"\n\n"
        ));
    }
    std::fs::write(dir.join("bank.toml"), bank).unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Practice\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"list\"\ncolumns = 2\nshow = [\"question\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("out/list.pdf")).unwrap();
    let pages = pdf_pages(&pdf);
    let text = pages.join("\n");
    assert!(
        !text.contains("(continued)"),
        "a question was split: {text}"
    );
    // Full pages: every page but the last holds at least 80% of the most
    // any page holds.
    let counts: Vec<usize> = pages.iter().map(|p| p.matches("number").count()).collect();
    let most = *counts.iter().max().unwrap();
    for (k, c) in counts[..counts.len() - 1].iter().enumerate() {
        assert!(
            *c * 10 >= most * 8,
            "page {} holds {c} of {most}: {counts:?}",
            k + 1
        );
    }
}
