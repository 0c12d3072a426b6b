//! Pictures as image XObjects (and drawings as form XObjects): each
//! distinct picture stored once, however many times and on however many
//! pages it is drawn, and named in the resources of every page that draws
//! it.

use crate::frame::{Item, Page};
use crate::image::{Data, Image};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The resource name a picture is drawn by: from its content hash, so the
/// same picture has the same name everywhere and the name depends on
/// nothing but the picture.
pub(super) fn resource_name(image: &Image) -> String {
    let hex: String = image.key[..8].iter().map(|b| format!("{b:02X}")).collect();
    format!("Im{hex}")
}

/// The distinct pictures a page draws, by resource name.
pub(super) fn used(page: &Page) -> BTreeMap<String, Arc<Image>> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Image { image, .. } => Some((resource_name(image), image.clone())),
            _ => None,
        })
        .collect()
}

/// Adds the pictures to `pdf`: one XObject per distinct picture, named in
/// the resources of each of `pages` (in page order) that draws it.
pub(super) fn add(
    pdf: &mut lopdf::Document,
    pages: &[ObjectId],
    used: &[BTreeMap<String, Arc<Image>>],
) -> lopdf::Result<()> {
    if used.iter().all(BTreeMap::is_empty) {
        return Ok(());
    }
    let mut stored: BTreeMap<&str, ObjectId> = BTreeMap::new();
    for (&page, images) in pages.iter().zip(used) {
        for (name, image) in images {
            let id = match stored.get(name.as_str()) {
                Some(&id) => id,
                None => {
                    let id = xobject(pdf, image)?;
                    stored.insert(name, id);
                    id
                }
            };
            super::resources::add(pdf, page, "XObject", name, id)?;
        }
    }
    Ok(())
}

/// Writes the picture's XObject (and its soft mask) and returns its id.
fn xobject(pdf: &mut lopdf::Document, image: &Image) -> lopdf::Result<ObjectId> {
    let mut dict = image_dict(image);
    let content = match &image.data {
        // A drawing is a form, not an image: none of the keys above.
        Data::Svg { pdf: drawing, size } => return super::svg::form(pdf, drawing, *size),
        Data::Jpeg {
            bytes,
            components,
            inverted,
        } => {
            dict.set("ColorSpace", color_space(*components));
            dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
            if *inverted {
                let decode = [1, 0].repeat(usize::from(*components));
                dict.set(
                    "Decode",
                    Object::Array(decode.into_iter().map(Object::Integer).collect()),
                );
            }
            bytes.clone()
        }
        Data::Raster {
            components,
            samples,
            alpha,
        } => {
            dict.set("ColorSpace", color_space(*components));
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            if let Some(alpha) = alpha {
                let mask = soft_mask(image, alpha.clone());
                dict.set("SMask", Object::Reference(pdf.add_object(mask)));
            }
            samples.clone()
        }
    };
    Ok(pdf.add_object(Stream::new(dict, content).with_compression(false)))
}

/// The keys every image XObject of `image`'s size has, picture or mask.
fn image_dict(image: &Image) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Image".to_vec()));
    dict.set("Width", Object::Integer(i64::from(image.width)));
    dict.set("Height", Object::Integer(i64::from(image.height)));
    dict.set("BitsPerComponent", Object::Integer(8));
    dict
}

/// The alpha channel as a gray image that masks its picture.
fn soft_mask(image: &Image, alpha: Vec<u8>) -> Stream {
    let mut dict = image_dict(image);
    dict.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Stream::new(dict, alpha).with_compression(false)
}

fn color_space(components: u8) -> Object {
    Object::Name(match components {
        1 => b"DeviceGray".to_vec(),
        4 => b"DeviceCMYK".to_vec(),
        _ => b"DeviceRGB".to_vec(),
    })
}
