//! Systemic hotspots: cause classes ranked by how widely and how badly they keep hitting.
//!
//! score = 3·services + 1·teams + 2·ln(1+incidents) + 4·severity + 3·recency + 1·ln(1+impact hours)
//! where severity is the mean of SEV1 = 1.0 … SEV5 = 0.2 (unknown 0.5), recency the share of the
//! class's incidents in the last quarter of the period, and impact the hours from start to
//! mitigation (else resolution). A class is systemic when it hit at least `min_services` services
//! in the period. Definitions are printed by `--explain`.

use super::Analysis;
use super::path::{PathComponent, path_components};
use super::period::Period;
use crate::model::Incident;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// One cause class in the period, scored.
pub struct Hotspot<'a> {
    pub cluster_id: &'a str,
    pub label: &'a str,
    pub class: Option<&'a str>,
    /// The class's incidents in the period, oldest first.
    pub incidents: Vec<&'a Incident>,
    pub services: BTreeSet<&'a str>,
    pub teams: BTreeSet<&'a str>,
    pub components: Vec<PathComponent>,
    pub severity: f64,
    pub recency: f64,
    pub impact_hours: f64,
    pub score: f64,
    pub systemic: bool,
}

/// Weight of a severity level in the score.
pub fn severity_weight(incident: &Incident) -> f64 {
    incident
        .severity
        .map_or(0.5, |s| 1.2 - 0.2 * f64::from(s.level()))
}

/// Hours of customer impact: start to mitigation, else to resolution; 0 when unknown.
pub fn impact_hours(incident: &Incident) -> f64 {
    incident
        .mitigated_at
        .or(incident.resolved_at)
        .map(|end| (end - incident.started_at).num_minutes().max(0) as f64 / 60.0)
        .unwrap_or(0.0)
}

/// Every class with incidents in the period, highest score first (ties by cluster id).
pub fn hotspots<'a>(a: &'a Analysis<'a>, period: &Period, min_services: usize) -> Vec<Hotspot<'a>> {
    let in_period: Vec<&Incident> = a.incidents_in(period);
    let first = in_period.iter().map(|i| i.started_at).min();
    let last = in_period.iter().map(|i| i.started_at).max();
    let span_start = period.since.or(first);
    let span_end = period.until.or(last);
    let recent_from = match (span_start, span_end) {
        (Some(s), Some(e)) => Some(e - (e - s) / 4),
        _ => None,
    };
    let mut out: Vec<Hotspot<'a>> = a
        .clustering
        .clusters
        .par_iter()
        .filter_map(|c| {
            // One pass over the members (scattered in memory at a million incidents): collect
            // the sort keys and every sum at once.
            let mut dated: Vec<(crate::model::Timestamp, usize)> = Vec::new();
            let mut services: BTreeSet<&str> = BTreeSet::new();
            let mut teams: BTreeSet<&str> = BTreeSet::new();
            let (mut severity_sum, mut recent, mut impact) = (0.0, 0usize, 0.0);
            for &m in &c.members {
                let i = &a.data.incidents[m];
                if !period.contains(i.started_at) {
                    continue;
                }
                dated.push((i.started_at, m));
                services.extend(i.services.iter().map(String::as_str));
                teams.extend(i.team.as_deref());
                severity_sum += severity_weight(i);
                recent += usize::from(recent_from.is_some_and(|r| i.started_at >= r));
                impact += impact_hours(i);
            }
            if dated.is_empty() {
                return None;
            }
            let all = &a.data.incidents;
            dated
                .sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| all[x.1].id.cmp(&all[y.1].id)));
            let incidents: Vec<&Incident> = dated.iter().map(|(_, m)| &all[*m]).collect();
            let n = incidents.len() as f64;
            let severity = severity_sum / n;
            let recency = if recent_from.is_some() {
                recent as f64 / n
            } else {
                0.0
            };
            let score = 3.0 * services.len() as f64
                + teams.len() as f64
                + 2.0 * (1.0 + n).ln()
                + 4.0 * severity
                + 3.0 * recency
                + (1.0 + impact).ln();
            Some(Hotspot {
                cluster_id: &c.id,
                label: &c.label,
                class: c.class.as_deref(),
                components: path_components(a, &incidents),
                systemic: services.len() >= min_services,
                services,
                teams,
                severity,
                recency,
                impact_hours: impact,
                score,
                incidents,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.cluster_id.cmp(y.cluster_id))
    });
    out
}

/// How the score and the terms are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "score = 3*services + 1*teams + 2*ln(1+incidents) + 4*severity + 3*recency + 1*ln(1+impact hours)",
    "services, teams: distinct services and responding teams the class hit in the period",
    "severity: mean weight of its incidents, SEV1 = 1.0, SEV2 = 0.8, SEV3 = 0.6, SEV4 = 0.4, SEV5 = 0.2, unknown = 0.5",
    "recency: share of its incidents in the last quarter of the period",
    "impact hours: sum over its incidents of start to mitigation (else to resolution)",
    "systemic: hit at least --min-services services in the period (default 3)",
    "components: shared components on its path that two or more of its services reach, named by its incidents first",
];
