//! Nothing the user has is lost or silently changed: a config named like a
//! lock, an existing bank, a lock that repeats a question, a bad date.

use crate::common::{copy_bank, root, run, scratch};

fn project(name: &str, config_name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    std::fs::copy(root().join("guide.toml"), dir.join(config_name)).unwrap();
    dir
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_config_named_like_a_lock_is_never_overwritten_by_its_lock() {
    let dir = project("lock-named", "role.lock");
    let before = std::fs::read(dir.join("role.lock")).unwrap();
    let out = run(&dir, &["build", "role.lock", "--output", "guide"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.join("role.lock")).unwrap(), before);
    assert!(dir.join("role.lock.lock").exists());
    let again = run(
        &dir,
        &["build", "role.lock", "--locked", "--output", "guide"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn import_never_replaces_a_bank_without_force() {
    let dir = scratch("import-keeps-bank");
    std::fs::write(
        dir.join("list.md"),
        "## What is a queue?\n\nA line of work items.\n",
    )
    .unwrap();
    std::fs::write(dir.join("bank.toml"), "# my hand-written bank\n").unwrap();
    let out = run(&dir, &["import", "list.md", "-o", "bank.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`bank.toml` already exists"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("bank.toml")).unwrap(),
        "# my hand-written bank\n"
    );
    let out = run(&dir, &["import", "list.md", "-o", "bank.toml", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.join("bank.toml"))
        .unwrap()
        .contains("What is a queue?"));
}

#[test]
fn a_lock_that_lists_a_question_twice_is_an_error() {
    let dir = project("lock-twice", "guide.toml");
    assert!(run(&dir, &["build", "--output", "guide"]).status.success());
    let lock = std::fs::read_to_string(dir.join("guide.lock")).unwrap();
    let entry = "[[section.questions]]\nid = \"team-collaboration\"\n";
    let at = lock.find(entry).unwrap();
    let end = at + lock[at..].find("\n\n").unwrap() + 2;
    let repeated = format!("{}{}{}", &lock[..end], &lock[at..end], &lock[end..]);
    std::fs::write(dir.join("guide.lock"), repeated).unwrap();
    let out = run(&dir, &["build", "--locked", "--output", "guide"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("lock file lists question `team-collaboration` twice"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unusable_source_date_epoch_is_a_warning_and_means_1970() {
    let dir = project("epoch", "guide.toml");
    for bad in ["yesterday", "99999999999999", "-5"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_studyguide"))
            .args(["build", "--output", "guide"])
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", bad)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("SOURCE_DATE_EPOCH is `{bad}`")),
            "{}",
            stderr(&out)
        );
        let pdf = std::fs::read(dir.join("out/guide.pdf")).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("D:19700101"), "the stated default date");
    }
}

#[test]
fn a_damaged_font_exits_2_naming_the_file_and_its_key() {
    let dir = project("bad-font", "guide.toml");
    let font = std::fs::read(root().join("fonts/GentiumBookPlus-Regular.ttf")).unwrap();
    std::fs::write(dir.join("cut.ttf"), &font[..20_000]).unwrap();
    // The fonts table belongs to the flash cards, the last PDF output.
    let config = std::fs::read_to_string(dir.join("guide.toml"))
        .unwrap()
        .replace(
            "duplex = \"long-edge\"\n",
            "duplex = \"long-edge\"\n[output.fonts]\nregular = \"cut.ttf\"\n",
        );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("font `./cut.ttf` (`regular` under [output.fonts] of output `flashcards`) cannot be embedded"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn init_next_to_a_lone_guide_writes_the_bank_and_keeps_the_guide() {
    let dir = scratch("init-lone");
    std::fs::write(dir.join("guide.toml"), "# mine\n").unwrap();
    let out = run(&dir, &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("wrote ./questions/senior-backend.toml"),
        "{said}"
    );
    assert!(said.contains("kept ./guide.toml"), "{said}");
    assert_eq!(
        std::fs::read_to_string(dir.join("guide.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn the_commented_example_in_a_new_guide_names_a_question_of_its_bank() {
    for minimal in [false, true] {
        let dir = scratch(if minimal { "init-ids-min" } else { "init-ids" });
        let args: &[&str] = if minimal {
            &["init", "--minimal"]
        } else {
            &["init"]
        };
        assert!(run(&dir, args).status.success());
        let guide = std::fs::read_to_string(dir.join("guide.toml")).unwrap();
        let line = guide.lines().find(|l| l.starts_with("# ids = ")).unwrap();
        // Uncomment the first section, as its comment invites.
        let section = format!("# [[section]]\n# title = \"Warm-up\"\n{line}");
        let open = format!("[[section]]\ntitle = \"Warm-up\"\n{}", &line[2..]);
        assert!(guide.contains(&section), "{guide}");
        std::fs::write(dir.join("guide.toml"), guide.replacen(&section, &open, 1)).unwrap();
        let out = run(&dir, &["check"]);
        assert!(out.status.success(), "{}: {}", line, stderr(&out));
    }
}

#[test]
fn a_list_that_matches_nothing_says_so() {
    let dir = project("list-nothing", "guide.toml");
    let out = run(
        &dir,
        &["list", "--tag", "nonexistent", "--difficulty", "hard"],
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out).trim(),
        "no question of 25 matches tag nonexistent and difficulty hard"
    );
}

#[test]
fn verbose_adds_what_the_page_flow_did() {
    let dir = project("verbose", "guide.toml");
    let quiet = run(&dir, &["build", "--output", "guide"]);
    let loud = run(&dir, &["build", "--output", "guide", "-v"]);
    let (quiet, loud) = (
        String::from_utf8_lossy(&quiet.stdout).into_owned(),
        String::from_utf8_lossy(&loud.stdout).into_owned(),
    );
    assert!(!quiet.contains("guide: continued"), "{quiet}");
    assert!(loud.contains("guide: continued"), "{loud}");
}

#[test]
fn missing_glyphs_print_one_warning_for_every_character() {
    let dir = scratch("many-glyphs");
    let odd: String = ('\u{e000}'..='\u{e009}').collect();
    std::fs::write(
        dir.join("bank.toml"),
        format!("[[question]]\nid = \"odd\"\nquestion = \"Odd {odd}?\"\nanswer = \"Yes.\"\nsection = \"S\"\ndifficulty = \"easy\"\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Odd\"\nbanks = [\"bank.toml\"]\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains("… the same for others: `U+E001 '\\u{e001}'`"),
        "{err}"
    );
    assert!(err.lines().count() < 12, "{err}");
}

#[test]
fn the_report_says_page_on_one_column_pages_and_column_on_several() {
    let dir = project("report-words", "guide.toml");
    let one = run(&dir, &["build", "--output", "guide", "--report"]);
    let one = String::from_utf8_lossy(&one.stdout).into_owned();
    assert!(one.contains("continues into the next page"), "{one}");
    assert!(!one.contains("column"), "{one}");
    let config = std::fs::read_to_string(dir.join("guide.toml"))
        .unwrap()
        .replace("font_size = 10.5", "font_size = 10.5\ncolumns = 2");
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let two = run(&dir, &["build", "--output", "guide", "--report"]);
    let two = String::from_utf8_lossy(&two.stdout).into_owned();
    assert!(two.contains("next column"), "{two}");
}

#[test]
fn flash_card_fronts_are_never_hyphenated() {
    let dir = project("card-fronts", "guide.toml");
    assert!(run(&dir, &["build", "--output", "flashcards"])
        .status
        .success());
    let pdf = std::fs::read(dir.join("out/flashcards.pdf")).unwrap();
    let pages = crate::common::pdf_pages(&pdf);
    // Sheets alternate: fronts, then backs.
    let fronts: String = pages
        .iter()
        .step_by(2)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    for word in ["coordinate", "important"] {
        assert!(
            fronts.contains(word),
            "`{word}` is split on a front:\n{fronts}"
        );
    }
    assert!(
        !fronts
            .lines()
            .any(|l| l.trim_end().ends_with(['-', '\u{ad}'])
                && l.trim_end()
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(char::is_alphabetic)
                && !l.contains("front-")),
        "a front line ends in a hyphen:\n{fronts}"
    );
}
