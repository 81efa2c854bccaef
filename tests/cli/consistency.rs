//! One set of findings behind every output: each figure that appears in more than one output
//! (terminal, `--format json` and `csv`, the exported tables, the report) is read from each and
//! compared. A figure computed twice would sooner or later disagree; these tests say where.

use crate::common::*;
use polars::prelude::*;
use serde_json::Value;
use std::path::Path;

fn report_json(store: &Path, out: &Path, extra: &[&str]) -> Value {
    recur(store)
        .arg("report")
        .args(extra)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap()
}

fn csv_frame(path: &Path) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .unwrap()
        .finish()
        .unwrap()
}

fn parquet_frame(path: &Path) -> DataFrame {
    ParquetReader::new(std::fs::File::open(path).unwrap())
        .finish()
        .unwrap()
}

fn stdout(store: &Path, args: &[&str]) -> String {
    let out = recur(store).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The number in `text` right before `marker` ("7 of 12 recurring classes" → 12 for
/// "recurring classes").
fn number_before(text: &str, marker: &str) -> u64 {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} not in {text}"));
    text[..at]
        .split_whitespace()
        .last()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no number before {marker:?} in {text}"))
}

#[test]
fn every_output_states_the_same_figures_for_the_same_period() {
    let dir = sample_store();
    let store = dir.path();
    for period in [vec![], vec!["--quarter", "2025Q2"]] {
        let out = store.join(format!("report{}", period.len()));
        let report = report_json(store, &out, &period);
        let with = |args: &[&str]| -> Vec<String> {
            args.iter().chain(&period).map(|s| s.to_string()).collect()
        };
        let run_json = |args: &[&str]| {
            let mut all = with(args);
            all.extend(["--format".into(), "json".into()]);
            json(recur(store).args(&all))
        };
        // Finalisation: `gaps` (no --now: the end of the period, not the wall clock) and the report.
        let gaps = run_json(&["gaps"]);
        let s = &report["summary"];
        assert_eq!(
            gaps["finalisation_rate"], s["finalisation_rate"],
            "{period:?}"
        );
        assert_eq!(
            gaps["recurring_classes"], s["recurring_classes"],
            "{period:?}"
        );
        let gap_ids = |v: &Value, key: &str| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|g| g[key].as_str().unwrap().to_string())
                .collect()
        };
        let open: Vec<String> = gaps["classes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["fix"].is_null())
            .map(|c| c["cluster_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(open, gap_ids(&report["gaps"], "cluster_id"), "{period:?}");
        assert_eq!(
            gaps["before_after"].as_array().unwrap().len(),
            report["before_after"].as_array().unwrap().len()
        );
        for (g, r) in gaps["before_after"]
            .as_array()
            .unwrap()
            .iter()
            .zip(report["before_after"].as_array().unwrap())
        {
            assert_eq!(g["incidents_per_quarter_before"], r["per_quarter_before"]);
            assert_eq!(g["incidents_per_quarter_after"], r["per_quarter_after"]);
        }
        // Recurring classes: the hotspots footer, `gaps` and the report.
        let text = stdout(
            store,
            &with(&["hotspots"])
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        assert_eq!(
            number_before(&text, "recurring classes"),
            s["recurring_classes"].as_u64().unwrap()
        );
        // Hotspots: the terminal's JSON, the report and the exported table.
        let hot = run_json(&["hotspots", "--top", "10"]);
        let hot = hot.as_array().unwrap();
        let rep = report["hotspots"].as_array().unwrap();
        assert_eq!(hot.len(), rep.len(), "{period:?}");
        assert!(
            s["systemic_classes"].as_u64().unwrap() as usize >= hot.len(),
            "{period:?}: more hotspots than systemic classes"
        );
        let table = csv_frame(&out.join("tables/hotspots.csv"));
        let ids = table.column("cluster_id").unwrap().str().unwrap().clone();
        let scores = table.column("score").unwrap().f64().unwrap().clone();
        for (h, r) in hot.iter().zip(rep) {
            assert_eq!(h["cluster_id"], r["cluster_id"]);
            assert_eq!(h["rank"], r["rank"]);
            assert_eq!(h["score"], r["score"]);
            assert_eq!(h["incident_ids"], r["incident_ids"]);
            assert_eq!(h["services"], r["services"]);
            let row = ids
                .iter()
                .position(|id| id == h["cluster_id"].as_str())
                .unwrap();
            assert_eq!(scores.get(row), h["score"].as_f64());
        }
        // Ownership: `owners`, the report, `why` and the exported table.
        let owners = run_json(&["owners"]);
        for r in report["ownership"].as_array().unwrap() {
            let o = owners["shared"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["component"] == r["component"])
                .unwrap();
            assert_eq!(o["incident_ids"], r["incident_ids"]);
            assert_eq!(
                o["services_hit"].as_array().unwrap().len() as u64,
                r["services_hit"].as_u64().unwrap()
            );
            assert!(
                r["incidents"].as_u64().unwrap() > 0,
                "no quiet component listed as a gap"
            );
        }
        // DAFF by quarter: `stats --by quarter` as CSV, the exported table and the report.
        let stats_csv = {
            let text = stdout(
                store,
                &with(&["stats", "--by", "quarter", "--format", "csv"])
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            );
            let path = out.join("stats.csv");
            std::fs::write(&path, text).unwrap();
            csv_frame(&path)
        };
        let timings = csv_frame(&out.join("tables/timings.csv"));
        for name in [
            "incidents",
            "repeat_rate",
            "finalisation_rate",
            "mitigate_median_minutes",
            "change",
        ] {
            let a = stats_csv
                .column(name)
                .unwrap()
                .cast(&DataType::Float64)
                .unwrap();
            let b = timings
                .column(name)
                .unwrap()
                .cast(&DataType::Float64)
                .unwrap();
            assert!(
                a.as_materialized_series()
                    .equals_missing(b.as_materialized_series()),
                "{name}: {a:?} vs {b:?}"
            );
        }
        let daff = report["daff"].as_array().unwrap();
        let rates = timings
            .column("repeat_rate")
            .unwrap()
            .f64()
            .unwrap()
            .clone();
        for (i, d) in daff.iter().enumerate() {
            assert_eq!(d["repeat_rate"].as_f64(), rates.get(i));
        }
    }
}

#[test]
fn a_component_has_one_incident_count_in_owners_why_and_the_report() {
    let dir = sample_store();
    let store = dir.path();
    let report = report_json(store, &store.join("r"), &[]);
    let owners = json(recur(store).args(["owners", "--format", "json"]));
    let pg = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|o| o["component"] == "postgres-monolith")
            .cloned()
            .unwrap()
    };
    let in_owners = pg(&owners["shared"])["incident_ids"]
        .as_array()
        .unwrap()
        .len() as u64;
    assert_eq!(
        pg(&report["ownership"])["incidents"].as_u64().unwrap(),
        in_owners
    );
    let hot = json(recur(store).args(["hotspots", "--format", "json"]));
    let pool = hot
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["cluster_id"] == "connection-pool")
        .unwrap();
    let id = pool["incident_ids"][0].as_str().unwrap();
    let why = json(recur(store).args(["why", id, "--format", "json"]));
    let comp = pg(&why["shared_components"]);
    assert_eq!(comp["all_incidents"].as_u64().unwrap(), in_owners);
    assert!(
        comp["incidents"].as_u64().unwrap() <= in_owners,
        "the class's share of them"
    );
}

