//! `[[output]]` tables: what to build, and how the pages look.

use super::brand::{self, Base, Brand, LogoSetting, RawBrand};
use crate::diag::{Diagnostic, Source, Span};
pub use crate::layout::{Cards, Duplex, Margins, PageSetup};
use serde::Deserialize;
use std::fmt::Display;
use std::ops::{Range, RangeInclusive};
use std::path::{Path, PathBuf};
use toml::Spanned;

mod geometry;

/// The kind of document an output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Flowing pages of questions with guidance and answers.
    Handout,
    /// A dense reference in several columns, optionally fitted to N pages.
    Cheatsheet,
    /// Cards in a grid: question sheets and answer sheets for duplex printing.
    Flashcards,
    /// A deck for Anki's text import (`out/NAME.txt`), not a PDF: the
    /// question on the front, the shown parts as HTML on the back.
    Anki,
}

impl Style {
    /// Whether the output is typeset into a PDF (every style but `anki`).
    pub fn is_pdf(self) -> bool {
        self != Style::Anki
    }
}

/// One member of a batch output (`variants = N` or `for_each = [...]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// 0-based position in the batch; added to shuffle seeds.
    pub index: usize,
    /// The batch output's own name, which `--output` accepts for all of it.
    pub batch: String,
    /// The name it was made for (`for_each`), or its 1-based number.
    pub label: String,
}

/// A part of a question an output can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The question itself.
    Question,
    /// Why it is asked and how to approach it.
    Why,
    /// The example answer.
    Answer,
    /// What a strong answer covers, for interviewers.
    ListenFor,
    /// Ruled lines to write on.
    Notes,
    /// A 1–5 score row and a comments box.
    Score,
}

/// Which parts of each question an output shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Show the question text.
    pub question: bool,
    /// Show the guidance.
    pub why: bool,
    /// Show the example answer.
    pub answer: bool,
    /// Show the listen-for bullets.
    pub listen_for: bool,
    /// Show ruled note lines.
    pub notes: bool,
    /// Show the score row and comments box.
    pub score: bool,
}

impl Parts {
    /// Question and example answer only: cheat sheets and flash cards.
    pub const QUESTION_AND_ANSWER: Parts = Parts {
        question: true,
        why: false,
        answer: true,
        listen_for: false,
        notes: false,
        score: false,
    };
}

/// Font files replacing the built-in faces; `None` keeps the built-in one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontPaths {
    /// Body text, regular.
    pub regular: Option<PathBuf>,
    /// Body text, bold.
    pub bold: Option<PathBuf>,
    /// Body text, italic.
    pub italic: Option<PathBuf>,
    /// Body text, bold italic.
    pub bold_italic: Option<PathBuf>,
    /// Code, regular.
    pub mono: Option<PathBuf>,
    /// Code, bold.
    pub mono_bold: Option<PathBuf>,
}

/// A validated output: one Markdown file and one PDF.
#[derive(Debug, Clone)]
pub struct Output {
    /// File stem: `out/NAME.md` and `out/NAME.pdf`.
    pub name: String,
    /// Where the name was written.
    pub name_span: Span,
    /// What kind of document.
    pub style: Style,
    /// Template name (a file `NAME.md.hbs` in the template folder, or built in).
    pub template: String,
    /// Parts of each question to show.
    pub show: Parts,
    /// Paper and margins.
    pub page: PageSetup,
    /// Body text size in points.
    pub font_size: f32,
    /// Baseline distance as a multiple of the font size.
    pub line_height: f32,
    /// Justify paragraphs (otherwise ragged right).
    pub justify: bool,
    /// Hyphenate words (en-US patterns).
    pub hyphenate: bool,
    /// Replacement fonts, resolved against the config folder.
    pub fonts: FontPaths,
    /// Text columns per page (1 to 3).
    pub columns: usize,
    /// Space between columns, in points.
    pub column_gap: f32,
    /// Draw a thin rule between columns.
    pub column_rule: bool,
    /// Running header text left and right (`None`: no header). `{title}`,
    /// `{section}`, `{page}` and `{pages}` are filled in.
    pub header: Option<(String, String)>,
    /// Footer text, centred (`None`: no footer); same placeholders.
    pub footer: Option<String>,
    /// Print a table of contents after the title block.
    pub toc: bool,
    /// Keep each question in one column when it fits (otherwise answers
    /// may split, each continuation marked).
    pub keep_questions: bool,
    /// Start each section on a new page (otherwise sections run on).
    pub section_page_break: bool,
    /// Ruled lines per question when `notes` is shown.
    pub note_lines: u32,
    /// Fit the document on at most this many pages (cheat sheets).
    pub fit_pages: Option<u32>,
    /// Smallest font size a fit (or a card) may use.
    pub min_font_size: f32,
    /// Largest font size a fit may use.
    pub max_font_size: f32,
    /// Flash-card geometry.
    pub cards: Cards,
    /// Which member of a batch this output is, if it is one.
    pub variant: Option<Variant>,
    /// Logo, accent colour and organisation, the guide's unless overridden.
    pub brand: Brand,
}

