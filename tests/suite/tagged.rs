//! The example guide is a tagged PDF: a structure tree in reading order
//! with headings, paragraphs, lists and code, marked content that balances
//! on every page, furniture marked as artifacts, and the language set.

use crate::common::{root, run, scratch};
use lopdf::{Document, Object};
use std::collections::BTreeMap;

/// The example guide built in a scratch folder of its own (`name`), so
/// that tests running at once do not build over each other.
fn guide_pdf(name: &str) -> Document {
    let dir = scratch(name);
    crate::common::copy_bank(&dir);
    std::fs::copy(root().join("guide.toml"), dir.join("guide.toml")).unwrap();
    let out = run(&dir, &["build", "--output", "guide"]);
    assert!(out.status.success());
    Document::load(dir.join("out/guide.pdf")).expect("the PDF parses")
}

/// The document's `StructTreeRoot` dictionary.
fn struct_tree_root(pdf: &Document) -> &lopdf::Dictionary {
    let root = pdf.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    pdf.get_dictionary(root.as_reference().unwrap()).unwrap()
}

fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().unwrap_or(b"?")).into_owned()
}

#[test]
fn the_guide_has_a_structure_tree_in_reading_order() {
    let pdf = guide_pdf("tagged-tree");
    let catalog = pdf.catalog().unwrap();
    let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());
    assert_eq!(
        catalog.get(b"Lang").unwrap().as_str().unwrap(),
        b"en-US".as_slice()
    );
    let root = struct_tree_root(&pdf);
    let document = pdf
        .get_dictionary(root.get(b"K").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(name(document.get(b"S").unwrap()), "Document");
    // Count the roles of every structure element, walking the tree down
    // from the document element.
    let mut roles: BTreeMap<String, usize> = BTreeMap::new();
    let mut stack = vec![document];
    while let Some(elem) = stack.pop() {
        for kid in elem.get(b"K").and_then(Object::as_array).unwrap() {
            if let Ok(id) = kid.as_reference() {
                let d = pdf.get_dictionary(id).unwrap();
                *roles.entry(name(d.get(b"S").unwrap())).or_default() += 1;
                stack.push(d);
            }
        }
    }
    // The title and five sections; 25 questions.
    assert_eq!(roles.get("H1"), Some(&6), "{roles:?}");
    assert_eq!(roles.get("H2"), Some(&25), "{roles:?}");
    assert!(roles.get("P").copied().unwrap_or(0) > 100, "{roles:?}");
    assert!(roles.get("L").copied().unwrap_or(0) >= 10, "{roles:?}");
    assert!(
        roles.get("LI").copied().unwrap_or(0) > roles["L"],
        "{roles:?}"
    );
    assert_eq!(roles.get("Code"), Some(&1), "{roles:?}");
}

#[test]
fn marked_content_balances_and_every_mcid_has_an_owner() {
    let pdf = guide_pdf("tagged-marks");
    let root = struct_tree_root(&pdf);
    let tree = pdf
        .get_dictionary(root.get(b"ParentTree").unwrap().as_reference().unwrap())
        .unwrap();
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    for (n, (_, page)) in pdf.get_pages().into_iter().enumerate() {
        let dict = pdf.get_dictionary(page).unwrap();
        let key = dict.get(b"StructParents").unwrap().as_i64().unwrap();
        assert_eq!(key, n as i64);
        let owners = nums[2 * n + 1].as_array().unwrap();
        let content = pdf.get_page_content(page);
        let ops = lopdf::content::Content::decode(&content)
            .unwrap()
            .operations;
        let mut depth = 0i32;
        let mut mcids = 0;
        let mut artifacts = 0;
        for op in &ops {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    depth += 1;
                    if op.operands.first().map(name).as_deref() == Some("Artifact") {
                        artifacts += 1;
                    }
                    if let Some(Ok(d)) = op.operands.get(1).map(Object::as_dict) {
                        if let Ok(id) = d.get(b"MCID").and_then(Object::as_i64) {
                            assert_eq!(id, mcids, "MCIDs count up on page {}", n + 1);
                            mcids += 1;
                        }
                    }
                }
                "EMC" => {
                    depth -= 1;
                    assert!(depth >= 0, "EMC without BDC on page {}", n + 1);
                }
                "BT" => assert!(depth <= 2, "text nested too deep"),
                _ => {}
            }
        }
        assert_eq!(depth, 0, "page {} ends inside marked content", n + 1);
        assert_eq!(owners.len() as i64, mcids, "page {}", n + 1);
        // Each owner lists the stretch among its kids: as a bare MCID when
        // the page is the element's /Pg, else as a reference to this page.
        for (mcid, owner) in owners.iter().enumerate() {
            let elem = pdf.get_dictionary(owner.as_reference().unwrap()).unwrap();
            let on_pg = elem.get(b"Pg").and_then(Object::as_reference).ok() == Some(page);
            let kids = elem.get(b"K").and_then(Object::as_array).unwrap();
            let listed = kids.iter().any(|k| match k {
                Object::Integer(m) => on_pg && *m == mcid as i64,
                Object::Dictionary(d) => {
                    !on_pg
                        && d.get(b"Pg").and_then(Object::as_reference).ok() == Some(page)
                        && d.get(b"MCID").and_then(Object::as_i64).ok() == Some(mcid as i64)
                }
                _ => false,
            });
            assert!(listed, "page {} MCID {mcid}: {elem:?}", n + 1);
        }
        assert!(artifacts > 0, "page {} marks its furniture", n + 1);
    }
}