#[test]
fn typed_parquet_tables_carry_timestamps_lists_and_durations_that_match_the_daff_table() {
    let dir = sample_store();
    let store = dir.path();
    let out = store.join("r");
    report_json(store, &out, &[]);
    let incidents = parquet_frame(&out.join("tables/incidents.parquet"));
    assert_eq!(incidents.height(), 308);
    for name in [
        "started_at",
        "detected_at",
        "acknowledged_at",
        "mitigated_at",
        "resolved_at",
    ] {
        assert!(
            matches!(
                incidents.column(name).unwrap().dtype(),
                DataType::Datetime(_, _)
            ),
            "{name} is a timestamp"
        );
    }
    assert!(matches!(
        incidents.column("services").unwrap().dtype(),
        DataType::List(inner) if **inner == DataType::String
    ));
    for name in [
        "minutes_to_detect",
        "minutes_to_acknowledge",
        "minutes_to_mitigate",
        "minutes_to_resolve",
    ] {
        assert_eq!(
            incidents.column(name).unwrap().dtype(),
            &DataType::Float64,
            "{name}"
        );
    }
    // The durations recompute the DAFF table: median minutes to mitigate per quarter.
    let medians = incidents
        .clone()
        .lazy()
        .group_by([col("quarter")])
        .agg([col("minutes_to_mitigate").median().alias("m")])
        .sort(["quarter"], SortMultipleOptions::default())
        .collect()
        .unwrap();
    let timings = parquet_frame(&out.join("tables/timings.parquet"));
    let expected = timings
        .column("mitigate_median_minutes")
        .unwrap()
        .f64()
        .unwrap()
        .clone();
    let got = medians.column("m").unwrap().f64().unwrap().clone();
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected.iter()) {
        assert_eq!(g, e);
    }
    // The timestamps are the incidents' own: CSV has the same instant as text.
    let csv = csv_frame(&out.join("tables/incidents.csv"));
    let first = csv
        .column("started_at")
        .unwrap()
        .str()
        .unwrap()
        .get(0)
        .unwrap()
        .to_string();
    let parsed = chrono::DateTime::parse_from_rfc3339(&first)
        .unwrap()
        .timestamp_millis();
    let ms = incidents
        .column("started_at")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap()
        .i64()
        .unwrap()
        .get(0);
    assert_eq!(ms, Some(parsed));
    // Rates are fractions and empty stays empty.
    let owners = csv_frame(&out.join("tables/ownership.csv"));
    let list = owners.column("owners").unwrap().str().unwrap().clone();
    assert!(
        list.iter().all(|o| o.is_none_or(|t| !t.starts_with('\''))),
        "no guard on an empty list"
    );
}
