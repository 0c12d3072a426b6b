//! Embedded fonts: subset, as CID fonts, with text that copies out.

use crate::common::{copy_bank, ok, pdf_pages, root, run, scratch, squash};
use lopdf::{Document, Object};

/// Every Type 0 font of `pdf` with its CID font and descriptor.
fn fonts(pdf: &Document) -> Vec<(String, &lopdf::Dictionary, &lopdf::Dictionary)> {
    let mut found = Vec::new();
    for object in pdf.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let base = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap());
        let cid = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        let cid = pdf.get_dictionary(cid).unwrap();
        let descriptor = pdf
            .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
            .unwrap();
        found.push((base.into_owned(), cid, descriptor));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The example guide with its `guide` output alone, followed by `extra`
/// (keys of that output), written with the bank into `dir`.
fn write_guide(dir: &std::path::Path, extra: &str) {
    copy_bank(dir);
    let example = std::fs::read_to_string(root().join("guide.toml")).unwrap();
    let head = &example[..example.find("[[output]]").unwrap()];
    std::fs::write(
        dir.join("guide.toml"),
        format!("{head}[[output]]\nname = \"guide\"\n{extra}"),
    )
    .unwrap();
}

/// The embedded font file a descriptor names under `key`.
fn font_file<'a>(
    pdf: &'a Document,
    descriptor: &lopdf::Dictionary,
    key: &[u8],
) -> &'a lopdf::Stream {
    let id = descriptor.get(key).unwrap().as_reference().unwrap();
    pdf.get_object(id).unwrap().as_stream().unwrap()
}

fn build_guide(dir: &std::path::Path, extra: &str) -> Vec<u8> {
    write_guide(dir, extra);
    ok(&run(dir, &["build"]));
    std::fs::read(dir.join("out/guide.pdf")).unwrap()
}

#[test]
fn built_in_faces_embed_as_small_truetype_subsets_with_their_tags() {
    let dir = scratch("fonts-builtin");
    let bytes = build_guide(&dir, "");
    let pdf = Document::load_mem(&bytes).unwrap();
    let found = fonts(&pdf);
    let mut names: Vec<&str> = found.iter().map(|f| &f.0[7..]).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "GentiumBookPlus",
            "GentiumBookPlus-Bold",
            "GentiumBookPlus-BoldItalic",
            "GentiumBookPlus-Italic",
            "NotoSansMono-Regular"
        ],
        "{found:?}"
    );
    for (base, cid, descriptor) in &found {
        assert!(base.as_bytes()[..6].iter().all(u8::is_ascii_uppercase));
        assert_eq!(&base[6..7], "+");
        assert_eq!(
            cid.get(b"Subtype").unwrap().as_name().unwrap(),
            b"CIDFontType2"
        );
        assert_eq!(
            cid.get(b"CIDToGIDMap").unwrap().as_name().unwrap(),
            b"Identity"
        );
        let file = font_file(&pdf, descriptor, b"FontFile2");
        let length = file.dict.get(b"Length1").unwrap().as_i64().unwrap();
        let mut file = file.clone();
        file.decompress().unwrap();
        assert_eq!(file.content.len() as i64, length, "{base}");
        // A subset: the whole faces are 500 to 900 KB.
        assert!(length < 120_000, "{base}: {length} bytes");
        let parsed = ttf_parser::Face::parse(&file.content, 0).expect("the subset parses");
        assert!(parsed.number_of_glyphs() < 300, "{base}");
    }
}

/// A config may name an OpenType font with PostScript (CFF) outlines; it
/// is embedded as such, and its text copies out. The test uses URW's
/// Nimbus Sans from Debian's `fonts-urw-base35`, which CI installs.
#[test]
fn an_opentype_font_with_postscript_outlines_embeds_and_copies_out() {
    let font = std::path::Path::new("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf");
    if !font.exists() {
        eprintln!("{} is not installed; skipped", font.display());
        return;
    }
    let dir = scratch("fonts-cff");
    std::fs::copy(font, dir.join("sans.otf")).unwrap();
    let bytes = build_guide(&dir, "[output.fonts]\nregular = \"sans.otf\"\n");
    let pdf = Document::load_mem(&bytes).unwrap();
    let found = fonts(&pdf);
    let (_, cid, descriptor) = found
        .iter()
        .find(|f| f.0.ends_with("+NimbusSans-Regular"))
        .expect("the configured font is embedded");
    assert_eq!(
        cid.get(b"Subtype").unwrap().as_name().unwrap(),
        b"CIDFontType0"
    );
    assert!(cid.get(b"CIDToGIDMap").is_err());
    let file = font_file(&pdf, descriptor, b"FontFile3");
    assert_eq!(
        file.dict.get(b"Subtype").unwrap().as_name().unwrap(),
        b"OpenType"
    );
    let text = squash(&pdf_pages(&bytes).join(" "));
    assert!(
        text.contains(
            "Senior roles are as much about the people around the code as the code itself."
        ),
        "{text}"
    );
}

/// A font whose table of glyph offsets is damaged for one letter passes
/// the check before layout (which reads little of the file) and fails
/// only when the letter is cut out of it: that is still the config's
/// error, named with the file and its key, exit 2.
#[test]
fn a_font_damaged_inside_one_glyph_exits_2_naming_the_file() {
    let mut font = std::fs::read(root().join("fonts/GentiumBookPlus-Regular.ttf")).unwrap();
    let gid = ttf_parser::Face::parse(&font, 0)
        .unwrap()
        .glyph_index('e')
        .unwrap()
        .0 as usize;
    let u16_at = |b: &[u8], at: usize| u16::from_be_bytes([b[at], b[at + 1]]) as usize;
    let u32_at =
        |b: &[u8], at: usize| u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let table = |b: &[u8], tag: &[u8]| {
        (0..u16_at(b, 4))
            .map(|i| 12 + 16 * i)
            .find(|&r| &b[r..r + 4] == tag)
            .map(|r| u32_at(b, r + 8))
            .unwrap()
    };
    let long = u16_at(&font, table(&font, b"head") + 50) == 1;
    let loca = table(&font, b"loca");
    // The end of the letter's outline, far beyond the end of the file.
    if long {
        let at = loca + 4 * (gid + 1);
        font[at..at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
    } else {
        let at = loca + 2 * (gid + 1);
        font[at..at + 2].copy_from_slice(&u16::MAX.to_be_bytes());
    }
    let dir = scratch("fonts-damaged-glyph");
    std::fs::write(dir.join("cut.ttf"), &font).unwrap();
    write_guide(&dir, "[output.fonts]\nregular = \"cut.ttf\"\n");
    let out = run(&dir, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("font `./cut.ttf` (`regular` under [output.fonts] of output `guide`) cannot be embedded"),
        "{stderr}"
    );
    assert!(!dir.join("out/guide.pdf").exists());
}
