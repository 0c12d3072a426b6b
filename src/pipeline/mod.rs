//! One output through the stages: template → Markdown → layout → checks →
//! PDF. Every command that builds goes through [`Guide`].

mod figures;
mod guard;
mod pages;
mod settings;
mod words;

pub(crate) use figures::read_logo;
pub(crate) use pages::PdfPages;
pub(crate) use settings::{font_files, settings, FONT_KEYS};

use crate::bank::{self, Question};
use crate::config::{self, Config, Output};
use crate::diag::{self, Diagnostic, Result, Severity};
use crate::frame::{self, Frame};
use crate::{deck, font, layout, lock, markdown, pdf, render, select, structure};
use rayon::prelude::*;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// What an output is laid out with, besides its parsed document (see
/// [`Guide::prepare`]).
struct Prepared {
    markdown: String,
    fonts: font::Fonts,
    settings: layout::Settings,
    info: frame::Info,
    warnings: Vec<Diagnostic>,
}

/// One output, rendered in memory.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The output's name (file stem).
    pub name: String,
    /// What kind of output it is; every style but `anki` is a PDF.
    pub style: config::Style,
    /// The Markdown the PDF is typeset from (empty for an Anki deck).
    pub markdown: String,
    /// The file: the PDF, or the deck's text.
    pub file: Vec<u8>,
    /// Number of pages (notes, for a deck).
    pub pages: usize,
    /// Questions the page flow moved, split or stranded.
    pub notices: Vec<FlowNotice>,
    /// What a fit to `fit_pages` chose: "fit 25 questions on 2 pages at 7.25 pt".
    pub summary: Option<String>,
    /// Time per stage for this output.
    pub timings: Timings,
}

/// Something the page flow did to a question, for `build --report`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowNotice {
    /// What happened.
    pub kind: layout::NoticeKind,
    /// The question's id, or the heading text for a section heading.
    pub id: String,
    /// 1-based page.
    pub page: usize,
    /// Columns per page where it happened, so a report can say "page"
    /// rather than "column" on one-column pages.
    pub columns: usize,
    /// For a stranded section heading: the question after it, whose opening
    /// did not fit below it.
    pub next: Option<String>,
}

/// A guide with its banks loaded: everything needed to render outputs.
pub struct Guide {
    /// The validated config.
    pub config: Config,
    /// Every question of every bank, in bank order.
    pub questions: Vec<Question>,
}

impl Guide {
    /// Loads and validates the config and its banks; every path must stay
    /// inside the config's folder.
    pub fn load(config_path: &Path) -> Result<Guide> {
        Guide::load_with(config_path, false)
    }

    /// [`Guide::load`]; `allow_outside` lets a trusted config name files
    /// outside its folder.
    pub fn load_with(config_path: &Path, allow_outside: bool) -> Result<Guide> {
        let config = config::load(config_path, allow_outside)?;
        let questions = bank::load(&config.banks, &config.source, &config.confine)?;
        if questions.is_empty() {
            let mut d = Diagnostic::error("the banks hold no questions");
            if let Some((path, span)) = config.banks.first() {
                d = d.at(span.clone()).hint(format!(
                    "add `[[question]]` tables to `{}`, or run `studyguide import` to make a bank",
                    path.display()
                ));
            }
            return Err(d.into());
        }
        Ok(Guide { config, questions })
    }

    /// Renders the outputs (all, or only `only`) in memory. Nothing is
    /// written, so a failure in any output leaves every file untouched.
    /// Every output is held at once; see [`Guide::render_each`].
    pub fn render(&self, only: Option<&str>) -> Result<(Vec<Rendered>, Vec<Diagnostic>)> {
        let options = Options {
            only: only.map(str::to_string),
            ..Options::default()
        };
        self.render_with(&options)
    }

    /// The selection: made fresh from the sections, or with `locked`, read
    /// from the config's lock file.
    pub(crate) fn selection(&self, locked: bool) -> Result<select::Selection> {
        let fresh = select::select(&self.config.sections, &self.questions)?;
        if locked {
            let path = lock::path_for(&self.config.path);
            self.config.confine.check(&path, "lock file", None)?;
            lock::apply(&path, &fresh, &self.questions)
        } else {
            Ok(fresh)
        }
    }

