//! `studyguide render FILE.md`: any Markdown file typeset as one output,
//! with the same typesetter as a guide and no config.
//!
//! The file's front matter sets the title block (`title`, `subtitle`,
//! `author`, `date`) and any key of an `[[output]]` table (`paper`,
//! `columns`, `font_size`, `toc`, `header`, `footer`, …), with the same
//! defaults; `--set KEY=VALUE` on the command line overrides them. The
//! keys become a TOML table whose lines match the front matter's lines, so
//! an error points at the line of the Markdown file that holds the key.

use super::build::write_atomic;
use crate::diag::Source;
use crate::pipeline::{build_stamp, font_files, read_logo, settings, PdfPages};
use crate::source::{read_source, Confine, MAX_FILE_BYTES};
use crate::{config, font, frame, front_matter, image, layout, markdown, Diagnostic, Result};
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Front-matter keys that belong to the title block, not the output.
const META: [&str; 4] = ["title", "subtitle", "author", "date"];

/// What to render and where.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The Markdown file, or `-` for standard input.
    pub input: PathBuf,
    /// The PDF to write; by default the input with `.pdf`; `-` for
    /// standard output.
    pub output: Option<PathBuf>,
    /// `[[output]]` keys from the command line, `KEY=VALUE` each.
    pub set: Vec<String>,
    /// Let font, logo and picture paths leave the file's folder.
    pub allow_outside: bool,
}