// Defaults, in one place so they can be read and changed together.
const DEFAULT_NAME: &str = "guide";
const DEFAULT_TEMPLATE: &str = "handout";
const DEFAULT_FONT_SIZE: f32 = 10.5;
const DEFAULT_LINE_HEIGHT: f32 = 1.32;
const DEFAULT_MARGINS_MM: Margins = Margins {
    top: 22.0,
    right: 26.0,
    bottom: 24.0,
    left: 26.0,
};
const DEFAULT_COLUMN_GAP_MM: f32 = 7.0;
const DEFAULT_NOTE_LINES: u32 = 6;
const MM: f32 = 72.0 / 25.4;

impl Output {
    /// The output built when a config names none: the handout `guide`.
    pub fn default_for(src: &Source) -> Output {
        Output {
            name: DEFAULT_NAME.to_string(),
            name_span: Span::file(&src.path),
            style: Style::Handout,
            template: DEFAULT_TEMPLATE.to_string(),
            show: Parts {
                question: true,
                why: true,
                answer: true,
                listen_for: false,
                notes: false,
                score: false,
            },
            page: PageSetup {
                width: 595.276,
                height: 841.89,
                margins: scale_margins(DEFAULT_MARGINS_MM, MM),
            },
            font_size: DEFAULT_FONT_SIZE,
            line_height: DEFAULT_LINE_HEIGHT,
            justify: true,
            hyphenate: true,
            fonts: FontPaths::default(),
            columns: 1,
            column_gap: DEFAULT_COLUMN_GAP_MM * MM,
            column_rule: false,
            header: Some(("{title}".to_string(), "{section}".to_string())),
            footer: Some("Page {page} of {pages}".to_string()),
            toc: false,
            keep_questions: false,
            section_page_break: false,
            note_lines: DEFAULT_NOTE_LINES,
            fit_pages: None,
            min_font_size: 6.0,
            max_font_size: 11.0,
            cards: Cards {
                grid: (2, 4),
                size: None,
                duplex: Duplex::LongEdge,
                back_offset: (0.0, 0.0),
            },
            variant: None,
            brand: Brand::default(),
        }
    }

    /// The output with `brand`, and its footer led by the organisation
    /// when it has one.
    pub(super) fn branded(mut self, brand: Brand) -> Output {
        brand::default_footer(&mut self.footer, &brand);
        self.brand = brand;
        self
    }
}

fn scale_margins(m: Margins, k: f32) -> Margins {
    Margins {
        top: m.top * k,
        right: m.right * k,
        bottom: m.bottom * k,
        left: m.left * k,
    }
}

