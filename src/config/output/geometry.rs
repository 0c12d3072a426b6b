//! Checks across keys: the page, column, card and running-head settings of
//! an output may each be in range and still leave no room for text. Such
//! an output would build anyway, as a thousand pages of one letter per
//! line or as text drawn past a card's edge, so it is refused before any
//! layout, with the numbers and the key to change.

use super::{Output, Style, MM};
use crate::diag::Diagnostic;
use crate::layout::{card_grid, card_inner_size, Cards};

/// Narrowest column, in ems of the text size. An em holds about two
/// characters of running text, so this is a line of some 24 characters:
/// narrower, and most lines hold a word or two, justified lines open wide
/// gaps and long words need emergency breaks. Every column count the
/// built-in styles choose on A4, A5 or letter clears it.
const MIN_COLUMN_EMS: f32 = 12.0;

/// Narrowest line inside a card, in ems of the card's smallest text size:
/// room for a long word ("reconciliation" is about 7 em in bold) without an
/// emergency break.
const MIN_CARD_EMS: f32 = 8.0;

/// Fewest lines a card must hold at its smallest text size: a question of
/// a few words, or the start of an answer.
const MIN_CARD_LINES: f32 = 3.0;

/// Longest running header or footer text, in characters: a line of page
/// furniture is a title, a section name and a page number, not a paragraph.
const MAX_FURNITURE_CHARS: usize = 200;

/// Advance assumed for one character of furniture, in ems. Latin text in
/// the built-in faces averages about 0.5 em; assuming more means text that
/// passes this estimate fits without shaping it at config time.
const FURNITURE_EMS_PER_CHAR: f32 = 0.6;

/// Running heads are set at this fraction of the text size.
const FURNITURE_SCALE: f32 = 0.8;

/// Records every geometry problem of a validated output.
pub(super) fn check(out: &Output, errors: &mut Vec<Diagnostic>) {
    let mut problems = Vec::new();
    if out.style == Style::Flashcards {
        problems.extend(cards(out));
    } else {
        problems.extend(columns(out));
    }
    problems.extend(furniture(out));
    for (message, hint) in problems {
        let d = Diagnostic::error(message)
            .at(out.name_span.clone())
            .hint(hint);
        errors.push(d);
    }
}

/// A length as `12.3mm (34.9pt)`.
fn mm_pt(pt: f32) -> String {
    format!("{:.1}mm ({:.1}pt)", pt / MM, pt)
}

/// The size text is checked at, and the key that sets it. A fitted output
/// may be set at any size from `min_font_size` up, so its geometry is
/// impossible only when even the smallest size does not fit.
fn text_size(out: &Output) -> (f32, &'static str) {
    match out.fit_pages {
        Some(_) => (out.min_font_size, "min_font_size"),
        None => (out.font_size, "font_size"),
    }
}

/// Width of the text area between the side margins.
fn body_width(out: &Output) -> f32 {
    out.page.width - out.page.margins.left - out.page.margins.right
}

/// Width of one of `columns` columns with `gap` between neighbours.
fn column_width(body: f32, columns: usize, gap: f32) -> f32 {
    (body - gap * (columns as f32 - 1.0)) / columns as f32
}

/// `value` rounded down to a multiple of `step`.
fn floor_to(value: f32, step: f32) -> f32 {
    (value / step).floor() * step
}

