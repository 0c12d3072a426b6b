//! Line and phrase helpers shared by both formats: cleaning copied text,
//! recognising numbered and list lines, and answer labels.

/// Longest text quoted in a warning, in characters.
const WARNING_QUOTE: usize = 80;

/// Splits `text` into lines with the noise of copied text removed: a BOM,
/// CR and CRLF endings, control characters and zero-width characters. Tabs
/// become spaces; trailing whitespace goes.
pub(super) fn clean_lines(text: &str) -> Vec<String> {
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

/// `text` with the noise of copied text removed but its Markdown intact: a
/// BOM, zero-width and control characters go, CR and CRLF become LF, and
/// tabs and trailing spaces (a hard break) stay.
pub(super) fn clean_markdown(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// `s` with every run of whitespace (including no-break spaces) turned into
/// one space, trimmed.
pub(super) fn collapse(s: &str) -> String {
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
pub(super) fn short(s: &str) -> String {
    let s = collapse(s);
    if s.chars().count() <= WARNING_QUOTE {
        return s;
    }
    let mut cut: String = s.chars().take(WARNING_QUOTE - 3).collect();
    cut.push_str("...");
    cut
}

pub(super) fn has_alphanumeric(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// A numbered line, `12. Text` or `12) Text` (optionally bold), as its
/// number and text.
pub(super) fn numbered(line: &str) -> Option<(u32, &str)> {
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
pub(super) fn is_list_line(line: &str) -> bool {
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
pub(super) fn ends_question(s: &str) -> bool {
    s.trim_end_matches(['*', '_', ')', '”', '"', ' '])
        .ends_with(['?', '\u{ff1f}', '\u{61f}'])
}

/// Whether the text ends with sentence punctuation (closing quotes and
/// brackets count: they follow the punctuation they enclose).
pub(super) fn ends_sentence(s: &str) -> bool {
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
pub(super) fn label(p: &str) -> Option<usize> {
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

pub(super) fn push_nonempty(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}