/// The keys of an `[[output]]` table, in the order of [`RawOutput`]'s
/// fields (a test keeps the two the same): what `render` takes from a
/// Markdown file's front matter.
pub const OUTPUT_KEYS: [&str; 37] = [
    "name",
    "style",
    "template",
    "show",
    "paper",
    "landscape",
    "margin",
    "margins",
    "font_size",
    "line_height",
    "justify",
    "hyphenate",
    "fonts",
    "columns",
    "column_gap",
    "column_rule",
    "header",
    "header_left",
    "header_right",
    "footer",
    "toc",
    "keep_questions",
    "section_page_break",
    "note_lines",
    "fit_pages",
    "min_font_size",
    "max_font_size",
    "grid",
    "card",
    "duplex",
    "back_offset",
    "variants",
    "for_each",
    "logo",
    "header_logo",
    "accent_color",
    "organization",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOutput {
    name: Spanned<String>,
    style: Option<Style>,
    template: Option<Spanned<String>>,
    show: Option<Vec<Part>>,
    paper: Option<Spanned<String>>,
    #[serde(default)]
    landscape: bool,
    margin: Option<Spanned<String>>,
    margins: Option<RawMargins>,
    font_size: Option<Spanned<f64>>,
    line_height: Option<Spanned<f64>>,
    justify: Option<bool>,
    hyphenate: Option<bool>,
    fonts: Option<FontPaths>,
    columns: Option<Spanned<i64>>,
    column_gap: Option<Spanned<String>>,
    column_rule: Option<bool>,
    header: Option<bool>,
    header_left: Option<String>,
    header_right: Option<String>,
    footer: Option<FooterSetting>,
    toc: Option<bool>,
    keep_questions: Option<bool>,
    section_page_break: Option<bool>,
    note_lines: Option<Spanned<i64>>,
    fit_pages: Option<Spanned<i64>>,
    min_font_size: Option<Spanned<f64>>,
    max_font_size: Option<Spanned<f64>>,
    grid: Option<Spanned<String>>,
    card: Option<Spanned<String>>,
    duplex: Option<Duplex>,
    back_offset: Option<RawOffset>,
    variants: Option<Spanned<i64>>,
    for_each: Option<Spanned<Vec<String>>>,
    logo: Option<Spanned<LogoSetting>>,
    header_logo: Option<bool>,
    accent_color: Option<Spanned<String>>,
    organization: Option<String>,
}

/// Most members one batch output may have.
const MAX_VARIANTS: i64 = 200;

/// The longest output name, with a batch member's suffix, in bytes: the
/// file name, with `.pdf` and a temporary file's prefix, must stay well
/// under the 255 bytes file systems allow.
const MAX_NAME: usize = 150;

/// Expands a batch output into its members, with stable derived names:
/// `NAME-01` … for `variants`, `NAME-alice` … for `for_each`.
pub(super) fn expand(out: Output, batch: &Batch) -> Vec<Output> {
    let members: Vec<(usize, String, String)> = match batch {
        Batch::One => return vec![out],
        Batch::Count(n) => {
            // At least two digits, so that names sort in order in a folder.
            let width = n.to_string().len().max(2);
            (0..*n)
                .map(|i| (i, (i + 1).to_string(), format!("{:0width$}", i + 1)))
                .collect()
        }
        Batch::Names(names) => names
            .iter()
            .enumerate()
            .map(|(i, n)| (i, n.clone(), slug(n)))
            .collect(),
    };
    members
        .into_iter()
        .map(|(index, label, suffix)| Output {
            name: format!("{}-{suffix}", out.name),
            variant: Some(Variant {
                index,
                label,
                batch: out.name.clone(),
            }),
            ..out.clone()
        })
        .collect()
}

/// How many members an output has.
pub(super) enum Batch {
    One,
    Count(usize),
    Names(Vec<String>),
}

/// Lowercase letters, digits and `-`, for file names made from labels.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffset {
    x: Option<Spanned<String>>,
    y: Option<Spanned<String>>,
}

/// Named card sizes (width × height, portrait), in millimetres.
const CARD_SIZES: [(&str, f32, f32); 5] = [
    ("a6", 105.0, 148.0),
    ("a7", 74.0, 105.0),
    ("a8", 52.0, 74.0),
    ("3x5in", 127.0, 76.2),
    ("4x6in", 152.4, 101.6),
];

/// `footer = false` or `footer = "text with {page}"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum FooterSetting {
    On(bool),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMargins {
    top: Option<Spanned<String>>,
    right: Option<Spanned<String>>,
    bottom: Option<Spanned<String>>,
    left: Option<Spanned<String>>,
}

/// Parses a length such as `20mm`, `2cm`, `1in` or `36pt` into points.
pub fn parse_length(text: &str) -> Option<f32> {
    let t = text.trim();
    let split = t.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = t.split_at(split);
    let value: f32 = num.trim().parse().ok()?;
    let k = match unit.trim() {
        "mm" => MM,
        "cm" => 10.0 * MM,
        "in" => 72.0,
        "pt" => 1.0,
        _ => return None,
    };
    (value.is_finite()).then_some(value * k)
}

