//! Packs written to break things. A pack is one config file that carries
//! its questions and templates; each hostile one must exit 2 quickly, in
//! little memory, with a short message, and write nothing.

use crate::common::scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A pack of `n` questions with long answers, and `templates` inline.
fn pack(n: usize, templates: &[(&str, &str)]) -> String {
    let mut text = String::from(
        "title = \"Hostile\"\n\n[[section]]\ntitle = \"All\"\nbank_section = \"All\"\n\n[[output]]\nname = \"guide\"\n\n[templates]\n",
    );
    for (name, body) in templates {
        text.push_str(&format!("{name} = '''\n{body}'''\n"));
    }
    let answer = "A long example answer that goes on for a while. ".repeat(40);
    for k in 0..n {
        text.push_str(&format!(
            "\n[[question]]\nid = \"q{k}\"\nquestion = \"Question {k}?\"\nsection = \"All\"\ndifficulty = \"easy\"\nanswer = \"{answer}\"\n"
        ));
    }
    text
}

/// What a run of the binary did.
struct Outcome {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    /// The peak resident memory read last while it ran, in KiB.
    peak_kb: u64,
    dir: PathBuf,
}

/// Runs `studyguide ARGS` in a folder holding `pack.toml`, reading the
/// child's peak memory from /proc while it runs.
fn build(name: &str, pack_text: &str, args: &[&str]) -> Outcome {
    let dir = scratch(name);
    std::fs::write(dir.join("pack.toml"), pack_text).unwrap();
    run_in(dir, args)
}

/// Runs `studyguide ARGS` in `dir`.
fn run_in(dir: PathBuf, args: &[&str]) -> Outcome {
    let name = dir.display().to_string();
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(args)
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Ok(text) = std::fs::read_to_string(&status_path) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak_kb = kb;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{name}: still running after 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    Outcome {
        code: status.code(),
        stderr,
        elapsed,
        peak_kb,
        dir,
    }
}

/// Exit 2, a short message that says `expected`, nothing written, and
/// bounded time and memory.
fn refused(o: &Outcome, expected: &str) {
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains(expected), "{}", o.stderr);
    assert!(
        o.stderr.len() < 8 * 1024,
        "stderr is {} bytes",
        o.stderr.len()
    );
    assert!(!has_outputs(&o.dir), "something was written");
    // Generous against the goal of 2 s: tests run unoptimised on a shared
    // machine.
    assert!(o.elapsed < Duration::from_secs(20), "took {:?}", o.elapsed);
    assert!(o.peak_kb < 100 * 1024, "peak {} KiB", o.peak_kb);
}

fn has_outputs(dir: &Path) -> bool {
    dir.join("out").exists()
}

#[test]
fn a_partial_that_includes_itself_is_refused_before_rendering() {
    for args in [&["build", "pack.toml"][..], &["check", "pack.toml"]] {
        let o = build(
            "direct-recursion",
            &pack(3, &[("question", "{{> question}}\n")]),
            args,
        );
        refused(
            &o,
            "template `question` includes itself: `question` → `question`",
        );
    }
}

#[test]
fn partials_that_include_each_other_are_refused() {
    let o = build(
        "mutual-recursion",
        &pack(
            3,
            &[
                ("question", "{{> other}}\n"),
                ("other", "{{#if id}}{{> question}}{{/if}}\n"),
            ],
        ),
        &["build", "pack.toml"],
    );
    refused(&o, "includes itself: `question` → `other` → `question`");
}

#[test]
fn an_inline_partial_that_includes_itself_is_refused() {
    let o = build(
        "inline-recursion",
        &pack(
            3,
            &[(
                "question",
                "{{#*inline \"again\"}}{{> again}}{{/inline}}{{> again}}\n",
            )],
        ),
        &["build", "pack.toml"],
    );
    refused(&o, "template `again` includes itself");
}

#[test]
fn nested_loops_that_print_the_guide_for_every_question_stop_at_the_output_limit() {
    let bomb = "{{#each @root.sections}}{{#each questions}}{{#each @root.sections}}{{#each questions}}{{#each @root.sections}}{{#each questions}}{{{answer}}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}\n";
    // Six loops are refused outright.
    let o = build(
        "loop-nesting",
        &pack(40, &[("handout", bomb)]),
        &["build", "pack.toml"],
    );
    refused(&o, "nests 6 `{{#each}}` loops");
    // Five loops are allowed, and print 40^3 answers.
    let five = "{{#each @root.sections}}{{#each questions}}{{#each @root.sections}}{{#each questions}}{{#each @root.sections.[0].questions}}{{{answer}}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}\n";
    let o = build(
        "output-bomb",
        &pack(40, &[("handout", five)]),
        &["build", "pack.toml"],
    );
    refused(&o, "renders more than 16 MiB of Markdown");
}

