//! Pins the exact PDF bytes of the example guide and of a fixed synthetic
//! bank. Speed work must not move a glyph: if one of these hashes changes,
//! the layout or the PDF encoding changed, and that needs a reason of its own.

use crate::common::scratch;
use sha2::{Digest, Sha256};

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Renders every output of `config` and returns (name, pages, SHA-256).
fn hashes(config: &std::path::Path) -> Vec<(String, usize, String)> {
    let guide = studyguide::Guide::load(config).expect("the guide loads");
    let (rendered, _) = guide.render(None).expect("the guide renders");
    rendered
        .iter()
        .map(|r| (r.name.clone(), r.pages, sha(&r.file)))
        .collect()
}

fn assert_pinned(actual: &[(String, usize, String)], expected: &[(&str, usize, &str)]) {
    let got: Vec<(&str, usize, &str)> = actual
        .iter()
        .map(|(n, p, h)| (n.as_str(), *p, h.as_str()))
        .collect();
    assert_eq!(
        got, expected,
        "the PDF bytes changed; if that is intended, explain why in the commit and paste the new hashes"
    );
}

#[test]
fn example_guide_pdfs_are_pinned() {
    let actual = hashes(&crate::common::root().join("guide.toml"));
    assert_pinned(
        &actual,
        &[
            (
                "candidate",
                9,
                "1956e9327566423de2ecaf3dcdf6dc248e3a4b180508690970112e898244e7e8",
            ),
            (
                "interviewer",
                26,
                "1bc9866e5c88906f44d643344999b8a4efa3a2415a4660956fdc55de58f0cc86",
            ),
            (
                "guide",
                12,
                "84783fa630b78aea59e071e472aa6219f34b5435e99587578077066cefe6a90e",
            ),
            (
                "cheatsheet",
                2,
                "6d50c1aa9cc4365a6b873d0e60a871f77f5695812e4da1cc5a606cefa24d748e",
            ),
            (
                "flashcards",
                8,
                "8778bd0edb025a2b80585dfe92853ca9bed2d0f283defbfbbdb70096dc3ee732",
            ),
            (
                "deck",
                25,
                "25fc32aa4b04e9d82c7e22fe93095e9cda85ee901618e45c6f8f322a2c5fab9a",
            ),
        ],
    );
}

#[test]
fn synthetic_bank_pdf_is_pinned() {
    let dir = scratch("pinned-synthetic");
    std::fs::write(dir.join("bank.toml"), studyguide::bench_bank(60, 7)).unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Pinned\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"pinned\"\n",
    )
    .unwrap();
    let actual = hashes(&dir.join("guide.toml"));
    assert_pinned(
        &actual,
        &[(
            "pinned",
            28,
            "e5bca048c7fd413e688b6bbaa015de780f3e674f862ade1711c76a6243a5557d",
        )],
    );
}
