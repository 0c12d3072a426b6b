//! WebP → the same deflated samples and alpha as a PNG's: lossy and
//! lossless files alike, and the first frame of an animation (a page
//! cannot play the rest).

use super::{check_pixels, png, Data, ImageError};
use image_webp::{DecodingError, WebPDecoder};

/// Whether `bytes` open as a WebP file does: a RIFF container of the
/// `WEBP` kind.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP"
}

/// Decodes a WebP file: width, height and samples.
pub(super) fn decode(bytes: &[u8]) -> Result<(u32, u32, Data), ImageError> {
    let broken = |e: DecodingError| ImageError::Broken(e.to_string());
    let mut decoder = WebPDecoder::new(std::io::Cursor::new(bytes)).map_err(broken)?;
    let (width, height) = decoder.dimensions();
    check_pixels(width, height)?;
    decoder.set_memory_limit(png::DECODER_BYTES);
    let size = decoder
        .output_buffer_size()
        .ok_or_else(|| ImageError::Broken("its size overflows".into()))?;
    let mut pixels = vec![0; size];
    decoder.read_image(&mut pixels).map_err(broken)?;
    Ok((width, height, png::raster(pixels, 3, decoder.has_alpha())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w` × `h` lossless WebP whose top half is transparent.
    fn rgba(w: u32, h: u32) -> Vec<u8> {
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| [20, 90, 200, if i / w < h / 2 { 0 } else { 255 }])
            .collect();
        let mut out = Vec::new();
        image_webp::WebPEncoder::new(&mut out)
            .encode(&pixels, w, h, image_webp::ColorType::Rgba8)
            .unwrap();
        out
    }

    #[test]
    fn a_webp_decodes_with_its_alpha_apart() {
        let file = rgba(6, 4);
        assert!(sniff(&file));
        let (w, h, data) = decode(&file).unwrap();
        assert_eq!((w, h), (6, 4));
        let Data::Raster {
            components,
            samples,
            alpha,
        } = data
        else {
            panic!("not a raster")
        };
        assert_eq!(components, 3);
        assert!(alpha.is_some(), "half of it is transparent");
        assert!(!samples.is_empty());
    }

    #[test]
    fn a_truncated_webp_is_refused_and_another_riff_file_is_no_webp() {
        let mut file = rgba(6, 4);
        file.truncate(30);
        assert!(matches!(decode(&file), Err(ImageError::Broken(_))));
        assert!(!sniff(b"RIFF\0\0\0\0WAVEfmt "));
    }

    #[test]
    fn randomly_damaged_webps_decode_or_fail_without_panicking() {
        let file = rgba(16, 16);
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut failed = 0;
        for _ in 0..400 {
            let mut damaged = file.clone();
            for _ in 0..1 + next() % 4 {
                let at = 12 + (next() as usize) % (damaged.len() - 12);
                damaged[at] = next() as u8;
            }
            match decode(&damaged) {
                Ok((w, h, _)) => assert!(u64::from(w) * u64::from(h) <= crate::image::MAX_PIXELS),
                Err(_) => failed += 1,
            }
        }
        assert!(failed > 0, "some damage is noticed");
    }
}
