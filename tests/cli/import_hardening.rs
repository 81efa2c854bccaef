//! Hostile input: files that used to lose records silently, hang or read twice are reported
//! instead, and counts still reconcile.

use crate::common::*;
use serde_json::Value;

/// The notes `recur rejected --format json` lists for a store.
fn notes(store: &std::path::Path) -> Vec<Value> {
    json(recur(store).args(["rejected", "--format", "json"]))
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn an_unclosed_csv_quote_is_named_with_its_line_and_every_line_it_swallowed_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,title,started_at,services\nQ-1,fine,2024-01-01,api\n");
    csv.push_str("Q-2,\"never closed,2024-01-02,api\n");
    for i in 3..13 {
        csv.push_str(&format!("Q-{i},swallowed,2024-01-03,api\n"));
    }
    std::fs::write(dir.path().join("q.csv"), csv).unwrap();
    let store = dir.path().join(".store");
    let s = import(&store, &[&dir.path().join("q.csv")]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["read"], 12, "{s}");
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    assert_eq!(s["incidents"]["rejected"], 11, "{s}");
    let notes = notes(&store);
    let opened = notes
        .iter()
        .find(|n| n["location"] == "line 3 (record 2)")
        .unwrap_or_else(|| panic!("no rejection at line 3: {notes:#?}"));
    assert_eq!(
        opened["reason"],
        "a quote opened on line 3 never closes; the 10 lines after it were read as part of it"
    );
    for line in 4..14 {
        assert!(
            notes.iter().any(|n| n["location"] == format!("line {line}")
                && n["reason"]
                    .as_str()
                    .unwrap()
                    .contains("quote opened on line 3")),
            "line {line} not listed: {notes:#?}"
        );
    }
}

#[test]
fn an_unclosed_quote_in_a_catalog_csv_is_reported_and_its_swallowed_lines_counted() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "name,kind,owner\napi,service,team-a\n\"db,resource,team-b\nweb,service,team-c\nq,service,team-d\n";
    std::fs::write(dir.path().join("catalog.csv"), csv).unwrap();
    let store = dir.path().join(".store");
    let s = import(&store, &[&dir.path().join("catalog.csv")]);
    assert_reconciles(&s);
    assert_eq!(s["catalog"]["read"], 4, "{s}");
    assert_eq!(s["catalog"]["imported"], 1, "{s}");
    let notes = notes(&store);
    assert!(
        notes.iter().any(|n| n["location"] == "line 3"
            && n["reason"]
                == "a quote opened on line 3 never closes; the 2 lines after it were read as part of it"),
        "{notes:#?}"
    );
}

/// A JSON incident object with id `id`.
fn json_record(id: &str) -> String {
    format!(r#"{{"id":"{id}","title":"t","started_at":"2024-01-01","services":["api"]}}"#)
}

/// Imports one file named `name` holding `text`; the summary, which must show no rejection.
fn import_without_rejections(name: &str, text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let s = import(&dir.path().join(".store"), &[&dir.path().join(name)]);
    assert_reconciles(&s);
    assert_eq!(s["rejected"], 0, "{s}");
    s
}

#[test]
fn a_json_file_starting_with_a_byte_order_mark_imports_every_record() {
    let text = format!("\u{feff}[{},{}]", json_record("J-1"), json_record("J-2"));
    let s = import_without_rejections("a.json", &text);
    assert_eq!(s["incidents"]["imported"], 2, "{s}");
}

#[test]
fn a_json_lines_file_starting_with_a_byte_order_mark_imports_its_first_record() {
    let text = format!("\u{feff}{}\n{}\n", json_record("L-1"), json_record("L-2"));
    let s = import_without_rejections("b.jsonl", &text);
    assert_eq!(s["incidents"]["imported"], 2, "{s}");
}

/// `recur import DIR --format json` with a time limit (a walk that never ends fails the test
/// instead of hanging it); the summary and stderr.
fn import_within_20_seconds(store: &std::path::Path, dir: &std::path::Path) -> (Value, String) {
    let out = recur(store)
        .arg("import")
        .arg(dir)
        .args(["--format", "json"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let out = out.get_output();
    let summary = serde_json::from_slice(&out.stdout).unwrap();
    (summary, String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn symbolic_link_loops_are_walked_once_and_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("sub")).unwrap();
    let csv = |id: &str| format!("id,title,started_at,services\n{id},t,2024-01-01,api\n");
    std::fs::write(data.join("a.csv"), csv("S-1")).unwrap();
    std::fs::write(data.join("sub/b.csv"), csv("S-2")).unwrap();
    std::os::unix::fs::symlink(&data, data.join("self")).unwrap();
    std::os::unix::fs::symlink("..", data.join("sub/up")).unwrap();
    let (s, stderr) = import_within_20_seconds(&dir.path().join(".store"), &data);
    assert_reconciles(&s);
    assert_eq!(s["rejected"], 0, "no duplicate ids invented: {s}");
    assert_eq!(s["incidents"]["imported"], 2, "{s}");
    assert_eq!(s["files"], 2, "{s}");
    for link in ["self", "up"] {
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("symbolic link loop") && l.contains(link))
            .collect();
        assert_eq!(warnings.len(), 1, "{link}: {stderr}");
    }
    // Importing again replaces the warnings instead of adding to them.
    import_within_20_seconds(&dir.path().join(".store"), &data);
    let stored = json(recur(&dir.path().join(".store")).args([
        "rejected",
        "--warnings",
        "--format",
        "json",
    ]));
    let loops = stored
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["reason"].as_str().unwrap().contains("symbolic link loop"));
    assert_eq!(loops.count(), 2, "{stored:#}");
}

#[test]
fn a_fifo_in_an_import_folder_is_skipped_with_a_warning_and_the_files_beside_it_import() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("a.csv"),
        "id,title,started_at,services\nF-1,t,2024-01-01,api\n",
    )
    .unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(data.join("x.csv"))
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    let (s, stderr) = import_within_20_seconds(&dir.path().join(".store"), &data);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    assert_eq!(s["rejected"], 0, "{s}");
    assert!(
        stderr.lines().any(|l| l.starts_with("warning: ")
            && l.contains("x.csv")
            && l.contains("not a regular file")),
        "{stderr}"
    );
}

