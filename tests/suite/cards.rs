//! Cheat sheets fitted to a page count, and flash cards whose backs land
//! behind their fronts.

use crate::common::{advance, copy_bank, pdf_pages, root, run, scratch, squash};
use studyguide::{Frame, Guide, Item};

const MM: f32 = 72.0 / 25.4;

fn project(name: &str, outputs: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    let config = std::fs::read_to_string(root().join("guide.toml")).unwrap();
    let head = &config[..config.find("[[output]]").unwrap()];
    std::fs::write(dir.join("guide.toml"), format!("{head}{outputs}")).unwrap();
    dir
}

fn frame(dir: &std::path::Path, name: &str) -> Frame {
    Guide::load(&dir.join("guide.toml"))
        .unwrap()
        .frames(Some(name))
        .unwrap()
        .remove(0)
        .1
}

#[test]
fn the_cheat_sheet_fits_its_pages_at_the_largest_size_that_fits() {
    let dir = project(
        "fit",
        "[[output]]\nname = \"cheat\"\nstyle = \"cheatsheet\"\nlandscape = true\nfit_pages = 2\n",
    );
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("cheat: fit 25 questions on 2 pages at "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let size: f32 = line
        .split(" at ")
        .nth(1)
        .unwrap()
        .split(" pt")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(frame(&dir, "cheat").pages.len(), 2);
    // Every answer is on the sheet.
    let text = squash(&pdf_pages(&std::fs::read(dir.join("out/cheat.pdf")).unwrap()).join(" "));
    for q in studyguide::list(&dir.join("guide.toml"), false).unwrap() {
        assert!(text.contains(&q.question), "{}", q.question);
    }
    // 0.25 pt larger does not fit.
    let bigger = project(
        "fit-bigger",
        &format!("[[output]]\nname = \"cheat\"\nstyle = \"cheatsheet\"\nlandscape = true\nfont_size = {}\n", size + 0.25),
    );
    assert!(
        frame(&bigger, "cheat").pages.len() > 2,
        "at {} pt the content needs more pages",
        size + 0.25
    );
}

#[test]
fn a_cheat_sheet_that_cannot_fit_says_how_many_pages_it_needs() {
    let dir = project("nofit", "[[output]]\nname = \"cheat\"\nstyle = \"cheatsheet\"\nfit_pages = 1\nmin_font_size = 9\nshow = [\"question\", \"why\", \"answer\"]\n");
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("output `cheat` needs"), "{err}");
    assert!(
        err.contains("pages even at the smallest size (9 pt), but fit_pages = 1"),
        "{err}"
    );
    assert!(err.contains("drop `why` from `show`"), "{err}");
}

/// Card labels ("3 · Working with people") and their top-left x, y per page.
fn labels(frame: &Frame, page: usize) -> Vec<(String, f32, f32)> {
    frame.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text {
                x, y, glyphs, size, ..
            } if *size < 8.0 => Some((glyphs.iter().map(|g| &*g.text).collect::<String>(), *x, *y)),
            _ => None,
        })
        .filter(|(t, _, _)| t.contains('\u{b7}'))
        .collect()
}

