//! `recur generate`: the synthetic corpus it writes imports whole.

use crate::common::*;

#[test]
fn a_generated_corpus_imports_every_incident_and_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    recur(&dir.path().join(".unused"))
        .args(["generate", "--incidents", "300", "--out"])
        .arg(&out)
        .assert()
        .success();
    let truth = std::fs::read_to_string(out.join("truth.csv")).unwrap();
    assert_eq!(truth.lines().count(), 301, "a truth row per incident");
    let s = import(&dir.path().join(".store"), &[&out.join("input")]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 300, "{s}");
    assert_eq!(s["rejected"], 0, "{s}");
    assert!(s["actions"]["imported"].as_u64().unwrap() > 0, "{s}");
}
