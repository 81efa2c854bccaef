//! Hotspots, ownership gaps, finalisation gaps and DAFF timings on the sample data, through the
//! real binary.

use crate::common::*;
use predicates::str::contains;
use serde_json::Value;

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn the_planted_connection_leak_is_a_top_hotspot_through_an_unowned_database() {
    let dir = sample_store();
    let hot = json(recur(dir.path()).args(["hotspots", "--format", "json"]));
    let rows = hot.as_array().unwrap();
    let pool = rows
        .iter()
        .position(|h| h["cluster_id"] == "connection-pool")
        .expect("pool is a hotspot");
    assert!(pool < 3, "connection-pool ranked {}", pool + 1);
    let h = &rows[pool];
    assert!(h["services"].as_array().unwrap().len() >= 7);
    assert_eq!(h["components"][0]["component"], "postgres-monolith");
    assert_eq!(h["components"][0]["ownership"], "none");
    assert_eq!(
        ids(&h["incident_ids"]).len() as u64,
        h["score_parts"]["incidents"].as_u64().unwrap()
    );
    // Ranked by score, every row systemic.
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(
        rows.iter()
            .all(|r| r["services"].as_array().unwrap().len() >= 3)
    );
}

#[test]
fn min_services_and_period_narrow_the_hotspots() {
    let dir = sample_store();
    let strict =
        json(recur(dir.path()).args(["hotspots", "--min-services", "8", "--format", "json"]));
    assert!(
        strict
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["services"].as_array().unwrap().len() >= 8)
    );
    let q = json(recur(dir.path()).args(["hotspots", "--quarter", "2025Q3", "--format", "json"]));
    for row in q.as_array().unwrap() {
        for t in [&row["first_seen"], &row["last_seen"]] {
            let t = t.as_str().unwrap();
            assert!(("2025-07-01".."2025-10-01").contains(&t), "{t}");
        }
    }
}

