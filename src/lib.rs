//! studyguide turns a question bank into print-ready study material.
//!
//! The pipeline, one stage per module:
//! `config` → `bank` → `select` → `render` (Handlebars → Markdown) →
//! `markdown` (our block tree) → `layout` (shape, break, paginate) →
//! `frame` (positioned pages) → `pdf` (bytes).

mod bank;
mod config;
mod diag;
mod frame;
mod import;
mod layout;
mod leak;
mod lock;
mod markdown;
mod pack;
mod pdf;
mod render;
mod select;
mod source;
mod synth;

pub use bank::{Difficulty, Question};
pub use config::{Config, Output};
pub use diag::{Diagnostic, Failure, Result, Severity};
pub use frame::{Color, FaceId, Frame, Glyph, GlyphText, Item, OutlineEntry, Page, Target};
pub use import::{import, Format, Imported, ImportedQuestion};
pub use render::escape_markdown;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One output, rendered in memory.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The output's name (file stem).
    pub name: String,
    /// The Markdown the PDF is typeset from.
    pub markdown: String,
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Number of pages.
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
    /// What happened: `moved` (forced a break), `split` (taller than a
    /// column) or `stranded` (its heading ended a column apart from its text).
    pub kind: &'static str,
    /// The question's id, or the heading text for a section heading.
    pub id: String,
    /// 1-based page.
    pub page: usize,
}

/// A written output file pair.
#[derive(Debug, Clone)]
pub struct Written {
    /// The output's name.
    pub name: String,
    /// Path of the Markdown file.
    pub markdown: PathBuf,
    /// Path of the PDF file.
    pub pdf: PathBuf,
    /// Number of pages.
    pub pages: usize,
    /// PDF size in bytes.
    pub bytes: usize,
    /// Questions the page flow moved, split or stranded.
    pub notices: Vec<FlowNotice>,
    /// What a fit to `fit_pages` chose.
    pub summary: Option<String>,
}

