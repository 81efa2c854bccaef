//! Size limits: a value over 1 MiB rejects its record (naming the file, record and field) in
//! every format, a Markdown postmortem over 4 MiB or with more than 10,000 headings is rejected
//! whole, and the records beside them import; a tool CSV tens of thousands of columns wide reads
//! in time in proportion to its size.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

/// One byte over the limit of a field.
const OVER: usize = (1 << 20) + 1;

/// The rejections `recur rejected --format json` lists.
fn rejections(store: &Path) -> Vec<Value> {
    json(recur(store).args(["rejected", "--format", "json"]))
        .as_array()
        .unwrap()
        .clone()
}

/// Imports the files of `dir` (which must succeed) and checks the counts reconcile.
fn import_dir(dir: &Path) -> (Value, Vec<Value>) {
    let store = dir.join(".store");
    let s = import(&store, &[dir]);
    assert_reconciles(&s);
    (s, rejections(&store))
}

/// The one rejection of `file`, with its reason checked to name the limit.
fn oversize_rejection<'a>(notes: &'a [Value], file: &str) -> &'a Value {
    let found: Vec<&Value> = notes
        .iter()
        .filter(|n| n["file"].as_str().unwrap().ends_with(file))
        .collect();
    assert_eq!(found.len(), 1, "{file}: {notes:#?}");
    let reason = found[0]["reason"].as_str().unwrap();
    assert!(reason.contains("over the limit of"), "{file}: {reason}");
    found[0]
}

#[test]
fn a_value_over_one_mebibyte_rejects_its_record_in_csv_json_json_lines_and_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(OVER);
    let csv = format!(
        "id,title,started_at,services,root_cause\nC-1,ok,2024-01-01,api,pool\nC-2,big,2024-01-02,api,{big}\nC-3,ok,2024-01-03,api,dns\n"
    );
    std::fs::write(dir.path().join("a.csv"), csv).unwrap();
    let record = |id: &str, title: &str| {
        serde_json::json!({"id": id, "title": title, "started_at": "2024-02-01", "services": ["api"],
            "actions": [{"title": "fix"}, {"title": "alert"}]})
    };
    let mut nested = record("J-2", "big action");
    nested["actions"][1]["title"] = Value::String(big.clone());
    let json = serde_json::to_string(&vec![record("J-1", "ok"), nested]).unwrap();
    std::fs::write(dir.path().join("b.json"), json).unwrap();
    let lines = format!("{}\n{}\n", record("L-1", "ok"), record("L-2", &big));
    std::fs::write(dir.path().join("c.jsonl"), lines).unwrap();
    let yaml = format!(
        "incidents:\n  - id: Y-1\n    title: ok\n    started_at: 2024-03-01\n    services: [api]\n  - id: Y-2\n    title: big\n    started_at: 2024-03-02\n    services: [api, {big}]\n"
    );
    std::fs::write(dir.path().join("d.yaml"), yaml).unwrap();

    let (s, notes) = import_dir(dir.path());
    assert_eq!(s["incidents"]["read"], 9, "{s}");
    assert_eq!(s["incidents"]["imported"], 5, "{s}");
    assert_eq!(s["incidents"]["rejected"], 4, "{s}");
    // The embedded actions of the rejected JSON records are rejected with them.
    assert_eq!(s["actions"]["imported"], 4, "{s}");
    assert_eq!(s["actions"]["rejected"], 4, "{s}");
    let errors: Vec<Value> = notes
        .iter()
        .filter(|n| n["kind"] == "incident")
        .cloned()
        .collect();
    let csv = oversize_rejection(&errors, "a.csv");
    assert_eq!(csv["field"], "root_cause");
    assert_eq!(csv["location"], "line 3 (record 2)");
    assert_eq!(csv["record_id"], "C-2");
    assert!(
        csv["reason"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{OVER} bytes")),
        "{csv}"
    );
    let json = oversize_rejection(&errors, "b.json");
    assert_eq!(json["field"], "actions[2].title");
    assert_eq!(json["record_id"], "J-2");
    assert_eq!(oversize_rejection(&errors, "c.jsonl")["field"], "title");
    assert_eq!(
        oversize_rejection(&errors, "d.yaml")["field"],
        "services[2]"
    );
}

