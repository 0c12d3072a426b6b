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
    // The commented example names a question of the bank written with it.
    if !minimal {
        guide = guide.replace("tell-me-about-yourself", "team-collaboration");
    }
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

/// What `init` did.
#[derive(Debug, Clone, Default)]
pub struct Initialized {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files that were there already and were left alone.
    pub kept: Vec<PathBuf>,
}

/// `studyguide init`: scaffolds a working project in `dir`. Files that are
/// there already are kept (and reported) unless `force`; the missing ones
/// are written, so a folder with only a `guide.toml` gets its bank.
pub fn init(dir: &Path, minimal: bool, with_templates: bool, force: bool) -> Result<Initialized> {
    let mut done = Initialized::default();
    for (rel, text) in scaffold(minimal, with_templates) {
        let path = dir.join(rel);
        if path.exists() && !force {
            done.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::environment(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        write_atomic(&path, text.as_bytes())?;
        done.written.push(path);
    }
    Ok(done)
}
