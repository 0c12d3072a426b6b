//! The bank file an import writes.
//!
//! The tables are serialized from [`RawBank`], the type bank loading
//! deserializes, so a written bank cannot drift from what loading accepts.
//! Serde cannot write comments, so the header is text put in front.

use super::{Format, ImportError, Imported, ImportedQuestion};
use crate::bank::{RawBank, RawQuestion};
use toml::Spanned;

/// The tag every imported question gets, so a config can select or leave
/// out questions nobody has reviewed yet.
const TAG: &str = "imported";

impl Imported {
    /// The bank file: a comment header naming the source and listing the
    /// warnings, then one `[[question]]` table per question.
    ///
    /// Every string round-trips exactly through the bank loader. The toml
    /// crate picks each string's form: text with line breaks becomes a
    /// multi-line string, and text with quotes or backslashes a literal
    /// string where it can, so few strings need escapes.
    pub fn to_toml(&self, source_name: &str) -> Result<String, ImportError> {
        let bank = RawBank {
            question: self.questions.iter().map(raw_question).collect(),
        };
        let tables = toml::to_string_pretty(&bank).map_err(ImportError::Toml)?;
        let mut out = self.header(source_name);
        if !tables.is_empty() {
            out.push('\n');
            out.push_str(&tables);
        }
        Ok(out)
    }

    /// The comment lines above the tables.
    fn header(&self, source_name: &str) -> String {
        let mut out = String::new();
        out.push_str("# studyguide question bank, imported from ");
        out.push_str(&comment_text(source_name));
        out.push_str(".\n");
        // Spreadsheets and decks say which text is which; only the text
        // layouts are guessed at.
        out.push_str(match self.format {
            Format::Csv | Format::Tsv | Format::Anki => {
                "# Review it before use: cells were taken as the columns named them.\n"
            }
            _ => {
                "# Review it before use: the import guesses where guidance ends and the\n\
                 # example answer begins, and `difficulty` and `tags` are placeholders.\n"
            }
        });
        if self.questions.iter().any(|q| q.answer.is_empty()) {
            out.push_str(
                "# Questions with `answer = \"\"` have no example answer yet: they build,\n\
                 # and outputs that show answers print \"No example answer yet.\"\n",
            );
        }
        for warning in &self.warnings {
            out.push_str("# warning: ");
            out.push_str(&comment_text(warning));
            out.push('\n');
        }
        out
    }
}

/// The table of one question. Spans matter only for text read from a file,
/// so written values get an empty one.
fn raw_question(q: &ImportedQuestion) -> RawQuestion {
    RawQuestion {
        id: Spanned::new(0..0, q.id.clone()),
        question: Spanned::new(0..0, q.question.clone()),
        body: q.body.clone(),
        why: q.why.clone(),
        answer: q.answer.clone(),
        section: q.section.clone(),
        tags: std::iter::once(TAG.to_string())
            .chain(q.tags.iter().filter(|t| *t != TAG).cloned())
            .collect(),
        difficulty: q.difficulty,
        listen_for: Vec::new(),
    }
}

