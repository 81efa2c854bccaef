//! `recur eval --truth FILE`: how well the clusters match known classes (adjusted Rand index,
//! NMI, cluster count against class count), for a corpus whose classes are known.

use crate::analysis::Analysis;
use crate::error::{RecurError, Result};
use crate::evaluate::{adjusted_rand_index, normalized_mutual_information};
use crate::output::{Cell, Table, View};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Reads `incident_id,class` rows.
pub fn read_truth(path: &Path) -> Result<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| RecurError::io(path, std::io::Error::other(e)))?;
    let mut truth = HashMap::new();
    for (i, row) in reader.records().enumerate() {
        let row = row
            .map_err(|e| RecurError::Invalid(format!("{}: line {}: {e}", path.display(), i + 2)))?;
        match (row.get(0), row.get(1)) {
            (Some(id), Some(class)) => {
                truth.insert(id.to_string(), class.to_string());
            }
            _ => {
                return Err(RecurError::Invalid(format!(
                    "{}: line {}: expected incident_id,class",
                    path.display(),
                    i + 2
                )));
            }
        }
    }
    Ok(truth)
}

/// Scores the clustering against the truth (incidents without a truth row are left out).
pub fn view(a: &Analysis<'_>, truth: &HashMap<String, String>) -> View {
    let mut t: Vec<&str> = Vec::new();
    let mut p: Vec<String> = Vec::new();
    for (i, incident) in a.data.incidents.iter().enumerate() {
        if let Some(class) = truth.get(&incident.id) {
            t.push(class);
            p.push(
                a.clustering
                    .cluster_of(i)
                    .map_or_else(|| format!("none:{}", incident.id), |c| c.id.clone()),
            );
        }
    }
    let ari = adjusted_rand_index(&t, &p);
    let nmi = normalized_mutual_information(&t, &p);
    let classes: BTreeSet<&str> = t.iter().copied().collect();
    let clusters: BTreeSet<&str> = p.iter().map(String::as_str).collect();
    // Per true class: into how many clusters it went, and its share in its main cluster.
    let mut by_class: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (c, k) in t.iter().zip(&p) {
        *by_class
            .entry(c)
            .or_default()
            .entry(k.as_str())
            .or_default() += 1;
    }
    let mut table = Table::new(
        "per true class",
        &["class", "incidents", "clusters", "main cluster", "share"],
    );
    let mut per_class = Vec::new();
    for (class, spread) in &by_class {
        let n: usize = spread.values().sum();
        let (main, main_n) = spread
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, v)| (*k, *v))
            .unwrap_or(("", 0));
        let share = main_n as f64 / n as f64;
        table.row(vec![
            (*class).into(),
            Cell::from(n),
            Cell::from(spread.len()),
            main.into(),
            Cell::Float(share * 100.0),
        ]);
        per_class.push(json!({"class": class, "incidents": n, "clusters": spread.len(), "main_cluster": main, "main_share": share}));
    }
    View {
        header: Vec::new(),
        json: json!({
            "incidents_scored": t.len(),
            "adjusted_rand_index": ari,
            "normalized_mutual_information": nmi,
            "true_classes": classes.len(),
            "clusters": clusters.len(),
            "per_class": per_class,
        }),
        tables: vec![table],
        footer: vec![format!(
            "{} incidents scored: ARI {ari:.3}, NMI {nmi:.3}; {} clusters for {} true classes",
            t.len(),
            clusters.len(),
            classes.len()
        )],
    }
}