/// The result of a successful check or build.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files written (empty for `check`).
    pub written: Vec<Written>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Time per stage, summed over outputs.
    pub timings: Timings,
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
        let questions = bank::load(&config.banks, &config.source)?;
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
    pub fn render(&self, only: Option<&str>) -> Result<(Vec<Rendered>, Vec<Diagnostic>)> {
        let options = Options {
            only: only.map(str::to_string),
            ..Options::default()
        };
        self.render_with(&options)
    }

    /// The selection: made fresh from the sections, or with `locked`, read
    /// from the config's lock file.
    fn selection(&self, locked: bool) -> Result<select::Selection> {
        let fresh = select::select(&self.config.sections, &self.questions)?;
        if locked {
            lock::apply(&lock::path_for(&self.config.path), &fresh, &self.questions)
        } else {
            Ok(fresh)
        }
    }

    /// Like [`Guide::render`], with every option: `strict` makes a question
    /// heading that ends a column apart from its text an error, and
    /// `locked` takes the selection from the lock file. Outputs render in
    /// parallel; results keep the config's order.
    pub fn render_with(&self, options: &Options) -> Result<(Vec<Rendered>, Vec<Diagnostic>)> {
        let config = &self.config;
        let outputs = self.outputs(options.only.as_deref())?;
        let t = std::time::Instant::now();
        let selection = self.selection(options.locked)?;
        let select_time = t.elapsed();
        let templates = render::Templates::load(config.templates.as_ref())?;
        let stamp = build_stamp();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Result<(Rendered, Vec<Diagnostic>)>> = outputs
            .par_iter()
            .map(|output| {
                let selection =
                    select::for_variant(&selection, &config.sections, output.variant.as_ref());
                let result =
                    self.render_one(output, &selection, &templates, &stamp, options.strict);
                if let Some(progress) = &options.progress {
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(&output.name, n, outputs.len());
                }
                result
            })
            .collect();
        let mut warnings = selection.warnings.clone();
        let mut rendered = Vec::new();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok((mut r, w)) => {
                    if rendered.is_empty() {
                        r.timings.select = select_time;
                    }
                    rendered.push(r);
                    warnings.extend(w);
                }
                Err(f) => errors.extend(f.diagnostics),
            }
        }
        if options.deny_warnings {
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
        Ok((rendered, warnings))
    }

    /// Template → Markdown → layout → checks → PDF, for one output.
    fn render_one(
        &self,
        output: &Output,
        selection: &select::Selection,
        templates: &render::Templates,
        stamp: &pdf::Stamp,
        strict: bool,
    ) -> Result<(Rendered, Vec<Diagnostic>)> {
        let mut timings = Timings::default();
        let (markdown, laid, fonts) = self.typeset(output, selection, templates, &mut timings)?;
        let warnings = self.missing_glyphs(output, &laid.missing, selection);
        let t = std::time::Instant::now();
        self.guard(output, &markdown, &laid.frame, selection)?;
        timings.guard += t.elapsed();
        let pages = laid.frame.pages.len();
        let notices = self.notices(&laid.notices, selection);
        if strict {
            let stranded: Vec<Diagnostic> = notices
                .iter()
                .filter(|n| n.kind == "stranded")
                .map(|n| {
                    Diagnostic::error(format!(
                        "output `{}`: the heading of `{}` ends page {} apart from its text",
                        output.name, n.id, n.page
                    ))
                    .hint("the question is taller than a column; shorten it, use a smaller font_size, or build without --strict")
                })
                .collect();
            if !stranded.is_empty() {
                return Err(stranded.into());
            }
        }
        let t = std::time::Instant::now();
        let pdf = pdf::write(laid.frame, &fonts, stamp)
            .map_err(|e| Diagnostic::environment(format!("output `{}`: {e}", output.name)))?;
        timings.pdf += t.elapsed();
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
            markdown,
            pdf,
            pages,
            notices,
            summary,
            timings,
        };
        Ok((rendered, warnings))
    }

    /// Lays out the outputs (all, or only `only`) without writing PDFs: the
    /// positioned pages, for tools and tests that check the layout itself.
    pub fn frames(&self, only: Option<&str>) -> Result<Vec<(String, Frame)>> {
        let selection = select::select(&self.config.sections, &self.questions)?;
        let templates = render::Templates::load(self.config.templates.as_ref())?;
        self.outputs(only)?
            .into_iter()
            .map(|output| {
                let (_, laid, _) =
                    self.typeset(output, &selection, &templates, &mut Timings::default())?;
                Ok((output.name.clone(), laid.frame))
            })
            .collect()
    }

    fn outputs(&self, only: Option<&str>) -> Result<Vec<&Output>> {
        let config = &self.config;
        let Some(name) = only else {
            return Ok(config.outputs.iter().collect());
        };
        let found: Vec<&Output> = config.outputs.iter().filter(|o| o.name == name).collect();
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

    /// Template → Markdown → layout for one output.
    fn typeset(
        &self,
        output: &Output,
        selection: &select::Selection,
        templates: &render::Templates,
        timings: &mut Timings,
    ) -> Result<(String, layout::Layout, layout::Fonts)> {
        let t = std::time::Instant::now();
        let markdown = templates.render(&self.config, output, selection, &self.questions)?;
        timings.render += t.elapsed();
        let t = std::time::Instant::now();
        let doc = markdown::parse(&markdown);
        timings.parse += t.elapsed();
        let t = std::time::Instant::now();
        let fonts = layout::Fonts::load(&output.fonts)?;
        // The PDF stage's font parsing has no need to wait for layout.
        pdf::prepare_fonts(&fonts);
        let laid = layout::layout(&doc, output, &fonts, self.info(selection)).map_err(|f| {
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
        Ok((markdown, laid, fonts))
    }

    /// Fails if an output that hides answers (or listen-for items) contains
    /// any, in its Markdown or in the typeset text: a custom template must
    /// not be able to leak them into a candidate's copy.
    fn guard(
        &self,
        output: &Output,
        markdown: &str,
        frame: &Frame,
        selection: &select::Selection,
    ) -> Result<()> {
        let (answers, listen_for) = (!output.show.answer, !output.show.listen_for);
        if !answers && !listen_for {
            return Ok(());
        }
        // Page by page on all cores, joined in order so that a sentence
        // running over a page break is still found.
        let typeset: String = frame
            .pages
            .par_iter()
            .map(|page| {
                let mut text = String::new();
                for item in &page.items {
                    if let Item::Text { glyphs, .. } = item {
                        text.extend(glyphs.iter().map(|g| &*g.text));
                    }
                }
                text
            })
            .collect();
        let selected: Vec<&Question> = selection
            .question_indices()
            .map(|i| &self.questions[i])
            .collect();
        let mut shown: Vec<&str> = Vec::new();
        for q in &selected {
            shown.push(&q.question);
            if output.show.why {
                shown.push(&q.why);
            }
            if output.show.answer {
                shown.push(&q.answer);
            }
            if output.show.listen_for {
                shown.extend(q.listen_for.iter().map(String::as_str));
            }
        }
        let leaks = leak::find(
            &[markdown, &typeset],
            &shown,
            &selected,
            answers,
            listen_for,
        );
        if leaks.is_empty() {
            return Ok(());
        }
        Err(leaks
            .into_iter()
            .map(|l| {
                let shown: String = l.text.chars().take(70).collect();
                Diagnostic::error(format!(
                    "output `{}` does not show {} but contains that of `{}`: \"{shown}\"",
                    output.name,
                    if l.part == "answer" {
                        "answers"
                    } else {
                        "listen-for items"
                    },
                    l.id
                ))
                .at(output.name_span.clone())
                .hint(format!(
                    "check the template `{}`: it must not print `{}` for this output",
                    output.template, l.part
                ))
            })
            .collect::<Vec<_>>()
            .into())
    }

    /// One warning per character no font could draw, naming the question.
    fn missing_glyphs(
        &self,
        output: &Output,
        missing: &[(char, Option<usize>)],
        selection: &select::Selection,
    ) -> Vec<Diagnostic> {
        let ids: Vec<usize> = selection.question_indices().collect();
        missing
            .iter()
            .map(|(c, k)| {
                let question = k.and_then(|k| ids.get(k)).map(|&i| &self.questions[i]);
                let place = question.map_or_else(
                    || "outside the questions".to_string(),
                    |q| format!("in question `{}`", q.id),
                );
                let mut d = Diagnostic::warning(format!(
                    "output `{}`: no font has a glyph for U+{:04X} {:?} {place}; it prints as a placeholder (U+FFFD)",
                    output.name, *c as u32, c
                ))
                .hint("replace the character, or name a font that has it under `fonts` in the [[output]]");
                if let Some(q) = question {
                    d = d.at(q.span.clone());
                }
                d
            })
            .collect()
    }

    /// Names the questions in layout notices by id.
    fn notices(
        &self,
        notices: &[layout::Notice],
        selection: &select::Selection,
    ) -> Vec<FlowNotice> {
        let ids: Vec<&str> = selection
            .question_indices()
            .map(|i| self.questions[i].id.as_str())
            .collect();
        notices
            .iter()
            .map(|n| FlowNotice {
                kind: match n.kind {
                    layout::NoticeKind::Moved => "moved",
                    layout::NoticeKind::Split => "split",
                    layout::NoticeKind::Stranded => "stranded",
                },
                id: n
                    .question
                    .and_then(|k| ids.get(k))
                    .map_or_else(|| n.title.clone(), |id| id.to_string()),
                page: n.page,
            })
            .collect()
    }

    fn info(&self, selection: &select::Selection) -> frame::Info {
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
        }
    }
}

/// What a build stamps into every PDF: the `SOURCE_DATE_EPOCH` date and
/// this version as producer.
fn build_stamp() -> pdf::Stamp {
    pdf::Stamp {
        epoch: source_date_epoch(),
        producer: format!("studyguide {}", env!("CARGO_PKG_VERSION")),
    }
}

/// `SOURCE_DATE_EPOCH` if set and valid, else 0: dates never come from the clock.
fn source_date_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
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
    fn add(&mut self, other: &Timings) {
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

/// Validates the config, banks, selection and templates, writing nothing.
pub fn check(config_path: &Path, options: &Options) -> Result<Report> {
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    let (_, warnings) = guide.render_with(options)?;
    Ok(Report {
        written: Vec::new(),
        warnings,
        timings: Timings::default(),
    })
}

/// Builds the outputs, then writes the lock file beside the config (unless
/// building `--locked`, which must not change it).
pub fn build(config_path: &Path, options: &Options) -> Result<Report> {
    let t = std::time::Instant::now();
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    let mut timings = Timings {
        load: t.elapsed(),
        ..Timings::default()
    };
    let (rendered, warnings) = guide.render_with(options)?;
    for r in &rendered {
        timings.add(&r.timings);
    }
    let t = std::time::Instant::now();
    let dir = options
        .out_dir
        .clone()
        .unwrap_or_else(|| guide.config.dir.join("out"));
    std::fs::create_dir_all(&dir).map_err(|e| {
        Diagnostic::environment(format!(
            "cannot create output folder `{}`: {e}",
            dir.display()
        ))
    })?;
    let mut written = Vec::new();
    for r in rendered {
        let md = dir.join(format!("{}.md", r.name));
        let pdf = dir.join(format!("{}.pdf", r.name));
        write_atomic(&md, r.markdown.as_bytes())?;
        write_atomic(&pdf, &r.pdf)?;
        written.push(Written {
            name: r.name,
            markdown: md,
            pdf,
            pages: r.pages,
            bytes: r.pdf.len(),
            notices: r.notices,
            summary: r.summary,
        });
    }
    if !options.locked {
        let selection = guide.selection(false)?;
        let text = lock::write(&selection, &guide.config.sections, &guide.questions);
        write_atomic(&lock::path_for(config_path), text.as_bytes())?;
    }
    timings.write = t.elapsed();
    Ok(Report {
        written,
        warnings,
        timings,
    })
}

/// Writes a self-contained pack of the guide (or one output) to `target`.
pub fn pack(config_path: &Path, target: &Path, options: &Options) -> Result<Vec<Diagnostic>> {
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    guide.outputs(options.only.as_deref())?;
    let selection = guide.selection(options.locked)?;
    let templates = render::Templates::load(guide.config.templates.as_ref())?;
    let (text, mut warnings) = pack::pack(
        &guide.config.source.text,
        &selection,
        &guide.questions,
        &templates.custom(),
        options.only.as_deref(),
    )?;
    warnings.extend(selection.warnings);
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::environment(format!("cannot create folder `{}`: {e}", parent.display()))
        })?;
    }
    write_atomic(target, text.as_bytes())?;
    Ok(warnings)
}

