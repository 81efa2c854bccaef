//! Helpers shared by the CLI tests: run the real `recur` binary against a temporary store.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository root (fixture paths are relative to it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// `recur --store STORE --quiet` with no inherited RECUR_STORE.
pub fn recur(store: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("recur"));
    cmd.env_remove("RECUR_STORE")
        .arg("--store")
        .arg(store)
        .arg("--quiet");
    cmd
}

/// Runs a command that must succeed and parses its stdout as JSON.
pub fn json(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out)))
}

/// `recur import ARGS --format json`, which must succeed; the summary.
pub fn import(store: &Path, args: &[&Path]) -> Value {
    let mut cmd = recur(store);
    cmd.arg("import").args(args).args(["--format", "json"]);
    json(&mut cmd)
}

/// The store's incidents as `recur export --tables json` writes them (`scratch` holds the tables).
pub fn exported_incidents(store: &Path, scratch: &Path) -> Vec<Value> {
    let out = scratch.join("tables");
    recur(store)
        .args(["export", "--tables", "json", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("incidents.json")).unwrap();
    serde_json::from_str::<Vec<Value>>(&text).unwrap()
}

/// The bytes of every file of the live store generation, by name.
pub fn store_files(store: &Path) -> Vec<(String, Vec<u8>)> {
    let current = std::fs::read_to_string(store.join("CURRENT")).expect("store has CURRENT");
    let gen_dir = store.join(current.trim());
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&gen_dir)
        .expect("generation dir")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

/// Asserts read = imported + rejected at the top level and for each kind.
pub fn assert_reconciles(summary: &Value) {
    let n = |v: &Value, k: &str| {
        v[k].as_u64()
            .unwrap_or_else(|| panic!("missing {k} in {v}"))
    };
    assert_eq!(
        n(summary, "read"),
        n(summary, "imported") + n(summary, "rejected"),
        "{summary}"
    );
    for kind in ["incidents", "actions", "catalog"] {
        let k = &summary[kind];
        assert_eq!(
            n(k, "read"),
            n(k, "imported") + n(k, "rejected"),
            "{kind}: {k}"
        );
        assert_eq!(
            n(k, "imported"),
            n(k, "new") + n(k, "updated") + n(k, "unchanged"),
            "{kind}: {k}"
        );
    }
}

/// A new store holding `data/sample`.
pub fn sample_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&root().join("data/sample")]);
    dir
}

/// One table of the store (`incidents`, `followups`, …) as `recur export --tables json` writes it.
pub fn table(store: &Path, name: &str) -> Vec<Value> {
    let out = tempfile::tempdir().expect("scratch dir");
    recur(store)
        .args(["export", "--tables", "json", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(out.path().join(format!("{name}.json"))).expect("table");
    serde_json::from_str(&text).expect("table is JSON")
}

/// The row of `rows` whose `key` is `value`.
pub fn row<'a>(rows: &'a [Value], key: &str, value: &str) -> &'a Value {
    rows.iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value}"))
}
