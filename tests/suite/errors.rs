//! Bad input: every error names the file, line and column, says how to fix
//! it, exits 2, and leaves earlier outputs alone.

use crate::common::{copy_bank, run, scratch};
use std::path::Path;

const GOOD: &str = r#"title = "Pack"
banks = ["questions/senior-backend.toml"]

[[section]]
title = "Picked"
ids = ["team-collaboration", "cloud-experience"]
"#;

fn project(name: &str, config: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    dir
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_misspelt_key_exits_2_with_line_and_the_expected_keys() {
    let dir = project(
        "typo",
        &GOOD.replace("title = \"Pack\"", "title = \"Pack\"\nsubtitel = \"x\""),
    );
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown field `subtitel`"), "{err}");
    assert!(err.contains("--> guide.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `subtitle`?"), "{err}");
    assert!(
        err.contains("expected one of: title, subtitle, author"),
        "{err}"
    );
}

#[test]
fn toml_syntax_errors_name_file_line_and_column() {
    let dir = project("syntax", &GOOD.replace("ids = [", "ids = [\"x\" \"y\", "));
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("invalid config"), "{err}");
    assert!(err.contains("--> guide.toml:6:"), "{err}");
    assert!(err.contains("6 | ids = "), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn a_wrong_type_names_the_key() {
    let dir = project(
        "type",
        &format!("{GOOD}\n[[output]]\nname = \"g\"\nfont_size = \"big\"\n"),
    );
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("guide.toml:10:13"), "{err}");
    assert!(err.contains("font_size"), "{err}");
}

#[test]
fn an_unknown_question_id_suggests_the_nearest_id() {
    let dir = project(
        "unknown-id",
        &GOOD.replace("cloud-experience", "cloud-experiense"),
    );
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("unknown question id `cloud-experiense`"),
        "{err}"
    );
    assert!(err.contains("--> guide.toml:6:30"), "{err}");
    assert!(err.contains("did you mean `cloud-experience`?"), "{err}");
}

#[test]
fn a_missing_bank_names_the_path_it_tried() {
    let dir = project(
        "no-bank",
        &GOOD.replace("senior-backend.toml", "missing.toml"),
    );
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cannot read bank `./questions/missing.toml`"),
        "{err}"
    );
    assert!(err.contains("--> guide.toml:2:"), "{err}");
}

#[test]
fn a_missing_config_is_a_clear_error() {
    let dir = scratch("no-config");
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read config `guide.toml`"));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let bad = GOOD
        .replace("cloud-experience", "nope-one")
        .replace("team-collaboration", "nope-two");
    let dir = project("many", &bad);
    let out = run(&dir, &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("`nope-one`") && err.contains("`nope-two`"),
        "{err}"
    );
    assert!(
        err.contains("studyguide: 3 errors"),
        "two unknown ids and the emptied section: {err}"
    );
}

#[test]
fn a_failed_build_keeps_the_last_good_pdf() {
    let dir = project("atomic", GOOD);
    assert!(run(&dir, &["build"]).status.success());
    let pdf = dir.join("out/guide.pdf");
    let before = std::fs::read(&pdf).unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        GOOD.replace("cloud-experience", "cloud-experiense"),
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        before,
        "the old PDF is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn duplicate_ids_across_banks_name_both_places() {
    let dir = project(
        "dupe",
        &GOOD.replace(
            "banks = [\"questions/senior-backend.toml\"]",
            "banks = [\"questions/senior-backend.toml\", \"extra.toml\"]",
        ),
    );
    std::fs::write(
        dir.join("extra.toml"),
        "[[question]]\nid = \"cloud-experience\"\nquestion = \"Again?\"\nanswer = \"Yes.\"\nsection = \"X\"\ndifficulty = \"easy\"\n",
    )
    .unwrap();
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("duplicate question id `cloud-experience`"),
        "{err}"
    );
    assert!(err.contains("--> ./extra.toml:2:6"), "{err}");
    assert!(err.contains("questions/senior-backend.toml:"), "{err}");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let config = GOOD.replace(
        "banks = [\"questions/senior-backend.toml\"]",
        "banks = [\"questions/senior-backend.toml\"]\ntemplates = \"tpl\"",
    );
    let dir = project("template", &config);
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(
        dir.join("tpl/question.md.hbs"),
        "## {{number}}. {{question}}\n\n{{answr}}\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("template `question` failed"), "{err}");
    assert!(err.contains("tpl/question.md.hbs:3:"), "{err}");
    assert!(!Path::new(&dir.join("out/guide.pdf")).exists());
}

#[test]
fn help_is_available_on_every_command() {
    for cmd in ["build", "check", "list"] {
        let out = run(&scratch("help"), &[cmd, "--help"]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("--config"));
    }
}

