//! `recur report` through the real binary: every file, escaping of hostile text, and
//! byte-identical output for the same store.

use crate::common::*;
use serde_json::Value;

fn files_under(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["", "charts", "tables"] {
        let d = dir.join(sub);
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                out.push((
                    format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// A store of the sample and its report (in `rep/` of the store's directory).
fn sample_report() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = sample_store();
    let out = dir.path().join("rep");
    recur(dir.path())
        .arg("report")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    (dir, out)
}

#[test]
fn the_report_has_every_file_and_its_figures_match_the_analyses() {
    let (dir, out) = sample_report();
    for f in [
        "report.html",
        "report.md",
        "report.json",
        "charts/hotspots.svg",
        "charts/hotspots.png",
        "tables/incidents.csv",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["incidents"], 308);
    let hot = json(recur(dir.path()).args(["hotspots", "--format", "json"]));
    assert_eq!(report["hotspots"][0]["cluster_id"], hot[0]["cluster_id"]);
    assert_eq!(
        report["hotspots"][0]["incident_ids"],
        hot[0]["incident_ids"]
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<svg"), "charts are inlined");
    assert!(
        !html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"),
        "self-contained"
    );
    assert!(html.contains("postgres-monolith"));
}

/// The committed example is the sample's report as recur writes it today: a change to any
/// analysis, cluster or figure shows up here (speed work must not change the output). After an
/// intended change, regenerate it: `recur import data/sample && recur report --out reports/example`.
#[test]
fn the_committed_example_is_the_report_of_the_sample() {
    let (_store, out) = sample_report();
    let text = |name: &str| {
        name.ends_with(".json")
            || name.ends_with(".md")
            || name.ends_with(".html")
            || name.ends_with(".csv")
            || name.ends_with(".svg")
    };
    let fresh = files_under(&out);
    let committed = files_under(&root().join("reports/example"));
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&fresh), names(&committed));
    let mut compared = 0;
    for ((name, now), (_, then)) in fresh.iter().zip(&committed) {
        if text(name) {
            assert!(
                now == then,
                "{name} differs from reports/example/{}",
                name.trim_start_matches('/')
            );
            compared += 1;
        }
    }
    assert_eq!(
        compared,
        3 + 6 + 7,
        "reports, SVG charts and CSV tables compared"
    );
}

#[test]
fn two_runs_give_byte_identical_files() {
    let dir = sample_store();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for d in [&a, &b] {
        recur(dir.path())
            .arg("report")
            .arg("--out")
            .arg(d)
            .assert()
            .success();
    }
    let (fa, fb) = (files_under(&a), files_under(&b));
    assert_eq!(
        fa.len(),
        29,
        "3 reports, 12 charts, 7 tables as CSV and as Parquet"
    );
    for ((na, ca), (nb, cb)) in fa.iter().zip(&fb) {
        assert_eq!(na, nb);
        assert!(ca == cb, "{na} differs between two runs");
    }
}

#[test]
fn hostile_incident_text_is_escaped_in_html_markdown_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.jsonl");
    let mut lines = String::new();
    for (i, svc) in ["a-svc", "b-svc", "c-svc"].iter().enumerate() {
        lines.push_str(&format!(
            "{{\"id\":\"E-{i}\",\"title\":\"<script>alert(1)</script>\",\"started_at\":\"2024-01-0{}\",\"services\":[\"{svc}\"],\"root_cause\":\"=HYPERLINK(1) connection pool exhausted\"}}\n",
            i + 1
        ));
    }
    std::fs::write(&file, lines).unwrap();
    let store = dir.path().join("s");
    import(&store, &[&file]);
    let out = dir.path().join("rep");
    recur(&store)
        .arg("report")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;"),
        "the title shows as text"
    );
    assert!(!html.contains("<script>"), "nothing runs");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("&lt;script&gt;") && !md.contains("<script>"));
    let csv = std::fs::read_to_string(out.join("tables/incidents.csv")).unwrap();
    assert!(
        csv.contains("'=HYPERLINK(1)") && !csv.contains(",=HYPERLINK"),
        "{csv}"
    );
}

#[test]
fn parquet_and_csv_tables_read_back_and_match_the_json_figures() {
    use polars::prelude::*;
    let dir = sample_store();
    for format in ["csv", "parquet", "json"] {
        recur(dir.path())
            .args(["export", "--tables", format, "--out"])
            .arg(dir.path().join(format))
            .assert()
            .success();
    }
    let hot = json(recur(dir.path()).args(["hotspots", "--top", "100", "--format", "json"]));
    let parquet = ParquetReader::new(
        std::fs::File::open(dir.path().join("parquet/hotspots.parquet")).unwrap(),
    )
    .finish()
    .unwrap();
    let csv = CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(dir.path().join("csv/hotspots.csv")))
        .unwrap()
        .finish()
        .unwrap();
    let json_rows: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.path().join("json/hotspots.json")).unwrap())
            .unwrap();
    assert_eq!(parquet.height(), json_rows.len());
    assert_eq!(csv.height(), json_rows.len());
    let ids = parquet.column("cluster_id").unwrap().str().unwrap().clone();
    let incidents = parquet.column("incidents").unwrap().i64().unwrap().clone();
    let csv_incidents = csv.column("incidents").unwrap().i64().unwrap().clone();
    for h in hot.as_array().unwrap() {
        let row = ids
            .iter()
            .position(|id| id == h["cluster_id"].as_str())
            .expect("every hotspot exported");
        let n = h["incident_ids"].as_array().unwrap().len() as i64;
        assert_eq!(incidents.get(row), Some(n), "{}", h["cluster_id"]);
        assert_eq!(csv_incidents.get(row), Some(n));
        assert_eq!(json_rows[row]["incidents"].as_i64(), Some(n));
    }
    let followups = ParquetReader::new(
        std::fs::File::open(dir.path().join("parquet/followups.parquet")).unwrap(),
    )
    .finish()
    .unwrap();
    assert_eq!(
        followups.height(),
        512,
        "every follow-up of the sample, with its verdict"
    );
    let scopes = followups.column("scope").unwrap().str().unwrap().clone();
    assert!(
        scopes
            .iter()
            .all(|s| matches!(s, Some("local" | "systemic")))
    );
}

/// `recur stats --by quarter` and the report's DAFF table are the same analysis: same quarters,
/// repeat rates and finalisation rates (which read the follow-ups).
#[test]
fn stats_by_quarter_agrees_with_the_reports_daff_table() {
    let (store, out) = sample_report();
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let stats = json(recur(store.path()).args(["stats", "--by", "quarter", "--format", "json"]));
    let daff = report["daff"].as_array().unwrap();
    let groups = stats["groups"].as_array().unwrap();
    assert_eq!(daff.len(), groups.len());
    let round = |v: &Value| v.as_f64().map(|x| (x * 1e4).round() / 1e4);
    for (d, g) in daff.iter().zip(groups) {
        assert_eq!(d["quarter"], g["group"]);
        assert_eq!(round(&d["repeat_rate"]), round(&g["repeat_rate"]));
        assert_eq!(
            round(&d["finalisation_rate"]),
            round(&g["finalisation_rate"]),
            "{}",
            d["quarter"]
        );
    }
    assert!(
        daff.iter()
            .any(|d| d["finalisation_rate"].as_f64().is_some_and(|r| r > 0.0)),
        "some quarter of the sample has a finalised class"
    );
}
