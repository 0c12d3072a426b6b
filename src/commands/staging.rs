//! Temporary files, renamed into place only as a complete set.
//!
//! Every temporary file is named `.studyguide-PID-NAME.tmp` and listed in
//! one registry for the process, so that a signal handler can remove them
//! all ([`remove_temps`]) and a later build can recognise the leftovers of
//! one that was killed outright ([`sweep`]).

use crate::{Diagnostic, Result};
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// How every temporary file name starts.
const PREFIX: &str = ".studyguide-";

/// The longest file name most file systems accept, in bytes.
const MAX_FILE_NAME: usize = 255;

/// The temporary files of this process, and whether it is stopping.
struct Registry {
    paths: Option<HashSet<PathBuf>>,
    closed: bool,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    paths: None,
    closed: false,
});

fn registry() -> MutexGuard<'static, Registry> {
    // A panic elsewhere while holding the lock leaves the list intact, and
    // removing temporary files matters more than that panic.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Registry {
    fn paths(&mut self) -> &mut HashSet<PathBuf> {
        self.paths.get_or_insert_with(HashSet::new)
    }
}

fn interrupted() -> crate::Failure {
    Diagnostic::environment("interrupted; no file was replaced").into()
}

/// Removes every temporary file of this process and refuses to create new
/// ones: for a SIGINT or SIGTERM handler, just before the process exits.
///
/// A set being renamed into place holds the registry until it is complete,
/// so this waits for it: the output folder then holds the complete new set,
/// never part of one.
pub fn remove_temps() {
    let mut registry = registry();
    registry.closed = true;
    for path in registry.paths().drain() {
        let _ = std::fs::remove_file(path);
    }
}

/// Files written under temporary names and renamed to their real names
/// together by [`Staging::commit`]. Dropped without a commit (any error,
/// or a panic), it removes them, so a failed build leaves no trace.
#[derive(Default)]
pub(crate) struct Staging {
    /// `(temporary, target)` pairs, in the order staged.
    files: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Staging {
    /// Writes `bytes` to a temporary file beside `target`. Safe to call from
    /// many threads at once.
    pub fn stage(&self, target: &Path, bytes: &[u8]) -> Result<()> {
        let fail = |e: std::io::Error| {
            crate::Failure::from(Diagnostic::environment(format!(
                "cannot write `{}`: {e}",
                target.display()
            )))
        };
        let tmp = temp_path(target);
        let mut file = {
            let mut registry = registry();
            if registry.closed {
                return Err(interrupted());
            }
            // Created under the lock: `remove_temps` then either sees the
            // file or runs before it exists and stops it being made.
            let file = create_new(&tmp).map_err(fail)?;
            registry.paths().insert(tmp.clone());
            file
        };
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((tmp, target.to_path_buf()));
        file.write_all(bytes).map_err(fail)
    }

    /// Renames every staged file into place, in the order staged. Holds the
    /// registry throughout, so that a signal waits for the whole set.
    pub fn commit(self) -> Result<()> {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(PoisonError::into_inner));
        let mut registry = registry();
        if registry.closed {
            // `remove_temps` has removed the files already.
            return Err(interrupted());
        }
        let mut result = Ok(());
        for (i, (tmp, target)) in files.iter().enumerate() {
            // Within one folder a rename fails only if the target became a
            // folder or the folder went away; the rest are removed then.
            if let Err(e) = std::fs::rename(tmp, target) {
                for (tmp, _) in &files[i..] {
                    let _ = std::fs::remove_file(tmp);
                }
                result = Err(Diagnostic::environment(format!(
                    "cannot write `{}`: {e}",
                    target.display()
                ))
                .into());
                break;
            }
        }
        let paths = registry.paths();
        for (tmp, _) in &files {
            paths.remove(tmp);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let files = std::mem::take(self.files.get_mut().unwrap_or_else(PoisonError::into_inner));
        if files.is_empty() {
            return;
        }
        let mut registry = registry();
        let paths = registry.paths();
        for (tmp, _) in &files {
            let _ = std::fs::remove_file(tmp);
            paths.remove(tmp);
        }
    }
}

/// Creates `path`, never following a link or reusing a file planted there:
/// a leftover of an earlier process with the same PID is replaced.
fn create_new(path: &Path) -> std::io::Result<File> {
    let open = || OpenOptions::new().write(true).create_new(true).open(path);
    match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            open()
        }
        other => other,
    }
}

/// `.studyguide-PID-NAME.tmp` beside `target`; a long name is cut so the
/// temporary name stays within [`MAX_FILE_NAME`].
pub(crate) fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Room for the prefix, a PID of up to 10 digits, `-` and `.tmp`.
    let room = MAX_FILE_NAME - PREFIX.len() - 10 - 1 - ".tmp".len();
    let mut cut = name.len().min(room);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    target.with_file_name(format!(
        "{PREFIX}{}-{}.tmp",
        std::process::id(),
        &name[..cut]
    ))
}

/// The PID in a temporary file's name, if `name` is one.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".tmp")?;
    rest.split('-').next()?.parse().ok()
}

/// Removes temporary files in `dir` left by a studyguide process that no
/// longer runs: one killed by SIGKILL or a power cut, which no handler sees.
///
/// A file is judged by whether the PID in its name is alive, not by its
/// age: another build into the same folder may have started earlier and
/// still be writing, and its files must stay. A dead build's PID taken
/// over by a new process only delays the removal. Without `/proc` (not
/// Linux) liveness cannot be told, and nothing is removed.
pub(crate) fn sweep(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    // The folder of a relative `guide.toml` is the empty path.
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(temp_pid) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| !t.is_dir());
        if is_file && pid != own && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_pid_and_stay_short() {
        let tmp = temp_path(Path::new("out/candidate.pdf"));
        let name = tmp.file_name().unwrap().to_str().unwrap();
        assert_eq!(temp_pid(name), Some(std::process::id()));
        assert!(name.ends_with("-candidate.pdf.tmp"), "{name}");
        let long = temp_path(Path::new(&"é".repeat(200)));
        assert!(long.as_os_str().len() <= MAX_FILE_NAME);
        assert_eq!(temp_pid(".studyguide-x-a.tmp"), None);
        assert_eq!(temp_pid(".other-12-a.tmp"), None);
    }
}
