//! The `anki` output style: a deck Anki's text import takes as it is.

use crate::common::{copy_bank, root, run, scratch};

/// The example guide's `deck` output or, with `extra` lines, one more
/// `anki` output `deck-2`, built in a scratch folder; returns the folder
/// and the deck's text.
fn build_deck(name: &str, extra: &str) -> (std::path::PathBuf, String) {
    let dir = scratch(name);
    copy_bank(&dir);
    let mut guide = std::fs::read_to_string(root().join("guide.toml")).unwrap();
    let deck = if extra.is_empty() {
        "deck"
    } else {
        guide += &format!("\n[[output]]\nname = \"deck-2\"\nstyle = \"anki\"\n{extra}");
        "deck-2"
    };
    std::fs::write(dir.join("guide.toml"), guide).unwrap();
    let out = run(&dir, &["build", "--output", deck]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("out/{deck}.txt (25 notes")),
        "{stdout}"
    );
    assert!(
        !dir.join(format!("out/{deck}.md")).exists(),
        "a deck has no Markdown"
    );
    let text = std::fs::read_to_string(dir.join(format!("out/{deck}.txt"))).unwrap();
    (dir, text)
}

fn questions() -> Vec<studyguide::Question> {
    studyguide::Guide::load(&root().join("guide.toml"))
        .unwrap()
        .questions
}

#[test]
fn the_deck_has_anki_headers_and_five_fields_on_every_line() {
    let (_, text) = build_deck("deck-headers", "");
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<&str> = lines
        .iter()
        .copied()
        .take_while(|l| l.starts_with('#'))
        .collect();
    assert_eq!(
        headers,
        [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            "#guid column:1",
            "#deck column:2",
            "#tags column:5",
            "#columns:GUID\tDeck\tFront\tBack\tTags",
        ]
    );
    let notes = &lines[headers.len()..];
    assert_eq!(notes.len(), 25, "one line per selected question");
    let bank = questions();
    let mut guids = Vec::new();
    for line in notes {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        // Anki would read a field that opens with a quote as a quoted one.
        assert!(fields.iter().all(|f| !f.starts_with('"')), "{line}");
        let id = fields[0].strip_prefix("studyguide:").expect("guid");
        let q = bank.iter().find(|q| q.id == id).expect("a bank id");
        assert!(
            fields[1].starts_with("Senior Backend Developer Interview::"),
            "{}",
            fields[1]
        );
        assert_eq!(fields[2], q.question.replace('\'', "\u{2019}"), "front");
        assert!(
            fields[3].starts_with('<'),
            "the back is HTML: {}",
            fields[3]
        );
        assert_eq!(fields[4], q.tags.join(" "));
        guids.push(id.to_string());
    }
    guids.sort();
    guids.dedup();
    assert_eq!(guids.len(), 25, "guids are unique");
}

#[test]
fn the_back_is_the_answer_as_html_with_code_kept() {
    let (_, text) = build_deck("deck-back", "");
    let bank = questions();
    let line = text
        .lines()
        .find(|l| l.contains("<pre><code"))
        .expect("an answer with a code block");
    let back = line.split('\t').nth(3).unwrap();
    let id = line
        .split('\t')
        .next()
        .unwrap()
        .trim_start_matches("studyguide:");
    let q = bank.iter().find(|q| q.id == id).unwrap();
    // Code keeps its lines as `<br>`, never a raw newline or tab.
    assert!(back.contains("<br>"), "{back}");
    assert!(
        !back.contains("Why they ask"),
        "why is not shown by default"
    );
    let first_words = q
        .answer
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\'', "\u{2019}");
    assert!(back.contains(&first_words), "{first_words} in {back}");
}

#[test]
fn show_picks_what_goes_on_the_back_and_hidden_answers_stay_out() {
    let (_, text) = build_deck("deck-show", "show = [\"question\", \"why\"]\n");
    let bank = questions();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let q = bank
            .iter()
            .find(|q| fields[0] == format!("studyguide:{}", q.id))
            .unwrap();
        assert!(fields[3].contains("Why they ask"), "{line}");
        let answer_words: String = q
            .answer
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!fields[3].contains(&answer_words), "answer leaked: {line}");
    }
}

#[test]
fn the_deck_imports_back_into_the_same_questions_and_sections() {
    let (dir, _) = build_deck("deck-round-trip", "");
    let out = run(&dir, &["import", "out/deck.txt", "-o", "back.toml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("found 25 questions"), "{summary}");
    assert!(summary.contains("Architecture and systems: 5"), "{summary}");
    let back = std::fs::read_to_string(dir.join("back.toml")).unwrap();
    for q in questions() {
        let plain = q.question.replace('\'', "\u{2019}");
        assert!(
            back.contains(&plain),
            "{plain} missing from the imported bank"
        );
    }
}

#[test]
fn an_anki_output_with_a_template_is_a_clear_error() {
    let dir = scratch("deck-template");
    copy_bank(&dir);
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"T\"\nbanks = [\"questions/senior-backend.toml\"]\n\
         [[output]]\nname = \"deck\"\nstyle = \"anki\"\ntemplate = \"handout\"\n",
    )
    .unwrap();
    let out = run(&dir, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("guide.toml:6:"), "{err}");
    assert!(err.contains("has no template"), "{err}");
    assert!(!dir.join("out").exists(), "nothing written");
}