#[test]
fn a_failure_in_the_second_output_leaves_every_earlier_output_byte_identical() {
    let config = format!(
        "{}templates = \"tpl\"\n{}\n[[output]]\nname = \"first\"\n\n[[output]]\nname = \"second\"\ntemplate = \"broken\"\n",
        &GOOD[..GOOD.find("banks").unwrap()],
        &GOOD[GOOD.find("banks").unwrap()..]
    );
    let dir = project("atomic-multi", &config);
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    // A cover page: the title, then each question's title only.
    std::fs::write(
        dir.join("tpl/broken.md.hbs"),
        "# {{title}}\n{{#each sections}}{{#each questions}}\n<!-- question: {{id}} -->\n{{question}}\n{{/each}}{{/each}}\n",
    )
    .unwrap();
    assert!(run(&dir, &["build"]).status.success());
    let first = std::fs::read(dir.join("out/first.pdf")).unwrap();
    let second = std::fs::read(dir.join("out/second.pdf")).unwrap();
    let lock = std::fs::read(dir.join("guide.lock")).unwrap();
    // Change the first output's content, and break the second's template.
    std::fs::write(
        dir.join("guide.toml"),
        config.replace("title = \"Pack\"", "title = \"Pack v2\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("tpl/broken.md.hbs"),
        "# {{title}}\n{{#each sections}}\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("template `broken` does not compile"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(dir.join("out/first.pdf")).unwrap(),
        first,
        "the first output was not rewritten"
    );
    assert_eq!(std::fs::read(dir.join("out/second.pdf")).unwrap(), second);
    assert_eq!(std::fs::read(dir.join("guide.lock")).unwrap(), lock);
}

#[test]
fn deny_warnings_turns_a_warning_into_an_error_and_writes_nothing() {
    let twice = GOOD.to_string() + "\n[[section]]\ntitle = \"Again\"\nids = [\"team-collaboration\", \"git-version-control\"]\n";
    let dir = project("deny", &twice);
    let out = run(&dir, &["build"]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning: question `team-collaboration` is selected by section"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    let out = run(&dir, &["build", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: question `team-collaboration` is selected by section"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("made an error by --deny-warnings"));
    assert!(!dir.join("out").exists());
}

#[test]
fn quiet_prints_nothing_and_timings_prints_every_stage() {
    let dir = project("timings", GOOD);
    let out = run(&dir, &["build", "--quiet", "--timings"]);
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = stderr(&out);
    for stage in [
        "load", "select", "render", "parse", "layout", "guard", "pdf", "write", "wall",
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(stage) && l.ends_with(" ms")),
            "{stage}: {err}"
        );
    }
}

#[test]
fn completions_and_the_man_page_are_valid() {
    let dir = scratch("completions");
    let bash = run(&dir, &["completions", "bash"]);
    assert!(bash.status.success());
    std::fs::write(dir.join("sg.bash"), &bash.stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(dir.join("sg.bash"))
        .status()
        .unwrap();
    assert!(check.success(), "bash -n accepts the completion script");
    for shell in ["zsh", "fish"] {
        let out = run(&dir, &["completions", shell]);
        assert!(out.status.success() && out.stdout.len() > 500, "{shell}");
    }
    let man = run(&dir, &["man"]);
    let roff = String::from_utf8_lossy(&man.stdout);
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH studyguide 1"),
        "{roff}"
    );
    assert!(
        roff.contains("SUBCOMMANDS") || roff.contains("studyguide\\-build"),
        "{roff}"
    );
    // Every page the main page points to exists, with the command's options.
    for (command, option) in [
        ("build", "\\-\\-locked"),
        ("import", "\\-\\-force"),
        ("man", ""),
    ] {
        let page = run(&dir, &["man", command]);
        assert!(page.status.success(), "{command}");
        let roff = String::from_utf8_lossy(&page.stdout);
        assert!(
            roff.contains(&format!(".TH studyguide-{command} 1")),
            "{roff}"
        );
        assert!(roff.contains(option), "{command}: {roff}");
    }
    assert_eq!(run(&dir, &["man", "nope"]).status.code(), Some(2));
}

#[test]
fn init_scaffolds_a_project_that_builds_and_keeps_what_is_there() {
    let dir = scratch("init");
    let demo = dir.join("demo");
    let out = run(&dir, &["init", "demo", "--templates"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(demo.join("templates/candidate.md.hbs").exists());
    let built = run(&demo, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    for name in ["candidate", "interviewer", "cheatsheet", "flashcards"] {
        assert!(demo.join(format!("out/{name}.pdf")).exists(), "{name}");
    }
    let before = std::fs::read(demo.join("guide.toml")).unwrap();
    let again = run(&dir, &["init", "demo"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("kept demo/guide.toml"), "{said}");
    assert_eq!(std::fs::read(demo.join("guide.toml")).unwrap(), before);
    assert!(run(&dir, &["init", "demo", "--force", "--minimal"])
        .status
        .success());
    let bank = std::fs::read_to_string(demo.join("questions/senior-backend.toml")).unwrap();
    assert_eq!(
        bank.lines()
            .filter(|l| l.starts_with("[[question]]"))
            .count(),
        3
    );
}

/// A file named on the command line is read from the current folder, and
/// the hint says so: there is no config to be relative to.
#[test]
fn a_missing_file_to_import_is_looked_for_in_the_current_folder() {
    let dir = scratch("import-missing");
    let out = run(&dir, &["import", "nowhere.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("it is read from the current folder (tried `nowhere.md`)"),
        "{stderr}"
    );
    assert!(!stderr.contains("config"), "{stderr}");
}