    /// Like [`Guide::render`], with every option: `strict` makes a question
    /// heading that ends a column apart from its text an error, and
    /// `locked` takes the selection from the lock file. Outputs render in
    /// parallel; results keep the config's order. Every output is held in
    /// memory: [`Guide::render_each`] hands each on as it is done.
    pub fn render_with(&self, options: &Options) -> Result<(Vec<Rendered>, Vec<Diagnostic>)> {
        self.render_each(options, None, Ok)
    }

    /// Renders the outputs in parallel and passes each to `sink` on the
    /// thread that rendered it, as soon as it is done, so that only the
    /// outputs in flight are in memory. Returns what `sink` returned, in
    /// the config's order, and the warnings; any error in any output (or
    /// from `sink`) fails the whole, with every error found. Once `sink`
    /// fails, outputs not yet started are skipped: a full disk need not be
    /// filled again by each of 400 outputs. A `warmer` is given the words
    /// of the selected questions to shape ahead.
    pub fn render_each<T, F>(
        &self,
        options: &Options,
        warmer: Option<&layout::Warmer>,
        sink: F,
    ) -> Result<(Vec<T>, Vec<Diagnostic>)>
    where
        T: Send,
        F: Fn(Rendered) -> Result<T> + Sync,
    {
        let config = &self.config;
        let outputs = self.outputs(options.only.as_deref())?;
        let t = std::time::Instant::now();
        let selection = self.selection(options.locked)?;
        let select_time = t.elapsed();
        let templates = render::Templates::load(config.templates.as_ref(), &config.confine)?;
        let stamp = build_stamp();
        let done = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        if let Some(warmer) = warmer {
            if outputs.iter().any(|o| o.style.is_pdf()) {
                warmer.give(warm_texts(&outputs, &selection, &self.questions));
            }
        }
        let results: Vec<Option<Result<_>>> = outputs
            .par_iter()
            .enumerate()
            .map(|(i, output)| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                let selection =
                    select::for_variant(&selection, &config.sections, output.variant.as_ref());
                let shared = (&templates, &stamp, warmer);
                let result = self
                    .render_one(output, &selection, shared, options.strict)
                    .and_then(|(mut rendered, warnings)| {
                        if i == 0 {
                            rendered.timings.select = select_time;
                        }
                        let kept = sink(rendered);
                        stop.fetch_or(kept.is_err(), Ordering::Relaxed);
                        kept.map(|t| (t, warnings))
                    });
                if let Some(progress) = &options.progress {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress(&output.name, n, outputs.len());
                }
                Some(result)
            })
            .collect();
        let mut warnings = selection.warnings.clone();
        warnings.extend(source_date_epoch().1);
        gather(
            results.into_iter().flatten(),
            warnings,
            options.deny_warnings,
        )
    }

    /// Template → Markdown → layout → checks → PDF, for one output. Stops
    /// the shaping ahead (`warmer`) as layout starts.
    fn render_one(
        &self,
        output: &Output,
        selection: &select::Selection,
        (templates, stamp, warmer): (&render::Templates, &pdf::Stamp, Option<&layout::Warmer>),
        strict: bool,
    ) -> Result<(Rendered, Vec<Diagnostic>)> {
        if !output.style.is_pdf() {
            return Ok(self.render_deck(output, selection));
        }
        let mut timings = Timings::default();
        let prepared = self.prepare(output, selection, templates, &mut timings);
        // Layout starts: it needs both cores now.
        if let Some(warmer) = warmer {
            warmer.stop();
        }
        let (prepared, doc) = prepared?;
        // The pages go into the PDF as layout settles them.
        let selected: Vec<&Question> = selection
            .question_indices()
            .map(|i| &self.questions[i])
            .collect();
        let guard = guard::Guard {
            guide: self,
            output,
            selection,
            selected: &selected,
            templates,
        };
        let mut sink = pages::PdfPages::new(&prepared.fonts, guard.hides());
        // The guard's first half reads the Markdown while the pages are
        // laid out: the core that layout leaves idle (while it places
        // pages, and at the end of each part) does it.
        let (laid, early) = rayon::join(
            || self.lay_out(output, (doc, &prepared), &mut sink, &mut timings),
            || {
                let t = std::time::Instant::now();
                (guard.early(&prepared.markdown), t.elapsed())
            },
        );
        let (early, took) = early;
        timings.guard += took;
        let laid = laid?;
        let (writer, typeset) = sink.into_parts().map_err(|e| pdf_failure(output, &e))?;
        let Prepared {
            markdown,
            mut warnings,
            ..
        } = prepared;
        warnings.extend(self.missing_glyphs(output, &laid.missing));
        let pages = laid.pages;
        // A fit may have added a column; it says how many it used.
        let columns = laid.fit.map_or(output.columns, |f| f.columns);
        let notices = self.notices(&laid.notices, columns);
        // The guard reads the text and the PDF is finished from the pages:
        // neither needs the other, so they run side by side. A leak is
        // still reported before anything else, and nothing is written
        // unless both succeed.
        let (guarded, pdf) = rayon::join(
            || {
                let t = std::time::Instant::now();
                let guarded = guard.finish(early, &typeset);
                drop(typeset);
                (guarded, t.elapsed())
            },
            || {
                let t = std::time::Instant::now();
                let pdf = writer.finish(&laid.outline, &laid.info, &laid.structure, stamp);
                (pdf, t.elapsed())
            },
        );
        timings.guard += guarded.1;
        timings.pdf += pdf.1;
        guarded.0?;
        if strict {
            let stranded: Vec<Diagnostic> = notices
                .iter()
                .filter(|n| n.kind == layout::NoticeKind::Stranded)
                .map(|n| stranded_error(&output.name, n))
                .collect();
            if !stranded.is_empty() {
                return Err(stranded.into());
            }
        }
        let pdf = pdf.0.map_err(|e| pdf_failure(output, &e))?;
        let count = selection.question_indices().count();
        let summary = laid.fit.map(|f| {
            format!(
                "fit {count} questions on {} {} at {} pt in {} {} ({} layouts tried)",
                f.pages,
                if f.pages == 1 { "page" } else { "pages" },
                f.size,
                f.columns,
                if f.columns == 1 { "column" } else { "columns" },
                f.tries
            )
        });
        let rendered = Rendered {
            name: output.name.clone(),
            style: output.style,
            markdown,
            file: pdf,
            pages,
            notices,
            summary,
            timings,
        };
        Ok((rendered, warnings))
    }

    /// An `anki` output: the deck's text, written from the bank.
    fn render_deck(
        &self,
        output: &Output,
        selection: &select::Selection,
    ) -> (Rendered, Vec<Diagnostic>) {
        let t = std::time::Instant::now();
        let deck = deck::write(&self.config, output, selection, &self.questions);
        let timings = Timings {
            render: t.elapsed(),
            ..Timings::default()
        };
        let rendered = Rendered {
            name: output.name.clone(),
            style: output.style,
            markdown: String::new(),
            file: deck.text.into_bytes(),
            pages: deck.notes,
            notices: Vec::new(),
            summary: None,
            timings,
        };
        (rendered, deck.warnings)
    }

    /// Lays out the outputs (all, or only `only`) without writing PDFs: the
    /// positioned pages, for tools and tests that check the layout itself.
    /// Outputs that are not PDFs have no pages and are left out.
    pub fn frames(&self, only: Option<&str>) -> Result<Vec<(String, Frame)>> {
        let selection = select::select(&self.config.sections, &self.questions)?;
        let templates =
            render::Templates::load(self.config.templates.as_ref(), &self.config.confine)?;
        self.outputs(only)?
            .into_iter()
            .filter(|output| output.style.is_pdf())
            .map(|output| {
                let mut timings = Timings::default();
                let (prepared, doc) = self.prepare(output, &selection, &templates, &mut timings)?;
                let mut pages = layout::Collect::default();
                let laid = self.lay_out(output, (doc, &prepared), &mut pages, &mut timings)?;
                Ok((output.name.clone(), laid.collected(pages.pages).frame))
            })
            .collect()
    }

    pub(crate) fn outputs(&self, only: Option<&str>) -> Result<Vec<&Output>> {
        let config = &self.config;
        let Some(name) = only else {
            return Ok(config.outputs.iter().collect());
        };
        // A batch's own name stands for all of its members.
        let found: Vec<&Output> = config
            .outputs
            .iter()
            .filter(|o| o.name == name || o.variant.as_ref().is_some_and(|v| v.batch == name))
            .collect();
        if found.is_empty() {
            let names: Vec<&str> = config.outputs.iter().map(|o| o.name.as_str()).collect();
            let mut d = Diagnostic::error(format!(
                "no output named `{name}` in {}",
                config.path.display()
            ));
            if let Some(best) = diag::nearest(name, names.iter().copied()) {
                d = d.hint(format!("did you mean `{best}`?"));
            }
            return Err(d.hint(format!("outputs: {}", names.join(", "))).into());
        }
        Ok(found)
    }

    /// Template → Markdown → parsed document, with the fonts and settings
    /// to lay it out in. The document comes apart: layout takes it, and
    /// frees it as it goes.
    fn prepare(
        &self,
        output: &Output,
        selection: &select::Selection,
        templates: &render::Templates,
        timings: &mut Timings,
    ) -> Result<(Prepared, markdown::Document)> {
        let t = std::time::Instant::now();
        let markdown = templates.render(&self.config, output, selection, &self.questions)?;
        check_words(output, &markdown)?;
        timings.render += t.elapsed();
        let t = std::time::Instant::now();
        let mut doc = markdown::parse(&markdown);
        self.check_structure(output, &doc, &markdown, selection)?;
        let warnings = self.figures(output, selection, &mut doc, &markdown)?;
        timings.parse += t.elapsed();
        let t = std::time::Instant::now();
        for path in font_files(&output.fonts).into_iter().flatten() {
            self.config
                .confine
                .check(path, "font", Some(&output.name_span))?;
        }
        let fonts = font::Fonts::load(font_files(&output.fonts))?;
        check_embeddable(output, &fonts)?;
        let logo = figures::read_logo(&output.brand, &self.config.assets, &self.config.confine)?;
        let info = self.info(output, selection);
        timings.layout += t.elapsed();
        let prepared = Prepared {
            markdown,
            fonts,
            settings: settings(output, logo),
            info,
            warnings,
        };
        Ok((prepared, doc))
    }

    /// Lays out a prepared output's document, its pages into `sink`.
    /// Layout frees the document part by part as it is set.
    fn lay_out(
        &self,
        output: &Output,
        (doc, prepared): (markdown::Document, &Prepared),
        sink: &mut dyn layout::PageSink,
        timings: &mut Timings,
    ) -> Result<layout::Streamed> {
        let t = std::time::Instant::now();
        let laid = layout::layout_into(
            Cow::Owned(doc),
            &prepared.settings,
            &prepared.fonts,
            prepared.info.clone(),
            sink,
        )
        .map_err(|f| {
            let mut d = Diagnostic::error(format!(
                "output `{}` needs {} pages even at the smallest size ({} pt), but fit_pages = {}",
                output.name,
                f.pages,
                f.size,
                output.fit_pages.unwrap_or(0)
            ))
            .at(output.name_span.clone())
            .hint(format!(
                "raise `fit_pages` to {}, or lower `min_font_size`",
                f.pages
            ));
            if output.show.why {
                d = d.hint("drop `why` from `show` to keep only questions and answers");
            }
            if output.show.answer {
                d = d.hint("or select fewer questions (a section `limit`, or `difficulty`)");
            }
            d
        })?;
        timings.layout += t.elapsed();
        Ok(laid)
    }

    /// Fails unless the rendered document holds every selected question
    /// once, in order: every later stage finds questions by their id.
    fn check_structure(
        &self,
        output: &Output,
        doc: &markdown::Document,
        markdown: &str,
        selection: &select::Selection,
    ) -> Result<()> {
        let expected: Vec<&str> = selection
            .question_indices()
            .map(|i| self.questions[i].id.as_str())
            .collect();
        let problems = structure::check(doc, markdown, &expected);
        if problems.is_empty() {
            return Ok(());
        }
        Err(
            structure::diagnostics(&problems, &output.name, &output.template)
                .into_iter()
                .map(|d| d.at(output.name_span.clone()))
                .collect::<Vec<_>>()
                .into(),
        )
    }

    /// One warning per character no font could draw, naming the question.
    fn missing_glyphs(
        &self,
        output: &Output,
        missing: &[(char, Option<String>)],
    ) -> Vec<Diagnostic> {
        // One warning per character, naming every question that holds it.
        let mut chars: Vec<(char, Vec<&str>, bool)> = Vec::new();
        for (c, id) in missing {
            let slot = match chars.iter().position(|(m, ..)| m == c) {
                Some(i) => &mut chars[i],
                None => {
                    chars.push((*c, Vec::new(), false));
                    chars.last_mut().expect("just pushed")
                }
            };
            match id {
                Some(id) if !slot.1.contains(&id.as_str()) => slot.1.push(id),
                Some(_) => {}
                None => slot.2 = true,
            }
        }
        chars
            .into_iter()
            .map(|(c, ids, outside)| {
                let mut places: Vec<String> = ids.iter().take(10).map(|id| format!("`{id}`")).collect();
                if ids.len() > 10 {
                    places.push(format!("{} more", ids.len() - 10));
                }
                let place = match (places.is_empty(), outside) {
                    (true, _) => "outside the questions".to_string(),
                    (false, false) => format!("in {}", places.join(", ")),
                    (false, true) => format!("in {} and outside the questions", places.join(", ")),
                };
                let mut d = Diagnostic::warning(format!(
                    "output `{}`: no font has a glyph for `U+{:04X} {:?}` {place}; it prints as a placeholder (U+FFFD)",
                    output.name, c as u32, c
                ))
                .hint("replace the character, or name a font that has it under `fonts` in the [[output]]");
                let first = ids
                    .first()
                    .and_then(|id| self.questions.iter().find(|q| q.id == *id));
                if let Some(q) = first {
                    d = d.at(q.span.clone());
                }
                d
            })
            .collect()
    }

    /// Names the questions in layout notices by id.
    fn notices(&self, notices: &[layout::Notice], columns: usize) -> Vec<FlowNotice> {
        notices
            .iter()
            .map(|n| FlowNotice {
                kind: n.kind,
                id: n.question.clone().unwrap_or_else(|| n.title.clone()),
                page: n.page,
                columns,
                next: n.next.clone(),
            })
            .collect()
    }

    fn info(&self, output: &Output, selection: &select::Selection) -> frame::Info {
        let mut keywords: Vec<String> = Vec::new();
        for i in selection.question_indices() {
            for t in &self.questions[i].tags {
                if !keywords.contains(t) {
                    keywords.push(t.clone());
                }
            }
        }
        frame::Info {
            title: self.config.title.clone(),
            author: self.config.author.clone().unwrap_or_default(),
            subject: self.config.subtitle.clone().unwrap_or_default(),
            keywords,
            organization: output.brand.organization.clone().unwrap_or_default(),
        }
    }
}

