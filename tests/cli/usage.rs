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

fn help_of(args: &[&str]) -> String {
    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("recur"))
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_command_has_examples_and_every_option_a_description() {
    let top = help_of(&["--help"]);
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    for c in commands {
        let help = help_of(&[c, "--help"]);
        let examples = help.split("Examples:\n").nth(1);
        assert!(
            examples.is_some_and(|e| e.lines().any(|l| l.trim_start().starts_with("recur "))),
            "{c} --help has no examples:\n{help}"
        );
        // `-h` prints one line per option: an option with no description is a bare flag.
        let short = help_of(&[c, "-h"]);
        for line in short.lines().filter(|l| l.trim_start().starts_with("--")) {
            let described = line
                .trim()
                .split_once("  ")
                .is_some_and(|(_, d)| !d.trim().is_empty());
            assert!(described, "{c}: option without a description: {line:?}");
        }
    }
}

#[test]
fn completions_and_the_man_page_come_from_the_same_flags() {
    let bash = help_of(&["completions", "bash"]);
    assert!(
        bash.contains("_recur()") && bash.contains("--catalog"),
        "{bash}"
    );
    let zsh = help_of(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef recur"), "{zsh}");
    let man = help_of(&["man"]);
    assert!(
        man.contains(".TH recur 1") && man.contains("import"),
        "{man}"
    );
    let dir = tempfile::tempdir().unwrap();
    help_of(&["man", "--out", dir.path().to_str().unwrap()]);
    for page in ["recur.1", "recur-import.1", "recur-report.1"] {
        assert!(dir.path().join(page).is_file(), "{page}");
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

/// Runs `recur ARGS` on the sample store and asserts a usage error (exit 2, not a panic) whose
/// message contains `message`.
fn assert_usage_error(args: &[&str], message: &str) {
    let dir = sample_store();
    let out = recur(dir.path())
        .args(args)
        .arg("--out")
        .arg(dir.path().join("out.png"))
        .assert()
        .code(2)
        .stderr(contains(message));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn report_dates_outside_years_1900_to_9999_are_usage_errors_naming_the_flag() {
    assert_usage_error(
        &["report", "--since=-200000-01-01", "--until=+200000-01-01"],
        "--since \"-200000-01-01\" is out of range: years 1900 to 9999 are supported",
    );
    assert_usage_error(
        &["report", "--until=-262143-01-01"],
        "--until \"-262143-01-01\" is out of range",
    );
    assert_usage_error(
        &["report", "--quarter", "1066Q4"],
        "--quarter \"1066Q4\" is out of range",
    );
    assert_usage_error(
        &["report", "--now", "+20000-01-01"],
        "--now \"+20000-01-01\" is out of range",
    );
}

#[test]
fn chart_sizes_outside_100_to_10000_pixels_are_usage_errors() {
    assert_usage_error(
        &[
            "chart",
            "incidents-by-quarter",
            "--width",
            "65536",
            "--height",
            "65537",
        ],
        "65536 is not in 100..=10000",
    );
    assert_usage_error(
        &["chart", "incidents-by-quarter", "--height", "99"],
        "99 is not in 100..=10000",
    );
}
