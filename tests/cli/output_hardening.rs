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

/// Terminal escapes (OSC 8 link, OSC 0 window title, clear screen), bidi overrides and
/// isolates, line and paragraph separators and a carriage return.
const HOSTILE: &str = "\u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7} \u{1b}]0;title\u{7}\u{1b}[2J \
     \u{202a}a\u{202b}b\u{202c}c\u{202d}d\u{202e}e\u{2066}f\u{2067}g\u{2068}h\u{2069}i \
     \u{2028}j\u{2029}k\rl";

/// Whether `text` holds a character no output may carry: C0/C1 controls other than tab and
/// line feed, bidi overrides and isolates, line and paragraph separators.
fn has_unsafe(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    })
}

#[test]
fn escapes_and_bidi_overrides_reach_no_report_csv_or_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.jsonl");
    let mut lines = String::new();
    for (i, svc) in ["a-svc", "b-svc", "c-svc"].iter().enumerate() {
        let record = serde_json::json!({
            "id": format!("E-{i}{HOSTILE}"),
            "title": format!("pool {HOSTILE}"),
            "started_at": format!("2024-01-0{}", i + 1),
            "services": [svc],
            "root_cause": format!("connection pool exhausted {HOSTILE}"),
        });
        lines.push_str(&format!("{record}\n"));
    }
    std::fs::write(&file, lines).unwrap();
    let store = dir.path().join("s");
    let s = import(&store, &[&file]);
    assert_eq!(s["incidents"]["imported"], 3, "{s}");
    let out = dir.path().join("rep");
    recur(&store)
        .arg("report")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    for name in ["report.md", "report.html"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(text.contains("E-0"), "{name} names the incident");
        assert_eq!(has_unsafe(&text), None, "{name}");
    }
    let csv = recur(&store)
        .args(["similar", "E-0", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("E-1") && csv.contains("pool"), "{csv}");
    assert_eq!(has_unsafe(&csv), None, "{csv}");
    let table = recur(&store)
        .args(["similar", "E-0"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(has_unsafe(&String::from_utf8(table).unwrap()), None);
}
