//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! Every stage reports user-fixable problems as [`Diagnostic`]s instead of
//! strings, so the CLI can print them all in one consistent format (file,
//! line:col, a source snippet with a caret, hints) and pick the exit code.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// The build goes on, but the user should look.
    Warning,
}

/// Why an error happened: the user's input, or the environment.
///
/// The split decides the exit code: 2 for input the user can fix, 1 for
/// everything else (a full disk, a permission problem).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    /// Bad configuration, bank, template or Markdown.
    Input,
    /// I/O or other failures outside the input.
    Environment,
}

/// A loaded text file, kept so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as the user should see it.
    pub path: PathBuf,
    /// The whole file.
    pub text: Arc<str>,
    /// Byte offset of each line's start, built on first use: a bank of
    /// thousands of questions asks for thousands of spans, and scanning from
    /// the top each time would make loading quadratic.
    lines: Arc<std::sync::OnceLock<Vec<usize>>>,
    /// The last span's byte offset and column, so that thousands of spans
    /// along one long line cost one pass over it, not one each.
    last: Arc<std::sync::Mutex<(usize, usize)>>,
}

impl Source {
    /// Wraps a file's text for later quoting.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            lines: Arc::new(std::sync::OnceLock::new()),
            last: Arc::new(std::sync::Mutex::new((0, 1))),
        }
    }

    /// A span covering `range` (byte offsets) of this file.
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = floor_char_boundary(&self.text, range.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, range.end.clamp(start, self.text.len()));
        let starts = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= start);
        let line_start = starts[line - 1];
        let line_end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let col = {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            let (from, col) = if (line_start..=start).contains(&last.0) {
                *last
            } else {
                (line_start, 1)
            };
            let col = col + self.text[from..start].chars().count();
            *last = (start, col);
            col
        };
        let text = self.text[line_start..line_end].trim_end_matches('\r');
        let width = self.text[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        Span::around(&self.path, (line, col), width, text, start - line_start)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A place in a file: path, 1-based line and column, and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// How many characters to underline.
    pub width: usize,
    /// The part of the line shown in the snippet, at most [`SNIPPET`]
    /// characters around the column; `None` for a span with no source.
    pub line_text: Option<String>,
    /// Characters of the line cut before `line_text`.
    pub skip: usize,
    /// Whether the line goes on after `line_text`.
    pub cut_end: bool,
}

/// The most characters of a line a snippet shows: a 1 MB line must not
/// print 1 MB, nor keep it in memory once per error.
pub const SNIPPET: usize = 120;

impl Span {
    /// A span at `line:col` of a line whose text is `text`, keeping only
    /// the part of the line around the column.
    /// Only the characters near the column are visited, so thousands of
    /// spans on one long line stay cheap.
    pub fn in_line(path: &Path, line: usize, col: usize, width: usize, text: &str) -> Span {
        let at = text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        Span::around(path, (line, col), width, text, at)
    }

    /// [`Span::in_line`] where the column's byte offset `at` is known.
    fn around(
        path: &Path,
        (line, col): (usize, usize),
        width: usize,
        text: &str,
        at: usize,
    ) -> Span {
        let at = floor_char_boundary(text, at.min(text.len()));
        let from = if text.len() <= SNIPPET {
            0
        } else {
            text[..at]
                .char_indices()
                .rev()
                .take(SNIPPET / 2)
                .last()
                .map_or(at, |(i, _)| i)
        };
        let skip =
            col.saturating_sub(1) - text[from..at].chars().count().min(col.saturating_sub(1));
        let mut rest = text[from..].chars();
        let shown: String = rest.by_ref().take(SNIPPET).collect();
        Span {
            path: path.to_path_buf(),
            line,
            col,
            width,
            line_text: Some(shown),
            skip,
            cut_end: rest.next().is_some(),
        }
    }