/// `s` on one line for a TOML comment: control characters become spaces.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::import::testing::{assert_round_trip, Lcg, DATA_ANALYST};
    use crate::import::{import, Format, Imported, ImportedQuestion};

    /// Text that is easy to get wrong in TOML: quotes and runs of them,
    /// backslashes, escapes, newlines in every place, tabs, control
    /// characters, CRLF, non-ASCII, and TOML syntax inside the text.
    const AWKWARD: [&str; 22] = [
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
        "crlf\r\nline\r\n",
        "it's \"both\" kinds\nover 'two' lines\\",
        "\u{feff}bom, \u{2028}line separator, \u{200b}zero width",
        "\\u0041 is not an escape, nor is \\n",
        "key = \"value\"\n[[question]]\nid = \"injected\"",
        "\"\"\"\n'''\n\\",
    ];

    fn question(i: usize, question: &str, why: &str, answer: &str) -> ImportedQuestion {
        ImportedQuestion {
            id: format!("q-{i}"),
            section: why.to_string(),
            question: question.to_string(),
            body: String::new(),
            why: why.to_string(),
            answer: answer.to_string(),
            tags: Vec::new(),
            difficulty: crate::bank::Difficulty::Medium,
        }
    }

    #[test]
    fn toml_strings_round_trip_exactly() {
        let imported = Imported {
            questions: AWKWARD
                .iter()
                .enumerate()
                .map(|(i, s)| question(i, s, s, s))
                .collect(),
            warnings: vec!["a warning\nwith a newline".to_string()],
            dropped: Vec::new(),
            format: Format::Markdown,
        };
        assert_round_trip(&imported);
        let text = imported
            .to_toml("name\nwith \"quotes\" and \r a newline")
            .unwrap();
        assert!(text.starts_with("# studyguide question bank, imported from name with"));
        assert!(text.contains("# warning: a warning with a newline\n"));
        assert!(text.contains("# Questions with `answer = \"\"` have no example answer yet"));
        // Readable multi-line strings for ordinary text.
        let fixture = import(DATA_ANALYST, Format::Article)
            .to_toml("article-data-analyst.txt")
            .unwrap();
        assert!(fixture.contains("why = \"\"\"\nThis tells the interviewer"));
        assert!(fixture.contains(
            "\n[[question]]\nid = \"tell-me-about-yourself\"\nquestion = \"Tell me about yourself.\"\n"
        ));
    }

    /// Questions the bank accepts (one non-empty line, an answer) load back
    /// through `bank::parse` unchanged, whatever their text.
    #[test]
    fn awkward_questions_load_back_through_the_bank() {
        let long = "a very long line of text, ".repeat(2000);
        let mut texts: Vec<&str> = AWKWARD.to_vec();
        texts.push(&long);
        let questions = texts
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let line = s.replace(['\n', '\r', '\u{85}', '\u{2028}'], " ");
                let line = format!("Question {i}: {}?", line.trim());
                question(i, &line, s.trim(), &format!("Answer {i}: {s}"))
            })
            .collect();
        let imported = Imported {
            questions,
            warnings: Vec::new(),
            dropped: Vec::new(),
            format: Format::Markdown,
        };
        assert_round_trip(&imported);
        let text = imported.to_toml("awkward.txt").unwrap();
        // An empty `why` is written, not left to the default.
        assert!(text.contains("why = \"\"\n"), "{text}");
    }

    /// The same through the parsers: the text an import keeps (quotes,
    /// backslashes, `"""`, tabs and control characters as it cleans them,
    /// CRLF, non-ASCII, long lines, no guidance) loads back identically.
    #[test]
    fn imported_awkward_text_loads_back_through_the_bank() {
        let long = "word ".repeat(3000);
        let article = format!(
            "Intro.\r\n\r\n1. What does \"\"\" mean in TOML?\r\n\r\nExample: \"It opens a \
             multi-line string; a \\ escapes, and C:\\path\\ ends in one\\\"\r\n\r\n\
             2. Tabs\tand\u{7}control\u{0}characters?\r\n\r\nWhy: they are cleaned.\r\n\r\n\
             Example: “Tabs become spaces — naïve café 🙂 ‘quoted’ ''' \"x\"”\r\n\r\n\
             3. A long one?\r\n\r\nExample: {long}\\\r\n"
        );
        let markdown = format!(
            "# Section \"quoted\" \\ slash\n\n## Empty why?\n\n> Write \"\"\" to open one.\n\n\
             ## Long why?\n\n{long}\n\n**Example:** back\\slash\\\n"
        );
        for (text, format) in [(&article, Format::Article), (&markdown, Format::Markdown)] {
            let imported = import(text, format);
            assert!(imported.questions.len() >= 2, "{imported:?}");
            assert!(imported.questions.iter().all(|q| !q.answer.is_empty()));
            assert_round_trip(&imported);
        }
        let imported = import(&markdown, Format::Markdown);
        assert_eq!(imported.questions[0].why, "");
        assert_eq!(imported.questions[0].answer, "Write \"\"\" to open one.");
    }

    /// Many generated strings built from the pieces TOML escaping and
    /// multi-line strings care about.
    #[test]
    fn generated_strings_load_back_through_the_bank() {
        let pieces = [
            "\"",
            "\"\"",
            "\"\"\"",
            "'",
            "'''",
            "\\",
            "\\\\",
            "\n",
            "\r\n",
            "\r",
            "\t",
            " ",
            "\u{0}",
            "\u{8}",
            "\u{c}",
            "\u{1b}",
            "\u{7f}",
            "\u{85}",
            "\u{a0}",
            "\u{2028}",
            "\u{feff}",
            "é",
            "🙂",
            "#",
            "=",
            "[[question]]",
            "\\u00e9",
            "word",
            "x",
        ];
        let mut rng = Lcg(11);
        let mut text = |max: u64| -> String {
            let len = rng.next() % max;
            (0..len)
                .map(|_| pieces[(rng.next() as usize) % pieces.len()])
                .collect()
        };
        for round in 0..300 {
            let questions = (0..4)
                .map(|i| {
                    let line = text(8).replace(['\n', '\r'], " ");
                    let why = text(30);
                    let answer = format!("a{}", text(30));
                    question(i, &format!("q{round}{line}"), &why, &answer)
                })
                .collect();
            let imported = Imported {
                questions,
                warnings: vec![text(10)],
                dropped: Vec::new(),
                format: Format::Markdown,
            };
            assert_round_trip(&imported);
        }
    }
}
