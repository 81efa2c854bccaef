//! The fields that point elsewhere (`tests/fixtures/links/`): `url` and `links`, read from every
//! format of recur's own, kept in the store and exported; bad values are warnings that name them.

use crate::common::*;
use serde_json::{Value, json};
use std::path::Path;

/// The fixture folder imported into a fresh store inside `dir`; the summary and the store.
fn imported(dir: &Path) -> (Value, std::path::PathBuf) {
    let store = dir.join("store");
    let summary = import(&store, &[&fixture("links")]);
    assert_reconciles(&summary);
    (summary, store)
}

/// The store's incidents as `recur export --tables json` writes them.
fn exported(store: &Path, out: &Path) -> Vec<Value> {
    recur(store)
        .args(["export", "--tables", "json", "--out"])
        .arg(out)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("incidents.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn by_id<'a>(incidents: &'a [Value], id: &str) -> &'a Value {
    incidents
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no incident {id}: {incidents:#?}"))
}

#[test]
fn url_and_links_are_read_from_csv_yaml_markdown_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let (s, store) = imported(dir.path());
    assert_eq!(s["incidents"]["imported"], 7, "{s}");
    assert_eq!(s["incidents"]["rejected"], 0, "{s}");
    let all = exported(&store, &dir.path().join("out"));
    let l1 = by_id(&all, "L-1");
    assert_eq!(l1["url"], "https://wiki.example.org/pm/L-1");
    assert_eq!(l1["links"], json!(["problem:PRB-9", "related:L-2"]));
    let l4 = by_id(&all, "L-4");
    assert_eq!(l4["url"], "http://status.example.org/incidents/4");
    assert_eq!(
        l4["links"],
        json!(["parent:L-1", "child:L-5", "causes:L-3"]),
        "kinds read without case"
    );
    assert_eq!(
        by_id(&all, "L-5")["links"],
        json!(["caused-by:L-4", "problem:PRB-9"]),
        "one ;-separated YAML string"
    );
    let l6 = by_id(&all, "L-6");
    assert_eq!(
        l6["url"],
        "https://docs.example.org/postmortems/queue-backlog"
    );
    assert_eq!(l6["links"], json!(["duplicate:L-5"]), "front matter");
    assert_eq!(
        by_id(&all, "L-7")["links"],
        json!(["related:L-6"]),
        "a repeated link is kept once"
    );
    assert_eq!(by_id(&all, "L-3")["url"], Value::Null);
    assert_eq!(by_id(&all, "L-3")["links"], json!([]));
}

#[test]
fn a_url_that_is_not_http_and_a_bad_link_are_warnings_and_the_incident_imports() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = imported(dir.path());
    let all = exported(&store, &dir.path().join("out"));
    let l2 = by_id(&all, "L-2");
    assert_eq!(l2["url"], Value::Null, "javascript: is not kept");
    assert_eq!(l2["links"], json!(["duplicate:L-1"]), "the good link stays");
    assert_eq!(by_id(&all, "L-5")["url"], Value::Null, "a relative path");
    let notes = json(recur(&store).args(["rejected", "--warnings", "--format", "json"]));
    let notes = notes.as_array().unwrap();
    let warned = |id: &str, field: &str, text: &str| {
        assert!(
            notes.iter().any(|n| n["level"] == "warning"
                && n["record_id"] == id
                && n["field"] == field
                && n["reason"].as_str().unwrap().contains(text)),
            "{id} {field} {text}: {notes:#?}"
        );
    };
    warned(
        "L-2",
        "url",
        "\"javascript:alert(1)\" is not an http:// or https:// URL",
    );
    warned("L-2", "links", "\"blocks:L-3\" has unknown kind \"blocks\"");
    warned("L-2", "links", "\"caused-by:\" has an empty id");
    warned("L-5", "url", "\"/relative/pm.html\"");
}

#[test]
fn why_in_json_gives_the_url_and_the_declared_links() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = imported(dir.path());
    let why = json(recur(&store).args(["why", "L-4", "--format", "json"]));
    let incident = &why["incident"];
    assert_eq!(incident["url"], "http://status.example.org/incidents/4");
    let kinds: Vec<&str> = incident["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["parent", "child", "causes"]);
    assert_eq!(incident["links"][0]["target"], "L-1");
}

#[test]
fn a_store_written_before_url_and_links_existed_still_reads() {
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = imported(dir.path());
    let current = std::fs::read_to_string(store.join("CURRENT")).unwrap();
    let path = store.join(current.trim()).join("incidents.parquet");
    let df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    let mut old = df.drop_many(["url", "links"]);
    assert!(old.column("url").is_err());
    ParquetWriter::new(std::fs::File::create(&path).unwrap())
        .finish(&mut old)
        .unwrap();
    let all = exported(&store, &dir.path().join("out"));
    assert_eq!(all.len(), 7);
    assert!(
        all.iter()
            .all(|i| i["url"].is_null() && i["links"] == json!([]))
    );
}

