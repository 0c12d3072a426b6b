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
                "5d5f13dc44ade9b5637af54d9d8864faeeb36ddfff28b2d048ebfa4360904399",
            ),
            (
                "interviewer",
                26,
                "de377b5e928aa8f359b5aed5b145558f82f71e439988e99d0aae3ce97c1ed28d",
            ),
            (
                "guide",
                12,
                "245e0b86802e58d112da579bc164f4abe0355dec34b1f3df4424cbd30448e78f",
            ),
            (
                "cheatsheet",
                2,
                "ea30f606feeb996ca26868d9a6d93b5b1990f7047e197611d6270125d238539c",
            ),
            (
                "flashcards",
                8,
                "04d014f272de6831caf8d50eb8c392e9d06ac2949f73f346fcc91cfd502d11b3",
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
            "bfccc70ea3c493e4e7ff710a4bacd9811a0ac286659794b20f362a516fa70a39",
        )],
    );
}
