//! Between parsing and layout: the pictures a document shows are read, and
//! what the Markdown stage noticed (dropped HTML tags) becomes warnings.

use super::Guide;
use crate::config::{Brand, Output};
use crate::diag::{Diagnostic, Result};
use crate::image::{self, Assets, Bases, Image, Resolved};
use crate::markdown::Document;
use crate::select::Selection;
use crate::source::Confine;
use std::path::PathBuf;
use std::sync::Arc;

impl Guide {
    /// Reads every figure's picture into `doc`; returns the warnings.
    pub(super) fn figures(
        &self,
        output: &Output,
        selection: &Selection,
        doc: &mut Document,
        markdown: &str,
    ) -> Result<Vec<Diagnostic>> {
        let mut warnings: Vec<Diagnostic> = doc
            .dropped_html
            .iter()
            .map(|tag| {
                Diagnostic::warning(format!(
                    "output `{}`: HTML tag <{tag}> is not typeset; its text is kept",
                    output.name
                ))
            })
            .collect();
        if !has_figures(doc) {
            return Ok(warnings);
        }
        let bases = self.bases(selection);
        let name = PathBuf::from(format!("{}.md", output.name));
        let ctx = Resolved {
            bases: &bases,
            assets: &self.config.assets,
            confine: &self.config.confine,
            markdown: (&name, markdown),
        };
        warnings.extend(image::resolve(doc, &ctx)?);
        Ok(warnings)
    }

    /// Where each selected question's pictures are: its bank's folder.
    fn bases(&self, selection: &Selection) -> Bases {
        let questions = selection
            .question_indices()
            .map(|i| {
                let q = &self.questions[i];
                let dir = q.span.path.parent().map_or_else(
                    || self.config.dir.clone(),
                    |p| {
                        if p.as_os_str().is_empty() {
                            PathBuf::from(".")
                        } else {
                            p.to_path_buf()
                        }
                    },
                );
                (q.id.clone(), dir)
            })
            .collect();
        Bases {
            config: self.config.dir.clone(),
            config_is: "the config's folder",
            questions,
        }
    }
}

/// The picture of a brand's logo, if it has one: from a pack's `assets`,
/// or else the file, held to the limits of every picture. An unreadable
/// logo is an error at the `logo` key that names it.
pub(crate) fn read_logo(
    brand: &Brand,
    assets: &Assets,
    confine: &Confine,
) -> Result<Option<Arc<Image>>> {
    let Some(logo) = &brand.logo else {
        return Ok(None);
    };
    match image::load(
        &logo.name,
        &logo.path,
        assets,
        confine,
        "the folder of the file that names it",
    ) {
        Ok(image) => Ok(Some(image)),
        Err(why) => Err(Diagnostic::error(format!(
            "logo `{}` ({}): {why}",
            logo.name,
            logo.path.display()
        ))
        .at(logo.span.clone())
        .hint("the path is relative to the file that names it")
        .hint(format!(
            "a logo may be a PNG, JPEG or WebP, up to {} MB and {} megapixels, or an SVG, up to {} MB",
            image::MAX_BYTES >> 20,
            image::MAX_PIXELS / 1_000_000,
            image::MAX_SVG_BYTES >> 20
        ))
        .into()),
    }
}

/// Whether any block holds a figure: most documents have none, and need
/// no bases built.
fn has_figures(doc: &Document) -> bool {
    fn any(blocks: &[crate::markdown::Block]) -> bool {
        use crate::markdown::Block;
        blocks.iter().any(|b| match b {
            Block::Figure(_) => true,
            Block::Question { blocks, .. }
            | Block::Quote(blocks)
            | Block::Details { blocks, .. } => any(blocks),
            Block::List { items, .. } => items.iter().any(|i| any(&i.blocks)),
            _ => false,
        })
    }
    any(&doc.blocks)
}
