//! Pictures decoded once per process. The outputs of a build show the
//! same files (a guide, its cards and its cheat sheet), and so do the
//! rebuilds of `watch`; decoding a PNG and deflating its samples costs far
//! more than reading and hashing the file.
//!
//! A picture is known by the hash of its bytes, so a file that changed is
//! a new picture. Decoding depends on nothing but the bytes (SVG text is
//! set in the built-in fonts only), so a held picture is exactly what
//! decoding again would give. What is held is bounded: past
//! [`MAX_HELD`] bytes, everything held so far is let go.

use super::{decode_keyed, Data, Image, ImageError};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, OnceLock};

/// Most bytes of decoded pictures held at once.
const MAX_HELD: usize = 64 << 20;

/// One picture: decoded by whichever thread asked first, while any other
/// that asks for the same bytes waits for it.
type Cell = Arc<OnceLock<Result<Arc<Image>, ImageError>>>;

#[derive(Default)]
struct Held {
    pictures: FxHashMap<[u8; 32], Cell>,
    bytes: usize,
}

static HELD: Mutex<Option<Held>> = Mutex::new(None);

/// The image in `bytes`, decoded now or earlier in this process.
pub(super) fn decode(bytes: &[u8]) -> Result<Arc<Image>, ImageError> {
    let key: [u8; 32] = Sha256::digest(bytes).into();
    let cell = {
        let mut held = lock();
        let held = held.get_or_insert_with(Held::default);
        held.pictures.entry(key).or_default().clone()
    };
    let mut fresh = false;
    let result = cell
        .get_or_init(|| {
            fresh = true;
            decode_keyed(bytes, key).map(Arc::new)
        })
        .clone();
    if fresh {
        let size = result.as_ref().map_or(0, |image| held_bytes(image));
        let mut held = lock();
        let held = held.get_or_insert_with(Held::default);
        held.bytes += size;
        if held.bytes > MAX_HELD {
            *held = Held::default();
        }
    }
    result
}

/// The held pictures, whatever a thread that panicked while holding them
/// left: a cell is either done or not, never half-done.
fn lock() -> std::sync::MutexGuard<'static, Option<Held>> {
    HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The bytes an image holds.
fn held_bytes(image: &Image) -> usize {
    match &image.data {
        Data::Jpeg { bytes, .. } => bytes.len(),
        Data::Raster { samples, alpha, .. } => samples.len() + alpha.as_ref().map_or(0, Vec::len),
        Data::Svg { pdf, .. } => pdf.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_are_decoded_once_and_others_apart() {
        let a = super::super::png::tests::rgba(7, 3);
        let b = super::super::png::tests::rgba(3, 7);
        let first = decode(&a).unwrap();
        let again = decode(&a).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "held, not decoded again");
        assert_eq!(*first, decode_keyed(&a, first.key).unwrap());
        let other = decode(&b).unwrap();
        assert_eq!((other.width, other.height), (3, 7));
        // A broken file gives the same error each time.
        let broken = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0];
        assert_eq!(decode(&broken), decode(&broken));
        assert!(decode(&broken).is_err());
    }

    #[test]
    fn many_threads_asking_at_once_get_one_picture() {
        use rayon::prelude::*;
        let a = super::super::png::tests::rgba(11, 5);
        let got: Vec<Arc<Image>> = (0..16)
            .into_par_iter()
            .map(|_| decode(&a).unwrap())
            .collect();
        assert!(got.iter().all(|g| Arc::ptr_eq(g, &got[0])));
    }
}