    /// A span naming only a file, for problems with the file as a whole.
    pub fn file(path: &Path) -> Span {
        Span {
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            width: 0,
            line_text: None,
            skip: 0,
            cut_end: false,
        }
    }
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Input or environment; decides the exit code.
    pub cause: Cause,
    /// What is wrong, in one line.
    pub message: String,
    /// Where it is, if it is in a file.
    pub span: Option<Span>,
    /// How to fix it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An input error.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            cause: Cause::Input,
            message: message.into(),
            span: None,
            hints: Vec::new(),
        }
    }

    /// An error caused by the environment (I/O), not by the input.
    pub fn environment(message: impl Into<String>) -> Self {
        Diagnostic {
            cause: Cause::Environment,
            ..Diagnostic::error(message)
        }
    }

    /// A warning: reported, but the build goes on.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Attaches a location.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Renders the diagnostic the way compilers do:
    ///
    /// ```text
    /// error: unknown field `titel`
    ///   --> guide.toml:3:1
    ///    |
    ///  3 | titel = "x"
    ///    | ^^^^^
    ///    = help: did you mean `title`?
    /// ```
    pub fn render(&self, color: bool) -> String {
        let (red, yellow, blue, bold, reset) = if color {
            (
                "\x1b[31;1m",
                "\x1b[33;1m",
                "\x1b[34;1m",
                "\x1b[1m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let (label, tint) = match self.severity {
            Severity::Error => ("error", red),
            Severity::Warning => ("warning", yellow),
        };
        let mut out = String::new();
        let message = escape(&self.message);
        let _ = writeln!(out, "{tint}{label}{reset}{bold}: {message}{reset}");
        let mut gutter = 1;
        if let Some(span) = &self.span {
            gutter = span.line.to_string().len();
            let pad = " ".repeat(gutter);
            if span.line == 0 {
                let _ = writeln!(
                    out,
                    "{pad}{blue}-->{reset} {}",
                    escape(&span.path.display().to_string())
                );
            } else {
                let _ = writeln!(
                    out,
                    "{pad}{blue}-->{reset} {}:{}:{}",
                    escape(&span.path.display().to_string()),
                    span.line,
                    span.col
                );
            }
            if let Some(text) = &span.line_text {
                // One shown character per source character, so the caret
                // still lines up: tabs and control characters become `·`.
                let mut shown: String = text
                    .chars()
                    .map(|c| if c == '\t' || is_unsafe(c) { '·' } else { c })
                    .collect();
                let mut caret = span.col.saturating_sub(1).saturating_sub(span.skip);
                if span.skip > 0 {
                    shown.insert(0, '…');
                    caret += 1;
                }
                if span.cut_end {
                    shown.push('…');
                }
                let room = shown.chars().count().saturating_sub(caret).max(1);
                let _ = writeln!(out, "{pad} {blue}|{reset}");
                let _ = writeln!(out, "{blue}{}{reset} {blue}|{reset} {shown}", span.line);
                let _ = writeln!(
                    out,
                    "{pad} {blue}|{reset} {}{tint}{}{reset}",
                    " ".repeat(caret),
                    "^".repeat(span.width.clamp(1, room))
                );
            }
        }
        for hint in &self.hints {
            let _ = writeln!(
                out,
                "{} {blue}={reset} {bold}help{reset}: {}",
                " ".repeat(gutter),
                escape(hint)
            );
        }
        out
    }
}

/// Whether printing `c` raw could act on a terminal or hide text: C0
/// controls other than tab and newline (ESC starts colour and OSC
/// sequences), DEL, C1 controls, and the bidirectional overrides.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written as a visible escape
/// (`\u{1b}`), so input quoted in a message cannot act on the terminal.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Most kinds of diagnostic printed for one run; the rest are counted.
pub const MAX_SHOWN: usize = 50;
/// Most names listed for the repeats of one kind of diagnostic.
const MAX_NAMED: usize = 10;

/// `diagnostics` with each one that repeats an earlier one exactly left
/// out: two outputs that show the same remote picture, or the same broken
/// one, have one problem between them.
pub fn distinct(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diagnostics
        .iter()
        .filter(|d| seen.insert(format!("{d:?}")))
        .collect()
}

/// Renders diagnostics for the terminal. Diagnostics that differ only in
/// what they quote (`q1`, `q2`, …), with the same hints and file, print
/// once, followed by the other names: one template mistake or one list of
/// bad ids is one problem to read, not thousands. At most [`MAX_SHOWN`]
/// kinds are printed; the rest are counted.
pub fn render_all(diagnostics: &[Diagnostic], color: bool) -> String {
    let mut groups: Vec<(String, Vec<&Diagnostic>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in distinct(diagnostics) {
        let key = shape(d);
        match index.get(&key) {
            Some(&k) => groups[k].1.push(d),
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, vec![d]));
            }
        }
    }
    let mut out = String::new();
    for (_, group) in groups.iter().take(MAX_SHOWN) {
        out.push_str(&group[0].render(color));
        if group.len() > 1 {
            let names: Vec<String> = group[1..]
                .iter()
                .take(MAX_NAMED)
                .map(|d| escape(&differing(&group[0].message, &d.message)).into_owned())
                .collect();
            let rest = group.len() - 1 - names.len();
            let more = if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  … the same for {}: `{}`{more}",
                if group.len() == 2 {
                    "one more"
                } else {
                    "others"
                },
                names.join("`, `")
            );
        }
    }
    if groups.len() > MAX_SHOWN {
        let _ = writeln!(
            out,
            "… and {} more kinds of problem",
            groups.len() - MAX_SHOWN
        );
    }
    out
}

/// What makes two diagnostics the same kind: everything but the text in
/// backticks and in double quotes.
fn shape(d: &Diagnostic) -> String {
    let mut key = format!("{:?}|", d.severity);
    for (n, part) in d.message.split('`').enumerate() {
        if n % 2 == 1 {
            key.push('`');
            continue;
        }
        for (m, piece) in part.split('"').enumerate() {
            key.push_str(if m % 2 == 0 { piece } else { "\"" });
        }
    }
    key.push('|');
    if let Some(span) = &d.span {
        key.push_str(&span.path.to_string_lossy());
    }
    for h in &d.hints {
        key.push('|');
        key.push_str(h);
    }
    key
}