/// The `--strict` error for a heading that ends a page apart from its text,
/// naming the question whose opening did not fit.
fn stranded_error(output: &str, n: &FlowNotice) -> Diagnostic {
    let place = if n.columns > 1 { "column" } else { "page" };
    match &n.next {
        Some(next) => Diagnostic::error(format!(
            "output `{output}`: the section heading `{}` ends page {} apart from its first question `{next}`",
            n.id, n.page
        ))
        .hint(format!(
            "the opening of `{next}` (its heading, guidance and first lines) is taller than what is left of the {place}; shorten it, use a smaller font_size, or build without --strict"
        )),
        None => Diagnostic::error(format!(
            "output `{output}`: the heading of `{}` ends page {} apart from its text",
            n.id, n.page
        ))
        .hint(format!(
            "the opening of `{}` (its heading, guidance and first lines) is taller than a {place}; shorten it, use a smaller font_size, or build without --strict",
            n.id
        )),
    }
}

/// The outputs' results in order, with their warnings, or every error of
/// every output; with `deny_warnings`, warnings are errors too.
fn gather<T>(
    results: impl Iterator<Item = Result<(T, Vec<Diagnostic>)>>,
    mut warnings: Vec<Diagnostic>,
    deny_warnings: bool,
) -> Result<(Vec<T>, Vec<Diagnostic>)> {
    let mut kept = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((t, w)) => {
                kept.push(t);
                warnings.extend(w);
            }
            Err(f) => errors.extend(f.diagnostics),
        }
    }
    if deny_warnings {
        errors.extend(warnings.drain(..).map(|mut w| {
            w.severity = Severity::Error;
            w.hints
                .push("this is a warning, made an error by --deny-warnings".into());
            w
        }));
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok((kept, warnings))
}

