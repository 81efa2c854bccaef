//! Markdown postmortems that are not in recur's own format: `first_of` in a mapping, a title
//! from the body's heading or the file name, and partial dates.

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The exported incidents table of a store, one map of column to value per incident, by id.
fn incidents(store: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let out = store.join("tables");
    recur(store)
        .args(["export", "--tables", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(out.join("incidents.csv")).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|row| {
            let row = row.unwrap();
            let map: BTreeMap<String, String> = headers
                .iter()
                .zip(row.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect();
            (map["id"].clone(), map)
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn first_of_takes_the_service_from_the_company_when_the_product_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(
        &docs,
        "a.md",
        "---\nuuid: a\ntitle: Outage A\ncompany: Acme\nproduct: \"\"\nwhen: 2021-02-03\n---\nBody.\n",
    );
    write(
        &docs,
        "b.md",
        "---\nuuid: b\ntitle: Outage B\ncompany: Acme\nproduct: Queue, Cache\nwhen: 2021-02-04\n---\nBody.\n",
    );
    let mapping = write(
        dir.path(),
        "m.yaml",
        "fields:\n  id: uuid\n  title: title\n  started_at: when\n  services: { first_of: [product, company], split: \",\" }\n",
    );
    let store = dir.path().join("s");
    let s = import(&store, &[&docs, Path::new("--mapping"), &mapping]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 2, "{s}");
    let rows = incidents(&store);
    assert_eq!(rows["a"]["services"], "acme", "{:?}", rows["a"]);
    assert!(!rows["b"]["services"].contains("acme"), "{:?}", rows["b"]);
    assert!(rows["b"]["services"].contains("queue"), "{:?}", rows["b"]);
}

#[test]
fn a_postmortem_without_a_title_takes_its_heading_else_its_file_name_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let front = "services: [api]\nstarted_at: 2022-01-02\n";
    write(
        &docs,
        "heading.md",
        &format!("---\nid: h\n{front}---\n# Heading title\n\nBody.\n"),
    );
    write(
        &docs,
        "db-pool_outage.md",
        &format!("---\nid: f\n{front}---\nPlain prose.\n"),
    );
    write(
        &docs,
        "own.md",
        &format!("---\nid: o\ntitle: Own title\n{front}---\n# Other\n"),
    );
    let store = dir.path().join("s");
    let s = import(&store, &[&docs]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 3, "{s}");
    assert_eq!(s["warnings"], 1, "only the file-name title warns: {s}");
    let rows = incidents(&store);
    assert_eq!(rows["h"]["title"], "Heading title");
    assert_eq!(rows["f"]["title"], "db pool outage");
    assert_eq!(rows["o"]["title"], "Own title");
}

#[test]
fn partial_dates_are_the_start_of_their_month_or_year_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(
        &docs,
        "m.md",
        "---\nid: m\ntitle: Month\nservices: [api]\nstarted_at: 2018-08\n---\n",
    );
    write(
        &docs,
        "y.md",
        "---\nid: yr\ntitle: Year\nservices: [api]\nstarted_at: 2019\n---\n",
    );
    write(
        &docs,
        "bad.md",
        "---\nid: b\ntitle: Bad\nservices: [api]\nstarted_at: 2018-13\n---\n",
    );
    let store = dir.path().join("s");
    let s = import(&store, &[&docs]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["imported"], 2, "{s}");
    assert_eq!(s["rejected"], 1, "2018-13 is no month: {s}");
    assert_eq!(s["warnings"], 2, "{s}");
    let rows = incidents(&store);
    assert!(
        rows["m"]["started_at"].starts_with("2018-08-01"),
        "{:?}",
        rows["m"]
    );
    assert!(
        rows["yr"]["started_at"].starts_with("2019-01-01"),
        "{:?}",
        rows["yr"]
    );
}

#[test]
fn postmortems_without_front_matter_take_their_facts_and_phases_from_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = import(&store, &[&fixture("postmortems-plain")]);
    assert_reconciles(&s);
    assert_eq!(
        s["incidents"]["imported"], 3,
        "two .md files and one with no extension that starts with a heading: {s}"
    );
    assert_eq!(s["incidents"]["rejected"], 0, "{s}");
    let all = exported_incidents(&store, dir.path());
    let get = |id: &str| {
        all.iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no {id} in {all:?}"))
            .clone()
    };
    // A table timeline in PST that crosses midnight; "Root Casue" and "Acton items" are typos.
    let a = get("2024-03-04-checkout");
    assert_eq!(a["title"], "Checkout outage");
    assert_eq!(a["severity"], "SEV2");
    assert_eq!(a["services"], serde_json::json!(["checkout", "payments"]));
    assert_eq!(a["started_at"], "2024-03-05T07:52:00Z");
    assert_eq!(a["detected_at"], "2024-03-05T07:58:00Z");
    assert_eq!(a["acknowledged_at"], "2024-03-05T08:04:00Z");
    assert_eq!(a["mitigated_at"], "2024-03-05T08:31:00Z");
    assert_eq!(a["resolved_at"], "2024-03-05T09:05:00Z");
    assert!(
        a["root_cause"]
            .as_str()
            .unwrap()
            .contains("connection pool leaked")
    );
    // A list timeline in US Pacific time (daylight saving in June: UTC-7), in a folder whose
    // file name names no incident.
    let b = get("2024-06-11-search/postmortem");
    assert_eq!(b["team"], "discovery");
    assert_eq!(b["started_at"], "2024-06-11T16:12:00Z");
    assert_eq!(b["detected_at"], "2024-06-11T16:40:00Z", "reported");
    assert_eq!(
        b["acknowledged_at"], "2024-06-11T16:55:00Z",
        "declared, engaged"
    );
    assert_eq!(b["mitigated_at"], "2024-06-11T17:20:00Z", "reverted");
    assert_eq!(b["resolved_at"], "2024-06-11T18:00:00Z", "closed");
    assert!(
        b["root_cause"]
            .as_str()
            .unwrap()
            .contains("analyzer configuration")
    );
    // No extension, in a folder of postmortems, opening with a heading: read as Markdown (the
    // file `scratch` beside it opens with plain text and is not read).
    let c = get("2024-09-02-dns");
    assert_eq!(c["started_at"], "2024-09-02T14:00:00Z");
    assert_eq!(c["detected_at"], "2024-09-02T14:12:00Z");
    assert_eq!(c["mitigated_at"], "2024-09-02T14:40:00Z");
    assert!(!all.iter().any(|i| i["id"] == "scratch"), "{all:?}");
    let actions = std::fs::read_to_string(dir.path().join("tables/followups.json")).unwrap();
    assert!(actions.contains("Add a leak test"), "{actions}");
    let notes = json(recur(&store).args(["rejected", "--warnings", "--format", "json"]));
    let notes = notes.to_string();
    assert!(
        notes.contains("team-notes.md") && notes.contains("not read as an incident"),
        "a page of notes is skipped with its reason: {notes}"
    );
}
