//! Page content streams, written straight from frame pages as bytes.
//!
//! printpdf turns its operations into lopdf operations, which lopdf then
//! encodes: at thousands of pages those two copies of every glyph cost more
//! time and memory than layout itself. This writer emits the same bytes
//! directly. It produces what printpdf emits for the few operations our
//! pages use, in lopdf's encoding:
//!
//! - each operand followed by a space, then the operator; operations joined
//!   by newlines, with none after the last;
//! - reals in Rust's shortest round-trip form (`1`, `0.5`, `-0.14299084`);
//! - glyph codes as upper-case hex strings, and a space before a number in
//!   an array but not before a string.
//!
//! Text follows printpdf's glyph-run merger: one `Tm` per baseline, then one
//! `TJ` whose kerns move the pen from where the `/W` width of the previous
//! glyph left it to where layout put the next one. The pinned-output test
//! holds all of this to printpdf's own bytes. Two things printpdf does not
//! do: a letter-spaced run sets its spacing once with `Tc` (reset to 0 when
//! the next run has none), which the kerns then count on, and kerns below a
//! millionth of an em are left out.
//!
//! Copy-text stretches become `/Span` marked content with an `/ActualText`
//! (PDF 32000-1, 14.9.4), which poppler, pdf.js and Acrobat read instead of
//! the glyphs inside: that is how a word hyphenated at a line end copies
//! whole. The text is written as UTF-16BE with a byte-order mark, in hex.

use super::{r, FaceGlyphs};
use crate::frame::{Glyph, Item, Page, Role, StructNode};

/// The content stream of one page, and for a tagged document the structure
/// element of each marked-content id (MCID) it used, in MCID order.
pub(super) fn page(
    page: &Page,
    faces: &[FaceGlyphs],
    structure: &[StructNode],
) -> (Vec<u8>, Vec<usize>) {
    let mut out = Ops {
        buf: Vec::with_capacity(4096),
        first: true,
        spacing: 0.0,
    };
    let h = page.height;
    // Marked content must balance within the stream: an end without a
    // beginning is dropped, and a stretch still open at the end is closed.
    let mut open_span = false;
    let mut marks = Marks {
        structure,
        mcids: Vec::new(),
        in_tag: None,
        tag_ended: false,
        in_artifact: false,
    };
    for item in &page.items {
        marks.before(item, &mut out, &mut open_span);
        match item {
            Item::BeginTag { .. } | Item::EndTag => {}
            Item::BeginCopyText { text } => {
                if open_span {
                    out.op(&[], "EMC");
                }
                out.begin();
                out.buf.extend_from_slice(b"/Span <</ActualText ");
                utf16_hex(&mut out.buf, text);
                out.buf.extend_from_slice(b">> BDC");
                open_span = true;
            }
            Item::EndCopyText => {
                if open_span {
                    out.op(&[], "EMC");
                }
                open_span = false;
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                color,
            } => {
                out.op(&[color.0, color.1, color.2], "rg");
                out.op(&[r(*x), r(h - y - rh), r(*w), r(*rh)], "re");
                out.op(&[], "f");
            }
            Item::Line {
                from,
                to,
                width,
                color,
            } => {
                out.op(&[color.0, color.1, color.2], "RG");
                out.op(&[r(*width)], "w");
                out.op(&[r(from.0), r(h - from.1)], "m");
                out.op(&[r(to.0), r(h - to.1)], "l");
                out.op(&[], "S");
            }
            Item::Text {
                face,
                size,
                x,
                y,
                color,
                glyphs,
                tracking,
            } => {
                out.op(&[], "BT");
                out.op(&[color.0, color.1, color.2], "rg");
                out.begin();
                out.buf.push(b'/');
                out.buf
                    .extend_from_slice(faces[face.index()].name.as_bytes());
                out.buf.push(b' ');
                out.reals(&[*size]);
                out.buf.extend_from_slice(b"Tf");
                out.char_spacing(*tracking);
                text_runs(&mut out, glyphs, (*x, h - y), *size, &faces[face.index()]);
                out.op(&[], "ET");
            }
            // Annotations live in the page dictionary, not in the stream.
            Item::Link { .. } => {}
            Item::Image {
                x,
                y,
                w,
                h: ih,
                image,
            } => draw_image(&mut out, (*x, h - y - ih, *w, *ih), image),
        }
    }
    if open_span {
        out.op(&[], "EMC");
    }
    marks.close(&mut out);
    (out.buf, marks.mcids)
}

