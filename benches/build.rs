//! In-process benchmarks of whole builds on the example guide and on
//! synthetic banks from `studyguide::bench_bank` (25, 500 and 5,000
//! questions, seed 1, the same banks `scripts/bench.sh` times as processes).
//!
//! Run with `cargo bench`; `cargo bench -- synthetic` picks a group. The
//! 5,000-question case takes about 20 s per sample, so it runs few samples.

use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

/// A folder holding a guide over a synthetic bank of `questions`.
fn synthetic_dir(questions: usize) -> PathBuf {
    let dir = std::env::temp_dir()
        .join("studyguide-bench")
        .join(format!("q{questions}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the bench folder can be created");
    std::fs::write(dir.join("bank.toml"), studyguide::bench_bank(questions, 1))
        .expect("the bank can be written");
    std::fs::write(
        dir.join("guide.toml"),
        format!("title = \"Bench {questions}\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"bench\"\n"),
    )
    .expect("the guide can be written");
    dir
}

/// Loads and renders one output, returning its page count so the work
/// cannot be optimised away.
fn build(config: &Path, only: Option<&str>) -> usize {
    let guide = studyguide::Guide::load(config).expect("the guide loads");
    let (rendered, _) = guide.render(only).expect("the guide renders");
    rendered.iter().map(|r| r.pages).sum()
}

/// The shipped example guide, one output (the goal case of 10 ms).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn example_guide(bencher: divan::Bencher) {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide.toml");
    bencher.bench(|| build(&config, Some("guide")));
}

/// The cheat sheet, which searches for the largest size that fits 2 pages.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn example_cheatsheet_fit(bencher: divan::Bencher) {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide.toml");
    bencher.bench(|| build(&config, Some("cheatsheet")));
}

/// Whole builds on synthetic banks.
#[divan::bench(args = [25, 500, 5000], sample_count = 3, sample_size = 1)]
fn synthetic(bencher: divan::Bencher, questions: usize) {
    let dir = synthetic_dir(questions);
    let config = dir.join("guide.toml");
    bencher.bench(|| build(&config, None));
    let _ = std::fs::remove_dir_all(dir);
}

/// Markdown → layout → PDF alone, for the Markdown of 500 questions.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn typeset_500(bencher: divan::Bencher) {
    let dir = synthetic_dir(500);
    let guide = studyguide::Guide::load(&dir.join("guide.toml")).expect("the guide loads");
    let (rendered, _) = guide.render(None).expect("the guide renders");
    let markdown = rendered[0].markdown.clone();
    bencher.bench(|| {
        studyguide::typeset_markdown(&markdown)
            .expect("it typesets")
            .1
    });
    let _ = std::fs::remove_dir_all(dir);
}
