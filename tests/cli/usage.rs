//! The command line itself: help, usage errors, output formats, and safe output of hostile text.

use crate::common::*;
use predicates::str::contains;

#[test]
fn help_lists_each_subcommand_with_one_line() {
    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("recur"))
        .arg("--help")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for sub in ["import", "stats", "rejected"] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(sub) && l.len() > sub.len() + 10),
            "{sub} in {text}"
        );
    }
}

#[test]
fn a_usage_error_exits_with_2() {
    assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("recur"))
        .arg("import")
        .assert()
        .code(2);
    assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("recur"))
        .args(["stats", "--format", "xml"])
        .assert()
        .code(2);
}

/// A store whose rejected records have a formula and an escape sequence in their ids (beside
/// one valid record, so that the import succeeds).
fn hostile_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"=HYPERLINK(\\\"http://x\\\")\",\"title\":\"x\",\"started_at\":\"soon\",\"services\":[\"a\"]}\n\
         {\"id\":\"\\u001b[31mred\",\"title\":\"x\",\"started_at\":\"soon\",\"services\":[\"a\"]}\n\
         {\"id\":\"ok-1\",\"title\":\"fine\",\"started_at\":\"2024-01-01\",\"services\":[\"a\"]}\n",
    )
    .unwrap();
    import(&dir.path().join("s"), &[&file]);
    dir
}

#[test]
fn csv_output_neutralises_formulas() {
    let dir = hostile_store();
    let out = recur(&dir.path().join("s"))
        .args(["rejected", "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    assert_eq!(ids[0], "'=HYPERLINK(\"http://x\")", "{text}");
    assert!(
        !ids[1].contains('\u{1b}'),
        "control characters are stripped from CSV too"
    );
}

#[test]
fn terminal_output_strips_control_characters() {
    let dir = hostile_store();
    let out = recur(&dir.path().join("s"))
        .arg("rejected")
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("[31mred"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[test]
fn tables_fit_a_100_column_terminal() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("invalid")]);
    let out = recur(dir.path()).arg("rejected").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    assert!(text.contains("not a timestamp"));
}

#[test]
fn stats_prints_every_dimension_by_default() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats")]);
    recur(dir.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(contains("incidents by quarter"))
        .stdout(contains("incidents by service"))
        .stdout(contains("incidents by team"))
        .stdout(contains("incidents by severity"));
}

/// Progress bars are for terminals: with stderr piped (as here) and no `--quiet`, stderr holds
/// the import's warnings and nothing else.
#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("recur"))
            .env_remove("RECUR_STORE")
            .arg("--store")
            .arg(&store)
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stderr).unwrap()
    };
    let sample = root().join("data/sample");
    let import = run(&["import", sample.to_str().unwrap()]);
    assert!(
        import.lines().all(|l| l.starts_with("warning: ")),
        "{import}"
    );
    let report_dir = dir.path().join("report");
    let report = run(&["report", "--out", report_dir.to_str().unwrap()]);
    assert_eq!(report, "", "no bars, spinners or carriage returns");
}
