//! Clustering, `recur why`, the graph and its exports on the sample data, through the real binary.

use crate::common::*;
use serde_json::Value;
use std::collections::HashMap;

/// A store with `data/sample` imported, shared by the tests of this file.
fn truth() -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(root().join("data/sample-truth.csv")).unwrap();
    r.records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), x[1].to_string()))
        .collect()
}

#[test]
fn each_planted_class_is_grouped_in_one_cluster() {
    let dir = sample_store();
    let clusters =
        json(recur(dir.path()).args(["clusters", "--min-size", "1", "--format", "json"]));
    let truth = truth();
    for (class, expected_id) in [
        ("db-pool", "connection-pool"),
        ("tls-expiry", "certificate-expiry"),
        ("bad-config", "config-push"),
        ("disk-full", "disk-full"),
    ] {
        let planted: Vec<&String> = truth
            .iter()
            .filter(|(_, c)| c.as_str() == class)
            .map(|(id, _)| id)
            .collect();
        let cluster = clusters
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == expected_id)
            .unwrap_or_else(|| panic!("no {expected_id}"));
        let members: Vec<&str> = cluster["incident_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let caught = planted
            .iter()
            .filter(|id| members.contains(&id.as_str()))
            .count();
        let pure = members.iter().filter(|id| truth[**id] == class).count();
        assert!(
            caught * 10 >= planted.len() * 9,
            "{class}: {caught} of {} in {expected_id}",
            planted.len()
        );
        assert!(
            pure * 10 >= members.len() * 9,
            "{expected_id}: {pure} of {} are {class}",
            members.len()
        );
    }
}

#[test]
fn eval_scores_the_sample_against_its_planted_classes() {
    let dir = sample_store();
    let mut cmd = recur(dir.path());
    cmd.args(["eval", "--format", "json", "--truth"])
        .arg(root().join("data/sample-truth.csv"));
    let score = json(&mut cmd);
    assert_eq!(score["incidents_scored"], 308);
    assert!(
        score["adjusted_rand_index"].as_f64().unwrap() >= 0.85,
        "{score}"
    );
    assert!(
        score["normalized_mutual_information"].as_f64().unwrap() >= 0.9,
        "{score}"
    );
}

fn pool_incident(dir: &std::path::Path) -> String {
    let clusters = json(recur(dir).args(["clusters", "--format", "json"]));
    let pool = clusters
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "connection-pool")
        .unwrap();
    pool["incident_ids"][0].as_str().unwrap().to_string()
}

#[test]
fn why_names_the_other_services_and_the_unowned_shared_database() {
    let dir = sample_store();
    let id = pool_incident(dir.path());
    let why = json(recur(dir.path()).args(["why", &id, "--format", "json"]));
    assert_eq!(why["cluster"]["id"], "connection-pool");
    let services: Vec<&str> = why["cluster"]["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(services.len() >= 7, "{services:?}");
    let top = &why["shared_components"][0];
    assert_eq!(top["component"], "postgres-monolith");
    assert_eq!(top["ownership"], "none");
    let suggestion = why["suggestion"].as_str().unwrap();
    assert!(
        suggestion.contains("postgres-monolith") && suggestion.contains("has no owner"),
        "{suggestion}"
    );
    assert_eq!(
        why["class_followups"]["systemic_done"], 0,
        "the planted pool follow-ups are all local"
    );
    // The screen says the same to a person.
    recur(dir.path())
        .args(["why", &id])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "suggested finalisation: Connection pool exhaustion hit",
        ));
}

