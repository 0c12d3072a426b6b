//! README.md is a promise: its snippets, commands, keys, defaults and sample
//! output are checked against the program, so the two cannot drift apart.

use crate::common::{copy_bank, root, run, scratch};
use std::collections::BTreeSet;

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// The text of every fenced block whose info string is `lang`.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<(String, usize)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match &mut current {
            None if trimmed == format!("```{lang}") => {
                current = Some((String::new(), line.len() - trimmed.len()))
            }
            Some((body, _)) if trimmed == "```" => {
                out.push(std::mem::take(body));
                current = None;
            }
            Some((body, indent)) => {
                body.push_str(line.get(*indent..).unwrap_or(line.trim_start()));
                body.push('\n');
            }
            None => {}
        }
    }
    out
}

/// The README between a heading and the next heading of its level or above.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(heading).unwrap_or_else(|| panic!("{heading}"));
    let level = heading.chars().take_while(|&c| c == '#').count();
    let rest = &text[start + heading.len()..];
    let end = rest
        .lines()
        .scan(0, |at, l| {
            let here = *at;
            *at += l.len() + 1;
            Some((here, l))
        })
        .find(|(_, l)| {
            let hashes = l.chars().take_while(|&c| c == '#').count();
            hashes > 0 && hashes <= level && l.chars().nth(hashes) == Some(' ')
        })
        .map_or(rest.len(), |(at, _)| at);
    &rest[..end]
}

