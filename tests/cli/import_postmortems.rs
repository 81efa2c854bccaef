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