/// Draws an image XObject into the box `(left, bottom, width, height)`:
/// the image space's unit square, scaled and moved there.
fn draw_image(out: &mut Ops, (x, y, w, h): (f32, f32, f32, f32), image: &crate::image::Image) {
    out.op(&[], "q");
    out.op(&[r(w), 0.0, 0.0, r(h), r(x), r(y)], "cm");
    out.begin();
    out.buf.push(b'/');
    out.buf
        .extend_from_slice(super::image::resource_name(image).as_bytes());
    out.buf.extend_from_slice(b" Do");
    out.op(&[], "Q");
}

/// Tagged-PDF marked content: each tag's items become a sequence marked
/// with its role and an MCID, and everything outside a tag an `/Artifact`,
/// so that assistive technology reads the text and skips the furniture.
struct Marks<'a> {
    /// The document's structure tree; empty when it is untagged.
    structure: &'a [StructNode],
    /// The structure element of each MCID used so far.
    mcids: Vec<usize>,
    /// The structure element whose marked content is open.
    in_tag: Option<usize>,
    /// Its tag has ended, but the sequence stays open in case the next
    /// item continues the same element: the lines of a paragraph make one
    /// marked sequence, not one each.
    tag_ended: bool,
    in_artifact: bool,
}

impl Marks<'_> {
    /// Opens or closes marked content before `item` is written.
    fn before(&mut self, item: &Item, out: &mut Ops, open_span: &mut bool) {
        if self.structure.is_empty() {
            return;
        }
        match item {
            Item::BeginTag { node } if self.in_tag == Some(*node) && self.tag_ended => {
                self.tag_ended = false;
            }
            Item::BeginTag { node } => {
                self.close(out);
                out.begin();
                let role = self.structure.get(*node).map_or(Role::P, |n| n.role);
                out.buf.push(b'/');
                out.buf.extend_from_slice(role.name().as_bytes());
                out.buf.extend_from_slice(b" <</MCID ");
                out.buf
                    .extend_from_slice(self.mcids.len().to_string().as_bytes());
                out.buf.extend_from_slice(b">> BDC");
                self.mcids.push(*node);
                self.in_tag = Some(*node);
                self.tag_ended = false;
            }
            Item::EndTag => {
                if *open_span {
                    out.op(&[], "EMC");
                    *open_span = false;
                }
                self.tag_ended = true;
            }
            Item::Link { .. } | Item::EndCopyText => {}
            _ => {
                if self.tag_ended {
                    self.close(out);
                }
                if self.in_tag.is_none() && !self.in_artifact {
                    out.op(&[], "/Artifact BMC");
                    self.in_artifact = true;
                }
            }
        }
    }

    /// Ends the open tag or artifact, if any.
    fn close(&mut self, out: &mut Ops) {
        if self.in_tag.is_some() || self.in_artifact {
            out.op(&[], "EMC");
        }
        self.in_tag = None;
        self.tag_ended = false;
        self.in_artifact = false;
    }
}

/// `text` as a PDF text string in hex: UTF-16BE after a byte-order mark,
/// or `<>` when empty.
fn utf16_hex(buf: &mut Vec<u8>, text: &str) {
    let hex = |n: u16| {
        let digit = |k: u16| b"0123456789ABCDEF"[usize::from(k & 0xf)];
        [digit(n >> 12), digit(n >> 8), digit(n >> 4), digit(n)]
    };
    buf.push(b'<');
    if !text.is_empty() {
        buf.extend_from_slice(&hex(0xfeff));
        for unit in text.encode_utf16() {
            buf.extend_from_slice(&hex(unit));
        }
    }
    buf.push(b'>');
}

