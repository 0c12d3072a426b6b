//! Objects written straight to bytes, for the parts of a document that
//! have tens of thousands of small dictionaries: the structure tree.
//!
//! lopdf keeps every object as a map until the file is saved. A
//! four-entry dictionary costs about two kilobytes that way, and a long
//! tagged document has one for nearly every paragraph: more memory than
//! all of its pages' text. Here each object is serialised when it is made,
//! in lopdf's own format, and kept as the few dozen bytes it will be in
//! the file. [`splice`] puts them into lopdf's file after lopdf's own
//! objects and adds them to its cross-reference table, so the file is the
//! one lopdf would have written had it held them all.

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use std::io::{Error, ErrorKind, Write};

/// Objects numbered after every object in a lopdf document, serialised.
pub(super) struct Direct {
    /// The number of the first object.
    first: u32,
    /// The number the next [`Direct::reserve`] gives.
    next: u32,
    /// Every object written, each as `n 0 obj … endobj`, in number order.
    bytes: Vec<u8>,
    /// Where each object starts in `bytes`.
    starts: Vec<usize>,
}

impl Direct {
    /// Objects numbered after all of `pdf`'s. `pdf` must get no new
    /// objects of its own after this: [`splice`] checks.
    pub(super) fn after(pdf: &lopdf::Document) -> Self {
        let first = pdf.max_id + 1;
        Direct {
            first,
            next: first,
            bytes: Vec::new(),
            starts: Vec::new(),
        }
    }

    /// A number for an object to be written later with [`Direct::put`],
    /// taken from `pdf`'s numbering so that its trailer counts it.
    pub(super) fn reserve(&mut self, pdf: &mut lopdf::Document) -> ObjectId {
        let id = pdf.new_object_id();
        self.next = self.next.max(id.0 + 1);
        id
    }

    /// Writes the object numbered `id`. Objects are written in the order
    /// of their numbers, as lopdf writes its own; each number reserved
    /// must be written once.
    pub(super) fn put(&mut self, id: ObjectId, object: &Object) -> Result<(), Error> {
        self.put_with(id, spaced_before(object), spaced_after(object), |out| {
            write(out, object)
        })
    }

    /// Writes the object numbered `id` as [`Direct::put`] does, its body
    /// made by `body` (with [`write`]): for an object too large to build
    /// whole first. `before` and `after` say whether lopdf would space it
    /// from `obj` and `endobj` (not for a dictionary or an array).
    pub(super) fn put_with(
        &mut self,
        id: ObjectId,
        before: bool,
        after: bool,
        body: impl FnOnce(&mut Vec<u8>),
    ) -> Result<(), Error> {
        let expected = self.first + self.starts.len() as u32;
        if id != (expected, 0) || expected >= self.next {
            return Err(invalid(format!(
                "object {} {} written out of order (expected {expected} 0)",
                id.0, id.1
            )));
        }
        self.starts.push(self.bytes.len());
        // As lopdf's `write_indirect_object` does.
        let out = &mut self.bytes;
        // Formatted straight into the bytes: a `Vec` never fails a write,
        // and the structure tree of a long document is tens of thousands
        // of objects, each of which would otherwise allocate a string.
        let _ = writeln!(out, "{} 0 obj", id.0);
        if before {
            out.push(b' ');
        }
        body(out);
        if after {
            out.push(b' ');
        }
        out.extend_from_slice(b"\nendobj\n");
        Ok(())
    }

    /// How many bytes the objects take in the file, with their
    /// cross-reference entries.
    pub(super) fn file_len(&self) -> usize {
        self.bytes.len() + 20 * self.starts.len()
    }
}

/// An `InvalidData` error: lopdf's file is not as [`splice`] expects, or
/// the objects were not written as reserved.
fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidData, message)
}

/// One cross-reference entry: `oooooooooo ggggg n \n`, 20 bytes.
type Entry = [u8; 20];

/// Puts `direct`'s objects into `file`, a file lopdf saved from the
/// document `direct` was made [`after`](Direct::after), whose trailer
/// counts the objects reserved (`max_id` covers them). They go after
/// lopdf's objects and before its cross-reference table, which gains
/// their entries.
pub(super) fn splice(
    file: &mut Vec<u8>,
    pdf: &lopdf::Document,
    direct: Direct,
) -> Result<(), Error> {
    if direct.first + direct.starts.len() as u32 != direct.next {
        return Err(invalid(format!(
            "{} objects reserved but {} written",
            direct.next - direct.first,
            direct.starts.len()
        )));
    }
    if !matches!(
        pdf.reference_table.cross_reference_type,
        XrefType::CrossReferenceTable
    ) {
        return Err(invalid("a cross-reference stream cannot be spliced".into()));
    }
    if pdf.max_id + 1 != direct.next
        || pdf
            .objects
            .last_key_value()
            .is_some_and(|(id, _)| id.0 >= direct.first)
    {
        return Err(invalid(
            "the document gained objects after the direct ones".into(),
        ));
    }
    let xref = startxref(file)?;
    let tail = file.split_off(xref);
    let (mut entries, trailer) = read_xref(&tail)?;
    let base = file.len();
    entries.resize(direct.next as usize, None);
    for (n, start) in direct.starts.iter().enumerate() {
        entries[direct.first as usize + n] = Some(entry(base + start));
    }
    file.extend_from_slice(&direct.bytes);
    drop(direct);
    let xref = file.len();
    write_xref(file, &entries);
    file.extend_from_slice(trailer);
    file.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF").as_bytes());
    Ok(())
}

