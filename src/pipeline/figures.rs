//! Between parsing and layout: the pictures a document shows are read, and
//! what the Markdown stage noticed (dropped HTML tags) becomes warnings.

use super::Guide;
use crate::config::Output;
use crate::diag::{Diagnostic, Result};
use crate::image::{self, Bases, Resolved};
use crate::markdown::Document;
use crate::select::Selection;
use std::path::PathBuf;

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
