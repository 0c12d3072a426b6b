//! A vector drawing as a form XObject: the page `svg2pdf` drew becomes a
//! form, drawn like an image into a unit square.
//!
//! The page's content is carried over as it is, and every object its
//! resources reach (fonts, colour spaces, patterns, graphics states) is
//! copied into the document under a new number. Copies are made in a
//! fixed order with dictionary keys sorted: `svg2pdf` writes some
//! objects and keys in hash-map order, and the output must not depend on
//! it.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use std::collections::BTreeMap;

/// Deepest chain of objects followed: `svg2pdf` writes a shallow tree,
/// and a bound keeps a surprise from becoming a stack overflow.
const MAX_DEPTH: usize = 64;

/// Writes the drawing in `svg` (a one-page PDF of `size` points) as a form
/// XObject whose unit square is the drawing, and returns its id.
pub(super) fn form(
    pdf: &mut lopdf::Document,
    svg: &[u8],
    (w, h): (f32, f32),
) -> lopdf::Result<ObjectId> {
    let src = lopdf::Document::load_mem(svg)?;
    let page = src
        .page_iter()
        .next()
        .ok_or_else(|| lopdf::Error::InvalidStream("the drawing has no page".into()))?;
    let content = src.get_page_content(page);
    let page = src.get_dictionary(page)?;
    let mut copy = Copy {
        src: &src,
        done: BTreeMap::new(),
    };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", reals(&[0.0, 0.0, w, h]));
    // The unit square, as an image XObject has it, so that drawing either
    // is the same `cm` and `Do`.
    dict.set("Matrix", reals(&[1.0 / w, 0.0, 0.0, 1.0 / h, 0.0, 0.0]));
    for key in [&b"Resources"[..], b"Group"] {
        if let Ok(value) = page.get(key) {
            let value = copy.object(pdf, value, 0)?;
            dict.set(key.to_vec(), value);
        }
    }
    Ok(pdf.add_object(Stream::new(dict, content)))
}

fn reals(values: &[f32]) -> Object {
    Object::Array(values.iter().map(|&v| Object::Real(v)).collect())
}

/// Copies objects from the drawing's PDF into the document.
struct Copy<'a> {
    src: &'a lopdf::Document,
    /// Each object copied once, however many references reach it.
    done: BTreeMap<ObjectId, ObjectId>,
}

impl Copy<'_> {
    fn object(
        &mut self,
        pdf: &mut lopdf::Document,
        object: &Object,
        depth: usize,
    ) -> lopdf::Result<Object> {
        if depth > MAX_DEPTH {
            return Err(lopdf::Error::InvalidStream(
                "the drawing's objects nest too deep".into(),
            ));
        }
        Ok(match object {
            Object::Reference(id) => {
                if let Some(&new) = self.done.get(id) {
                    return Ok(Object::Reference(new));
                }
                let new = pdf.new_object_id();
                self.done.insert(*id, new);
                let copied = self.object(pdf, self.src.get_object(*id)?, depth + 1)?;
                pdf.objects.insert(new, copied);
                Object::Reference(new)
            }
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|item| self.object(pdf, item, depth + 1))
                    .collect::<lopdf::Result<_>>()?,
            ),
            Object::Dictionary(dict) => Object::Dictionary(self.dict(pdf, dict, depth)?),
            Object::Stream(stream) => {
                let dict = self.dict(pdf, &stream.dict, depth)?;
                // `Stream::new` sets the length anew; a stream that is not
                // yet compressed is compressed with the rest of the file.
                Object::Stream(Stream::new(dict, stream.content.clone()))
            }
            other => other.clone(),
        })
    }

    /// A dictionary's copy, its keys in sorted order.
    fn dict(
        &mut self,
        pdf: &mut lopdf::Document,
        dict: &Dictionary,
        depth: usize,
    ) -> lopdf::Result<Dictionary> {
        let mut entries: Vec<(&Vec<u8>, &Object)> = dict.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = Dictionary::new();
        for (key, value) in entries {
            let value = self.object(pdf, value, depth + 1)?;
            out.set(key.clone(), value);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::{decode, Data};

    const LABELS: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="5" y="15">Queue</text><text x="5" y="35" font-family="monospace">:5672</text></svg>"#;

    /// The form of `LABELS` written into an empty document.
    fn written() -> (lopdf::Document, ObjectId) {
        let image = decode(LABELS.as_bytes()).expect("drawn");
        let Data::Svg { pdf: drawing, size } = &image.data else {
            panic!("not a drawing")
        };
        let mut pdf = lopdf::Document::with_version("1.7");
        let id = form(&mut pdf, drawing, *size).expect("copied");
        (pdf, id)
    }

    #[test]
    fn a_drawing_becomes_a_unit_square_form_with_its_fonts() {
        let (pdf, id) = written();
        let form = pdf.get_object(id).unwrap().as_stream().unwrap();
        let get = |k: &[u8]| form.dict.get(k).unwrap();
        assert_eq!(get(b"Subtype").as_name().unwrap(), b"Form");
        let matrix: Vec<f32> = get(b"Matrix")
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert_eq!(matrix, [1.0 / 120.0, 0.0, 0.0, 1.0 / 40.0, 0.0, 0.0]);
        let fonts = get(b"Resources")
            .as_dict()
            .unwrap()
            .get(b"Font")
            .unwrap()
            .as_dict()
            .unwrap();
        assert_eq!(fonts.len(), 2, "a sans-serif and a monospace face");
        // Every reference the form reaches was copied.
        for object in pdf.objects.values() {
            if let Ok(d) = object.as_dict() {
                for (_, v) in d.iter() {
                    if let Object::Reference(r) = v {
                        assert!(pdf.objects.contains_key(r), "{r:?} dangles");
                    }
                }
            }
        }
    }

    #[test]
    fn copies_are_the_same_whatever_order_svg2pdf_wrote_in() {
        // svg2pdf writes its fonts in hash-map order, which differs from
        // one process to the next but also between two runs in one.
        let mut pdfs = (0..4).map(|_| {
            let (mut pdf, _) = written();
            let mut bytes = Vec::new();
            pdf.save_to(&mut bytes).unwrap();
            bytes
        });
        let first = pdfs.next().unwrap();
        assert!(pdfs.all(|p| p == first));
    }
}