#[test]
fn long_edge_backs_mirror_their_fronts_across_the_vertical_centre() {
    let dir = project(
        "cards",
        "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n",
    );
    let f = frame(&dir, "cards");
    assert_eq!(
        f.pages.len(),
        8,
        "25 cards at 2x4: 4 sheets, front and back"
    );
    let (w, card_w) = (595.276, (595.276 - 20.0 * MM) / 2.0);
    let pad = 4.0 * MM;
    let mut checked = 0;
    for sheet in 0..4 {
        let fronts = labels(&f, 2 * sheet);
        let backs = labels(&f, 2 * sheet + 1);
        assert_eq!(fronts.len(), backs.len());
        for (text, fx, fy) in &fronts {
            let (_, bx, by) = backs.iter().find(|(t, _, _)| t == text).unwrap();
            // Card left edges: front fx - pad, back bx - pad; mirrored means
            // back_left = w - front_left - card_w.
            let mirrored = w - (fx - pad) - card_w;
            assert!(
                ((bx - pad) - mirrored).abs() < 0.1 * MM,
                "{text}: {bx} vs {mirrored}"
            );
            assert!((by - fy).abs() < 0.1 * MM, "{text}: same row");
            checked += 1;
        }
    }
    assert_eq!(checked, 25);
    // With back_offset, backs move by exactly that much.
    let shifted = project("cards-offset", "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\nback_offset = { x = \"0.6mm\", y = \"-1mm\" }\n");
    let g = frame(&shifted, "cards");
    let (a, b) = (labels(&f, 1), labels(&g, 1));
    for ((t1, x1, y1), (t2, x2, y2)) in a.iter().zip(&b) {
        assert_eq!(t1, t2);
        assert!(
            (x2 - x1 - 0.6 * MM).abs() < 0.01 && (y2 - y1 + 1.0 * MM).abs() < 0.01,
            "{t1}"
        );
    }
}

#[test]
fn short_edge_backs_mirror_rows_and_fold_puts_both_sides_on_one_sheet() {
    let dir = project(
        "cards-short",
        "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\nduplex = \"short-edge\"\n",
    );
    let f = frame(&dir, "cards");
    let (h, card_h) = (841.89, (841.89 - 20.0 * MM) / 4.0);
    let fronts = labels(&f, 0);
    let backs = labels(&f, 1);
    let size = 0.7 * 11.0;
    for (text, fx, fy) in &fronts {
        let (_, bx, by) = backs.iter().find(|(t, _, _)| t == text).unwrap();
        assert!((bx - fx).abs() < 0.1 * MM, "same column");
        let (front_top, back_top) = (fy - 4.0 * MM - size, by - 4.0 * MM - size);
        assert!(
            (back_top - (h - front_top - card_h)).abs() < 0.1 * MM,
            "{text}: rows mirrored"
        );
    }
    let folded = project(
        "cards-fold",
        "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\nduplex = \"fold\"\n",
    );
    let g = frame(&folded, "cards");
    let on_page = labels(&g, 0);
    let fronts = on_page.iter().filter(|l| l.1 < 595.276 / 2.0).count();
    assert_eq!(
        fronts * 2,
        on_page.len(),
        "each front has its back on the same sheet"
    );
}

#[test]
fn cut_marks_stay_outside_the_cards() {
    let dir = project(
        "marks",
        "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n",
    );
    let f = frame(&dir, "cards");
    let (x0, y0) = (10.0 * MM, 10.0 * MM);
    let (x1, y1) = (595.276 - 10.0 * MM, 841.89 - 10.0 * MM);
    let mut marks = 0;
    for item in &f.pages[0].items {
        if let Item::Line { from, to, .. } = item {
            marks += 1;
            for (x, y) in [from, to] {
                let inside = *x > x0 + 0.01 && *x < x1 - 0.01 && *y > y0 + 0.01 && *y < y1 - 0.01;
                assert!(!inside, "a cut mark inside the card grid at ({x}, {y})");
            }
        }
    }
    assert_eq!(
        marks,
        2 * 3 + 2 * 5,
        "one mark at each end of every grid line"
    );
}