#[test]
fn loops_that_print_nothing_stop_at_the_step_limit() {
    let spin = "{{#each @root.sections}}{{#each questions}}{{#each @root.sections}}{{#each questions}}{{#each @root.sections.[0].questions}}{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}\n";
    let o = build(
        "loop-bomb",
        &pack(200, &[("handout", spin)]),
        &["build", "pack.toml"],
    );
    refused(&o, "loop steps");
}

#[test]
fn a_partial_with_a_computed_name_is_refused() {
    let o = build(
        "dynamic-partial",
        &pack(3, &[("handout", "{{> (lookup this \"title\")}}\n")]),
        &["build", "pack.toml"],
    );
    refused(&o, "includes a partial whose name is computed");
}

/// A bank with one question, outside any project folder.
fn outside_file(name: &str, text: &str) -> PathBuf {
    let path = scratch(&format!("outside-{name}")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const BANK: &str = "[[question]]\nid = \"secret\"\nquestion = \"A secret?\"\nsection = \"S\"\ndifficulty = \"easy\"\nanswer = \"The secret answer.\"\n";

/// A project whose `link` is a symlink to `target`; the bank is
/// `questions/bank.toml` (a link itself, or a copy of [`BANK`]).
fn linked(name: &str, link: &str, target: &Path, extra: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("questions")).unwrap();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::os::unix::fs::symlink(target, dir.join(link)).unwrap();
    if !dir.join("questions/bank.toml").exists() {
        std::fs::write(dir.join("questions/bank.toml"), BANK).unwrap();
    }
    let config = format!(
        "title = \"Linked\"\nbanks = [\"questions/bank.toml\"]\n{extra}\n[[output]]\nname = \"guide\"\n"
    );
    std::fs::write(dir.join("pack.toml"), config).unwrap();
    dir
}

#[test]
fn a_bank_linked_from_outside_is_refused_and_never_packed() {
    let bank = outside_file("secret.toml", BANK);
    let dir = linked("link-bank", "questions/bank.toml", &bank, "");
    refused(
        &run_in(dir.clone(), &["build", "pack.toml"]),
        "bank `./questions/bank.toml` leads to",
    );
    let o = run_in(dir.clone(), &["pack", "pack.toml", "-o", "shared.toml"]);
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(
        !dir.join("shared.toml").exists(),
        "the outside bank was packed"
    );
}

#[test]
fn templates_and_fonts_linked_from_outside_are_refused() {
    let template = outside_file("handout.md.hbs", "{{title}}\n");
    let dir = linked(
        "link-template",
        "tpl/handout.md.hbs",
        &template,
        "templates = \"tpl\"",
    );
    refused(
        &run_in(dir, &["build", "pack.toml"]),
        "template `./tpl/handout.md.hbs` leads to",
    );
    let folder = template.parent().unwrap();
    let dir = linked("link-folder", "tpl2", folder, "templates = \"tpl2\"");
    refused(
        &run_in(dir, &["check", "pack.toml"]),
        "templates folder `./tpl2` leads to",
    );
    let font = outside_file("font.ttf", "not really a font");
    let dir = linked("link-font", "f.ttf", &font, "");
    let config = std::fs::read_to_string(dir.join("pack.toml")).unwrap()
        + "[output.fonts]\nregular = \"f.ttf\"\n";
    std::fs::write(dir.join("pack.toml"), config).unwrap();
    refused(
        &run_in(dir, &["build", "pack.toml"]),
        "font `./f.ttf` leads to",
    );
}

#[test]
fn devices_and_fifos_are_not_read() {
    let dir = linked(
        "link-zero",
        "questions/bank.toml",
        Path::new("/dev/zero"),
        "",
    );
    refused(
        &run_in(dir.clone(), &["build", "pack.toml"]),
        "leads to `/dev/zero`",
    );
    // Trusted, it is still no regular file, and is never read.
    let o = run_in(dir, &["build", "--allow-outside", "pack.toml"]);
    refused(&o, "is not a regular file");
    let dir = scratch("fifo");
    std::fs::create_dir_all(dir.join("questions")).unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.join("questions/bank.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::write(
        dir.join("pack.toml"),
        "title = \"Fifo\"\nbanks = [\"questions/bank.toml\"]\n",
    )
    .unwrap();
    refused(
        &run_in(dir, &["build", "pack.toml"]),
        "is not a regular file",
    );
}

#[test]
fn the_same_bank_listed_twice_fails_at_once() {
    let dir = scratch("twice");
    std::fs::create_dir_all(dir.join("questions")).unwrap();
    std::fs::write(dir.join("questions/bank.toml"), BANK).unwrap();
    let list = vec!["\"questions/bank.toml\""; 30].join(", ");
    std::fs::write(
        dir.join("pack.toml"),
        format!("title = \"Twice\"\nbanks = [{list}]\n"),
    )
    .unwrap();
    refused(
        &run_in(dir, &["build", "pack.toml"]),
        "bank `./questions/bank.toml` is listed twice",
    );
}

#[test]
fn six_thousand_unknown_ids_on_one_line_print_a_short_report() {
    let ids: Vec<String> = (0..6000).map(|k| format!("\"missing-{k}\"")).collect();
    let text = pack(3, &[]).replace(
        "bank_section = \"All\"",
        &format!("ids = [{}]", ids.join(", ")),
    );
    let o = build("unknown-ids", &text, &["build", "pack.toml"]);
    refused(&o, "and 5989 more");
}

#[test]
fn a_syntax_error_on_a_one_megabyte_line_prints_a_short_snippet() {
    let text = format!("title = \"{}\" = oops\n", "x".repeat(1 << 20));
    let o = build("long-line", &text, &["build", "pack.toml"]);
    refused(&o, "…");
}

#[test]
fn terminal_sequences_in_a_pack_never_reach_the_terminal() {
    let esc = "\\u001b]0;owned\\u0007\\u001b[2J";
    let text = pack(3, &[])
        .replace(
            "title = \"Hostile\"",
            &format!("title = \"{esc}\"\nbanks = [\"{esc}.toml\"]"),
        )
        .replace(
            "section = \"All\"\n",
            &format!("section = \"All\"\ntags = [\"{esc}\"]\n"),
        );
    let o = build("escapes", &text, &["build", "pack.toml"]);
    refused(&o, "\\u{1b}]0;owned\\u{7}");
    assert!(!o.stderr.contains('\u{1b}'), "{:?}", o.stderr);
    // `list` shows the tags of a pack that builds, escaped as well.
    let listable = text.replace(&format!("banks = [\"{esc}.toml\"]"), "");
    std::fs::write(o.dir.join("pack.toml"), listable).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(["list", "pack.toml"])
        .current_dir(&o.dir)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shown.contains("\\u{1b}]0;owned"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
}

#[test]
fn an_answer_of_short_sentences_cannot_leak_into_a_candidate_copy() {
    let leaky = "{{#each sections}}{{#each questions}}\n<!-- question: {{id}} -->\n## {{question}}\n\nTip: {{{answer}}}\n{{/each}}{{/each}}\n";
    let text = pack(1, &[("sneaky", leaky)])
        .replace(
            "name = \"guide\"\n",
            "name = \"guide\"\ntemplate = \"sneaky\"\nshow = [\"question\"]\n",
        )
        .replace(
            &format!(
                "answer = \"{}\"",
                "A long example answer that goes on for a while. ".repeat(40)
            ),
            "answer = \"Use Redis. Cache it. Done.\"",
        );
    let o = build("short-leak", &text, &["build", "pack.toml"]);
    refused(
        &o,
        "does not show answers but contains that of `q0`: \"Use Redis\"",
    );
}

#[test]
fn a_four_megabyte_word_is_refused_before_layout() {
    let text = pack(1, &[]).replace(
        &format!(
            "answer = \"{}\"",
            "A long example answer that goes on for a while. ".repeat(40)
        ),
        &format!("answer = \"{}\"", "x".repeat(4 << 20)),
    );
    let o = build("huge-word", &text, &["build", "pack.toml"]);
    refused(&o, "holds a word of more than 100000 bytes without a space");
}