/// The longest unbroken run of text a build accepts, in bytes: about twenty
/// pages of one "word". Longer runs (a pasted binary, a base64 blob) are no
/// text anyone prints, and each one costs memory in proportion to its length.
const MAX_WORD_BYTES: usize = 100_000;

/// Fails if the Markdown holds a run of text without a space longer than
/// [`MAX_WORD_BYTES`], saying where.
fn check_words(output: &Output, markdown: &str) -> Result<()> {
    let Some(start) = words::first_long_word(markdown, MAX_WORD_BYTES) else {
        return Ok(());
    };
    let line = markdown[..start].matches('\n').count() + 1;
    let head: String = markdown[start..].chars().take(40).collect();
    Err(Diagnostic::error(format!(
        "output `{}`: line {line} of its Markdown holds a word of more than {MAX_WORD_BYTES} bytes without a space, starting `{head}`",
        output.name
    ))
    .at(output.name_span.clone())
    .hint("break the text with spaces or line breaks, or shorten it; no printed page holds one word that long")
    .into())
}

/// Fails, naming the file and its key, if a configured font cannot be
/// embedded, before any work is done with it.
fn check_embeddable(output: &Output, fonts: &font::Fonts) -> Result<()> {
    let files = font_files(&output.fonts);
    for ((key, face), path) in FONT_KEYS.iter().zip(frame::FaceId::ALL).zip(files) {
        let Some(path) = path else { continue };
        if !pdf::embeddable(fonts.face(face).bytes()) {
            return Err(unembeddable(output, key, path).into());
        }
    }
    Ok(())
}

