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
                "a104288792be91ba281e54295a22aad097fc67013662bb1da1cb4d437ba9c2d0",
            ),
            (
                "interviewer",
                26,
                "50795a059807be66a8dd5b4361874d7bb9547023ef55a66c39eb2e6b742f95e6",
            ),
            (
                "guide",
                12,
                "2c6e80a72d5c260080736a6bb0a366f0dcb6c8dc16dba83873d06c7edf2db69c",
            ),
            (
                "cheatsheet",
                2,
                "c926e83c33f5c3f48e4111012ce2511a628fca99a3a2c9ab220ef8f4fba028df",
            ),
            (
                "flashcards",
                8,
                "5581f51cbb731cd6b6a5fc874b728d04177332fb7e218c380265dceae9a558f9",
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
            "5568cb59b3b095c56f36fef539d3fc53a1281c006eb1281a8db17e1bb9025013",
        )],
    );
}
