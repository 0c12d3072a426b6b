//! Existing question lists → a bank file (`studyguide import`).
//!
//! Interview questions usually exist somewhere already: a web article saved
//! as text, or a Markdown document. Importing turns such a list into
//! `[[question]]` tables so it can be edited instead of retyped.
//!
//! The input is untrusted and only loosely structured, so every rule here is
//! a heuristic that degrades to "keep the text" rather than failing. The
//! parsers never panic, run in linear time, and say what they could not place
//! in [`Imported::warnings`]; the written bank is meant to be reviewed.
//!
//! Two layouts are understood:
//!
//! * [`Format::Article`]: a preamble, then numbered questions (`1.` or `1)`),
//!   each followed by guidance paragraphs and an `Example:` paragraph with
//!   the answer in quotes, and often site navigation after the last answer.
//! * [`Format::Markdown`]: `##`/`###` headings are questions, `#` headings
//!   are sections, and labelled paragraphs or blockquotes are answers.

use std::collections::{HashMap, HashSet};

/// Section of questions whose input has no section headings.
const DEFAULT_SECTION: &str = "Imported";

/// Longest id slug, before a `-2` style suffix is added. Long enough to tell
/// questions apart, short enough to type in a config.
const MAX_ID_LEN: usize = 48;

/// Hard-wrapped prose rarely has lines this long, so a block with a longer
/// line is copy-pasted web text: one paragraph per line.
const WRAP_LIMIT: usize = 100;

/// In hard-wrapped prose only a paragraph's last line is much shorter than
/// the wrap width, so a line this short ends its paragraph.
const SHORT_LINE: usize = 40;

/// Longest text quoted in a warning, in characters.
const WARNING_QUOTE: usize = 80;

/// Input layouts `import` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A web article saved as text: a preamble, numbered questions,
    /// guidance, `Example:` answers in quotes, then site navigation.
    Article,
    /// Markdown: `#` sections, `##`/`###` questions, labelled or
    /// blockquoted answers.
    Markdown,
}

impl Format {
    /// Guesses the format: Markdown if the text has `##`/`###` heading lines,
    /// else Article.
    pub fn detect(text: &str) -> Format {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut fence = None;
        for line in text.split(['\n', '\r']) {
            // A `## comment` inside a code block is not a heading.
            if let Some(open) = fence {
                if closes_fence(line, open) {
                    fence = None;
                }
                continue;
            }
            fence = opens_fence(line);
            if fence.is_none() && matches!(heading(line), Some((2..=3, text)) if !text.is_empty()) {
                return Format::Markdown;
            }
        }
        Format::Article
    }
}

/// One imported question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedQuestion {
    /// Slug of the question text, unique within the import.
    pub id: String,
    /// The nearest preceding section heading, or `Imported`.
    pub section: String,
    /// The question, one line.
    pub question: String,
    /// Guidance paragraphs, joined by blank lines; may be empty.
    pub why: String,
    /// The example answer without its quotes, paragraphs joined by blank
    /// lines; empty when the input had none (see the warnings).
    pub answer: String,
}

/// The result of an import: the questions and human-readable warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The questions, in input order.
    pub questions: Vec<ImportedQuestion>,
    /// Things a reviewer should check, one sentence each, in input order.
    pub warnings: Vec<String>,
}

/// Parses `text` in `format`. Never panics, on any input.
pub fn import(text: &str, format: Format) -> Imported {
    let lines = clean_lines(text);
    let drafts = match format {
        Format::Article => parse_article(&lines),
        Format::Markdown => parse_markdown(&lines),
    };
    finish(drafts)
}

impl Imported {
    /// The bank file: a comment header naming the source, then one
    /// `[[question]]` table per question.
    ///
    /// Every string round-trips exactly through a TOML parser. `why` and
    /// `answer` are multi-line strings for readability; their closing `"""`
    /// follows the text directly so no newline is added to the value.
    pub fn to_toml(&self, source_name: &str) -> String {
        let mut out = String::new();
        out.push_str("# studyguide question bank, imported from ");
        out.push_str(&comment_text(source_name));
        out.push_str(".\n");
        out.push_str(
            "# Review it before use: the import guesses where guidance ends and the\n\
             # example answer begins, and `difficulty` and `tags` are placeholders.\n",
        );
        if self.questions.iter().any(|q| q.answer.is_empty()) {
            out.push_str(
                "# Questions with `answer = \"\"` need an example answer before the bank loads.\n",
            );
        }
        for warning in &self.warnings {
            out.push_str("# warning: ");
            out.push_str(&comment_text(warning));
            out.push('\n');
        }
        for q in &self.questions {
            out.push_str("\n[[question]]\n");
            out.push_str(&format!("id = {}\n", basic_string(&q.id)));
            out.push_str(&format!("section = {}\n", basic_string(&q.section)));
            out.push_str("difficulty = \"medium\"\n");
            out.push_str("tags = [\"imported\"]\n");
            out.push_str(&format!("question = {}\n", basic_string(&q.question)));
            out.push_str(&format!("why = {}\n", multiline_string(&q.why)));
            out.push_str(&format!("answer = {}\n", multiline_string(&q.answer)));
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Shared text handling

/// A question on its way out of a parser, before it gets an id.
struct Draft {
    /// 1-based position, as named in warnings.
    number: usize,
    section: String,
    question: String,
    why: Vec<String>,
    answer: Vec<String>,
    /// Warnings about this question beyond a missing answer.
    notes: Vec<String>,
}

/// Splits `text` into lines with the noise of copied text removed: a BOM,
/// CR and CRLF endings, control characters and zero-width characters. Tabs
/// become spaces; trailing whitespace goes.
fn clean_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(std::mem::take(&mut line));
            }
            '\t' => line.push(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            c if c.is_control() => {}
            c => line.push(c),
        }
    }
    lines.push(line);
    for line in &mut lines {
        let kept = line.trim_end().len();
        line.truncate(kept);
    }
    lines
}

/// `s` with every run of whitespace (including no-break spaces) turned into
/// one space, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `s` shortened for quoting in a warning.
fn short(s: &str) -> String {
    let s = collapse(s);
    if s.chars().count() <= WARNING_QUOTE {
        return s;
    }
    let mut cut: String = s.chars().take(WARNING_QUOTE - 3).collect();
    cut.push_str("...");
    cut
}

fn has_alphanumeric(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// `s` without emphasis markers wrapping all of it (`**text**`, `_text_`).
fn unwrap_emphasis(s: &str) -> &str {
    for mark in ["**", "__", "*", "_"] {
        if s.len() > 2 * mark.len() {
            if let Some(inner) = s.strip_prefix(mark).and_then(|t| t.strip_suffix(mark)) {
                return inner.trim();
            }
        }
    }
    s
}

/// A numbered line, `12. Text` or `12) Text` (optionally bold), as its
/// number and text.
fn numbered(line: &str) -> Option<(u32, &str)> {
    let inner = line.trim_start_matches(['*', '_']);
    let emphasised = inner.len() != line.len();
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // Five digits bound the parse. A stray "2024. " line is harmless: only
    // lines continuing the sequence 1, 2, 3, ... become questions.
    if digits == 0 || digits > 5 {
        return None;
    }
    let number: u32 = inner.get(..digits)?.parse().ok()?;
    let rest = inner.get(digits..)?;
    let rest = rest.strip_prefix(['.', ')'])?;
    // `1.5 million` is not a list item; `**1.** Text` is.
    let rest = rest.trim_start_matches(['*', '_']);
    if number == 0 || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut text = rest.trim();
    if emphasised {
        text = text.trim_end_matches(['*', '_']).trim_end();
    }
    has_alphanumeric(text).then_some((number, text))
}

/// Whether a line starts a list item: a bullet, a dash or a number.
fn is_list_line(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '◦' | '‣' | '●') => true,
        Some('-' | '*' | '+' | '–' | '—') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => numbered(line).is_some(),
        _ => false,
    }
}

/// Whether the text, ignoring closing emphasis, quotes and brackets, ends
/// with a question mark.
fn ends_question(s: &str) -> bool {
    s.trim_end_matches(['*', '_', ')', '”', '"', ' '])
        .ends_with('?')
}

/// Whether the text ends with sentence punctuation (closing quotes and
/// brackets count: they follow the punctuation they enclose).
fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['*', '_'])
        .ends_with(['.', '!', '?', ':', ';', '…', '"', '”', '’', '\'', ')', ']'])
}