/// Turns one `[[output]]` table into an [`Output`] and its batch, or records
/// why it cannot be built. Keys are checked in a fixed order so the errors
/// come out in the order a reader of the table would expect.
pub(super) fn validate(
    mut raw: RawOutput,
    base: &Base,
    inherited: &Brand,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Output, Batch)> {
    let (src, dir, allow_outside) = (base.src, base.dir, base.allow_outside);
    let before = errors.len();
    let mut check = Checker { src, errors };
    let mut out = Output::default_for(src);
    check_name_and_style(&raw, &mut out, &mut check);
    check_page(&raw, &mut out, &mut check);
    check_text(&raw, &mut out, &mut check);
    check_running_heads(&raw, &mut out);
    check_fit(&raw, &mut out, &mut check);
    check_cards(&raw, &mut out, &mut check);
    check_flow(&raw, &mut out, &mut check);
    if let Some(fonts) = &raw.fonts {
        out.fonts = resolve_fonts(fonts, dir, allow_outside, &out.name_span, check.errors);
    }
    let batch = check_batch(&raw, &mut check);
    check_brand(&mut raw, &mut out, inherited, base, check.errors);
    // Only once every key is valid: a key that was refused leaves its
    // default behind, and the geometry of defaults is not what was asked.
    if errors.len() == before {
        geometry::check(&out, errors);
    }
    (errors.len() == before).then_some((out, batch))
}

/// Records the problems of one output table, each located in the config.
struct Checker<'a> {
    src: &'a Source,
    errors: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Records a problem with the value written at `at`.
    fn reject(&mut self, at: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(message).at(self.src.span(at)).hint(hint);
        self.errors.push(d);
    }

    /// The value of `key` if it lies in `range`; otherwise records
    /// "`key = value` is out of range" with `hint`. Every numeric key goes
    /// through here so they all read alike.
    fn range<T: PartialOrd + Display + Copy>(
        &mut self,
        value: &Option<Spanned<T>>,
        key: &str,
        range: RangeInclusive<T>,
        hint: impl Into<String>,
    ) -> Option<T> {
        let v = value.as_ref()?;
        if range.contains(v.get_ref()) {
            return Some(*v.get_ref());
        }
        let message = format!("`{key} = {}` is out of range", v.get_ref());
        self.reject(v.span(), message, hint);
        None
    }

    /// A length in points within `range`; otherwise records `message`
    /// (which names the key) with `hint`, whether the text is no length at
    /// all or one out of range.
    fn length(
        &mut self,
        value: &Spanned<String>,
        range: RangeInclusive<f32>,
        message: impl FnOnce(&str) -> String,
        hint: &str,
    ) -> Option<f32> {
        let length = length_within(value.get_ref(), &range);
        if length.is_err() {
            self.reject(value.span(), message(value.get_ref()), hint);
        }
        length.ok()
    }

    /// A margin in points: from 0mm to 100mm, with its own message for text
    /// that is not a length at all.
    fn margin(&mut self, value: &Spanned<String>) -> Option<f32> {
        let text = value.get_ref();
        match length_within(text, &(0.0..=100.0 * MM)) {
            Ok(v) => return Some(v),
            Err(BadLength::OutOfRange) => self.reject(
                value.span(),
                format!("margin `{text}` is out of range"),
                "margins must be between 0mm and 100mm",
            ),
            Err(BadLength::NotALength) => self.reject(
                value.span(),
                format!("`{text}` is not a length"),
                "write a number with a unit: `20mm`, `2cm`, `0.75in` or `36pt`",
            ),
        }
        None
    }
}

/// Why a length was refused.
enum BadLength {
    /// No number with a known unit.
    NotALength,
    /// A length, but outside the allowed range.
    OutOfRange,
}

/// Parses `text` as a length (see [`parse_length`]) and checks it lies in
/// `range`, in points.
fn length_within(text: &str, range: &RangeInclusive<f32>) -> Result<f32, BadLength> {
    match parse_length(text) {
        Some(v) if range.contains(&v) => Ok(v),
        Some(_) => Err(BadLength::OutOfRange),
        None => Err(BadLength::NotALength),
    }
}