#[test]
fn names_without_a_letter_or_digit_are_reported_with_file_record_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,title,started_at,services,components,team\n\
               N-1,t,2024-01-01,api;---,!!!,---\n\
               N-2,t,2024-01-01,---,db,sre\n";
    std::fs::write(dir.path().join("n.csv"), csv).unwrap();
    let store = dir.path().join(".store");
    let s = import(&store, &[&dir.path().join("n.csv")]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    let notes = json(recur(&store).args(["rejected", "--warnings", "--format", "json"]));
    let notes = notes.as_array().unwrap();
    let find = |location: &str, field: &str, reason: &str| {
        assert!(
            notes
                .iter()
                .any(|n| n["file"].as_str().unwrap().ends_with("n.csv")
                    && n["location"] == location
                    && n["field"] == field
                    && n["reason"].as_str().unwrap().contains(reason)),
            "no note {location} {field} {reason:?} in {notes:#?}"
        );
    };
    find(
        "line 2 (record 1)",
        "services",
        "\"---\" has no letter or digit, so it names no service; dropped",
    );
    find(
        "line 2 (record 1)",
        "components",
        "\"!!!\" has no letter or digit, so it names no component",
    );
    find(
        "line 2 (record 1)",
        "team",
        "\"---\" has no letter or digit, so it names no team",
    );
    find(
        "line 3 (record 2)",
        "services",
        "at least one service is required; \"---\" has no letter or digit",
    );
}

/// Imports `text` as file `name`, next to a file of one valid incident; the summary and the
/// notes.
fn import_one(name: &str, text: &str) -> (Value, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    std::fs::write(dir.path().join("ok.jsonl"), json_record("OK-1")).unwrap();
    let store = dir.path().join(".store");
    let s = import(
        &store,
        &[&dir.path().join(name), &dir.path().join("ok.jsonl")],
    );
    assert_reconciles(&s);
    (s, notes(&store))
}

#[test]
fn a_repeated_key_rejects_its_record_the_same_way_in_json_csv_and_yaml() {
    let ok = r#"{"id":"D-1","title":"t","started_at":"2024-01-01","services":["api"]}"#;
    let twice =
        r#"{"id":"D-2","title":"a","title":"b","started_at":"2024-01-01","services":["api"]}"#;
    let cases = [
        ("d.jsonl", format!("{ok}\n{twice}\n"), "line 2"),
        ("d.json", format!("[{ok},{twice}]"), "record 2"),
        (
            "d.csv",
            "id,title,Title,started_at,services\nD-2,a,b,2024-01-01,api\n".to_string(),
            "line 2 (record 1)",
        ),
        (
            "d.yaml",
            "- id: D-1\n  title: t\n  started_at: 2024-01-01\n  services: [api]\n\
             - id: D-2\n  title: a\n  title: b\n  started_at: 2024-01-01\n  services: [api]\n"
                .to_string(),
            "line 1 item 2",
        ),
    ];
    for (name, text, location) in cases {
        let (s, notes) = import_one(name, &text);
        assert_eq!(s["incidents"]["rejected"], 1, "{name}: {s}");
        let note = notes
            .iter()
            .find(|n| n["location"] == location)
            .unwrap_or_else(|| panic!("{name}: nothing at {location}: {notes:#?}"));
        assert_eq!(note["record_id"], "D-2", "{name}");
        assert_eq!(note["field"], "title", "{name}");
        assert!(
            note["reason"]
                .as_str()
                .unwrap()
                .starts_with("duplicate field \"title\""),
            "{name}: {note}"
        );
    }
}

