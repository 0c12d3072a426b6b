//! What `import` tells its user: questions per section, the questions
//! found without an answer, and the navigation it dropped.
//!
//! The summary is how a user checks an import without reading the whole
//! bank, so it names ids (what a config selects by) rather than texts.

use super::Imported;

/// Most ids listed by name before the rest are counted.
const LISTED_IDS: usize = 20;

impl Imported {
    /// The summary `import` prints, one fact per line.
    pub fn summary(&self, source_name: &str) -> String {
        let n = self.questions.len();
        let format = self.format.name();
        let mut out = format!(
            "found {n} {} in {source_name} ({format})\n",
            plural(n, "question", "questions")
        );
        for (section, count) in self.sections() {
            out.push_str(&format!("  {section}: {count}\n"));
        }
        let missing: Vec<&str> = self
            .questions
            .iter()
            .filter(|q| q.answer.trim().is_empty())
            .map(|q| q.id.as_str())
            .collect();
        if !missing.is_empty() {
            out.push_str(&format!(
                "{} without an answer: {}\n",
                missing.len(),
                listed(&missing)
            ));
        }
        if !self.dropped.is_empty() {
            let parts: Vec<String> = self.dropped.iter().map(|&(k, c)| k.describe(c)).collect();
            out.push_str(&format!("dropped as navigation: {}\n", parts.join(", ")));
        }
        out
    }

    /// Sections in order of first appearance, with their question counts.
    fn sections(&self) -> Vec<(&str, usize)> {
        let mut out: Vec<(&str, usize)> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for q in &self.questions {
            let i = *index.entry(q.section.as_str()).or_insert_with(|| {
                out.push((q.section.as_str(), 0));
                out.len() - 1
            });
            out[i].1 += 1;
        }
        out
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Ids joined by commas, the tail counted past [`LISTED_IDS`].
fn listed(ids: &[&str]) -> String {
    let shown = ids.iter().take(LISTED_IDS).copied().collect::<Vec<_>>();
    let mut s = shown.join(", ");
    if ids.len() > LISTED_IDS {
        s.push_str(&format!(" and {} more", ids.len() - LISTED_IDS));
    }
    s
}
