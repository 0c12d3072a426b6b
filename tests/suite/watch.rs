//! `studyguide watch`: rebuilds on change, keeps the last good PDF on errors,
//! and rebuilds once per edit, never for its own reads and writes.

use crate::common::scratch;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Waits until `check` holds, polling; fails after `secs`.
fn eventually(secs: f64, what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < secs {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not happen within {secs} s");
}

/// A fresh minimal project with one quick output, so each rebuild is short.
fn project(name: &str) -> PathBuf {
    let dir = scratch(name);
    let init = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(["init", "--minimal"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(init.status.success());
    let config = std::fs::read_to_string(dir.join("guide.toml")).unwrap();
    let head = &config[..config.find("[[output]]").unwrap()];
    std::fs::write(
        dir.join("guide.toml"),
        format!("{head}[[output]]\nname = \"guide\"\n"),
    )
    .unwrap();
    dir
}

/// Starts `studyguide watch` in `dir`.
fn spawn_watch(dir: &Path, output: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .arg("watch")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(output)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Collects the lines of a child's stream as they come, on a thread.
fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    lines
}

/// Waits for the line `watch` prints once its watches are in place, so an
/// edit after it cannot be missed.
fn wait_until_watching(stderr: &Mutex<Vec<String>>) {
    eventually(5.0, "watching", || {
        stderr
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.starts_with("watching"))
    });
}

/// Edits the first question of the starter bank.
fn edit_bank(dir: &Path, replacement: &str) {
    let bank = dir.join("questions/senior-backend.toml");
    let text = std::fs::read_to_string(&bank).unwrap();
    std::fs::write(&bank, text.replace("Tell me about yourself.", replacement)).unwrap();
}

#[test]
fn watch_rebuilds_after_an_edit_and_keeps_the_pdf_after_a_broken_one() {
    let dir = project("watch");
    let mut child = spawn_watch(&dir, Stdio::null());
    let stderr = collect(child.stderr.take().unwrap());
    let pdf = dir.join("out/guide.pdf");
    eventually(30.0, "the first build", || pdf.exists());
    wait_until_watching(&stderr);
    let first = std::fs::read(&pdf).unwrap();
    edit_bank(&dir, "Tell me about yourself, briefly.");
    eventually(2.0, "a rebuild within 2 s", || {
        std::fs::read(&pdf).is_ok_and(|now| now != first)
    });
    std::thread::sleep(Duration::from_millis(300));
    let good = std::fs::read(&pdf).unwrap();
    let bank = dir.join("questions/senior-backend.toml");
    std::fs::write(&bank, "this is = not [valid toml").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "a broken edit keeps the last good PDF"
    );
    assert!(
        child.try_wait().unwrap().is_none(),
        "watch keeps running after an error"
    );
    child.kill().unwrap();
    let _ = child.wait();
}

/// Each build, good or failed, prints one line to stdout with its time.
fn builds(stdout: &Mutex<Vec<String>>) -> usize {
    stdout
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains(" built ") || l.contains(" build failed"))
        .count()
}

#[test]
fn watch_rebuilds_once_per_edit_and_not_while_idle() {
    let dir = project("watch-once");
    let mut child = spawn_watch(&dir, Stdio::piped());
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    eventually(30.0, "the first build", || builds(&stdout) == 1);
    wait_until_watching(&stderr);
    edit_bank(&dir, "Tell me about yourself, in a minute.");
    eventually(5.0, "a rebuild after the edit", || builds(&stdout) >= 2);
    // Idle: the rebuild's own reads and writes must not start another.
    std::thread::sleep(Duration::from_secs(10));
    let count = builds(&stdout);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        count,
        2,
        "one first build and one rebuild for one edit, none while idle: {:?}",
        stdout.lock().unwrap()
    );
}
