//! A long guide's pages are written as layout settles them, part by part,
//! and read exactly as the laid-out pages do.

use crate::common::{ok, pdf_pages, run, scratch, squash};
use lopdf::Object;
use studyguide::{Guide, Item};

#[test]
fn a_long_guide_is_written_part_by_part_and_reads_as_laid_out() {
    let dir = scratch("streaming");
    std::fs::write(dir.join("bank.toml"), studyguide::bench_bank(450, 5)).unwrap();
    std::fs::write(
        dir.join("guide.toml"),
        "title = \"Streamed\"\nbanks = [\"bank.toml\"]\n\n[[output]]\nname = \"long\"\n\
         toc = true\n",
    )
    .unwrap();
    ok(&run(&dir, &["build"]));
    let bytes = std::fs::read(dir.join("out/long.pdf")).unwrap();

    // The laid-out pages, kept whole, as tools and tests see them.
    let guide = Guide::load(&dir.join("guide.toml")).unwrap();
    let (_, frame) = guide.frames(Some("long")).unwrap().remove(0);
    let texts = pdf_pages(&bytes);
    assert_eq!(texts.len(), frame.pages.len());
    assert!(texts.len() > 100, "{} pages", texts.len());
    for (n, (text, page)) in texts.iter().zip(&frame.pages).enumerate() {
        let laid: String = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text { glyphs, .. } => Some(glyphs.iter().map(|g| g.text.as_str())),
                _ => None,
            })
            .flatten()
            .collect();
        // Extraction puts spaces between runs; the glyphs are the same.
        let strip = |s: &str| squash(s).replace(' ', "");
        assert_eq!(strip(text), strip(&laid), "page {}", n + 1);
    }
    // Every page has its footer, which needed the page count.
    let pages = frame.pages.len();
    for (n, text) in texts.iter().enumerate() {
        let footer = format!("Page {} of {pages}", n + 1);
        assert!(squash(text).contains(&footer), "page {}: {text}", n + 1);
    }

    // Pages settled before the last part got their furniture after the
    // fact, in streams of their own; the last part's pages have one.
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let ids: Vec<_> = pdf.get_pages().into_values().collect();
    let contents = |id| {
        pdf.get_dictionary(id)
            .unwrap()
            .get(b"Contents")
            .unwrap()
            .clone()
    };
    match contents(ids[0]) {
        Object::Array(parts) => assert!(parts.len() >= 2, "{parts:?}"),
        other => panic!("the first page was written before the last part: {other:?}"),
    }
    assert!(matches!(contents(ids[pages - 1]), Object::Reference(_)));
}
