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
    let words = LABELS
        .iter()
        .copied()
        .chain(ANSWER_WORDS.iter().map(|&word| (word, Label::Answer)));
    for (word, label) in words {
        // Compared a character at a time in lowercase, so that the length
        // cut is the text's own.
        let n = word.chars().count();
        let end = text.char_indices().nth(n).map_or(text.len(), |(k, _)| k);
        if text[..end].to_lowercase() != word {
            continue;
        }
        let Some(rest) = text[end..].trim_start().strip_prefix([':', '\u{ff1a}']) else {
            continue;
        };
        let content = rest.trim_start();
        if !content.is_empty() {
            return Some((label, text.len() - content.len()));
        }
    }
    None
}

/// A label opening a paragraph (`**Answer:** text`, `Guidance: text`, or
/// the label alone): the label and the byte length of the plain-text
/// prefix it takes, with the colon and the space after it.
pub(super) fn paragraph_label(para: Node<'_>) -> Option<(Label, usize)> {
    let text = plain_text(para);
    let (word, label) = LABELS.iter().find(|(l, _)| {
        text.get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l))
    })?;
    let rest = text.get(word.len()..)?;
    let after_colon = rest.trim_start().strip_prefix(':');
    let body = match after_colon {
        Some(b) => b,
        // Without a colon the label must stand alone.
        None if rest.trim().is_empty() => rest,
        None => return None,
    };
    let body = body.trim_start();
    Some((*label, text.len() - body.len()))
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