/// Writes through a temporary file and a rename, so readers never see a
/// half-written file and a failure keeps the previous one.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| {
        Diagnostic::environment(format!("cannot write `{}`: {e}", path.display()))
    };
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    Ok(())
}

/// A deterministic synthetic bank for benchmarks (`studyguide bench-bank`).
pub fn bench_bank(questions: usize, seed: u64) -> String {
    synth::bank(questions, seed)
}

/// The files a build reads, for `studyguide watch`: the config, its banks,
/// and its templates folder.
pub fn watched_paths(config_path: &Path, allow_outside: bool) -> Result<Vec<PathBuf>> {
    let config = config::load(config_path, allow_outside)?;
    let mut paths = vec![config_path.to_path_buf()];
    paths.extend(config.banks.iter().map(|(p, _)| p.clone()));
    if let Some(config::TemplateSource::Folder(folder)) = &config.templates {
        paths.push(folder.clone());
    }
    Ok(paths)
}

/// Writes the duplex calibration sheet (`studyguide calibrate`) for a paper
/// size (`a4`, `letter`, `a5`, `legal`).
pub fn calibrate(paper: &str, target: &Path) -> Result<()> {
    let Some((width, height)) = config::paper_size(paper) else {
        return Err(Diagnostic::error(format!("unknown paper size `{paper}`"))
            .hint("use one of: a4, letter, a5, legal")
            .into());
    };
    let fonts = layout::Fonts::load(&config::FontPaths::default())?;
    let frame = layout::calibration(width, height, &fonts);
    let stamp = build_stamp();
    let bytes = pdf::write(frame, &fonts, &stamp).map_err(Diagnostic::environment)?;
    write_atomic(target, &bytes)
}