/// A configured font that cannot be embedded, naming the file and its key.
fn unembeddable(output: &Output, key: &str, path: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "font `{}` (`{key}` under [output.fonts] of output `{}`) cannot be embedded: the file is damaged or incomplete",
        path.display(),
        output.name
    ))
    .at(output.name_span.clone())
    .hint("use a complete .ttf or .otf file, or remove the key to use the built-in font")
}

/// Why the PDF of `output` could not be written: a configured font that
/// fails only once its glyphs are cut out of it (the check before layout
/// reads little of the file) is the config's error; anything else is ours.
fn pdf_failure(output: &Output, e: &pdf::PdfError) -> Diagnostic {
    let files = font_files(&output.fonts);
    let configured = e.face().and_then(|face| {
        let i = face.index();
        Some((*FONT_KEYS.get(i)?, (*files.get(i)?)?))
    });
    match configured {
        Some((key, path)) => unembeddable(output, key, path),
        None => Diagnostic::environment(format!("output `{}`: {e}", output.name)),
    }
}

/// What a build stamps into every PDF: the `SOURCE_DATE_EPOCH` date and
/// this version as producer.
pub(crate) fn build_stamp() -> pdf::Stamp {
    pdf::Stamp {
        epoch: source_date_epoch().0,
        producer: format!("studyguide {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The latest date a PDF can state: 9999-12-31T23:59:59Z.
const MAX_EPOCH: i64 = 253_402_300_799;

/// `SOURCE_DATE_EPOCH` if set and valid, else 0 (1970-01-01): dates never
/// come from the clock. A value that is set but unusable is a warning.
fn source_date_epoch() -> (i64, Option<Diagnostic>) {
    let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") else {
        return (0, None);
    };
    match raw.trim().parse::<i64>() {
        Ok(epoch) if (0..=MAX_EPOCH).contains(&epoch) => (epoch, None),
        _ => (
            0,
            Some(
                Diagnostic::warning(format!(
                    "SOURCE_DATE_EPOCH is `{}`, not a number of seconds between 0 and {MAX_EPOCH}; the PDFs are dated 1970-01-01",
                    raw.chars().take(40).collect::<String>()
                ))
                .hint("set it to a Unix time, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or unset it"),
            ),
        ),
    }
}

/// Called each time an output is done (from any thread), with its name,
/// how many are done and how many there are.
pub type Progress = std::sync::Arc<dyn Fn(&str, usize, usize) + Send + Sync>;

/// Time spent in each stage of a build, summed over outputs (which render
/// in parallel, so the sum can exceed the wall time).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and validating the config and banks.
    pub load: std::time::Duration,
    /// Selecting questions.
    pub select: std::time::Duration,
    /// Rendering templates to Markdown.
    pub render: std::time::Duration,
    /// Parsing Markdown.
    pub parse: std::time::Duration,
    /// Shaping, breaking and paginating.
    pub layout: std::time::Duration,
    /// Checking that no hidden answer or listen-for item is printed.
    pub guard: std::time::Duration,
    /// Writing PDF bytes (fonts, subsetting, compression).
    pub pdf: std::time::Duration,
    /// Writing files.
    pub write: std::time::Duration,
}

impl Timings {
    pub(crate) fn add(&mut self, other: &Timings) {
        self.load += other.load;
        self.select += other.select;
        self.render += other.render;
        self.parse += other.parse;
        self.layout += other.layout;
        self.guard += other.guard;
        self.pdf += other.pdf;
        self.write += other.write;
    }

    /// `(stage, time)` pairs in pipeline order.
    pub fn stages(&self) -> [(&'static str, std::time::Duration); 8] {
        [
            ("load", self.load),
            ("select", self.select),
            ("render", self.render),
            ("parse", self.parse),
            ("layout", self.layout),
            ("guard", self.guard),
            ("pdf", self.pdf),
            ("write", self.write),
        ]
    }
}

/// How a command runs; `Options::default()` is a plain build of everything.
#[derive(Clone, Default)]
pub struct Options {
    /// Told about each finished output, for a progress bar.
    pub progress: Option<Progress>,
    /// Build only the output with this name.
    pub only: Option<String>,
    /// A question heading stranded at the end of a column is an error.
    pub strict: bool,
    /// Take the selection from the lock file instead of selecting again.
    pub locked: bool,
    /// Let the config name files outside its folder (trusted configs only).
    pub allow_outside: bool,
    /// Output folder (default: `out/` beside the config).
    pub out_dir: Option<PathBuf>,
    /// Fail on warnings, before anything is written.
    pub deny_warnings: bool,
}

/// What to shape ahead of layout, question by question in the order they
/// are set: each question in the heading face and its other parts in the
/// text face, for the parts some PDF output shows and only in faces some
/// PDF output keeps built in.
fn warm_texts(
    outputs: &[&Output],
    selection: &select::Selection,
    questions: &[Question],
) -> Vec<(frame::FaceId, String)> {
    use frame::FaceId;
    let pdfs: Vec<&&Output> = outputs.iter().filter(|o| o.style.is_pdf()).collect();
    let builtin = |face: FaceId| {
        pdfs.iter()
            .any(|o| font_files(&o.fonts)[face.index()].is_none())
    };
    let (heading, text) = (builtin(FaceId::Bold), builtin(FaceId::Regular));
    let (why, answer, listen_for) = (
        text && pdfs.iter().any(|o| o.show.why),
        text && pdfs.iter().any(|o| o.show.answer),
        text && pdfs.iter().any(|o| o.show.listen_for),
    );
    // Rendering and parsing leave time to shape about a question's words
    // per question rendered, and a long guide's later questions mostly
    // repeat words already shaped: warming past the first few hundred
    // only held memory (5,000 questions: 15 MB more at the peak).
    const MAX_QUESTIONS: usize = 200;
    let mut texts = Vec::new();
    let selected = selection.question_indices().take(MAX_QUESTIONS);
    for q in selected.map(|i| &questions[i]) {
        if heading {
            texts.push((FaceId::Bold, q.question.clone()));
        }
        if text {
            texts.push((FaceId::Regular, q.body.clone()));
        }
        if why {
            texts.push((FaceId::Regular, q.why.clone()));
        }
        if answer {
            texts.push((FaceId::Regular, q.answer.clone()));
        }
        if listen_for {
            texts.extend(q.listen_for.iter().map(|l| (FaceId::Regular, l.clone())));
        }
    }
    texts
}
