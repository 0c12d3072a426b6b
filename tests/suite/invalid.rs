//! Broken inputs, one tiny project per folder in `tests/fixtures/invalid/`.
//!
//! Each case runs `studyguide check` (or the arguments in its `args` file,
//! one per line) in a fresh copy of its folder and must exit 2, print
//! exactly its `expected.txt` on stderr (with the folder's absolute path
//! written as `<DIR>`), never panic, and write nothing. Rerun with
//! `UPDATE_SNAPSHOTS=1` to rewrite the `expected.txt` files after an
//! intended change to a message.
//!
//! A case with a `known-bug` file documents a bug that breaks those rules
//! (a panic, a wrong exit code): it is skipped while the bug is there, and
//! fails once it is fixed, so the marker gets removed and a snapshot taken.

use crate::common::{root, run, scratch};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files that describe a case rather than belong to its project; they are
/// not copied into the folder the command runs in.
const META: [&str; 3] = ["args", "expected.txt", "known-bug"];

/// Every case folder, in name order.
fn cases() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Copies a case's project (everything but [`META`]) into `to`.
fn copy_project(from: &Path, to: &Path, top: bool) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name();
        if top && META.iter().any(|m| name == *m) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_project(&entry.path(), &target, false);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file and folder under `dir`, relative, sorted; folders end in `/`.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().unwrap().is_dir() {
                out.push(format!("{rel}/"));
                walk(base, &path, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The command line of a case: its `args` file, or `check`.
fn args_of(case: &Path) -> Vec<String> {
    match std::fs::read_to_string(case.join("args")) {
        Ok(text) => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => vec!["check".to_string()],
    }
}

/// What a run of one case did.
struct Run {
    code: Option<i32>,
    stderr: String,
    written: Vec<String>,
}

/// Runs a case in a fresh copy of its folder.
fn run_case(case: &Path) -> Run {
    let name = name_of(case);
    let dir = scratch(&format!("invalid-{name}"));
    copy_project(case, &dir, true);
    let before = listing(&dir);
    let args = args_of(case);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&dir, &args);
    let after = listing(&dir);
    let written = after
        .iter()
        .filter(|p| !before.contains(p))
        .map(|p| format!("added {p}"))
        .chain(
            before
                .iter()
                .filter(|p| !after.contains(p))
                .map(|p| format!("removed {p}")),
        )
        .collect();
    let mut stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut paths = vec![dir.to_string_lossy().into_owned()];
    if let Ok(real) = dir.canonicalize() {
        paths.push(real.to_string_lossy().into_owned());
    }
    paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in paths {
        stderr = stderr.replace(&p, "<DIR>");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        code: out.status.code(),
        stderr,
        written,
    }
}

/// Checks one case; `Err` says what is wrong with it.
fn check_case(case: &Path, update: bool) -> Result<(), String> {
    let name = name_of(case);
    let got = run_case(case);
    let panicked = got.stderr.contains("panicked");
    if case.join("known-bug").exists() {
        return if panicked || got.code != Some(2) {
            eprintln!("{name}: known bug, skipped");
            Ok(())
        } else {
            Err(format!(
                "{name}: the known bug is fixed; delete its `known-bug` file and rerun with UPDATE_SNAPSHOTS=1"
            ))
        };
    }
    let mut problems = Vec::new();
    if got.code != Some(2) {
        problems.push(format!("exit code {:?}, expected 2", got.code));
    }
    if panicked {
        problems.push("it panicked".to_string());
    }
    if !got.written.is_empty() {
        problems.push(format!("it changed the folder: {}", got.written.join(", ")));
    }
    let path = case.join("expected.txt");
    if update {
        std::fs::write(&path, &got.stderr).unwrap();
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == got.stderr => {}
        Ok(expected) => problems.push(format!(
            "stderr differs from expected.txt (rerun with UPDATE_SNAPSHOTS=1 if intended)\n--- expected\n{expected}--- actual\n{}",
            got.stderr
        )),
        Err(_) => problems.push(format!(
            "no expected.txt (UPDATE_SNAPSHOTS=1 writes it); stderr was:\n{}",
            got.stderr
        )),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}: {}", problems.join("\n")))
    }
}

#[test]
fn every_invalid_fixture_exits_2_with_its_exact_message_and_writes_nothing() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "only {} cases in tests/fixtures/invalid",
        cases.len()
    );
    for case in &cases {
        let name = name_of(case);
        let well_named = name.len() > 3
            && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && name.as_bytes()[2] == b'-';
        assert!(
            well_named,
            "case folder `{name}` is not named NN-short-name"
        );
    }
    // The cases are independent processes: run a few at a time.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(4, |n| n.get().min(8));
    let mut failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut failed = Vec::new();
                    while let Some(case) = cases.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if let Err(e) = check_case(case, update) {
                            failed.push(e);
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} invalid-input cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
