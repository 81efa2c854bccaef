//! Walking folders (`tests/fixtures/walk/`): JSON that holds no incidents is skipped with the
//! reason, and `--include` / `--exclude` globs choose files by their path below the folder.

use crate::common::*;
use std::path::Path;

/// `recur import ARGS --format json` on a fresh store: the summary and stderr.
fn import_walk(store: &Path, args: &[&str]) -> (serde_json::Value, String) {
    let out = recur(store)
        .arg("import")
        .arg(fixture("walk"))
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    let output = out.get_output();
    let summary = serde_json::from_slice(&output.stdout).expect("summary is JSON");
    (summary, String::from_utf8_lossy(&output.stderr).to_string())
}

#[test]
fn walking_a_folder_skips_json_that_holds_no_incidents_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let (s, stderr) = import_walk(dir.path(), &[]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["read"], 3, "the two CSV files");
    assert_eq!(s["rejected"], 0, "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("manifest.json"))
        .unwrap_or_else(|| panic!("manifest.json not named: {stderr}"));
    assert!(line.starts_with("warning:"), "{line}");
    assert!(line.contains("no incident records"), "{line}");
    assert!(line.contains("generated_by, files"), "{line}");
}

#[test]
fn include_and_exclude_globs_match_paths_below_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = import_walk(&dir.path().join("a"), &["--exclude", "archive/**"]);
    assert_eq!(s["incidents"]["read"], 2, "archive/2019.csv excluded");
    let (s, stderr) = import_walk(&dir.path().join("b"), &["--include", "archive/*.csv"]);
    assert_eq!(s["incidents"]["read"], 1, "only archive/2019.csv");
    assert!(!stderr.contains("manifest.json"), "not included: {stderr}");
    let both = [
        "--include",
        "**/*.csv",
        "--include",
        "*.json",
        "--exclude",
        "incidents/**",
    ];
    let (s, _) = import_walk(&dir.path().join("c"), &both);
    assert_eq!(s["incidents"]["read"], 1, "repeated flags");
    let bad = recur(&dir.path().join("d"))
        .arg("import")
        .arg(fixture("walk"))
        .args(["--include", "[oops"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&bad.get_output().stderr).to_string();
    assert!(err.contains("--include") && err.contains("[oops"), "{err}");
}
