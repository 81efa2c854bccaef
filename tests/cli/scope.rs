//! A team's view: `--team`, `--service` and `--component` narrow every analysis to the incidents
//! in scope. The fixture `scope/` splits its incidents into the ones in scope of `--team
//! payments` (its own incidents, and one of team search on checkout-api, which payments owns in
//! the catalog) and the others, so a store of the in-scope files alone gives the figures a
//! filter must reproduce.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const TEAM: [&str; 2] = ["--team", "Payments"];

/// A store with every file of the fixture, and one with the in-scope files only.
fn stores() -> (tempfile::TempDir, tempfile::TempDir) {
    let (all, part) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    import(all.path(), &[&fixture("scope")]);
    import(
        part.path(),
        &[
            &fixture("scope/incidents-payments.csv"),
            &fixture("scope/actions-payments.csv"),
            &fixture("scope/catalog.csv"),
        ],
    );
    (all, part)
}

/// The ids of the in-scope incidents, as the fixture file lists them.
fn in_scope_ids() -> BTreeSet<String> {
    let text = std::fs::read_to_string(fixture("scope/incidents-payments.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

fn run(store: &Path, args: &[&str], filter: &[&str]) -> Value {
    json(
        recur(store)
            .args(args)
            .args(filter)
            .args(["--format", "json"]),
    )
}

fn ids(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list of ids: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// Drops the fields that depend on the clustering or on the filter itself.
fn without(mut v: Value, keys: &[&str]) -> Value {
    if let Some(o) = v.as_object_mut() {
        for k in keys {
            o.remove(*k);
        }
        for x in o.values_mut() {
            *x = without(x.take(), keys);
        }
    } else if let Some(a) = v.as_array_mut() {
        for x in a {
            *x = without(x.take(), keys);
        }
    }
    v
}

#[test]
fn figures_that_do_not_depend_on_the_clustering_equal_a_store_of_the_in_scope_incidents() {
    let (all, part) = stores();
    let (all, part) = (all.path(), part.path());
    // What the store holds: incidents, follow-ups, services, teams, counts per group.
    let holds = |v: Value| without(v, &["filter", "catalog_entities", "rejected", "warnings"]);
    let filtered = run(all, &["stats"], &TEAM);
    assert_eq!(filtered["incidents"], 5, "{filtered}");
    assert_eq!(holds(filtered), holds(run(part, &["stats"], &[])));
    // DAFF timings per quarter and per team.
    let clustered = ["repeat_rate", "finalisation_rate", "change"];
    for by in ["quarter", "team", "service"] {
        let args = ["stats", "--by", by];
        assert_eq!(
            without(run(all, &args, &TEAM), &clustered),
            without(run(part, &args, &[]), &clustered),
            "stats --by {by}"
        );
    }
    // Follow-up gaps: incidents without follow-ups, overdue follow-ups per owner.
    for period in [&[][..], &["--quarter", "2025Q4"][..]] {
        // One "now" for both stores (by default it is each store's latest incident).
        let args = [&["gaps", "--now", "2025-12-10T12:00:00Z"][..], period].concat();
        let (f, p) = (run(all, &args, &TEAM), run(part, &args, &[]));
        for key in ["incidents_without_followups", "overdue_followups"] {
            assert_eq!(f[key], p[key], "gaps {period:?}: {key}");
        }
        assert!(!f["overdue_followups"].as_array().unwrap().is_empty());
    }
}

#[test]
fn per_class_figures_under_a_filter_count_the_in_scope_members_of_the_same_classes() {
    let (all, _part) = stores();
    let all = all.path();
    let scope = in_scope_ids();
    let whole = run(all, &["clusters", "--min-size", "1"], &[]);
    let narrowed = run(all, &["clusters", "--min-size", "1"], &TEAM);
    for c in narrowed.as_array().unwrap() {
        let same = whole
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == c["id"])
            .unwrap_or_else(|| panic!("class {} is not a class of the whole store", c["id"]));
        let expected: BTreeSet<String> = ids(&same["incident_ids"])
            .intersection(&scope)
            .cloned()
            .collect();
        assert_eq!(ids(&c["incident_ids"]), expected, "{}", c["id"]);
        assert_eq!(c["incidents"], expected.len());
        assert_eq!(c["label"], same["label"]);
    }
    let listed: usize = narrowed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["incidents"].as_u64().unwrap() as usize)
        .sum();
    let unclassified = scope.len() - listed;
    assert!(listed >= 4, "{narrowed}");
    assert!(unclassified <= 1);
    // Hotspots: each class's incidents are its in-scope members.
    let hot = run(all, &["hotspots", "--min-services", "2"], &TEAM);
    let rows = hot.as_array().unwrap();
    assert!(!rows.is_empty(), "{hot}");
    for h in rows {
        let same = whole
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == h["cluster_id"])
            .unwrap();
        let expected: BTreeSet<String> = ids(&same["incident_ids"])
            .intersection(&scope)
            .cloned()
            .collect();
        assert_eq!(ids(&h["incident_ids"]), expected, "{h}");
    }
}

#[test]
fn filters_narrow_every_analysis() {
    let (all, _part) = stores();
    let all = all.path();
    let filters: [&[&str]; 5] = [
        &TEAM,
        &["--service", "search-api"],
        &["--service", "reports-api", "--service", "Ledger Worker"],
        &["--component", "Elasticsearch Cluster"],
        &["--team", "payments", "--component", "postgres-main"],
    ];
    let count = |v: &Value, key: &str| v[key].as_array().map_or(0, Vec::len);
    let whole_hot = run(all, &["hotspots", "--min-services", "2"], &[]);
    let whole_owners = run(all, &["owners"], &[]);
    let whole_gaps = run(all, &["gaps"], &[]);
    let whole_team = run(all, &["stats", "--by", "team"], &[]);
    let whole_stats = run(all, &["stats"], &[]);
    for filter in filters {
        let stats = run(all, &["stats"], filter);
        let n = stats["incidents"].as_u64().unwrap();
        assert!(
            n > 0 && n < whole_stats["incidents"].as_u64().unwrap(),
            "{filter:?}: {stats}"
        );
        for h in run(all, &["hotspots", "--min-services", "2"], filter)
            .as_array()
            .unwrap()
        {
            let w = whole_hot
                .as_array()
                .unwrap()
                .iter()
                .find(|w| w["cluster_id"] == h["cluster_id"])
                .unwrap();
            assert!(
                ids(&h["incident_ids"]).is_subset(&ids(&w["incident_ids"])),
                "{filter:?}"
            );
        }
        let owners = run(all, &["owners"], filter);
        for o in owners["shared"].as_array().unwrap() {
            let w = whole_owners["shared"]
                .as_array()
                .unwrap()
                .iter()
                .find(|w| w["component"] == o["component"])
                .unwrap();
            assert!(
                ids(&o["incident_ids"]).is_subset(&ids(&w["incident_ids"])),
                "{filter:?}: {o}"
            );
        }
        let gaps = run(all, &["gaps"], filter);
        for key in [
            "incidents_without_followups",
            "overdue_followups",
            "classes",
        ] {
            assert!(
                count(&gaps, key) <= count(&whole_gaps, key),
                "{filter:?}: {key}"
            );
        }
        let team = run(all, &["stats", "--by", "team"], filter);
        for g in team["groups"].as_array().unwrap() {
            let w = whole_team["groups"]
                .as_array()
                .unwrap()
                .iter()
                .find(|w| w["group"] == g["group"])
                .unwrap();
            assert!(ids(&g["incident_ids"]).is_subset(&ids(&w["incident_ids"])));
        }
        // The report and stats agree, and the report says which filter it applied.
        let out = tempfile::tempdir().unwrap();
        recur(all)
            .arg("report")
            .args(filter)
            .args(["--format", "json", "--out"])
            .arg(out.path())
            .assert()
            .success();
        let report: Value =
            serde_json::from_slice(&std::fs::read(out.path().join("report.json")).unwrap())
                .unwrap();
        assert_eq!(
            report["summary"]["incidents"], stats["incidents"],
            "{filter:?}"
        );
        assert_eq!(report["filter"], stats["filter"]);
        assert!(
            report["title"]
                .as_str()
                .unwrap()
                .contains(stats["filter"].as_str().unwrap()),
            "{}",
            report["title"]
        );
    }
}

#[test]
fn an_unknown_filter_name_is_a_usage_error_with_the_closest_names() {
    let (all, _part) = stores();
    let out = recur(all.path())
        .args(["hotspots", "--team", "paymnts"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("--team \"paymnts\"") && err.contains("did you mean payments"),
        "{err}"
    );
    let out = recur(all.path())
        .args(["report", "--service", "serch-api", "--out", "x"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("did you mean search-api"), "{err}");
}
