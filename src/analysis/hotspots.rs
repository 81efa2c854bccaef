//! Systemic hotspots: cause classes ranked by how widely and how badly they keep hitting.
//!
//! score = 3·services + 1·teams + 2·ln(1+incidents) + 4·severity + 3·recency + 1·ln(1+impact hours)
//! where severity is the mean of SEV1 = 1.0 … SEV5 = 0.2 (unknown 0.5), recency the share of the
//! class's incidents in the last quarter of the period, and impact the hours from start to
//! mitigation (else resolution). A class is systemic when it hit at least `min_services` services
//! in the period. Definitions are printed by `--explain`.

use super::Analysis;
use super::changes::Movement;
use super::classes;
use super::path::{PathComponent, path_components};
use super::period::Period;
use crate::model::{Incident, Timestamp};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One cause class in the period, scored.
#[derive(Debug, Clone, Serialize)]
pub struct Hotspot {
    /// Rank among the systemic classes (1 = highest score); `None` when not systemic.
    pub rank: Option<usize>,
    pub cluster_id: String,
    pub label: String,
    pub class: Option<String>,
    pub score: f64,
    pub score_parts: ScoreParts,
    /// Two or more incidents on two or more services in the period.
    pub recurring: bool,
    /// Recurring, on at least `min_services` services.
    pub systemic: bool,
    /// Services its incidents hit in the period.
    pub services: Vec<String>,
    /// Teams that responded to them.
    pub teams: Vec<String>,
    /// Its incidents per service, most first.
    pub incidents_by_service: Vec<ServiceCount>,
    pub components: Vec<PathComponent>,
    /// Its incidents in the period, oldest first.
    pub incident_ids: Vec<String>,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    /// Its most recent incidents, newest first (at most five).
    pub recent: Vec<IncidentRef>,
    /// Against the previous period, when there is one (set by the findings).
    pub movement: Option<Movement>,
    /// Store indices of its incidents in the period, oldest first.
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// The terms of a score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreParts {
    pub services: usize,
    pub teams: usize,
    pub incidents: usize,
    pub severity: f64,
    pub recency: f64,
    pub impact_hours: f64,
}

/// Incidents on one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCount {
    pub service: String,
    pub incidents: usize,
}

/// An incident named in a finding: enough to recognise it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentRef {
    pub id: String,
    pub title: String,
    pub started_at: Timestamp,
    pub services: Vec<String>,
}

impl IncidentRef {
    /// The reference to an incident.
    pub fn of(i: &Incident) -> Self {
        Self {
            id: i.id.clone(),
            title: i.title.clone(),
            started_at: i.started_at,
            services: i.services.clone(),
        }
    }
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

/// Every class with incidents in the period (crumbs excepted), highest score first (ties by
/// cluster id); the systemic ones are ranked.
pub fn hotspots(a: &Analysis<'_>, period: &Period, min_services: usize) -> Vec<Hotspot> {
    let in_period: Vec<&Incident> = a.incidents_in(period);
    let first = in_period.iter().map(|i| i.started_at).min();
    let last = in_period.iter().map(|i| i.started_at).max();
    let span_start = period.since.or(first);
    let span_end = period.until.or(last);
    let recent_from = match (span_start, span_end) {
        (Some(s), Some(e)) => Some(e - (e - s) / 4),
        _ => None,
    };
    let mut out: Vec<Hotspot> = a
        .clustering
        .clusters
        .par_iter()
        .filter(|c| !c.crumb)
        .filter_map(|c| {
            // One pass over the members (scattered in memory at a million incidents): collect
            // the sort keys and every sum at once.
            let mut dated: Vec<(Timestamp, usize)> = Vec::new();
            let mut by_service: BTreeMap<&str, usize> = BTreeMap::new();
            let mut teams: BTreeSet<&str> = BTreeSet::new();
            let (mut severity_sum, mut recent, mut impact) = (0.0, 0usize, 0.0);
            for &m in &c.members {
                let i = &a.data.incidents[m];
                if !a.counts(period, m) {
                    continue;
                }
                dated.push((i.started_at, m));
                for s in &i.services {
                    *by_service.entry(s.as_str()).or_default() += 1;
                }
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
            let score = 3.0 * by_service.len() as f64
                + teams.len() as f64
                + 2.0 * (1.0 + n).ln()
                + 4.0 * severity
                + 3.0 * recency
                + (1.0 + impact).ln();
            let mut incidents_by_service: Vec<ServiceCount> = by_service
                .iter()
                .map(|(s, n)| ServiceCount {
                    service: s.to_string(),
                    incidents: *n,
                })
                .collect();
            incidents_by_service.sort_by(|x, y| {
                y.incidents
                    .cmp(&x.incidents)
                    .then(x.service.cmp(&y.service))
            });
            Some(Hotspot {
                rank: None,
                cluster_id: c.id.clone(),
                label: c.label.clone(),
                class: c.class.clone(),
                score,
                score_parts: ScoreParts {
                    services: by_service.len(),
                    teams: teams.len(),
                    incidents: incidents.len(),
                    severity,
                    recency,
                    impact_hours: impact,
                },
                recurring: classes::recurs(incidents.len(), by_service.len()),
                systemic: classes::systemic(incidents.len(), by_service.len(), min_services),
                components: path_components(a, &incidents, min_services),
                services: by_service.keys().map(|s| s.to_string()).collect(),
                teams: teams.iter().map(|t| t.to_string()).collect(),
                incidents_by_service,
                incident_ids: incidents.iter().map(|i| i.id.clone()).collect(),
                first_seen: incidents.first().map(|i| i.started_at),
                last_seen: incidents.last().map(|i| i.started_at),
                movement: None,
                recent: incidents
                    .iter()
                    .rev()
                    .take(5)
                    .map(|i| IncidentRef::of(i))
                    .collect(),
                members: dated.iter().map(|(_, m)| *m).collect(),
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.cluster_id.cmp(&y.cluster_id))
    });
    for (rank, h) in out.iter_mut().filter(|h| h.systemic).enumerate() {
        h.rank = Some(rank + 1);
    }
    out
}

/// How the score and the terms are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "score = 3*services + 1*teams + 2*ln(1+incidents) + 4*severity + 3*recency + 1*ln(1+impact hours)",
    "services, teams: distinct services and responding teams the class hit in the period",
    "severity: mean weight of its incidents, SEV1 = 1.0, SEV2 = 0.8, SEV3 = 0.6, SEV4 = 0.4, SEV5 = 0.2, unknown = 0.5",
    "recency: share of its incidents in the last quarter of the period",
    "impact hours: sum over its incidents of start to mitigation (else to resolution)",
    "systemic: two or more incidents, on at least --min-services services in the period (default 3)",
    "components: shared components its incidents name, when the incidents through one touch at least --min-services services",
];
