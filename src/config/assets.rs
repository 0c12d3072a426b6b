//! A pack's `[assets]`: the pictures its Markdown shows, base64-encoded
//! under the path the Markdown names them by, so a pack built anywhere
//! finds them without any other file.

use crate::diag::{Diagnostic, Source};
use crate::image::{Assets, MAX_BYTES};
use base64::Engine;
use toml::Spanned;

/// Most pictures one pack may carry.
pub const MAX_ASSETS: usize = 256;

/// Decodes the `[assets]` table, reporting every entry that is not base64
/// or is too large.
pub(super) fn validate(
    raw: Option<Spanned<toml::Table>>,
    src: &Source,
    errors: &mut Vec<Diagnostic>,
) -> Assets {
    let mut assets = Assets::new();
    let Some(raw) = raw else {
        return assets;
    };
    let at = src.span(raw.span());
    let table = raw.into_inner();
    if table.len() > MAX_ASSETS {
        errors.push(
            Diagnostic::error(format!(
                "`[assets]` holds {} pictures; the limit is {MAX_ASSETS}",
                table.len()
            ))
            .at(at),
        );
        return assets;
    }
    for (name, value) in table {
        match value.as_str().map(decode) {
            Some(Ok(bytes)) if bytes.len() as u64 <= MAX_BYTES => {
                assets.insert(name, bytes);
            }
            Some(Ok(_)) => errors.push(
                Diagnostic::error(format!(
                    "asset `{name}` is larger than the limit of {} MB",
                    MAX_BYTES >> 20
                ))
                .at(at.clone()),
            ),
            _ => errors.push(
                Diagnostic::error(format!("asset `{name}` is not a base64 string"))
                    .at(at.clone())
                    .hint("`studyguide pack` writes `[assets]`; rebuild the pack rather than editing it"),
            ),
        }
    }
    assets
}

/// Base64, with any line breaks or spaces a hand-wrapped pack put in it.
fn decode(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let compact: String = text.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD.decode(compact)
}

/// A picture as the pack writes it.
pub fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