/// The smallest kern written, in 1/1000 em: a millionth of an em is far
/// below anything a printer or screen shows, and the pen keeps the skipped
/// amount, so the next kern makes up for it and nothing accumulates. The
/// positions of letter-spaced glyphs differ from the pen by float rounding
/// only, so this is what spares them a kern each.
const MIN_KERN: f32 = 0.001;

/// One `Tm` and one kerned `TJ` per baseline.
///
/// The kern before each glyph is the distance, in 1/1000 em, between where
/// the pen is after the previous glyph's `/W` width plus the character
/// spacing in force, and where layout placed this one: computed in f64 from
/// the f32 positions, then rounded to f32, with the pen moved by exactly the
/// written value so that rounding never accumulates. A letter-spaced run
/// thus needs a kern only where layout did not space (inside a cluster,
/// before a space).
fn text_runs(
    out: &mut Ops,
    glyphs: &[Glyph],
    (x, baseline): (f32, f32),
    size: f32,
    face: &FaceGlyphs,
) {
    // The open run: its origin and the pen in 1/1000 em from that origin.
    let mut run: Option<(f32, f32, f64)> = None;
    // Tc is in unscaled text space units: points, as Tm does not scale.
    let spacing = f64::from(out.spacing) * 1000.0 / f64::from(size);
    for g in glyphs {
        let gx = r(x + g.x);
        let gy = r(baseline + g.dy);
        match &mut run {
            Some((rx, ry, pen)) if *ry == gy => {
                let dx_em = (f64::from(gx) - f64::from(*rx)) * 1000.0 / f64::from(size);
                #[allow(clippy::cast_possible_truncation)]
                let kern = (*pen - dx_em) as f32;
                if kern.abs() >= MIN_KERN {
                    out.array_real(kern);
                    *pen -= f64::from(kern);
                }
            }
            _ => {
                if run.is_some() {
                    out.end_array("TJ");
                }
                out.op(&[1.0, 0.0, 0.0, 1.0, gx, gy], "Tm");
                out.begin();
                out.buf.push(b'[');
                run = Some((gx, gy, 0.0));
            }
        }
        let code = face.code(g.id);
        let hex = |n: u16| b"0123456789ABCDEF"[usize::from(n & 0xf)];
        out.buf.extend_from_slice(&[
            b'<',
            hex(code >> 12),
            hex(code >> 8),
            hex(code >> 4),
            hex(code),
            b'>',
        ]);
        if let Some((_, _, pen)) = &mut run {
            *pen += face.width(g.id) as f64 + spacing;
        }
    }
    if run.is_some() {
        out.end_array("TJ");
    }
}

/// A content stream being written, in lopdf's encoding.
struct Ops {
    buf: Vec<u8>,
    first: bool,
    /// The character spacing (`Tc`) in force: text state outlives text
    /// objects, so it is written only when a run needs another value.
    spacing: f32,
}

impl Ops {
    /// Starts an operation: a newline before every one but the first.
    fn begin(&mut self) {
        if !self.first {
            self.buf.push(b'\n');
        }
        self.first = false;
    }

    /// Writes numeric operands, each followed by a space.
    fn reals(&mut self, values: &[f32]) {
        for &v in values {
            write_real(&mut self.buf, v);
            self.buf.push(b' ');
        }
    }

    /// A whole operation with numeric operands.
    fn op(&mut self, operands: &[f32], operator: &str) {
        self.begin();
        self.reals(operands);
        self.buf.extend_from_slice(operator.as_bytes());
    }

    /// Sets the character spacing to `tracking` points, rounded as
    /// positions are, unless it is in force already.
    fn char_spacing(&mut self, tracking: f32) {
        let tc = if tracking.is_finite() {
            r(tracking)
        } else {
            0.0
        };
        if tc != self.spacing {
            self.op(&[tc], "Tc");
            self.spacing = tc;
        }
    }

    /// A number inside an array: lopdf separates it from what precedes it.
    fn array_real(&mut self, v: f32) {
        self.buf.push(b' ');
        write_real(&mut self.buf, v);
    }

    /// Closes an array operand and writes its operator.
    fn end_array(&mut self, op: &str) {
        self.buf.extend_from_slice(b"] ");
        self.buf.extend_from_slice(op.as_bytes());
    }
}

