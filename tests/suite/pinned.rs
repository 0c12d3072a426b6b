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
                "25cf8dd2337ff135e6f1365ed19f9aa047152da61739dd75058c9bc55d71d05c",
            ),
            (
                "interviewer",
                26,
                "d8b6c9a05735b58b03c95091d2678d89818fb5875abb6c7d0066896e1c7c9614",
            ),
            (
                "guide",
                12,
                "d204e38ce5ad5de3a3f4d8cd4aa6aba832f9572f5abdfbf2e1a9881ff6fc5fe3",
            ),
            (
                "cheatsheet",
                2,
                "07cc35c288c080036cba3b5e297d8443a041ca52c09cebb26125ae352bdfb486",
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
            "2bad54497c089e7dcaf3271b5eeb3ac17ee0ae2efff1adf35a937767a4f90186",
        )],
    );
}
