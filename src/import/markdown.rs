//! [`Format::Markdown`](super::Format::Markdown): `#` sections,
//! `##`/`###` questions, labelled or blockquoted answers.

use super::nav::is_strong_nav;
use super::quotes::extract_quoted;
use super::text::{
    collapse, has_alphanumeric, is_list_line, label, numbered, push_nonempty, unwrap_emphasis,
};
use super::{Draft, DEFAULT_SECTION};

/// An ATX heading: its level and text without the closing `#`s.
pub(super) fn heading(line: &str) -> Option<(usize, &str)> {
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
pub(super) fn opens_fence(line: &str) -> Option<(char, usize)> {
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

pub(super) fn closes_fence(line: &str, (c, n): (char, usize)) -> bool {
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

pub(super) fn parse_markdown(lines: &[String]) -> Vec<Draft> {
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

#[cfg(test)]
mod tests {
    use crate::import::testing::{
        assert_ids_are_bank_slugs, assert_imports, assert_round_trip, questions, MARKDOWN,
    };
    use crate::import::{import, Format};

    #[test]
    fn markdown_questions() {
        let imported = assert_imports(
            MARKDOWN,
            Format::Markdown,
            &[
                "How do you handle an angry customer?",
                "What does good support look like to you?",
                "How do you say no to a customer?",
                "How do you keep the knowledge base up to date?",
                "Which support metrics matter most?",
                "Tell me about a time you escalated a bug.",
            ],
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
}
