//! Incident tools' exports (`tests/fixtures/tools/<tool>/`): each is detected by content,
//! imported with its fields mapped onto recur's, and its bad records rejected by name.

use crate::common::*;
use serde_json::Value;

/// Imports a tool's fixture folder into a fresh store; the summary and the incidents table.
pub fn import_tool(tool: &str) -> (Value, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let summary = import(&store, &[&fixture(&format!("tools/{tool}"))]);
    assert_reconciles(&summary);
    (summary, exported_incidents(&store, dir.path()))
}

/// The incident `id` of an incidents table.
pub fn by_id<'a>(incidents: &'a [Value], id: &str) -> &'a Value {
    incidents
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no incident {id}"))
}

#[test]
fn statuspage_incidents_map_components_to_services_and_monitoring_to_mitigated() {
    let (s, incidents) = import_tool("statuspage");
    assert_eq!(s["incidents"]["read"], 3);
    assert_eq!(s["incidents"]["imported"], 2);
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "sp-003's start is no timestamp"
    );
    let i = by_id(&incidents, "sp-001");
    assert_eq!(i["severity"], "SEV2", "impact major");
    assert_eq!(i["services"], serde_json::json!(["uploads", "api"]));
    assert_eq!(i["started_at"], "2024-05-02T09:05:00Z");
    assert_eq!(i["mitigated_at"], "2024-05-02T09:40:00Z");
    assert_eq!(i["resolved_at"], "2024-05-02T10:02:00Z");
    assert_eq!(
        i["detected_at"],
        Value::Null,
        "Statuspage does not measure it"
    );
    assert_eq!(i["acknowledged_at"], Value::Null);
    assert!(
        i["root_cause"]
            .as_str()
            .unwrap()
            .contains("expired certificate")
    );
    let page_only = by_id(&incidents, "sp-002");
    assert_eq!(page_only["services"], serde_json::json!(["acme-cloud"]));
}

#[test]
fn statuspage_bad_start_is_rejected_naming_record_and_field() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("tools/statuspage")]);
    let rejected = json(recur(dir.path()).args(["rejected", "--format", "json"]));
    let r = &rejected[0];
    assert_eq!(r["location"], "record 3", "{rejected}");
    assert_eq!(r["field"], "started_at");
    assert!(r["reason"].as_str().unwrap().contains("not a time"), "{r}");
}

#[test]
fn pagerduty_incidents_take_the_earliest_acknowledgement_and_leave_mitigation_empty() {
    let (s, incidents) = import_tool("pagerduty");
    assert_eq!(s["files"], 2);
    assert_eq!(
        s["incidents"]["read"], 4,
        "3 REST incidents, 1 from log entries"
    );
    assert_eq!(s["incidents"]["imported"], 3);
    assert_eq!(s["incidents"]["rejected"], 1, "PD3GHI names no service");
    let i = by_id(&incidents, "PD1ABC");
    assert_eq!(i["severity"], "SEV1", "priority P1 wins over urgency");
    assert_eq!(i["services"], serde_json::json!(["checkout-api"]));
    assert_eq!(i["team"], "payments");
    assert_eq!(i["started_at"], "2024-03-04T18:00:00Z", "offset kept");
    assert_eq!(i["acknowledged_at"], "2024-03-04T18:07:00Z");
    assert_eq!(i["resolved_at"], "2024-03-04T19:30:00Z");
    assert_eq!(i["mitigated_at"], Value::Null);
    let merged = by_id(&incidents, "PD2DEF");
    assert_eq!(merged["severity"], "SEV4", "urgency low");
    assert_eq!(merged["acknowledged_at"], Value::Null);
    assert_eq!(merged["resolved_at"], Value::Null);
}

#[test]
fn pagerduty_log_entries_give_one_incident_per_incident_referenced() {
    let (_, incidents) = import_tool("pagerduty");
    let i = by_id(&incidents, "PD9XYZ");
    assert_eq!(i["title"], "Disk full on search-indexer");
    assert_eq!(i["services"], serde_json::json!(["search"]));
    assert_eq!(i["started_at"], "2024-04-01T02:00:00Z");
    assert_eq!(i["acknowledged_at"], "2024-04-01T02:12:00Z");
    assert_eq!(i["resolved_at"], "2024-04-01T03:00:00Z");
}

