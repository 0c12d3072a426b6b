//! What starts a rebuild in `studyguide watch`, and how events are grouped.
//!
//! A build reads every input and writes its outputs, the lock and temporary
//! files; none of that may start the next build, or `watch` would rebuild
//! forever. So only changes to content count (creation, modification of the
//! data, renaming, removal), and only for the files the guide reads, outside
//! what a build writes.

use notify::event::{EventKind, ModifyKind};
use notify::Event;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long events must stop before a rebuild: an editor's save is several
/// events (write, rename, attributes) within a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(250);

/// The longest a steady stream of changes delays a rebuild, so a file
/// rewritten more often than [`QUIET`] is still rebuilt now and then.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The files a watched guide reads and the paths its builds write.
#[derive(Debug, Clone)]
pub struct WatchFilter {
    /// The config, its banks and its templates folder, canonical.
    files: Vec<PathBuf>,
    /// The output folder, canonical where it exists.
    out: PathBuf,
    /// The lock file, canonical where it exists.
    lock: PathBuf,
}

impl WatchFilter {
    /// The filter for a config as it is now. A config that does not load
    /// yet is watched alone, so fixing it starts a build.
    pub fn new(config: &Path, allow_outside: bool, out_dir: Option<&Path>) -> Self {
        let files = super::watched_paths(config, allow_outside)
            .unwrap_or_else(|_| vec![config.to_path_buf()]);
        let dir = folder_of(config);
        let out = out_dir.map_or_else(|| dir.join("out"), Path::to_path_buf);
        WatchFilter {
            files: files.iter().map(|f| canonical(f)).collect(),
            out: canonical(&out),
            lock: canonical(&crate::lock::path_for(config)),
        }
    }

    /// The files read, canonical (a folder stands for everything in it).
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Whether an event changes something a build reads.
    pub fn triggers(&self, event: &Event) -> bool {
        changes_content(&event.kind) && event.paths.iter().any(|p| self.reads(p))
    }

    /// Whether a changed path is an input: read by the build and not one
    /// of the files builds write themselves.
    fn reads(&self, path: &Path) -> bool {
        if is_temporary(path) {
            return false;
        }
        // A removed or renamed-away file no longer resolves; its folder does.
        let path = canonical(path);
        if path == self.lock {
            return false;
        }
        // A file the guide names stays an input even in the output folder
        // (`--out .` beside the config); anything else there is output.
        self.files.contains(&path)
            || (!path.starts_with(&self.out) && self.files.iter().any(|f| path.starts_with(f)))
    }
}

/// Creation, a change of data, a rename or a removal. Opening, reading,
/// closing and changes of attributes alone (a build's own reads, a
/// backup tool's) leave the content as it was.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(m) => matches!(
            m,
            ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
        ),
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// A temporary file: hidden and ending in `.tmp`, as atomic writes make
/// them (`.guide.pdf.1234.tmp`).
fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
}

/// The folder a config lives in, `.` for a bare file name.
fn folder_of(file: &Path) -> PathBuf {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The canonical form of a path; for one that does not exist (yet, or
/// any more), its canonical folder joined with its name.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.file_name(), folder_of(path).canonicalize()) {
        (Some(name), Ok(folder)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

/// Waits for the next burst of changes and returns once it has been quiet
/// for [`QUIET`]: `true` to rebuild, once for the whole burst, `false` when
/// the watcher has stopped. Events `wanted` rejects neither start nor
/// prolong a burst; watcher errors are skipped.
pub fn next_burst(
    events: &Receiver<notify::Result<Event>>,
    wanted: impl Fn(&Event) -> bool,
) -> bool {
    loop {
        match events.recv() {
            Ok(Ok(e)) if wanted(&e) => break,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    let started = Instant::now();
    let mut due = started + QUIET;
    loop {
        let left = due.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(Ok(e)) if wanted(&e) => {
                due = (Instant::now() + QUIET).min(started + LONGEST_WAIT);
            }
            Ok(_) => {}
            // A watcher that stopped mid-burst still owes the burst a build.
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind, RenameMode};
    use std::sync::mpsc::channel;

    /// A project folder with a config, a bank and an `out/` folder.
    fn project(name: &str) -> (PathBuf, WatchFilter) {
        let dir = std::env::temp_dir()
            .join("studyguide-unit")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("out")).unwrap();
        std::fs::write(dir.join("guide.toml"), "not a loadable config").unwrap();
        let filter = WatchFilter::new(&dir.join("guide.toml"), false, None);
        (dir.canonicalize().unwrap(), filter)
    }

    fn event(kind: EventKind, path: &Path) -> Event {
        Event::new(kind).add_path(path.to_path_buf())
    }

    #[test]
    fn content_changes_trigger_and_reads_do_not() {
        let (dir, filter) = project("kinds");
        let config = dir.join("guide.toml");
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(filter.triggers(&event(write, &config)));
        assert!(filter.triggers(&event(EventKind::Create(CreateKind::File), &config)));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(filter.triggers(&event(renamed, &config)));
        for quiet in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
        ] {
            assert!(!filter.triggers(&event(quiet, &config)), "{quiet:?}");
        }
    }

    #[test]
    fn what_builds_write_is_ignored() {
        let (dir, _) = project("written");
        // The config folder itself stands in for a templates folder that
        // holds everything, so only the ignore rules can reject a path.
        let mut filter = WatchFilter::new(&dir.join("guide.toml"), false, None);
        filter.files.push(dir.clone());
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(filter.triggers(&event(write, &dir.join("notes.md"))));
        for path in [
            dir.join("out/guide.pdf"),
            dir.join("out"),
            dir.join("guide.lock"),
            dir.join(".guide.lock.42.tmp"),
        ] {
            assert!(!filter.triggers(&event(write, &path)), "{}", path.display());
        }
        let beside = WatchFilter::new(&dir.join("guide.toml"), false, Some(&dir));
        assert!(beside.triggers(&event(write, &dir.join("guide.toml"))));
    }

    #[test]
    fn a_burst_is_one_rebuild() {
        let (tx, rx) = channel();
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        for _ in 0..5 {
            tx.send(Ok(Event::new(write))).unwrap();
        }
        let started = Instant::now();
        assert!(next_burst(&rx, |_| true));
        assert!(started.elapsed() >= QUIET);
        assert!(rx.try_recv().is_err(), "the burst is used up");
        tx.send(Ok(Event::new(EventKind::Access(AccessKind::Read))))
            .unwrap();
        drop(tx);
        assert!(!next_burst(&rx, |e| !e.kind.is_access()));
    }
}
