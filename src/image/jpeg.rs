//! JPEG: read the frame header for the size and the colour components, and
//! keep the file as it is. A PDF reader decodes JPEG itself (`/DCTDecode`),
//! so a photo is never recompressed.

use super::{check_pixels, Data, ImageError};

/// Walks the markers to the first start-of-frame: width, height and the
/// file as [`Data::Jpeg`].
pub(super) fn check(bytes: &[u8]) -> Result<(u32, u32, Data), ImageError> {
    let broken = |why: &str| ImageError::Broken(why.to_string());
    let mut at = 2;
    let mut inverted = false;
    loop {
        let marker = match bytes.get(at..at + 2) {
            Some([0xff, m]) => *m,
            Some(_) => return Err(broken("a marker is missing")),
            None => return Err(broken("it ends before its frame header")),
        };
        // Fill bytes and markers without a length.
        if marker == 0xff {
            at += 1;
            continue;
        }
        if marker == 0x01 || (0xd0..=0xd7).contains(&marker) {
            at += 2;
            continue;
        }
        let len = match bytes.get(at + 2..at + 4) {
            Some(&[hi, lo]) => usize::from(u16::from_be_bytes([hi, lo])),
            _ => return Err(broken("it ends inside a marker")),
        };
        let body = bytes
            .get(at + 4..at + 2 + len)
            .filter(|_| len >= 2)
            .ok_or_else(|| broken("a segment runs past the end"))?;
        // APP14 "Adobe": CMYK written by Adobe software is stored inverted.
        if marker == 0xee && body.starts_with(b"Adobe") {
            inverted = true;
        }
        if is_frame(marker) {
            return frame(body, bytes, inverted);
        }
        if marker == 0xd9 || marker == 0xda {
            return Err(broken("it has no frame header"));
        }
        at += 2 + len;
    }
}

/// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
fn is_frame(marker: u8) -> bool {
    (0xc0..=0xcf).contains(&marker) && !matches!(marker, 0xc4 | 0xc8 | 0xcc)
}

fn frame(body: &[u8], bytes: &[u8], inverted: bool) -> Result<(u32, u32, Data), ImageError> {
    let &[precision, h1, h0, w1, w0, components, ..] = body else {
        return Err(ImageError::Broken("its frame header is short".into()));
    };
    if precision != 8 {
        return Err(ImageError::Broken(format!(
            "{precision}-bit samples; PDF readers show 8-bit JPEG only"
        )));
    }
    if !matches!(components, 1 | 3 | 4) {
        return Err(ImageError::Broken(format!(
            "{components} colour components"
        )));
    }
    let width = u32::from(u16::from_be_bytes([w1, w0]));
    let height = u32::from(u16::from_be_bytes([h1, h0]));
    check_pixels(width, height)?;
    let data = Data::Jpeg {
        bytes: bytes.to_vec(),
        components,
        inverted: inverted && components == 4,
    };
    Ok((width, height, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_header_gives_the_size() {
        // SOI, an APP0 segment, then SOF0: 8-bit, 3 × 2 pixels, 3 components.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0];
        jpeg.extend([0xff, 0xc0, 0, 17, 8, 0, 2, 0, 3, 3]);
        jpeg.extend([0; 9]);
        jpeg.extend([0xff, 0xd9]);
        let (w, h, data) = check(&jpeg).unwrap();
        assert_eq!((w, h), (3, 2));
        assert!(matches!(data, Data::Jpeg { components: 3, ref bytes, .. } if *bytes == jpeg));
        // A length that runs past the end.
        assert!(check(&[0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff]).is_err());
    }
}
