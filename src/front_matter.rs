//! The top-level keys of a Markdown file's YAML front matter.
//!
//! Front matter is written for many tools (Jekyll's `layout`, Hugo's
//! `tags`, a docs site's `sidebar_position`), and studyguide reads only its
//! own keys from it: the title block's and, for `render`, the output's.
//! Only what those keys can hold is read: a value on the key's own line,
//! plain or quoted, a block scalar (`|` or `>`) on the lines below, or a
//! one-level mapping of plain values (`margins:` with `top: 25mm` below).
//! Lines indented under another key belong to that key, so nested keys
//! never pass for top-level ones.

/// One top-level key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// The key, unquoted.
    pub key: &'a str,
    /// Its value.
    pub value: Value,
    /// The key's line, counted from 0 at the first line inside the `---`
    /// fences.
    pub line: usize,
}

/// A front matter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A plain value, as written (trailing comment removed): a number, a
    /// word, a flow collection (`[a, b]`).
    Plain(String),
    /// A quoted value or a block scalar: text, escapes resolved.
    Text(String),
    /// A mapping of plain keys to plain values, in order.
    Map(Vec<(String, String)>),
    /// Nothing, or a nested value of another shape.
    None,
}

impl Value {
    /// The value as text, when it is a single value.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Plain(s) | Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// The front matter of `text`: the lines between a `---` that opens the
/// text and the next `---` (or `...`), or `None` when it has none.
pub fn block(text: &str) -> Option<Vec<&str>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    Some(
        lines
            .take_while(|l| !matches!(l.trim_end(), "---" | "..."))
            .collect(),
    )
}

/// The top-level entries of front matter `lines`, in order.
pub fn entries<'a>(lines: &[&'a str]) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let Some((key, rest)) = top_level_key(line) else {
            n += 1;
            continue;
        };
        // The lines indented below the key (or a sequence's items).
        let below = lines[n + 1..]
            .iter()
            .take_while(|l| l.trim().is_empty() || l.starts_with([' ', '\t', '-']))
            .count();
        let nested = &lines[n + 1..n + 1 + below];
        out.push(Entry {
            key,
            value: value(rest, nested),
            line: n,
        });
        n += 1 + below;
    }
    out
}

/// `key: rest` when `line` opens a top-level entry.
fn top_level_key(line: &str) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
        return None;
    }
    let colon = line
        .match_indices(':')
        .map(|(k, _)| k)
        .find(|&k| line[k + 1..].is_empty() || line[k + 1..].starts_with([' ', '\t']))?;
    let key = unquote(line[..colon].trim());
    (!key.is_empty()).then(|| (key, line[colon + 1..].trim()))
}

fn unquote(key: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = key.strip_prefix(q).and_then(|k| k.strip_suffix(q)) {
            return inner;
        }
    }
    key
}

/// The value written after a key (`rest`), with the lines below it.
fn value(rest: &str, nested: &[&str]) -> Value {
    if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
        return match quoted(rest, quote) {
            Some(text) => Value::Text(text),
            None => Value::Plain(rest.to_string()),
        };
    }
    if let Some(style @ ('|' | '>')) = rest.chars().next() {
        let lines: Vec<&str> = nested.iter().map(|l| l.trim()).collect();
        let text = if style == '|' {
            lines.join("\n")
        } else {
            lines
                .iter()
                .filter(|l| !l.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        };
        return Value::Text(text.trim().to_string());
    }
    let plain = without_comment(rest);
    if !plain.is_empty() {
        return Value::Plain(plain.to_string());
    }
    let pairs: Option<Vec<(String, String)>> = nested
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (k, v) = top_level_key(l.trim_start())?;
            let v = match value(v, &[]) {
                Value::Plain(v) | Value::Text(v) => v,
                _ => return None,
            };
            Some((k.to_string(), v))
        })
        .collect();
    match pairs {
        Some(pairs) if !pairs.is_empty() => Value::Map(pairs),
        _ => Value::None,
    }
}

/// A plain value without a trailing ` # comment`.
fn without_comment(rest: &str) -> &str {
    match rest.find(" #").or_else(|| rest.find("\t#")) {
        Some(k) => rest[..k].trim_end(),
        None => rest,
    }
}

/// The text of a quoted value that closes on its line, escapes resolved
/// (`\"`, `\\`, `\n`, `\t` and `\uXXXX` in double quotes, `''` in single).
fn quoted(rest: &str, quote: char) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest[1..].chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            ('\'', '\'') => {
                if chars.clone().next() == Some('\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some(out);
                }
            }
            ('"', '"') => return Some(out),
            ('"', '\\') => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .unwrap_or('\u{fffd}'),
                    );
                }
                other => out.push(other),
            },
            _ => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Vec<(String, Value, usize)> {
        entries(&block(text).expect("front matter"))
            .into_iter()
            .map(|e| (e.key.to_string(), e.value, e.line))
            .collect()
    }

    #[test]
    fn nested_keys_are_not_top_level_ones() {
        let text = "---\ntitle: Diagnose a catalog\nsources:\n  - url: https://example.org/a\n    source_type: docs\n  - url: https://example.org/b\n    source_type: docs\ntheme: platform\n---\nBody\n";
        let got = parsed(text);
        let keys: Vec<&str> = got.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "sources", "theme"]);
        assert_eq!(got[1].1, Value::None);
        assert_eq!(got[2], ("theme".into(), Value::Plain("platform".into()), 6));
    }

    #[test]
    fn quoted_plain_and_block_values() {
        let text = "---\ntitle: \"Redis: a cache \\\"in\\\" front\"\nsubtitle: 'It''s fast'\ncolumns: 2 # two\ntags: [a, b]\nsummary: >\n  folded\n  text\nnotes: |\n  kept\n  lines\n---\n";
        let got = parsed(text);
        assert_eq!(got[0].1, Value::Text("Redis: a cache \"in\" front".into()));
        assert_eq!(got[1].1, Value::Text("It's fast".into()));
        assert_eq!(got[2].1, Value::Plain("2".into()));
        assert_eq!(got[3].1, Value::Plain("[a, b]".into()));
        assert_eq!(got[4].1, Value::Text("folded text".into()));
        assert_eq!(got[5].1, Value::Text("kept\nlines".into()));
        assert_eq!(got[5].2, 7);
    }

    #[test]
    fn a_one_level_mapping_is_read() {
        let got = parsed("---\nmargins:\n  top: 25mm\n  left: \"1in\"\n---\n");
        assert_eq!(
            got[0].1,
            Value::Map(vec![
                ("top".into(), "25mm".into()),
                ("left".into(), "1in".into())
            ])
        );
    }

    #[test]
    fn no_front_matter_and_odd_lines() {
        assert_eq!(block("# Title\n"), None);
        assert_eq!(block("\u{feff}---\na: 1\n...\nb: 2\n"), Some(vec!["a: 1"]));
        // A URL's colon is not a key's; an unclosed quote stays as written.
        let got =
            parsed("---\nhttp://example.org\nlink: https://example.org/x\nbad: \"open\n---\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, Value::Plain("https://example.org/x".into()));
        assert_eq!(got[1].1, Value::Plain("\"open".into()));
    }
}