#[test]
fn an_answer_too_long_for_one_card_continues_on_a_second() {
    let dir = scratch("cards-long");
    let answer = "A long answer sentence that keeps going on and on. ".repeat(90);
    std::fs::write(
        dir.join("bank.toml"),
        format!("[[question]]\nid = \"long\"\nquestion = \"Tell me everything?\"\nanswer = '''\n{answer}\n'''\nsection = \"S\"\ndifficulty = \"easy\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("guide.toml"), "title = \"Cards\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n").unwrap();
    let f = frame(&dir, "cards");
    let front = labels(&f, 0);
    let texts: Vec<&str> = front.iter().map(|l| l.0.as_str()).collect();
    let n = texts.len();
    assert!(n >= 2, "{texts:?}");
    for (k, t) in texts.iter().enumerate() {
        assert!(t.ends_with(&format!("({}/{n})", k + 1)), "{texts:?}");
    }
    // Every line of each back stays inside its own card: above its bottom
    // edge, and below its top edge.
    let card_h = (841.89 - 20.0 * MM) / 4.0;
    let backs = labels(&f, 1);
    for item in &f.pages[1].items {
        if let Item::Text { y, .. } = item {
            let row = ((y - 10.0 * MM) / card_h).floor();
            assert!((0.0..4.0).contains(&row), "{y}");
            let bottom = 10.0 * MM + (row + 1.0) * card_h;
            assert!(
                *y < bottom - 4.0 * MM + 0.01,
                "a line past the card's padding: {y} >= {bottom}"
            );
        }
    }
    assert_eq!(backs.len(), n);
}

#[test]
fn calibrate_writes_a_two_page_sheet() {
    let dir = scratch("calibrate");
    let out = run(&dir, &["calibrate", "--paper", "letter", "-o", "cal.pdf"]);
    assert!(out.status.success());
    let pages = pdf_pages(&std::fs::read(dir.join("cal.pdf")).unwrap());
    assert_eq!(pages.len(), 2);
    assert!(squash(&pages[1]).contains("back_offset"));
}

/// The A4 2x4 grid of the example deck: left, top, card width and height.
const GRID: (f32, f32, f32, f32) = (
    10.0 * MM,
    10.0 * MM,
    (595.276 - 20.0 * MM) / 2.0,
    (841.89 - 20.0 * MM) / 4.0,
);

/// A run of text on a card: where it starts, its baseline, size, right
/// edge and text.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    right: f32,
    text: String,
}

/// The text runs of one page, grouped by the card cell they sit in, in
/// reading order. Labels (gray) are left out.
fn cells(frame: &Frame, page: usize) -> Vec<Vec<Run>> {
    let (x0, y0, w, h) = GRID;
    let mut cells: Vec<Vec<Run>> = (0..8).map(|_| Vec::new()).collect();
    for item in &frame.pages[page].items {
        if let Item::Text {
            face,
            x,
            y,
            size,
            color,
            glyphs,
            ..
        } = item
        {
            if *color != studyguide::Color::BLACK {
                continue;
            }
            let (c, r) = (((x - x0) / w).floor(), ((y - y0) / h).floor());
            cells[r as usize * 2 + c as usize].push(Run {
                x: *x,
                y: *y,
                size: *size,
                right: x + glyphs
                    .last()
                    .map_or(0.0, |g| g.x + advance(*face, *size, g)),
                text: glyphs.iter().map(|g| &*g.text).collect(),
            });
        }
    }
    cells.retain(|c| !c.is_empty());
    cells
}

/// The body size of each back in the deck: the largest text on it (code
/// and notes may be smaller than the answer's paragraphs).
fn back_sizes(frame: &Frame) -> Vec<f32> {
    (1..frame.pages.len())
        .step_by(2)
        .flat_map(|p| cells(frame, p))
        .map(|runs| runs.iter().map(|r| r.size).fold(0.0, f32::max))
        .collect()
}

#[test]
fn every_back_of_a_deck_is_set_at_one_size() {
    let dir = project(
        "cards-one-size",
        "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n",
    );
    let sizes = back_sizes(&frame(&dir, "cards"));
    assert_eq!(sizes.len(), 25, "{sizes:?}");
    assert!(
        sizes.iter().all(|s| *s == sizes[0]),
        "backs at different sizes: {sizes:?}"
    );
    // The largest such size: half a point more and the fullest back no
    // longer fits, so with that as the floor it continues on a second card.
    let deck = sizes[0];
    assert!((7.0..11.0).contains(&deck), "{sizes:?}");
    let floor = project(
        "cards-one-size-floor",
        &format!(
            "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\nmin_font_size = {}\n",
            deck + 0.5
        ),
    );
    let raised = back_sizes(&frame(&floor, "cards"));
    assert!(raised.len() > 25, "at {} pt every back fits", deck + 0.5);
    assert!(raised.iter().all(|s| *s == deck + 0.5), "{raised:?}");
}