/// `name`, `style` (with the defaults it brings), `template` and `show`.
fn check_name_and_style(raw: &RawOutput, out: &mut Output, check: &mut Checker) {
    out.name_span = check.src.span(raw.name.span());
    out.name = raw.name.get_ref().clone();
    if !is_plain_name(&out.name) {
        let message = format!("output name `{}` is not a plain file name", out.name);
        check.reject(
            raw.name.span(),
            message,
            "use letters, digits, `-`, `_` and `.` only, e.g. `name = \"candidate\"`",
        );
    }
    out.style = raw.style.unwrap_or(Style::Handout);
    apply_style_defaults(out);
    if let Some(t) = &raw.template {
        if !out.style.is_pdf() {
            check.reject(
                t.span(),
                "an `anki` output has no template: its notes are written from the bank",
                "remove `template`; `show` picks what goes on the back of each card",
            );
        }
        if !is_plain_name(t.get_ref()) {
            check.reject(
                t.span(),
                format!("template `{}` is not a plain template name", t.get_ref()),
                "name a template such as `handout`; it is looked up as `handout.md.hbs` in the templates folder",
            );
        }
        out.template = t.get_ref().clone();
    }
    if let Some(parts) = &raw.show {
        out.show = Parts {
            question: parts.contains(&Part::Question),
            why: parts.contains(&Part::Why),
            answer: parts.contains(&Part::Answer),
            listen_for: parts.contains(&Part::ListenFor),
            notes: parts.contains(&Part::Notes),
            score: parts.contains(&Part::Score),
        };
    }
}

/// `paper`, `landscape`, `margin` and `margins`, and whether the text area
/// they leave is big enough.
fn check_page(raw: &RawOutput, out: &mut Output, check: &mut Checker) {
    if let Some(p) = &raw.paper {
        let (w, h) = paper_size(p.get_ref()).unwrap_or_else(|| {
            check.reject(
                p.span(),
                format!("unknown paper size `{}`", p.get_ref()),
                "use one of: a4, letter, a5, legal",
            );
            (595.276, 841.89)
        });
        out.page.width = w;
        out.page.height = h;
    }
    if raw.landscape {
        std::mem::swap(&mut out.page.width, &mut out.page.height);
    }
    // A cheat sheet takes three columns across a landscape page, two down a
    // portrait one, unless told otherwise.
    if out.style == Style::Cheatsheet && raw.columns.is_none() {
        out.columns = if out.page.width > out.page.height {
            3
        } else {
            2
        };
    }
    if let Some(v) = raw.margin.as_ref().and_then(|m| check.margin(m)) {
        out.page.margins = Margins {
            top: v,
            right: v,
            bottom: v,
            left: v,
        };
    }
    if let Some(m) = &raw.margins {
        let sides = [
            (&m.top, &mut out.page.margins.top),
            (&m.right, &mut out.page.margins.right),
            (&m.bottom, &mut out.page.margins.bottom),
            (&m.left, &mut out.page.margins.left),
        ];
        for (value, slot) in sides {
            if let Some(v) = value.as_ref().and_then(|v| check.margin(v)) {
                *slot = v;
            }
        }
    }
    let body_w = out.page.width - out.page.margins.left - out.page.margins.right;
    let body_h = out.page.height - out.page.margins.top - out.page.margins.bottom;
    if body_w < 40.0 * MM || body_h < 40.0 * MM {
        check.errors.push(
            Diagnostic::error(format!(
                "the margins leave a text area of only {:.0}mm × {:.0}mm",
                body_w / MM,
                body_h / MM
            ))
            .at(out.name_span.clone())
            .hint("make the margins smaller; the text area must be at least 40mm each way"),
        );
    }
}

/// `font_size`, `line_height` and the column keys.
fn check_text(raw: &RawOutput, out: &mut Output, check: &mut Checker) {
    for (value, key, range, slot) in [
        (&raw.font_size, "font_size", 5.0..=30.0, &mut out.font_size),
        (
            &raw.line_height,
            "line_height",
            1.0..=3.0,
            &mut out.line_height,
        ),
    ] {
        let hint = format!("use a value from {} to {}", range.start(), range.end());
        if let Some(v) = check.range(value, key, range, hint) {
            *slot = v as f32;
        }
    }
    if let Some(c) = check.range(&raw.columns, "columns", 1..=3, "use 1, 2 or 3 columns") {
        out.columns = c as usize;
    }
    if let Some(g) = &raw.column_gap {
        let message = |g: &str| format!("`column_gap = \"{g}\"` is not a gap between 0mm and 50mm");
        let hint = "write a length with a unit, e.g. `column_gap = \"6mm\"`";
        if let Some(v) = check.length(g, 0.0..=50.0 * MM, message, hint) {
            out.column_gap = v;
        }
    }
    out.column_rule = raw.column_rule.unwrap_or(out.column_rule);
}

