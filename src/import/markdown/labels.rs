//! Labels that say what follows: "Answer:", "Example answer:", "Why they
//! ask", "Guidance".
//!
//! A bare "Example" is deliberately not a label: collections use
//! `**Example: Storing state**` and `#### Example` for code examples inside
//! answers, and taking them as labels cut answers in two.

use super::tree::{plain_text, Node};
use comrak::nodes::NodeValue;

/// Which part of a question a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    Answer,
    Why,
}

/// Label words, lowercased, longest first so "example answer" wins over
/// "answer".
const LABELS: [(&str, Label); 17] = [
    ("why interviewers ask this", Label::Why),
    ("why interviewers ask", Label::Why),
    ("why this is asked", Label::Why),
    ("why it is asked", Label::Why),
    ("why they ask this", Label::Why),
    ("why they ask", Label::Why),
    ("guidance", Label::Why),
    ("example response", Label::Answer),
    ("sample response", Label::Answer),
    ("suggested answer", Label::Answer),
    ("example answer", Label::Answer),
    ("sample answer", Label::Answer),
    ("model answer", Label::Answer),
    ("answer guide", Label::Answer),
    ("short answer", Label::Answer),
    ("answers", Label::Answer),
    ("answer", Label::Answer),
];

/// The label a heading's whole text is: `### Example answer`,
/// `#### Why they ask:`.
pub(super) fn heading_label(text: &str) -> Option<Label> {
    let key = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    LABELS
        .iter()
        .find(|(l, _)| *l == key)
        .map(|&(_, label)| label)
        .or_else(|| {
            ANSWER_WORDS
                .contains(&key.as_str())
                .then_some(Label::Answer)
        })
}

/// "Answer" in the languages popular collections are translated into, as
/// the heading of a folded answer says it (`#### Antwort: D`).
const ANSWER_WORDS: [&str; 23] = [
    "respuesta correcta",
    "respuesta",
    "antwort",
    "antwoord",
    "réponse",
    "risposta",
    "resposta",
    "răspuns",
    "odpowiedź",
    "odgovor",
    "jawaban",
    "cevap",
    "përgjigja",
    "đáp án",
    "ответ",
    "відповідь",
    "الاجابة الصحيحة",
    "الإجابة",
    "答案",
    "答え",
    "답",
    "คำตอบ",
    "정답",
];

/// The label a heading opens before saying its content, and the length of
/// that prefix with its colon: `#### Answer: D` (quiz collections put the
/// right option there, the explanation below), also in translation
/// (`#### Antwort: D`, `#### Réponse : D`, `#### 答案：D`).
pub(super) fn answer_heading(text: &str) -> Option<(Label, usize)> {
    let words = ANSWER_WORDS.iter().map(|&word| (word, Label::Answer));
    let (label, rest) = opening_label(text, LABELS.iter().copied().chain(words))?;
    let content = rest
        .trim_start()
        .strip_prefix([':', '\u{ff1a}'])?
        .trim_start();
    (!content.is_empty()).then(|| (label, text.len() - content.len()))
}

/// A label opening a paragraph (`**Answer:** text`, `Guidance: text`, or
/// the label alone): the label and the byte length of the plain-text
/// prefix it takes, with the colon and the space after it.
pub(super) fn paragraph_label(para: Node<'_>) -> Option<(Label, usize)> {
    let text = plain_text(para);
    let (label, rest) = opening_label(&text, LABELS.iter().copied())?;
    let body = match rest.trim_start().strip_prefix(':') {
        Some(b) => b,
        // Without a colon the label must stand alone.
        None if rest.trim().is_empty() => rest,
        None => return None,
    };
    let body = body.trim_start();
    Some((label, text.len() - body.len()))
}

/// The first of `words` (lowercase, longest first where one starts
/// another) that `text` opens with, in any case, and the text after it.
/// Compared a character at a time, so that what is cut is the text's own.
fn opening_label(
    text: &str,
    mut words: impl Iterator<Item = (&'static str, Label)>,
) -> Option<(Label, &str)> {
    words.find_map(|(word, label)| {
        let n = word.chars().count();
        let end = text.char_indices().nth(n).map_or(text.len(), |(k, _)| k);
        (text[..end].to_lowercase() == word).then(|| (label, &text[end..]))
    })
}

/// Removes the first `bytes` bytes of `node`'s plain text (a label or a
/// question number), dropping emphasis left empty by it: `**Q1.** What`
/// becomes `What`. Stops at the first inline that is not text.
pub(super) fn cut_leading_text(node: Node<'_>, mut bytes: usize) {
    let mut emptied = Vec::new();
    for n in node.descendants().skip(1) {
        if bytes == 0 {
            break;
        }
        let mut data = n.data_mut();
        match &mut data.value {
            NodeValue::Text(t) => {
                let mut take = bytes.min(t.len());
                while !t.is_char_boundary(take) {
                    take -= 1;
                }
                let kept = t[take..].trim_start().to_string();
                bytes -= take;
                if kept.is_empty() {
                    emptied.push(n);
                }
                *t = kept.into();
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                bytes -= 1;
                emptied.push(n);
            }
            NodeValue::Emph | NodeValue::Strong | NodeValue::Underline => {}
            _ => break,
        }
    }
    for n in emptied {
        n.detach();
    }
    drop_empty_emphasis(node);
}

/// Detaches emphasis that holds nothing, innermost first.
fn drop_empty_emphasis(node: Node<'_>) {
    let mut candidates: Vec<Node<'_>> = node
        .descendants()
        .skip(1)
        .filter(|n| {
            matches!(
                n.data().value,
                NodeValue::Emph | NodeValue::Strong | NodeValue::Underline
            )
        })
        .collect();
    // Descendants come parents first, so reversed they come children first.
    candidates.reverse();
    for n in candidates {
        if n.first_child().is_none() {
            n.detach();
        }
    }
    // Leading text after a detached label keeps no space of its own.
    if let Some(first) = node.descendants().skip(1).find(|n| is_text(n)) {
        if let NodeValue::Text(t) = &mut first.data_mut().value {
            let trimmed = t.trim_start().to_string();
            *t = trimmed.into();
        }
    }
}

fn is_text(n: &Node<'_>) -> bool {
    matches!(n.data().value, NodeValue::Text(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_labels() {
        assert_eq!(heading_label("Example answer"), Some(Label::Answer));
        assert_eq!(heading_label("**Why they ask:**"), Some(Label::Why));
        assert_eq!(heading_label("Example"), None);
        assert_eq!(heading_label("Answering well"), None);
    }

    #[test]
    fn answer_headings_in_translation() {
        for (text, rest) in [
            ("Answer: D", "D"),
            ("Antwort: D", "D"),
            ("Réponse : D", "D"),
            ("Respuesta correcta: B", "B"),
            ("Ответ: A", "A"),
            ("答案：C", "C"),
        ] {
            let (label, len) = answer_heading(text).expect(text);
            assert_eq!(label, Label::Answer);
            assert_eq!(&text[len..], rest, "{text}");
        }
        for text in [
            "Answer",
            "Answers:",
            "Antworten sind hier",
            "Answering questions",
        ] {
            assert_eq!(answer_heading(text), None, "{text}");
        }
    }
}
