//! Handlebars: [`Selection`] → Markdown.
//!
//! Templates run in strict mode, so a misspelt field is an error rather than
//! silently empty text. Plain-text values (`{{question}}`) pass through our
//! Markdown escaper, so a `*` or `|` in a question never turns into markup;
//! Markdown fields from the bank are inserted raw with `{{{answer}}}`.

use crate::bank::Question;
use crate::config::{Config, Output, TemplateSource};
use crate::diag::{Diagnostic, Result, Span};
use crate::select::Selection;
use crate::source::Confine;
mod budget;

use handlebars::Handlebars;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Templates compiled into the binary: `(name, source)`.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("handout", include_str!("../../templates/handout.md.hbs")),
    (
        "candidate",
        include_str!("../../templates/candidate.md.hbs"),
    ),
    (
        "interviewer",
        include_str!("../../templates/interviewer.md.hbs"),
    ),
    (
        "cheatsheet",
        include_str!("../../templates/cheatsheet.md.hbs"),
    ),
    (
        "flashcards",
        include_str!("../../templates/flashcards.md.hbs"),
    ),
    ("question", include_str!("../../templates/question.md.hbs")),
];

/// File extension of template files in a templates folder.
const EXTENSION: &str = ".md.hbs";
/// Most templates read from a folder; a shared pack is untrusted.
const MAX_TEMPLATES: usize = 200;

/// A template registry: the built-ins, overridden by files from a folder.
///
/// With custom templates, every template is compiled and checked when the
/// registry loads. Without them only built-in templates exist, which are
/// known to compile and to be safe, so each is compiled the first time an
/// output renders it (or a template it includes): compiling all of them
/// was the largest cost of a one-output build before layout.
pub struct Templates {
    registry: std::sync::RwLock<Handlebars<'static>>,
    /// Where each template came from, for error messages.
    origins: Vec<(String, PathBuf, String)>,
}

