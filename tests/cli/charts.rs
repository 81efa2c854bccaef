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
        "Time to detect, acknowledge, mitigate and resolve per quarter",
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
        if *name == "class-by-service" {
            // Service and class names are whole at the default size.
            let cut: Vec<&&str> = texts.iter().filter(|t| t.ends_with('…')).collect();
            assert!(cut.is_empty(), "{name}: shortened labels {cut:?}");
        }
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

/// The texts of an SVG chart: (text, x, y, font size, anchor, rotated).
type SvgText = (String, f64, f64, f64, String, bool);

fn svg_texts(svg: &str) -> Vec<SvgText> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let text = n.text()?.trim().to_string();
            let num = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
            (!text.is_empty()).then(|| {
                (
                    text,
                    num("x").unwrap_or(0.0),
                    num("y").unwrap_or(0.0),
                    num("font-size").unwrap_or(10.0),
                    n.attribute("text-anchor").unwrap_or("start").to_string(),
                    n.attribute("transform")
                        .is_some_and(|t| t.starts_with("rotate(90") || t.starts_with("rotate(270")),
                )
            })
        })
        .collect()
}

fn draw(store: &std::path::Path, name: &str, size: (u32, u32)) -> String {
    let path = store.join(format!("{name}-{}x{}.svg", size.0, size.1));
    recur(store)
        .args(["chart", name, "--width", &size.0.to_string(), "--height"])
        .arg(size.1.to_string())
        .arg("--out")
        .arg(&path)
        .assert()
        .success();
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn text_stays_inside_a_small_canvas_and_stays_readable() {
    let dir = sample_store();
    let (w, h) = (500.0, 300.0);
    for (name, _) in CHARTS {
        let svg = draw(dir.path(), name, (500, 300));
        for (text, x, y, size, anchor, rotated) in svg_texts(&svg) {
            // DejaVu Sans averages a little over half its size per character.
            let length = text.chars().count() as f64 * size * 0.55;
            // Along the text's direction (x, or y when it is turned a quarter) and across it.
            let (along, across, limit, cross_limit) =
                if rotated { (y, x, h, w) } else { (x, y, w, h) };
            let (start, end) = match anchor.as_str() {
                "middle" => (along - length / 2.0, along + length / 2.0),
                "end" => (along - length, along),
                _ => (along, along + length),
            };
            assert!(
                start >= -1.0
                    && end <= limit + 1.0
                    && across >= -size
                    && across + size <= cross_limit + 1.0,
                "{name}: {text:?} from {start:.0} to {end:.0} (across at {across:.0}) leaves the {w}x{h} canvas"
            );
            assert!(size >= 8.0, "{name}: {text:?} is set at {size:.1} px");
        }
    }
}

#[test]
fn count_axes_have_no_repeated_ticks_and_a_lone_quarter_is_drawn() {
    let dir = sample_store();
    // The hotspot bars count services: each tick label once.
    let svg = draw(dir.path(), "hotspots", (1000, 600));
    let ticks: Vec<String> = svg_texts(&svg)
        .into_iter()
        .map(|t| t.0)
        .filter(|t| t.parse::<u32>().is_ok())
        .collect();
    let unique: std::collections::BTreeSet<&String> = ticks.iter().collect();
    assert_eq!(ticks.len(), unique.len(), "{ticks:?}");
    assert!(ticks.len() >= 3, "{ticks:?}");

    // A store whose incidents are all in one quarter: each DAFF phase still shows its points.
    let one = tempfile::tempdir().unwrap();
    let csv = dir.path().join("one-quarter.csv");
    std::fs::write(
        &csv,
        "id,title,started_at,detected_at,acknowledged_at,mitigated_at,resolved_at,services,root_cause\n\
         A-1,Pool,2025-11-01T10:00:00Z,2025-11-01T10:05:00Z,2025-11-01T10:10:00Z,2025-11-01T11:00:00Z,2025-11-01T12:00:00Z,api,connection pool exhausted\n\
         A-2,Pool,2025-11-08T10:00:00Z,2025-11-08T10:07:00Z,2025-11-08T10:12:00Z,2025-11-08T11:30:00Z,2025-11-08T13:00:00Z,web,connection pool exhausted\n",
    )
    .unwrap();
    import(one.path(), &[&csv]);
    let daff = draw(one.path(), "daff-timings", (1000, 600));
    let dots = daff.matches("<circle").count();
    assert!(
        dots >= 8,
        "4 phases x (median, p90) as points: {dots} circles"
    );
}
