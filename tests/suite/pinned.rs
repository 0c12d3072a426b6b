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
                "08abfc7040929d0667c7490aacda5c3f77e74b225a2be5e28ba90d08adebe8bf",
            ),
            (
                "interviewer",
                26,
                "803586fc5ce44e5895df61119138a75eaf5d113bcf9b37a6d8401c9f3f2acf98",
            ),
            (
                "guide",
                12,
                "76d9fd8e2d0590477a735c10f420e5cf59200b3031d5b73c536746452e576741",
            ),
            (
                "cheatsheet",
                2,
                "6c4acf317f14293e10abe5f736a076f7cb6db14413d947cb6753d1ddeeff945a",
            ),
            (
                "flashcards",
                8,
                "8f70278fe11b91fd8e920696b398ee55f7ea61f4ebdf91dddbab22150ee80dd1",
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
            "3153ab3079e35fbc2e603b9b7f8c909ac756d4a149d2d0491e23e4d5cadb467a",
        )],
    );
}