/// Answer labels, longest first so `Example answer:` is not read as
/// `Example` followed by the word "answer".
const LABELS: [&str; 5] = [
    "example answer",
    "example response",
    "sample answer",
    "sample response",
    "example",
];

/// If `p` starts with an answer label (`Example:`, `**Example answer:**`,
/// `### Example answer`, ...), the byte offset where the answer text begins.
fn label(p: &str) -> Option<usize> {
    let body = p.trim_start_matches(|c: char| matches!(c, '#' | '*' | '_') || c.is_whitespace());
    let decorated = body.len() != p.len();
    for l in LABELS {
        let Some(head) = body.get(..l.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(l) {
            continue;
        }
        let mut after = &body[l.len()..];
        // "Example answer for a new graduate:" is still a label; a bare
        // "Example" followed by words is too often a sentence.
        if l != "example" && after.starts_with(char::is_whitespace) {
            if let Some(colon) = after.find(':').filter(|&c| c <= 60) {
                let words = &after[..colon];
                if !words.contains(['.', '?', '!', '“', '"']) {
                    after = &after[colon..];
                }
            }
        }
        let rest = after.trim_start_matches([':', '*', '_']);
        let marks = &after[..after.len() - rest.len()];
        // "Examples ..." and "Example-driven ..." are words, not labels.
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
            continue;
        }
        // Without a colon or emphasis the label must stand alone, else any
        // sentence starting "Example answers vary" would count.
        let alone = rest.trim().is_empty();
        if marks.contains(':') || (decorated && !marks.is_empty()) || alone {
            let text = rest.trim_start();
            return Some(p.len() - text.len());
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Quotes

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Open,
    Close,
}

/// Whether `c` opens or closes a quotation. Curly quotes say so themselves;
/// a straight `"` opens after a space and before a word, and closes after a
/// word and before a space or punctuation. Apostrophes are never quotes, so
/// "don’t" cannot end an answer.
fn quote_kind(prev: Option<char>, c: char, next: Option<char>) -> Option<Quote> {
    match c {
        '“' | '„' => Some(Quote::Open),
        '”' => Some(Quote::Close),
        '"' => {
            let after_gap = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            let before_gap =
                next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–-…*_".contains(n));
            match (after_gap, before_gap) {
                (true, false) => Some(Quote::Open),
                (false, true) => Some(Quote::Close),
                _ => None,
            }
        }
        _ => None,
    }
}

/// If `p` starts with an opening quote, its length in bytes.
fn opening_quote(p: &str) -> Option<usize> {
    let mut chars = p.chars();
    let c = chars.next()?;
    (quote_kind(None, c, chars.next()) == Some(Quote::Open)).then_some(c.len_utf8())
}

/// Scans `text` from byte `from`, inside a quotation `depth` levels deep,
/// for the quote that closes it: returns its byte range. Nested quotations
/// (“the “one number” report”) open and close on the way.
fn find_close(text: &str, from: usize, depth: &mut usize) -> Option<(usize, usize)> {
    let mut prev = text.get(..from)?.chars().next_back();
    let mut chars = text.get(from..)?.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match quote_kind(prev, c, next) {
            Some(Quote::Open) => *depth += 1,
            Some(Quote::Close) => {
                *depth = depth.saturating_sub(1);
                if *depth == 0 {
                    return Some((from + i, from + i + c.len_utf8()));
                }
            }
            None => {}
        }
        prev = Some(c);
    }
    None
}

/// Where the quotation opened at the start of `paras[k]` ends, scanning
/// forward: `(the text inside, per paragraph; the paragraph of the closing
/// quote; the text after it)`. `None` if it never closes.
///
/// A quotation running over several paragraphs traditionally reopens each
/// one with an opening quote (“…¶“…”); at depth one that quote reopens
/// rather than nests.
fn quoted_run(paras: &[String], k: usize) -> Option<(Vec<String>, usize, String)> {
    let mut from = opening_quote(paras.get(k)?)?;
    let mut depth = 1;
    let mut inside = Vec::new();
    let mut j = k;
    loop {
        let p = paras.get(j)?;
        if let Some((at, end)) = find_close(p, from, &mut depth) {
            push_nonempty(&mut inside, p.get(from..at).unwrap_or(""));
            let after = p.get(end..).unwrap_or("").trim().to_string();
            return Some((inside, j, after));
        }
        push_nonempty(&mut inside, p.get(from..).unwrap_or(""));
        j += 1;
        let next = paras.get(j)?;
        from = if depth == 1 {
            opening_quote(next).unwrap_or(0)
        } else {
            0
        };
    }
}

fn push_nonempty(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// A quoted answer taken from the paragraphs after its label.
struct Quoted {
    /// The paragraphs inside the quotes.
    answer: Vec<String>,
    /// Index of the first paragraph after the answer.
    next: usize,
    /// Text after the closing quote in the answer's last paragraph.
    tail: String,
}

/// The answer quoted at the start of `paras`, or `None` if that quote never
/// closes. Quoted paragraphs that directly follow (“…” “…”) continue it.
fn extract_quoted(paras: &[String]) -> Option<Quoted> {
    let (mut answer, end, mut tail) = quoted_run(paras, 0)?;
    let mut next = end + 1;
    // Only continue while the closing quote ended its paragraph: text after
    // it means commentary has started.
    while !has_alphanumeric(&tail) {
        let Some((more, end, after)) = quoted_run(paras, next) else {
            break;
        };
        // A following paragraph that merely starts with a quotation
        // ("“Tell me about yourself” is common") is not more answer.
        if has_alphanumeric(&after) {
            break;
        }
        answer.extend(more);
        next = end + 1;
        tail = after;
    }
    Some(Quoted { answer, next, tail })
}

// ---------------------------------------------------------------------------
// Navigation and other page furniture

/// Whole paragraphs that are site navigation, lowercased, without arrows.
const NAV_EXACT: [&str; 46] = [
    "previous",
    "prev",
    "next",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "previous page",
    "next page",
    "previous question",
    "next question",
    "back",
    "back to top",
    "top",
    "share",
    "share this",
    "share this article",
    "share this post",
    "share this page",
    "share article",
    "related",
    "related articles",
    "related posts",
    "related reading",
    "related content",
    "you may also like",
    "you might also like",
    "read more",
    "read next",
    "more articles",
    "see also",
    "comments",
    "leave a comment",
    "leave a reply",
    "subscribe",
    "sign up",
    "log in",
    "advertisement",
    "sponsored",
    "print",
    "email",
    "facebook",
    "twitter",
    "linkedin",
    "table of contents",
    "tags",
];

/// Starts of paragraphs that are navigation or footer text.
const NAV_PREFIX: [&str; 26] = [
    "previous:",
    "next:",
    "prev:",
    "previous article:",
    "next article:",
    "previous post:",
    "next post:",
    "related:",
    "related article:",
    "read more:",
    "read next:",
    "also read:",
    "up next:",
    "see also:",
    "more:",
    "tags:",
    "filed under",
    "share this article",
    "share on ",
    "©",
    "copyright ©",
    "copyright 1",
    "copyright 2",
    "was this article helpful",
    "sign up for",
    "subscribe to",
];

/// Footer phrases that mark a short paragraph as page furniture.
const NAV_CONTAINS: [&str; 6] = [
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "cookie policy",
    "cookie settings",
];

/// Small words that stay lowercase in title case.
const SMALL_WORDS: [&str; 22] = [
    "a", "an", "the", "and", "or", "but", "for", "nor", "of", "on", "in", "to", "at", "by", "with",
    "from", "into", "your", "you", "as", "vs", "per",
];

/// Whether `p` is clearly navigation or footer text: "Previous", "Next »",
/// "Related: …", "© 2025 …", "[Back to top](#top)".
fn is_strong_nav(p: &str) -> bool {
    if p.contains('\n') || p.split_whitespace().count() > 30 {
        return false;
    }
    let mut t = p.trim();
    // A Markdown link counts as its text.
    if let (Some(rest), true) = (t.strip_prefix('['), t.ends_with(')')) {
        if let Some(end) = rest.find("](") {
            t = &rest[..end];
        }
    }
    let key = t
        .trim_matches(|c: char| c.is_whitespace() || "«»‹›←→↑<>|·•-–—[]()*_#".contains(c))
        .to_lowercase();
    NAV_EXACT.contains(&key.as_str())
        || NAV_PREFIX.iter().any(|x| key.starts_with(x))
        || NAV_CONTAINS.iter().any(|x| key.contains(x))
}

/// Whether `p` looks like a title rather than prose: a short line without
/// closing punctuation, such as another article's title ("How to Write a
/// Cover Letter") or a section heading ("Technical questions"). Only used at
/// the end of a question's text, where such lines are page furniture.
fn is_weak_nav(p: &str) -> bool {
    if p.contains('\n') || p.contains(',') || is_list_line(p) || ends_sentence(p) {
        return false;
    }
    let Some(first) = p.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() > 8 || p.chars().count() > 70 {
        return false;
    }
    // Up to five words is a heading in any case; longer lines must be title
    // case, so a short sentence that lost its full stop survives.
    words.len() <= 5
        || words.iter().all(|w| {
            w.chars().next().is_none_or(|c| !c.is_lowercase())
                || SMALL_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// Removes page furniture from text that runs to the end of a question:
/// after the last question everything from the first navigation paragraph
/// on is the site's trailer; elsewhere navigation paragraphs are dropped one
/// by one. Then title-like lines go from the end.
fn drop_nav(paras: &mut Vec<String>, is_last: bool) {
    if is_last {
        if let Some(cut) = paras.iter().position(|p| is_strong_nav(p)) {
            paras.truncate(cut);
        }
    } else {
        paras.retain(|p| !is_strong_nav(p));
    }
    while paras
        .last()
        .is_some_and(|p| is_strong_nav(p) || is_weak_nav(p))
    {
        paras.pop();
    }
}

// ---------------------------------------------------------------------------
// Article format

/// A paragraph of an article; `number` is set for question lines.
struct Para {
    text: String,
    number: Option<u32>,
}

fn parse_article(lines: &[String]) -> Vec<Draft> {
    let lines: Vec<String> = lines.iter().map(|l| collapse(l)).collect();
    let is_question = question_lines(&lines);
    let paras = article_paragraphs(&lines, &is_question);
    let starts: Vec<usize> = paras
        .iter()
        .enumerate()
        .filter(|(_, p)| p.number.is_some())
        .map(|(i, _)| i)
        .collect();
    let mut drafts = Vec::with_capacity(starts.len());
    for (qi, &start) in starts.iter().enumerate() {
        let end = starts.get(qi + 1).copied().unwrap_or(paras.len());
        let body: Vec<String> = paras
            .get(start + 1..end)
            .unwrap_or_default()
            .iter()
            .map(|p| p.text.clone())
            .collect();
        let number = qi + 1;
        let question = paras.get(start).map(|p| p.text.clone()).unwrap_or_default();
        let is_last = qi + 1 == starts.len();
        let (why, answer, extra) = split_article_body(body, is_last);
        let mut notes = Vec::new();
        if let Some(first) = extra.first() {
            notes.push(format!(
                "question {number} \"{}\": ignored text after the example answer: \"{}\"",
                short(&question),
                short(first)
            ));
        }
        drafts.push(Draft {
            number,
            section: DEFAULT_SECTION.to_string(),
            question,
            why,
            answer,
            notes,
        });
    }
    drafts
}

/// Which lines are questions.
///
/// Any `N.` line could be one, so this picks the numbered lines that form
/// the best sequence 1, 2, 3, …: each candidate scores for ending in `?`
/// and loses heavily for lying inside a quoted example answer (“…¶1. First
/// I would…¶2. Then…”). A dynamic programme keeps, per number, the best
/// chain ending there, so a table of contents (1–3) or a list inside an
/// answer cannot hijack the numbering, and the whole pass is linear.
fn question_lines(lines: &[String]) -> Vec<bool> {
    struct Candidate {
        line: usize,
        number: u32,
        score: i64,
    }
    let quoted = quoted_lines(lines);
    let mut candidates = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some((number, text)) = numbered(line) {
            let mut score = 1;
            if ends_question(text) {
                score += 2;
            }
            if quoted.get(i).copied().unwrap_or(false) {
                score -= 4;
            }
            candidates.push(Candidate {
                line: i,
                number,
                score,
            });
        }
    }
    // best[n] = (total, candidate) of the best chain 1..=n so far; on ties
    // the later chain wins, since earlier ones are usually preambles.
    let mut best: HashMap<u32, (i64, usize)> = HashMap::new();
    let mut prev: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut top: Option<(i64, usize)> = None;
    for (ci, c) in candidates.iter().enumerate() {
        let base = if c.number == 1 {
            Some((0, None))
        } else {
            best.get(&(c.number - 1)).map(|&(t, p)| (t, Some(p)))
        };
        let Some((before, link)) = base else {
            continue;
        };
        let total = before + c.score;
        if let Some(slot) = prev.get_mut(ci) {
            *slot = link;
        }
        if best.get(&c.number).is_none_or(|&(t, _)| total >= t) {
            best.insert(c.number, (total, ci));
        }
        if top.is_none_or(|(t, _)| total >= t) {
            top = Some((total, ci));
        }
    }
    let mut is_question = vec![false; lines.len()];
    if let Some((total, last)) = top {
        if total > 0 {
            let mut at = Some(last);
            while let Some(ci) = at {
                if let Some(c) = candidates.get(ci) {
                    if let Some(flag) = is_question.get_mut(c.line) {
                        *flag = true;
                    }
                }
                // Links always point to earlier candidates, so this ends.
                at = prev.get(ci).copied().flatten();
            }
        }
    }
    is_question
}

/// Which lines lie inside a quoted example answer, from its label line to
/// its closing quote. A quote still open at the next label is a typo, not an
/// answer spanning questions: nothing is marked for it. Each scan stops at
/// the next label, so the pass is linear.
fn quoted_lines(lines: &[String]) -> Vec<bool> {
    let mut quoted = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let Some(offset) = label(&lines[i]) else {
            i += 1;
            continue;
        };
        let rest = lines[i].get(offset..).unwrap_or("");
        // The answer starts after the label or on the next non-blank line.
        let (start, from) = if rest.trim().is_empty() {
            match (i + 1..lines.len()).find(|&j| !lines[j].is_empty()) {
                Some(j) => (j, 0),
                None => break,
            }
        } else {
            (i, offset)
        };
        let Some(open) = lines[start].get(from..).and_then(opening_quote) else {
            i += 1;
            continue;
        };
        let mut depth = 1;
        let mut k = start;
        let mut pos = from + open;
        let closed = loop {
            if find_close(&lines[k], pos, &mut depth).is_some() {
                break Some(k);
            }
            k += 1;
            if k >= lines.len() || label(&lines[k]).is_some() {
                break None;
            }
            pos = if depth == 1 {
                opening_quote(&lines[k]).unwrap_or(0)
            } else {
                0
            };
        };
        match closed {
            Some(end) => {
                for flag in quoted.iter_mut().take(end + 1).skip(i) {
                    *flag = true;
                }
                i = end + 1;
            }
            None => i += 1,
        }
    }
    quoted
}

/// Groups lines into paragraphs. Blank lines separate paragraphs; so do
/// question lines, labels and navigation. A block of lines is either
/// hard-wrapped prose, whose lines are joined, or copy-pasted text with one
/// paragraph per line: see [`WRAP_LIMIT`]. List lines inside a paragraph
/// keep their own line.
fn article_paragraphs(lines: &[String], is_question: &[bool]) -> Vec<Para> {
    let q = |k: usize| is_question.get(k).copied().unwrap_or(false);
    let mut paras = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].is_empty() {
            i += 1;
        }
        let block = &lines[start..i];
        let one_per_line = (start..i).filter(|&k| q(k)).count() >= 2
            || block.iter().any(|l| l.chars().count() > WRAP_LIMIT);
        let mut open: Option<String> = None;
        let mut k = start;
        while k < i {
            let line = &lines[k];
            if q(k) {
                if let Some(text) = open.take() {
                    paras.push(Para { text, number: None });
                }
                if let Some((number, text)) = numbered(line) {
                    let mut question = text.to_string();
                    // A hard-wrapped question continues on a line ending
                    // in `?`.
                    if !one_per_line
                        && !ends_sentence(&question)
                        && k + 1 < i
                        && !q(k + 1)
                        && ends_question(&lines[k + 1])
                    {
                        question.push(' ');
                        question.push_str(&lines[k + 1]);
                        k += 1;
                    }
                    paras.push(Para {
                        text: question,
                        number: Some(number),
                    });
                }
                k += 1;
                continue;
            }
            let joins = k > start && {
                let prev = &lines[k - 1];
                // Items of a list introduced by a colon stay together even
                // when every line is a paragraph of its own.
                let list_goes_on =
                    is_list_line(line) && (is_list_line(prev) || prev.ends_with(':'));
                let breaks = label(line).is_some() || is_strong_nav(line) || is_strong_nav(prev);
                !breaks && (list_goes_on || (!one_per_line && prev.chars().count() >= SHORT_LINE))
            };
            match open.as_mut() {
                Some(text) if joins => {
                    text.push(if is_list_line(line) { '\n' } else { ' ' });
                    text.push_str(line);
                }
                _ => {
                    if let Some(text) = open.replace(line.clone()) {
                        paras.push(Para { text, number: None });
                    }
                }
            }
            k += 1;
        }
        if let Some(text) = open {
            paras.push(Para { text, number: None });
        }
    }
    paras
}

/// Splits what follows a question into `(why, answer, ignored)`: guidance
/// up to the `Example:` label, the answer after it, and text after a closed
/// quote that is not navigation (reported, not kept).
fn split_article_body(body: Vec<String>, is_last: bool) -> (Vec<String>, Vec<String>, Vec<String>) {
    let Some(at) = body.iter().position(|p| label(p).is_some()) else {
        let mut why = body;
        drop_nav(&mut why, is_last);
        return (why, Vec::new(), Vec::new());
    };
    let mut why: Vec<String> = body[..at].to_vec();
    why.retain(|p| !is_strong_nav(p));
    let mut rest = Vec::new();
    let label_para = &body[at];
    let first = label(label_para)
        .and_then(|o| label_para.get(o..))
        .unwrap_or("");
    push_nonempty(&mut rest, first);
    rest.extend(body[at + 1..].iter().cloned());
    let (answer, ignored) = take_answer(rest, is_last);
    (why, answer, ignored)
}

/// The answer at the start of `paras` (the label already removed) and any
/// text after it that is neither answer nor navigation.
fn take_answer(paras: Vec<String>, is_last: bool) -> (Vec<String>, Vec<String>) {
    if let Some(q) = extract_quoted(&paras) {
        let mut ignored = Vec::new();
        if has_alphanumeric(&q.tail) {
            ignored.push(q.tail);
        }
        ignored.extend(paras.get(q.next..).unwrap_or_default().iter().cloned());
        drop_nav(&mut ignored, true);
        return (q.answer, ignored);
    }
    // No quotes, or a quote that never closes: the answer runs to the next
    // question, minus navigation.
    let mut answer = paras;
    drop_nav(&mut answer, is_last);
    strip_loose_quotes(&mut answer);
    (answer, Vec::new())
}

/// Removes an opening quote that never closed properly, and a closing quote
/// ending the last paragraph.
///
/// Single quotes never bound an answer while scanning, because `’` is also
/// the apostrophe; an answer in British-style ‘…’ ends up here and loses
/// its quotes too.
fn strip_loose_quotes(answer: &mut Vec<String>) {
    let Some(first) = answer.first_mut() else {
        return;
    };
    let (open, closers): (usize, &[char]) = match opening_quote(first) {
        Some(open) => (open, &['”', '"']),
        None if first.starts_with('‘') => ('‘'.len_utf8(), &['’']),
        None => return,
    };
    *first = first.get(open..).unwrap_or("").trim_start().to_string();
    if let Some(last) = answer.last_mut() {
        if let Some(stripped) = last.strip_suffix(closers) {
            *last = stripped.trim_end().to_string();
        }
    }
    answer.retain(|p| !p.is_empty());
}

// ---------------------------------------------------------------------------
// Markdown format

/// An ATX heading: its level and text without the closing `#`s.
fn heading(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = &rest[hashes..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim();
    let unclosed = text.trim_end_matches('#');
    // `## What is C#?` keeps its `#`: a closing run follows a space.
    let text = if unclosed.is_empty() {
        ""
    } else if unclosed.ends_with([' ', '\t']) {
        unclosed.trim_end()
    } else {
        text
    };
    Some((hashes, text))
}

/// A code fence opening line: its character and length.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = t.len() - t.trim_start_matches(c).len();
    if n < 3 || (c == '`' && t[n..].contains('`')) {
        return None;
    }
    Some((c, n))
}

fn closes_fence(line: &str, (c, n): (char, usize)) -> bool {
    let t = line.trim();
    t.len() >= n && t.chars().all(|x| x == c)
}

fn is_thematic_break(t: &str) -> bool {
    let marks: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&m| marks.chars().all(|c| c == m))
}

