//! What the tools' exports say about where an incident lives and what it duplicates: each
//! tool's page or postmortem becomes `url`, a merge or declared duplicate a `duplicate:` link.

use crate::import_tools::{by_id, import_tool};
use serde_json::{Value, json};

#[test]
fn each_tool_gives_its_incident_page_or_postmortem_as_url() {
    for (tool, id, url) in [
        ("statuspage", "sp-001", "https://stspg.example.test/a1"),
        (
            "pagerduty",
            "PD1ABC",
            "https://acme.pagerduty.example/incidents/PD1ABC",
        ),
        (
            "opsgenie",
            "og-inc-1",
            "https://app.opsgenie.com/incident/detail/og-inc-1",
        ),
        (
            "incident-io",
            "01IO0000000000000000000001",
            "https://app.incident.example/acme/incidents/41",
        ),
        (
            "dispatch",
            "acme-incident-11",
            "https://docs.example.test/d/review-11",
        ),
        (
            "jira",
            "OPS-201",
            "https://acme.atlassian.example/browse/OPS-201",
        ),
    ] {
        let (_, incidents) = import_tool(tool);
        assert_eq!(by_id(&incidents, id)["url"], url, "{tool}");
    }
}

#[test]
fn a_record_without_a_page_has_no_url() {
    let (_, incidents) = import_tool("pagerduty");
    assert_eq!(by_id(&incidents, "PD2DEF")["url"], Value::Null);
    let (_, incidents) = import_tool("jira");
    assert_eq!(
        by_id(&incidents, "OPS-101")["url"],
        Value::Null,
        "the CSV export has no issue address"
    );
}

#[test]
fn merged_and_declared_duplicates_become_duplicate_links() {
    let (_, incidents) = import_tool("pagerduty");
    assert_eq!(
        by_id(&incidents, "PD2DEF")["links"],
        json!(["duplicate:PD1ABC"]),
        "merged into PD1ABC"
    );
    assert_eq!(by_id(&incidents, "PD1ABC")["links"], json!([]));
    let (_, incidents) = import_tool("dispatch");
    assert_eq!(
        by_id(&incidents, "acme-incident-12")["links"],
        json!(["duplicate:acme-incident-11"])
    );
}
