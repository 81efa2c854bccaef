//! The store: idempotent re-import, atomic writes, format version, and where it lives.

use crate::common::*;
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn importing_the_sample_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("data/sample");
    let first = import(dir.path(), &[&sample]);
    assert_reconciles(&first);
    assert!(first["incidents"]["new"].as_u64().unwrap() >= 300);
    let files_before = store_files(dir.path());
    let second = import(dir.path(), &[&sample]);
    assert_reconciles(&second);
    assert_eq!(second["new"], 0);
    assert_eq!(second["updated"], 0);
    assert_eq!(second["unchanged"], first["imported"]);
    assert_eq!(second["store_changed"], false);
    assert_eq!(
        store_files(dir.path()),
        files_before,
        "store files are byte-identical"
    );
}

#[test]
fn a_changed_record_is_counted_as_updated() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.jsonl");
    let store = dir.path().join("store");
    std::fs::write(
        &file,
        r#"{"id":"U-1","title":"first","started_at":"2024-01-01","services":["a"]}"#,
    )
    .unwrap();
    import(&store, &[&file]);
    std::fs::write(
        &file,
        r#"{"id":"U-1","title":"second","started_at":"2024-01-01","services":["a"]}"#,
    )
    .unwrap();
    let s = import(&store, &[&file]);
    assert_eq!(
        (s["new"].as_u64(), s["updated"].as_u64()),
        (Some(0), Some(1)),
        "{s}"
    );
}

#[test]
fn the_same_store_is_written_identically_from_the_same_input() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    import(a.path(), &[&fixture("formats")]);
    import(b.path(), &[&fixture("formats")]);
    assert_eq!(store_files(a.path()), store_files(b.path()));
}

#[test]
fn an_unknown_store_version_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats")]);
    let current = std::fs::read_to_string(dir.path().join("CURRENT")).unwrap();
    let meta = dir.path().join(current.trim()).join("meta.json");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("\"format_version\": 1", "\"format_version\": 99");
    std::fs::write(&meta, text).unwrap();
    recur(dir.path())
        .arg("stats")
        .assert()
        .code(1)
        .stderr(contains(
            "store format version 99, but this recur reads version 1",
        ));
}

#[test]
fn a_killed_import_leaves_the_previous_store_readable() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats")]);
    let before = store_files(dir.path());
    // What a kill between "new generation written" and "CURRENT replaced" leaves behind.
    let staging = dir.path().join(".gen-000002.tmp-424242");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("incidents.parquet"), b"half a file").unwrap();
    std::fs::write(dir.path().join(".CURRENT.tmp-424242"), b"gen-000002").unwrap();
    assert_eq!(store_files(dir.path()), before);
    let stats = json(recur(dir.path()).args(["stats", "--format", "json"]));
    assert_eq!(stats["incidents"], 9);
    // The next import cleans the leftovers up.
    // (every record of that file is rejected, so the import exits 1, but it still runs)
    recur(dir.path())
        .arg("import")
        .arg(fixture("invalid/bad_timestamp.jsonl"))
        .assert()
        .code(1);
    assert!(!staging.exists());
}

#[test]
fn killing_a_large_import_never_corrupts_the_store() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats")]);
    let before = store_files(dir.path());
    let big = dir.path().join("big.csv");
    let mut csv = String::from("id,title,started_at,services,root_cause\n");
    for i in 0..60_000 {
        csv.push_str(&format!(
            "K-{i},title {i},2024-02-03T04:05:06Z,svc-{};shared,connection pool exhausted\n",
            i % 50
        ));
    }
    std::fs::write(&big, csv).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("recur"))
        .arg("--store")
        .arg(dir.path())
        .args(["--quiet", "import"])
        .arg(&big)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let _ = child.kill();
    let _ = child.wait();
    // Whenever the kill landed, the store is either the old one or the complete new one.
    let stats = json(recur(dir.path()).args(["stats", "--format", "json"]));
    let n = stats["incidents"].as_u64().unwrap();
    if n == 9 {
        assert_eq!(store_files(dir.path()), before);
    } else {
        assert_eq!(n, 60_009);
    }
}

#[test]
fn recur_store_variable_chooses_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("recur"));
    cmd.env("RECUR_STORE", dir.path())
        .args(["--quiet", "import"])
        .arg(fixture("formats/incidents.json"));
    cmd.assert().success();
    assert!(dir.path().join("CURRENT").exists());
}

#[test]
fn queries_on_a_missing_store_say_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    recur(&dir.path().join("none"))
        .arg("stats")
        .assert()
        .code(1)
        .stderr(contains("no store at").and(contains("run `recur import PATH...` first")));
}

#[test]
fn a_directory_that_is_not_a_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
    recur(dir.path())
        .arg("import")
        .arg(fixture("formats/incidents.json"))
        .assert()
        .code(1)
        .stderr(contains("not a recur store"));
    assert!(dir.path().join("precious.txt").exists());
}

#[test]
fn an_empty_import_creates_a_store_every_query_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.csv");
    std::fs::write(&file, "id,title,started_at,services\n").unwrap();
    let store = dir.path().join("s");
    let s = import(&store, &[&file]);
    assert_eq!(s["read"], 0);
    for args in [
        vec!["stats"],
        vec!["hotspots"],
        vec!["gaps", "--now", "2026-01-01"],
        vec!["stats", "--by", "quarter"],
    ] {
        recur(&store).args(&args).assert().success();
    }
    recur(&store)
        .arg("report")
        .arg("--out")
        .arg(dir.path().join("r"))
        .assert()
        .success();
    assert!(dir.path().join("r/report.html").exists());
}
