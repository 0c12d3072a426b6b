//! Page content streams, written straight from frame pages as bytes.
//!
//! printpdf turns its operations into lopdf operations, which lopdf then
//! encodes: at thousands of pages those two copies of every glyph cost more
//! time and memory than layout itself. This writer emits compact bytes
//! directly, because every byte of a page is later deflated:
//!
//! - positions in hundredths of a point (0.0035 mm, far below any printer's
//!   dot), written from integers, so that a rectangle's edges and a line's
//!   ends land exactly where they are meant to;
//! - state that outlives an operation (fill and stroke colour, line width,
//!   font and size, character spacing) written only when it changes;
//! - each text item one text object: a `Td` to its first baseline and one
//!   `TJ` per baseline, its glyph codes as literal strings of two bytes
//!   each, with an integer kern in thousandths of an em only where layout
//!   put a glyph elsewhere than the previous glyph's advance leaves the
//!   pen (a kerning pair, a stretched space, a letter-spaced cluster).
//!
//! The kerns are measured against the `/W` widths the document declares
//! (which [`super`] writes exactly, not truncated as printpdf does) and the
//! pen keeps what each kern's rounding left over, so a glyph is never more
//! than half a thousandth of an em from where layout put it, however long
//! the line.
//!
//! Copy-text stretches become `/Span` marked content with an `/ActualText`
//! (PDF 32000-1, 14.9.4), which poppler, pdf.js and Acrobat read instead of
//! the glyphs inside: that is how a word hyphenated at a line end copies
//! whole. The text is written as UTF-16BE with a byte-order mark, in hex.

use super::font::FaceGlyphs;
use super::r;
use crate::frame::Color;
use crate::frame::{Glyph, Item, Page, Role, StructNode};

