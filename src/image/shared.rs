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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Most bytes of decoded pictures held at once.
const MAX_HELD: usize = 64 << 20;

/// What decoding a picture gave.
type Decoded = Result<Arc<Image>, ImageError>;

/// One picture: decoded by the thread that claimed it first.
#[derive(Default)]
struct Cell {
    claimed: AtomicBool,
    decoded: OnceLock<Decoded>,
}

#[derive(Default)]
struct Held {
    pictures: FxHashMap<[u8; 32], Arc<Cell>>,
    bytes: usize,
}

static HELD: Mutex<Option<Held>> = Mutex::new(None);

/// The image in `bytes`, decoded now or earlier in this process. If
/// another thread is decoding the same bytes, waits for it.
pub(super) fn decode(bytes: &[u8]) -> Decoded {
    let key: [u8; 32] = Sha256::digest(bytes).into();
    let cell = cell(key);
    match claim(&cell, bytes, key) {
        Some(decoded) => decoded,
        None => cell.decoded.wait().clone(),
    }
}

/// [`decode`], or `None` at once if another thread is decoding the same
/// bytes: the caller can do other work first (the outputs of a build
/// read the same pictures in the same order, and would otherwise wait
/// for each other at every one).
pub(super) fn decode_unless_busy(bytes: &[u8]) -> Option<Decoded> {
    let key: [u8; 32] = Sha256::digest(bytes).into();
    claim(&cell(key), bytes, key)
}

/// The cell of the picture whose bytes hash to `key`.
fn cell(key: [u8; 32]) -> Arc<Cell> {
    let mut held = lock();
    let held = held.get_or_insert_with(Held::default);
    held.pictures.entry(key).or_default().clone()
}

/// The picture of `cell` (`bytes`, which hash to `key`): decoded already,
/// or decoded now if no other thread has claimed it; `None` if one has
/// and is not done.
fn claim(cell: &Cell, bytes: &[u8], key: [u8; 32]) -> Option<Decoded> {
    if let Some(decoded) = cell.decoded.get() {
        return Some(decoded.clone());
    }
    if cell.claimed.swap(true, Ordering::AcqRel) {
        return cell.decoded.get().cloned();
    }
    // A decoder that panics must still leave an answer, or the threads
    // waiting for this picture would wait forever.
    let decoded = std::panic::catch_unwind(|| decode_keyed(bytes, key).map(Arc::new))
        .unwrap_or_else(|_| Err(ImageError::Broken("decoding it failed".into())));
    let size = decoded.as_ref().map_or(0, |image| held_bytes(image));
    let decoded = cell.decoded.get_or_init(|| decoded).clone();
    let mut held = lock();
    let held = held.get_or_insert_with(Held::default);
    held.bytes += size;
    if held.bytes > MAX_HELD {
        *held = Held::default();
    }
    Some(decoded)
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
    fn a_picture_being_decoded_is_busy_for_others_until_it_is_done() {
        let a = super::super::png::tests::rgba(13, 2);
        let cell = cell(Sha256::digest(&a).into());
        // As if another thread had claimed it and not finished.
        cell.claimed.store(true, Ordering::Release);
        assert!(decode_unless_busy(&a).is_none());
        let image = Arc::new(decode_keyed(&a, Sha256::digest(&a).into()).unwrap());
        let _ = cell.decoded.set(Ok(image.clone()));
        assert!(Arc::ptr_eq(
            &decode_unless_busy(&a).unwrap().unwrap(),
            &image
        ));
        assert!(Arc::ptr_eq(&decode(&a).unwrap(), &image));
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