impl Templates {
    /// Registers the built-in templates, then the custom ones (every
    /// `*.md.hbs` in a folder, or those written inline in a pack). Every
    /// template is also a partial, so `{{> question}}` finds it.
    pub fn load(custom: Option<&TemplateSource>, confine: &Confine) -> Result<Templates> {
        let mut sources: Vec<(String, PathBuf, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let path = PathBuf::from(format!("templates/{name}{EXTENSION} (built-in)"));
                (name.to_string(), path, text.to_string())
            })
            .collect();
        let mut custom_sources = Vec::new();
        match custom {
            Some(TemplateSource::Folder(folder)) => {
                confine.check(folder, "templates folder", None)?;
                for (name, path) in list_folder(folder)? {
                    confine.check(&path, "template", None)?;
                    let text = crate::source::read_source(&path, "template", None)?;
                    custom_sources.push((name, path, text.text.to_string()));
                }
            }
            Some(TemplateSource::Inline(inline)) => {
                if inline.len() > MAX_TEMPLATES {
                    return Err(Diagnostic::error(format!(
                        "the config holds {} inline templates, more than the limit of {MAX_TEMPLATES}",
                        inline.len()
                    ))
                    .into());
                }
                for (name, text) in inline {
                    let path = PathBuf::from(format!("[templates] {name} (inline)"));
                    custom_sources.push((name.clone(), path, text.clone()));
                }
            }
            None => {}
        }
        let lazy = custom_sources.is_empty();
        for entry in custom_sources {
            match sources.iter_mut().find(|(n, _, _)| *n == entry.0) {
                Some(slot) => *slot = entry,
                None => sources.push(entry),
            }
        }
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.set_prevent_indent(true);
        registry.register_escape_fn(escape_markdown);
        registry.register_helper("each", Box::new(budget::CountedEach));
        if !lazy {
            let mut errors: Vec<Diagnostic> = sources
                .iter()
                .filter_map(|source| register(&mut registry, source).err())
                .flat_map(|failure| failure.diagnostics)
                .collect();
            if errors.is_empty() {
                errors.extend(unsafe_templates(&sources, &registry));
            }
            if !errors.is_empty() {
                return Err(errors.into());
            }
        }
        Ok(Templates {
            registry: std::sync::RwLock::new(registry),
            origins: sources,
        })
    }

    /// Compiles `name` and every template it includes, where not yet done.
    fn ensure(&self, name: &str) -> Result<()> {
        use std::sync::PoisonError;
        if self
            .registry
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .has_template(name)
        {
            return Ok(());
        }
        let mut registry = self
            .registry
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        let mut pending = vec![name.to_string()];
        while let Some(next) = pending.pop() {
            if registry.has_template(&next) {
                continue;
            }
            let Some(source) = self.origins.iter().find(|(n, _, _)| *n == next) else {
                continue;
            };
            register(&mut registry, source)?;
            if let Some(template) = registry.get_template(&next) {
                pending.extend(budget::partials(template));
            }
        }
        Ok(())
    }

    /// The custom templates' names and sources, for packing: everything
    /// that is not a built-in template, or differs from it.
    pub fn custom(&self) -> Vec<(String, String)> {
        self.origins
            .iter()
            .filter(|(name, _, text)| {
                !BUILTIN_TEMPLATES
                    .iter()
                    .any(|(n, t)| n == name && t == text)
            })
            .map(|(name, _, text)| (name.clone(), text.clone()))
            .collect()
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.origins.iter().any(|(n, _, _)| n == name)
    }

    /// Renders one output's Markdown.
    pub fn render(
        &self,
        config: &Config,
        output: &Output,
        selection: &Selection,
        questions: &[Question],
    ) -> Result<String> {
        self.render_blanking(config, output, selection, questions, Blank::default())
    }

    /// Renders one output's Markdown as if the questions' fields that
    /// `blank` names were empty: what the output may print when those are
    /// hidden (see the leak guard).
    pub fn render_blanking(
        &self,
        config: &Config,
        output: &Output,
        selection: &Selection,
        questions: &[Question],
        blank: Blank,
    ) -> Result<String> {
        if !self.has(&output.template) {
            let mut names: Vec<&str> = self.origins.iter().map(|(n, _, _)| n.as_str()).collect();
            names.sort_unstable();
            let mut d = Diagnostic::error(format!("no template named `{}`", output.template))
                .at(output.name_span.clone());
            if let Some(best) = crate::diag::nearest(&output.template, names.iter().copied()) {
                d = d.hint(format!("did you mean `{best}`?"));
            }
            return Err(d
                .hint(format!("available templates: {}", names.join(", ")))
                .into());
        }
        self.ensure(&output.template)?;
        let data = context(config, output, selection, (questions, blank));
        budget::start();
        let mut out = budget::Capped::default();
        let rendered = self
            .registry
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .render_to_write(&output.template, &data, &mut out);
        if let Some(limit) = budget::exceeded() {
            return Err(over_budget(limit, output).into());
        }
        rendered.map_err(|e| {
            let name = e
                .template_name
                .clone()
                .unwrap_or_else(|| output.template.clone());
            let (path, text) = self
                .origins
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|(_, p, t)| (p.clone(), t.as_str()))
                .unwrap_or_else(|| (PathBuf::from(&name), ""));
            let span = span_in(
                &path,
                text,
                e.line_no.unwrap_or(0),
                e.column_no.unwrap_or(0),
            );
            let (reason, hint) = match e.reason() {
                handlebars::RenderErrorReason::MissingVariable(Some(field)) => {
                    (format!("it uses `{field}`, which does not exist"), FIELDS)
                }
                handlebars::RenderErrorReason::HelperNotFound(helper) => (
                    format!("it calls `{helper}`, which is not a helper"),
                    HELPERS,
                ),
                other => (other.to_string(), FIELDS),
            };
            Diagnostic::error(format!("template `{name}` failed: {reason}"))
                .at(span)
                .hint(hint)
        })?;
        // Templates write whole strings, and JSON values are UTF-8.
        String::from_utf8(out.0)
            .map_err(|_| Diagnostic::error("a template wrote text that is not UTF-8").into())
    }
}

