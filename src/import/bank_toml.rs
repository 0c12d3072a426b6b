//! The bank file an import writes.

use super::Imported;

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
    use crate::import::testing::{assert_round_trip, DATA_ANALYST};
    use crate::import::{import, Format, Imported, ImportedQuestion};

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
