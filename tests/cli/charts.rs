//! Charts through the real binary: SVG is valid XML with the chart's title, PNG has the requested
//! size and is not blank, and the same store gives the same files.

use crate::common::*;

const CHARTS: &[(&str, &str)] = &[
    (
        "incidents-by-quarter",
        "Incidents per quarter by cause class",
    ),
    (
        "repeat-and-finalisation",
        "Repeat rate and finalisation rate per quarter",
    ),
    (
        "hotspots",
        "Systemic hotspots: services hit per cause class",
    ),
    ("class-by-service", "Incidents by cause class and service"),
    (
        "daff-timings",
        "Time to mitigate and resolve per quarter (median and p90)",
    ),
    (
        "ownership-gaps",
        "Ownership gaps: shared components not owned by one team",
    ),
];

#[test]
fn every_chart_is_valid_svg_with_its_title_and_a_legend_or_labels() {
    let dir = sample_store();
    for (name, title) in CHARTS {
        let path = dir.path().join(format!("{name}.svg"));
        recur(dir.path())
            .args(["chart", name, "--now", "2026-01-01", "--out"])
            .arg(&path)
            .assert()
            .success();
        let svg = std::fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        assert!(
            texts.iter().any(|t| t == title),
            "{name}: no title {title:?} in {texts:?}"
        );
        assert!(
            texts.len() > 8,
            "{name}: axis labels missing ({} texts)",
            texts.len()
        );
    }
}

#[test]
fn png_charts_have_the_requested_size_and_are_not_blank() {
    let dir = sample_store();
    let path = dir.path().join("q.png");
    recur(dir.path())
        .args([
            "chart",
            "incidents-by-quarter",
            "--width",
            "800",
            "--height",
            "500",
            "--out",
        ])
        .arg(&path)
        .assert()
        .success();
    let img = image::open(&path).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (800, 500));
    let white = img.pixels().filter(|p| p.0 == [255, 255, 255]).count();
    let total = (800 * 500) as usize;
    assert!(
        white < total * 95 / 100,
        "mostly blank: {white} of {total} pixels white"
    );
    let colours: std::collections::HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 6, "bars in several colours, text, axes");
}

#[test]
fn the_same_store_draws_identical_files() {
    let dir = sample_store();
    let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
    for p in [&a, &b] {
        recur(dir.path())
            .args(["chart", "hotspots", "--out"])
            .arg(p)
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn unknown_charts_and_formats_are_errors() {
    let dir = sample_store();
    recur(dir.path())
        .args(["chart", "pie"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no chart named \"pie\""));
    recur(dir.path())
        .args(["chart", "hotspots", "--out"])
        .arg(dir.path().join("x.gif"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("must end in .svg or .png"));
    recur(dir.path())
        .args(["chart", "--list"])
        .assert()
        .success()
        .stdout(predicates::str::contains("class-by-service"));
}