/// Columns at least [`MIN_COLUMN_EMS`] wide.
fn columns(out: &Output) -> Option<(String, String)> {
    let (size, size_key) = text_size(out);
    let body = body_width(out);
    let width = column_width(body, out.columns, out.column_gap);
    let need = MIN_COLUMN_EMS * size;
    if width >= need {
        return None;
    }
    let gaps = match out.columns {
        1 => String::new(),
        n => format!(" and {} gaps of {:.1}mm", n - 1, out.column_gap / MM),
    };
    let message = format!(
        "columns of {} are too narrow for {size}pt text: {} columns{gaps} share a text area {:.1}mm wide",
        mm_pt(width),
        out.columns,
        body / MM,
    );
    let mut fixes = Vec::new();
    if let Some(c) = (1..out.columns)
        .rev()
        .find(|&c| column_width(body, c, out.column_gap) >= need)
    {
        fixes.push(format!("`columns = {c}`"));
    }
    if out.columns > 1 {
        let gap = floor_to(
            (body - need * out.columns as f32) / (out.columns as f32 - 1.0) / MM,
            0.5,
        );
        if gap >= 0.0 {
            fixes.push(format!("`column_gap = \"{gap}mm\"`"));
        }
    }
    let smallest = if out.fit_pages.is_some() { 4.0 } else { 5.0 };
    let fitting = floor_to(width / MIN_COLUMN_EMS, 0.5);
    if fitting >= smallest {
        fixes.push(format!("`{size_key} = {fitting}`"));
    }
    fixes.push("smaller side margins".to_string());
    let hint = format!(
        "a column must be at least {MIN_COLUMN_EMS} × the text size wide, {} at {size}pt; use {}",
        mm_pt(need),
        fixes.join(", or "),
    );
    Some((message, hint))
}

/// Cards whose inside holds [`MIN_CARD_LINES`] lines of [`MIN_CARD_EMS`]
/// at the smallest size card text shrinks to.
fn cards(out: &Output) -> Option<(String, String)> {
    let size = out.min_font_size.min(out.font_size);
    let leading = size * out.line_height.max(1.25);
    let need = (MIN_CARD_EMS * size, MIN_CARD_LINES * leading);
    let fits = |cards: &Cards| {
        let (w, h) = card_inner_size(card_grid(out.page, cards).card, out.font_size);
        w >= need.0 && h >= need.1
    };
    if fits(&out.cards) {
        return None;
    }
    let grid = card_grid(out.page, &out.cards);
    let (w, h) = grid.card;
    let (iw, ih) = card_inner_size(grid.card, out.font_size);
    let message = format!(
        "{} × {} cards of {:.1}mm × {:.1}mm leave {} × {} inside each for text, too small for {MIN_CARD_LINES} lines at {size}pt",
        grid.cols,
        grid.rows,
        w / MM,
        h / MM,
        mm_pt(iw.max(0.0)),
        mm_pt(ih.max(0.0)),
    );
    let fixes = match out.cards.size {
        Some((w, h)) => {
            // The padding and label line around the text, whatever the card.
            let (pad_w, pad_h) = card_inner_size((0.0, 0.0), out.font_size);
            let (cw, ch) = ((need.0 - pad_w) / MM, (need.1 - pad_h) / MM);
            vec![format!(
                "a card of at least {:.0}mm × {:.0}mm, e.g. `card = \"{:.0}x{:.0}mm\"`",
                cw.ceil(),
                ch.ceil(),
                cw.ceil().max(w / MM),
                ch.ceil().max(h / MM)
            )]
        }
        None => grid_fixes(out, &fits),
    };
    let hint = format!(
        "card text needs at least {} × {} ({MIN_CARD_EMS} em wide, {MIN_CARD_LINES} lines tall at `min_font_size = {size}`); use {}, or a larger `paper`",
        mm_pt(need.0),
        mm_pt(need.1),
        fixes.join(", or "),
    );
    Some((message, hint))
}

/// The largest grid, no bigger than the output's, whose cards fit.
fn grid_fixes(out: &Output, fits: &dyn Fn(&Cards) -> bool) -> Vec<String> {
    let (cols, rows) = out.cards.grid;
    let with = |c: u32, r: u32| Cards {
        grid: (c, r),
        ..out.cards
    };
    let best = (1..=cols)
        .flat_map(|c| (1..=rows).map(move |r| (c, r)))
        .filter(|&(c, r)| fits(&with(c, r)))
        .max_by_key(|&(c, r)| (c * r, c));
    match best {
        Some((c, r)) => vec![format!("`grid = \"{c}x{r}\"`")],
        None => vec!["smaller margins".to_string()],
    }
}

