//! FireHydrant API incidents (`tests/fixtures/tools/firehydrant/`): lifecycle phases and the
//! deprecated milestones as DAFF points, functionalities as components, retrospective tasks and
//! follow-up tickets as follow-ups.

use crate::common::*;
use crate::import_tools::{by_id, import_tool};
use serde_json::{Value, json};

const PAYMENTS: &str = "3f1c9a2e-0d5b-4e7a-9c1f-000000000101";
const SEARCH: &str = "3f1c9a2e-0d5b-4e7a-9c1f-000000000102";

#[test]
fn firehydrant_lifecycle_milestones_measure_every_daff_point() {
    let (s, incidents) = import_tool("firehydrant");
    assert_eq!(s["incidents"]["read"], 3);
    assert_eq!(s["incidents"]["imported"], 2);
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "incident 103 names no service"
    );
    let i = by_id(&incidents, PAYMENTS);
    assert_eq!(i["title"], "Payments API latency spike");
    assert_eq!(i["severity"], "SEV2");
    assert_eq!(i["services"], json!(["payments-api"]));
    assert_eq!(
        i["components"],
        json!(["card-authorisation"]),
        "functionalities"
    );
    assert_eq!(i["team"], "payments");
    assert_eq!(
        i["root_cause"],
        "A migration dropped the index on the ledger table"
    );
    assert_eq!(
        i["started_at"], "2024-06-03T09:00:00Z",
        "the lifecycle milestone, before the deprecated list and started_at"
    );
    assert_eq!(i["detected_at"], "2024-06-03T09:12:00Z");
    assert_eq!(i["acknowledged_at"], "2024-06-03T09:18:00Z");
    assert_eq!(i["mitigated_at"], "2024-06-03T10:02:00Z");
    assert_eq!(i["resolved_at"], "2024-06-03T11:30:00Z");
    assert_eq!(
        i["url"],
        format!("https://app.firehydrant.io/incidents/{PAYMENTS}"),
        "incident_url"
    );
}

#[test]
fn firehydrant_deprecated_milestones_leave_unreached_phases_empty() {
    let (_, incidents) = import_tool("firehydrant");
    let i = by_id(&incidents, SEARCH);
    assert_eq!(i["started_at"], "2024-06-10T13:40:00Z");
    assert_eq!(i["detected_at"], "2024-06-10T14:00:00Z");
    assert_eq!(
        i["acknowledged_at"],
        Value::Null,
        "first_action is no acknowledgement"
    );
    assert_eq!(i["mitigated_at"], Value::Null, "never mitigated");
    assert_eq!(i["resolved_at"], "2024-06-10T16:00:00Z");
    assert_eq!(i["root_cause"], "Stuck indexing worker", "custom field");
    assert_eq!(i["components"], json!([]));
}

#[test]
fn firehydrant_retrospective_tasks_and_follow_up_tickets_are_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let summary = import(&store, &[&fixture("tools/firehydrant")]);
    assert_eq!(
        summary["actions"]["imported"], 3,
        "the incident ticket is none"
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
        of("Check indexes in the migration pipeline"),
        Some((json!(PAYMENTS), json!("done"), json!("priya")))
    );
    assert_eq!(
        of("Load-test ledger queries before release"),
        Some((json!(PAYMENTS), json!("open"), json!("sam"))),
        "in_progress is open"
    );
    assert_eq!(of("Payments API latency spike"), None);
}