/// `studyguide import`: reads `file`, parses it in `format` (or the detected
/// one), and writes the bank to `target` when given.
pub fn import_file(file: &Path, format: Option<Format>, target: Option<&Path>) -> Result<Imported> {
    let src = source::read_source(file, "file to import", None)?;
    let format = format.unwrap_or_else(|| Format::detect(&src.text));
    let imported = import::import(&src.text, format);
    if imported.questions.is_empty() {
        let what = match format {
            Format::Article => "numbered questions (`1. Question?` on their own lines)",
            Format::Markdown => "`##` question headings",
        };
        return Err(Diagnostic::error(format!("found no questions in `{}`", file.display()))
            .hint(format!("the {format:?} format looks for {what}; try `--format article` or `--format markdown`"))
            .into());
    }
    if let Some(target) = target {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomic(target, imported.to_toml(&name).as_bytes())?;
    }
    Ok(imported)
}

/// Loads the questions of a config's banks, for `studyguide list`.
pub fn list(config_path: &Path, allow_outside: bool) -> Result<Vec<Question>> {
    Ok(Guide::load_with(config_path, allow_outside)?.questions)
}

/// Markdown → PDF bytes for one default A4 output, for tests and tools that
/// start from Markdown rather than a config.
pub fn typeset_markdown(markdown: &str) -> Result<(Vec<u8>, usize)> {
    let (frame, fonts) = layout_markdown(markdown)?;
    let stamp = pdf::Stamp {
        epoch: 0,
        producer: "studyguide".into(),
    };
    let pages = frame.pages.len();
    let bytes = pdf::write(frame, &fonts, &stamp).map_err(Diagnostic::environment)?;
    Ok((bytes, pages))
}