#[test]
fn owners_reports_the_planted_ownership_gaps() {
    let dir = sample_store();
    let all = json(recur(dir.path()).args(["owners", "--format", "json"]));
    let owners = &all["shared"];
    let status = |c: &str| {
        owners
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["component"] == c)
            .map(|r| r["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status("postgres-monolith").as_deref(), Some("none"));
    assert_eq!(status("edge-gateway").as_deref(), Some("nominal"));
    assert_eq!(status("config-service").as_deref(), Some("conflicting"));
    assert_eq!(status("logging-agent").as_deref(), Some("owned"));
    // Gaps first.
    let statuses: Vec<&str> = owners
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    let first_owned = statuses.iter().position(|s| *s == "owned").unwrap();
    assert!(
        statuses[first_owned..].iter().all(|s| *s == "owned"),
        "{statuses:?}"
    );
    let pg = owners
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["component"] == "postgres-monolith")
        .unwrap();
    assert!(ids(&pg["incident_ids"]).len() >= 30);
}

#[test]
fn the_leak_is_a_finalisation_gap_and_the_finalised_class_is_not() {
    let dir = sample_store();
    let gaps = json(recur(dir.path()).args(["gaps", "--now", "2026-01-01", "--format", "json"]));
    let classes = gaps["classes"].as_array().unwrap();
    let gap_ids: Vec<&str> = classes
        .iter()
        .filter(|c| c["fix"].is_null())
        .map(|g| g["cluster_id"].as_str().unwrap())
        .collect();
    assert!(gap_ids.contains(&"connection-pool"), "{gap_ids:?}");
    assert!(!gap_ids.contains(&"disk-full"), "{gap_ids:?}");
    let pool = classes
        .iter()
        .find(|g| g["cluster_id"] == "connection-pool")
        .unwrap();
    assert!(
        pool["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("no completed systemic follow-up")
    );
    assert!(pool["followups"]["total"].as_u64().unwrap() > 0);
    assert_eq!(
        pool["followups"]["systemic"], 0,
        "every follow-up was local"
    );
    let finalised: Vec<&str> = classes
        .iter()
        .filter(|c| !c["fix"].is_null())
        .map(|c| c["cluster_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        finalised.len() as u64,
        gaps["finalised_classes"].as_u64().unwrap()
    );
    assert!(finalised.contains(&"disk-full"), "{finalised:?}");
    // Finalising pays: fewer incidents per quarter after the disk-full fix of 2024-03-15.
    let disk = gaps["before_after"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["cluster_id"] == "disk-full")
        .unwrap();
    assert!(disk["fixed_at"].as_str().unwrap().starts_with("2024-03-15"));
    assert!(
        disk["incidents_per_quarter_after"].as_f64().unwrap()
            < disk["incidents_per_quarter_before"].as_f64().unwrap() / 3.0
    );
    let rate = gaps["finalisation_rate"].as_f64().unwrap();
    let expected = finalised.len() as f64 / gaps["recurring_classes"].as_f64().unwrap();
    assert!((rate - expected).abs() < 1e-9);
    assert_eq!(
        gaps["incidents_without_followups"]
            .as_array()
            .unwrap()
            .len(),
        10,
        "the sample plants 10"
    );
    assert!(!gaps["overdue_followups"].as_array().unwrap().is_empty());
}

#[test]
fn stats_by_quarter_accounts_for_every_incident() {
    let dir = sample_store();
    let stats = json(recur(dir.path()).args([
        "stats",
        "--by",
        "quarter",
        "--now",
        "2026-01-01",
        "--format",
        "json",
    ]));
    let groups = stats["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 12);
    let total: usize = groups.iter().map(|g| ids(&g["incident_ids"]).len()).sum();
    assert_eq!(total, 308);
    for g in groups {
        let t = &g["timings"];
        let (median, p90) = (
            t["mitigate_median_minutes"].as_f64().unwrap(),
            t["mitigate_p90_minutes"].as_f64().unwrap(),
        );
        assert!(median <= p90, "{g}");
        let r = g["repeat_rate"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&r));
    }
    assert!(groups[0]["change"].is_null() && !groups[1]["change"].is_null());
}

#[test]
fn stats_by_cluster_and_explain() {
    let dir = sample_store();
    recur(dir.path())
        .args(["stats", "--by", "cluster", "--explain"])
        .assert()
        .success()
        .stdout(contains("connection-pool"))
        .stdout(contains("p90 (90th percentile, linear interpolation)"));
    recur(dir.path())
        .args(["hotspots", "--explain"])
        .assert()
        .success()
        .stdout(contains("score = 3*services"));
    recur(dir.path())
        .args(["gaps", "--explain", "--now", "2026-01-01"])
        .assert()
        .success()
        .stdout(contains("finalisation rate:"));
}

#[test]
fn every_analysis_prints_csv() {
    let dir = sample_store();
    for args in [
        vec!["hotspots"],
        vec!["owners"],
        vec!["gaps", "--now", "2026-01-01"],
        vec!["stats", "--by", "team"],
    ] {
        let out = recur(dir.path())
            .args(&args)
            .args(["--format", "csv"])
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert!(r.records().count() > 0, "{args:?}");
    }
}

#[test]
fn a_bad_period_is_a_usage_error() {
    let dir = sample_store();
    recur(dir.path())
        .args(["hotspots", "--quarter", "2024Q5"])
        .assert()
        .code(2)
        .stderr(contains("is not a quarter"));
    recur(dir.path())
        .args(["gaps", "--since", "2025-01-01", "--until", "2024-01-01"])
        .assert()
        .code(2);
}

#[test]
fn why_lists_the_latest_past_incidents_and_all_of_them_on_request() {
    let dir = sample_store();
    let store = dir.path();
    let why = json(recur(store).args(["why", "INC-1062", "--format", "json"]));
    let cluster = why["cluster"]["id"].as_str().unwrap();
    let clusters = json(recur(store).args(["clusters", "--format", "json"]));
    let members: Vec<String> = clusters
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == cluster)
        .unwrap()["incident_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .filter(|id| id != "INC-1062")
        .collect();
    assert!(members.len() > 10, "{} past incidents", members.len());
    let text = |args: &[&str]| {
        let out = recur(store).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let shown = |out: &str| {
        members
            .iter()
            .filter(|id| out.contains(&format!("│ {id} ")))
            .count()
    };
    let some = text(&["why", "INC-1062"]);
    assert_eq!(shown(&some), 10, "{some}");
    assert!(
        some.contains(&format!("{} more past incidents", members.len() - 10)),
        "{some}"
    );
    let every = text(&["why", "inc-1062", "--all"]);
    assert_eq!(shown(&every), members.len(), "{every}");
    assert!(!every.contains("more past incidents"));
}
