//! Pictures in answers: read from the bank's folder, stored once, the JPEG
//! untouched, every unreadable picture an error at its place.

use crate::common::{root, run, scratch};
use std::path::{Path, PathBuf};

/// The images fixture copied into a scratch folder.
pub(crate) fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    let from = root().join("tests/fixtures/images");
    std::fs::create_dir_all(dir.join("bank/img")).unwrap();
    for file in [
        "guide.toml",
        "bank/system-design.toml",
        "bank/img/diagram.png",
        "bank/img/photo.jpg",
        "bank/img/architecture.svg",
    ] {
        std::fs::copy(from.join(file), dir.join(file)).unwrap();
    }
    dir
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The image XObjects of a PDF: (width, height, filter, bytes, has soft mask).
fn images(pdf: &Path) -> Vec<(i64, i64, String, Vec<u8>, bool)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image"))
        .filter(|s| s.dict.get(b"ColorSpace").and_then(|v| v.as_name()).ok() != Some(b"DeviceGray"))
        .map(|s| {
            let int = |k: &[u8]| s.dict.get(k).and_then(|v| v.as_i64()).unwrap();
            let filter = s.dict.get(b"Filter").and_then(|v| v.as_name()).unwrap();
            (
                int(b"Width"),
                int(b"Height"),
                String::from_utf8_lossy(filter).into_owned(),
                s.content.clone(),
                s.dict.get(b"SMask").is_ok(),
            )
        })
        .collect()
}

#[test]
fn an_answer_with_a_png_and_a_jpeg_stores_each_once_and_the_jpeg_as_it_is() {
    let dir = project("images-build");
    ok(&run(&dir, &["build"]));
    let mut found = images(&dir.join("out/handout.pdf"));
    found.sort_by_key(|i| i.0);
    assert_eq!(found.len(), 2, "the diagram is shown twice and stored once");
    let (w, h, filter, bytes, _) = &found[0];
    assert_eq!((*w, *h, filter.as_str()), (960, 640, "DCTDecode"));
    let jpeg = std::fs::read(dir.join("bank/img/photo.jpg")).unwrap();
    assert!(*bytes == jpeg, "the JPEG is embedded byte for byte");
    let (w, h, filter, _, smask) = &found[1];
    assert_eq!((*w, *h, filter.as_str()), (1500, 750, "FlateDecode"));
    assert!(smask, "the PNG's transparency is a soft mask");
    // The cheat sheet and the cards show them too.
    for out in ["cheatsheet", "flashcards"] {
        assert_eq!(
            images(&dir.join(format!("out/{out}.pdf"))).len(),
            2,
            "{out}"
        );
    }
    let first = std::fs::read(dir.join("out/handout.pdf")).unwrap();
    ok(&run(&dir, &["build"]));
    let second = std::fs::read(dir.join("out/handout.pdf")).unwrap();
    assert!(first == second, "the build is deterministic");
}

#[test]
fn a_pack_carries_its_pictures_to_an_empty_folder() {
    let dir = project("images-pack");
    ok(&run(&dir, &["build"]));
    let elsewhere = scratch("images-pack-dst");
    let pack = elsewhere.join("pictures.toml");
    ok(&run(&dir, &["pack", "-o", pack.to_str().unwrap()]));
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(text.contains("[assets]") && text.contains("\"img/photo.jpg\" = \"/9j/"));
    ok(&run(&elsewhere, &["build", "pictures.toml"]));
    for name in ["handout", "cheatsheet", "flashcards"] {
        let a = std::fs::read(dir.join(format!("out/{name}.pdf"))).unwrap();
        let b = std::fs::read(elsewhere.join(format!("out/{name}.pdf"))).unwrap();
        assert!(a == b, "{name}.pdf rebuilds byte for byte from the pack");
    }
}

/// Replaces the diagram's path in the bank, builds, and expects exit 2 with
/// the Markdown location and `needles` in the message, and no PDF.
fn fails(name: &str, path: &str, prepare: impl Fn(&Path), needles: &[&str]) {
    let dir = project(name);
    prepare(&dir);
    let bank = dir.join("bank/system-design.toml");
    let text = std::fs::read_to_string(&bank)
        .unwrap()
        .replace("(img/diagram.png)", &format!("({path})"));
    std::fs::write(&bank, text).unwrap();
    let out = run(&dir, &["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("image `{path}`")), "{err}");
    assert!(err.contains("handout.md:"), "the Markdown location: {err}");
    assert!(err.contains("question `request-path`"), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "`{needle}` in {err}");
    }
    assert!(!dir.join("out/handout.pdf").exists(), "nothing written");
}

#[test]
fn a_missing_picture_exits_2_at_its_place() {
    fails(
        "images-missing",
        "img/nowhere.png",
        |_| {},
        &["cannot read it"],
    );
}

#[test]
fn a_broken_picture_exits_2() {
    let write = |dir: &Path| {
        let mut png = std::fs::read(dir.join("bank/img/diagram.png")).unwrap();
        png.truncate(100);
        std::fs::write(dir.join("bank/img/cut.png"), png).unwrap();
        std::fs::write(dir.join("bank/img/notes.png"), "not a picture").unwrap();
    };
    fails("images-broken", "img/cut.png", write, &["is damaged"]);
    fails(
        "images-text",
        "img/notes.png",
        write,
        &["neither a PNG nor a JPEG"],
    );
}

#[test]
fn a_picture_too_large_in_bytes_or_pixels_exits_2() {
    let big = |dir: &Path| {
        let f = std::fs::File::create(dir.join("bank/img/big.png")).unwrap();
        f.set_len(21 << 20).unwrap();
    };
    fails(
        "images-bytes",
        "img/big.png",
        big,
        &["larger than the limit"],
    );
    let wide =
        |dir: &Path| std::fs::write(dir.join("bank/img/wide.png"), png_header(9000, 9000)).unwrap();
    fails(
        "images-pixels",
        "img/wide.png",
        wide,
        &["9000 × 9000 pixels"],
    );
}

#[cfg(unix)]
#[test]
fn a_picture_outside_the_folder_or_not_a_file_exits_2() {
    let link = |dir: &Path| {
        std::os::unix::fs::symlink("/etc/hostname", dir.join("bank/img/link.png")).unwrap();
        std::fs::create_dir(dir.join("bank/img/folder.png")).unwrap();
    };
    fails(
        "images-outside",
        "img/link.png",
        link,
        &["outside the config's folder"],
    );
    fails(
        "images-folder",
        "img/folder.png",
        link,
        &["not a regular file"],
    );
}

#[test]
fn a_remote_picture_prints_its_alt_text_with_a_warning() {
    fails_not("images-remote", "https://example.org/x.png");
}

fn fails_not(name: &str, path: &str) {
    let dir = project(name);
    let bank = dir.join("bank/system-design.toml");
    let text = std::fs::read_to_string(&bank)
        .unwrap()
        .replace("(img/diagram.png)", &format!("({path})"));
    std::fs::write(&bank, text).unwrap();
    let out = run(&dir, &["build"]);
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not fetched"), "{err}");
    let pdf = std::fs::read(dir.join("out/handout.pdf")).unwrap();
    let text = crate::common::squash(&crate::common::pdf_pages(&pdf).join(" "));
    assert!(
        text.contains("[image: Client, API and store, left to right]"),
        "{text}"
    );
}

/// A PNG whose header claims `w` × `h` pixels, with one empty data chunk.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&crc.sum().to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}