/// `header`, `header_left`, `header_right`, `footer` and `toc`, which
/// cannot be wrong once parsed.
fn check_running_heads(raw: &RawOutput, out: &mut Output) {
    if raw.header == Some(false) {
        out.header = None;
    } else if let Some((left, right)) = &mut out.header {
        if let Some(l) = &raw.header_left {
            left.clone_from(l);
        }
        if let Some(r) = &raw.header_right {
            right.clone_from(r);
        }
    }
    match &raw.footer {
        Some(FooterSetting::On(false)) => out.footer = None,
        Some(FooterSetting::Text(t)) => out.footer = Some(t.clone()),
        _ => {}
    }
    out.toc = raw.toc.unwrap_or(out.toc);
}

/// `logo`, `header_logo`, `accent_color` and `organization`, over the
/// guide's; a footer left at its default names the organisation.
fn check_brand(
    raw: &mut RawOutput,
    out: &mut Output,
    inherited: &Brand,
    base: &Base,
    errors: &mut Vec<Diagnostic>,
) {
    let own = RawBrand {
        logo: raw.logo.take(),
        header_logo: raw.header_logo,
        accent_color: raw.accent_color.take(),
        organization: raw.organization.take(),
    };
    out.brand = brand::validate(own, inherited, base, errors);
    if raw.footer.is_none() {
        brand::default_footer(&mut out.footer, &out.brand);
    }
}

/// `fit_pages` and the font sizes a fit may choose from.
fn check_fit(raw: &RawOutput, out: &mut Output, check: &mut Checker) {
    let pages = "use a page count from 1 to 500";
    if let Some(n) = check.range(&raw.fit_pages, "fit_pages", 1..=500, pages) {
        out.fit_pages = Some(n as u32);
    }
    for (value, key, slot) in [
        (&raw.min_font_size, "min_font_size", &mut out.min_font_size),
        (&raw.max_font_size, "max_font_size", &mut out.max_font_size),
    ] {
        if let Some(v) = check.range(value, key, 4.0..=30.0, "use a size from 4 to 30 points") {
            *slot = v as f32;
        }
    }
    if out.min_font_size > out.max_font_size {
        check.errors.push(
            Diagnostic::error(format!(
                "`min_font_size = {}` is larger than `max_font_size = {}`",
                out.min_font_size, out.max_font_size
            ))
            .at(out.name_span.clone())
            .hint("swap them, or raise max_font_size"),
        );
    }
}

/// `grid`, `card`, `duplex` and `back_offset`.
fn check_cards(raw: &RawOutput, out: &mut Output, check: &mut Checker) {
    if let Some(g) = &raw.grid {
        match parse_grid(g.get_ref()) {
            Some(grid) => out.cards.grid = grid,
            None => check.reject(
                g.span(),
                format!("`grid = \"{}\"` is not a card grid", g.get_ref()),
                "write columns x rows, from 1x1 to 6x8, e.g. `grid = \"2x4\"`",
            ),
        }
    }
    if let Some(c) = &raw.card {
        match parse_card(c.get_ref()) {
            Some(size) => out.cards.size = Some(size),
            None => check.reject(
                c.span(),
                format!("`card = \"{}\"` is not a card size", c.get_ref()),
                "use a6, a7, a8, 3x5in, 4x6in, or a size such as \"70x50mm\"",
            ),
        }
    }
    if let Some(d) = raw.duplex {
        out.cards.duplex = d;
    }
    if let Some(o) = &raw.back_offset {
        let message = |v: &str| format!("back_offset `{v}` is not an offset of at most 10mm");
        let hint = "write a small length, e.g. `back_offset = { x = \"0.6mm\", y = \"-1mm\" }`";
        for (value, slot) in [
            (&o.x, &mut out.cards.back_offset.0),
            (&o.y, &mut out.cards.back_offset.1),
        ] {
            let limit = 10.0 * MM;
            if let Some(v) = value.as_ref() {
                if let Some(l) = check.length(v, -limit..=limit, message, hint) {
                    *slot = l;
                }
            }
        }
    }
}

