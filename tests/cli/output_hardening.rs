//! Hostile text in outputs: control characters, terminal escapes and bidi overrides read from
//! incidents never reach an export or report as raw bytes.

use crate::common::*;

/// A store holding one incident, imported from JSON, whose title is `title`.
fn store_with_title(title: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let record = serde_json::json!({
        "id": "H-1", "title": title, "started_at": "2024-01-01", "services": ["api"]
    });
    std::fs::write(dir.path().join("h.json"), record.to_string()).unwrap();
    let s = import(&dir.path().join(".store"), &[&dir.path().join("h.json")]);
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    dir
}

#[test]
fn graphml_with_control_characters_in_a_title_is_well_formed_and_keeps_them_visible() {
    let dir = store_with_title("db\u{1b}[31m down\u{7}\rnow\ttab");
    let out = dir.path().join("g.graphml");
    recur(&dir.path().join(".store"))
        .args(["export", "--graph", "graphml", "--out"])
        .arg(&out)
        .assert()
        .success();
    let xml = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("GraphML is well-formed XML");
    let label_key = doc
        .descendants()
        .find(|n| n.has_tag_name("key") && n.attribute("attr.name") == Some("label"))
        .and_then(|n| n.attribute("id"))
        .expect("a label key")
        .to_string();
    let labels: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some(label_key.as_str()))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l == "db\\x1b[31m down\\x07\rnow\ttab"),
        "{labels:?}"
    );
}
