//! Helpers shared by the suite: scratch folders, the CLI, PDF text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root, where guide.toml lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch folder for one test.
///
/// Each run of the suite has a folder of its own, named by its process id.
/// A run's folders stay after it ends, for looking into a failure, and are
/// removed by the next run, so the suite does not fill the disk.
pub fn scratch(name: &str) -> PathBuf {
    static RUN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        let all = std::env::temp_dir().join("studyguide-tests");
        remove_ended_runs(&all);
        all.join(std::process::id().to_string())
    });
    // Tests run side by side, each on a thread named after it: two sharing
    // a folder would race. One test may start its own folder afresh.
    static CLAIMED: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());
    let test = std::thread::current().name().unwrap_or("").to_owned();
    let mut claimed = CLAIMED.lock().unwrap_or_else(|e| e.into_inner());
    match claimed.iter().find(|(folder, _)| folder == name) {
        Some((_, owner)) => assert_eq!(*owner, test, "two tests use the scratch folder {name:?}"),
        None => claimed.push((name.to_owned(), test)),
    }
    drop(claimed);
    let dir = run.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes the folders of earlier runs whose process has ended. Where the
/// system does not say which processes run (no `/proc`), nothing is removed:
/// a run still going must keep its folders.
fn remove_ended_runs(all: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(all) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        // Folders of older runs were named `<test>-<pid>`; the pid is last.
        let pid = name.to_str().and_then(|n| n.rsplit('-').next());
        let Some(pid) = pid.filter(|p| p.parse::<u32>().is_ok()) else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
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