/// `keep_questions`, `section_page_break`, `note_lines`, `justify` and
/// `hyphenate`.
fn check_flow(raw: &RawOutput, out: &mut Output, check: &mut Checker) {
    out.keep_questions = raw.keep_questions.unwrap_or(out.keep_questions);
    out.section_page_break = raw.section_page_break.unwrap_or(out.section_page_break);
    if let Some(n) = check.range(&raw.note_lines, "note_lines", 0..=40, "use 0 to 40 lines") {
        out.note_lines = n as u32;
    }
    out.justify = raw.justify.unwrap_or(out.justify);
    out.hyphenate = raw.hyphenate.unwrap_or(out.hyphenate);
}

/// Resolves replacement fonts against the config's folder; unless
/// `allow_outside`, each must stay inside it.
fn resolve_fonts(
    fonts: &FontPaths,
    dir: &Path,
    allow_outside: bool,
    name_span: &Span,
    errors: &mut Vec<Diagnostic>,
) -> FontPaths {
    let mut resolve = |p: &Option<PathBuf>| {
        p.as_ref().map(|p| {
            if !allow_outside && !crate::source::stays_inside(p) {
                errors.push(crate::source::outside_error("font", p, name_span.clone()));
            }
            dir.join(p)
        })
    };
    FontPaths {
        regular: resolve(&fonts.regular),
        bold: resolve(&fonts.bold),
        italic: resolve(&fonts.italic),
        bold_italic: resolve(&fonts.bold_italic),
        mono: resolve(&fonts.mono),
        mono_bold: resolve(&fonts.mono_bold),
    }
}

/// `variants` or `for_each`: how many members the output has.
fn check_batch(raw: &RawOutput, check: &mut Checker) -> Batch {
    match (&raw.variants, &raw.for_each) {
        (Some(v), Some(_)) => {
            check.reject(
                v.span(),
                "an output has both `variants` and `for_each`",
                "use `variants = N` for numbered copies, or `for_each = [\"alice\", \"bob\"]` for named ones",
            );
            Batch::One
        }
        (Some(_), None) => {
            let hint = format!("use 1 to {MAX_VARIANTS}");
            match check.range(&raw.variants, "variants", 1..=MAX_VARIANTS, hint) {
                Some(n) => Batch::Count(n as usize),
                None => Batch::One,
            }
        }
        (None, Some(names)) => {
            let list = names.get_ref();
            if list.is_empty()
                || list.len() > MAX_VARIANTS as usize
                || list.iter().any(|n| n.trim().is_empty())
            {
                check.reject(
                    names.span(),
                    "`for_each` must list 1 to 200 non-empty names",
                    "e.g. `for_each = [\"alice\", \"bob\"]`",
                );
                Batch::One
            } else if let Some(long) = list
                .iter()
                .find(|n| raw.name.get_ref().len() + 1 + slug(n).len() > MAX_NAME)
            {
                // The name becomes a file name: refused here, before any
                // file of the build is written, not by the file system.
                let shown: String = long.chars().take(40).collect();
                check.reject(
                    names.span(),
                    format!("the `for_each` name `{shown}…` makes a file name longer than {MAX_NAME} characters"),
                    "shorten it: it only needs to tell the copies apart",
                );
                Batch::One
            } else {
                Batch::Names(list.clone())
            }
        }
        (None, None) => Batch::One,
    }
}

/// Width and height in points of a named paper size (portrait).
pub fn paper_size(name: &str) -> Option<(f32, f32)> {
    match name.to_ascii_lowercase().as_str() {
        "a4" => Some((595.276, 841.89)),
        "letter" => Some((612.0, 792.0)),
        "a5" => Some((419.528, 595.276)),
        "legal" => Some((612.0, 1008.0)),
        _ => None,
    }
}