#[test]
fn an_oversized_cell_in_a_tool_export_or_a_catalog_rejects_only_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let big = "y".repeat(OVER);
    let jira = format!(
        "Summary,Issue key,Issue Type,Created,Component/s,Custom field (Root cause)\nA,OPS-1,Incident,04/Mar/24 10:15 AM,db,pool\nB,OPS-2,Incident,05/Mar/24 10:15 AM,db,{big}\n"
    );
    std::fs::write(dir.path().join("jira.csv"), jira).unwrap();
    std::fs::write(
        dir.path().join("catalog.csv"),
        format!("name,kind,owner\napi,service,team-a\ndb,resource,{big}\n"),
    )
    .unwrap();
    let (s, notes) = import_dir(dir.path());
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    assert_eq!(s["incidents"]["rejected"], 1, "{s}");
    assert_eq!(s["catalog"]["imported"], 1, "{s}");
    assert_eq!(s["catalog"]["rejected"], 1, "{s}");
    let jira = oversize_rejection(&notes, "jira.csv");
    assert_eq!(jira["field"], "custom field (root cause)");
    assert_eq!(jira["location"], "line 3 (record 2)");
    assert_eq!(oversize_rejection(&notes, "catalog.csv")["field"], "owner");
}

#[test]
fn a_markdown_postmortem_over_four_mebibytes_or_ten_thousand_headings_is_rejected_whole() {
    let dir = tempfile::tempdir().unwrap();
    let postmortem = |id: &str, body: &str| {
        format!(
            "---\nid: {id}\ntitle: t\nstarted_at: 2024-01-01\nservices: [api]\n---\n# T\n{body}"
        )
    };
    std::fs::write(
        dir.path().join("ok.md"),
        postmortem("M-1", "## Root cause\npool\n"),
    )
    .unwrap();
    let long = "A long paragraph of the timeline.\n\n".repeat((4 << 20) / 34 + 1);
    std::fs::write(dir.path().join("long.md"), postmortem("M-2", &long)).unwrap();
    let headings = "## h\n".repeat(10_001);
    std::fs::write(dir.path().join("headings.md"), postmortem("M-3", &headings)).unwrap();
    let field = format!("## Root cause\n{}\n", "z".repeat(OVER));
    std::fs::write(dir.path().join("field.md"), postmortem("M-4", &field)).unwrap();

    let (s, notes) = import_dir(dir.path());
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    assert!(
        oversize_rejection(&notes, "long.md")["reason"]
            .as_str()
            .unwrap()
            .contains("4 MiB"),
        "{notes:#?}"
    );
    let headings = notes
        .iter()
        .find(|n| n["file"].as_str().unwrap().ends_with("headings.md"))
        .unwrap_or_else(|| panic!("{notes:#?}"));
    assert!(
        headings["reason"]
            .as_str()
            .unwrap()
            .contains("more than 10000 headings"),
        "{headings}"
    );
    let field = oversize_rejection(&notes, "field.md");
    assert_eq!(field["field"], "root_cause");
    assert_eq!(field["record_id"], "M-4");
}

#[test]
fn a_jira_csv_thirty_thousand_columns_wide_imports_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let columns = 30_000;
    let mut header = String::from("Summary,Issue key,Issue Type,Created,Component/s");
    let mut row = String::from("Wide,OPS-9,Incident,04/Mar/24 10:15 AM,db");
    for i in 0..columns {
        // Half the extra columns repeat one name, as Jira repeats Labels.
        header.push_str(if i % 2 == 0 {
            ",Labels"
        } else {
            ",Custom field (X)"
        });
        row.push_str(&format!(",l{i}"));
    }
    std::fs::write(dir.path().join("wide.csv"), format!("{header}\n{row}\n")).unwrap();
    let store = dir.path().join(".store");
    // Quadratic in the columns, this took over 20 s of CPU; linear, well under a second.
    let out = recur(&store)
        .arg("import")
        .arg(dir.path().join("wide.csv"))
        .args(["--format", "json"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    let s: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
}
