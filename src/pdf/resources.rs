//! Naming objects in a page's resource dictionary.

use lopdf::{Dictionary, Object, ObjectId};

/// Puts `name → id` into the page's `/Resources /<category>` (`Font`,
/// `XObject`), following references: printpdf may share one resource
/// dictionary, or one category's dictionary, among pages.
pub(super) fn add(
    pdf: &mut lopdf::Document,
    page: ObjectId,
    category: &str,
    name: &str,
    id: ObjectId,
) -> lopdf::Result<()> {
    let resources = pdf.get_dictionary(page)?.get(b"Resources").ok().cloned();
    let dict = match resources {
        Some(Object::Reference(r)) => pdf.get_dictionary_mut(r)?,
        _ => {
            let page = pdf.get_dictionary_mut(page)?;
            if page.get(b"Resources").is_err() {
                page.set("Resources", Dictionary::new());
            }
            page.get_mut(b"Resources")?.as_dict_mut()?
        }
    };
    match dict.get(category.as_bytes()).ok().cloned() {
        Some(Object::Reference(r)) => {
            pdf.get_dictionary_mut(r)?.set(name, Object::Reference(id));
        }
        _ => {
            if dict.get(category.as_bytes()).is_err() {
                dict.set(category, Dictionary::new());
            }
            dict.get_mut(category.as_bytes())?
                .as_dict_mut()?
                .set(name, Object::Reference(id));
        }
    }
    Ok(())
}