/// A Markdown paragraph; `quote` for blockquotes.
struct MdPara {
    text: String,
    quote: bool,
}

/// A question heading and the lines under it.
struct MdQuestion<'a> {
    title: String,
    section: String,
    body: Vec<&'a str>,
}

fn parse_markdown(lines: &[String]) -> Vec<Draft> {
    let mut section = DEFAULT_SECTION.to_string();
    let mut found: Vec<MdQuestion> = Vec::new();
    let mut current: Option<MdQuestion> = None;
    let mut fence = None;
    for line in lines {
        let line = line.as_str();
        if let Some(open) = fence {
            if closes_fence(line, open) {
                fence = None;
            }
        } else if let Some(open) = opens_fence(line) {
            fence = Some(open);
        } else if let Some((level, text)) = heading(line) {
            // `### Example answer` under a question labels its answer.
            let is_label = label(line).is_some();
            if level == 1 {
                found.extend(current.take());
                let name = collapse(unwrap_emphasis(text));
                if !name.is_empty() {
                    section = name;
                }
                continue;
            }
            // "## Related articles" after the last question is the site's
            // trailer, not a question.
            if level <= 3 && !is_label && !is_strong_nav(text) {
                let title = collapse(unwrap_emphasis(text));
                let title = numbered(&title).map_or(title.as_str(), |(_, t)| t);
                let title = collapse(unwrap_emphasis(title));
                if !title.is_empty() {
                    found.extend(current.take());
                    current = Some(MdQuestion {
                        title,
                        section: section.clone(),
                        body: Vec::new(),
                    });
                }
                continue;
            }
        }
        if let Some(q) = current.as_mut() {
            q.body.push(line);
        }
    }
    found.extend(current);
    let count = found.len();
    found
        .into_iter()
        .enumerate()
        .map(|(i, q)| markdown_draft(q, i + 1, i + 1 == count))
        .collect()
}

