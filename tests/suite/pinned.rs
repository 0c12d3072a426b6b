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
                "bcc640fc33f8dbe801ce14f64822a82c6719bb7daf2c7c178b8d440368d82df7",
            ),
            (
                "interviewer",
                26,
                "3834108c25ed7dcda21cd661dc8c2aa0f62390aded0089b28c4ca615c8dcd8b8",
            ),
            (
                "guide",
                12,
                "23ee13cc3eef405edef55de0be600541729e6c26a8cf0d011161bc8ae63347bb",
            ),
            (
                "cheatsheet",
                2,
                "7d09ed83288e5ce56fc34ec9435395dcc56f2e47bf70538e45fa63b7a54d6636",
            ),
            (
                "flashcards",
                8,
                "274f556124dc1c99bf5d74df2108c85fe46654bb2cbdc0f45c6d2a29da3f33a5",
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
            "058a6157e60c8ad25c78751cc0bc698f633a6b4f93696f6afb679df11907b435",
        )],
    );
}