/// Rows of the Markdown tables in `text`: cells, trimmed.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// Backticked names in a table's first column: `a`, `b` → a, b.
fn keys_of(rows: &[Vec<String>]) -> BTreeSet<String> {
    rows.iter()
        .skip(1)
        .flat_map(|r| {
            r[0].split(", ")
                .map(|k| k.trim_matches('`').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The keys a table of the config accepts, as the program lists them for
/// an unknown key.
fn accepted(table_header: &str) -> BTreeSet<String> {
    let dir = scratch(&format!("readme-keys-{}", table_header.len()));
    let text = format!("title = \"x\"\nbanks = [\"b.toml\"]\n{table_header}\nzzz_unknown = 1\n");
    std::fs::write(dir.join("guide.toml"), text).unwrap();
    let out = run(&dir, &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let list = err
        .lines()
        .find_map(|l| l.split("expected one of: ").nth(1))
        .unwrap_or_else(|| panic!("{err}"));
    list.split(", ").map(str::to_string).collect()
}

#[test]
fn every_config_key_is_documented_and_every_documented_key_exists() {
    let text = readme();
    let sections = keys_of(&rows(section(&text, "### `[[section]]`")));
    assert_eq!(
        sections,
        accepted("[[section]]\ntitle = \"s\""),
        "[[section]] keys"
    );

    let mut outputs = keys_of(&rows(section(&text, "### `[[output]]`")));
    outputs.extend(keys_of(&rows(section(
        &text,
        "### Cheat sheets and flash cards",
    ))));
    for batch in ["variants", "for_each"] {
        if section(&text, "### Batches").contains(&format!("`{batch} = ")) {
            outputs.insert(batch.to_string());
        }
    }
    assert_eq!(
        outputs,
        accepted("[[output]]\nname = \"o\""),
        "[[output]] keys"
    );

    let config = section(&text, "## The config: `guide.toml`");
    let sample = &blocks(config, "toml")[0];
    let mut top: BTreeSet<String> = sample
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
        .collect();
    for table in ["section", "output", "question"] {
        if text.contains(&format!("`[[{table}]]`")) {
            top.insert(table.to_string());
        }
    }
    // A pack's pictures: a table `studyguide pack` writes.
    if text.contains("`[assets]`") {
        top.insert("assets".to_string());
    }
    assert_eq!(top, accepted(""), "top-level keys");
}

/// A key's stated default, when it is a value that can be written in TOML.
fn literal_default(cell: &str) -> Option<String> {
    let value = cell.strip_prefix('`')?.strip_suffix('`')?;
    if value.contains('`') {
        return None;
    }
    toml::from_str::<toml::Table>(&format!("v = {value}")).ok()?;
    Some(value.to_string())
}

#[test]
fn stated_defaults_are_the_defaults() {
    let text = readme();
    let mut checked = 0;
    let tables = [
        ("### `[[output]]`", 2),
        ("### Cheat sheets and flash cards", 2),
    ];
    for (heading, column) in tables {
        for row in rows(section(&text, heading)).iter().skip(1) {
            let (Some(key), Some(default)) = (row.first(), row.get(column)) else {
                continue;
            };
            let key = key.trim_matches('`');
            let Some(value) = literal_default(default) else {
                continue;
            };
            // Card keys only mean something for cards.
            let style = match row.get(1).map(String::as_str) {
                Some("cards") => "style = \"flashcards\"\n",
                _ => "",
            };
            same_output(key, &value, style);
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} defaults checked");
}

/// Building an output with `key = value` gives the same bytes as leaving
/// the key out.
fn same_output(key: &str, value: &str, style: &str) {
    let dir = scratch(&format!("readme-default-{key}"));
    copy_bank(&dir);
    let config = format!(
        "title = \"Defaults\"\nbanks = [\"questions/senior-backend.toml\"]\n\n[[section]]\ntitle = \"S\"\nids = [\"team-collaboration\", \"cloud-experience\"]\n\n[[output]]\nname = \"plain\"\n{style}\n[[output]]\nname = \"stated\"\n{style}{key} = {value}\n"
    );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let out = run(&dir, &["build"]);
    assert!(
        out.status.success(),
        "{key} = {value}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for ext in ["md", "pdf"] {
        let read = |name: &str| std::fs::read(dir.join(format!("out/{name}.{ext}"))).unwrap();
        assert!(
            read("plain") == read("stated"),
            "the README says `{key}` defaults to {value}, but setting it changes the {ext}"
        );
    }
}

#[test]
fn every_command_in_the_table_exists_with_the_flags_it_shows() {
    let text = readme();
    let dir = scratch("readme-commands");
    let mut seen = 0;
    for row in rows(section(&text, "## Commands")).iter().skip(1) {
        let Some(usage) = row[0].strip_prefix("`studyguide ") else {
            continue;
        };
        let usage = usage.trim_end_matches('`');
        let command = usage.split_whitespace().next().unwrap();
        let help = run(&dir, &[command, "--help"]);
        assert!(
            help.status.success(),
            "`studyguide {command}` does not exist"
        );
        let help = String::from_utf8_lossy(&help.stdout);
        for flag in usage
            .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == '|')
            .filter(|w| w.starts_with("--") || (w.starts_with('-') && w.len() == 2))
        {
            let flag = flag.split('=').next().unwrap();
            assert!(
                help.contains(flag),
                "`studyguide {command}` has no {flag}:\n{help}"
            );
        }
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} commands found in the table");
}

#[test]
fn config_and_bank_snippets_are_valid_and_complete_ones_build() {
    let text = readme();
    let mut complete = 0;
    for (k, block) in blocks(&text, "toml").iter().enumerate() {
        let table: toml::Table = toml::from_str(block)
            .unwrap_or_else(|e| panic!("README toml block {k} does not parse: {e}\n{block}"));
        let dir = scratch(&format!("readme-snippet-{k}"));
        copy_bank(&dir);
        if table.contains_key("question") {
            std::fs::write(dir.join("questions/mine.toml"), block).unwrap();
            let config = "title = \"Bank\"\nbanks = [\"questions/mine.toml\"]\n";
            std::fs::write(dir.join("guide.toml"), config).unwrap();
        } else if table.contains_key("title") && table.contains_key("banks") {
            if let Some(folder) = table.get("templates").and_then(|t| t.as_str()) {
                std::fs::create_dir_all(dir.join(folder)).unwrap();
            }
            for logo in logos(&table) {
                let path = dir.join(logo);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::copy(root().join("assets/acme-logo.png"), path).unwrap();
            }
            std::fs::write(dir.join("guide.toml"), block).unwrap();
        } else {
            continue;
        }
        let out = run(&dir, &["check"]);
        assert!(
            out.status.success(),
            "README toml block {k} does not build:\n{block}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        complete += 1;
    }
    assert!(complete >= 3, "only {complete} complete snippets");
}

/// The logo files a config snippet names, at the top and in its outputs:
/// made for it, as its templates folder is.
fn logos(table: &toml::Table) -> Vec<String> {
    let outputs = table.get("output").and_then(|o| o.as_array());
    std::iter::once(table)
        .chain(outputs.into_iter().flatten().filter_map(|o| o.as_table()))
        .filter_map(|t| t.get("logo").and_then(|l| l.as_str()))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_sample_build_output_is_what_a_build_prints() {
    let text = readme();
    let quick = section(&text, "## Quick start");
    let sample = blocks(quick, "text")
        .into_iter()
        .find(|b| b.starts_with("wrote "))
        .expect("a sample of build's output");
    let dir = scratch("readme-build");
    copy_bank(&dir);
    std::fs::copy(root().join("guide.toml"), dir.join("guide.toml")).unwrap();
    let out = run(&dir, &["build"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        sample,
        "README's sample of `build` output is stale"
    );
}

#[test]
fn the_stated_rust_version_is_the_one_in_cargo_toml() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap();
    let version = manifest["package"]["rust-version"].as_str().unwrap();
    let text = readme();
    let quick = section(&text, "## Quick start");
    assert!(
        quick.contains(&format!("Rust {version} or newer")),
        "{quick}"
    );
    assert!(quick.contains("cargo install --locked --path ."), "{quick}");
    assert!(
        quick.contains("The first build") && quick.contains("GB of memory"),
        "the cost of a first build is stated: {quick}"
    );
}

#[test]
fn the_development_section_names_every_ci_step() {
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let text = readme();
    let development = section(&text, "## Development");
    // The command each step is known by, as the README writes it.
    for (step, phrase) in [
        ("cargo fmt --check", "`cargo fmt --check`"),
        ("cargo clippy", "clippy with `-D warnings`"),
        ("cargo test", "`cargo test`"),
        ("qpdf --check", "`qpdf --check`"),
        ("pdfcheck every", "`pdfcheck`"),
        ("cargo fuzz check", "`cargo fuzz check`"),
        ("install a C compiler", "a C compiler if missing"),
    ] {
        assert!(
            ci.contains(&format!("step \"{step}")),
            ".ci/run has no step `{step}`"
        );
        assert!(
            development.contains(phrase),
            "README Development does not mention {phrase}"
        );
    }
    let steps = ci
        .lines()
        .filter(|l| l.trim_start().starts_with("step \""))
        .count();
    assert_eq!(
        steps, 11,
        "a step was added or removed: update this list and the README"
    );
}
