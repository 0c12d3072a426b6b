//! Branding: a logo in the title block and the running header, an accent
//! colour for headings and rules, and an organisation in the footer and
//! the metadata; all of them carried by a pack.

use crate::common::{copy_bank, ok, pdf_pages, run, scratch, squash};
use lopdf::content::Content;
use lopdf::{Document, Object};
use std::path::PathBuf;

/// The accent the tests set, #1f4e79, as PDF colour operands.
const ACCENT: [f32; 3] = [31.0 / 255.0, 78.0 / 255.0, 121.0 / 255.0];

/// A 120 × 60 px RGBA logo: a blue bar on a clear ground.
pub(crate) fn logo_png() -> Vec<u8> {
    let (w, h) = (120u32, 60u32);
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let inside = (10..110).contains(&x) && (15..45).contains(&y);
            pixels.extend_from_slice(if inside {
                &[31, 78, 121, 255]
            } else {
                &[0, 0, 0, 0]
            });
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

/// A guide branded at the top, with `extra` appended, in a fresh folder.
fn project(name: &str, extra: &str) -> PathBuf {
    let dir = scratch(name);
    copy_bank(&dir);
    std::fs::create_dir_all(dir.join("brand")).unwrap();
    std::fs::write(dir.join("brand/acme.png"), logo_png()).unwrap();
    let config = format!(
        "title = \"Branded\"\nbanks = [\"questions/senior-backend.toml\"]\n\
         logo = \"brand/acme.png\"\naccent_color = \"#1f4e79\"\norganization = \"Acme Ltd\"\n\n\
         [[section]]\ntitle = \"People\"\n\
         ids = [\"team-collaboration\", \"communicating-with-frontend\", \"spotting-frontend-bug\", \"cloud-experience\"]\n\n\
         [[output]]\nname = \"kit\"\nshow = [\"question\", \"answer\", \"listen_for\", \"score\"]\nheader_logo = true\n\n\
         [[output]]\nname = \"plain\"\nlogo = false\naccent_color = \"#000\"\nfooter = \"Page {{page}}\"\n\
         {extra}"
    );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    dir
}

/// The image XObjects of a PDF: (object number, width, height).
fn images(doc: &Document) -> Vec<(u32, i64, i64)> {
    doc.objects
        .iter()
        .filter_map(|(id, o)| Some((id, o.as_stream().ok()?)))
        .filter(|(_, s)| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .filter(|(_, s)| {
            s.dict.get(b"ColorSpace").and_then(Object::as_name).ok() != Some(b"DeviceGray")
        })
        .map(|(id, s)| {
            let int = |k: &[u8]| s.dict.get(k).and_then(Object::as_i64).unwrap();
            (id.0, int(b"Width"), int(b"Height"))
        })
        .collect()
}

/// How often each page draws an image: `Do` operators per page.
fn draws_per_page(doc: &Document) -> Vec<usize> {
    doc.get_pages()
        .values()
        .map(|&page| {
            let content = Content::decode(&doc.get_page_content(page)).unwrap();
            content
                .operations
                .iter()
                .filter(|op| op.operator == "Do")
                .count()
        })
        .collect()
}

/// What is painted in the accent: text-showing operators (`Tj`, `TJ`)
/// while the fill colour is the accent, and strokes (`S`) while the stroke
/// colour is. Counted by what is drawn rather than by colour operators,
/// which a page writes only when the colour changes.
fn accent_ops(doc: &Document) -> (usize, usize) {
    let (mut fill, mut stroke) = (0, 0);
    for &page in doc.get_pages().values() {
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let (mut fill_accent, mut stroke_accent) = (false, false);
        for op in &content.operations {
            let values: Vec<f32> = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok())
                .collect();
            let accent = values.len() == 3
                && values
                    .iter()
                    .zip(ACCENT)
                    .all(|(v, a)| (v - a).abs() < 0.002);
            match op.operator.as_str() {
                "rg" | "g" | "k" | "sc" | "scn" => fill_accent = accent,
                "RG" | "G" | "K" | "SC" | "SCN" => stroke_accent = accent,
                "Tj" | "TJ" if fill_accent => fill += 1,
                "S" if stroke_accent => stroke += 1,
                _ => {}
            }
        }
    }
    (fill, stroke)
}

fn info(doc: &Document, key: &[u8]) -> Option<String> {
    let id = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let value = doc.get_dictionary(id).ok()?.get(key).ok()?;
    let bytes = value.as_str().ok()?;
    // Text strings are PDFDocEncoding, or UTF-16BE with a byte-order mark.
    Some(match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    })
}

