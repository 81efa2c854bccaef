//! Bad input: every rejected record is reported with file, location, field and reason, the rest
//! still imports, and counts reconcile.

use crate::common::*;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

/// (file, location, field, reason fragment) for every rejection the invalid fixtures must give.
const EXPECTED: &[(&str, &str, &str, &str)] = &[
    (
        "bad_severity.yaml",
        "line 1",
        "severity",
        "unknown severity \"urgent-ish\"",
    ),
    (
        "bad_timestamp.jsonl",
        "line 1",
        "started_at",
        "not a timestamp: \"yesterday\"",
    ),
    (
        "broken.yaml",
        "document 2 (line 8)",
        "",
        "invalid YAML at column 11",
    ),
    (
        "missing_id.csv",
        "line 2 (record 1)",
        "id",
        "required, missing or empty",
    ),
    (
        "no_services.yaml",
        "line 1",
        "services",
        "at least one service is required",
    ),
    ("not_utf8.csv", "line 2", "", "invalid UTF-8 at column 9"),
    (
        "orphan_actions.csv",
        "line 2 (record 1)",
        "incident_id",
        "incident NOPE-1 is neither in this import nor in the store",
    ),
    (
        "orphan_actions.csv",
        "line 3 (record 2)",
        "status",
        "unknown status \"maybe\"",
    ),
    (
        "truncated.json",
        "line 3 column 40",
        "",
        "invalid JSON after record 1",
    ),
    (
        "wrong_columns.csv",
        "line 3 (record 2)",
        "",
        "expected 4 fields as in the header, found 5",
    ),
];

#[test]
fn each_invalid_input_is_rejected_with_file_location_field_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let s = import(dir.path(), &[&fixture("invalid")]);
    assert_reconciles(&s);
    assert_eq!(s["rejected"], EXPECTED.len() as u64, "{s}");
    let notes = json(recur(dir.path()).args(["rejected", "--format", "json"]));
    let notes = notes.as_array().unwrap();
    for (file, location, field, reason) in EXPECTED {
        let found = notes.iter().any(|n: &Value| {
            n["file"].as_str().unwrap().ends_with(file)
                && n["location"] == *location
                && (field.is_empty() || n["field"] == *field)
                && n["reason"].as_str().unwrap().contains(reason)
        });
        assert!(
            found,
            "no rejection {file} {location} {field} {reason:?} in {notes:#?}"
        );
    }
}

#[test]
fn valid_records_next_to_broken_ones_still_import() {
    let dir = tempfile::tempdir().unwrap();
    let s = import(dir.path(), &[&fixture("invalid")]);
    // OK-1 (missing_id.csv), BY-1 (broken.yaml), TR-1 (truncated.json), WC-1 (wrong_columns.csv)
    assert_eq!(s["incidents"]["imported"], 4, "{s}");
}

#[test]
fn rejections_are_printed_on_stderr_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    recur(dir.path())
        .arg("import")
        .arg(fixture("invalid/bad_timestamp.jsonl"))
        .assert()
        .code(1)
        .stderr(contains("rejected: "))
        .stderr(contains(
            "all 1 record(s) read were rejected, nothing was imported",
        ))
        .stderr(contains(
            "bad_timestamp.jsonl: line 1: incident BT-1: field started_at: not a timestamp",
        ));
}

#[test]
fn strict_makes_any_rejection_fatal_and_leaves_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats")]);
    let before = store_files(dir.path());
    recur(dir.path())
        .arg("import")
        .arg(fixture("invalid"))
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(contains(
            "rejected and --strict was given; the store was not changed",
        ));
    assert_eq!(store_files(dir.path()), before);
}