#[test]
fn a_back_too_long_for_any_size_does_not_shrink_the_rest_of_the_deck() {
    let dir = scratch("cards-one-too-long");
    let long = "A long answer sentence that keeps going on and on. ".repeat(90);
    std::fs::write(
        dir.join("bank.toml"),
        format!("[[question]]\nid = \"long\"\nquestion = \"Tell me everything?\"\nanswer = '''\n{long}\n'''\nsection = \"S\"\ndifficulty = \"easy\"\n\n[[question]]\nid = \"short\"\nquestion = \"Yes or no?\"\nanswer = \"Yes.\"\nsection = \"S\"\ndifficulty = \"easy\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("guide.toml"), "title = \"Cards\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n").unwrap();
    let sizes = back_sizes(&frame(&dir, "cards"));
    let (short, long) = sizes.split_last().unwrap();
    assert!(long.len() >= 2, "the long back continues: {sizes:?}");
    assert!(long.iter().all(|s| *s == 7.0), "at the floor: {sizes:?}");
    assert_eq!(*short, 11.0, "the short back keeps the full size");
}

/// A front's lines, top to bottom: runs on one baseline are one line.
fn front_lines(runs: &[Run]) -> Vec<(f32, String)> {
    let mut lines: Vec<(f32, f32, f32, String)> = Vec::new();
    for run in runs {
        match lines.iter_mut().find(|l| (l.0 - run.y).abs() < 0.01) {
            Some(l) => {
                (l.1, l.2) = (l.1.min(run.x), l.2.max(run.right));
                l.3.push_str(&run.text);
            }
            None => lines.push((run.y, run.x, run.right, run.text.clone())),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines.into_iter().map(|l| (l.2 - l.1, l.3)).collect()
}

/// Every front of a deck with more than one line: its lines are of
/// near-equal length, and none ends on a hyphen.
fn assert_balanced(f: &Frame) -> usize {
    let mut checked = 0;
    for page in (0..f.pages.len()).step_by(2) {
        for runs in cells(f, page) {
            let lines = front_lines(&runs);
            if lines.len() < 2 {
                continue;
            }
            let widths: Vec<f32> = lines.iter().map(|l| l.0).collect();
            let (short, long) = widths
                .iter()
                .fold((f32::MAX, 0.0f32), |(s, l), w| (s.min(*w), l.max(*w)));
            assert!(short > 0.65 * long, "unbalanced front: {lines:?}");
            for (_, text) in &lines {
                assert!(
                    !text.trim_end().ends_with('-'),
                    "a front line ends on a hyphen: {lines:?}"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn fronts_of_several_lines_are_balanced_and_never_end_a_line_on_a_hyphen() {
    let dir = project(
        "cards-balanced",
        "[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n",
    );
    let checked = assert_balanced(&frame(&dir, "cards"));
    assert!(checked >= 20, "only {checked} fronts of several lines");
}

#[test]
fn a_long_question_is_set_in_lines_of_near_equal_length() {
    let dir = scratch("cards-long-question");
    let question = "How would you coordinate a zero-downtime migration of an important production database that several front-end teams depend on every day?";
    std::fs::write(
        dir.join("bank.toml"),
        format!("[[question]]\nid = \"migrate\"\nquestion = \"{question}\"\nanswer = \"Carefully.\"\nsection = \"S\"\ndifficulty = \"hard\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("guide.toml"), "title = \"Cards\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n").unwrap();
    let f = frame(&dir, "cards");
    let lines = front_lines(&cells(&f, 0)[0]);
    assert!(lines.len() >= 3, "{lines:?}");
    let text = lines
        .iter()
        .map(|l| l.1.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(squash(&text), question, "whole words, in order");
    assert_eq!(assert_balanced(&f), 1);
}
