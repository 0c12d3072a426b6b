//! PNG → deflated eight-bit samples, with the alpha channel apart (a PDF
//! draws transparency from a separate soft mask). Other raster formats
//! end the same way (see [`raster`]).

use super::{check_pixels, Data, ImageError};
use png::{ColorType, Transformations};

/// Memory the decoder may take: room for the largest image the pixel limit
/// admits, four bytes a pixel, and its working buffers.
pub(super) const DECODER_BYTES: usize = 4 * super::MAX_PIXELS as usize + (16 << 20);

/// Decodes a PNG file: width, height and samples.
pub(super) fn decode(bytes: &[u8]) -> Result<(u32, u32, Data), ImageError> {
    let broken = |e: png::DecodingError| ImageError::Broken(e.to_string());
    let limits = png::Limits {
        bytes: DECODER_BYTES,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    // Palettes and low bit depths become plain eight-bit samples, and a
    // transparent colour (tRNS) an alpha channel.
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(broken)?;
    let (width, height) = reader.info().size();
    check_pixels(width, height)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| ImageError::Broken("its size overflows".into()))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(broken)?;
    buf.truncate(frame.buffer_size());
    let (components, has_alpha) = match frame.color_type {
        ColorType::Grayscale => (1, false),
        ColorType::GrayscaleAlpha => (1, true),
        ColorType::Rgb => (3, false),
        ColorType::Rgba => (3, true),
        // EXPAND turns a palette into RGB; nothing else is left.
        ColorType::Indexed => return Err(ImageError::Broken("an unexpanded palette".into())),
    };
    Ok((width, height, raster(buf, components, has_alpha)))
}

/// Eight-bit pixels of `components` colour samples each, followed by an
/// alpha sample if `has_alpha`, ready to embed: colour and alpha apart,
/// each deflated.
pub(super) fn raster(pixels: Vec<u8>, components: usize, has_alpha: bool) -> Data {
    let (samples, alpha) = if has_alpha {
        split_alpha(&pixels, components)
    } else {
        (pixels, None)
    };
    Data::Raster {
        components: components as u8,
        samples: deflate(&samples),
        alpha: alpha.map(|a| deflate(&a)),
    }
}

/// Colour samples and the alpha channel, apart; the alpha is dropped when
/// every pixel is opaque, so such a PNG needs no soft mask.
fn split_alpha(pixels: &[u8], components: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    let stride = components + 1;
    let mut color = Vec::with_capacity(pixels.len() / stride * components);
    let mut alpha = Vec::with_capacity(pixels.len() / stride);
    for px in pixels.chunks_exact(stride) {
        color.extend_from_slice(&px[..components]);
        alpha.push(px[components]);
    }
    let opaque = alpha.iter().all(|&a| a == 255);
    (color, (!opaque).then_some(alpha))
}

/// The deflate level of pictures' samples: they are few, and often large.
const LEVEL: i32 = 6;

/// zlib at a fixed level with libdeflate, as the PDF's own streams are:
/// the same samples always give the same bytes (see `pdf::deflate`).
fn deflate(data: &[u8]) -> Vec<u8> {
    use libdeflater::{CompressionLvl, Compressor};
    let level = CompressionLvl::new(LEVEL).unwrap_or_default();
    let mut compressor = Compressor::new(level);
    let mut out = vec![0; compressor.zlib_compress_bound(data.len())];
    // The bound always fits.
    let n = compressor.zlib_compress(data, &mut out).unwrap_or(0);
    out.truncate(n);
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A `w` × `h` RGBA PNG whose left half is transparent.
    pub(crate) fn rgba(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(ColorType::Rgba);
        let mut writer = enc.write_header().unwrap();
        let pixels: Vec<u8> = (0..w * h)
            .flat_map(|i| [200, 30, 30, if i % w < w / 2 { 0 } else { 255 }])
            .collect();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn alpha_is_kept_apart_and_opaque_alpha_dropped() {
        let (w, h, data) = decode(&rgba(8, 4)).unwrap();
        assert_eq!((w, h), (8, 4));
        let Data::Raster {
            components, alpha, ..
        } = data
        else {
            panic!()
        };
        assert_eq!(components, 3);
        assert!(alpha.is_some());
        let (_, alpha) = split_alpha(&[1, 2, 3, 255, 4, 5, 6, 255], 3);
        assert_eq!(alpha, None);
    }
}