fn markdown_draft(q: MdQuestion, number: usize, is_last: bool) -> Draft {
    let mut paras = md_paragraphs(&q.body);
    if is_last {
        if let Some(cut) = paras
            .iter()
            .position(|p| !p.quote && is_strong_nav(&p.text))
        {
            paras.truncate(cut);
        }
    }
    paras.retain(|p| p.quote || !is_strong_nav(&p.text));
    let mut why = Vec::new();
    let mut answer = Vec::new();
    let mut labelled = false;
    let mut quoted = false;
    for p in paras {
        let after_label = label(&p.text).map(|o| p.text.get(o..).unwrap_or("").to_string());
        if p.quote {
            quoted = true;
            push_nonempty(&mut answer, after_label.as_deref().unwrap_or(&p.text));
        } else if let Some(rest) = after_label {
            labelled = true;
            push_nonempty(&mut answer, &rest);
        } else if labelled {
            answer.push(p.text);
        } else {
            why.push(p.text);
        }
    }
    // Without a label or blockquote the documented fallback applies: the
    // first paragraph is guidance, the rest is the answer.
    if !labelled && !quoted && why.len() >= 2 {
        answer = why.split_off(1);
    }
    if let Some(q) = extract_quoted(&answer) {
        if q.next == answer.len() && !has_alphanumeric(&q.tail) {
            answer = q.answer;
        }
    }
    Draft {
        number,
        section: q.section,
        question: q.title,
        why,
        answer,
        notes: Vec::new(),
    }
}

/// Groups body lines into paragraphs: blank lines and thematic breaks
/// separate them, blockquotes (with lazy continuation lines) are paragraphs
/// of their own, and fenced code is kept verbatim.
fn md_paragraphs(body: &[&str]) -> Vec<MdPara> {
    let mut paras = Vec::new();
    let mut open: Option<MdPara> = None;
    let mut fence = None;
    for &raw in body {
        if let Some(f) = fence {
            if let Some(p) = open.as_mut() {
                p.text.push('\n');
                p.text.push_str(raw);
            }
            if closes_fence(raw, f) {
                fence = None;
                paras.extend(open.take());
            }
            continue;
        }
        if let Some(f) = opens_fence(raw) {
            paras.extend(open.take());
            open = Some(MdPara {
                text: raw.trim().to_string(),
                quote: false,
            });
            fence = Some(f);
            continue;
        }
        let t = raw.trim();
        if t.is_empty() || is_thematic_break(t) {
            paras.extend(open.take());
            continue;
        }
        let (text, quote) = match t.strip_prefix('>') {
            Some(inner) => (inner.trim(), true),
            None => (t, false),
        };
        if quote && text.is_empty() {
            // `>` alone separates paragraphs inside a blockquote.
            paras.extend(open.take());
            continue;
        }
        let continues = match &open {
            // Lazy continuation: a plain line right after a quote line
            // belongs to the quote, as in CommonMark.
            Some(p) => {
                (p.quote == quote || (p.quote && !is_list_line(text))) && label(text).is_none()
            }
            None => false,
        };
        let line = collapse(text);
        match open.as_mut() {
            Some(p) if continues => {
                p.text.push(if is_list_line(&line) { '\n' } else { ' ' });
                p.text.push_str(&line);
            }
            _ => {
                paras.extend(open.replace(MdPara { text: line, quote }));
            }
        }
    }
    paras.extend(open);
    paras
}

