//! `recur import` on one fixture of every input format, through the real binary.

use crate::common::*;
use serde_json::Value;

#[test]
fn imports_every_format_and_reconciles() {
    let dir = tempfile::tempdir().unwrap();
    let s = import(dir.path(), &[&fixture("formats")]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["read"], 9);
    assert_eq!(s["incidents"]["imported"], 9);
    assert_eq!(
        s["actions"]["imported"], 8,
        "3 from actions.csv, 1 jsonl, 1 json, 1 yaml, 2 markdown"
    );
    assert_eq!(
        s["catalog"]["imported"], 8,
        "4 backstage, 2 CODEOWNERS, 2 CSV"
    );
    assert_eq!(s["rejected"], 0);
}

#[test]
fn catalog_flags_before_the_paths_do_not_swallow_them() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("data/sample");
    let s = json(
        recur(dir.path())
            .arg("import")
            .arg("--catalog")
            .arg(sample.join("catalog/catalog-info.yaml"))
            .arg("--catalog")
            .arg(sample.join("catalog/CODEOWNERS"))
            .arg(sample.join("incidents.csv"))
            .args(["--format", "json"]),
    );
    assert_reconciles(&s);
    assert!(s["incidents"]["imported"].as_u64().unwrap() > 0, "{s}");
    assert!(s["catalog"]["imported"].as_u64().unwrap() > 0, "{s}");
}

#[test]
fn stats_counts_services_with_unified_spellings_and_aliases() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats")]);
    let stats = json(recur(dir.path()).args(["stats", "--format", "json"]));
    assert_eq!(stats["incidents"], 9);
    let services: Vec<(String, u64)> = stats["by_service"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["incidents"].as_u64().unwrap(),
            )
        })
        .collect();
    // "payments_api" (CSV) and "pay-api" (JSON, an alias in aliases.yaml) are one service;
    // "Checkout API" (CSV) and "checkout-api" (YAML) are another.
    assert!(
        services.contains(&("payments-api".into(), 2)),
        "{services:?}"
    );
    assert!(
        services.contains(&("checkout-api".into(), 2)),
        "{services:?}"
    );
    assert!(
        !services
            .iter()
            .any(|(s, _)| s.contains('_') || s.contains(' ')),
        "{services:?}"
    );
    let severities = stats["by_severity"].to_string();
    assert!(
        severities.contains("\"SEV1\""),
        "critical maps to SEV1: {severities}"
    );
}

#[test]
fn markdown_body_sections_fill_missing_fields() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("formats/postmortem.md")]);
    let rejected = json(recur(dir.path()).args(["rejected", "--warnings", "--format", "json"]));
    assert_eq!(
        rejected,
        serde_json::json!([]),
        "clean postmortem gives no notes"
    );
    let stats = json(recur(dir.path()).args(["stats", "--format", "json"]));
    assert_eq!(stats["incidents"], 1);
    assert_eq!(stats["actions"], 2, "table row and checklist item");
}

#[test]
fn timestamps_out_of_order_are_a_warning_not_a_rejection() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("order.jsonl");
    std::fs::write(
        &file,
        r#"{"id":"O-1","title":"t","started_at":"2024-01-01T10:00:00Z","detected_at":"2024-01-01T09:55:00Z","services":["a"]}"#,
    )
    .unwrap();
    let store = dir.path().join("store");
    let s = import(&store, &[&file]);
    assert_eq!(s["imported"], 1);
    assert_eq!(s["warnings"], 1);
    let notes = json(recur(&store).args(["rejected", "--warnings", "--format", "json"]));
    assert_eq!(notes[0]["level"], "warning");
    assert_eq!(notes[0]["field"], "detected_at");
    assert!(
        notes[0]["reason"]
            .as_str()
            .unwrap()
            .contains("is before started_at")
    );
}

#[test]
fn a_field_mapping_reads_a_foreign_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = recur(dir.path());
    cmd.arg("import")
        .arg(fixture("foreign/vendor-export.csv"))
        .arg("--mapping")
        .arg(fixture("foreign/mapping.yaml"))
        .args(["--format", "json"]);
    let s = json(&mut cmd);
    assert_eq!(s["incidents"]["imported"], 2, "{s}");
    let stats = json(recur(dir.path()).args(["stats", "--format", "json"]));
    let teams = stats["by_team"].to_string();
    assert!(teams.contains("\"sre\""), "fixed team value: {teams}");
    assert!(stats["by_service"].to_string().contains("identity-service"));
}

