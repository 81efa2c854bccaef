//! The incidents of each quarter of a period, split by the leading cause classes (the rest are
//! "other classes"): what the stacked trend chart draws.

use super::Analysis;
use super::hotspots::Hotspot;
use super::period::Period;
use crate::model::time::quarter_label;
use serde::Serialize;
use std::collections::BTreeMap;

/// Classes shown by name; the rest are "other classes".
pub const TOP_CLASSES: usize = 5;

/// Incidents per quarter and class.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClassTrend {
    /// Cluster ids of the classes shown by name, highest score first.
    pub cluster_ids: Vec<String>,
    /// Their labels, then "other classes".
    pub labels: Vec<String>,
    pub quarters: Vec<String>,
    /// Per quarter: incidents of each named class, then of every other (or no) class.
    pub counts: Vec<Vec<usize>>,
}

/// The trend of the period's incidents by quarter for the top classes of `hotspots`.
pub fn class_trend(a: &Analysis<'_>, period: &Period, hotspots: &[Hotspot]) -> ClassTrend {
    let top: Vec<&Hotspot> = hotspots.iter().take(TOP_CLASSES).collect();
    let mut counts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (ix, i) in a.data.incidents.iter().enumerate() {
        if !a.counts(period, ix) {
            continue;
        }
        let row = counts
            .entry(quarter_label(i.started_at))
            .or_insert_with(|| vec![0; top.len() + 1]);
        let slot = a
            .clustering
            .cluster_of(ix)
            .and_then(|c| top.iter().position(|h| h.cluster_id == c.id))
            .unwrap_or(top.len());
        row[slot] += 1;
    }
    let mut labels: Vec<String> = top.iter().map(|h| h.label.clone()).collect();
    labels.push("other classes".into());
    ClassTrend {
        cluster_ids: top.iter().map(|h| h.cluster_id.clone()).collect(),
        labels,
        quarters: counts.keys().cloned().collect(),
        counts: counts.into_values().collect(),
    }
}
