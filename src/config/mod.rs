//! `guide.toml` → a validated [`Config`].
//!
//! Parsing is two-level, like ripgrep's low/high args: serde reads the raw
//! tables (`Raw*`, with `deny_unknown_fields` so typos are caught), then
//! validation turns them into the types the rest of the pipeline uses, with
//! every default written out by hand and every problem located in the file.
//! An `Option` field of a raw table needs no `#[serde(default)]`: serde
//! reads a key that is left out as `None`.

mod assets;
mod brand;
mod output;
mod section;

pub use assets::encode as encode_asset;
pub use brand::{Brand, Rgb};
pub use output::{paper_size, FontPaths, Output, Style, Variant, OUTPUT_KEYS};
pub use section::{Match, Order, Section};

use crate::diag::{Diagnostic, Result, Source, Span};
use crate::source::{outside_error, read_source, stays_inside, toml_error, Confine};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Most `[[output]]` tables one config may ask for.
pub const MAX_OUTPUTS: usize = 50;
/// Most `[[section]]` tables one config may hold.
pub const MAX_SECTIONS: usize = 500;

/// A validated guide: what to select and what to build.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file, as given.
    pub path: PathBuf,
    /// The folder relative paths are resolved against.
    pub dir: PathBuf,
    /// Document title, shown in the title block and the running header.
    pub title: String,
    /// Optional line under the title.
    pub subtitle: Option<String>,
    /// Optional author or organisation.
    pub author: Option<String>,
    /// Optional date line, printed as written.
    pub date: Option<String>,
    /// Bank files, resolved, with where they were named.
    pub banks: Vec<(PathBuf, Span)>,
    /// Templates that override the built-in ones.
    pub templates: Option<TemplateSource>,
    /// The config file itself, which may hold `[[question]]` tables (a pack).
    pub source: Source,
    /// Where the files it names may be.
    pub confine: Confine,
    /// Sections in document order; empty means "one per bank section".
    pub sections: Vec<Section>,
    /// What to build; never empty (a default output is added).
    pub outputs: Vec<Output>,
    /// Pictures a pack carries (see `assets.rs`); empty for a plain guide.
    pub assets: std::sync::Arc<crate::image::Assets>,
}

