//! Rootly JSON:API incidents (`tests/fixtures/tools/rootly/`): every DAFF point as Rootly records
//! it, names from attributes or `included`, causes as the root cause, and action items of kind
//! follow_up (included, or in their own file) as follow-ups.

use crate::common::*;
use crate::import_tools::{by_id, import_tool};
use serde_json::{Value, json};

const CHECKOUT: &str = "b7e2d4a0-1111-4c3e-8f00-00000000a001";
const AGAIN: &str = "b7e2d4a0-1111-4c3e-8f00-00000000a002";

#[test]
fn rootly_incidents_keep_every_daff_point_rootly_records() {
    let (s, incidents) = import_tool("rootly");
    assert_eq!(s["files"], 2);
    assert_eq!(s["incidents"]["read"], 4);
    assert_eq!(s["incidents"]["imported"], 2);
    assert_eq!(
        s["incidents"]["rejected"], 2,
        "incident 44 starts 'around noon'; x-1 has no attributes"
    );
    let i = by_id(&incidents, CHECKOUT);
    assert_eq!(i["title"], "Checkout timeouts after cache failover");
    assert_eq!(i["severity"], "SEV1");
    assert_eq!(i["services"], json!(["checkout"]));
    assert_eq!(i["components"], json!(["session-cache"]), "functionalities");
    assert_eq!(i["team"], "commerce-sre", "groups");
    assert_eq!(
        i["root_cause"], "Cache failover; Stale DNS",
        "causes from included"
    );
    assert_eq!(i["started_at"], "2024-08-01T19:00:00Z");
    assert_eq!(i["detected_at"], "2024-08-01T19:06:00Z");
    assert_eq!(i["acknowledged_at"], "2024-08-01T19:09:00Z");
    assert_eq!(i["mitigated_at"], "2024-08-01T19:40:00Z");
    assert_eq!(i["resolved_at"], "2024-08-01T20:15:00Z");
    assert_eq!(
        i["url"],
        "https://rootly.com/account/incidents/42-checkout-timeouts-after-cache-failover"
    );
    assert_eq!(i["links"], json!([]));
    let again = by_id(&incidents, AGAIN);
    assert_eq!(
        again["links"],
        json!([format!("duplicate:{CHECKOUT}")]),
        "duplicate_incident_id"
    );
    assert_eq!(again["started_at"], "2024-08-02T08:00:00Z", "created_at");
    assert_eq!(
        again["detected_at"],
        Value::Null,
        "not recorded, not inferred"
    );
    assert_eq!(again["acknowledged_at"], "2024-08-02T08:05:00Z");
    assert_eq!(again["mitigated_at"], Value::Null);
    assert_eq!(again["root_cause"], Value::Null);
}

#[test]
fn rootly_follow_up_action_items_are_follow_ups_and_tasks_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let run = recur(&store)
        .arg("import")
        .arg(fixture("tools/rootly"))
        .args(["--format", "json"])
        .assert()
        .success();
    let summary: Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert_eq!(
        stderr.matches("kind task").count(),
        2,
        "the included task and the task of the action items file are noted: {stderr}"
    );
    assert_eq!(
        summary["actions"]["read"], 3,
        "two follow-ups read, plus ai-5"
    );
    assert_eq!(summary["actions"]["imported"], 2);
    assert_eq!(
        summary["actions"]["rejected"], 1,
        "ai-5's status is 'someday'"
    );
    let tables = dir.path().join("tables");
    recur(&store)
        .args(["export", "--tables", "json", "--out"])
        .arg(&tables)
        .assert()
        .success();
    let text = std::fs::read_to_string(tables.join("followups.json")).unwrap();
    let followups: Vec<Value> = serde_json::from_str(&text).unwrap();
    let of = |title: &str| {
        followups.iter().find(|f| f["title"] == title).map(|f| {
            (
                f["incident_id"].clone(),
                f["status"].clone(),
                f["owner"].clone(),
            )
        })
    };
    assert_eq!(
        of("Point clients at the sentinel, not the primary"),
        Some((json!(CHECKOUT), json!("open"), json!("ada")))
    );
    assert_eq!(
        of("Add a failover game day to the checkout runbook"),
        Some((json!(CHECKOUT), json!("done"), Value::Null))
    );
    assert_eq!(of("Restart checkout pods"), None, "a task");
    let rejected = json(recur(&store).args(["rejected", "--format", "json"]));
    assert!(rejected.to_string().contains("someday"), "{rejected}");
}

#[test]
fn a_nameless_included_resource_does_not_crash_the_import() {
    // Found by fuzzing: a group in `included` with no name referred to itself until the stack
    // overflowed (the process aborted).
    let dir = tempfile::tempdir().unwrap();
    let s = import(
        &dir.path().join("store"),
        &[&fixture("hostile/rootly-nameless-group.json")],
    );
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    let incidents = exported_incidents(&dir.path().join("store"), dir.path());
    assert_eq!(incidents[0]["team"], Value::Null, "the group has no name");
}
