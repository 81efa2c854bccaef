//! `recur clusters --suggest`: taxonomy classes to add. For each large cluster the taxonomy does
//! not name, a key, a label, the word pairs most of its incidents share (that no class already
//! uses) and example incidents, with the YAML to paste into a `--taxonomy` file. The user decides:
//! nothing is added by itself.

use crate::analysis::{Analysis, entity_names};
use crate::cluster::evidence;
use crate::cluster::{normalize::Normalizer, words::sentences};
use crate::output::{Cell, Table, View};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// A cluster needs this many incidents to be proposed.
const MIN_INCIDENTS: usize = 5;
/// A phrase must be in at least this share of the cluster's incidents.
const MIN_SHARE: f64 = 0.3;
/// Phrases proposed per class, at most.
const PHRASES: usize = 5;

/// Proposals for every large unnamed cluster, largest first.
pub fn view(a: &Analysis<'_>) -> View {
    let normalizer = Normalizer::new(&entity_names(a.data), &a.taxonomy.vocabulary());
    let mut table = Table::new(
        "",
        &[
            "cluster",
            "incidents",
            "key",
            "label",
            "phrases",
            "examples",
        ],
    );
    let mut proposals = Vec::new();
    let mut yaml = String::from("classes:\n");
    for c in a
        .clustering
        .clusters
        .iter()
        .filter(|c| c.class.is_none() && !c.crumb && c.members.len() >= MIN_INCIDENTS)
    {
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        for m in &c.members {
            let text = evidence(&a.data.incidents[*m]).0;
            let mut seen = BTreeSet::new();
            for s in sentences(&text) {
                let words: Vec<String> = normalizer
                    .mask(Normalizer::words(s))
                    .into_iter()
                    .filter(|w| {
                        w.len() > 2
                            && !normalizer.is_stop(w)
                            && !w.chars().all(|ch| ch.is_ascii_digit())
                    })
                    .collect();
                for pair in words.windows(2) {
                    seen.insert(format!("{} {}", pair[0], pair[1]));
                }
            }
            for p in seen {
                *df.entry(p).or_default() += 1;
            }
        }
        let needed = ((c.members.len() as f64) * MIN_SHARE).ceil().max(2.0) as usize;
        let mut phrases: Vec<(String, usize)> = df
            .into_iter()
            .filter(|(p, n)| {
                *n >= needed && a.taxonomy.matches(&[normalizer.phrase_terms(p)]).is_empty()
            })
            .collect();
        phrases.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        phrases.truncate(PHRASES);
        if phrases.is_empty() {
            continue;
        }
        let key = c.id.trim_start_matches("x-").to_string();
        let examples: Vec<&str> = c
            .members
            .iter()
            .take(3)
            .map(|m| a.data.incidents[*m].id.as_str())
            .collect();
        let names: Vec<&str> = phrases.iter().map(|(p, _)| p.as_str()).collect();
        table.row(vec![
            c.id.as_str().into(),
            Cell::from(c.members.len()),
            key.as_str().into(),
            c.label.as_str().into(),
            names.join(", ").into(),
            examples.join(", ").into(),
        ]);
        yaml.push_str(&format!(
            "  - key: {key}\n    label: {}\n    phrases: [{}]\n",
            yaml_text(&c.label),
            names.join(", ")
        ));
        proposals.push(json!({
            "cluster": c.id, "incidents": c.members.len(), "key": key, "label": c.label,
            "phrases": phrases.iter().map(|(p, n)| json!({"phrase": p, "incidents": n})).collect::<Vec<_>>(),
            "examples": examples,
        }));
    }
    let mut footer = Vec::new();
    if proposals.is_empty() {
        footer.push(format!(
            "no cluster of {MIN_INCIDENTS} or more incidents lacks a class with phrases most of it shares"
        ));
    } else {
        footer.push(
            "to accept, edit the labels and phrases below into a taxonomy file and pass it with --taxonomy:"
                .into(),
        );
        footer.push(String::new());
        footer.extend(yaml.lines().map(str::to_string));
    }
    View {
        header: vec![format!(
            "proposed classes: clusters of {MIN_INCIDENTS}+ incidents the taxonomy does not name, with word pairs in {:.0}%+ of them",
            MIN_SHARE * 100.0
        )],
        json: json!({"proposals": proposals, "taxonomy_yaml": yaml}),
        tables: vec![table],
        footer,
        csv: None,
    }
}

/// A label as a YAML scalar: quoted, with quotes and backslashes escaped.
fn yaml_text(text: &str) -> String {
    let escaped: String = text
        .chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}