#[test]
fn a_branded_kit_has_its_logo_accent_and_organization() {
    let dir = project("brand-kit", "");
    ok(&run(&dir, &["build"]));
    let bytes = std::fs::read(dir.join("out/kit.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();

    // The logo is stored once, at its own pixel size, and drawn in the
    // title block and in the header of every later page.
    assert_eq!(
        images(&doc).iter().map(|i| (i.1, i.2)).collect::<Vec<_>>(),
        [(120, 60)]
    );
    let draws = draws_per_page(&doc);
    assert!(draws.len() >= 2, "{draws:?}");
    assert!(draws.iter().all(|&n| n == 1), "{draws:?}");

    assert_eq!(info(&doc, b"Organization").as_deref(), Some("Acme Ltd"));
    assert_eq!(info(&doc, b"Author").as_deref(), Some("Acme Ltd"));

    let pages = pdf_pages(&bytes);
    let total = pages.len();
    for (n, page) in pages.iter().enumerate() {
        let footer = format!("Acme Ltd \u{b7} Page {} of {total}", n + 1);
        assert!(squash(page).contains(&footer), "page {}: {page}", n + 1);
    }

    // Headings in the accent, rules too; body text stays black.
    let (fill, stroke) = accent_ops(&doc);
    assert!(fill >= 5, "title and four question headings: {fill}");
    assert!(stroke >= 2, "the title rule and the header rules: {stroke}");
    let first = *doc.get_pages().values().next().unwrap();
    let black = Content::decode(&doc.get_page_content(first))
        .unwrap()
        .operations
        .iter()
        .any(|op| {
            op.operator == "rg"
                && op
                    .operands
                    .iter()
                    .all(|o| o.as_float().is_ok_and(|v| v == 0.0))
        });
    assert!(black, "body text is black");
}

#[test]
fn an_output_can_drop_the_guides_logo_and_set_its_own_footer() {
    let dir = project("brand-plain", "");
    ok(&run(&dir, &["build"]));
    let bytes = std::fs::read(dir.join("out/plain.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    assert!(images(&doc).is_empty());
    assert_eq!(accent_ops(&doc), (0, 0), "its own accent is black");
    let text = squash(&pdf_pages(&bytes).join("\n"));
    assert!(
        text.contains("Page 1") && !text.contains("Acme Ltd \u{b7}"),
        "{text}"
    );
    // Still the organisation's document.
    assert_eq!(info(&doc, b"Organization").as_deref(), Some("Acme Ltd"));
}

#[test]
fn organization_fills_its_placeholder_in_the_header() {
    let extra = "\n[[output]]\nname = \"headed\"\nheader_left = \"{organization}\"\nheader_right = \"{title}\"\n";
    let dir = project("brand-header", extra);
    ok(&run(&dir, &["build", "--output", "headed"]));
    let pages = pdf_pages(&std::fs::read(dir.join("out/headed.pdf")).unwrap());
    assert!(pages.len() >= 2);
    assert!(
        squash(&pages[1]).starts_with("Acme Ltd Branded"),
        "{}",
        pages[1]
    );
}

#[test]
fn flash_cards_set_their_questions_in_the_accent_and_print_no_logo() {
    let extra = "\n[[output]]\nname = \"cards\"\nstyle = \"flashcards\"\n";
    let dir = project("brand-cards", extra);
    ok(&run(&dir, &["build", "--output", "cards"]));
    let doc = Document::load(dir.join("out/cards.pdf")).unwrap();
    assert!(images(&doc).is_empty(), "no title block, no logo");
    assert!(
        accent_ops(&doc).0 >= 1,
        "the fronts' questions in the accent"
    );
}

/// Builds with `line` replacing `from` in the config; expects exit 2 and
/// each of `needles` in the message, and no PDF.
fn fails(name: &str, from: &str, line: &str, needles: &[&str]) {
    let dir = project(name, "");
    let path = dir.join("guide.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replace(from, line)).unwrap();
    let out = run(&dir, &["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "`{needle}` in {err}");
    }
    assert!(!dir.join("out").exists(), "nothing written: {err}");
}

#[test]
fn a_bad_accent_color_exits_2_at_its_place() {
    let line = "accent_color = \"#1f4e79\"";
    fails(
        "brand-color",
        line,
        "accent_color = \"navy\"",
        &[
            "`accent_color = \"navy\"` is not a colour",
            "--> guide.toml:4:16",
            "#rrggbb",
        ],
    );
    fails(
        "brand-light",
        line,
        "accent_color = \"#ffee00\"",
        &["too light to read", "guide.toml:4:16"],
    );
    fails(
        "brand-short",
        "accent_color = \"#000\"",
        "accent_color = \"#00\"",
        &["is not a colour", "guide.toml:19:16"],
    );
}

#[test]
fn a_missing_or_broken_logo_exits_2_naming_the_file() {
    let line = "logo = \"brand/acme.png\"";
    fails(
        "brand-missing",
        line,
        "logo = \"brand/nowhere.png\"",
        &[
            "logo `brand/nowhere.png`",
            "cannot read it",
            "--> guide.toml:3:8",
        ],
    );
    fails(
        "brand-not-image",
        line,
        "logo = \"guide.toml\"",
        &["logo `guide.toml`", "not a PNG, JPEG, WebP or SVG"],
    );
    fails(
        "brand-outside",
        line,
        "logo = \"../acme.png\"",
        &[
            "logo `../acme.png` is outside the config's folder",
            "guide.toml:3:8",
        ],
    );
    fails(
        "brand-true",
        line,
        "logo = true",
        &[
            "`logo` must name a PNG, JPEG, WebP or SVG file",
            "guide.toml:3:8",
        ],
    );
}

#[test]
fn an_svg_logo_is_drawn_as_one_vector_form() {
    let dir = project("brand-svg", "");
    std::fs::write(
        dir.join("brand/mark.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"40\">\
         <rect x=\"2\" y=\"2\" width=\"76\" height=\"36\" fill=\"#1f4e79\"/></svg>",
    )
    .unwrap();
    let path = dir.join("guide.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("brand/acme.png", "brand/mark.svg")).unwrap();
    ok(&run(&dir, &["build", "--output", "kit"]));
    let doc = Document::load(dir.join("out/kit.pdf")).unwrap();
    let forms = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Form"))
        .count();
    assert_eq!(forms, 1, "one form, drawn on every page");
    assert!(images(&doc).is_empty(), "no raster picture");
    assert!(
        draws_per_page(&doc).iter().all(|&n| n >= 1),
        "the header logo on every page"
    );
}

#[test]
fn a_pack_carries_the_logo_and_the_brand_keys() {
    let dir = project("brand-pack", "");
    ok(&run(&dir, &["build"]));
    let elsewhere = scratch("brand-pack-dst");
    let pack = elsewhere.join("acme.toml");
    ok(&run(&dir, &["pack", "-o", pack.to_str().unwrap()]));
    let text = std::fs::read_to_string(&pack).unwrap();
    for key in [
        "logo = \"brand/acme.png\"",
        "accent_color = \"#1f4e79\"",
        "organization = \"Acme Ltd\"",
        "header_logo = true",
        "\"brand/acme.png\" = \"iVBORw0KGgo",
    ] {
        assert!(text.contains(key), "{key} in the pack");
    }
    ok(&run(&elsewhere, &["build", "acme.toml"]));
    for name in ["kit", "plain"] {
        let a = std::fs::read(dir.join(format!("out/{name}.pdf"))).unwrap();
        let b = std::fs::read(elsewhere.join(format!("out/{name}.pdf"))).unwrap();
        assert!(a == b, "{name}.pdf rebuilds byte for byte from the pack");
    }
}

#[test]
fn a_hostile_packs_logo_is_held_to_the_picture_limits() {
    let dir = scratch("brand-hostile");
    copy_bank(&dir);
    // A PNG claiming 9000 × 9000 pixels, carried in the pack.
    let header = crate::images::png_header(9000, 9000);
    let encoded = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(&header)
    };
    let config = format!(
        "title = \"Hostile\"\nbanks = [\"questions/senior-backend.toml\"]\nlogo = \"huge.png\"\n\n[assets]\n\"huge.png\" = \"{encoded}\"\n"
    );
    std::fs::write(dir.join("guide.toml"), config).unwrap();
    let out = run(&dir, &["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("logo `huge.png`") && err.contains("9000 × 9000 pixels"),
        "{err}"
    );
}

#[test]
fn render_takes_the_brand_keys_from_front_matter() {
    let dir = scratch("brand-render");
    std::fs::write(dir.join("acme.png"), logo_png()).unwrap();
    let md = "---\ntitle: Notes\nlogo: acme.png\naccent_color: \"#1f4e79\"\norganization: Acme Ltd\n---\n# Storage\n\nText.\n";
    std::fs::write(dir.join("notes.md"), md).unwrap();
    ok(&run(&dir, &["render", "notes.md"]));
    let bytes = std::fs::read(dir.join("notes.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    assert_eq!(images(&doc).len(), 1);
    assert!(accent_ops(&doc).0 >= 2, "title and heading in the accent");
    assert_eq!(info(&doc, b"Organization").as_deref(), Some("Acme Ltd"));
    assert!(squash(&pdf_pages(&bytes)[0]).contains("Acme Ltd \u{b7} Page 1 of 1"));

    std::fs::write(
        dir.join("bad.md"),
        "---\naccent_color: \"#12\"\n---\nText.\n",
    )
    .unwrap();
    let out = run(&dir, &["render", "bad.md"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad.md:2:") && err.contains("is not a colour"),
        "{err}"
    );
}