#[test]
fn from_forces_a_tool_on_a_file_detection_would_not_pick() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.json");
    std::fs::write(
        &file,
        r#"[{"id":"P1","title":"Queue stuck","created_at":"2024-01-02T03:04:05Z","service":{"summary":"Jobs"}}]"#,
    )
    .unwrap();
    let store = dir.path().join("store");
    let plain = recur(&store).arg("import").arg(&file).assert().failure();
    let stderr = String::from_utf8_lossy(&plain.get_output().stderr).to_string();
    assert!(
        stderr.contains("started_at"),
        "not recur's own format: {stderr}"
    );
    let s = json(recur(&store).arg("import").arg(&file).args([
        "--from",
        "pagerduty",
        "--format",
        "json",
    ]));
    assert_eq!(s["incidents"]["imported"], 1, "{s}");
    recur(&store)
        .arg("import")
        .arg(&file)
        .args(["--from", "zendesk"])
        .assert()
        .code(2);
}

#[test]
fn opsgenie_incidents_name_services_and_teams_through_the_files_beside_them() {
    let (s, incidents) = import_tool("opsgenie");
    assert_eq!(s["files"], 3);
    assert_eq!(
        s["incidents"]["read"], 3,
        "services and teams files hold none"
    );
    assert_eq!(s["incidents"]["imported"], 2);
    assert_eq!(s["incidents"]["rejected"], 1, "og-inc-3 names no service");
    let i = by_id(&incidents, "og-inc-1");
    assert_eq!(i["severity"], "SEV2");
    assert_eq!(i["services"], serde_json::json!(["login"]));
    assert_eq!(i["team"], "identity", "ownerTeam empty: the service's team");
    assert_eq!(i["started_at"], "2024-02-10T07:58:00Z", "impactStartDate");
    assert_eq!(i["resolved_at"], "2024-02-10T08:45:00Z", "impactEndDate");
    assert_eq!(i["acknowledged_at"], Value::Null);
    assert_eq!(i["mitigated_at"], Value::Null);
    let unlisted = by_id(&incidents, "og-inc-2");
    assert_eq!(unlisted["services"], serde_json::json!(["svc-unlisted"]));
    assert_eq!(unlisted["started_at"], "2024-02-12T10:00:00Z", "createdAt");
}

#[test]
fn incident_io_timestamps_are_bound_by_name_and_follow_ups_join_their_incident() {
    let (s, incidents) = import_tool("incident-io");
    assert_eq!(s["incidents"]["read"], 3);
    assert_eq!(s["incidents"]["imported"], 2);
    assert_eq!(s["incidents"]["rejected"], 1, "INC-43 names no service");
    assert_eq!(s["actions"]["imported"], 2);
    let i = by_id(&incidents, "01IO0000000000000000000001");
    assert_eq!(i["severity"], "SEV2", "Major");
    assert_eq!(i["services"], serde_json::json!(["search-api", "indexer"]));
    assert_eq!(i["team"], "discovery");
    assert_eq!(i["root_cause"], "Bad index alias swap during reindex");
    assert_eq!(i["started_at"], "2024-07-01T08:50:00Z", "Impact started at");
    assert_eq!(i["detected_at"], "2024-07-01T09:10:00Z", "Reported at");
    assert_eq!(i["acknowledged_at"], "2024-07-01T09:14:00Z", "Accepted at");
    assert_eq!(i["mitigated_at"], "2024-07-01T09:45:00Z", "Fixed at");
    assert_eq!(i["resolved_at"], "2024-07-01T10:30:00Z", "Resolved at");
    let drill = by_id(&incidents, "01IO0000000000000000000002");
    assert_eq!(drill["started_at"], "2024-07-02T12:00:00Z", "created_at");
    assert_eq!(drill["mitigated_at"], Value::Null, "not inferred");
}

#[test]
fn incident_io_follow_up_statuses_become_done_and_wontfix() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    import(&store, &[&fixture("tools/incident-io")]);
    let tables = dir.path().join("tables");
    recur(&store)
        .args(["export", "--tables", "json", "--out"])
        .arg(&tables)
        .assert()
        .success();
    let text = std::fs::read_to_string(tables.join("followups.json")).unwrap();
    let followups: Vec<Value> = serde_json::from_str(&text).unwrap();
    let status = |title: &str| {
        followups
            .iter()
            .find(|f| f["title"] == title)
            .map(|f| (f["status"].clone(), f["owner"].clone()))
    };
    assert_eq!(
        status("Alert when an alias points at an empty index"),
        Some((Value::from("done"), Value::from("dana")))
    );
    assert_eq!(
        status("Rewrite the reindex runbook"),
        Some((Value::from("wontfix"), Value::Null))
    );
}