/// Where the cross-reference table starts, from the file's last lines.
fn startxref(file: &[u8]) -> Result<usize, Error> {
    const KEY: &[u8] = b"\nstartxref\n";
    let at = file
        .windows(KEY.len())
        .rposition(|w| w == KEY)
        .ok_or_else(|| invalid("no startxref".into()))?;
    let number = file[at + KEY.len()..]
        .split(|&b| b == b'\n')
        .next()
        .and_then(|n| std::str::from_utf8(n).ok())
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n < at && file[n..].starts_with(b"xref\n"))
        .ok_or_else(|| invalid("startxref does not point to a table".into()))?;
    Ok(number)
}

/// The entries of a cross-reference table, by object number, and the
/// trailer after it (`trailer` up to, not including, `startxref`).
fn read_xref(tail: &[u8]) -> Result<(Vec<Option<Entry>>, &[u8]), Error> {
    let bad = || invalid("unreadable cross-reference table".into());
    let mut at = b"xref\n".len();
    let mut entries: Vec<Option<Entry>> = Vec::new();
    loop {
        let line_end = at
            + tail[at..]
                .iter()
                .position(|&b| b == b'\n')
                .ok_or_else(bad)?;
        let line = std::str::from_utf8(&tail[at..line_end]).map_err(|_| bad())?;
        if line == "trailer" {
            break;
        }
        let (start, count) = line.split_once(' ').ok_or_else(bad)?;
        let start: usize = start.parse().map_err(|_| bad())?;
        let count: usize = count.parse().map_err(|_| bad())?;
        at = line_end + 1;
        let table = tail.get(at..at + 20 * count).ok_or_else(bad)?;
        if entries.len() < start + count {
            entries.resize(start + count, None);
        }
        for (n, e) in table.chunks_exact(20).enumerate() {
            entries[start + n] = Some(e.try_into().map_err(|_| bad())?);
        }
        at += 20 * count;
    }
    const KEY: &[u8] = b"\nstartxref\n";
    let end = tail
        .windows(KEY.len())
        .rposition(|w| w == KEY)
        .filter(|&end| end >= at)
        .ok_or_else(bad)?;
    Ok((entries, &tail[at..end]))
}

/// An in-use entry at `offset`.
fn entry(offset: usize) -> Entry {
    let mut e = [0; 20];
    e.copy_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    e
}

/// A cross-reference table of `entries`: one section for each run of
/// numbers in use, as lopdf writes it.
fn write_xref(out: &mut Vec<u8>, entries: &[Option<Entry>]) {
    out.extend_from_slice(b"xref\n");
    let mut n = 0;
    while n < entries.len() {
        let run = entries[n..].iter().take_while(|e| e.is_some()).count();
        if run == 0 {
            n += 1;
            continue;
        }
        let _ = writeln!(out, "{n} {run}");
        for e in entries[n..n + run].iter().flatten() {
            out.extend_from_slice(e);
        }
        n += run;
    }
}