/// The hint for a template that asks for something a question lacks.
const FIELDS: &str = "fields available to a question: number, id, question, question_plain, why, answer, section, tags, difficulty, listen_for";

/// The hint for a template that calls a helper there is not: those
/// handlebars has built in (no others are registered).
const HELPERS: &str = "helpers there are: if, unless, each, with, lookup, raw, log, eq, ne, gt, gte, lt, lte, and, or, not, len";

/// The error for a render that passed one of its limits: nothing of it is
/// kept or written.
fn over_budget(limit: budget::Exceeded, output: &Output) -> Diagnostic {
    let (what, hint) = match limit {
        budget::Exceeded::Output => (
            format!(
                "renders more than {} MiB of Markdown",
                budget::MAX_MARKDOWN_BYTES >> 20
            ),
            "a template that loops over the questions inside another loop over them repeats the whole guide for every question; loop over each collection once",
        ),
        budget::Exceeded::Iterations => (
            format!(
                "runs more than {} loop steps",
                budget::MAX_ITERATIONS
            ),
            "nested `{{#each}}` loops multiply: loop over `sections` and their `questions` once, not inside each other",
        ),
    };
    Diagnostic::error(format!(
        "output `{}`: template `{}` {what}, the limit for one output",
        output.name, output.template
    ))
    .at(output.name_span.clone())
    .hint(hint)
}

/// Compiles one template into the registry (templates and partials are
/// one table there: a template registered once is also `{{> name}}`).
fn register(
    registry: &mut Handlebars<'static>,
    (name, path, text): &(String, PathBuf, String),
) -> Result<()> {
    registry.register_template_string(name, text).map_err(|e| {
        let (line, col) = e.pos().unwrap_or((0, 0));
        Diagnostic::error(format!(
            "template `{name}` does not compile: {}",
            e.reason()
        ))
        .at(span_in(path, text, line, col))
        .hint("check that every `{{#if}}`/`{{#each}}` is closed and braces balance")
        .into()
    })
}

/// Templates that could recurse or nest without bound, as errors that
/// name them; checked once, when the registry loads.
fn unsafe_templates(
    sources: &[(String, PathBuf, String)],
    registry: &Handlebars<'static>,
) -> Vec<Diagnostic> {
    let compiled: Vec<(&str, &handlebars::Template)> = sources
        .iter()
        .filter_map(|(n, _, _)| Some((n.as_str(), registry.get_template(n)?)))
        .collect();
    let at = |name: &str| {
        sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, p, _)| Span::file(p))
    };
    budget::check(&compiled)
        .into_iter()
        .map(|u| {
            let (name, d) = match u {
                budget::Unsafe::Recursion(chain) => (
                    chain[0].clone(),
                    Diagnostic::error(format!(
                        "template `{}` includes itself: {}",
                        chain[0],
                        chain.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" → ")
                    ))
                    .hint("partials may not include themselves, directly or through others; print the repeated part with `{{#each}}` instead"),
                ),
                budget::Unsafe::DynamicPartial(name) => (
                    name.clone(),
                    Diagnostic::error(format!(
                        "template `{name}` includes a partial whose name is computed"
                    ))
                    .hint("name partials directly, as in `{{> question}}`, so the build can check them"),
                ),
                budget::Unsafe::PartialBlock(name) => (
                    name.clone(),
                    Diagnostic::error(format!(
                        "template `{name}` uses a partial block (`{{{{#> …}}}}…{{{{/…}}}}`), which a pack may not"
                    ))
                    .hint("include the partial with `{{> name}}` and pass what it needs as parameters"),
                ),
                budget::Unsafe::TooDeep(name, depth) => (
                    name.clone(),
                    Diagnostic::error(format!(
                        "template `{name}` nests blocks {depth} deep, counting its partials; the limit is {}",
                        budget::MAX_NESTING
                    ))
                    .hint("flatten the template: close blocks before opening new ones"),
                ),
                budget::Unsafe::TooManyLoops(name, loops) => (
                    name.clone(),
                    Diagnostic::error(format!(
                        "template `{name}` nests {loops} `{{{{#each}}}}` loops, counting its partials; the limit is {}",
                        budget::MAX_LOOP_NESTING
                    ))
                    .hint("loop over `sections`, their `questions` and a question's lists, one inside the other, and no deeper"),
                ),
                budget::Unsafe::TooManyInclusions(name, _) => (
                    name.clone(),
                    Diagnostic::error(format!(
                        "template `{name}` includes partials more than {} times in one pass, counting the partials' own inclusions",
                        budget::MAX_INCLUSIONS
                    ))
                    .hint("partials that each include the next several times multiply; include each partial once and loop with `{{#each}}` for repeats"),
                ),
            };
            match at(&name) {
                Some(span) => d.at(span),
                None => d,
            }
        })
        .collect()
}