/// What a render wrote.
#[derive(Debug, Clone)]
pub struct RenderReport {
    /// Where the PDF went (`-` for standard output).
    pub target: PathBuf,
    /// Its pages.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
    /// Characters no font could draw, and other warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Typesets a Markdown file into a PDF.
pub fn render(options: &RenderOptions) -> Result<RenderReport> {
    let src = read_input(&options.input)?;
    let table = output_table(&src, &options.set)?;
    let output = config::standalone_output(&table, options.allow_outside)?;
    if !output.style.is_pdf() {
        return Err(not_a_pdf_style(&table, &options.set).into());
    }
    let mut doc = markdown::parse(&src.text);
    drop_back_to_top(&mut doc.blocks, 0);
    let pictures = pictures(&mut doc, options, &src)?;
    // A README has no front matter: its first level-1 heading is its title.
    let first_heading = doc.blocks.iter().find_map(|b| match b {
        markdown::Block::Heading { level: 1, content } => Some(markdown::plain_text(content)),
        _ => None,
    });
    let title = doc
        .meta
        .title
        .clone()
        .or(first_heading)
        .unwrap_or_else(|| stem(&options.input));
    let info = frame::Info {
        title,
        author: doc.meta.author.clone().unwrap_or_default(),
        subject: doc.meta.subtitle.clone().unwrap_or_default(),
        keywords: Vec::new(),
        organization: output.brand.organization.clone().unwrap_or_default(),
    };
    let fonts = font::Fonts::load(font_files(&output.fonts))?;
    let confine = Confine::new(&folder(&src.path), options.allow_outside);
    let logo = read_logo(&output.brand, &Default::default(), &confine)?;
    // The pages go into the PDF as layout settles them.
    let mut sink = PdfPages::new(&fonts, false);
    let laid = layout::layout_into(
        Cow::Owned(doc),
        &settings(&output, logo),
        &fonts,
        info,
        &mut sink,
    )
    .map_err(|f| {
        Diagnostic::error(format!(
            "the document needs {} pages at {} pt, more than `fit_pages`",
            f.pages, f.size
        ))
        .hint("raise `fit_pages` or lower `min_font_size`")
    })?;
    let mut warnings = pictures;
    warnings.extend(missing(&laid.missing, &src));
    let pages = laid.pages;
    let pdf = sink
        .into_parts()
        .and_then(|(writer, _)| {
            writer.finish(&laid.outline, &laid.info, &laid.structure, &build_stamp())
        })
        .map_err(|e| Diagnostic::environment(e.to_string()))?;
    let target = target(options)?;
    if target.as_os_str() == "-" {
        use std::io::Write;
        std::io::stdout()
            .write_all(&pdf)
            .map_err(|e| Diagnostic::environment(format!("cannot write the PDF: {e}")))?;
    } else {
        write_atomic(&target, &pdf)?;
    }
    Ok(RenderReport {
        target,
        pages,
        bytes: pdf.len(),
        warnings,
    })
}

/// Leaves out of `blocks`, and the blocks inside them (list items, quotes,
/// `<details>`), every paragraph that only links back to the top.
fn drop_back_to_top(blocks: &mut Vec<markdown::Block>, depth: usize) {
    use markdown::Block;
    blocks.retain(|b| !back_to_top(b));
    // The parsed tree is already capped in depth; this keeps the walk so.
    if depth > markdown::MAX_DEPTH {
        return;
    }
    for block in blocks {
        match block {
            Block::List { items, .. } => {
                for item in items {
                    drop_back_to_top(&mut item.blocks, depth + 1);
                }
            }
            Block::Quote(inner)
            | Block::Details { blocks: inner, .. }
            | Block::Question { blocks: inner, .. } => drop_back_to_top(inner, depth + 1),
            _ => {}
        }
    }
}

/// Whether `block` is a paragraph that only links back to the top of the
/// page (`**[⬆ Back to Top](#contents)**`, `↥ back to top`), as many
/// collections put after every answer: on paper it leads nowhere.
fn back_to_top(block: &markdown::Block) -> bool {
    use markdown::Inline;
    fn links(inlines: &[Inline], out: &mut Vec<(String, String)>) -> bool {
        inlines.iter().all(|i| match i {
            Inline::Link { url, content } => {
                out.push((url.clone(), markdown::plain_text(content)));
                true
            }
            Inline::Strong(c) | Inline::Emph(c) => links(c, out),
            Inline::Text(t) => t.trim().is_empty(),
            Inline::SoftBreak | Inline::LineBreak => true,
            _ => false,
        })
    }
    let markdown::Block::Paragraph(inlines) = block else {
        return false;
    };
    let mut found = Vec::new();
    links(inlines, &mut found)
        && matches!(found.as_slice(), [(url, text)]
            if (url.is_empty() || url.starts_with('#')) && crate::import::is_back_to_top(text))
}

/// `style = "anki"` asked of `render`, which only makes PDFs: the error
/// points at the front matter's line, or names the `--set` that asked.
fn not_a_pdf_style(table: &Source, set: &[String]) -> Diagnostic {
    let d = Diagnostic::error(
        "`render` typesets a PDF; `style = \"anki\"` writes a deck from a question bank",
    )
    .hint("build the deck from a guide.toml with an `anki` output, or pick `handout`, `cheatsheet` or `flashcards`");
    let from_set = set
        .iter()
        .any(|p| p.split('=').next().map(str::trim) == Some("style"));
    match table.text.find("\nstyle = ") {
        Some(at) if !from_set => {
            let value = at + "\nstyle = ".len();
            let end = table.text[value..]
                .find('\n')
                .map_or(table.text.len(), |n| value + n);
            d.at(table.span(value..end))
        }
        _ => d,
    }
}

/// Reads the pictures the document shows: paths are relative to its folder
/// (the working folder for standard input) and confined to it, as a
/// config's are, unless `--allow-outside`. Returns the warnings (remote
/// pictures).
fn pictures(
    doc: &mut markdown::Document,
    options: &RenderOptions,
    src: &Source,
) -> Result<Vec<Diagnostic>> {
    let dir = folder(&src.path);
    let bases = image::Bases {
        config: dir.clone(),
        config_is: "the Markdown file's folder",
        questions: Default::default(),
    };
    let ctx = image::Resolved {
        bases: &bases,
        assets: &image::Assets::new(),
        confine: &Confine::new(&dir, options.allow_outside),
        markdown: (&src.path, &src.text),
    };
    image::resolve(doc, &ctx)
}

/// The Markdown text, from the file or standard input, within the size
/// every input file is held to.
fn read_input(input: &Path) -> Result<Source> {
    if input.as_os_str() != "-" {
        return read_source(input, "Markdown file", None);
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::environment(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "standard input holds more than {} MiB",
            MAX_FILE_BYTES >> 20
        ))
        .hint("split the document")
        .into());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(format!(
            "standard input is not valid UTF-8 (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .hint("convert the text to UTF-8")
    })?;
    Ok(Source::new("<stdin>", text))
}