// ---------------------------------------------------------------------------
// Ids and output

/// Assigns each draft its id and collects the warnings.
fn finish(drafts: Vec<Draft>) -> Imported {
    let mut ids = Ids::default();
    let mut questions = Vec::with_capacity(drafts.len());
    let mut warnings = Vec::new();
    for (i, d) in drafts.into_iter().enumerate() {
        let id = ids.assign(&d.question, i + 1);
        let why = join_paragraphs(d.why);
        let answer = join_paragraphs(d.answer);
        if answer.is_empty() {
            warnings.push(format!(
                "question {} \"{}\" has no example answer",
                d.number,
                short(&d.question)
            ));
        }
        warnings.extend(d.notes);
        questions.push(ImportedQuestion {
            id,
            section: d.section,
            question: d.question,
            why,
            answer,
        });
    }
    Imported {
        questions,
        warnings,
    }
}

fn join_paragraphs(paras: Vec<String>) -> String {
    let kept: Vec<String> = paras
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    kept.join("\n\n")
}

/// Hands out unique ids: a slug, then `-2`, `-3`, … on collisions.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// Next suffix to try per slug, so many equal questions stay linear.
    next: HashMap<String, usize>,
}

impl Ids {
    fn assign(&mut self, question: &str, ordinal: usize) -> String {
        let mut base = slugify(question);
        if base.is_empty() {
            base = format!("question-{ordinal}");
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let head = cut_slug(&base, MAX_ID_LEN.saturating_sub(suffix.len()).max(1));
            let id = format!("{head}{suffix}");
            n += 1;
            if self.used.insert(id.clone()) {
                self.next.insert(base, n);
                return id;
            }
        }
    }
}

/// The id slug of a question: lowercase ASCII letters and digits, other runs
/// as `-`, Latin letters with accents folded, at most [`MAX_ID_LEN`] bytes
/// cut at a word boundary. Apostrophes vanish ("what’s" → `whats`); letters
/// without an ASCII spelling are dropped.
fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in text.chars() {
        if matches!(c, '\'' | '’' | '‘' | 'ʼ') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            push_slug(&mut slug, &mut gap, c.to_ascii_lowercase());
        } else if let Some(folded) = fold(c) {
            for f in folded.chars() {
                push_slug(&mut slug, &mut gap, f);
            }
        } else if !c.is_alphanumeric() {
            gap = true;
        }
    }
    cut_slug(&slug, MAX_ID_LEN)
}

/// Appends a slug character, after a `-` if a separator came before it.
fn push_slug(slug: &mut String, gap: &mut bool, c: char) {
    if *gap && !slug.is_empty() {
        slug.push('-');
    }
    *gap = false;
    slug.push(c);
}

/// `slug` cut to at most `max` bytes at a `-`, or mid-word if one word is
/// longer than that. Slugs are ASCII, so any byte index is a boundary.
fn cut_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let head = slug.get(..max).unwrap_or(slug);
    let cut = if slug.as_bytes().get(max) == Some(&b'-') {
        head
    } else {
        head.rfind('-').map_or(head, |i| &head[..i])
    };
    cut.trim_end_matches('-').to_string()
}

/// ASCII spelling of common accented Latin letters.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'ð' | 'Ð' | 'ď' | 'Ď' | 'đ' | 'Đ' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'Ś' | 'š' | 'Š' => "s",
        'ß' => "ss",
        'ť' | 'Ť' => "t",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        _ => return None,
    })
}

/// `s` on one line for a TOML comment: control characters become spaces.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Appends the TOML escape for a character that cannot appear raw.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c => out.push_str(&format!("\\u{:04X}", u32::from(c))),
    }
}