fn list_folder(folder: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Diagnostic::error(format!(
            "cannot read templates folder `{}`: {e}",
            folder.display()
        ))
        .hint(
            "`templates` in the config names a folder of `*.md.hbs` files, relative to the config",
        )
    })?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(name) = file.strip_suffix(EXTENSION) {
            if path.is_file() && !name.is_empty() {
                found.push((name.to_string(), path));
            }
        }
    }
    if found.len() > MAX_TEMPLATES {
        return Err(Diagnostic::error(format!(
            "templates folder `{}` holds {} templates, more than the limit of {MAX_TEMPLATES}",
            folder.display(),
            found.len()
        ))
        .into());
    }
    // Directory order differs between file systems; sorting keeps builds reproducible.
    found.sort();
    Ok(found)
}

fn span_in(path: &Path, text: &str, line: usize, col: usize) -> Span {
    match line.checked_sub(1).and_then(|l| text.lines().nth(l)) {
        Some(line_text) => Span::in_line(path, line, col.max(1), 1, line_text),
        None => Span {
            line,
            col: col.max(1),
            width: 1,
            ..Span::file(path)
        },
    }
}

/// Question fields a rendering takes as empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Blank {
    /// The example answer.
    pub answer: bool,
    /// What to listen for.
    pub listen_for: bool,
}

/// The data a template sees. Every key is always present (null when unset),
/// because strict mode rejects a lookup of a missing key even inside `#if`.
fn context(
    config: &Config,
    output: &Output,
    selection: &Selection,
    (questions, blank): (&[Question], Blank),
) -> Value {
    use rayon::prelude::*;
    // Each question's fields are copied on its own core: at 5,000
    // questions they are 10 MB of text.
    let numbered: Vec<(usize, usize)> = selection
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().copied())
        .enumerate()
        .map(|(n, i)| (n + 1, i))
        .collect();
    let number = numbered.len();
    let mut values = numbered
        .into_par_iter()
        .map(|(number, i)| question_value(number, &questions[i], blank))
        .collect::<Vec<Value>>()
        .into_iter();
    let sections: Vec<Value> = selection
        .sections
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let qs: Vec<Value> = values.by_ref().take(s.questions.len()).collect();
            let mut section = json!({
                "number": si + 1,
                "title": s.title,
                "intro": s.intro.as_deref().map(block_field),
            });
            // Moved in, not through `json!`, which would copy every value.
            section["questions"] = Value::Array(qs);
            section
        })
        .collect();
    let mut data = json!({
        "title": config.title,
        "subtitle": config.subtitle,
        "author": config.author,
        "date": config.date,
        "output": output.name,
        "variant": output.variant.as_ref().map(|v| v.label.clone()),
        "show": {
            "question": output.show.question,
            "why": output.show.why,
            "answer": output.show.answer,
            "listen_for": output.show.listen_for,
            "notes": output.show.notes,
            "score": output.show.score,
        },
        "note_lines": output.note_lines,
        "question_count": number,
        "max_score": number * 5,
    });
    data["sections"] = Value::Array(sections);
    data
}

