//! `pack`: one self-contained file that rebuilds the guide anywhere.

use super::build::write_atomic;
use crate::pipeline::{Guide, Options};
use crate::{render, Diagnostic, Result};
use std::path::Path;

/// Writes a self-contained pack of the guide (or one output) to `target`.
pub fn pack(config_path: &Path, target: &Path, options: &Options) -> Result<Vec<Diagnostic>> {
    let guide = Guide::load_with(config_path, options.allow_outside)?;
    let mut logos: Vec<String> = guide
        .outputs(options.only.as_deref())?
        .iter()
        .filter_map(|o| o.brand.logo.as_ref().map(|l| l.name.clone()))
        .collect();
    logos.sort();
    logos.dedup();
    let selection = guide.selection(options.locked)?;
    let templates =
        render::Templates::load(guide.config.templates.as_ref(), &guide.config.confine)?;
    let custom = templates.custom();
    let sources = crate::pack::Sources {
        dir: &guide.config.dir,
        confine: &guide.config.confine,
        carried: &guide.config.assets,
        logos: &logos,
    };
    let assets = crate::pack::gather_assets(&sources, &selection, &guide.questions, &custom)?;
    let (text, mut warnings) = crate::pack::pack(
        &guide.config.source.text,
        &selection,
        &guide.questions,
        &custom,
        &assets,
        options.only.as_deref(),
    )?;
    warnings.extend(selection.warnings);
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::environment(format!("cannot create folder `{}`: {e}", parent.display()))
        })?;
    }
    write_atomic(target, text.as_bytes())?;
    Ok(warnings)
}