/// Writes `v` as Rust's `{}` writes an `f32`, which is how lopdf writes
/// reals: the shortest digits that read back as the same value, as a plain
/// decimal without exponent or trailing `.0`. zmij finds the same digits
/// several times faster than `core::fmt`, except that it breaks an exact
/// tie to even where `{}` rounds up; those values go through `{}`.
fn write_real(buf: &mut Vec<u8>, v: f32) {
    if !v.is_finite() || may_tie(v) {
        buf.extend_from_slice(format!("{v}").as_bytes());
        return;
    }
    let mut zmij = zmij::Buffer::new();
    let s = zmij.format_finite(v).as_bytes();
    let (sign, s) = match s.split_first() {
        Some((b'-', rest)) => (&b"-"[..], rest),
        _ => (&b""[..], s),
    };
    buf.extend_from_slice(sign);
    let Some(e) = s.iter().position(|&b| b == b'e') else {
        buf.extend_from_slice(s.strip_suffix(b".0").unwrap_or(s));
        return;
    };
    // d[.ddd]e±x: the point goes x places after the first digit.
    let (mantissa, exponent) = (&s[..e], &s[e + 1..]);
    let exponent = std::str::from_utf8(exponent)
        .ok()
        .and_then(|x| x.trim_start_matches('+').parse::<i32>().ok())
        .unwrap_or(0);
    // At most nine digits: the shortest form of an f32.
    let mut digits = [0u8; 16];
    let mut len = 0;
    for &b in mantissa.iter().filter(|&&b| b != b'.') {
        if let Some(d) = digits.get_mut(len) {
            *d = b;
            len += 1;
        }
    }
    let digits = &digits[..len];
    let point = 1 + exponent;
    let len = len as i32;
    if point <= 0 {
        buf.extend_from_slice(b"0.");
        buf.extend(std::iter::repeat_n(b'0', (-point) as usize));
        buf.extend_from_slice(digits);
    } else if point >= len {
        buf.extend_from_slice(digits);
        buf.extend(std::iter::repeat_n(b'0', (point - len) as usize));
    } else {
        buf.extend_from_slice(&digits[..point as usize]);
        buf.push(b'.');
        buf.extend_from_slice(&digits[point as usize..]);
    }
}