/// The backticked names in `message` that differ from those in `leader`,
/// which is how one repeat differs from the first: `q7`, or `U+E001` / `q2`.
fn differing(leader: &str, message: &str) -> String {
    let names = |m: &str| -> Vec<String> {
        m.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let (first, other) = (names(leader), names(message));
    let changed: Vec<&str> = other
        .iter()
        .enumerate()
        .filter(|(k, n)| first.get(*k) != Some(n))
        .map(|(_, n)| n.as_str())
        .collect();
    if changed.is_empty() {
        "…".to_string()
    } else {
        changed.join("` / `")
    }
}

/// A failed run: one or more diagnostics, at least one of them an error.
#[derive(Debug, Clone, Default)]
pub struct Failure {
    /// Everything that was found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// The process exit code: 2 if only the input is to blame, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        let environment = self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.cause == Cause::Environment);
        if environment {
            1
        } else {
            2
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![d],
        }
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure { diagnostics }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            f.write_str(&d.render(false))?;
        }
        Ok(())
    }
}

/// The result of a stage that can fail on bad input.
pub type Result<T> = std::result::Result<T, Failure>;

/// The closest candidate to `word` by edit distance, if it is close enough
/// to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Edit distance with unit costs; inputs here are short ids and keys.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(ca != *cb));
            diag = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_shown_not_obeyed() {
        let title = "a\u{1b}]0;pwned\u{7}b \u{1b}[31mred\u{9b}c\u{202e}d";
        let src = Source::new("guide.toml", format!("title = \"{title}\"\n"));
        let d = Diagnostic::error(format!("bad title `{title}`"))
            .at(src.span(9..10))
            .hint(title);
        let text = d.render(false);
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        assert!(text.contains("a\\u{1b}]0;pwned\\u{7}b"), "{text}");
        assert!(text.contains("\\u{202e}"), "{text}");
        assert_eq!(escape("plain\ttext\n"), "plain\ttext\n");
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = "x".repeat(1 << 20) + "= oops" + &"y".repeat(1 << 20);
        let src = Source::new("big.toml", line.clone());
        let at = 1 << 20;
        let d = Diagnostic::error("syntax error").at(src.span(at..at + 1));
        assert!(d.span.as_ref().unwrap().line_text.as_ref().unwrap().len() <= SNIPPET);
        let text = d.render(false);
        assert!(text.len() < 600, "{} bytes", text.len());
        let lines: Vec<&str> = text.lines().collect();
        let snippet = lines.iter().find(|l| l.contains("= oops")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        let col = |l: &str, needle: char| l.chars().position(|c| c == needle).unwrap();
        assert_eq!(col(snippet, '='), col(caret, '^'), "{text}");
        assert!(text.contains(&format!("big.toml:1:{}", at + 1)));
    }

    #[test]
    fn repeats_are_grouped_and_kinds_capped() {
        let many: Vec<Diagnostic> = (0..6000)
            .map(|k| Diagnostic::error(format!("unknown id `q{k}`")))
            .collect();
        let text = render_all(&many, false);
        assert_eq!(text.matches("error: ").count(), 1, "{text}");
        assert!(
            text.contains("the same for others: `q1`, `q2`, `q3`"),
            "{text}"
        );
        assert!(text.contains("`q10` and 5989 more"), "{text}");
        // The very same diagnostic twice is printed once and not listed.
        let twice: Vec<Diagnostic> = ["a", "b", "a", "b", "c"]
            .iter()
            .map(|k| Diagnostic::warning(format!("image `{k}` is not fetched")))
            .collect();
        let text = render_all(&twice, false);
        assert!(text.contains("the same for others: `b`, `c`\n"), "{text}");
        let kinds: Vec<Diagnostic> = (0..60)
            .map(|k| Diagnostic::error(format!("problem number {k}")))
            .collect();
        let text = render_all(&kinds, false);
        assert_eq!(text.matches("error: ").count(), MAX_SHOWN);
        assert!(text.ends_with("… and 10 more kinds of problem\n"), "{text}");
    }

    #[test]
    fn span_computes_line_and_column() {
        let src = Source::new("g.toml", "a = 1\ntitel = \"x\"\n");
        let span = src.span(6..11);
        assert_eq!((span.line, span.col, span.width), (2, 1, 5));
        assert_eq!(span.line_text.as_deref(), Some("titel = \"x\""));
    }

    #[test]
    fn render_shows_caret_under_the_problem() {
        let src = Source::new("g.toml", "a = 1\ntitel = \"x\"\n");
        let d = Diagnostic::error("unknown field `titel`")
            .at(src.span(6..11))
            .hint("did you mean `title`?");
        let text = d.render(false);
        assert!(text.contains("--> g.toml:2:1"), "{text}");
        assert!(text.contains("2 | titel = \"x\""), "{text}");
        assert!(text.contains("  | ^^^^^"), "{text}");
        assert!(text.contains("= help: did you mean `title`?"), "{text}");
    }

    #[test]
    fn nearest_finds_typos_only() {
        let ids = [
            "team-collaboration",
            "cloud-experience",
            "git-version-control",
        ];
        assert_eq!(nearest("cloud-experiense", ids), Some("cloud-experience"));
        assert_eq!(nearest("quantum-physics", ids), None);
    }
}
