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
        .map(|r| (r.name.clone(), r.pages, sha(&r.pdf)))
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
                "bb3e76806bf6ac13e3ad0f6fbc719165cc9ca38181af4fcf553834789fee388e",
            ),
            (
                "interviewer",
                26,
                "acc446f0a1a0014997a05c01c3c642917c22b69734655d403c61a0d05e457467",
            ),
            (
                "guide",
                12,
                "4604e1663d93563c274ec91605d6b5c524924cf9d90760f1ae79ccdea6cef989",
            ),
            (
                "cheatsheet",
                2,
                "e1cbccaa4373c452f0520c03c57c6da042497274eabe0404c0ed71172a13de26",
            ),
            (
                "flashcards",
                8,
                "b846ffab12f16c124045803880780b46efcb1ed7eef8cb727dd71a73526bd12b",
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
            29,
            "47669abe1a791bc226cab1939d0aeb840d8262aabaf72420fac4777c19c16df6",
        )],
    );
}