/// Defaults that depend on the style, applied before the output's own keys.
fn apply_style_defaults(out: &mut Output) {
    let ten_mm = Margins {
        top: 10.0 * MM,
        right: 10.0 * MM,
        bottom: 10.0 * MM,
        left: 10.0 * MM,
    };
    match out.style {
        Style::Handout => {}
        Style::Cheatsheet => {
            out.template = "cheatsheet".into();
            out.show = Parts::QUESTION_AND_ANSWER;
            out.page.margins = ten_mm;
            out.font_size = 8.5;
            out.line_height = 1.18;
            out.justify = false;
            out.column_rule = true;
            out.column_gap = 5.0 * MM;
            out.header = None;
            out.footer = Some("{title} \u{b7} {page}/{pages}".into());
        }
        Style::Flashcards => {
            out.template = "flashcards".into();
            out.show = Parts::QUESTION_AND_ANSWER;
            out.page.margins = ten_mm;
            out.font_size = 11.0;
            out.min_font_size = 7.0;
            out.justify = false;
            out.header = None;
            out.footer = None;
        }
        Style::Anki => {
            out.show = Parts::QUESTION_AND_ANSWER;
        }
    }
}

/// `"2x4"` → (2, 4): columns by rows.
fn parse_grid(text: &str) -> Option<(u32, u32)> {
    let (c, r) = text.trim().split_once(['x', 'X', '\u{d7}'])?;
    let (c, r): (u32, u32) = (c.trim().parse().ok()?, r.trim().parse().ok()?);
    ((1..=6).contains(&c) && (1..=8).contains(&r)).then_some((c, r))
}

/// A named card size, or `"70x50mm"`, `"3x5in"`: width × height in points.
fn parse_card(text: &str) -> Option<(f32, f32)> {
    let t = text.trim().to_ascii_lowercase();
    if let Some((_, w, h)) = CARD_SIZES.iter().find(|(n, _, _)| *n == t) {
        return Some((w * MM, h * MM));
    }
    let unit_at = t.find(|c: char| c.is_ascii_alphabetic() && c != 'x')?;
    let (dims, unit) = t.split_at(unit_at);
    let (w, h) = dims.split_once('x')?;
    let w = parse_length(&format!("{w}{unit}"))?;
    let h = parse_length(&format!("{h}{unit}"))?;
    (w >= 20.0 * MM && h >= 20.0 * MM && w <= 300.0 * MM && h <= 300.0 * MM).then_some((w, h))
}

/// A name that is safe as a file stem: no separators, no `..`, not empty.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_list_is_the_tables_fields() {
        // serde names the expected fields when it meets an unknown one.
        let err = toml::from_str::<RawOutput>("not_a_key = 1")
            .err()
            .expect("refused")
            .to_string();
        let expected = err.split("expected one of ").nth(1).expect("a list");
        let fields: Vec<&str> = expected
            .split(", ")
            .map(|f| {
                f.trim()
                    .trim_matches(|c: char| c == '`' || c.is_whitespace())
            })
            .collect();
        assert_eq!(fields, OUTPUT_KEYS, "{err}");
    }

    #[test]
    fn lengths_parse_with_units() {
        assert_eq!(parse_length("72pt"), Some(72.0));
        assert_eq!(parse_length("1in"), Some(72.0));
        assert!((parse_length("25.4mm").unwrap() - 72.0).abs() < 1e-3);
        assert!((parse_length("2.54 cm").unwrap() - 72.0).abs() < 1e-3);
        assert_eq!(parse_length("20"), None);
        assert_eq!(parse_length("20furlongs"), None);
    }

    #[test]
    fn card_sizes_and_grids_parse() {
        assert_eq!(parse_grid("2x4"), Some((2, 4)));
        assert_eq!(parse_grid("9x9"), None);
        let (w, h) = parse_card("a7").unwrap();
        assert!((w - 74.0 * MM).abs() < 1e-3 && (h - 105.0 * MM).abs() < 1e-3);
        let (w, h) = parse_card("3x5in").unwrap();
        assert!((w - 5.0 * 72.0).abs() < 1e-3 && (h - 3.0 * 72.0).abs() < 1e-3);
        let (w, h) = parse_card("70x50mm").unwrap();
        assert!((w - 70.0 * MM).abs() < 1e-3 && (h - 50.0 * MM).abs() < 1e-3);
        assert_eq!(parse_card("huge"), None);
    }

    #[test]
    fn output_names_must_be_plain() {
        assert!(is_plain_name("candidate-v2"));
        assert!(!is_plain_name("../x"));
        assert!(!is_plain_name("/etc/x"));
        assert!(!is_plain_name(""));
    }
}
