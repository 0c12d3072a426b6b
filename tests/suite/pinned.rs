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
                "d2df0033f586fec9641673cc6abcdd6c312147f83ebf1d7dc540c3684365d34b",
            ),
            (
                "interviewer",
                26,
                "233f2f39250be09a542808c535cf8e8a9c149b0594f522c3475e7d04a23843d2",
            ),
            (
                "guide",
                13,
                "01ed135e1bd05bfeeeb04b33abbd76ff78131bc6b3a2fef82741bdbfb98f5179",
            ),
            (
                "cheatsheet",
                2,
                "3b061e14ba8cdf88d31c73eeadeeb4652fbaeaf832dc648e77d337638704eac1",
            ),
            (
                "flashcards",
                8,
                "a9458558ac01aedc086fcb59d12c05c6d0f1eca16e67898ef3c06ec2562a032c",
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
            30,
            "51cefaddbd3a6f9c0c329891f1f87d1b943ac51cb7ee063efc90553912118897",
        )],
    );
}
