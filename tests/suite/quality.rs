//! Page quality, measured on the example outputs rather than snapshotted:
//! white paper at the page foot, hyphenated line ends, straight quotes in
//! prose, and continuations without their label.

use crate::common::{advance, root};
use studyguide::{FaceId, Frame, Guide, Item, NoticeKind};

/// One printed line of body text: its page, baseline and text in reading
/// order, and whether its last glyph is a hyphen.
#[derive(Debug)]
struct Line {
    page: usize,
    text: String,
    hyphenated: bool,
}

/// What the measures found in one output.
#[derive(Debug)]
struct Measures {
    /// Empty share of the text area below the last drawing, per page.
    foot_empty: Vec<f32>,
    /// Lines of prose (not code) in the text area.
    lines: Vec<Line>,
    /// Prose glyphs that are a straight quote or apostrophe.
    straight_quotes: Vec<String>,
}

impl Measures {
    fn hyphen_share(&self) -> f32 {
        let hyphenated = self.lines.iter().filter(|l| l.hyphenated).count();
        hyphenated as f32 / self.lines.len().max(1) as f32
    }

    /// Hyphenated lines directly followed by another hyphenated line.
    fn hyphen_pairs(&self) -> Vec<(&str, &str)> {
        self.lines
            .windows(2)
            .filter(|w| w[0].hyphenated && w[1].hyphenated && w[0].page == w[1].page)
            .map(|w| (w[0].text.as_str(), w[1].text.as_str()))
            .collect()
    }

    /// Mean empty share at the page foot, the last page excluded.
    fn mean_foot_empty(&self) -> f32 {
        let pages = &self.foot_empty[..self.foot_empty.len().saturating_sub(1)];
        pages.iter().sum::<f32>() / pages.len().max(1) as f32
    }
}

/// A run of glyphs as measured.
struct Run {
    y: f32,
    x: f32,
    end: f32,
    size: f32,
    code: bool,
    text: String,
}

fn is_code(face: FaceId) -> bool {
    matches!(face, FaceId::Mono | FaceId::MonoBold)
}

/// Measures a frame whose text area lies between `top` and `bottom`
/// margins.
fn measure(frame: &Frame, top: f32, bottom: f32) -> Measures {
    let mut m = Measures {
        foot_empty: Vec::new(),
        lines: Vec::new(),
        straight_quotes: Vec::new(),
    };
    for (n, page) in frame.pages.iter().enumerate() {
        let foot = page.height - bottom;
        let inside = |y: f32| y > top - 1.0 && y < foot + 1.0;
        let mut lowest = top;
        // Text runs of the page's body: baseline, left and right ends,
        // code or not, text.
        let mut runs: Vec<Run> = Vec::new();
        for item in &page.items {
            match item {
                Item::Text {
                    face,
                    x,
                    y,
                    glyphs,
                    size,
                    ..
                } if inside(*y) => {
                    lowest = lowest.max(*y);
                    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
                    if !is_code(*face) {
                        for g in glyphs {
                            if matches!(g.text.as_str(), "'" | "\"") {
                                m.straight_quotes.push(text.clone());
                            }
                        }
                    }
                    let end = glyphs
                        .last()
                        .map_or(*x, |g| x + g.x + advance(*face, *size, g));
                    runs.push(Run {
                        y: *y,
                        x: *x,
                        end,
                        size: *size,
                        code: is_code(*face),
                        text,
                    });
                }
                Item::Line { from, to, .. } if inside(from.1) && inside(to.1) => {
                    lowest = lowest.max(from.1).max(to.1);
                }
                Item::Rect { y, h, .. } if inside(*y) => lowest = lowest.max(y + h),
                _ => {}
            }
        }
        m.foot_empty.push((foot - lowest).max(0.0) / (foot - top));
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // One baseline across columns holds several lines: a gap wider
        // than two ems separates them.
        let same_line = |a: &Run, b: &Run| (a.y - b.y).abs() < 0.5 && b.x - a.end < 2.0 * a.size;
        for line in runs.chunk_by(same_line) {
            let Some(last) = line.last() else { continue };
            if line.iter().all(|r| r.code) {
                continue;
            }
            let text: String = line.iter().map(|r| r.text.as_str()).collect();
            let text = text.trim_end().to_string();
            let hyphenated = !last.code && text.ends_with(['-', '\u{2010}']);
            m.lines.push(Line {
                page: n,
                text,
                hyphenated,
            });
        }
    }
    m
}

/// Lays out the example guide and measures each output by name.
fn example() -> Vec<(String, Measures)> {
    let guide = Guide::load(&root().join("guide.toml")).expect("the example loads");
    let frames = guide.frames(None).expect("the example lays out");
    frames
        .iter()
        .map(|(name, frame)| {
            let output = guide
                .config
                .outputs
                .iter()
                .find(|o| &o.name == name)
                .expect("an output of the config");
            let margins = output.page.margins;
            (name.clone(), measure(frame, margins.top, margins.bottom))
        })
        .collect()
}