#[test]
fn declared_links_are_graph_edges_and_unknown_ids_are_record_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = imported(dir.path());
    let edges_of = |format: &str| {
        let out = dir.path().join(format!("g.{format}"));
        recur(&store)
            .args(["export", "--graph", format, "--out"])
            .arg(&out)
            .assert()
            .success();
        std::fs::read_to_string(out).unwrap()
    };
    let graph: Value = serde_json::from_str(&edges_of("json")).unwrap();
    let has_edge = |from: &str, to: &str, relation: &str| {
        graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["source"] == from && e["target"] == to && e["relation"] == relation)
    };
    assert!(
        has_edge("incident:L-2", "incident:L-1", "duplicate_of"),
        "{graph}"
    );
    assert!(
        has_edge("incident:L-1", "record:PRB-9", "problem"),
        "{graph}"
    );
    assert!(
        has_edge("incident:L-5", "record:PRB-9", "problem"),
        "{graph}"
    );
    assert!(
        has_edge("incident:L-4", "incident:L-3", "causes"),
        "{graph}"
    );
    let record = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "record:PRB-9")
        .expect("a placeholder node for the problem record");
    assert_eq!(record["kind"], "record");
    let dot = edges_of("dot");
    assert!(dot.contains("duplicate_of"), "{dot}");
    let graphml = edges_of("graphml");
    assert!(graphml.contains(">caused_by<"), "{graphml}");
}

#[test]
fn why_shows_the_declared_links_with_titles_and_the_postmortem_url() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = imported(dir.path());
    let out = recur(&store).args(["why", "L-1"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("postmortem: https://wiki.example.org/pm/L-1"),
        "{text}"
    );
    assert!(text.contains("declared links of L-1"), "{text}");
    assert!(
        text.contains("Checkout errors again"),
        "L-2's title: {text}"
    );
    assert!(text.contains("(not in the store)"), "PRB-9: {text}");
    let why = json(recur(&store).args(["why", "L-1", "--format", "json"]));
    let links = why["incident"]["links"].as_array().unwrap();
    assert_eq!(links[0]["target"], "PRB-9");
    assert_eq!(links[0]["in_store"], false);
    assert_eq!(links[1]["title"], "Checkout errors again");
}

#[test]
fn the_report_links_incident_ids_to_their_url_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    import(&store, &[&fixture("report-urls")]);
    let out = dir.path().join("rep");
    recur(&store)
        .args(["report", "--out"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("[U-1](https://pm.example.org/u1?a=1&b=%22x%22%3Cy%3E%28z%29)"),
        "{md}"
    );
    assert!(!md.contains("[U-2]("), "U-2 has no url: {md}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<a href=\"https:&#x2f;&#x2f;pm.example.org&#x2f;u1?a=1&amp;b=&quot;x&quot;&lt;y&gt;(z)\"><span class=\"id\">U-1"),
        "{html}"
    );
    // Linked wherever the id appears: the hotspot's examples and its id list in the appendix.
    let href = "<a href=\"https:&#x2f;&#x2f;pm.example.org&#x2f;u1";
    assert!(html.matches(href).count() >= 2, "{html}");
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(
        report["incident_urls"]["U-1"],
        "https://pm.example.org/u1?a=1&b=\"x\"<y>(z)"
    );
}

/// The cluster id of each incident in `recur clusters --format json`.
fn cluster_of_each(store: &Path) -> std::collections::BTreeMap<String, String> {
    let clusters = json(recur(store).args(["clusters", "--min-size", "1", "--format", "json"]));
    let mut of = std::collections::BTreeMap::new();
    for c in clusters.as_array().unwrap() {
        for id in c["incident_ids"].as_array().unwrap() {
            of.insert(
                id.as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            );
        }
    }
    of
}

#[test]
fn duplicates_and_incidents_of_one_problem_join_the_class_of_their_confident_member() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert_reconciles(&import(&store, &[&fixture("link-classes")]));
    let of = cluster_of_each(&store);
    assert_eq!(of["C-1"], "connection-pool", "{of:?}");
    assert_eq!(
        of["V-1"], "connection-pool",
        "a vague cause, duplicate of C-1"
    );
    assert_eq!(
        of["V-2"], "connection-pool",
        "\"See C-2\", problem PRB-1 with C-2"
    );
    assert_eq!(
        of["V-3"], "certificate-expiry",
        "another cause, duplicate of T-2"
    );
    assert_eq!(
        of["C-3"], "connection-pool",
        "problem PRB-3: confident, kept"
    );
    assert_eq!(of["D-2"], "disk-full", "problem PRB-3: confident, kept");

    let why = json(recur(&store).args(["why", "V-2", "--format", "json"]));
    assert_eq!(why["cluster"]["id"], "connection-pool");
    assert_eq!(why["basis"]["basis"], "declared_link");
    assert_eq!(why["basis"]["detail"], "problem PRB-1, with C-2");

    let all = exported(&store, &dir.path().join("out"));
    let v1 = by_id(&all, "V-1");
    assert_eq!(v1["assignment"], "declared_link");
    assert_eq!(v1["assignment_detail"], "duplicate of C-1");
    assert_eq!(
        by_id(&all, "D-2")["assignment"],
        "phrase",
        "not moved by its link"
    );

    let explained = recur(&store)
        .args(["clusters", "--explain", "--min-size", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let explained = String::from_utf8(explained).unwrap().replace('\n', " ");
    assert!(
        explained.contains("C-3, D-2 are declared linked but"),
        "the split group is named: {explained}"
    );
}

#[test]
fn a_reimport_that_adds_a_link_changes_the_clustering() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let original = std::fs::read_to_string(fixture("link-classes/incidents.csv")).unwrap();
    let file = dir.path().join("incidents.csv");
    std::fs::write(&file, original.replace(",duplicate:C-1", ",")).unwrap();
    import(&store, &[&file]);
    assert_ne!(
        cluster_of_each(&store).get("V-1").map(String::as_str),
        Some("connection-pool")
    );
    std::fs::write(&file, &original).unwrap();
    import(&store, &[&file]);
    assert_eq!(cluster_of_each(&store)["V-1"], "connection-pool");
}
