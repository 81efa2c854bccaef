//! The store under concurrent imports and interrupted writes: the write lock, and a write stopped
//! at each step of its protocol (`RECUR_FAULT_AT`) leaving a store the next import repairs.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The steps of the write protocol, from the library itself.
use recur::store::fault::STEPS;

/// Writes `count` incidents with ids `PREFIX-0` … into `dir/PREFIX.jsonl`.
fn incidents_file(dir: &Path, prefix: &str, count: usize) -> PathBuf {
    let path = dir.join(format!("{prefix}.jsonl"));
    let lines: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"{{"id":"{prefix}-{i}","title":"t {i}","started_at":"2024-01-01","services":["svc-{}"],"root_cause":"cause {i}"}}"#,
                i % 7
            )
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

/// The number of incidents the store holds, read through `recur stats`.
fn stored_incidents(store: &Path) -> u64 {
    let mut cmd = recur(store);
    cmd.args(["stats", "--format", "json"]);
    json(&mut cmd)["incidents"].as_u64().expect("incidents")
}

/// Names at the top of the store other than CURRENT, LOCK and the live generation.
fn leftovers(store: &Path) -> Vec<String> {
    let live = std::fs::read_to_string(store.join("CURRENT")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "CURRENT" && n != "LOCK" && n != live.trim())
        .collect();
    names.sort();
    names
}

fn import_command(store: &Path, file: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("recur"));
    cmd.env_remove("RECUR_STORE")
        .env_remove("RECUR_FAULT_AT")
        .arg("--store")
        .arg(store)
        .arg("--quiet")
        .arg("import")
        .arg(file)
        .args(["--format", "json"]);
    cmd
}

#[test]
fn a_write_stopped_at_any_step_leaves_a_store_the_next_import_repairs() {
    for mode in ["crash", "error"] {
        for step in STEPS {
            let dir = tempfile::tempdir().unwrap();
            let store = dir.path().join("store");
            let a = incidents_file(dir.path(), "A", 30);
            let b = incidents_file(dir.path(), "B", 20);
            let c = incidents_file(dir.path(), "C", 10);
            import(&store, &[&a]);
            let stopped = import_command(&store, &b)
                .env("RECUR_FAULT_AT", format!("{mode}:{step}"))
                .output()
                .unwrap();
            assert!(
                !stopped.status.success(),
                "{mode}:{step} must stop the write"
            );
            // The store answers with the old or the new content, never a mix.
            let after_fault = stored_incidents(&store);
            let committed = matches!(step, "switched" | "cleaned");
            assert_eq!(
                after_fault,
                if committed { 50 } else { 30 },
                "{mode}:{step}"
            );
            // The next import succeeds, and nothing read is lost.
            let s = import(&store, &[&c]);
            assert_eq!(s["incidents"]["new"], 10, "{mode}:{step}: {s}");
            import(&store, &[&b]);
            assert_eq!(stored_incidents(&store), 60, "{mode}:{step}");
            assert_eq!(leftovers(&store), Vec::<String>::new(), "{mode}:{step}");
        }
    }
}

#[test]
fn a_first_import_stopped_before_its_switch_leaves_a_store_that_can_be_written() {
    for step in ["staged", "renamed", "pointer-written"] {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let a = incidents_file(dir.path(), "A", 5);
        let stopped = import_command(&store, &a)
            .env("RECUR_FAULT_AT", step)
            .output()
            .unwrap();
        assert!(!stopped.status.success());
        let s = import(&store, &[&a]);
        assert_eq!(s["incidents"]["new"], 5, "{step}: {s}");
        assert_eq!(leftovers(&store), Vec::<String>::new(), "{step}");
    }
}

#[test]
fn two_imports_started_together_store_the_union_every_time() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..12 {
        let store = dir.path().join(format!("store-{round}"));
        let a = incidents_file(dir.path(), &format!("A{round}"), 3000);
        let b = incidents_file(dir.path(), &format!("B{round}"), 3000);
        let mut first = import_command(&store, &a)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut second = import_command(&store, &b)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        assert!(first.wait().unwrap().success(), "round {round}");
        assert!(second.wait().unwrap().success(), "round {round}");
        assert_eq!(stored_incidents(&store), 6000, "round {round}");
        assert_eq!(leftovers(&store), Vec::<String>::new(), "round {round}");
    }
}

#[test]
fn a_second_import_waits_for_the_lock_or_fails_clearly_with_no_wait() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = incidents_file(dir.path(), "A", 3);
    import(&store, &[&a]);
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(store.join("LOCK"))
        .unwrap();
    lock.lock().unwrap();
    let busy = import_command(&store, &a)
        .arg("--no-wait")
        .output()
        .unwrap();
    assert_eq!(busy.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&busy.stderr);
    assert!(stderr.contains("another import holds the lock"), "{stderr}");

    let b = incidents_file(dir.path(), "B", 4);
    let mut waiting = import_command(&store, &b)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Blocks until the waiting import has said that it waits: no timing involved.
    let mut stderr = std::io::BufReader::new(waiting.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    assert!(line.contains("waiting for another import"), "{line}");
    assert_eq!(
        stored_incidents(&store),
        3,
        "nothing written while the lock is held"
    );
    drop(lock);
    assert!(waiting.wait().unwrap().success());
    assert_eq!(stored_incidents(&store), 7);
}

#[test]
fn a_damaged_incidents_table_is_an_error_naming_it_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"P-1\",\"title\":\"pool\",\"started_at\":\"2024-01-01\",\"services\":[\"api\"]}\n\
         {\"id\":\"P-2\",\"title\":\"disk\",\"started_at\":\"2024-01-02\",\"services\":[\"web\"]}\n",
    )
    .unwrap();
    let store = dir.path().join("s");
    import(&store, &[&file]);
    let current = std::fs::read_to_string(store.join("CURRENT")).unwrap();
    let table = store.join(current.trim()).join("incidents.parquet");
    let original = std::fs::read(&table).unwrap();
    // Truncated, and garbled in its pages at bytes where polars 0.55 panicked (columns of
    // unequal length) rather than returning an error.
    let mut damaged = vec![original[..original.len() / 2].to_vec()];
    for at in [72, 188, 280, 400] {
        let mut bytes = original.clone();
        bytes[at] ^= 0x80;
        damaged.push(bytes);
    }
    for (i, bytes) in damaged.iter().enumerate() {
        std::fs::write(&table, bytes).unwrap();
        let out = recur(&store).arg("stats").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "damage {i}: {stderr}");
        if !out.status.success() {
            assert_eq!(out.status.code(), Some(1), "damage {i}: {stderr}");
            assert!(
                stderr.contains(&table.display().to_string()),
                "damage {i}: {stderr}"
            );
        }
    }
}