#[test]
fn every_picture_is_a_figure_whose_alt_is_the_markdown_alt_text() {
    let dir = crate::images::project("tagged-figures");
    let out = run(&dir, &["build", "--output", "handout"]);
    assert!(out.status.success());
    let pdf = Document::load(dir.join("out/handout.pdf")).expect("the PDF parses");
    // Structure elements are numbered in reading order.
    let mut figures: Vec<(u32, String, usize, f32)> = pdf
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            (d.get(b"S").ok().map(name).as_deref() == Some("Figure")).then(|| {
                let alt = d.get(b"Alt").and_then(Object::as_str).unwrap();
                let kids = d.get(b"K").and_then(Object::as_array).unwrap();
                let mcids = kids.iter().filter(|k| is_mcid(k)).count();
                // The layout attribute's box, as width over height.
                let attr = d.get(b"A").and_then(Object::as_dict).unwrap();
                assert_eq!(name(attr.get(b"O").unwrap()), "Layout");
                let b: Vec<f32> = attr
                    .get(b"BBox")
                    .and_then(Object::as_array)
                    .unwrap()
                    .iter()
                    .map(|v| v.as_float().unwrap())
                    .collect();
                assert!(
                    b[0] > 0.0 && b[1] > 0.0 && b[2] < 596.0 && b[3] < 842.0,
                    "{b:?}"
                );
                let aspect = (b[2] - b[0]) / (b[3] - b[1]);
                (
                    id.0,
                    String::from_utf8_lossy(alt).into_owned(),
                    mcids,
                    aspect,
                )
            })
        })
        .collect();
    figures.sort_by_key(|f| f.0);
    let alts: Vec<&str> = figures.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        alts,
        [
            "Client, API and store, left to right",
            "Browser, gateway, read and write APIs, cache and database",
            "The whiteboard wall",
            "Client, API and store",
            "Read path through the cache, write path to the database",
        ]
    );
    assert!(figures.iter().all(|f| f.2 == 1), "one marked picture each");
    // Each box has its picture's aspect: the PNG 2:1, the SVG 640:300 and
    // the JPEG 960:640.
    let aspects: Vec<f32> = figures
        .iter()
        .map(|f| (f.3 * 100.0).round() / 100.0)
        .collect();
    assert_eq!(aspects, [2.0, 2.13, 1.5, 2.0, 2.13]);
}

#[test]
fn a_picture_in_a_list_item_keeps_its_alt_text_between_the_items_lines() {
    let dir = scratch("tagged-list-figure");
    std::fs::write(dir.join("chart.png"), crate::brand::logo_png()).unwrap();
    std::fs::write(
        dir.join("notes.md"),
        "# Notes\n\n- Before the chart.\n\n  ![Requests per second](chart.png)\n\n  After the chart.\n- The next item.\n",
    )
    .unwrap();
    let out = run(&dir, &["render", "notes.md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = Document::load(dir.join("notes.pdf")).expect("the PDF parses");
    let elem = |id: lopdf::ObjectId| pdf.get_dictionary(id).unwrap();
    let (figure_id, figure) = pdf
        .objects
        .iter()
        .find_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            (d.get(b"S").ok().map(name).as_deref() == Some("Figure")).then_some((*id, d))
        })
        .expect("a Figure element");
    assert_eq!(
        figure.get(b"Alt").and_then(Object::as_str).unwrap(),
        b"Requests per second"
    );
    let item = elem(figure.get(b"P").and_then(Object::as_reference).unwrap());
    assert_eq!(name(item.get(b"S").unwrap()), "LI");
    // The item's kids in reading order: its text, the picture, its text.
    let kids: Vec<&str> = item
        .get(b"K")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .map(|k| match k {
            Object::Reference(id) if *id == figure_id => "figure",
            k if is_mcid(k) => "text",
            _ => "other",
        })
        .collect();
    assert_eq!(kids, ["text", "figure", "text"]);
    let list = elem(item.get(b"P").and_then(Object::as_reference).unwrap());
    assert_eq!(name(list.get(b"S").unwrap()), "L");
    assert_eq!(
        list.get(b"K").and_then(Object::as_array).unwrap().len(),
        2,
        "both items in one list"
    );
}

/// Whether a structure element's kid is marked content: a bare MCID on the
/// element's page, or a marked-content reference to another page.
fn is_mcid(kid: &Object) -> bool {
    match kid {
        Object::Integer(_) => true,
        Object::Dictionary(d) => d.get(b"MCID").is_ok() && d.get(b"Pg").is_ok(),
        _ => false,
    }
}
