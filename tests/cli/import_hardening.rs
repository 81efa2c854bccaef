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