#[test]
fn an_unreadable_sub_folder_is_rejected_by_name_and_the_rest_imports() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("ok.jsonl"), json_record("OK-1")).unwrap();
    let locked = root.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("x.jsonl"), json_record("X-1")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let store = root.join(".store");
    let bin = std::path::PathBuf::from(assert_cmd::cargo::cargo_bin!("recur"));
    let mut cmd = std::process::Command::new(&bin);
    // Root reads a folder whatever its mode: the import then runs as `nobody`, from a link to
    // the binary it can reach, into a folder it can write.
    if std::fs::metadata(root.join("ok.jsonl")).unwrap().uid() == 0 {
        use std::os::unix::process::CommandExt;
        let linked = root.join("recur");
        std::fs::hard_link(&bin, &linked)
            .or_else(|_| std::fs::copy(&bin, &linked).map(|_| ()))
            .unwrap();
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o777)).unwrap();
        cmd = std::process::Command::new(&linked);
        cmd.uid(65534).gid(65534);
    }
    cmd.env_remove("RECUR_STORE")
        .arg("--store")
        .arg(&store)
        .arg("--quiet")
        .arg("import")
        .arg(root)
        .args(["--format", "json"]);
    let s = json(&mut assert_cmd::Command::from_std(cmd));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    let out = recur(&store)
        .args(["rejected", "--format", "json"])
        .output()
        .unwrap();
    let notes: Value = serde_json::from_slice(&out.stdout).unwrap();
    let note = notes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["file"] == locked.display().to_string())
        .unwrap_or_else(|| panic!("the folder is not named: {notes:#}"));
    assert_eq!(note["level"], "error");
    assert!(
        note["reason"]
            .as_str()
            .unwrap()
            .starts_with("unreadable folder: "),
        "{note}"
    );
}

#[test]
fn backstage_kinds_recur_does_not_use_are_warnings_that_strict_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog-info.yaml");
    std::fs::write(
        &catalog,
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets: [./a.yaml]\n\
         ---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: pay-api\nspec:\n  owner: team-a\n\
         ---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout\nspec:\n  owner: team-a\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ok.jsonl"), json_record("OK-1")).unwrap();
    let store = dir.path().join(".store");
    let s = json(
        recur(&store)
            .arg("import")
            .arg(dir.path().join("ok.jsonl"))
            .arg("--catalog")
            .arg(&catalog)
            .args(["--strict", "--format", "json"]),
    );
    assert_reconciles(&s);
    assert_eq!(s["catalog"]["imported"], 1, "{s}");
    assert_eq!(s["rejected"], 0, "{s}");
    assert_eq!(s["warnings"], 2, "{s}");
    let notes = json(recur(&store).args(["rejected", "--warnings", "--format", "json"]));
    let notes = notes.as_array().unwrap();
    for (kind, name) in [("Location", "all"), ("API", "pay-api")] {
        assert!(
            notes.iter().any(|n| n["level"] == "warning"
                && n["record_id"] == name
                && n["field"] == "kind"
                && n["reason"].as_str().unwrap().contains(&format!("{kind:?}"))),
            "{kind}: {notes:#?}"
        );
    }
}

/// The incidents `recur export --tables json` writes for a store.
fn exported_incidents(store: &std::path::Path, out: &std::path::Path) -> Vec<Value> {
    recur(store)
        .args(["export", "--tables", "json", "--out"])
        .arg(out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("incidents.json")).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn yaml_scalars_yaml_1_1_would_type_are_stored_as_written_in_yaml_and_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "- {id: 007, title: no, started_at: 2024-01-01, services: [y, n, on, off]}\n\
                - {id: 1.10, title: 0x1F, started_at: 2024-01-02, services: [api]}\n";
    std::fs::write(dir.path().join("a.yaml"), yaml).unwrap();
    let md = "---\nid: 0x2A\ntitle: off\nstarted_at: 2024-01-03\nservices: [yes]\n---\n# x\n";
    std::fs::write(dir.path().join("b.md"), md).unwrap();
    let store = dir.path().join(".store");
    let s = import(
        &store,
        &[&dir.path().join("a.yaml"), &dir.path().join("b.md")],
    );
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 3, "{s}");
    let incidents = exported_incidents(&store, &dir.path().join("out"));
    let stored = |id: &str| {
        incidents
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no incident {id:?}: {incidents:#?}"))
            .clone()
    };
    let a = stored("007");
    assert_eq!(a["title"], "no");
    assert_eq!(a["services"], serde_json::json!(["y", "n", "on", "off"]));
    assert_eq!(stored("1.10")["title"], "0x1F");
    let b = stored("0x2A");
    assert_eq!(b["title"], "off");
    assert_eq!(b["services"], serde_json::json!(["yes"]));
}