/// Where the PDF goes: `--output`, or the input with `.pdf`.
fn target(options: &RenderOptions) -> Result<PathBuf> {
    match &options.output {
        Some(path) => Ok(path.clone()),
        None if options.input.as_os_str() == "-" => Err(Diagnostic::error(
            "reading standard input, the PDF needs a name",
        )
        .hint("add `-o notes.pdf`, or `-o -` to write it to standard output")
        .into()),
        None => Ok(options.input.with_extension("pdf")),
    }
}

/// The folder a file's relative paths (fonts, logo) start from.
fn folder(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn stem(input: &Path) -> String {
    input.file_stem().map_or_else(
        || "Document".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The `[[output]]` table for this document, as TOML whose lines are the
/// front matter's lines: the output's keys, and keys one typo away from
/// one (so that `colums: 2` is an error at its line, not ignored), become
/// TOML; the title block's keys and every other tool's (`layout`, `tags`,
/// `permalink`…) become comments. `set` replaces or adds keys.
fn output_table(src: &Source, set: &[String]) -> Result<Source> {
    let mut lines: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    if let Some(front) = front_matter::block(&src.text) {
        // The first line is the opening `---`.
        lines = vec!["#".to_string(); front.len() + 1];
        for entry in front_matter::entries(&front) {
            if META.contains(&entry.key) || !is_ours(entry.key) {
                continue;
            }
            let Some(value) = toml_of(&entry.value) else {
                continue;
            };
            lines[entry.line + 1] = format!("{} = {value}", toml_key(entry.key));
            keys.push(entry.key.to_string());
        }
    }
    for pair in set {
        let Some((key, value)) = pair.split_once('=').filter(|(k, _)| is_key(k)) else {
            return Err(
                Diagnostic::error(format!("`--set {pair}` is not KEY=VALUE"))
                    .hint("for example `--set columns=2` or `--set paper=letter`")
                    .into(),
            );
        };
        let line = format!("{} = {}", key.trim(), toml_value(value.trim()));
        match keys.iter().position(|k| k == key.trim()) {
            // The front matter's line keeps its number; only its value changes.
            Some(i) => {
                if let Some(at) = lines
                    .iter()
                    .position(|l| l.starts_with(&format!("{} = ", toml_key(&keys[i]))))
                {
                    lines[at] = line;
                }
            }
            None => {
                keys.push(key.trim().to_string());
                lines.push(line);
            }
        }
    }
    if !keys.iter().any(|k| k == "name") {
        lines.push("name = \"document\"".into());
    }
    Ok(Source::new(src.path.clone(), lines.join("\n") + "\n"))
}

fn is_key(key: &str) -> bool {
    let key = key.trim();
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// Whether a front matter key is meant for studyguide: an output key, or
/// one a typo away from one (`colums`, `font-size`, `Columns`). Keys of
/// four letters or fewer must match, so that another tool's `type` or
/// `tags` is never taken for `style` or `toc`.
fn is_ours(key: &str) -> bool {
    let normal = key.to_ascii_lowercase().replace('-', "_");
    config::OUTPUT_KEYS
        .iter()
        .any(|k| *k == normal || key.chars().count() > 4 && crate::diag::levenshtein(key, k) <= 1)
}

/// A key as TOML writes it: bare when it can be.
fn toml_key(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

/// A front matter value as TOML, or `None` for one with nothing in it.
fn toml_of(value: &front_matter::Value) -> Option<String> {
    use front_matter::Value;
    match value {
        Value::Plain(v) => Some(toml_value(v)),
        Value::Text(v) => Some(toml::Value::String(v.clone()).to_string()),
        Value::Map(pairs) => {
            let inner: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{} = {}", toml_key(k), toml_value(v)))
                .collect();
            Some(format!("{{ {} }}", inner.join(", ")))
        }
        Value::None => None,
    }
}

/// A front-matter value as TOML: numbers, booleans, quoted strings, arrays
/// and inline tables as written; anything else as a string.
fn toml_value(value: &str) -> String {
    let literal = format!("v = {value}");
    if !value.is_empty() && toml::from_str::<toml::Table>(&literal).is_ok() {
        return value.to_string();
    }
    toml::Value::String(value.to_string()).to_string()
}

/// One warning per character no font has.
fn missing(missing: &[(char, Option<String>)], src: &Source) -> Vec<Diagnostic> {
    missing
        .iter()
        .map(|(c, _)| {
            Diagnostic::warning(format!(
                "`{}`: no font has a glyph for `U+{:04X} {c:?}`; it prints as a placeholder (U+FFFD)",
                src.path.display(),
                *c as u32
            ))
            .hint("replace the character, or name a font that has it with `--set fonts=...`")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str, set: &[&str]) -> String {
        let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
        output_table(&Source::new("notes.md", text), &set)
            .unwrap()
            .text
            .to_string()
    }

    #[test]
    fn front_matter_keys_keep_their_lines_and_flags_override_them() {
        let text = "---\ntitle: Notes\ncolumns: 2\npaper: letter\ntoc: true\n---\n# A\n";
        assert_eq!(
            table(text, &["columns=3", "font_size=9"]),
            "#\n#\ncolumns = 3\npaper = \"letter\"\ntoc = true\nfont_size = 9\nname = \"document\"\n"
        );
        assert_eq!(table("# No front matter\n", &[]), "name = \"document\"\n");
    }

    #[test]
    fn other_tools_keys_are_comments_and_nested_values_stay_nested() {
        let text = "---\ntitle: \"Redis: a cache\"\nlayout: post\ntheme: caching\ntype: lab\nsources:\n  - url: https://example.org\n    columns: 9\nmargins:\n  top: 20mm\nfooter: \"{page} of {pages}\"\n---\n";
        assert_eq!(
            table(text, &[]),
            "#\n#\n#\n#\n#\n#\n#\n#\nmargins = { top = \"20mm\" }\n#\nfooter = \"{page} of {pages}\"\nname = \"document\"\n"
        );
    }

    #[test]
    fn links_back_to_the_top_are_left_out() {
        let doc = markdown::parse(
            "# Q\n\nAn answer that links [to the top](#top).\n\n**[⬆ Back to Top](#table-of-contents)**\n\n<div align=\"right\"><b><a href=\"#\">↥ back to top</a></b></div>\n\n[Back to top](https://example.org/)\n",
        );
        let mut kept = doc.blocks.clone();
        drop_back_to_top(&mut kept, 0);
        // The heading, the answer, and the link that leaves the page.
        assert_eq!(kept.len(), 3, "{kept:?}");
        // Inside a list item too, as collections of `1. ### Question` have.
        let mut doc =
            markdown::parse("1. ### Q\n\n   An answer.\n\n   **[⬆ Back to Top](#top)**\n");
        drop_back_to_top(&mut doc.blocks, 0);
        let markdown::Block::List { items, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(items[0].blocks.len(), 2, "{:?}", items[0].blocks);
    }

    #[test]
    fn a_bad_key_is_reported_at_its_front_matter_line() {
        for (key, line) in [("colums: 2", "colums"), ("font-size: 9", "font-size")] {
            let src = Source::new("notes.md", format!("---\ntitle: X\n{key}\n---\n"));
            let t = output_table(&src, &[]).unwrap();
            let err = config::standalone_output(&t, false).unwrap_err();
            let text = format!("{err:?}");
            assert!(text.contains(line), "{text}");
            assert!(text.contains("line: 3"), "{text}");
        }
    }
}