#[test]
fn a_corpus_with_five_percent_broken_records_imports_the_rest_and_lists_each_rejection() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,title,started_at,services,root_cause\n");
    let mut broken = Vec::new();
    for i in 0..200 {
        let line = i + 2;
        match i % 20 {
            3 => {
                csv.push_str(",no id,2024-01-01,api,x\n");
                broken.push((line, "id"));
            }
            7 => {
                csv.push_str(&format!("C-{i},bad time,2024-99-01,api,x\n"));
                broken.push((line, "started_at"));
            }
            _ => csv.push_str(&format!(
                "C-{i},fine {i},2024-01-{:02},api;web,pool leak\n",
                i % 28 + 1
            )),
        }
    }
    // Plus services missing, in YAML, and a file of broken YAML.
    let yaml = "id: Y-1\ntitle: t\nstarted_at: 2024-01-01\n---\nid: Y-2\ntitle: t\nstarted_at: 2024-01-01\nservices: [api]\n";
    std::fs::write(dir.path().join("c.csv"), csv).unwrap();
    std::fs::write(dir.path().join("y.yaml"), yaml).unwrap();
    std::fs::write(dir.path().join("z.yaml"), "id: [\n").unwrap();
    let store = dir.path().join(".store");
    let s = import(&store, &[dir.path()]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["read"], 202);
    assert_eq!(s["incidents"]["imported"], 200 - broken.len() as u64 + 1);
    assert_eq!(s["rejected"], broken.len() as u64 + 2, "{s}");
    let notes = json(recur(&store).args(["rejected", "--format", "json"]));
    for (line, field) in &broken {
        assert!(
            notes.as_array().unwrap().iter().any(|n| n["location"]
                == format!("line {line} (record {})", line - 1)
                && n["field"] == *field),
            "line {line} field {field} not listed"
        );
    }
    assert!(
        notes.to_string().contains("\"services\""),
        "the YAML without services is listed"
    );
    assert!(
        notes.to_string().contains("invalid YAML"),
        "the broken YAML file is listed"
    );
}

#[test]
fn csv_rejections_name_the_file_line_and_the_record_number_across_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,title,started_at,services\nA-1,ok,2024-01-01,api\n\n\nA-2,,2024-01-02,api\n,,,\nA-3,\"two\nlines\",2024-01-03,api\nA-4,bad,never,api\n";
    std::fs::write(dir.path().join("c.csv"), csv).unwrap();
    let store = dir.path().join(".store");
    let s = import(&store, &[&dir.path().join("c.csv")]);
    assert_eq!(
        s["incidents"]["read"], 4,
        "a row of empty cells is not a record: {s}"
    );
    let notes = json(recur(&store).args(["rejected", "--format", "json"]));
    let places: Vec<(String, String)> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["location"].as_str().unwrap().to_string(),
                n["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        places.contains(&("line 5 (record 2)".into(), "title".into())),
        "{places:?}"
    );
    assert!(
        places.contains(&("line 9 (record 4)".into(), "started_at".into())),
        "{places:?}"
    );
}

#[test]
fn an_import_whose_every_record_is_rejected_exits_1_and_keeps_the_rejections() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.csv"), "id,title\nA,\nB,\n").unwrap();
    let store = dir.path().join(".store");
    recur(&store)
        .arg("import")
        .arg(dir.path().join("x.csv"))
        .assert()
        .code(1)
        .stderr(contains("all 2 record(s) read were rejected"));
    let notes = json(recur(&store).args(["rejected", "--format", "json"]));
    assert_eq!(notes.as_array().unwrap().len(), 2, "{notes}");
}

#[test]
fn unread_columns_that_resemble_recur_fields_get_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.csv"),
        "id,title,date,service,url\nA,t,2024-01-01,api,http://x\n",
    )
    .unwrap();
    recur(&dir.path().join(".store"))
        .arg("import")
        .arg(dir.path().join("x.csv"))
        .assert()
        .code(1)
        .stderr(contains("date (did you mean started_at?)"))
        .stderr(contains("service (did you mean services?)"))
        .stderr(contains("url (did you mean").not());
}