/// The content stream of one page, and for a tagged document (`tagged`)
/// the structure element of each marked-content id (MCID) it used, in MCID
/// order.
pub(super) fn page(
    page: &Page,
    faces: &[FaceGlyphs],
    structure: &[StructNode],
    tagged: bool,
) -> (Vec<u8>, Vec<usize>) {
    let mut out = Ops::new();
    let h = page.height;
    // Marked content must balance within the stream: an end without a
    // beginning is dropped, and a stretch still open at the end is closed.
    let mut open_span = false;
    let mut marks = Marks {
        tagged,
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
                out.fill(*color);
                // Both edges rounded, and the height between them, so that
                // abutting rectangles stay abutting.
                let (left, bottom) = (hundredths(*x), hundredths(h - y - rh));
                let (right, top) = (hundredths(x + w), hundredths(h - y));
                out.fixed_op(&[left, bottom, right - left, top - bottom], "re");
                out.op(&[], "f");
            }
            Item::Line {
                from,
                to,
                width,
                color,
            } => {
                out.stroke(*color, hundredths(*width));
                out.fixed_op(&[hundredths(from.0), hundredths(h - from.1)], "m");
                out.fixed_op(&[hundredths(to.0), hundredths(h - to.1)], "l");
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
                out.fill(*color);
                out.op(&[], "BT");
                out.font(face.index(), &faces[face.index()].name, *size);
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
    out.fixed_op(
        &[
            hundredths(w),
            0,
            0,
            hundredths(h),
            hundredths(x),
            hundredths(y),
        ],
        "cm",
    );
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
    /// Whether the document is tagged: otherwise nothing is marked.
    tagged: bool,
    /// The document's structure tree.
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
        if !self.tagged {
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

/// `v` points in hundredths of a point, the unit of every position.
#[allow(clippy::cast_possible_truncation)]
fn hundredths(v: f32) -> i64 {
    // Saturates: a NaN becomes 0 and nothing can overflow.
    (f64::from(v) * 100.0).round() as i64
}

/// One `Td` and one kerned `TJ` per baseline.
///
/// The kern before each glyph is the distance, in whole thousandths of an
/// em, between where the pen is after the previous glyph's `/W` width plus
/// the character spacing in force, and where layout placed this one. The
/// pen moves by exactly the written kern, so the rounding of one kern is
/// made up by the next and never accumulates: a letter-spaced run thus
/// needs a kern only where layout did not space (inside a cluster, before
/// a space), and plain text only at kerning pairs and stretched spaces.
fn text_runs(
    out: &mut Ops,
    glyphs: &[Glyph],
    (x, baseline): (f32, f32),
    size: f32,
    face: &FaceGlyphs,
) {
    let em = 1000.0 / f64::from(size);
    // Tc is in unscaled text space units: points, as the text matrix does
    // not scale.
    let spacing = f64::from(out.spacing) * em;
    // The line start `Td` moved to last, in hundredths of a point: `Td` is
    // relative to it, and a text object starts at the origin.
    let mut line = (0i64, 0i64);
    // The open run's baseline and the pen, in 1/1000 em from its start.
    let mut run: Option<(i64, f64)> = None;
    let mut open_string = false;
    for g in glyphs {
        let gx = f64::from(x) + f64::from(g.x);
        let gy = hundredths(baseline) + i64::from(g.dy);
        let pen = match &mut run {
            Some((y, pen)) if *y == gy => pen,
            _ => {
                if run.is_some() {
                    end_run(out, &mut open_string);
                }
                #[allow(clippy::cast_possible_truncation)]
                let start = ((gx * 100.0).round() as i64, gy);
                out.fixed_op(&[start.0 - line.0, start.1 - line.1], "Td");
                line = start;
                out.begin();
                out.buf.push(b'[');
                &mut run.insert((gy, 0.0)).1
            }
        };
        // Where layout put the glyph, from the run's start: `pen` counts
        // from there too, less the kerns written so far.
        let target = (gx - line.0 as f64 / 100.0) * em;
        let kern = (*pen - target).round();
        if kern != 0.0 {
            if open_string {
                out.buf.push(b')');
                open_string = false;
            }
            #[allow(clippy::cast_possible_truncation)]
            write_int(&mut out.buf, kern as i64);
            *pen -= kern;
        }
        if !open_string {
            out.buf.push(b'(');
            open_string = true;
        }
        let code = face.code(g.id).to_be_bytes();
        for byte in code {
            literal_byte(&mut out.buf, byte);
        }
        *pen += face.width(g.id) + spacing;
    }
    if run.is_some() {
        end_run(out, &mut open_string);
    }
}

/// Closes a run's string and its `TJ` array.
fn end_run(out: &mut Ops, open_string: &mut bool) {
    if *open_string {
        out.buf.push(b')');
        *open_string = false;
    }
    out.buf.extend_from_slice(b"] TJ");
}

/// One byte of a glyph code inside a literal string: the three delimiters
/// escaped, and a carriage return too, which a reader would otherwise take
/// for a line end and turn into a line feed.
fn literal_byte(buf: &mut Vec<u8>, byte: u8) {
    match byte {
        b'(' | b')' | b'\\' => buf.extend_from_slice(&[b'\\', byte]),
        b'\r' => buf.extend_from_slice(b"\\r"),
        _ => buf.push(byte),
    }
}

/// A content stream being written, and the graphics state it has set.
struct Ops {
    buf: Vec<u8>,
    first: bool,
    /// The character spacing (`Tc`) in force: text state outlives text
    /// objects, so it is written only when a run needs another value.
    spacing: f32,
    /// The face index and size of the font in force (`Tf`), if any.
    font: Option<(usize, f32)>,
    /// The fill colour in force, once one is set: the initial one is black
    /// in DeviceGray, and text keeps the RGB colour space it asks for.
    fill: Option<Color>,
    /// The stroke colour and line width in force.
    stroke: Option<(Color, i64)>,
}

impl Ops {
    fn new() -> Ops {
        Ops {
            buf: Vec::with_capacity(4096),
            first: true,
            spacing: 0.0,
            font: None,
            fill: None,
            stroke: None,
        }
    }

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

    /// A whole operation with operands in hundredths of a point.
    fn fixed_op(&mut self, operands: &[i64], operator: &str) {
        self.begin();
        for &v in operands {
            write_hundredths(&mut self.buf, v);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(operator.as_bytes());
    }

    /// Sets the fill colour, unless it is in force already. Nothing drawn
    /// between `q` and `Q` changes it, so it stays valid across them.
    fn fill(&mut self, color: Color) {
        if self.fill != Some(color) {
            self.op(&[color.0, color.1, color.2], "rg");
            self.fill = Some(color);
        }
    }

    /// Sets the stroke colour and line width (in hundredths of a point),
    /// unless they are in force already.
    fn stroke(&mut self, color: Color, width: i64) {
        let (old_color, old_width) = self.stroke.unzip();
        if old_color != Some(color) {
            self.op(&[color.0, color.1, color.2], "RG");
        }
        if old_width != Some(width) {
            self.fixed_op(&[width], "w");
        }
        self.stroke = Some((color, width));
    }

    /// Selects the font, unless it is in force already.
    fn font(&mut self, face: usize, name: &str, size: f32) {
        if self.font != Some((face, size)) {
            self.begin();
            self.buf.push(b'/');
            self.buf.extend_from_slice(name.as_bytes());
            self.buf.push(b' ');
            self.reals(&[size]);
            self.buf.extend_from_slice(b"Tf");
            self.font = Some((face, size));
        }
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
}

/// Writes an integer.
fn write_int(buf: &mut Vec<u8>, v: i64) {
    if v < 0 {
        buf.push(b'-');
    }
    write_digits(buf, v.unsigned_abs());
}

/// Writes the decimal digits of `v`, without allocating.
fn write_digits(buf: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// Writes `v` hundredths as a decimal with no trailing zeros: `12831` is
/// `128.31`, `-5` is `-0.05`, `100` is `1`.
fn write_hundredths(buf: &mut Vec<u8>, v: i64) {
    if v < 0 {
        buf.push(b'-');
    }
    let v = v.unsigned_abs();
    write_digits(buf, v / 100);
    let frac = v % 100;
    if frac != 0 {
        buf.push(b'.');
        buf.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            buf.push(b'0' + (frac % 10) as u8);
        }
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
            dy: Glyph::dy_of(dy),
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

    /// A face whose glyphs 3 and 4 are 500 and 600 thousandths wide, with
    /// codes 1 and 2.
    fn faces() -> Vec<FaceGlyphs> {
        let regular = FaceGlyphs {
            name: "SGTXRG".into(),
            widths: vec![0, 0, 0, 500_000, 600_000],
            codes: vec![None, None, None, Some(1), Some(2)],
            ..FaceGlyphs::default()
        };
        let mut faces: Vec<FaceGlyphs> =
            FaceId::ALL.iter().map(|_| FaceGlyphs::default()).collect();
        faces[FaceId::Regular.index()] = regular;
        faces
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
        let stream = String::from_utf8(page(&sample, &faces(), &[], false).0).unwrap();
        // A stray end is dropped and the span left open is closed.
        assert!(
            stream.starts_with("/Span <</ActualText <FEFF006D00E9>>> BDC\n0 0 0 rg\nBT"),
            "{stream}"
        );
        assert_eq!(stream.matches(" BDC").count(), 2, "{stream}");
        assert_eq!(stream.matches("EMC").count(), 2, "{stream}");
        assert!(stream.contains("/Span <</ActualText <>>> BDC"), "{stream}");
        assert!(stream.ends_with("ET\nEMC"), "{stream}");
    }

    /// Where a viewer draws each glyph of `stream`, and which code: it
    /// follows `Td`, `Tc` and the `TJ` kerns, with the `/W` widths of `face`
    /// at `size`.
    fn decode(stream: &[u8], face: &FaceGlyphs, size: f64) -> Vec<(f64, f64, u16)> {
        let (mut spacing, mut line, mut pen) = (0.0, (0.0, 0.0), 0.0);
        let mut drawn = Vec::new();
        let mut operands: Vec<f64> = Vec::new();
        let mut at = 0;
        while at < stream.len() {
            match stream[at] {
                b' ' | b'\n' | b'[' | b']' => at += 1,
                b'(' => {
                    at += 1;
                    let mut bytes = Vec::new();
                    while stream[at] != b')' {
                        if stream[at] == b'\\' {
                            at += 1;
                            bytes.push(if stream[at] == b'r' {
                                b'\r'
                            } else {
                                stream[at]
                            });
                        } else {
                            bytes.push(stream[at]);
                        }
                        at += 1;
                    }
                    at += 1;
                    for pair in bytes.chunks(2) {
                        let code = u16::from_be_bytes([pair[0], pair[1]]);
                        let id = (0..face.widths.len() as u16)
                            .find(|&id| face.code(id) == code)
                            .unwrap();
                        drawn.push((pen, line.1, code));
                        pen += face.width(id) * size / 1000.0 + spacing;
                    }
                }
                _ => {
                    let end = stream[at..]
                        .iter()
                        .position(|&b| matches!(b, b' ' | b'\n' | b'(' | b']'))
                        .map_or(stream.len(), |n| at + n);
                    let word = std::str::from_utf8(&stream[at..end]).unwrap();
                    at = end;
                    if let Ok(v) = word.parse::<f64>() {
                        if stream.get(at) == Some(&b'(') || stream.get(at) == Some(&b']') {
                            pen -= v * size / 1000.0;
                        } else {
                            operands.push(v);
                        }
                        continue;
                    }
                    match word {
                        "BT" => line = (0.0, 0.0),
                        "Tc" => spacing = operands[0],
                        "Td" => {
                            line = (line.0 + operands[0], line.1 + operands[1]);
                            pen = line.0;
                        }
                        _ => {}
                    }
                    operands.clear();
                }
            }
        }
        drawn
    }

    /// The glyphs of `items` where layout put them, from the page's bottom.
    fn placed(items: &[Item], height: f32) -> Vec<(f64, f64)> {
        items
            .iter()
            .flat_map(|i| match i {
                Item::Text { x, y, glyphs, .. } => glyphs
                    .iter()
                    .map(|g| (f64::from(x + g.x), f64::from(height - y + g.rise())))
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect()
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
        let faces = faces();
        let bytes = page(&sample, &faces, &[], false).0;
        let stream = String::from_utf8_lossy(&bytes);
        // Set once for the two spaced runs, back to 0, then negative.
        let spacings: Vec<&str> = stream.lines().filter(|l| l.ends_with(" Tc")).collect();
        assert_eq!(spacings, ["0.15 Tc", "0 Tc", "-0.1 Tc"], "{stream}");
        // The spaced letters need no kern of their own; the mark and the
        // space do.
        assert!(
            stream.contains("[(\0\u{1}\0\u{2}\0\u{1})415(\0\u{2}"),
            "{stream}"
        );
        let drawn = decode(&bytes, &faces[FaceId::Regular.index()], 10.0);
        let placed = placed(&sample.items, 100.0);
        assert_eq!(drawn.len(), placed.len());
        for (d, p) in drawn.iter().zip(&placed) {
            // Half a thousandth of an em at 10 pt, and the rounding of
            // the line's start.
            assert!(
                (d.0 - p.0).abs() <= 0.0051 && (d.1 - p.1).abs() < 1e-9,
                "{d:?} vs {p:?}\n{stream}"
            );
        }
    }

    /// However long a line, the rounding of each kern is made up by the
    /// next: no glyph drifts from where layout put it.
    #[test]
    fn kerns_carry_their_rounding_along_a_long_line() {
        // Every glyph a third of a thousandth of an em past its advance.
        let glyphs: Vec<Glyph> = (0..3000)
            .map(|n| glyph(3, n as f32 * (5.0 + 10.0 / 3000.0), 0.0))
            .collect();
        let sample = Page {
            width: 20000.0,
            height: 100.0,
            items: vec![Item::Text {
                face: FaceId::Regular,
                size: 10.0,
                x: 0.123,
                y: 40.0,
                color: Color::BLACK,
                glyphs,
                tracking: 0.0,
            }],
        };
        let faces = faces();
        let bytes = page(&sample, &faces, &[], false).0;
        let drawn = decode(&bytes, &faces[FaceId::Regular.index()], 10.0);
        let placed = placed(&sample.items, 100.0);
        let worst = drawn
            .iter()
            .zip(&placed)
            .map(|(d, p)| (d.0 - p.0).abs())
            .fold(0.0, f64::max);
        assert!(worst <= 0.0051, "{worst}");
        // A kern of -1 every third glyph, not one per glyph.
        let kerns = bytes.windows(4).filter(|w| w == b")-1(").count();
        assert!((990..=1010).contains(&kerns), "{kerns}");
    }

    /// Glyph codes whose bytes are string delimiters or a carriage return
    /// are escaped, and read back as the same codes.
    #[test]
    fn glyph_codes_that_look_like_delimiters_are_escaped() {
        let ids = [b'(', b')', b'\\', b'\r', b'\n', 0x28];
        let face = FaceGlyphs {
            name: "SGTXRG".into(),
            widths: vec![500_000; 300],
            codes: (0..300u16).map(|c| Some(c << 8 | c >> 1 & 0xff)).collect(),
            ..FaceGlyphs::default()
        };
        let glyphs: Vec<Glyph> = ids
            .iter()
            .enumerate()
            .map(|(n, &id)| glyph(u16::from(id), n as f32 * 5.0, 0.0))
            .collect();
        let sample = Page {
            width: 200.0,
            height: 100.0,
            items: vec![Item::Text {
                face: FaceId::Regular,
                size: 10.0,
                x: 10.0,
                y: 40.0,
                color: Color::BLACK,
                glyphs: glyphs.clone(),
                tracking: 0.0,
            }],
        };
        let mut faces: Vec<FaceGlyphs> =
            FaceId::ALL.iter().map(|_| FaceGlyphs::default()).collect();
        faces[FaceId::Regular.index()] = face;
        let bytes = page(&sample, &faces, &[], false).0;
        assert!(!bytes.contains(&b'\r'), "{bytes:?}");
        let drawn = decode(&bytes, &faces[FaceId::Regular.index()], 10.0);
        let codes: Vec<u16> = drawn.iter().map(|d| d.2).collect();
        let expected: Vec<u16> = glyphs.iter().map(|g| faces[0].code(g.id)).collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn a_page_encodes_compactly() {
        let text = |y: f32, glyphs: Vec<Glyph>| Item::Text {
            face: FaceId::Regular,
            size: 10.0,
            x: 10.0,
            y,
            color: Color::BLACK,
            glyphs,
            tracking: 0.0,
        };
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
                text(
                    40.0,
                    vec![
                        glyph(3, 0.0, 0.0),
                        // Exactly where the first glyph's width leaves the
                        // pen: no kern.
                        glyph(4, 5.0, 0.0),
                        // Half a point (50/1000 em) short of the pen.
                        glyph(3, 10.5, 0.0),
                        // Raised: a new run on its own baseline.
                        glyph(4, 15.0, 2.0),
                    ],
                ),
                // The same colour, font and size: set once for both.
                text(52.125, vec![glyph(3, 0.0, 0.0)]),
                Item::Line {
                    from: (0.0, 60.0),
                    to: (100.0, 60.0),
                    width: 0.5,
                    color: Color::gray(0.5),
                },
            ],
        };
        let bytes = page(&sample, &faces(), &[], false).0;
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "0 0 0 rg\n10 75 30 5 re\nf\n\
             0.5 0.5 0.5 RG\n0.5 w\n0 50 m\n100 50 l\nS\n\
             BT\n/SGTXRG 10 Tf\n\
             10 60 Td\n[(\0\u{1}\0\u{2})50(\0\u{1})] TJ\n\
             15 2 Td\n[(\0\u{2})] TJ\nET\n\
             BT\n10 47.88 Td\n[(\0\u{1})] TJ\nET\n\
             0 40 m\n100 40 l\nS"
        );
    }
}