#[test]
fn json_numbers_in_text_fields_are_stored_as_written_in_json_and_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let record = |id: &str, title: &str, day: u32| {
        format!(
            r#"{{"id":{id},"title":{title},"started_at":"2024-01-{day:02}","services":["api"]}}"#
        )
    };
    let json = format!(
        "[{},\n{}]",
        record("123456789012345678901234567890", "1.10", 1),
        record("123456789012345678901234567891", "1e3", 2)
    );
    std::fs::write(dir.path().join("a.json"), json).unwrap();
    let lines = format!("{}\n{}\n", record("1.10", "2.5", 3), record("1.1", "-0", 4));
    std::fs::write(dir.path().join("b.jsonl"), lines).unwrap();
    let store = dir.path().join(".store");
    let s = import(
        &store,
        &[&dir.path().join("a.json"), &dir.path().join("b.jsonl")],
    );
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 4, "{s}");
    let incidents = exported_incidents(&store, &dir.path().join("out"));
    let title_of = |id: &str| {
        incidents
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no incident {id:?}: {incidents:#?}"))["title"]
            .clone()
    };
    assert_eq!(title_of("123456789012345678901234567890"), "1.10");
    assert_eq!(title_of("123456789012345678901234567891"), "1e3");
    assert_eq!(title_of("1.10"), "2.5");
    assert_eq!(title_of("1.1"), "-0");
}

/// A JSON incident `id` with the actions `(title, owner)`.
fn incident_with_actions(id: &str, actions: &[(String, &str)]) -> String {
    let actions: Vec<Value> = actions
        .iter()
        .map(|(t, o)| serde_json::json!({"title": t, "owner": o, "status": "open"}))
        .collect();
    serde_json::json!([{"id": id, "title": "t", "started_at": "2024-01-01",
        "services": ["api"], "actions": actions}])
    .to_string()
}

#[test]
fn re_importing_many_actions_counts_each_as_unchanged_updated_or_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    let store = dir.path().join(".store");
    let n = 20_000;
    let first: Vec<(String, &str)> = (0..n).map(|i| (format!("action {i}"), "team-a")).collect();
    std::fs::write(&path, incident_with_actions("INC-1", &first)).unwrap();
    import(&store, &[&path]);
    // The same list, with every tenth owner changed and 5 actions added.
    let mut second = first.clone();
    for (i, a) in second.iter_mut().enumerate() {
        if i % 10 == 0 {
            a.1 = "team-b";
        }
    }
    second.extend((n..n + 5).map(|i| (format!("action {i}"), "team-a")));
    std::fs::write(&path, incident_with_actions("INC-1", &second)).unwrap();
    let s = import(&store, &[&path]);
    assert_reconciles(&s);
    let a = &s["actions"];
    assert_eq!(a["imported"], n + 5, "{s}");
    assert_eq!(a["unchanged"], n - n / 10, "{s}");
    assert_eq!(a["updated"], n / 10, "{s}");
    assert_eq!(a["new"], 5, "{s}");
}

#[test]
fn a_yaml_document_with_25000_incidents_imports_whole() {
    // About 11 YAML nodes a record: 25,000 records pass the fixed 250,000-node budget that
    // rejected such a file whole (kept small: the dev build parses YAML slowly).
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from("incidents:\n");
    for i in 0..25_000 {
        yaml.push_str(&format!(
            "- {{id: Y{i}, title: t, started_at: 2024-01-01, services: [api]}}\n"
        ));
    }
    let file = dir.path().join("big.yaml");
    std::fs::write(&file, yaml).unwrap();
    let s = import(&dir.path().join(".store"), &[&file]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 25_000, "{s}");
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly_as_alias_expansion() {
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    let file = dir.path().join("bomb.yaml");
    std::fs::write(&file, yaml).unwrap();
    let store = dir.path().join(".store");
    let started = std::time::Instant::now();
    recur(&store).arg("import").arg(&file).assert().failure();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let notes = notes(&store);
    assert!(
        notes
            .iter()
            .any(|n| n["reason"].as_str().unwrap().contains("alias replay limit")),
        "{notes:#?}"
    );
}
