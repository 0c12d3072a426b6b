//! Pictures a document shows, read and checked once and held ready to
//! embed: a JPEG as its own bytes, a PNG or a WebP as deflated samples and
//! alpha, an SVG as a vector drawing.
//!
//! This module knows formats and limits, not documents: it turns bytes
//! into an [`Image`] or says why it cannot. Finding the file a Markdown
//! image names is `resolve`'s job.

mod jpeg;
mod png;
mod resolve;
mod shared;
mod svg;
mod webp;

pub use resolve::{is_remote, load, resolve, Assets, Bases, Resolved};
pub use svg::{MAX_DEPTH as MAX_SVG_DEPTH, MAX_ELEMENTS as MAX_SVG_ELEMENTS, MAX_SVG_BYTES};

use std::sync::Arc;

/// Largest image file read: a shared pack is untrusted input.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Most pixels one image may have; decoding more would cost memory out of
/// proportion to anything a printed page can show.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The finest resolution an image is printed at: it is never drawn larger
/// than its pixels at this many per inch.
pub const MAX_DPI: f32 = 300.0;
/// The widest a vector drawing is ever drawn, in points: the largest page
/// a PDF may have. A drawing has no pixels to run out of, so the column
/// decides its size.
const MAX_VECTOR_WIDTH: f32 = 14_400.0;

/// A decoded (or, for JPEG, checked) image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Width in pixels (for an SVG, in CSS pixels, rounded).
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The samples, ready for a PDF image XObject.
    pub data: Data,
    /// A hash of the file's bytes: the same picture named twice, or by two
    /// names, is stored once.
    pub key: [u8; 32],
}

/// How an image's samples are stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// A JPEG file, kept exactly as it was (a PDF reader decodes it).
    Jpeg {
        /// The file.
        bytes: Vec<u8>,
        /// Colour components: 1 (gray), 3 (RGB) or 4 (CMYK).
        components: u8,
        /// Adobe's CMYK JPEGs store inverted values.
        inverted: bool,
    },
    /// Eight-bit samples, zlib-deflated, one or three per pixel.
    Raster {
        /// Colour components: 1 (gray) or 3 (RGB).
        components: u8,
        /// The colour samples, deflated.
        samples: Vec<u8>,
        /// The alpha channel, deflated; `None` when fully opaque.
        alpha: Option<Vec<u8>>,
    },
    /// A vector drawing, as the one page of a PDF that `svg2pdf` wrote.
    Svg {
        /// The PDF.
        pdf: Vec<u8>,
        /// The page's size in points: the SVG's size in CSS pixels.
        size: (f32, f32),
    },
}

/// Why bytes are not an image we can print.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageError {
    /// Neither a PNG, a JPEG, a WebP nor an SVG, judged by its first bytes.
    UnknownFormat,
    /// The file claims a format but does not follow it.
    Broken(String),
    /// More pixels than [`MAX_PIXELS`].
    TooManyPixels(u32, u32),
    /// An SVG past one of the limits that bound the work it takes.
    SvgLimit(String),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::UnknownFormat => write!(f, "is not a PNG, JPEG, WebP or SVG file"),
            ImageError::Broken(why) => write!(f, "is damaged: {why}"),
            ImageError::TooManyPixels(w, h) => write!(
                f,
                "has {w} × {h} pixels, more than the limit of {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
            ImageError::SvgLimit(why) => write!(f, "is too complex a drawing: {why}"),
        }
    }
}

/// Reads an image from a file's bytes, recognising the format by its
/// signature rather than by the file's name. The same bytes are decoded
/// once in a process (see [`shared`]).
pub fn decode(bytes: &[u8]) -> Result<Arc<Image>, ImageError> {
    shared::decode(bytes)
}

/// [`decode`], done now; `key` is the hash of `bytes`.
fn decode_keyed(bytes: &[u8], key: [u8; 32]) -> Result<Image, ImageError> {
    let (width, height, data) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png::decode(bytes)?
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        jpeg::check(bytes)?
    } else if webp::sniff(bytes) {
        webp::decode(bytes)?
    } else if svg::sniff(bytes) {
        let (w, h, data) = svg::decode(bytes)?;
        // usvg refuses a drawing of no size, so both are positive.
        let px = |v: f32| (v.round() as u32).max(1);
        (px(w), px(h), data)
    } else {
        return Err(ImageError::UnknownFormat);
    };
    Ok(Image {
        width,
        height,
        data,
        key,
    })
}

/// Fails for an image with more pixels than [`MAX_PIXELS`], before any
/// memory is spent on its samples.
fn check_pixels(width: u32, height: u32) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError::Broken(format!(
            "it is {width} × {height} pixels"
        )));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels(width, height));
    }
    Ok(())
}

impl Image {
    /// The largest size it is printed at, in points: its pixels at
    /// [`MAX_DPI`]; a vector drawing, any size its aspect allows.
    pub fn natural_size(&self) -> (f32, f32) {
        if let Data::Svg { size: (w, h), .. } = self.data {
            return (MAX_VECTOR_WIDTH, MAX_VECTOR_WIDTH * h / w);
        }
        let scale = 72.0 / MAX_DPI;
        (self.width as f32 * scale, self.height as f32 * scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_bytes_are_refused() {
        assert_eq!(decode(b"GIF89a...."), Err(ImageError::UnknownFormat));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\nbroken"),
            Err(ImageError::Broken(_))
        ));
        assert!(matches!(
            decode(&[0xff, 0xd8, 0xff, 0xe0, 0, 2]),
            Err(ImageError::Broken(_))
        ));
    }
}