/// Header and footer texts short enough to fit on one line.
fn furniture(out: &Output) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let mut lines: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
    if let Some((left, right)) = &out.header {
        lines.push((
            "header = false",
            vec![("header_left", left), ("header_right", right)],
        ));
    }
    if let Some(footer) = &out.footer {
        lines.push(("footer = false", vec![("footer", footer)]));
    }
    for (off, texts) in lines {
        let mut too_long = false;
        for (key, text) in &texts {
            let chars = text.chars().count();
            if chars > MAX_FURNITURE_CHARS {
                too_long = true;
                problems.push((
                    format!("`{key}` is {chars} characters long"),
                    format!("running heads hold at most {MAX_FURNITURE_CHARS} characters; shorten `{key}`, or set `{off}`"),
                ));
            }
        }
        if !too_long {
            problems.extend(furniture_width(out, &texts, off));
        }
    }
    problems
}

/// Whether one line of furniture, made of `texts` (header left and right,
/// or the footer), fits across the text area. Placeholders are counted as
/// written: what they are filled with is not known until the build.
fn furniture_width(out: &Output, texts: &[(&str, &str)], off: &str) -> Option<(String, String)> {
    let (size, _) = text_size(out);
    let small = FURNITURE_SCALE * size;
    let chars: usize = texts.iter().map(|(_, t)| t.chars().count()).sum();
    let width = chars as f32 * FURNITURE_EMS_PER_CHAR * small;
    let body = body_width(out);
    if width <= body {
        return None;
    }
    let keys: Vec<String> = texts.iter().map(|(k, _)| format!("`{k}`")).collect();
    let (keys, need, all) = match keys.len() {
        1 => (keys.join(""), "needs", ""),
        _ => (keys.join(" and "), "need", " in all"),
    };
    let most = (body / (FURNITURE_EMS_PER_CHAR * small)).floor() as usize;
    let message = format!(
        "{keys} ({chars} characters) {need} about {} at {small:.1}pt, but the text area is {} wide",
        mm_pt(width),
        mm_pt(body),
    );
    let hint = format!(
        "shorten {keys} to at most {most} characters{all} (at {FURNITURE_EMS_PER_CHAR} em each), or set `{off}`"
    );
    Some((message, hint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;

    fn output(style: Style) -> Output {
        let src = Source::new("guide.toml", "");
        let mut out = Output::default_for(&src);
        out.style = style;
        out
    }

    #[test]
    fn the_default_outputs_pass() {
        for style in [Style::Handout, Style::Cheatsheet, Style::Flashcards] {
            let mut out = output(style);
            out.columns = 3;
            let mut errors = Vec::new();
            check(&out, &mut errors);
            assert!(errors.is_empty(), "{style:?}: {errors:?}");
        }
    }

    #[test]
    fn wide_gaps_suggest_fewer_columns() {
        let mut out = output(Style::Handout);
        out.columns = 3;
        out.column_gap = 50.0 * MM;
        let (message, hint) = columns(&out).unwrap();
        assert!(message.contains("19.3mm"), "{message}");
        assert!(hint.contains("`columns = 2`"), "{hint}");
    }

    #[test]
    fn a_crowded_card_grid_suggests_a_smaller_one() {
        let mut out = output(Style::Flashcards);
        out.min_font_size = 7.0;
        out.font_size = 11.0;
        out.page.width = 419.528;
        out.page.height = 595.276;
        out.cards.grid = (6, 8);
        let (message, hint) = cards(&out).unwrap();
        assert!(message.starts_with("6 × 8 cards"), "{message}");
        assert!(hint.contains("`grid = \""), "{hint}");
        let mut fixed = out.clone();
        let at = hint.find("grid = \"").unwrap() + 8;
        let (c, r) = hint[at..at + 3].split_once('x').unwrap();
        fixed.cards.grid = (c.parse().unwrap(), r.parse().unwrap());
        assert_eq!(cards(&fixed), None);
    }

    #[test]
    fn long_running_heads_are_refused() {
        let mut out = output(Style::Handout);
        out.header = Some(("x".repeat(640 * 1024), String::new()));
        out.footer = Some("y".repeat(150));
        let problems = furniture(&out);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].0.contains("655360 characters"));
        assert!(problems[1].0.contains("`footer` (150 characters)"));
    }
}