/// Whether lopdf puts a space between a key or `obj` and this object.
pub(super) fn spaced_before(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Whether lopdf puts a space between this object and `endobj`.
fn spaced_after(object: &Object) -> bool {
    spaced_before(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

/// Serialises `object` as lopdf does.
pub(super) fn write(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(v) => {
            let _ = write!(out, "{v}");
        }
        Object::Real(v) => {
            let _ = write!(out, "{v}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, format) => write_string(out, text, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 && spaced_before(item) {
                    out.push(b' ');
                }
                write(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            write_dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            let _ = write!(out, "{id} {generation} R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        if spaced_before(value) {
            out.push(b' ');
        }
        write(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name, with white space, delimiters and bytes outside `!`–`~` as
/// `#xx` escapes.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            let _ = write!(out, "#{byte:02X}");
        } else {
            out.push(byte);
        }
    }
}

/// A string: literal with `\`, carriage returns and unbalanced
/// parentheses escaped, or hexadecimal.
fn write_string(out: &mut Vec<u8>, text: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            // Unbalanced: a `)` with no `(` open before it, and every `(`
            // still open at the end.
            let mut escaped = vec![false; text.len()];
            let mut open = Vec::new();
            for (n, &byte) in text.iter().enumerate() {
                match byte {
                    b'(' => open.push(n),
                    b')' if open.is_empty() => escaped[n] = true,
                    b')' => {
                        open.pop();
                    }
                    b'\\' | b'\r' => escaped[n] = true,
                    _ => {}
                }
            }
            for n in open {
                escaped[n] = true;
            }
            out.push(b'(');
            for (&byte, escaped) in text.iter().zip(escaped) {
                if escaped {
                    out.push(b'\\');
                    out.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    out.push(byte);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for &byte in text {
                let _ = write!(out, "{byte:02X}");
            }
            out.push(b'>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Objects of every kind lopdf writes, with the spacing and escapes
    /// that each needs.
    fn samples(refs: ObjectId) -> Vec<Object> {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("P", Object::Reference(refs));
        dict.set("Odd Name/#", Object::Name(b"a b\xe9".to_vec()));
        dict.set("N", Object::Null);
        dict.set("T", Object::Boolean(true));
        dict.set("F", Object::Boolean(false));
        dict.set("R", Object::Real(-12.345));
        dict.set(
            "K",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(-7),
                Object::Reference(refs),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Array(vec![]),
                Object::Real(4.0),
                Object::Dictionary(Dictionary::new()),
            ]),
        );
        dict.set(
            "S",
            Object::String(b"a (b) c) \\ (d\r".to_vec(), StringFormat::Literal),
        );
        dict.set(
            "H",
            Object::String(vec![0xfe, 0xff, 0, b'A'], StringFormat::Hexadecimal),
        );
        vec![
            Object::Dictionary(dict),
            Object::Integer(42),
            Object::Name(b"Alone".to_vec()),
            Object::Array(vec![Object::Integer(1), Object::Integer(2)]),
            Object::Reference(refs),
        ]
    }

    /// A one-page document from lopdf, with `extra` objects after its own.
    fn document() -> lopdf::Document {
        let mut pdf = lopdf::Document::with_version("1.7");
        // As printpdf's documents are.
        pdf.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        let pages = pdf.new_object_id();
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages));
        let page = pdf.add_object(page);
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Kids", Object::Array(vec![Object::Reference(page)]));
        tree.set("Count", Object::Integer(1));
        pdf.objects.insert(pages, Object::Dictionary(tree));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages));
        let catalog = pdf.add_object(catalog);
        pdf.trailer.set("Root", Object::Reference(catalog));
        pdf
    }

    #[test]
    fn a_spliced_file_is_the_one_lopdf_writes_with_every_object() {
        let mut whole = document();
        let mut parted = document();
        let mut direct = Direct::after(&parted);
        let first = direct.first;
        let ids: Vec<ObjectId> = samples((1, 0))
            .iter()
            .map(|_| direct.reserve(&mut parted))
            .collect();
        for (id, object) in ids.iter().zip(samples((first, 0))) {
            direct.put(*id, &object).unwrap();
            whole.objects.insert(*id, object);
        }
        whole.max_id = parted.max_id;
        let mut expected = Vec::new();
        whole.save_to(&mut expected).unwrap();
        let mut spliced = Vec::new();
        parted.save_to(&mut spliced).unwrap();
        splice(&mut spliced, &parted, direct).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&spliced),
            String::from_utf8_lossy(&expected)
        );
        // And it reads back: every object where the table says.
        let read = lopdf::Document::load_mem(&spliced).unwrap();
        assert_eq!(read.objects.len(), whole.objects.len());
        assert_eq!(
            read.get_object((first + 1, 0)).unwrap(),
            &Object::Integer(42)
        );
    }

    #[test]
    fn objects_must_be_written_in_order_and_all() {
        let mut pdf = document();
        let mut direct = Direct::after(&pdf);
        let a = direct.reserve(&mut pdf);
        let b = direct.reserve(&mut pdf);
        assert!(direct.put(b, &Object::Null).is_err());
        direct.put(a, &Object::Null).unwrap();
        let mut file = Vec::new();
        pdf.save_to(&mut file).unwrap();
        let saved = file.clone();
        let err = splice(&mut file, &pdf, direct).unwrap_err();
        assert!(
            err.to_string().contains("2 objects reserved but 1 written"),
            "{err}"
        );
        assert_eq!(file, saved);
    }

    #[test]
    fn lopdf_objects_made_after_the_direct_ones_are_refused() {
        let mut pdf = document();
        let mut direct = Direct::after(&pdf);
        let a = direct.reserve(&mut pdf);
        direct.put(a, &Object::Null).unwrap();
        pdf.add_object(Object::Null);
        let mut file = Vec::new();
        pdf.save_to(&mut file).unwrap();
        let err = splice(&mut file, &pdf, direct).unwrap_err();
        assert!(err.to_string().contains("gained objects"), "{err}");
    }
}