#[test]
fn the_shipped_status_page_mapping_reads_formats_zones_and_impact_levels() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut cmd = recur(&store);
    cmd.arg("import")
        .arg(fixture("mappings/status-page.csv"))
        .arg("--mapping")
        .arg(root().join("data/mappings/status-page-csv.yaml"))
        .args(["--format", "json"]);
    let s = json(&mut cmd);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 3, "{s}");
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "sp-104 starts `last Tuesday`: {s}"
    );
    let all = exported_incidents(&store, dir.path());
    let get = |id: &str| all.iter().find(|i| i["id"] == id).unwrap().clone();
    let i = get("sp-101");
    assert_eq!(i["title"], "Elevated API error rates");
    assert_eq!(i["severity"], "SEV2", "impact major");
    assert_eq!(i["services"], serde_json::json!(["api", "webhooks"]));
    assert_eq!(i["started_at"], "2024-03-04T10:15:00Z", "display form read");
    assert_eq!(i["mitigated_at"], "2024-03-04T10:52:00Z");
    assert_eq!(i["resolved_at"], "2024-03-04T11:30:00Z");
    assert_eq!(
        i["detected_at"],
        Value::Null,
        "a status page does not measure it"
    );
    assert_eq!(i["acknowledged_at"], Value::Null);
    assert!(
        i["root_cause"]
            .as_str()
            .unwrap()
            .contains("configuration push")
    );
    let j = get("sp-102");
    assert_eq!(
        j["severity"], "SEV4",
        "impact Minor, matched case-insensitively"
    );
    assert_eq!(
        j["started_at"], "2024-07-09T22:40:00Z",
        "recur's own form still read"
    );
    assert_eq!(get("sp-103")["severity"], "SEV5", "maintenance");
    let rejected = json(recur(&store).args(["rejected", "--format", "json"]));
    let text = rejected.to_string();
    assert!(
        text.contains("sp-104") && text.contains("last Tuesday"),
        "{text}"
    );
}

#[test]
fn a_mapping_zone_reads_local_times_through_daylight_saving_time() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("local.csv");
    std::fs::write(
        &csv,
        "ref,what,when,svc\nA-1,Winter outage,15.01.2024 10:00,db\nA-2,Summer outage,15.07.2024 10:00,db\n",
    )
    .unwrap();
    let mapping = dir.path().join("m.yaml");
    std::fs::write(
        &mapping,
        "fields:\n  id: ref\n  title: what\n  services: svc\n  started_at: { from: when, format: \"%d.%m.%Y %H:%M\", zone: Europe/Berlin }\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    let mut cmd = recur(&store);
    cmd.arg("import").arg(&csv).arg("--mapping").arg(&mapping);
    cmd.args(["--format", "json"]);
    assert_eq!(json(&mut cmd)["incidents"]["imported"], 2);
    let all = exported_incidents(&store, dir.path());
    let started = |id: &str| all.iter().find(|i| i["id"] == id).unwrap()["started_at"].clone();
    assert_eq!(started("A-1"), "2024-01-15T09:00:00Z", "CET is UTC+1");
    assert_eq!(started("A-2"), "2024-07-15T08:00:00Z", "CEST is UTC+2");
}

#[test]
fn a_mapping_with_an_unknown_zone_is_an_error_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("m.yaml");
    std::fs::write(
        &mapping,
        "fields:\n  started_at: { from: d, zone: Moon/Base }\n",
    )
    .unwrap();
    recur(&dir.path().join("s"))
        .arg("import")
        .arg(fixture("formats/incidents.json"))
        .arg("--mapping")
        .arg(&mapping)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "`started_at`: unknown time zone \"Moon/Base\"",
        ));
}

#[test]
fn a_mapping_naming_an_unknown_recur_field_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("m.yaml");
    std::fs::write(&mapping, "fields:\n  servces: product\n").unwrap();
    recur(&dir.path().join("s"))
        .arg("import")
        .arg(fixture("formats/incidents.json"))
        .arg("--mapping")
        .arg(&mapping)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "invalid mapping: `servces` is not a recur field",
        ));
}
