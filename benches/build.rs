//! In-process benchmarks of whole builds on the example guide and on
//! synthetic banks from `studyguide::bench_bank` (25, 500 and 5,000
//! questions, seed 1, the same banks `scripts/bench.sh` times as processes),
//! of typesetting a 500 KB Markdown file (what `studyguide render` does),
//! and of a pack of 400 outputs.
//!
//! Run with `cargo bench`; `cargo bench -- synthetic` picks a group. The
//! 5,000-question case and the pack take seconds per sample, so they run
//! few samples.

use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

/// A fresh folder for one benchmark's files.
fn bench_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join("studyguide-bench")
        .join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the bench folder can be created");
    dir
}

/// A folder holding a guide over a synthetic bank of `questions`.
fn synthetic_dir(questions: usize) -> PathBuf {
    synthetic_dir_seeded(questions, 1)
}

/// [`synthetic_dir`] with the bank's seed.
fn synthetic_dir_seeded(questions: usize, seed: u64) -> PathBuf {
    let dir = bench_dir(&format!("q{questions}-s{seed}"));
    std::fs::write(
        dir.join("bank.toml"),
        studyguide::bench_bank(questions, seed),
    )
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

/// What `studyguide render` does with a 500 KB Markdown file: the Markdown
/// studyguide writes for 300 synthetic questions (seed 2), typeset alone.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn render_500kb(bencher: divan::Bencher) {
    let dir = synthetic_dir_seeded(300, 2);
    let guide = studyguide::Guide::load(&dir.join("guide.toml")).expect("the guide loads");
    let (rendered, _) = guide.render(None).expect("the guide renders");
    let markdown = rendered[0].markdown.clone();
    assert!(markdown.len() > 450_000, "{} bytes", markdown.len());
    bencher.bench(|| {
        studyguide::typeset_markdown(&markdown)
            .expect("it typesets")
            .1
    });
    let _ = std::fs::remove_dir_all(dir);
}

/// A pack (`studyguide pack`) of the example guide with 400 outputs (two
/// copies of its `guide` output, 200 variants each), built the way `build`
/// builds it: each output handed on and dropped as soon as it is done.
#[divan::bench(sample_count = 2, sample_size = 1)]
fn pack_400(bencher: divan::Bencher) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = bench_dir("pack400");
    std::fs::create_dir_all(dir.join("questions")).expect("the folder can be created");
    std::fs::copy(
        root.join("questions/senior-backend.toml"),
        dir.join("questions/senior-backend.toml"),
    )
    .expect("the bank can be copied");
    let example = std::fs::read_to_string(root.join("guide.toml")).expect("the example reads");
    let settings = &example[..example.find("[[output]]").expect("it has outputs")];
    std::fs::write(
        dir.join("source.toml"),
        format!(
            "{settings}[[output]]\nname = \"guide\"\nvariants = 200\n\n\
             [[output]]\nname = \"copy\"\nvariants = 200\n"
        ),
    )
    .expect("the config can be written");
    let pack = dir.join("pack.toml");
    studyguide::pack(
        &dir.join("source.toml"),
        &pack,
        &studyguide::Options::default(),
    )
    .expect("the pack is written");
    let guide = studyguide::Guide::load(&pack).expect("the pack loads");
    bencher.bench(|| {
        let (pages, _) = guide
            .render_each(&studyguide::Options::default(), None, |r| Ok(r.pages))
            .expect("the pack renders");
        assert_eq!(pages.len(), 400);
        pages.iter().sum::<usize>()
    });
    let _ = std::fs::remove_dir_all(dir);
}
