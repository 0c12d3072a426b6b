//! Pictures in answers: read from the bank's folder, stored once, the JPEG
//! untouched, the SVG kept vector, every unreadable picture an error at its
//! place.

use crate::common::{ok, root, run, scratch};
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

/// How many form XObjects (vector drawings) a PDF holds.
fn forms(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Form"))
        .count()
}

#[test]
fn an_answer_with_a_png_a_jpeg_and_an_svg_stores_each_once_and_the_jpeg_as_it_is() {
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
    // The SVG, shown twice, is one vector form; its labels are text.
    assert_eq!(forms(&dir.join("out/handout.pdf")), 1);
    let text = pdftotext(&dir.join("out/handout.pdf"));
    for label in [
        "Orders DB",
        "TLS, rate limit",
        ":443",
        "Reads stop at the cache",
    ] {
        assert_eq!(text.matches(label).count(), 2, "`{label}` in {text}");
    }
    // The cheat sheet and the cards show them too.
    for out in ["cheatsheet", "flashcards"] {
        let pdf = dir.join(format!("out/{out}.pdf"));
        assert_eq!(images(&pdf).len(), 2, "{out}");
        assert_eq!(forms(&pdf), 1, "{out}");
        assert!(pdftotext(&pdf).contains("Orders DB"), "{out}");
    }
    let first = std::fs::read(dir.join("out/handout.pdf")).unwrap();
    ok(&run(&dir, &["build"]));
    let second = std::fs::read(dir.join("out/handout.pdf")).unwrap();
    assert!(first == second, "the build is deterministic");
}

#[test]
fn a_webp_picture_even_one_named_png_is_printed_with_its_transparency() {
    let dir = project("images-webp");
    // Lossless, 40 × 20, its left half transparent, under a PNG's name as
    // public collections sometimes have them.
    let pixels: Vec<u8> = (0..40 * 20)
        .flat_map(|i| [30, 120, 200, if i % 40 < 20 { 0 } else { 255 }])
        .collect();
    let mut webp = Vec::new();
    image_webp::WebPEncoder::new(&mut webp)
        .encode(&pixels, 40, 20, image_webp::ColorType::Rgba8)
        .unwrap();
    std::fs::write(dir.join("bank/img/drawn.png"), &webp).unwrap();
    let bank = dir.join("bank/system-design.toml");
    let text = std::fs::read_to_string(&bank)
        .unwrap()
        .replace("(img/diagram.png)", "(img/drawn.png)");
    std::fs::write(&bank, text).unwrap();
    ok(&run(&dir, &["build"]));
    let found = images(&dir.join("out/handout.pdf"));
    let webp = found
        .iter()
        .find(|i| (i.0, i.1) == (40, 20))
        .expect("the WebP is embedded");
    assert_eq!(webp.2, "FlateDecode");
    assert!(webp.4, "its transparency is a soft mask");
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
    assert!(
        text.contains("\"img/architecture.svg\" = \""),
        "the SVG is packed"
    );
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
        &["not a PNG, JPEG, WebP or SVG file"],
    );
}

#[test]
fn a_broken_or_hostile_svg_exits_2() {
    let write = |dir: &Path| {
        let svg = std::fs::read_to_string(dir.join("bank/img/architecture.svg")).unwrap();
        let cut = &svg[..svg.find("<!-- Arrows").unwrap()];
        std::fs::write(dir.join("bank/img/cut.svg"), cut).unwrap();
        let deep = format!(
            "<svg xmlns='http://www.w3.org/2000/svg'>{}</svg>",
            "<g>".repeat(100_000)
        );
        std::fs::write(dir.join("bank/img/deep.svg"), deep).unwrap();
        let many = format!("<svg>{}</svg>", "<rect/>".repeat(200_000));
        std::fs::write(dir.join("bank/img/many.svg"), many).unwrap();
    };
    fails("images-svg-cut", "img/cut.svg", write, &["is damaged"]);
    fails(
        "images-svg-deep",
        "img/deep.svg",
        write,
        &["too complex a drawing", "nest more than 128 deep"],
    );
    fails(
        "images-svg-many",
        "img/many.svg",
        write,
        &["too complex a drawing", "more than 100000 elements"],
    );
}

/// `pdftotext` of a whole PDF.
pub(crate) fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Words of page `page` with their boxes, from `pdftotext -bbox`: (word,
/// left, top, right, bottom) in points.
pub(crate) fn words(pdf: &Path, page: usize) -> Vec<(String, f32, f32, f32, f32)> {
    let n = page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    html.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let attr = |k: &str| -> f32 {
                let at = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                l[at..].split('"').next().unwrap().parse().unwrap()
            };
            let word = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((word, attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")))
        })
        .collect()
}

/// Page `page` rendered in gray at 72 dpi (one pixel a point): width,
/// height and pixels.
pub(crate) fn render(pdf: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let n = page.to_string();
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", "72", "-gray", "-f", &n, "-l", &n])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    let pgm = out.stdout;
    // "P5\n<w> <h>\n255\n" then one byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
        at += 1;
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, pgm[at..at + w * h].to_vec())
}

#[test]
fn the_svg_is_drawn_inside_the_column_at_its_width_hint() {
    let dir = project("images-svg-pixels");
    ok(&run(&dir, &["build"]));
    let pdf = dir.join("out/handout.pdf");
    let words = words(&pdf, 1);
    let find = |w: &str| words.iter().find(|x| x.0 == w).unwrap().clone();
    // The column: from the first word of a paragraph to the right edge of
    // the justified text.
    let left = find("I").1;
    let right = words.iter().map(|w| w.3).fold(0.0, f32::max);
    let column = right - left;
    // The drawing stands between the paragraph that ends with "paths:" and
    // the one that starts "The client talks".
    let above = find("paths:").4;
    let below = find("talks").2;
    let (pw, _, pixels) = render(&pdf, 1);
    let (mut x0, mut x1, mut y0, mut y1) = (usize::MAX, 0, usize::MAX, 0);
    let mut inked = 0;
    for y in (above.ceil() as usize + 1)..(below.floor() as usize - 1) {
        for x in 0..pw {
            if pixels[y * pw + x] < 254 {
                inked += 1;
                (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
            }
        }
    }
    // `width=90%`, centred: 5 % of the column free on each side.
    let (want0, want1) = (left + 0.05 * column, right - 0.05 * column);
    assert!((x0 as f32 - want0).abs() <= 2.0, "left {x0} vs {want0}");
    assert!((x1 as f32 - want1).abs() <= 2.0, "right {x1} vs {want1}");
    // Its aspect is the SVG's own: 640 × 300.
    let (w, h) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    assert!((h - w * 300.0 / 640.0).abs() <= 2.0, "{w} × {h}");
    // The background fills the box: most of it is inked.
    assert!(inked as f32 > 0.9 * w * h, "{inked} of {w} × {h}");
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
        &["outside the config's folder", "pass --allow-outside"],
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
pub(crate) fn png_header(w: u32, h: u32) -> Vec<u8> {
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