#[test]
fn why_on_an_unknown_incident_is_a_clear_error() {
    let dir = sample_store();
    recur(dir.path())
        .args(["why", "NOPE-0"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no incident \"NOPE-0\" in the store",
        ));
    // An id in another case is the same incident; a near miss gets a suggestion.
    let lower = json(recur(dir.path()).args(["why", "inc-1062", "--format", "json"]));
    assert_eq!(lower["incident"]["id"], "INC-1062");
    recur(dir.path())
        .args(["why", "INC-1O62"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("did you mean INC-1062"));
}

#[test]
fn why_on_a_finalised_class_points_at_the_systemic_fix() {
    let dir = sample_store();
    let clusters = json(recur(dir.path()).args(["clusters", "--format", "json"]));
    let disk = clusters
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "disk-full")
        .unwrap();
    let id = disk["incident_ids"][0].as_str().unwrap();
    let why = json(recur(dir.path()).args(["why", id, "--format", "json"]));
    assert!(
        why["class_followups"]["systemic_done"].as_u64().unwrap() >= 1,
        "{}",
        why["class_followups"]
    );
    assert!(
        why["suggestion"]
            .as_str()
            .unwrap()
            .contains("completed systemic follow-up")
    );
}

#[test]
fn graph_exports_load_in_their_tools() {
    let dir = sample_store();
    let out = dir.path().join("out");
    for (format, file) in [
        ("dot", "g.dot"),
        ("graphml", "g.graphml"),
        ("json", "g.json"),
    ] {
        recur(dir.path())
            .args(["export", "--graph", format, "--out"])
            .arg(out.join(file))
            .assert()
            .success();
    }
    let graph: Value = serde_json::from_slice(&std::fs::read(out.join("g.json")).unwrap()).unwrap();
    let (nodes, edges) = (
        graph["nodes"].as_array().unwrap().len(),
        graph["edges"].as_array().unwrap().len(),
    );
    assert!(nodes > 300 && edges > nodes, "{nodes} nodes, {edges} edges");

    let xml = std::fs::read_to_string(out.join("g.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("GraphML is well-formed XML");
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!(
        (count("node"), count("edge")),
        (nodes, edges),
        "GraphML has the graph's nodes and edges"
    );

    let dot = std::fs::read_to_string(out.join("g.dot")).unwrap();
    assert_eq!(dot.matches(" -> ").count(), edges);
    match std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(out.join("g.dot"))
        .output()
    {
        Ok(run) => assert!(
            run.status.success(),
            "graphviz: {}",
            String::from_utf8_lossy(&run.stderr)
        ),
        // CI installs Graphviz (.ci/run); elsewhere the check is skipped.
        Err(_) => assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz `dot` is missing in CI"
        ),
    }
}

#[test]
fn tables_export_has_every_incident_with_its_cluster() {
    let dir = sample_store();
    let out = dir.path().join("tables");
    recur(dir.path())
        .args(["export", "--tables", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("incidents.csv")).unwrap();
    let headers = r.headers().unwrap().clone();
    let id = headers.iter().position(|h| h == "id").unwrap();
    let cluster = headers.iter().position(|h| h == "cluster_id").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 308);
    assert!(
        rows.iter()
            .all(|row| !row[id].is_empty() && !row[cluster].is_empty())
    );
    let pool = rows
        .iter()
        .filter(|row| &row[cluster] == "connection-pool")
        .count();
    assert!(pool >= 30, "{pool}");
}

#[test]
fn the_graph_of_the_sample_keeps_its_invariants() {
    let dir = sample_store();
    let data = recur::store::Store::at(dir.path()).load().unwrap();
    let taxonomy = recur::cluster::Taxonomy::load(None).unwrap();
    let analysis = recur::analysis::Analysis::new(
        &data,
        taxonomy,
        &recur::cluster::Settings::default(),
        &recur::progress::Timings::default(),
    )
    .unwrap();
    assert_eq!(analysis.graph().verify(), Vec::<String>::new());
    let g = analysis.graph();
    // One node per service however it was spelled (the sample uses Payments API, payments_api, pay-api).
    assert!(g.incidents_of("payments-api").len() >= 10);
    assert!(
        g.keys_of(recur::graph::NodeKind::Service)
            .iter()
            .all(|s| !s.contains('_') && !s.contains(' '))
    );
    assert!(g.dependents_of("postgres-monolith").len() >= 7);
    assert!(g.owners_of("postgres-monolith").is_empty());
    assert_eq!(g.owners_of("edge-gateway").len(), 1);
    // An incident, its services and components, and its cluster agree with each other.
    let pool = g.incidents_in_cluster("connection-pool");
    assert!(pool.len() >= 30);
    let involving_pg = pool
        .iter()
        .filter(|i| g.components_of(i).contains(&"postgres-monolith"))
        .count();
    assert!(
        involving_pg * 10 >= pool.len() * 7,
        "{involving_pg} of {}",
        pool.len()
    );
    assert!(pool.iter().all(|i| !g.services_of(i).is_empty()));
}

/// `recur clusters` with `--timings`: (stdout, stderr).
fn clusters_with_timings(store: &std::path::Path, extra: &[&str]) -> (String, String) {
    let out = recur(store)
        .arg("--timings")
        .args(extra)
        .args(["clusters", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn stored_entries(store: &std::path::Path) -> usize {
    std::fs::read_dir(store.join("clusters"))
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn queries_reuse_the_stored_clustering_until_causes_or_taxonomy_change() {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("input");
    std::fs::create_dir(&input).unwrap();
    let csv = input.join("incidents.csv");
    std::fs::copy(root().join("data/sample/incidents.csv"), &csv).unwrap();
    let store = work.path().join("store");
    import(&store, &[&input]);

    let (first, log) = clusters_with_timings(&store, &[]);
    assert!(
        log.contains("cluster causes"),
        "first query clusters: {log}"
    );
    assert_eq!(stored_entries(&store), 1);
    let (second, log) = clusters_with_timings(&store, &[]);
    assert!(
        !log.contains("cluster causes") && log.contains("load stored clusters"),
        "second query reads the stored clustering: {log}"
    );
    assert_eq!(first, second, "stored clusters give the same answer");

    // A damaged entry is clustered again, with the same result.
    let entry = std::fs::read_dir(store.join("clusters"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(entry.join("assignment.parquet"), b"not parquet").unwrap();
    let (third, log) = clusters_with_timings(&store, &[]);
    assert!(log.contains("cluster causes"), "{log}");
    assert_eq!(first, third);

    // Another taxonomy is another key.
    let taxonomy = work.path().join("taxonomy.yaml");
    std::fs::write(
        &taxonomy,
        "classes:\n  - key: gremlins\n    label: Gremlins in the machine\n    phrases: [gremlins]\n",
    )
    .unwrap();
    let (_, log) = clusters_with_timings(&store, &["--taxonomy", taxonomy.to_str().unwrap()]);
    assert!(log.contains("cluster causes"), "{log}");
    assert_eq!(stored_entries(&store), 2);

    // A changed cause is another key: re-import, and the query clusters again and sees it.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert!(
        lines[0].starts_with("id,title,severity,started_at,"),
        "{}",
        lines[0]
    );
    let width = lines[0].split(',').count();
    let mut row = vec![""; width];
    row[..4].copy_from_slice(&["ZZ-NEW", "Gremlins", "SEV3", "2025-01-01T00:00:00Z"]);
    let column = |name: &str| lines[0].split(',').position(|c| c == name).unwrap();
    row[column("services")] = "checkout-api";
    row[column("root_cause")] = "Database connection pool exhausted again";
    lines.push(row.join(","));
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    import(&store, &[&input]);
    let (fourth, log) = clusters_with_timings(&store, &[]);
    assert!(
        log.contains("cluster causes"),
        "new causes are clustered: {log}"
    );
    let pool_size = |json: &str| {
        let v: Value = serde_json::from_str(json).unwrap();
        let pool = v
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "connection-pool");
        pool.map(|c| c["incidents"].as_u64().unwrap())
    };
    assert_eq!(
        pool_size(&fourth),
        pool_size(&first).map(|n| n + 1),
        "the new pool incident is in the pool class"
    );
    let (fifth, log) = clusters_with_timings(&store, &[]);
    assert!(!log.contains("cluster causes"), "{log}");
    assert_eq!(fourth, fifth);
}

#[test]
fn why_lists_the_past_incidents_of_the_class_newest_first() {
    let dir = sample_store();
    let j = json(recur(dir.path()).args(["why", "INC-1062", "--format", "json"]));
    let mut others: Vec<(String, String)> = j["other_incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["started_at"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    others.sort();
    let newest = &others.last().unwrap().1;
    let oldest = &others.first().unwrap().1;
    let out = recur(dir.path())
        .args(["why", "inc-1062"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    let table = text
        .split("past incidents of this class, newest first")
        .nth(1)
        .expect("a table of past incidents");
    let table = table.split("by service").next().unwrap();
    assert!(
        table.contains(newest.as_str()),
        "{newest} not listed:\n{table}"
    );
    assert!(others.len() <= 10 || !table.contains(oldest.as_str()));
    assert!(text.contains("more past incidents"), "{text}");
}

fn graph_json(store: &std::path::Path, view: &[&str]) -> Value {
    let out = store.join(format!("view-{}.json", view.join("-")));
    recur(store)
        .args(["export", "--graph", "json", "--view"])
        .args(view)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

fn kinds(g: &Value) -> std::collections::BTreeSet<String> {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn graph_views_show_classes_components_and_owners_with_incident_weights() {
    let dir = sample_store();
    let store = dir.path();
    let hot = json(recur(store).args(["hotspots", "--format", "json"]));
    let pool = hot
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["cluster_id"] == "connection-pool")
        .unwrap();

    // The summary: no incident or follow-up nodes, a few dozen nodes, weighted "hit" edges.
    let summary = graph_json(store, &["summary"]);
    assert_eq!(
        kinds(&summary),
        ["cluster", "component", "team"].map(String::from).into()
    );
    let nodes = summary["nodes"].as_array().unwrap().len();
    assert!((10..100).contains(&nodes), "{nodes} nodes");
    let hit = |g: &Value, from: &str, to: &str| {
        g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["source"] == from && e["target"] == to && e["relation"] == "hit")
            .map(|e| e["weight"].as_u64().unwrap())
    };
    let top = &pool["components"][0];
    let component = top["component"].as_str().unwrap();
    assert_eq!(
        hit(
            &summary,
            "cluster:connection-pool",
            &format!("component:{component}")
        ),
        top["incidents"].as_u64(),
        "the edge weighs the class's incidents through the component, as hotspots says"
    );

    // One class: every service it hit, weighted as hotspots counts them; the ids are not case-sensitive.
    let class = graph_json(store, &["class", "Connection-Pool"]);
    for s in pool["incidents_by_service"].as_array().unwrap() {
        let service = s["service"].as_str().unwrap();
        assert_eq!(
            hit(
                &class,
                "cluster:connection-pool",
                &format!("service:{service}")
            ),
            s["incidents"].as_u64(),
            "{service}"
        );
    }

    // One component: the classes through it and the services that depend on it.
    let owners = json(recur(store).args(["owners", "--format", "json"]));
    let row = owners["shared"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["component"] == component)
        .unwrap();
    let view = graph_json(store, &["component", component]);
    assert!(
        hit(
            &view,
            "cluster:connection-pool",
            &format!("component:{component}")
        )
        .is_some()
    );
    let depends = view["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["relation"] == "depends_on")
        .count();
    assert_eq!(depends, row["dependents"].as_array().unwrap().len());

    // Unknown names are errors that say what exists; the full graph is still the default.
    recur(store)
        .args([
            "export", "--graph", "dot", "--view", "class", "nope", "--out",
        ])
        .arg(store.join("x.dot"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("connection-pool"));
    recur(store)
        .args(["export", "--graph", "dot", "--view", "sideways", "--out"])
        .arg(store.join("x.dot"))
        .assert()
        .failure();
    assert!(kinds(&graph_json(store, &["full"])).contains("incident"));
}