fn output<'a>(all: &'a [(String, Measures)], name: &str) -> &'a Measures {
    &all.iter()
        .find(|(n, _)| n == name)
        .expect("output exists")
        .1
}

#[test]
fn the_guide_fills_its_pages() {
    let all = example();
    let guide = output(&all, "guide");
    eprintln!(
        "guide: foot empty {:.1}% mean ({:?}), {} lines, {:.1}% hyphenated, {} pairs",
        100.0 * guide.mean_foot_empty(),
        guide
            .foot_empty
            .iter()
            .map(|e| (e * 100.0).round())
            .collect::<Vec<_>>(),
        guide.lines.len(),
        100.0 * guide.hyphen_share(),
        guide.hyphen_pairs().len()
    );
    assert!(guide.lines.len() > 300, "the measure sees the body text");
    assert!(
        guide.mean_foot_empty() <= 0.05,
        "mean empty space at the page foot: {:.1}% ({:?})",
        100.0 * guide.mean_foot_empty(),
        guide.foot_empty
    );
}

#[test]
fn a_small_page_in_large_type_still_fills_its_pages() {
    // A5 at 14 pt: a question's guidance takes a third of a column, too
    // much to move on whole with its question.
    let dir = crate::common::scratch("quality-a5");
    crate::common::copy_bank(&dir);
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"T\"\nbanks = [\"questions/senior-backend.toml\"]\n\
         [[output]]\nname = \"guide\"\npaper = \"a5\"\nfont_size = 14\n\
         show = [\"question\", \"why\", \"answer\"]\n",
    )
    .unwrap();
    let guide = Guide::load(&dir.join("guide.toml")).unwrap();
    let (_, frame) = guide.frames(None).unwrap().remove(0);
    let margins = guide.config.outputs[0].page.margins;
    let m = measure(&frame, margins.top, margins.bottom);
    let worst = m.foot_empty[..m.foot_empty.len() - 1]
        .iter()
        .fold(0.0f32, |a, &b| a.max(b));
    eprintln!(
        "a5: {} pages, foot empty {:.1}% mean, worst {:.0}%",
        frame.pages.len(),
        100.0 * m.mean_foot_empty(),
        100.0 * worst
    );
    assert!(
        m.mean_foot_empty() <= 0.10,
        "mean empty space at the page foot: {:.1}% ({:?})",
        100.0 * m.mean_foot_empty(),
        m.foot_empty
    );
}

#[test]
fn the_guide_hyphenates_sparingly_and_never_twice_in_a_row() {
    let all = example();
    let guide = output(&all, "guide");
    assert!(
        guide.hyphen_share() <= 0.03,
        "{:.1}% of lines end hyphenated",
        100.0 * guide.hyphen_share()
    );
    for (name, m) in &all {
        assert_eq!(m.hyphen_pairs(), Vec::<(&str, &str)>::new(), "{name}");
    }
}

#[test]
fn prose_has_no_straight_quotes_in_any_output() {
    for (name, m) in example() {
        assert!(
            m.straight_quotes.is_empty(),
            "{name}: straight quotes in {:?}",
            m.straight_quotes
        );
    }
}

#[test]
fn the_interviewer_kit_leaves_little_paper_empty() {
    let all = example();
    let kit = output(&all, "interviewer");
    for (page, empty) in kit.foot_empty.iter().enumerate() {
        assert!(
            *empty <= 0.10,
            "interviewer page {}: {:.1}% of the text area is empty at the foot",
            page + 1,
            100.0 * empty
        );
    }
}

#[test]
fn every_split_in_the_cheat_sheet_is_labelled_and_reported() {
    let guide = Guide::load(&root().join("guide.toml")).expect("the example loads");
    let (rendered, _) = guide.render(Some("cheatsheet")).expect("it renders");
    let sheet = &rendered[0];
    let reported: Vec<&str> = sheet
        .notices
        .iter()
        .filter(|n| matches!(n.kind, NoticeKind::Continued | NoticeKind::Split))
        .map(|n| n.id.as_str())
        .collect();
    assert!(!reported.is_empty(), "the cheat sheet has splits to check");
    // Each continuation line reads "N. (continued)", N being the number of
    // a reported question.
    let frames = guide.frames(Some("cheatsheet")).expect("it lays out");
    // Runs are joined without their spaces: "13.(continued)".
    let lines = measure(&frames[0].1, 0.0, 0.0).lines;
    let labels: Vec<&str> = lines
        .iter()
        .map(|l| l.text.as_str())
        .filter(|l| l.ends_with("(continued)"))
        .collect();
    assert!(
        labels.len() >= reported.len(),
        "labels {labels:?} for reported {reported:?}"
    );
    // The question's number, from the heading under its mark.
    for id in &reported {
        let mark = format!("<!-- question: {id} -->");
        let after = &sheet.markdown[sheet.markdown.find(&mark).expect("marked") + mark.len()..];
        let heading = after.trim_start().lines().next().unwrap_or("");
        let number: String = heading
            .trim_start_matches('#')
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        assert!(
            labels.contains(&format!("{number}. (continued)").as_str()),
            "{id} (question {number}) continues without its label: {labels:?}"
        );
    }
}
