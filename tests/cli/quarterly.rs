//! The quarterly report: a quarter in the context of the eight before it, compared with the
//! previous quarter and a year earlier, with what changed and what to chase.

use crate::common::*;
use serde_json::Value;

fn quarterly(dir: &std::path::Path, quarter: &str) -> (Value, std::path::PathBuf) {
    let out = dir.join(format!("rep-{quarter}"));
    recur(dir)
        .args(["report", "--quarter", quarter, "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("report.json")).unwrap();
    (serde_json::from_str(&text).unwrap(), out)
}

#[test]
fn a_quarterly_report_has_eight_quarters_of_context_and_its_own_quarter_agrees() {
    let dir = sample_store();
    let (r, out) = quarterly(dir.path(), "2025Q4");
    let trend = r["trend"].as_array().unwrap();
    let quarters: Vec<&str> = trend
        .iter()
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(
        quarters,
        [
            "2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3", "2025Q4"
        ]
    );
    let reported: Vec<&str> = trend
        .iter()
        .filter(|q| q["reported"] == true)
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(reported, ["2025Q4"]);
    // The reported quarter's trend point is the DAFF table's row and the summary's figures.
    let last = &trend[7];
    let daff = &r["daff"][0];
    assert_eq!(last["incidents"], daff["incidents"]);
    assert_eq!(last["incidents"], r["summary"]["incidents"]);
    assert_eq!(last["finalisation_rate"], daff["finalisation_rate"]);
    assert_eq!(last["finalisation_rate"], r["summary"]["finalisation_rate"]);
    // The same figures from the terminal, for the quarter a year earlier.
    let year = json(recur(dir.path()).args([
        "stats",
        "--by",
        "quarter",
        "--quarter",
        "2024Q4",
        "--format",
        "json",
    ]));
    assert_eq!(
        year["groups"][0]["incidents"],
        r["summary"]["incidents_year_earlier"]
    );
    assert_eq!(
        trend[3]["incidents"],
        r["summary"]["incidents_year_earlier"]
    );
    // The trend chart draws all eight quarters.
    let svg = std::fs::read_to_string(out.join("charts/incidents-by-quarter.svg")).unwrap();
    for q in quarters {
        assert!(svg.contains(q), "{q} missing from the trend chart");
    }
}

#[test]
fn a_quarterly_report_says_what_changed_and_what_to_chase() {
    let dir = sample_store();
    let (r, out) = quarterly(dir.path(), "2025Q4");
    let changes = &r["changes"];
    let moved = |k: &str| changes[k].as_array().unwrap().len();
    let hot = r["hotspots"].as_array().unwrap();
    // Every listed hotspot is marked, and the marks agree with the change lists.
    let marked = |m: &str| hot.iter().filter(|h| h["movement"] == m).count();
    assert_eq!(marked("new"), moved("new_hotspots"));
    assert_eq!(marked("growing"), moved("growing"));
    assert_eq!(marked("shrinking"), moved("shrinking"));
    assert!(hot.iter().all(|h| h["movement"].is_string()));
    // Each ownership gap with a proposal says it is one, with its evidence.
    let owners = r["ownership"].as_array().unwrap();
    assert!(owners.iter().any(|o| o["proposed_owner"].is_string()));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    for o in owners.iter().filter(|o| o["proposed_owner"].is_string()) {
        let evidence = o["proposal_evidence"].as_str().unwrap();
        assert!(html.contains(&format!("(proposal: {evidence})")), "{o}");
    }
    // What to chase: overdue follow-ups by owner, incidents without follow-ups.
    assert!(html.contains("id=\"chase\""));
    let overdue: usize = r["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let shown = g["items"]["shown"].as_array().unwrap().len();
            assert!(shown <= 10 && shown > 0, "{g}");
            g["items"]["total"].as_u64().unwrap() as usize
        })
        .sum();
    let gaps = json(recur(dir.path()).args(["gaps", "--quarter", "2025Q4", "--format", "json"]));
    assert_eq!(overdue, gaps["overdue_followups"].as_array().unwrap().len());
    assert_eq!(
        r["without_followups"]["total"].as_u64().unwrap() as usize,
        gaps["incidents_without_followups"]
            .as_array()
            .unwrap()
            .len()
    );
    // Titles carry the dates; ids never break across lines.
    assert!(
        r["period"]
            .as_str()
            .unwrap()
            .contains("2025-10-01 to 2025-12-31")
    );
    assert!(html.contains("<span class=\"id\">"));
}

#[test]
fn the_committed_quarterly_example_is_the_report_of_the_sample() {
    let dir = sample_store();
    let (_, out) = quarterly(dir.path(), "2025Q4");
    let committed = root().join("reports/example-2025Q4");
    for f in [
        "report.md",
        "report.json",
        "report.html",
        "tables/timings.csv",
    ] {
        let now = std::fs::read_to_string(out.join(f)).unwrap();
        let then = std::fs::read_to_string(committed.join(f)).unwrap();
        assert!(now == then, "{f} differs from reports/example-2025Q4/{f}");
    }
}
