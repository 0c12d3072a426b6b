//! Helpers shared by the suite: scratch folders, the CLI, PDF text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root, where guide.toml lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join("studyguide-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the studyguide binary in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the studyguide binary runs")
}

/// Copies the shipped bank into `dir/questions/`, and the example's logo
/// into `dir/assets/`, so that a copy of the example `guide.toml` builds
/// there.
pub fn copy_bank(dir: &Path) {
    for file in ["questions/senior-backend.toml", "assets/acme-logo.png"] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(file), to).unwrap();
    }
}

/// Text of every page, extracted in-process through the ToUnicode maps.
pub fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages = doc.get_pages();
    pages
        .keys()
        .map(|n| doc.extract_text(&[*n]).expect("text extracts"))
        .collect()
}

/// Collapses runs of whitespace, so wrapped lines compare as running text.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fails with the command's error output unless it succeeded.
pub fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// How far glyph `g` of the built-in `face` moves the pen at `size`: a
/// frame's glyphs keep only where they start.
pub fn advance(face: studyguide::FaceId, size: f32, g: &studyguide::Glyph) -> f32 {
    static FONTS: std::sync::OnceLock<studyguide::Fonts> = std::sync::OnceLock::new();
    let fonts = FONTS.get_or_init(|| studyguide::Fonts::builtin().unwrap());
    fonts.face(face).advance(g.id) * size
}
