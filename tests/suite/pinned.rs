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
                "2d5f1a2a001a198f4eec14241153efda4c22ee138a408ff7e6cee0690a5d1054",
            ),
            (
                "interviewer",
                26,
                "ce49f4ed2418f389627105e10e6395d0608e52d629ef5f680f91efbf38fa419c",
            ),
            (
                "guide",
                12,
                "7299bc065c42ce4ec83cb9b9233919b1eead3f9b7656fe3168fd659e8201082d",
            ),
            (
                "cheatsheet",
                2,
                "d7009fc953392f8ffe63f326f6bfda0e7327968debc9eb37dd3b197ae4129bda",
            ),
            (
                "flashcards",
                8,
                "2e2b9095be5e0a43b64a781775c01bb73b4d1b1ac613cf6a58a25eb48c1ce3bf",
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
            "1d56bd34b6110673780c446e320dac191bd62e0b78cc8bbf60738ee0e0b62227",
        )],
    );
}
