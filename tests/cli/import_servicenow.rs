//! ServiceNow incident table exports (`tests/fixtures/tools/servicenow/`): an audit log with one
//! row per update collapsed by number, a Table API `{result}` and a list-view `{records}` file.

use crate::common::*;
use crate::import_tools::{by_id, import_tool};
use serde_json::{Value, json};

#[test]
fn servicenow_audit_rows_collapse_by_number_and_state_changes_measure_acknowledgement() {
    let (s, incidents) = import_tool("servicenow");
    assert_eq!(s["files"], 3);
    assert_eq!(
        s["incidents"]["read"], 7,
        "6 audit rows of 2 numbers are 2 incidents; 2 more rows, 2 JSON records"
    );
    assert_eq!(s["incidents"]["imported"], 4);
    assert_eq!(s["incidents"]["rejected"], 3);
    let i = by_id(&incidents, "INC0010001");
    assert_eq!(i["title"], "Checkout returns 500 for card payments");
    assert_eq!(i["severity"], "SEV2", "priority 2 - High");
    assert_eq!(i["services"], json!(["checkout"]), "business_service");
    assert_eq!(i["components"], json!(["pg-primary"]), "cmdb_ci");
    assert_eq!(i["team"], "database-ops", "assignment_group");
    assert_eq!(
        i["root_cause"], "Connection pool exhausted after the pool size change",
        "close_notes of the last update with one, in update order (not file order)"
    );
    assert_eq!(
        i["started_at"], "2024-03-01T10:00:00Z",
        "opened_at, day first"
    );
    assert_eq!(i["detected_at"], "2024-03-01T10:00:00Z");
    assert_eq!(
        i["acknowledged_at"], "2024-03-01T10:25:00Z",
        "the update that moved New to Active"
    );
    assert_eq!(
        i["mitigated_at"],
        Value::Null,
        "ServiceNow does not measure it"
    );
    assert_eq!(i["resolved_at"], "2024-03-01T11:40:00Z");
    assert_eq!(i["links"], json!(["problem:PRB0040001"]), "problem_id");
    let mail = by_id(&incidents, "INC0010002");
    assert_eq!(
        mail["links"],
        json!(["parent:INC0010001", "related:CHG0030007"]),
        "parent_incident, rfc"
    );
    assert_eq!(
        mail["services"],
        json!(["mail-relay"]),
        "cmdb_ci, no business_service"
    );
    assert_eq!(mail["severity"], "SEV3", "impact, as priority is ?");
    assert_eq!(mail["acknowledged_at"], Value::Null, "never In Progress");
    assert_eq!(
        mail["resolved_at"], "2024-03-02T15:30:00Z",
        "resolved_at is ?: the update into Resolved"
    );
}

#[test]
fn servicenow_table_api_references_read_their_display_values() {
    let (_, incidents) = import_tool("servicenow");
    let i = by_id(&incidents, "INC0020001");
    assert_eq!(i["severity"], "SEV1");
    assert_eq!(i["services"], json!(["search"]));
    assert_eq!(i["components"], json!(["es-cluster-3"]));
    assert_eq!(i["team"], "search-sre");
    assert_eq!(
        i["root_cause"],
        "Shard allocation left disabled after the upgrade"
    );
    assert_eq!(i["started_at"], "2024-04-02T08:15:00Z");
    assert_eq!(i["resolved_at"], "2024-04-02T09:05:00Z");
    assert_eq!(
        i["acknowledged_at"],
        Value::Null,
        "one row holds no state change"
    );
    let listed = by_id(&incidents, "INC0030001");
    assert_eq!(listed["team"], "identity");
    assert_eq!(listed["resolved_at"], Value::Null);
}

#[test]
fn servicenow_rows_without_number_or_start_are_rejected_by_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("tools/servicenow")]);
    let rejected = json(recur(dir.path()).args(["rejected", "--format", "json"]));
    let find = |field: &str| {
        rejected
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["field"] == field)
            .unwrap_or_else(|| panic!("no rejection of {field}: {rejected}"))
            .clone()
    };
    let number = find("number");
    assert!(
        number["location"].as_str().unwrap().starts_with("line 8"),
        "{number}"
    );
    let start = find("started_at");
    assert_eq!(start["record_id"], "INC0010003");
    assert!(
        start["reason"].as_str().unwrap().contains("last tuesday"),
        "{start}"
    );
    assert!(
        rejected
            .to_string()
            .contains("expected a ServiceNow incident row"),
        "{rejected}"
    );
}
