//! PagerDuty's web-UI CSV and merged incidents (`tests/fixtures/tools/pagerduty-export/`).

use crate::common::*;
use serde_json::{Value, json};

#[test]
fn pagerduty_web_ui_csv_keeps_the_account_offset_and_takes_ack_from_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = import(&store, &[&fixture("tools/pagerduty-export/incidents.csv")]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["read"], 4, "the blank row is no record");
    assert_eq!(s["incidents"]["rejected"], 1, "2043 has no created_on");
    let incidents = table(&store, "incidents");
    let i = row(&incidents, "id", "2041");
    assert_eq!(i["title"], "Checkout 502s from the edge");
    assert_eq!(i["severity"], "SEV2", "priority_name before urgency");
    assert_eq!(i["services"], json!(["checkout-api"]));
    assert_eq!(i["team"], "payments");
    assert_eq!(i["started_at"], "2023-09-20T17:00:00Z", "-07:00 kept");
    assert_eq!(i["acknowledged_at"], "2023-09-20T17:04:00Z", "240 s");
    assert_eq!(i["resolved_at"], "2023-09-20T18:15:00Z", "resolved_on");
    assert_eq!(i["mitigated_at"], Value::Null);
    let low = row(&incidents, "id", "2042");
    assert_eq!(low["severity"], "SEV4", "urgency low");
    assert_eq!(low["started_at"], "2023-09-21T06:30:00Z", "+02:00 kept");
    assert_eq!(low["resolved_at"], Value::Null, "not resolved");
    let late = row(&incidents, "id", "2044");
    assert_eq!(
        late["resolved_at"], "2023-09-23T08:20:00Z",
        "seconds_to_resolve"
    );
}

#[test]
fn pagerduty_incidents_merged_into_another_are_its_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = import(&store, &[&fixture("tools/pagerduty-export/merged.json")]);
    assert_eq!(s["incidents"]["imported"], 3);
    let incidents = table(&store, "incidents");
    for merged in ["PQ101", "PQ102"] {
        let i = row(&incidents, "id", merged);
        assert_eq!(i["links"], json!(["duplicate:PQ100"]), "{merged}");
    }
    assert_eq!(
        row(&incidents, "id", "PQ100")["links"],
        json!([]),
        "the survivor"
    );
}

#[test]
fn seconds_to_ack_past_any_date_leave_the_phase_empty_rather_than_panic() {
    // Found by fuzzing: 18446744073709551616600 seconds after created_on overflowed and panicked.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = import(&store, &[&fixture("hostile/pagerduty-huge-seconds.csv")]);
    assert_reconciles(&s);
    let all = exported_incidents(&store, dir.path());
    let lagging = all
        .iter()
        .find(|i| i["id"] == "2042")
        .expect("2042 imported");
    assert_eq!(lagging["acknowledged_at"], serde_json::Value::Null);
}