/// `s` as a TOML basic string.
fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '\\' | '"') || c.is_control() {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// `s` as a TOML multi-line basic string, `"""` + newline + text + `"""`.
///
/// The newline after the opening delimiter is not part of the value, and
/// the closing delimiter follows the text directly, so the value is `s`
/// exactly. Backslashes and control characters are escaped; so is every
/// third quote in a run (a raw `"""` would end the string) and any quote at
/// the very end (it would merge with the closing delimiter).
fn multiline_string(s: &str) -> String {
    if s.is_empty() {
        return "\"\"".to_string();
    }
    let trailing_quotes = s.len() - s.trim_end_matches('"').len();
    let tail_start = s.len() - trailing_quotes;
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    let mut run = 0;
    for (i, c) in s.char_indices() {
        match c {
            '"' if run >= 2 || i >= tail_start => {
                push_escaped(&mut out, c);
                run = 0;
            }
            '"' => {
                out.push('"');
                run += 1;
            }
            '\n' | '\t' => {
                out.push(c);
                run = 0;
            }
            c if c == '\\' || c.is_control() => {
                push_escaped(&mut out, c);
                run = 0;
            }
            c => {
                out.push(c);
                run = 0;
            }
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    const DATA_ANALYST: &str = include_str!("../tests/fixtures/import/article-data-analyst.txt");
    const NURSING: &str = include_str!("../tests/fixtures/import/article-nursing.txt");
    const MARKDOWN: &str = include_str!("../tests/fixtures/import/questions.md");

    fn questions(imported: &Imported) -> Vec<&str> {
        imported
            .questions
            .iter()
            .map(|q| q.question.as_str())
            .collect()
    }

    /// `to_toml` parses, has the bank's keys in order, and gives back every
    /// string exactly.
    fn assert_round_trip(imported: &Imported) {
        let text = imported.to_toml("input.txt");
        let value: toml::Value = match toml::from_str(&text) {
            Ok(v) => v,
            Err(e) => panic!("to_toml output does not parse: {e}\n{text}"),
        };
        let tables = match value.get("question") {
            Some(toml::Value::Array(a)) => a.clone(),
            None => Vec::new(),
            Some(other) => panic!("`question` is not an array: {other:?}"),
        };
        assert_eq!(tables.len(), imported.questions.len(), "{text}");
        for (table, q) in tables.iter().zip(&imported.questions) {
            let get = |key: &str| table.get(key).and_then(toml::Value::as_str);
            assert_eq!(get("id"), Some(q.id.as_str()));
            assert_eq!(get("section"), Some(q.section.as_str()));
            assert_eq!(get("question"), Some(q.question.as_str()));
            assert_eq!(get("why"), Some(q.why.as_str()));
            assert_eq!(get("answer"), Some(q.answer.as_str()));
            assert_eq!(get("difficulty"), Some("medium"));
            let tags = table.get("tags").and_then(toml::Value::as_array);
            assert_eq!(tags.map(Vec::len), Some(1));
        }
        if let Some(first) = text.find("[[question]]") {
            let keys = [
                "\nid = ",
                "\nsection = ",
                "\ndifficulty = ",
                "\ntags = ",
                "\nquestion = ",
                "\nwhy = ",
                "\nanswer = ",
            ];
            let at: Vec<usize> = keys
                .iter()
                .map(|k| text[first..].find(k).map_or(usize::MAX, |i| i + first))
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "key order: {text}");
        }
    }

    fn assert_ids_are_bank_slugs(imported: &Imported) {
        let mut seen = HashSet::new();
        for q in &imported.questions {
            let id = &q.id;
            assert!(
                (1..=MAX_ID_LEN + 6).contains(&id.len())
                    && !id.starts_with('-')
                    && !id.ends_with('-')
                    && !id.contains("--")
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "bad id {id:?}"
            );
            assert!(seen.insert(id.clone()), "duplicate id {id}");
            assert!(!q.question.contains('\n'));
        }
    }

    #[test]
    fn data_analyst_article() {
        assert_eq!(Format::detect(DATA_ANALYST), Format::Article);
        let imported = import(DATA_ANALYST, Format::Article);
        // The table of contents (1.-3.), "3 things to know:" and the list
        // inside answer 2 (1.-3.) are not questions.
        assert_eq!(
            questions(&imported),
            [
                "Tell me about yourself.",
                "Walk me through how you would approach a new analysis request",
                "How do you handle missing or inconsistent data?",
                "Tell me about a time your analysis changed a business decision.",
                "What is the difference between a LEFT JOIN and an INNER JOIN?",
                // Wrapped over two lines in the input.
                "How would you explain a p-value to someone without a statistics background?",
                "Which tools do you use, and how do you choose between them?",
                "How do you make sure your dashboards are actually used?",
                "Where do you see yourself in five years?",
            ]
        );
        assert_eq!(imported.warnings, Vec::<String>::new());
        let q = &imported.questions;
        assert!(q.iter().all(|q| q.section == "Imported"));
        assert_eq!(q[0].id, "tell-me-about-yourself");
        assert_eq!(q[1].id, "walk-me-through-how-you-would-approach-a-new");

        // Two guidance paragraphs, hard-wrapped lines joined.
        assert_eq!(
            q[1].why,
            "This tells the interviewer whether you jump straight into the data or \
             first make sure you understand the decision behind the request.\n\n\
             Describe your steps in order and say how you check your own work. It is \
             fine to admit that the steps change with the size of the request."
        );
        // The label stands on its own line; the numbered list inside the
        // quotes stays in the answer.
        assert_eq!(
            q[1].answer,
            "It depends on the request, but my usual process looks like this:\n\n\
             1. First I would meet the stakeholder and write down the decision the \
             analysis should support, in one sentence.\n\n\
             2. Then I would check which tables hold the data, how fresh they are and \
             what their known quality problems are.\n\n\
             3. Finally I would build a rough version, show it early and refine it \
             with the person who asked.\n\n\
             Writing the decision down first has saved me from answering the wrong \
             question more than once."
        );
        // Multi-paragraph answer; curly apostrophes kept.
        assert_eq!(
            q[0].answer,
            "I started in customer operations at a logistics company, where I was the \
             person who always ended up building the spreadsheets. That turned into a \
             reporting role, and for the last three years I’ve been an analyst on the \
             pricing team.\n\n\
             Most of my work is SQL and Tableau: I own the weekly margin dashboard and \
             I run the experiments on delivery fees. I’m applying because your team \
             works on the same kind of problem at a much larger scale."
        );
        // A nested quotation does not end the answer, and the "Technical
        // questions" heading after it is dropped.
        assert_eq!(
            q[3].answer,
            "Our sales director wanted to cut the free-delivery threshold because she \
             believed it was hurting conversion. I pulled six months of orders and \
             showed that baskets just under the threshold converted as well as the \
             rest; we started calling it the “one number” report because it fitted on \
             a single slide.\n\n\
             We kept the threshold, and average order value stayed about 9% higher \
             than in the regions that had dropped it."
        );
        assert!(!q[3].why.contains("Technical") && !q[4].why.contains("Technical"));
        // The bullet run-on line keeps its own line.
        assert_eq!(
            q[6].why,
            "Name the tools you have really used, for example:\n\
             • SQL for extraction • Python or R for modelling • Tableau for dashboards\n\n\
             Then explain the trade-off that decides between them on a real project."
        );
        // Each paragraph reopened with “, only the last one closed.
        assert_eq!(
            q[7].answer,
            "Before building anything I ask who will open it, on which day and for \
             which decision.\n\n\
             After launch I check the view counts for a month. When one of my \
             dashboards was barely used, I sat with two of its users, learned that \
             they only needed three figures, and replaced it with a Monday email."
        );
        // The last answer ends at its closing quote: none of the trailer.
        assert_eq!(
            q[8].answer,
            "In five years I would like to lead a small analytics team, ideally in the \
             same business area, so that my domain knowledge keeps growing along with \
             my technical skills.\n\n\
             Before that, I want to get much deeper into experimentation, which is one \
             of the reasons this role appeals to me."
        );
        assert_eq!(
            q[8].why,
            "Show ambition that fits the company. It is fine to mention a management \
             track or a specialist track, as long as it connects to this role."
        );
        for q in q {
            for nav in [
                "Previous", "Next", "Related", "Share", "©", "Resume", "3 things",
            ] {
                assert!(
                    !q.why.contains(nav) && !q.answer.contains(nav),
                    "{nav} in {q:?}"
                );
            }
            assert!(!q.answer.starts_with(['“', '"']) && !q.answer.ends_with(['”', '"']));
        }
        assert_ids_are_bank_slugs(&imported);
        assert_round_trip(&imported);
    }

    #[test]
    fn nursing_article_one_line_per_paragraph() {
        assert_eq!(Format::detect(NURSING), Format::Article);
        let imported = import(NURSING, Format::Article);
        assert_eq!(
            questions(&imported),
            [
                "Why did you choose nursing?",
                "How do you handle a patient who refuses treatment?",
                "Tell me about a time you made a mistake at work.",
                "How do you prioritise care when several patients need you at once?",
                "How would you communicate with a family that is upset?",
                "What would you do if you disagreed with a doctor’s order?",
                "Why do you want to work in our unit?",
            ]
        );
        assert_eq!(
            imported.warnings,
            [
                "question 4 \"How do you prioritise care when several patients need you at \
              once?\" has no example answer"
            ]
        );
        let q = &imported.questions;
        // Straight quotes.
        assert_eq!(
            q[0].answer,
            "When my grandfather was in hospital, one night nurse explained his \
             medication to us in plain words and made a frightening week feel \
             manageable. I decided then that I wanted to be that person for other \
             families, and three years on a medical ward have not changed my mind."
        );
        // Curly quotes over two lines, a nested quotation, a reopening quote.
        assert_eq!(
            q[1].answer,
            "First I try to find out why. Last winter a patient refused his insulin \
             because, in his words, “the last nurse made it hurt for an hour”. I sat \
             with him, talked through the injection technique and let him choose the \
             site.\n\n\
             He accepted the dose. If he had still refused, I would have respected \
             that, documented the conversation and told the doctor on duty."
        );
        assert_eq!(
            q[1].why,
            "This checks that you respect a patient’s autonomy while still keeping \
             them safe.\n\nMention listening, documenting and escalating, in that order."
        );
        // Two separately quoted paragraphs make one answer.
        assert_eq!(
            q[2].answer,
            "During my first month I hung the right antibiotic at the wrong rate. I \
             noticed within ten minutes, stopped the infusion and called the nurse in \
             charge.\n\n\
             We checked the patient together, filed an incident report and I now read \
             every pump setting back aloud before I start it."
        );
        // No answer: the guidance keeps its list, and the next question's
        // number is not swallowed.
        assert_eq!(q[3].answer, "");
        assert_eq!(
            q[3].why,
            "Interviewers want a framework, not a promise to do everything at once. \
             Useful points to cover:\n\
             - airway, breathing and circulation come first\n\
             - delegate tasks that do not need a registered nurse\n\
             - tell waiting patients when you will be back"
        );
        // Straight quotes nested in straight quotes; apostrophes are not quotes.
        assert_eq!(
            q[4].answer,
            "I find a quiet room, sit down and let them speak first. When a daughter \
             asked me why her mother's scan was delayed, I told her, \"I don't know yet, \
             but I will find out,\" and I came back within the hour with an answer."
        );
        // The last answer has no quotes: it stops before the trailer.
        assert_eq!(
            q[6].answer,
            "I have spent two years on a busy surgical ward and I want to build on that \
             in a setting where I follow patients through their whole recovery. Your \
             unit’s nurse-led discharge programme is exactly the kind of work I want to \
             grow into.\n\n\
             I also liked that new starters get a named preceptor for the first three \
             months."
        );
        for q in q {
            for nav in ["Guides", "Cover Letter", "Back to top", "©", "Posted in"] {
                assert!(
                    !q.why.contains(nav) && !q.answer.contains(nav),
                    "{nav} in {q:?}"
                );
            }
        }
        assert_ids_are_bank_slugs(&imported);
        assert_round_trip(&imported);
    }

    /// An article hard-wrapped, with one line per paragraph, or with one line
    /// per paragraph and no blank lines gives the same questions.
    #[test]
    fn article_layouts_agree() {
        let unwrapped: Vec<String> = DATA_ANALYST
            .split("\n\n")
            .map(|block| block.split('\n').collect::<Vec<_>>().join(" "))
            .collect();
        let spaced = NURSING.replace('\n', "\n\n");
        let variants = [
            (DATA_ANALYST, unwrapped.join("\n\n")),
            (DATA_ANALYST, unwrapped.join("\n")),
            (NURSING, spaced),
        ];
        let words = |s: &str| collapse(s);
        for (original, variant) in &variants {
            let expected = import(original, Format::Article);
            let got = import(variant, Format::Article);
            assert_eq!(questions(&got), questions(&expected));
            assert_eq!(got.warnings, expected.warnings);
            for (g, e) in got.questions.iter().zip(&expected.questions) {
                assert_eq!(g.id, e.id);
                assert_eq!(words(&g.why), words(&e.why));
                assert_eq!(words(&g.answer), words(&e.answer));
            }
        }
    }

    #[test]
    fn markdown_questions() {
        assert_eq!(Format::detect(MARKDOWN), Format::Markdown);
        let imported = import(MARKDOWN, Format::Markdown);
        assert_eq!(
            questions(&imported),
            [
                "How do you handle an angry customer?",
                "What does good support look like to you?",
                "How do you say no to a customer?",
                "How do you keep the knowledge base up to date?",
                "Which support metrics matter most?",
                "Tell me about a time you escalated a bug.",
            ]
        );
        let sections: Vec<&str> = imported
            .questions
            .iter()
            .map(|q| q.section.as_str())
            .collect();
        assert_eq!(
            sections,
            [
                "Working with customers",
                "Working with customers",
                "Working with customers",
                "Tools and process",
                "Tools and process",
                // The `# attach ...` comment in the code block is no section.
                "Tools and process",
            ]
        );
        assert_eq!(
            imported.warnings,
            ["question 5 \"Which support metrics matter most?\" has no example answer"]
        );
        let q = &imported.questions;
        assert_eq!(q[0].id, "how-do-you-handle-an-angry-customer");
        // Bold label and curly quotes stripped.
        assert_eq!(
            q[0].answer,
            "I let the customer finish, repeat the problem back in my own words and say \
             what I will do next. Last month a shop owner called about a double charge; \
             I confirmed it while he was on the line and the refund was on its way \
             before we hung up."
        );
        assert_eq!(
            q[0].why,
            "Interviewers want to see that you stay calm and move the conversation \
             towards a fix instead of defending the product."
        );
        // A two-paragraph blockquote.
        assert_eq!(
            q[1].answer,
            "Good support means the customer never has to explain their problem twice.\n\n\
             In practice that means writing clear notes on every ticket, so whoever \
             picks it up next can carry on without asking again."
        );
        // No label: first paragraph guidance, the rest the answer.
        assert_eq!(
            q[2].why,
            "Saying no well is a skill. Show that you explain the reason and offer an \
             alternative."
        );
        assert_eq!(
            q[2].answer,
            "I tell them plainly what we cannot do and why, then offer the closest \
             thing we can do, such as a workaround or a date for the feature."
        );
        // A plain label, unquoted answer with a list.
        assert_eq!(q[3].why, "");
        assert_eq!(
            q[3].answer,
            "Every time I answer a question that is not in the knowledge base, I add a \
             draft article before closing the ticket. Once a week I review the drafts \
             with the team and:\n\n- merge duplicates\n- archive articles for retired \
             features"
        );
        // `### Example answer` labels the blockquote; code stays verbatim;
        // the trailer after `---` is gone.
        assert_eq!(
            q[5].why,
            "Describe how you gathered the evidence and how you kept the customer \
             informed while engineering worked on it.\n\n\
             ```sh\n# attach this output to the escalation\n\
             support-cli logs --ticket 4821 --last 24h\n```"
        );
        assert_eq!(
            q[5].answer,
            "A customer reported that exports failed every Monday. I reproduced it, \
             attached the logs and the exact steps to the bug, and sent the customer an \
             update every day until the fix shipped that Thursday."
        );
        assert_ids_are_bank_slugs(&imported);
        assert_round_trip(&imported);
    }

    #[test]
    fn detect_format() {
        assert_eq!(Format::detect(""), Format::Article);
        assert_eq!(Format::detect("# Only a title\n\nText."), Format::Article);
        assert_eq!(Format::detect("Intro\n## A question?\n"), Format::Markdown);
        assert_eq!(Format::detect("   ### Indented heading"), Format::Markdown);
        assert_eq!(
            Format::detect("\u{feff}## After a BOM\r\n"),
            Format::Markdown
        );
        assert_eq!(Format::detect("##no space is a hashtag"), Format::Article);
        assert_eq!(Format::detect("#### Too deep"), Format::Article);
        assert_eq!(
            Format::detect("    ## Code, not a heading"),
            Format::Article
        );
        assert_eq!(Format::detect("```\n## in a fence\n```\n"), Format::Article);
        assert_eq!(
            Format::detect("1. Question?\nExample: “Yes.”"),
            Format::Article
        );
    }

    #[test]
    fn numbering_must_continue_the_sequence() {
        let text = "Intro with a list:\n\n1. Research the company\n2. Practise aloud\n\n\
                    1. What motivates you?\n\nGuidance.\n\n\
                    Example: “Two things:\n\n2. Learning every week\n\n3. A team I trust”\n\n\
                    2. What is your biggest strength\n\nMore guidance.\n\n\
                    Example: It depends.\n\n4. Not a question: 3 was skipped\n\n\
                    3) Why should we hire you?\n\nExample: \"Because.\"\n";
        let imported = import(text, Format::Article);
        assert_eq!(
            questions(&imported),
            [
                "What motivates you?",
                "What is your biggest strength",
                "Why should we hire you?"
            ]
        );
        let q = &imported.questions;
        assert_eq!(
            q[0].answer,
            "Two things:\n\n2. Learning every week\n\n3. A team I trust"
        );
        // "4." breaks the sequence, so it is text; unquoted answers run to
        // the next question.
        assert_eq!(
            q[1].answer,
            "It depends.\n\n4. Not a question: 3 was skipped"
        );
        assert_eq!(q[2].answer, "Because.");
        assert!(imported.warnings.is_empty());
    }

    #[test]
    fn answer_edge_cases() {
        let text = "1. First?\n\nExample: “I never close the quote.\n\nStill answer.\n\n\
                    2. Second?\n\nExample: “Short.” Why it works: it is short.\n\n\
                    3. Third?\n\nExample answer for a new graduate:\n\n“Label with words.”\n\n\
                    4. Fourth?\n\nOnly guidance here.\n\nHow to Ace Your Interview\n\n\
                    5. Fifth?\n\nExample: ‘I’d say it’s fine.’\n\nHow to Ace Your Interview\n\n\
                    Back to top\n";
        let imported = import(text, Format::Article);
        assert_eq!(questions(&imported).len(), 5);
        let q = &imported.questions;
        // An unclosed quote does not swallow the next question.
        assert_eq!(q[0].answer, "I never close the quote.\n\nStill answer.");
        assert_eq!(q[1].answer, "Short.");
        assert_eq!(q[2].answer, "Label with words.");
        // The title of another article is not guidance.
        assert_eq!(q[3].why, "Only guidance here.");
        // Single quotes are stripped, apostrophes kept; the trailer is gone.
        assert_eq!(q[4].answer, "I’d say it’s fine.");
        assert_eq!(
            imported.warnings,
            [
                "question 2 \"Second?\": ignored text after the example answer: \
                 \"Why it works: it is short.\"",
                "question 4 \"Fourth?\" has no example answer",
            ]
        );
    }

    #[test]
    fn markdown_edge_cases() {
        let text = "# Section one\n\n## 2) **Numbered and bold?**\n\nOnly guidance.\n\n\
                    ## Next one\n\n> **Example answer:** “Quoted in a quote.”\n\n\
                    ## Related articles\n\n- [Another article](https://example.com)\n";
        let imported = import(text, Format::Markdown);
        assert_eq!(questions(&imported), ["Numbered and bold?", "Next one"]);
        assert_eq!(imported.questions[1].answer, "Quoted in a quote.");
        assert_eq!(imported.questions[1].why, "");
        assert_eq!(
            imported.warnings,
            ["question 1 \"Numbered and bold?\" has no example answer"]
        );
    }

    #[test]
    fn empty_and_preamble_only_inputs() {
        for text in [
            "",
            "\n\n   \n\t\n",
            "\u{feff}",
            "Just a title\n\nAnd an intro with 3 things to know:\nnothing numbered.",
            "# A title\n\nSome text.\n\n#### Too deep\n\nMore.",
            "Previous\nNext\n© 2025",
        ] {
            for format in [Format::Article, Format::Markdown] {
                let imported = import(text, format);
                assert!(imported.questions.is_empty(), "{text:?} {format:?}");
                assert!(imported.warnings.is_empty());
                assert_round_trip(&imported);
            }
        }
    }

    #[test]
    fn crlf_cr_and_bom_give_the_same_result() {
        for (text, format) in [
            (DATA_ANALYST, Format::Article),
            (NURSING, Format::Article),
            (MARKDOWN, Format::Markdown),
        ] {
            let expected = import(text, format);
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(import(&crlf, format), expected);
            assert_eq!(import(&text.replace('\n', "\r"), format), expected);
            assert_eq!(import(&format!("\u{feff}{crlf}"), format), expected);
            assert_eq!(Format::detect(&format!("\u{feff}{crlf}")), format);
        }
    }

    /// A tiny deterministic generator, so the garbage tests need no crate.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
    }

    #[test]
    fn garbage_never_panics_and_always_round_trips() {
        let tokens = [
            "1. ",
            "2. ",
            "3) ",
            "12. ",
            "Question?",
            "Example: ",
            "Example answer:",
            "“",
            "”",
            "\"",
            "'",
            "’",
            "\n",
            "\n\n",
            "\r",
            "\r\n",
            "## ",
            "# ",
            "### ",
            "```",
            "> ",
            ">",
            "- ",
            "• ",
            "**",
            "Previous",
            "Next",
            "© 2025",
            "Related: x",
            "é",
            "你好",
            "\u{feff}",
            "\u{0}",
            "\u{7}",
            "\\",
            "\"\"\"",
            "word ",
            "a longer line \
             of ordinary prose that goes on and on past the wrap limit of one hundred chars ",
            " ",
            "\t",
            "?",
            ":",
            "[Back to top](#top)",
            "---",
        ];
        let mut rng = Lcg(7);
        for round in 0..1500 {
            let mut text = String::new();
            let len = (rng.next() % 60) as usize;
            for _ in 0..len {
                text.push_str(tokens[(rng.next() as usize) % tokens.len()]);
            }
            if round % 3 == 0 {
                // Raw bytes, decoded the way a CLI reading a binary would.
                let bytes: Vec<u8> = (0..len * 4).map(|_| rng.next() as u8).collect();
                text.push_str(&String::from_utf8_lossy(&bytes));
            }
            for format in [Format::Article, Format::Markdown] {
                let imported = import(&text, format);
                assert_ids_are_bank_slugs(&imported);
                assert_round_trip(&imported);
            }
            let _ = Format::detect(&text);
        }
    }

    #[test]
    fn every_prefix_of_the_fixtures_imports() {
        for text in [DATA_ANALYST, NURSING, MARKDOWN] {
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
            for cut in cuts {
                for format in [Format::Article, Format::Markdown] {
                    let imported = import(&text[..cut], format);
                    assert_ids_are_bank_slugs(&imported);
                    assert_round_trip(&imported);
                }
            }
        }
    }

    #[test]
    fn large_inputs_finish_fast() {
        const SIZE: usize = 200 * 1024;
        // A long but sensible article: the fixture's questions renumbered.
        let mut article = String::new();
        let mut n = 0;
        while article.len() < SIZE {
            n += 1;
            article.push_str(&format!(
                "{n}. Question number {n}?\n\nGuidance for it.\n\nExample: “Answer {n}.\n\n\
                 1. A list item\n\n2. Another”\n\n"
            ));
        }
        let started = Instant::now();
        let imported = import(&article, Format::Article);
        assert_eq!(imported.questions.len(), n);
        assert_eq!(
            imported.questions[n - 1].answer,
            format!("Answer {n}.\n\n1. A list item\n\n2. Another")
        );
        let _ = imported.to_toml("big.txt");
        let sensible = started.elapsed();

        // Worst cases for the heuristics: every line a candidate question,
        // quotes that never close, one enormous line, deep nesting.
        let adversarial = [
            ("1. a\n".repeat(SIZE / 5), Format::Article),
            ("1. a?\n2. b?\n".repeat(SIZE / 12), Format::Article),
            ("Example: “\n".repeat(SIZE / 12), Format::Article),
            ("Example:\n".repeat(SIZE / 9), Format::Article),
            ("“".repeat(SIZE / 3), Format::Article),
            (format!("1. {}", "x ".repeat(SIZE / 2)), Format::Article),
            ("## q\n> “\n".repeat(SIZE / 9), Format::Markdown),
            ("## Same question\n".repeat(SIZE / 17), Format::Markdown),
            ("```\n".repeat(SIZE / 4), Format::Markdown),
            ("\n".repeat(SIZE), Format::Article),
        ];
        let started = Instant::now();
        for (text, format) in &adversarial {
            let imported = import(text, *format);
            let _ = imported.to_toml("big.txt");
        }
        // Linear work takes milliseconds even unoptimised; quadratic work
        // on these inputs would take minutes.
        let limit = Duration::from_secs(10);
        assert!(sensible < limit, "sensible input took {sensible:?}");
        assert!(
            started.elapsed() < limit,
            "adversarial inputs took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn duplicate_questions_get_suffixed_ids() {
        let text = "## Same question?\n\nA.\n\nB.\n\n## Same question?\n\nC.\n\nD.\n\n\
                    ## Same question!\n\nE.\n\nF.\n\n## 你好\n\nG.\n\nH.\n";
        let imported = import(text, Format::Markdown);
        let ids: Vec<&str> = imported.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "same-question",
                "same-question-2",
                "same-question-3",
                "question-4"
            ]
        );
        assert!(imported.warnings.is_empty());
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("What’s your greatest weakness?"),
            "whats-your-greatest-weakness"
        );
        assert_eq!(
            slugify("Résumé gaps: how do you explain them?"),
            "resume-gaps-how-do-you-explain-them"
        );
        assert_eq!(
            slugify("¿Qué es SQL? Straße, Œuvre"),
            "que-es-sql-strasse-oeuvre"
        );
        assert_eq!(slugify("  --C# vs. C++ (2024)--  "), "c-vs-c-2024");
        assert_eq!(slugify("日本語"), "");
        let long = slugify(
            "Describe a situation where you had to persuade a sceptical stakeholder to change course",
        );
        assert_eq!(long, "describe-a-situation-where-you-had-to-persuade-a");
        assert!(long.len() <= MAX_ID_LEN);
        assert_eq!(slugify(&"x".repeat(100)), "x".repeat(MAX_ID_LEN));
        let mut ids = Ids::default();
        let long_question = "a".repeat(60);
        assert_eq!(ids.assign(&long_question, 1), "a".repeat(48));
        assert_eq!(
            ids.assign(&long_question, 2),
            format!("{}-2", "a".repeat(46))
        );
        assert_eq!(ids.assign("???", 3), "question-3");
        assert_eq!(ids.assign("Question 3", 4), "question-3-2");
    }

    #[test]
    fn toml_strings_round_trip_exactly() {
        let awkward = [
            "",
            "plain",
            "ends with a quote\"",
            "ends with two\"\"",
            "ends with three\"\"\"",
            "\"\"\"starts with three",
            "middle \"\"\"\"\" five",
            "back\\slash at end\\",
            "line\\\nbreak after backslash",
            "\nleading newline",
            "trailing newline\n",
            "tab\there, cr\rhere, nul\u{0}, del\u{7f}, bell\u{7}, c1\u{85}",
            "“curly” ‘single’ — em dash, emoji 🙂, Straße",
            "'''literal''' and # not a comment",
            "\"",
            "\"\"",
        ];
        let imported = Imported {
            questions: awkward
                .iter()
                .enumerate()
                .map(|(i, s)| ImportedQuestion {
                    id: format!("q-{i}"),
                    section: s.to_string(),
                    question: s.to_string(),
                    why: s.to_string(),
                    answer: s.to_string(),
                })
                .collect(),
            warnings: vec!["a warning\nwith a newline".to_string()],
        };
        assert_round_trip(&imported);
        let text = imported.to_toml("name\nwith \"quotes\" and \r a newline");
        assert!(text.starts_with("# studyguide question bank, imported from name with"));
        assert!(text.contains("# warning: a warning with a newline\n"));
        // Readable multi-line strings for ordinary text.
        let fixture = import(DATA_ANALYST, Format::Article).to_toml("article-data-analyst.txt");
        assert!(fixture.contains("why = \"\"\"\nThis tells the interviewer"));
        assert!(fixture
            .contains("\n[[question]]\nid = \"tell-me-about-yourself\"\nsection = \"Imported\"\n"));
    }
}
