//! `studyguide pack`: one self-contained TOML file with the config, exactly
//! the selected questions and any custom templates, so a recruiter can share
//! a question pack that builds anywhere with nothing else.
//!
//! The selection is frozen: each section lists its question ids in order,
//! so the pack rebuilds the same document even if the banks move on.

mod assets;

pub use assets::{gather as gather_assets, Sources};

use crate::bank::Question;
use crate::diag::{Diagnostic, Result};
use crate::select::Selection;
use toml::{Table, Value};

/// Top-level config keys a pack replaces with its own content.
const REPLACED: [&str; 6] = [
    "banks",
    "templates",
    "section",
    "output",
    "question",
    "assets",
];

/// Writes the pack. `only` keeps one output. Returns the file's text and
/// warnings about what could not be packed.
pub fn pack(
    config_text: &str,
    selection: &Selection,
    questions: &[Question],
    custom_templates: &[(String, String)],
    assets: &crate::image::Assets,
    only: Option<&str>,
) -> Result<(String, Vec<Diagnostic>)> {
    let raw: Table = toml::from_str(config_text)
        .map_err(|e| Diagnostic::error(format!("the config cannot be re-read for packing: {e}")))?;
    let mut warnings = Vec::new();
    let mut out = Table::new();
    for (key, value) in &raw {
        if !REPLACED.contains(&key.as_str()) {
            out.insert(key.clone(), value.clone());
        }
    }
    let sections: Vec<Value> = selection
        .sections
        .iter()
        .map(|s| {
            let mut t = Table::new();
            t.insert("title".into(), Value::String(s.title.clone()));
            if let Some(intro) = &s.intro {
                t.insert("intro".into(), Value::String(intro.clone()));
            }
            let ids = s
                .questions
                .iter()
                .map(|&i| Value::String(questions[i].id.clone()))
                .collect();
            t.insert("ids".into(), Value::Array(ids));
            t.insert("order".into(), Value::String("listed".into()));
            Value::Table(t)
        })
        .collect();
    out.insert("section".into(), Value::Array(sections));
    if let Some(Value::Array(outputs)) = raw.get("output") {
        let mut kept = Vec::new();
        for o in outputs {
            let Value::Table(t) = o else { continue };
            if only.is_some_and(|name| t.get("name").and_then(Value::as_str) != Some(name)) {
                continue;
            }
            let mut t = t.clone();
            if t.remove("fonts").is_some() {
                warnings.push(Diagnostic::warning(format!(
                    "output `{}` names font files, which a pack cannot carry; the pack uses the built-in fonts",
                    t.get("name").and_then(Value::as_str).unwrap_or("?")
                )));
            }
            kept.push(Value::Table(t));
        }
        out.insert("output".into(), Value::Array(kept));
    }
    if !custom_templates.is_empty() {
        let mut t = Table::new();
        for (name, text) in custom_templates {
            t.insert(name.clone(), Value::String(text.clone()));
        }
        out.insert("templates".into(), Value::Table(t));
    }
    let selected: Vec<Value> = selection
        .question_indices()
        .map(|i| {
            let q = &questions[i];
            let mut t = Table::new();
            t.insert("id".into(), Value::String(q.id.clone()));
            t.insert("section".into(), Value::String(q.section.clone()));
            t.insert(
                "difficulty".into(),
                Value::String(q.difficulty.as_str().into()),
            );
            t.insert(
                "tags".into(),
                Value::Array(q.tags.iter().cloned().map(Value::String).collect()),
            );
            t.insert("question".into(), Value::String(q.question.clone()));
            if !q.body.is_empty() {
                t.insert("body".into(), Value::String(q.body.clone()));
            }
            t.insert("why".into(), Value::String(q.why.clone()));
            t.insert("answer".into(), Value::String(q.answer.clone()));
            if !q.listen_for.is_empty() {
                t.insert(
                    "listen_for".into(),
                    Value::Array(q.listen_for.iter().cloned().map(Value::String).collect()),
                );
            }
            Value::Table(t)
        })
        .collect();
    out.insert("question".into(), Value::Array(selected));
    if !assets.is_empty() {
        let table = assets
            .iter()
            .map(|(name, bytes)| {
                (
                    name.clone(),
                    Value::String(crate::config::encode_asset(bytes)),
                )
            })
            .collect();
        out.insert("assets".into(), Value::Table(table));
    }
    let body = toml::to_string_pretty(&out)
        .map_err(|e| Diagnostic::environment(format!("the pack could not be written: {e}")))?;
    let text = format!(
        "# A studyguide pack: the guide, its selected questions and templates in one file.\n\
         # Build it anywhere with `studyguide build THIS_FILE.toml`.\n\n{body}"
    );
    if text.len() as u64 > crate::source::MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "the pack would be {} MB, more than the {} MB a config may be",
            text.len() >> 20,
            crate::source::MAX_FILE_BYTES >> 20
        ))
        .hint("its pictures take the most room: make them smaller, or pack fewer questions")
        .into());
    }
    Ok((text, warnings))
}
