//! `recur eval --truth FILE`: how well the clusters match known classes (adjusted Rand index,
//! adjusted and normalised mutual information, homogeneity, completeness, clusters per class,
//! the largest cluster's share and the unclassified share), for a corpus whose classes are known.
//! Each unclassified incident (no cause stated, or alone) counts as a cluster of its own.

use crate::analysis::Analysis;
use crate::error::{RecurError, Result};
use crate::evaluate::scores;
use crate::output::{Cell, Table, View};
use crate::runner::Runner;
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
    let mut unclassified = 0usize;
    for (i, incident) in a.data.incidents.iter().enumerate() {
        if let Some(class) = truth.get(&incident.id) {
            t.push(class);
            match a.clustering.cluster_of(i).filter(|c| !c.crumb) {
                Some(c) => p.push(c.id.clone()),
                None => {
                    unclassified += 1;
                    p.push(format!("unclassified:{}", incident.id));
                }
            }
        }
    }
    let s = scores(&t, &p);
    let classes: BTreeSet<&str> = t.iter().copied().collect();
    let clusters: BTreeSet<&str> = p.iter().map(String::as_str).collect();
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for k in p.iter().filter(|k| !k.starts_with("unclassified:")) {
        *sizes.entry(k.as_str()).or_default() += 1;
    }
    let n = t.len().max(1) as f64;
    let largest_share = sizes.values().copied().max().unwrap_or(0) as f64 / n;
    let unclassified_share = unclassified as f64 / n;
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
            "adjusted_rand_index": s.adjusted_rand_index,
            "adjusted_mutual_information": s.adjusted_mutual_information,
            "normalized_mutual_information": s.normalized_mutual_information,
            "homogeneity": s.homogeneity,
            "completeness": s.completeness,
            "true_classes": classes.len(),
            "clusters": clusters.len(),
            "clusters_of_two_or_more": sizes.values().filter(|n| **n >= 2).count(),
            "largest_cluster_share": largest_share,
            "unclassified_share": unclassified_share,
            "per_class": per_class,
        }),
        tables: vec![table],
        footer: vec![
            format!(
                "{} incidents scored: ARI {:.3}, AMI {:.3}, NMI {:.3}, homogeneity {:.3}, completeness {:.3}",
                t.len(),
                s.adjusted_rand_index,
                s.adjusted_mutual_information,
                s.normalized_mutual_information,
                s.homogeneity,
                s.completeness,
            ),
            format!(
                "{} clusters for {} true classes ({} of two or more); largest cluster {:.0}%, unclassified {:.0}%",
                clusters.len(),
                classes.len(),
                sizes.values().filter(|n| **n >= 2).count(),
                largest_share * 100.0,
                unclassified_share * 100.0,
            ),
        ],
        csv: None,
    }
}

/// `recur eval --truth FILE`.
pub(crate) fn command(
    run: &Runner<'_>,
    truth: &Path,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let truth = read_truth(truth)?;
    run.analysis(
        "eval",
        crate::store::Load::WithoutActions,
        format,
        out,
        |a| Ok(view(a, &truth)),
    )
}
