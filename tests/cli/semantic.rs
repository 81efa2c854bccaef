//! Clustering on words recur did not write, through the real CLI: collisions of stems and
//! misspellings give no class, paraphrases with no content word in common land together while
//! near classes stay apart, curation survives a re-import, and `similar` finds the planted
//! neighbours first.

use crate::common::{fixture, import, json, recur};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn store_of(fixture_file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture(fixture_file)]);
    dir
}

/// Incident id → cluster id, for every clustered incident.
fn clusters(store: &Path) -> BTreeMap<String, String> {
    let listing = json(recur(store).args(["clusters", "--min-size", "1", "--format", "json"]));
    let mut out = BTreeMap::new();
    for c in listing.as_array().unwrap() {
        for id in c["incident_ids"].as_array().unwrap() {
            out.insert(
                id.as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            );
        }
    }
    out
}

/// Incident id → true class of the semantic fixture.
fn classes() -> BTreeMap<String, String> {
    std::fs::read_to_string(fixture("semantic/classes.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let (id, class) = l.split_once(',').unwrap();
            (id.to_string(), class.to_string())
        })
        .collect()
}

fn clusters_of_class<'a>(
    assigned: &'a BTreeMap<String, String>,
    truth: &BTreeMap<String, String>,
    class: &str,
) -> BTreeSet<&'a str> {
    truth
        .iter()
        .filter(|(_, c)| *c == class)
        .map(|(id, _)| assigned.get(id).map_or("(none)", String::as_str))
        .collect()
}

fn why(store: &Path, id: &str) -> Value {
    json(recur(store).args(["why", id, "--format", "json"]))
}

#[test]
fn words_that_share_only_a_stem_or_a_misspelling_with_a_class_get_no_class() {
    let store = store_of("collisions/incidents.jsonl");
    for id in ["C-01", "C-02", "C-06"] {
        let w = why(store.path(), id);
        assert_eq!(w["cluster"], Value::Null, "{id}: {w}");
        assert_eq!(w["basis"]["basis"], "no_cause", "{id}: {w}");
    }
    // "operating … error" is no operator error, "switched over … failed" no switch failure,
    // "garbage collection" no connection (the corrector never rewrites a real word).
    for (id, wrong) in [
        ("C-03", "human-error"),
        ("C-04", "network-partition"),
        ("C-05", "connection-pool"),
    ] {
        let w = why(store.path(), id);
        assert_ne!(w["cluster"]["class"], wrong, "{id}: {w}");
        assert_ne!(w["cluster"]["id"], wrong, "{id}: {w}");
    }
    let pool = why(store.path(), "C-07");
    assert_eq!(pool["cluster"]["class"], "connection-pool", "{pool}");
    assert_eq!(pool["basis"]["basis"], "phrase", "{pool}");
    assert_eq!(pool["cluster"]["incidents"], 5, "{pool}");
}

#[test]
fn paraphrases_with_no_shared_word_land_together_and_near_classes_stay_apart() {
    let store = store_of("semantic/incidents.jsonl");
    let assigned = clusters(store.path());
    let truth = classes();
    let gc = clusters_of_class(&assigned, &truth, "gc");
    assert_eq!(gc.len(), 1, "four wordings, one class: {gc:?}");
    assert!(!gc.contains("(none)"));
    let race = clusters_of_class(&assigned, &truth, "race");
    let deadlock = clusters_of_class(&assigned, &truth, "deadlock");
    assert_eq!(race.len(), 1, "{race:?}");
    assert_eq!(deadlock.len(), 1, "{deadlock:?}");
    assert!(race.is_disjoint(&deadlock), "{race:?} / {deadlock:?}");
    // Every cluster holds one class only.
    let mut by_cluster: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, c) in &assigned {
        by_cluster.entry(c).or_default().insert(&truth[id]);
    }
    for (c, held) in by_cluster {
        assert_eq!(held.len(), 1, "{c} mixes {held:?}");
    }
    // The merge by meaning says so.
    let w = why(store.path(), "S-003");
    assert_eq!(w["basis"]["basis"], "meaning", "{w}");
}

#[test]
fn curation_applies_on_every_run_and_survives_a_reimport() {
    let store = store_of("semantic/incidents.jsonl");
    std::fs::write(
        store.path().join("curation.yaml"),
        "rename:\n  - cluster: incident:S-001\n    label: JVM garbage-collection pauses\n    id: gc-pauses\n\
         move:\n  - incident: S-051\n    to: incident:S-002\n\
         not_a_class: [incident:S-053]\n",
    )
    .unwrap();
    let check = |store: &Path, incidents: Option<u64>| {
        let assigned = clusters(store);
        assert_eq!(assigned["S-001"], "gc-pauses");
        assert_eq!(assigned["S-051"], "gc-pauses", "moved");
        assert!(!assigned.contains_key("S-053"), "not a class");
        let listing = json(recur(store).args(["clusters", "--format", "json"]));
        let gc = listing
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "gc-pauses")
            .unwrap();
        assert_eq!(gc["label"], "JVM garbage-collection pauses");
        if let Some(n) = incidents {
            assert_eq!(gc["incidents"], n);
        }
    };
    check(store.path(), Some(9));
    // New incidents change the clustering's key and its ids; the curation still holds.
    let extra = store.path().join("more.jsonl");
    std::fs::write(
        &extra,
        "{\"id\":\"S-100\",\"title\":\"t\",\"started_at\":\"2025-01-01T00:00:00Z\",\"services\":[\"search\"],\
         \"root_cause\":\"The GC of the search JVM ran back to back and stalled queries.\"}\n",
    )
    .unwrap();
    import(
        store.path(),
        &[&fixture("semantic/incidents.jsonl"), &extra],
    );
    check(store.path(), None);
    // A rule that names nothing is reported, not fatal.
    std::fs::write(
        store.path().join("curation.yaml"),
        "rename:\n  - cluster: no-such-cluster\n    label: X\n",
    )
    .unwrap();
    let out = recur(store.path())
        .arg("clusters")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("no cluster \"no-such-cluster\""));
}

#[test]
fn similar_lists_the_planted_neighbours_first() {
    let store = store_of("semantic/incidents.jsonl");
    // Build the stored clustering (and its vectors) once, as any query does.
    clusters(store.path());
    let truth = classes();
    for (text, class) in [
        ("the garbage collector kept freezing the java process", "gc"),
        (
            "two jobs grabbed the same locks in opposite order and hung",
            "deadlock",
        ),
        ("the wildcard certificate was not renewed in time", "cert"),
    ] {
        let answer =
            json(recur(store.path()).args(["similar", text, "--top", "4", "--format", "json"]));
        let neighbours = answer["neighbours"].as_array().unwrap();
        assert_eq!(neighbours.len(), 4);
        for n in neighbours {
            let id = n["id"].as_str().unwrap();
            assert_eq!(truth[id], class, "{text}: {id} in {answer}");
        }
        let sims: Vec<f64> = neighbours
            .iter()
            .map(|n| n["similarity"].as_f64().unwrap())
            .collect();
        assert!(sims.windows(2).all(|w| w[0] >= w[1]), "{sims:?}");
        assert!(answer["class"]["cluster"]["id"].is_string(), "{answer}");
    }
    // `why --text` is the same answer.
    let a = json(recur(store.path()).args([
        "similar",
        "disk full on the log volume",
        "--format",
        "json",
    ]));
    let b = json(recur(store.path()).args([
        "why",
        "--text",
        "disk full on the log volume",
        "--format",
        "json",
    ]));
    assert_eq!(a, b);
}
