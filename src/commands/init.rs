//! `init`: a working project in a new folder.

use super::build::write_atomic;
use crate::{render, Diagnostic, Result};
use std::path::{Path, PathBuf};

/// Files `studyguide init` writes: (path in the new folder, contents).
fn scaffold(minimal: bool, with_templates: bool) -> Vec<(PathBuf, String)> {
    let bank = if minimal {
        include_str!("../scaffold/minimal.toml")
    } else {
        include_str!("../../questions/senior-backend.toml")
    };
    let mut guide = include_str!("../scaffold/guide.toml").to_string();
    if with_templates {
        guide = guide.replace("# templates = \"templates\"", "templates = \"templates\"");
    }
    let mut files = vec![
        (PathBuf::from("guide.toml"), guide),
        (
            PathBuf::from("questions/senior-backend.toml"),
            bank.to_string(),
        ),
    ];
    if with_templates {
        for (name, text) in render::BUILTIN_TEMPLATES {
            files.push((
                PathBuf::from(format!("templates/{name}.md.hbs")),
                text.to_string(),
            ));
        }
    }
    files
}

/// `studyguide init`: scaffolds a working project in `dir`. Existing files
/// are left alone (and reported) unless `force`.
pub fn init(dir: &Path, minimal: bool, with_templates: bool, force: bool) -> Result<Vec<PathBuf>> {
    let files = scaffold(minimal, with_templates);
    let existing: Vec<Diagnostic> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .map(|p| {
            Diagnostic::error(format!("`{}` already exists", p.display()))
                .hint("pass --force to overwrite it, or init into a new folder")
        })
        .collect();
    if !existing.is_empty() && !force {
        return Err(existing.into());
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::environment(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