/// The fields of question `q`, numbered `number` in the output, with
/// those that `blank` names empty.
fn question_value(number: usize, q: &Question, blank: Blank) -> Value {
    let answer = if blank.answer { "" } else { &q.answer };
    let listen_for: &[String] = if blank.listen_for { &[] } else { &q.listen_for };
    json!({
        "number": number,
        "id": q.id,
        "question": q.question,
        "question_plain": crate::markdown::inline_plain(&q.question),
        "body": block_field(&q.body),
        "why": block_field(&q.why),
        "answer": block_field(answer),
        "section": q.section,
        "tags": q.tags,
        "difficulty": q.difficulty.as_str(),
        "listen_for": listen_for,
    })
}

/// A Markdown field as templates insert it. A field that opens with a
/// block (a code fence, a list, a table, a quote, a heading) starts on a
/// line of its own, even where a template puts it after a run-in label
/// such as `**Why they ask.** {{{why}}}`; otherwise the fence would never
/// open and its closing fence would swallow the rest of the document.
fn block_field(text: &str) -> String {
    if crate::markdown::opens_with_block(text) {
        format!("\n\n{text}")
    } else {
        text.to_string()
    }
}

/// Escapes plain text so Markdown shows it literally.
///
/// Inline markup characters are backslash-escaped everywhere; list and
/// heading markers only where they would start a block (line start).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let mut rest = body;
        if body.starts_with(['-', '+']) {
            out.push('\\');
        } else if digits > 0 && body[digits..].starts_with(['.', ')']) {
            out.push_str(&body[..digits]);
            out.push('\\');
            rest = &body[digits..];
        }
        for c in rest.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_compile_and_are_safe() {
        let sources: Vec<(String, PathBuf, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), PathBuf::from(n), t.to_string()))
            .collect();
        let mut registry = Handlebars::new();
        for source in &sources {
            assert!(register(&mut registry, source).is_ok(), "{}", source.0);
        }
        assert!(unsafe_templates(&sources, &registry).is_empty());
    }

    #[test]
    fn without_custom_templates_each_is_compiled_when_first_rendered() {
        let templates = Templates::load(None, &Default::default()).unwrap();
        let compiled = |name: &str| templates.registry.read().unwrap().has_template(name);
        assert!(templates.has("handout") && !compiled("handout"));
        templates.ensure("handout").unwrap();
        // The handout includes the question partial; nothing else is compiled.
        assert!(compiled("handout") && compiled("question"));
        assert!(!compiled("cheatsheet") && !compiled("flashcards"));
    }

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            escape_markdown("a*b*_c_ `x` [l](u) <h> #1 !i | ~s~ &amp;"),
            "a\\*b\\*\\_c\\_ \\`x\\` \\[l\\](u) \\<h\\> \\#1 \\!i \\| \\~s\\~ \\&amp;"
        );
        assert_eq!(escape_markdown("C:\\path"), "C:\\\\path");
    }

    #[test]
    fn block_markers_are_escaped_only_at_line_start() {
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("+ item"), "\\+ item");
        assert_eq!(escape_markdown("2024. A year"), "2024\\. A year");
        assert_eq!(escape_markdown("3) three"), "3\\) three");
        assert_eq!(escape_markdown("a - b + c 1. d"), "a - b + c 1. d");
        assert_eq!(escape_markdown("x\n  - y"), "x\n  \\- y");
    }
}
