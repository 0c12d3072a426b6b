//! [`Format::Article`](super::Format::Article): a preamble, numbered
//! questions, guidance, `Example:` answers in quotes, then site navigation.

use super::nav::{drop_nav, is_strong_nav};
use super::quotes::{extract_quoted, find_close, opening_quote};
use super::text::{
    collapse, ends_question, ends_sentence, has_alphanumeric, is_list_line, label, numbered,
    push_nonempty, short,
};
use super::{Draft, DEFAULT_SECTION};
use std::collections::HashMap;

/// Hard-wrapped prose rarely has lines this long, so a block with a longer
/// line is copy-pasted web text: one paragraph per line.
const WRAP_LIMIT: usize = 100;

/// In hard-wrapped prose only a paragraph's last line is much shorter than
/// the wrap width, so a line this short ends its paragraph.
const SHORT_LINE: usize = 40;

/// A paragraph of an article; `number` is set for question lines.
struct Para {
    text: String,
    number: Option<u32>,
}

pub(super) fn parse_article(lines: &[String]) -> Vec<Draft> {
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
            body: Vec::new(),
            why,
            answer,
            notes,
            tags: Vec::new(),
            difficulty: crate::bank::Difficulty::Medium,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::{
        assert_ids_are_bank_slugs, assert_imports, assert_round_trip, questions, DATA_ANALYST,
        NURSING,
    };
    use crate::import::{import, Format};

    #[test]
    fn data_analyst_article() {
        // The table of contents (1.-3.), "3 things to know:" and the list
        // inside answer 2 (1.-3.) are not questions.
        let imported = assert_imports(
            DATA_ANALYST,
            Format::Article,
            &[
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
            ],
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
        let imported = assert_imports(
            NURSING,
            Format::Article,
            &[
                "Why did you choose nursing?",
                "How do you handle a patient who refuses treatment?",
                "Tell me about a time you made a mistake at work.",
                "How do you prioritise care when several patients need you at once?",
                "How would you communicate with a family that is upset?",
                "What would you do if you disagreed with a doctor’s order?",
                "Why do you want to work in our unit?",
            ],
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
}