/// Where custom templates come from.
#[derive(Debug, Clone)]
pub enum TemplateSource {
    /// A folder of `*.md.hbs` files.
    Folder(PathBuf),
    /// Templates written inline in the config (a pack): name → source.
    Inline(Vec<(String, String)>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    subtitle: Option<String>,
    author: Option<String>,
    date: Option<String>,
    #[serde(default)]
    banks: Vec<Spanned<String>>,
    templates: Option<Spanned<toml::Value>>,
    // Questions written inline make the config self-contained (a pack);
    // `bank` parses them.
    #[serde(default)]
    question: Vec<toml::Value>,
    #[serde(default, rename = "section")]
    sections: Vec<section::RawSection>,
    #[serde(default, rename = "output")]
    outputs: Vec<output::RawOutput>,
    assets: Option<Spanned<toml::Table>>,
    // Branding for every output; an `[[output]]` may override each key.
    logo: Option<Spanned<brand::LogoSetting>>,
    header_logo: Option<bool>,
    accent_color: Option<Spanned<String>>,
    organization: Option<String>,
}

/// Loads and validates a guide config, reporting every problem found.
/// Unless `allow_outside`, every path it names must stay inside its folder,
/// so a shared pack cannot read files elsewhere.
pub fn load(path: &Path, allow_outside: bool) -> Result<Config> {
    let src = read_source(path, "config", None)?;
    validate_text(&src, allow_outside)
}

/// Validates a config's text; `src.path` names the file for diagnostics and
/// its folder anchors relative paths (nothing is opened here).
pub fn validate_text(src: &Source, allow_outside: bool) -> Result<Config> {
    let src = src.clone();
    let path = src.path.clone();
    let path = path.as_path();
    let raw: RawConfig = toml::from_str(&src.text).map_err(|e| toml_error(&src, &e, "config"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut errors = Vec::new();

    let title = raw.title.get_ref().trim().to_string();
    if title.is_empty() || title.contains('\n') {
        errors.push(
            Diagnostic::error("`title` must be one non-empty line").at(src.span(raw.title.span())),
        );
    }
    if raw.banks.is_empty() && raw.question.is_empty() {
        errors.push(
            Diagnostic::error("no question banks: `banks` is missing or empty")
                .at(Span::file(path))
                .hint("add `banks = [\"questions/senior-backend.toml\"]` at the top of the config"),
        );
    }
    let mut banks = Vec::new();
    for b in &raw.banks {
        let rel = Path::new(b.get_ref());
        if !allow_outside && !stays_inside(rel) {
            errors.push(outside_error("bank", rel, src.span(b.span())));
        }
        banks.push((dir.join(rel), src.span(b.span())));
    }
    let templates = raw
        .templates
        .as_ref()
        .and_then(|t| templates(t, &src, &dir, allow_outside, &mut errors));

    if raw.outputs.len() > MAX_OUTPUTS || raw.sections.len() > MAX_SECTIONS {
        return Err(Diagnostic::error(format!(
            "the config asks for {} outputs and {} sections; the limits are {MAX_OUTPUTS} and {MAX_SECTIONS}",
            raw.outputs.len(),
            raw.sections.len()
        ))
        .at(Span::file(path))
        .hint("split the guide into several configs")
        .into());
    }
    let sections = raw
        .sections
        .into_iter()
        .filter_map(|s| section::validate(s, &src, &mut errors))
        .collect();
    let base = brand::Base {
        src: &src,
        dir: &dir,
        allow_outside,
    };
    let guide_brand = brand::RawBrand {
        logo: raw.logo,
        header_logo: raw.header_logo,
        accent_color: raw.accent_color,
        organization: raw.organization,
    };
    let guide_brand = brand::validate(guide_brand, &Brand::default(), &base, &mut errors);
    let outputs = outputs(raw.outputs, &base, &guide_brand, &mut errors);
    let assets = assets::validate(raw.assets, &src, &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(Config {
        path: path.to_path_buf(),
        confine: Confine::new(&dir, allow_outside),
        dir,
        title,
        subtitle: clean_line(raw.subtitle),
        author: clean_line(raw.author),
        date: clean_line(raw.date),
        banks,
        templates,
        source: src,
        sections,
        outputs,
        assets: std::sync::Arc::new(assets),
    })
}

/// The `templates` key: a folder (which must stay inside the config's unless
/// `allow_outside`) or a table of inline templates.
fn templates(
    t: &Spanned<toml::Value>,
    src: &Source,
    dir: &Path,
    allow_outside: bool,
    errors: &mut Vec<Diagnostic>,
) -> Option<TemplateSource> {
    match t.get_ref() {
        toml::Value::String(folder) => {
            let rel = Path::new(folder);
            if !allow_outside && !stays_inside(rel) {
                errors.push(outside_error("templates folder", rel, src.span(t.span())));
            }
            Some(TemplateSource::Folder(dir.join(rel)))
        }
        toml::Value::Table(table) => {
            let mut inline = Vec::new();
            for (name, value) in table {
                match value.as_str() {
                    Some(text) => inline.push((name.clone(), text.to_string())),
                    None => errors.push(
                        Diagnostic::error(format!("inline template `{name}` is not a string"))
                            .at(src.span(t.span()))
                            .hint("write `[templates]` entries as `name = \"\"\"...\"\"\"`"),
                    ),
                }
            }
            Some(TemplateSource::Inline(inline))
        }
        _ => {
            errors.push(
                Diagnostic::error("`templates` must be a folder name or a table of templates")
                    .at(src.span(t.span()))
                    .hint("e.g. `templates = \"my-templates\"`"),
            );
            None
        }
    }
}

/// Validates and expands the `[[output]]` tables; with none (and no errors
/// so far) the default output. Expanded names must differ, as they name files.
fn outputs(
    raw: Vec<output::RawOutput>,
    base: &brand::Base,
    guide_brand: &Brand,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let src = base.src;
    let mut outputs: Vec<Output> = raw
        .into_iter()
        .filter_map(|o| output::validate(o, base, guide_brand, errors))
        .flat_map(|(o, batch)| output::expand(o, &batch))
        .collect();
    if outputs.len() > 4 * MAX_OUTPUTS + 200 {
        errors.push(
            Diagnostic::error(format!("the config expands to {} outputs", outputs.len()))
                .at(Span::file(&src.path))
                .hint("lower `variants` or shorten `for_each` lists"),
        );
    }
    if outputs.is_empty() && errors.is_empty() {
        outputs.push(Output::default_for(src).branded(guide_brand.clone()));
    }
    for (i, o) in outputs.iter().enumerate() {
        if let Some(first) = outputs[..i].iter().find(|p| p.name == o.name) {
            errors.push(
                Diagnostic::error(format!("two outputs are named `{}`", o.name))
                    .at(o.name_span.clone())
                    .hint(format!(
                        "the first is at line {}; output names set the file names, so they must differ",
                        first.name_span.line
                    )),
            );
        }
    }
    outputs
}

impl Config {
    /// A minimal config for the template fuzz target.
    #[doc(hidden)]
    pub fn for_fuzzing(title: &str) -> Config {
        let src = Source::new("fuzz.toml", "");
        Config {
            path: PathBuf::from("fuzz.toml"),
            dir: PathBuf::from("."),
            title: title.to_string(),
            subtitle: None,
            author: None,
            date: None,
            banks: Vec::new(),
            templates: None,
            source: src.clone(),
            confine: Confine::default(),
            sections: Vec::new(),
            outputs: vec![Output::default_for(&src)],
            assets: Default::default(),
        }
    }
}

/// Front-matter values must stay on one line; newlines become spaces.
fn clean_line(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}

/// One `[[output]]` table on its own, for typesetting a Markdown file
/// without a guide (`studyguide render`): `src` holds the table's keys,
/// read from the file's front matter and the command line. Relative paths
/// (fonts) are taken from `src`'s folder.
pub fn standalone_output(src: &Source, allow_outside: bool) -> Result<Output> {
    let raw: output::RawOutput =
        toml::from_str(&src.text).map_err(|e| toml_error(src, &e, "front matter"))?;
    let dir = src
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut errors = Vec::new();
    let base = brand::Base {
        src,
        dir: &dir,
        allow_outside,
    };
    let validated = output::validate(raw, &base, &Brand::default(), &mut errors);
    match validated {
        Some((output, _)) if errors.is_empty() => Ok(output),
        _ => Err(errors.into()),
    }
}