/// Whether the shortest digits of `v` might end on an exact half. That
/// needs an exact decimal value of at most ten significant digits (f32
/// never needs more than nine): `m·2^e` with `m` odd is exactly
/// `m·5^-e / 10^-e`, and from `-e = 15` on, 5^-e alone has eleven digits.
fn may_tie(v: f32) -> bool {
    let bits = v.to_bits();
    let biased = (bits >> 23) & 0xff;
    let fraction = bits & 0x7f_ffff;
    let (mut m, mut e) = if biased == 0 {
        (fraction, -149)
    } else {
        (fraction | 0x80_0000, biased as i32 - 150)
    };
    if m == 0 {
        return false;
    }
    let zeros = m.trailing_zeros();
    m >>= zeros;
    e += zeros as i32;
    if !(-14..0).contains(&e) {
        return false;
    }
    u64::from(m) * 5u64.pow(e.unsigned_abs()) < 10_000_000_000
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{Color, FaceId, Target};

    fn glyph(id: u16, x: f32, dy: f32) -> Glyph {
        Glyph {
            id,
            x,
            dy,
            advance: 5.0,
            text: "a".into(),
        }
    }

    /// `write_real` against `{}`. Every finite f32 was compared once
    /// (4,278,190,080 values, none differ); this keeps a spread of them.
    #[test]
    fn reals_are_written_as_rust_writes_them() {
        let mut values: Vec<f32> = (0..=u32::MAX)
            .step_by(4099)
            .map(f32::from_bits)
            .filter(|v| v.is_finite())
            .collect();
        values.extend([
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            25.0,
            100.0,
            1e-7,
            1.5e-5,
            123_456_790.0,
            1e20,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
            1e-45,
            -0.142_990_84,
            0.001,
        ]);
        let mut ours = Vec::new();
        for v in values {
            ours.clear();
            write_real(&mut ours, v);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                format!("{v}"),
                "{:08x}",
                v.to_bits()
            );
        }
    }

    #[test]
    fn copy_text_becomes_balanced_actual_text_spans() {
        let text = |x: f32| Item::Text {
            face: FaceId::Regular,
            size: 10.0,
            x,
            y: 40.0,
            color: Color::BLACK,
            glyphs: vec![glyph(3, 0.0, 0.0)],
            tracking: 0.0,
        };
        let sample = Page {
            width: 200.0,
            height: 100.0,
            items: vec![
                Item::EndCopyText,
                Item::BeginCopyText { text: "mé".into() },
                text(10.0),
                Item::EndCopyText,
                Item::BeginCopyText {
                    text: String::new(),
                },
                text(20.0),
            ],
        };
        let mut faces: Vec<FaceGlyphs> =
            FaceId::ALL.iter().map(|_| FaceGlyphs::default()).collect();
        faces[FaceId::Regular.index()] = FaceGlyphs {
            name: "SGTXRG".into(),
            widths: vec![0, 0, 0, 500],
            codes: vec![None, None, None, Some(1)],
        };
        let stream = String::from_utf8(page(&sample, &faces, &[]).0).unwrap();
        // A stray end is dropped and the span left open is closed.
        assert!(
            stream.starts_with("/Span <</ActualText <FEFF006D00E9>>> BDC\nBT"),
            "{stream}"
        );
        assert_eq!(stream.matches(" BDC").count(), 2, "{stream}");
        assert_eq!(stream.matches("EMC").count(), 2, "{stream}");
        assert!(stream.contains("/Span <</ActualText <>>> BDC"), "{stream}");
        assert!(stream.ends_with("ET\nEMC"), "{stream}");
    }

    /// Where a viewer draws each glyph of `stream`: it follows `Tm`, `Tc`
    /// and the `TJ` kerns, with the `/W` widths of `face` at `size`.
    fn decode(stream: &str, face: &FaceGlyphs, size: f64) -> Vec<(f64, f64)> {
        let (mut spacing, mut pen, mut y) = (0.0, 0.0, 0.0);
        let mut drawn = Vec::new();
        for line in stream.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            match words.last().copied() {
                Some("Tc") => spacing = words[0].parse().unwrap(),
                Some("Tm") => {
                    pen = words[4].parse().unwrap();
                    y = words[5].parse().unwrap();
                }
                Some("TJ") => {
                    let array = line.trim_start_matches('[').trim_end_matches("] TJ");
                    for part in array.split_inclusive('>') {
                        let (kern, code) = part.split_once('<').unwrap();
                        if let Ok(k) = kern.trim().parse::<f64>() {
                            pen -= k * size / 1000.0;
                        }
                        let code = u16::from_str_radix(code.trim_end_matches('>'), 16).unwrap();
                        let id = (0..face.widths.len() as u16)
                            .find(|&id| face.code(id) == code)
                            .unwrap();
                        drawn.push((pen, y));
                        pen += face.width(id) as f64 * size / 1000.0 + spacing;
                    }
                }
                _ => {}
            }
        }
        drawn
    }

    #[test]
    fn letter_spacing_is_one_tc_per_run_and_glyphs_land_where_layout_put_them() {
        let tracked = |x: f32, tracking: f32, glyphs: Vec<Glyph>| Item::Text {
            face: FaceId::Regular,
            size: 10.0,
            x,
            y: 40.0,
            color: Color::BLACK,
            glyphs,
            tracking,
        };
        // Letters 0.15 pt apart beyond their advances, but a mark that
        // stays on its base and a space that follows the word unspaced.
        let word = vec![
            glyph(3, 0.0, 0.0),
            glyph(4, 5.15, 0.0),
            glyph(3, 11.3, 0.0),
            glyph(4, 11.3 + 1.0, 0.0),
            glyph(3, 16.3, 0.0),
            glyph(4, 25.0, 0.0),
        ];
        let sample = Page {
            width: 200.0,
            height: 100.0,
            items: vec![
                tracked(10.0, 0.15, word.clone()),
                tracked(50.0, 0.15, word.clone()),
                tracked(90.0, 0.0, vec![glyph(3, 0.0, 0.0), glyph(4, 5.0, 0.0)]),
                tracked(110.0, -0.1, vec![glyph(3, 0.0, 0.0), glyph(4, 4.9, 0.0)]),
            ],
        };
        let mut regular = FaceGlyphs {
            name: "SGTXRG".into(),
            widths: vec![0, 0, 0, 500, 600],
            codes: vec![None, None, None, Some(0), Some(0)],
        };
        regular.set_codes(&mut [1, 2].into_iter()).unwrap();
        let mut faces: Vec<FaceGlyphs> =
            FaceId::ALL.iter().map(|_| FaceGlyphs::default()).collect();
        faces[FaceId::Regular.index()] = regular;
        let stream = String::from_utf8(page(&sample, &faces, &[]).0).unwrap();
        // Set once for the two spaced runs, back to 0, then negative.
        let spacings: Vec<&str> = stream.lines().filter(|l| l.ends_with(" Tc")).collect();
        assert_eq!(spacings, ["0.15 Tc", "0 Tc", "-0.1 Tc"], "{stream}");
        // The spaced letters need no kern of their own; the mark and the
        // space do.
        assert!(stream.contains("[<0001><0002><0001> 415"), "{stream}");
        let drawn = decode(&stream, &faces[FaceId::Regular.index()], 10.0);
        let placed: Vec<(f64, f64)> = sample
            .items
            .iter()
            .flat_map(|i| match i {
                Item::Text { x, y, glyphs, .. } => glyphs
                    .iter()
                    .map(|g| (f64::from(x + g.x), f64::from(100.0 - y)))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(drawn.len(), placed.len());
        for (d, p) in drawn.iter().zip(&placed) {
            assert!(
                (d.0 - p.0).abs() < 1e-3 && d.1 == p.1,
                "{d:?} vs {p:?}\n{stream}"
            );
        }
    }

    #[test]
    fn a_page_encodes_as_printpdf_and_lopdf_would() {
        let sample = Page {
            width: 200.0,
            height: 100.0,
            items: vec![
                Item::Rect {
                    x: 10.0,
                    y: 20.0,
                    w: 30.0,
                    h: 5.0,
                    color: Color::BLACK,
                },
                Item::Line {
                    from: (0.0, 50.0),
                    to: (100.0, 50.0),
                    width: 0.5,
                    color: Color::gray(0.5),
                },
                Item::Link {
                    x: 0.0,
                    y: 0.0,
                    w: 10.0,
                    h: 10.0,
                    target: Target::Url("https://example.org".into()),
                },
                Item::Text {
                    face: FaceId::Regular,
                    size: 10.0,
                    x: 10.0,
                    y: 40.0,
                    color: Color::BLACK,
                    glyphs: vec![
                        glyph(3, 0.0, 0.0),
                        // Exactly where the first glyph's width leaves the
                        // pen: no kern.
                        glyph(4, 5.0, 0.0),
                        // Half a point (50/1000 em) short of the pen.
                        glyph(3, 10.5, 0.0),
                        // Raised: a new run on its own baseline.
                        glyph(4, 15.0, 2.0),
                    ],
                    tracking: 0.0,
                },
            ],
        };
        let mut regular = FaceGlyphs {
            name: "SGTXRG".into(),
            widths: vec![0, 0, 0, 500, 600],
            codes: vec![None, None, None, Some(0), Some(0)],
        };
        regular.set_codes(&mut [1, 2].into_iter()).unwrap();
        let mut faces: Vec<FaceGlyphs> =
            FaceId::ALL.iter().map(|_| FaceGlyphs::default()).collect();
        faces[FaceId::Regular.index()] = regular;
        let bytes = page(&sample, &faces, &[]).0;
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "0 0 0 rg\n10 75 30 5 re\nf\n\
             0.5 0.5 0.5 RG\n0.5 w\n0 50 m\n100 50 l\nS\n\
             BT\n0 0 0 rg\n/SGTXRG 10 Tf\n\
             1 0 0 1 10 60 Tm\n[<0001><0002> 50<0001>] TJ\n\
             1 0 0 1 25 62 Tm\n[<0002>] TJ\nET"
        );
    }
}
