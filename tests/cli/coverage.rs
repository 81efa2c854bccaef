//! DAFF coverage (`tests/fixtures/daff/`): how many incidents have each phase, on how many each
//! median rests, never inferring one phase from another; `stats` and the report agree.

use crate::common::*;
use serde_json::Value;

fn phase<'v>(coverage: &'v Value, name: &str) -> &'v Value {
    coverage["phases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["phase"] == name)
        .unwrap_or_else(|| panic!("no phase {name}: {coverage}"))
}

#[test]
fn stats_counts_each_phase_and_what_each_median_rests_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    import(&store, &[&fixture("daff")]);
    let stats = json(recur(&store).args(["stats", "--format", "json"]));
    let c = &stats["daff_coverage"];
    assert_eq!(c["incidents"], 4);
    let detected = phase(c, "detected");
    assert_eq!(detected["with_timestamp"], 3);
    assert_eq!(detected["share"], 0.75);
    assert_eq!(
        detected["timed_incidents"], 2,
        "D-4 is detected before it started"
    );
    let acknowledged = phase(c, "acknowledged");
    assert_eq!(acknowledged["with_timestamp"], 2);
    assert_eq!(acknowledged["timed_incidents"], 1, "D-3 has no detection");
    let mitigated = phase(c, "mitigated");
    assert_eq!(
        mitigated["with_timestamp"], 1,
        "D-2 and D-3 are resolved but not mitigated: not inferred"
    );
    assert_eq!(phase(c, "resolved")["with_timestamp"], 3);
    let out = recur(&store).arg("stats").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("mitigated 1 of 4 (25%; mitigate median on 1)"),
        "{text}"
    );
}

#[test]
fn the_report_shows_the_same_coverage_as_stats() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    import(&store, &[&fixture("daff")]);
    let out = dir.path().join("rep");
    recur(&store)
        .args(["report", "--out"])
        .arg(&out)
        .assert()
        .success();
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let stats = json(recur(&store).args(["stats", "--format", "json"]));
    assert_eq!(report["daff_coverage"], stats["daff_coverage"]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("| mitigated | 1 | 25% | mitigate | 1 incidents |"),
        "{md}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<td>mitigated</td><td class=\"num\">1</td><td class=\"num\">25%</td>"),
        "{html}"
    );
}