#[test]
fn dispatch_api_and_ui_csv_take_services_and_causes_from_tags_and_stable_as_mitigated() {
    let (s, incidents) = import_tool("dispatch");
    assert_eq!(s["files"], 2);
    assert_eq!(s["incidents"]["read"], 4, "the blank CSV row is no record");
    assert_eq!(s["incidents"]["imported"], 3);
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "acme-incident-22 starts 'yesterday'"
    );
    assert_eq!(
        s["actions"]["imported"], 1,
        "only the post-incident review task"
    );
    let i = by_id(&incidents, "acme-incident-11");
    assert_eq!(i["severity"], "SEV1");
    assert_eq!(i["services"], serde_json::json!(["token-service"]));
    assert_eq!(i["root_cause"], "key-rotation");
    assert_eq!(i["team"], "identity");
    assert_eq!(i["started_at"], "2024-08-05T14:00:00Z");
    assert_eq!(
        i["detected_at"],
        Value::Null,
        "Dispatch does not measure it"
    );
    assert_eq!(i["mitigated_at"], "2024-08-05T14:40:00Z", "stable_at");
    assert_eq!(i["resolved_at"], "2024-08-05T16:00:00Z", "closed_at");
    assert_eq!(
        by_id(&incidents, "acme-incident-12")["services"],
        serde_json::json!(["payments"])
    );
    let row = by_id(&incidents, "acme-incident-21");
    assert_eq!(row["services"], serde_json::json!(["billing-worker"]));
    assert_eq!(row["components"], serde_json::json!(["rabbitmq"]));
    assert_eq!(row["mitigated_at"], "2024-09-01T10:30:00Z");
}

#[test]
fn jira_csv_reads_repeated_columns_skips_blank_rows_and_joins_tasks_to_their_parent() {
    let (s, incidents) = import_tool("jira");
    assert_eq!(
        s["incidents"]["read"], 4,
        "3 CSV rows (blank rows are none), 1 REST issue"
    );
    assert_eq!(s["incidents"]["imported"], 3);
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "OPS-104's Created is no date"
    );
    assert_eq!(
        s["actions"]["imported"], 1,
        "OPS-102, parent given by issue id"
    );
    let i = by_id(&incidents, "OPS-101");
    assert_eq!(i["severity"], "SEV1", "Highest");
    assert_eq!(i["services"], serde_json::json!(["orders-api"]));
    assert_eq!(
        i["components"],
        serde_json::json!(["postgres", "pgbouncer"])
    );
    assert_eq!(
        i["root_cause"],
        "Connection pool exhausted after a config change"
    );
    assert_eq!(i["started_at"], "2024-03-04T10:02:00Z", "Actual start");
    assert_eq!(i["detected_at"], "2024-03-04T10:15:00Z", "Created");
    assert_eq!(i["mitigated_at"], "2024-03-04T11:00:00Z", "Actual end");
    assert_eq!(i["resolved_at"], "2024-03-04T13:30:00Z");
    assert_eq!(i["acknowledged_at"], Value::Null);
    let dup = by_id(&incidents, "OPS-103");
    assert_eq!(
        dup["services"],
        serde_json::json!(["operations"]),
        "project"
    );
    assert_eq!(dup["links"], serde_json::json!(["duplicate:OPS-101"]));
}

#[test]
fn devlake_raw_tables_read_each_data_cell_with_its_tool() {
    let (s, incidents) = import_tool("devlake");
    assert_eq!(s["incidents"]["read"], 2);
    assert_eq!(s["incidents"]["imported"], 1);
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "the second data cell is no incident"
    );
    let i = by_id(&incidents, "PDRAW1");
    assert_eq!(i["services"], serde_json::json!(["webhooks"]));
    assert_eq!(i["resolved_at"], "2024-10-01T06:45:00Z");
}

#[test]
fn jira_rest_issues_take_phases_from_the_first_status_change_into_each() {
    let (_, incidents) = import_tool("jira");
    let i = by_id(&incidents, "OPS-201");
    assert_eq!(i["severity"], "SEV2");
    assert_eq!(i["services"], serde_json::json!(["redis"]));
    assert_eq!(i["started_at"], "2024-11-05T08:00:00Z");
    assert_eq!(
        i["acknowledged_at"], "2024-11-05T08:06:00Z",
        "to In Progress"
    );
    assert_eq!(i["mitigated_at"], "2024-11-05T09:10:00Z", "to Monitoring");
    assert_eq!(i["resolved_at"], "2024-11-05T10:00:00Z", "resolutiondate");
    assert_eq!(i["links"], serde_json::json!(["duplicate:OPS-101"]));
}
