//! The `anki` output style: a deck in Anki's plain-text import format, so
//! that a candidate can drill the same questions on a screen.
//!
//! One note per selected question, one line per note, tab-separated, with
//! the `#` headers that make Anki import the file with no questions asked:
//! the separator, HTML fields, the Basic note type, and which columns hold
//! the note's guid, deck and tags. The guid is the question's id, so
//! importing a rebuilt deck updates the notes instead of adding copies.
//! Each section becomes a subdeck of the guide's title.

use crate::bank::Question;
use crate::config::{Config, Output};
use crate::diag::Diagnostic;
use crate::markdown;
use crate::select::Selection;

/// Printed on the back of a question that has no answer yet, as on paper.
const NO_ANSWER: &str = "No example answer yet.";

/// The columns, in order. `#columns` names them so that Anki's import
/// dialog shows which is which.
const COLUMNS: [&str; 5] = ["GUID", "Deck", "Front", "Back", "Tags"];

/// A built deck and what its reader must know.
pub struct Deck {
    /// The file's bytes (UTF-8).
    pub text: String,
    /// How many notes it holds.
    pub notes: usize,
    /// Pictures the answers show, which Anki reads from its media folder.
    pub warnings: Vec<Diagnostic>,
}

/// Writes the deck for `output`: the selected questions in section order.
pub fn write(
    config: &Config,
    output: &Output,
    selection: &Selection,
    questions: &[Question],
) -> Deck {
    let mut text = String::new();
    for header in [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#guid column:1",
        "#deck column:2",
        "#tags column:5",
    ] {
        text.push_str(header);
        text.push('\n');
    }
    text.push_str("#columns:");
    text.push_str(&COLUMNS.join("\t"));
    text.push('\n');
    let title = deck_name(&config.title);
    let mut notes = 0;
    let mut pictures = Vec::new();
    for section in &selection.sections {
        let deck = format!("{title}::{}", deck_name(&section.title));
        for &i in &section.questions {
            let q = &questions[i];
            let back = back(q, output, &mut pictures);
            let fields = [
                format!("studyguide:{}", q.id),
                deck.clone(),
                front(&q.question, &q.body),
                back,
                tags(&q.tags),
            ];
            text.push_str(&fields.map(|f| field(&f)).join("\t"));
            text.push('\n');
            notes += 1;
        }
    }
    pictures.sort();
    pictures.dedup();
    let warnings = if pictures.is_empty() {
        Vec::new()
    } else {
        vec![Diagnostic::warning(format!(
            "output `{}`: the deck shows {} {}: {}",
            output.name,
            pictures.len(),
            if pictures.len() == 1 {
                "picture"
            } else {
                "pictures"
            },
            pictures.join(", ")
        ))
        .at(output.name_span.clone())
        .hint("copy them into Anki's `collection.media` folder so the cards can show them")]
    };
    Deck {
        text,
        notes,
        warnings,
    }
}

/// The question as inline HTML: code spans, emphasis and links kept.
fn front(question: &str, body: &str) -> String {
    let mut html = markdown::inline_html(&markdown::parse_inline(question));
    if !body.is_empty() {
        html.push_str(&markdown::blocks_html(&markdown::parse(body).blocks));
    }
    html
}

/// The parts of the question the output shows, answer first: that is what
/// a card is turned over for.
fn back(q: &Question, output: &Output, pictures: &mut Vec<String>) -> String {
    let mut html = String::new();
    if output.show.answer {
        if q.answer.trim().is_empty() {
            html.push_str(&format!("<p><em>{NO_ANSWER}</em></p>"));
        } else {
            let doc = markdown::parse(&q.answer);
            pictures.extend(markdown::figures_in(&doc.blocks));
            html.push_str(&markdown::blocks_html(&doc.blocks));
        }
    }
    if output.show.listen_for && !q.listen_for.is_empty() {
        html.push_str("<p><strong>Listen for</strong></p><ul>");
        for item in &q.listen_for {
            html.push_str("<li>");
            html.push_str(&markdown::inline_html(&markdown::parse_inline(item)));
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    if output.show.why && !q.why.trim().is_empty() {
        let doc = markdown::parse(&q.why);
        html.push_str("<p><strong>Why they ask</strong></p>");
        html.push_str(&markdown::blocks_html(&doc.blocks));
    }
    html
}

/// Anki tags are single words: spaces become `_`.
fn tags(tags: &[String]) -> String {
    tags.iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A title as one level of a deck name: `::` would nest it deeper.
fn deck_name(title: &str) -> String {
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.replace("::", ":")
}

/// One field on one line: Anki would take a tab for the next field and a
/// newline for the next note, so code keeps its layout as `<br>` and a
/// tab entity instead, and a field is never quoted.
fn field(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
        .replace('\t', "&#9;");
    // A field that opens with a quote would be read as a quoted field.
    match text.strip_prefix('"') {
        Some(rest) => format!("&quot;{rest}"),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_never_hold_a_separator() {
        assert_eq!(field("a\tb\nc\r\nd"), "a&#9;b<br>c<br>d");
        assert_eq!(field("\"quoted\" start"), "&quot;quoted\" start");
    }

    #[test]
    fn deck_names_and_tags_stay_one_level_and_one_word() {
        assert_eq!(deck_name("C++ ::  interviews\n"), "C++ : interviews");
        assert_eq!(
            tags(&["system design".into(), "sql".into()]),
            "system_design sql"
        );
    }

    #[test]
    fn fronts_keep_inline_markup() {
        assert_eq!(
            front("Why use `Rc<T>` over *Box*?", ""),
            "Why use <code>Rc&lt;T&gt;</code> over <em>Box</em>?"
        );
    }
}
