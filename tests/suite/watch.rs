//! `studyguide watch`: rebuilds on change, keeps the last good PDF on errors.

use crate::common::scratch;
use std::process::{Command, Stdio};
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

#[test]
fn watch_rebuilds_after_an_edit_and_keeps_the_pdf_after_a_broken_one() {
    let dir = scratch("watch");
    let init = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .args(["init", "--minimal"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(init.status.success());
    // One quick output keeps each rebuild short.
    let config = std::fs::read_to_string(dir.join("guide.toml")).unwrap();
    let head = &config[..config.find("[[output]]").unwrap()];
    std::fs::write(
        dir.join("guide.toml"),
        format!("{head}[[output]]\nname = \"guide\"\n"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_studyguide"))
        .arg("watch")
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pdf = dir.join("out/guide.pdf");
    eventually(30.0, "the first build", || pdf.exists());
    std::thread::sleep(Duration::from_millis(400));
    let first = std::fs::read(&pdf).unwrap();
    let bank = dir.join("questions/senior-backend.toml");
    let text = std::fs::read_to_string(&bank).unwrap();
    std::fs::write(
        &bank,
        text.replace(
            "Tell me about yourself.",
            "Tell me about yourself, briefly.",
        ),
    )
    .unwrap();
    eventually(2.0, "a rebuild within 2 s", || {
        std::fs::read(&pdf).is_ok_and(|now| now != first)
    });
    std::thread::sleep(Duration::from_millis(300));
    let good = std::fs::read(&pdf).unwrap();
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
