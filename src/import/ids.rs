//! Question ids: slugs of the question text, unique within an import.

use std::collections::{HashMap, HashSet};

/// Longest id slug, before a `-2` style suffix is added. Long enough to tell
/// questions apart, short enough to type in a config.
pub(super) const MAX_ID_LEN: usize = 48;

/// Hands out unique ids: a slug, then `-2`, `-3`, … on collisions.
#[derive(Default)]
pub(super) struct Ids {
    used: HashSet<String>,
    /// Next suffix to try per slug, so many equal questions stay linear.
    next: HashMap<String, usize>,
}

impl Ids {
    pub(super) fn assign(&mut self, question: &str, ordinal: usize) -> String {
        let mut base = slugify(question);
        if base.is_empty() {
            base = format!("question-{ordinal}");
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let head = cut_slug(&base, MAX_ID_LEN.saturating_sub(suffix.len()).max(1));
            let id = format!("{head}{suffix}");
            n += 1;
            if self.used.insert(id.clone()) {
                self.next.insert(base, n);
                return id;
            }
        }
    }
}

/// The id slug of a question: lowercase ASCII letters and digits, other runs
/// as `-`, Latin letters with accents folded, at most [`MAX_ID_LEN`] bytes
/// cut at a word boundary. Apostrophes vanish ("what’s" → `whats`); letters
/// without an ASCII spelling are dropped.
fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in text.chars() {
        if matches!(c, '\'' | '’' | '‘' | 'ʼ') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            push_slug(&mut slug, &mut gap, c.to_ascii_lowercase());
        } else if let Some(folded) = fold(c) {
            for f in folded.chars() {
                push_slug(&mut slug, &mut gap, f);
            }
        } else if !c.is_alphanumeric() {
            gap = true;
        }
    }
    cut_slug(&slug, MAX_ID_LEN)
}

/// Appends a slug character, after a `-` if a separator came before it.
fn push_slug(slug: &mut String, gap: &mut bool, c: char) {
    if *gap && !slug.is_empty() {
        slug.push('-');
    }
    *gap = false;
    slug.push(c);
}

/// `slug` cut to at most `max` bytes at a `-`, or mid-word if one word is
/// longer than that. Slugs are ASCII, so any byte index is a boundary.
fn cut_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let head = slug.get(..max).unwrap_or(slug);
    let cut = if slug.as_bytes().get(max) == Some(&b'-') {
        head
    } else {
        head.rfind('-').map_or(head, |i| &head[..i])
    };
    cut.trim_end_matches('-').to_string()
}

/// ASCII spelling of common accented Latin letters.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'ð' | 'Ð' | 'ď' | 'Ď' | 'đ' | 'Đ' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'Ś' | 'š' | 'Š' => "s",
        'ß' => "ss",
        'ť' | 'Ť' => "t",
        'þ' | 'Þ' => "th",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, Format};

    #[test]
    fn duplicate_questions_get_suffixed_ids() {
        let text = "## Same question?\n\nA.\n\nB.\n\n## Same question?\n\nC.\n\nD.\n\n\
                    ## Same question!\n\nE.\n\nF.\n\n## 你好\n\nG.\n\nH.\n";
        let imported = import(text, Format::Markdown);
        let ids: Vec<&str> = imported.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "same-question",
                "same-question-2",
                "same-question-3",
                "question-4"
            ]
        );
        assert!(imported.warnings.is_empty());
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("What’s your greatest weakness?"),
            "whats-your-greatest-weakness"
        );
        assert_eq!(
            slugify("Résumé gaps: how do you explain them?"),
            "resume-gaps-how-do-you-explain-them"
        );
        assert_eq!(
            slugify("¿Qué es SQL? Straße, Œuvre"),
            "que-es-sql-strasse-oeuvre"
        );
        assert_eq!(slugify("  --C# vs. C++ (2024)--  "), "c-vs-c-2024");
        assert_eq!(slugify("日本語"), "");
        let long = slugify(
            "Describe a situation where you had to persuade a sceptical stakeholder to change course",
        );
        assert_eq!(long, "describe-a-situation-where-you-had-to-persuade-a");
        assert!(long.len() <= MAX_ID_LEN);
        assert_eq!(slugify(&"x".repeat(100)), "x".repeat(MAX_ID_LEN));
        let mut ids = Ids::default();
        let long_question = "a".repeat(60);
        assert_eq!(ids.assign(&long_question, 1), "a".repeat(48));
        assert_eq!(
            ids.assign(&long_question, 2),
            format!("{}-2", "a".repeat(46))
        );
        assert_eq!(ids.assign("???", 3), "question-3");
        assert_eq!(ids.assign("Question 3", 4), "question-3-2");
    }
}