/// Markdown laid out as the default A4 output, with the fonts it used.
fn layout_markdown(markdown: &str) -> Result<(Frame, layout::Fonts)> {
    let src = diag::Source::new("inline", "");
    let output = Output::default_for(&src);
    let fonts = layout::Fonts::load(&output.fonts)?;
    let doc = markdown::parse(markdown);
    let info = frame::Info {
        title: doc.meta.title.clone().unwrap_or_default(),
        ..Default::default()
    };
    let laid = layout::layout(&doc, &output, &fonts, info)
        .map_err(|f| Diagnostic::error(format!("needs {} pages", f.pages)))?;
    Ok((laid.frame, fonts))
}

/// Entry points for the fuzz targets in `fuzz/`: each takes untrusted text
/// and must return (an error is fine) without panicking, in linear time.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// Parses and validates a config from text (paths are not opened).
    pub fn config(text: &str) -> Result<()> {
        let dir = std::env::temp_dir();
        let path = dir.join("studyguide-fuzz-config.toml");
        let src = diag::Source::new(&path, text);
        config::validate_text(&src, false).map(|_| ())
    }

    /// Parses a bank from text.
    pub fn bank(text: &str) -> Result<usize> {
        bank::parse(&diag::Source::new("fuzz-bank.toml", text)).map(|q| q.len())
    }

    /// Markdown → layout → PDF bytes.
    pub fn markdown(text: &str) -> Result<Vec<u8>> {
        typeset_markdown(text).map(|(pdf, _)| pdf)
    }

    /// Markdown → the laid-out frame of a default A4 output, for checks on
    /// positions.
    pub fn markdown_frame(text: &str) -> Result<Frame> {
        layout_markdown(text).map(|(frame, _)| frame)
    }

    /// Import in both formats, and the bank text it writes.
    pub fn import(text: &str) -> usize {
        [Format::Article, Format::Markdown]
            .into_iter()
            .map(|f| import::import(text, f).to_toml("fuzz").len())
            .sum()
    }

    /// Renders `template` against the example guide's questions with
    /// `title` as the guide title, through the same strict registry.
    pub fn template(template: &str, title: &str) -> Result<String> {
        let src = diag::Source::new("fuzz.toml", "");
        let mut output = Output::default_for(&src);
        output.template = "fuzz".into();
        let custom = config::TemplateSource::Inline(vec![("fuzz".into(), template.into())]);
        let templates = render::Templates::load(Some(&custom))?;
        let bank = bank::parse(&diag::Source::new(
            "bank.toml",
            include_str!("../questions/senior-backend.toml"),
        ))?;
        let config = config::Config::for_fuzzing(title);
        let selection = select::select(&[], &bank)?;
        templates.render(&config, &output, &selection, &bank)
    }
}

/// Files `studyguide init` writes: (path in the new folder, contents).
fn scaffold(minimal: bool, with_templates: bool) -> Vec<(PathBuf, String)> {
    let bank = if minimal {
        include_str!("scaffold/minimal.toml")
    } else {
        include_str!("../questions/senior-backend.toml")
    };
    let mut guide = include_str!("scaffold/guide.toml").to_string();
    if with_templates {
        guide = guide.replace("# templates = \"templates\"", "templates = \"templates\"");
    }
    let mut files = vec![
        (PathBuf::from("guide.toml"), guide),
        (
            PathBuf::from("questions/senior-backend.toml"),
            bank.to_string(),
        ),
    ];
    if with_templates {
        for (name, text) in render::BUILTIN_TEMPLATES {
            files.push((
                PathBuf::from(format!("templates/{name}.md.hbs")),
                text.to_string(),
            ));
        }
    }
    files
}

/// `studyguide init`: scaffolds a working project in `dir`. Existing files
/// are left alone (and reported) unless `force`.
pub fn init(dir: &Path, minimal: bool, with_templates: bool, force: bool) -> Result<Vec<PathBuf>> {
    let files = scaffold(minimal, with_templates);
    let existing: Vec<Diagnostic> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .map(|p| {
            Diagnostic::error(format!("`{}` already exists", p.display()))
                .hint("pass --force to overwrite it, or init into a new folder")
        })
        .collect();
    if !existing.is_empty() && !force {
        return Err(existing.into());
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::environment(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
