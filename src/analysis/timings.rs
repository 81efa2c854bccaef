//! DAFF timings and trends per group (quarter, service, team, cluster, severity), aggregated with
//! polars: count, median and p90 of the minutes to detect, acknowledge, mitigate and resolve, the
//! repeat rate, the finalisation rate, and the change in count from the previous period.
//!
//! Per incident: detect = detected − started; acknowledge = acknowledged − detected;
//! mitigate = mitigated − started; resolve = resolved − started. A missing or negative duration
//! (timestamps out of order) is left out of that metric.

use super::Analysis;
use super::classes::{self, first_systemic_fix};
use super::period::Period;
use crate::model::time::quarter_label;
use crate::model::{Incident, Timestamp};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Quarter,
    Service,
    Team,
    Cluster,
    Severity,
}

impl GroupBy {
    /// The name used in titles and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quarter => "quarter",
            Self::Service => "service",
            Self::Team => "team",
            Self::Cluster => "cluster",
            Self::Severity => "severity",
        }
    }
}

/// The four DAFF durations, in order.
pub const METRICS: [&str; 4] = ["detect", "acknowledge", "mitigate", "resolve"];

/// Minutes between two instants, when both are known and in order.
fn minutes(from: Option<Timestamp>, to: Option<Timestamp>) -> Option<f64> {
    let d = (to? - from?).num_seconds() as f64 / 60.0;
    (d >= 0.0).then_some(d)
}

/// The four durations of one incident, in minutes.
pub fn durations(i: &Incident) -> [Option<f64>; 4] {
    let start = Some(i.started_at);
    [
        minutes(start, i.detected_at),
        minutes(i.detected_at, i.acknowledged_at),
        minutes(start, i.mitigated_at),
        minutes(start, i.resolved_at),
    ]
}

/// Statistics of one group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupStats {
    pub group: String,
    pub incidents: usize,
    pub incident_ids: Vec<String>,
    /// (median, p90) minutes per metric, in [`METRICS`] order; `None` with no data. In JSON,
    /// `timings` with `detect_median_minutes`, `detect_p90_minutes` and so on.
    #[serde(rename = "timings", serialize_with = "metric_map")]
    pub minutes: MetricFigures,
    /// Share of the group's incidents whose class had been seen before.
    pub repeat_rate: f64,
    /// Share of the recurring classes among the group's incidents with a completed systemic
    /// follow-up by the end of the group's period; `None` when there is no recurring class.
    pub finalisation_rate: Option<f64>,
    /// Incidents minus those of the previous quarter (by quarter) or previous period.
    pub change: Option<i64>,
}

fn keys_of(a: &Analysis<'_>, index: usize, i: &Incident, by: GroupBy) -> Vec<String> {
    match by {
        GroupBy::Quarter => vec![quarter_label(i.started_at)],
        GroupBy::Service => i.services.clone(),
        GroupBy::Team => vec![i.team.clone().unwrap_or_else(|| "(no team)".into())],
        GroupBy::Cluster => vec![
            a.clustering
                .cluster_of(index)
                .map_or_else(|| "(unclassified)".into(), |c| c.id.clone()),
        ],
        GroupBy::Severity => vec![
            i.severity
                .map_or_else(|| "(unset)".into(), |s| s.label().to_string()),
        ],
    }
}

/// (median, p90) minutes for each of the four metrics.
pub type MetricFigures = [(Option<f64>, Option<f64>); 4];

fn metric_map<S: serde::Serializer>(
    m: &MetricFigures,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(8))?;
    for (k, name) in METRICS.iter().enumerate() {
        map.serialize_entry(&format!("{name}_median_minutes"), &m[k].0)?;
        map.serialize_entry(&format!("{name}_p90_minutes"), &m[k].1)?;
    }
    map.end()
}

/// Median and p90 per group, each over the values present. Quantiles interpolate linearly
/// between the two nearest ranks (numpy's and polars' `linear`); the median is the 0.5 quantile.
fn aggregate(rows: &[(String, [Option<f64>; 4])]) -> HashMap<String, MetricFigures> {
    use rayon::prelude::*;
    let mut groups: HashMap<&str, [Vec<f64>; 4]> = HashMap::new();
    for (g, d) in rows {
        let values = groups.entry(g.as_str()).or_default();
        for (k, v) in d.iter().enumerate() {
            if let Some(v) = v.filter(|v| !v.is_nan()) {
                values[k].push(v);
            }
        }
    }
    groups
        .into_par_iter()
        .map(|(g, mut values)| {
            let mut m = [(None, None); 4];
            for (slot, v) in m.iter_mut().zip(values.iter_mut()) {
                v.sort_unstable_by(f64::total_cmp);
                *slot = (quantile(v, 0.5), quantile(v, 0.9));
            }
            (g.to_string(), m)
        })
        .collect()
}

/// The `q` quantile of sorted values, linearly interpolated; none of no values.
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = q * last as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Group statistics for the period.
pub fn by_group(a: &Analysis<'_>, period: &Period, by: GroupBy, now: Timestamp) -> Vec<GroupStats> {
    // Per recurring class of the period: when it was first fixed systemically, as of the end
    // of the period (a group other than a quarter counts the fixes made by then).
    let as_of = period.until.map_or(now, |u| u.min(now));
    let finalised_at: HashMap<usize, Option<Timestamp>> = if by == GroupBy::Quarter {
        HashMap::new()
    } else {
        a.clustering
            .clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.crumb)
            .filter_map(|(ci, c)| {
                let (_, recurring) = classes::in_period(a, &c.members, period);
                recurring.then(|| (ci, first_systemic_fix(a, &c.members, as_of).map(|(_, t)| t)))
            })
            .collect()
    };

    let mut rows: Vec<(String, [Option<f64>; 4])> = Vec::new();
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, x) in a.data.incidents.iter().enumerate() {
        if !a.counts(period, i) {
            continue;
        }
        let d = durations(x);
        for key in keys_of(a, i, x, by) {
            rows.push((key.clone(), d));
            members.entry(key).or_default().push(i);
        }
    }
    let medians = aggregate(&rows);
    let previous: Option<HashMap<String, usize>> = match by {
        GroupBy::Quarter => None,
        _ => period.previous().map(|prev| {
            let mut counts = HashMap::new();
            for (i, x) in a.data.incidents.iter().enumerate() {
                if a.counts(&prev, i) {
                    for key in keys_of(a, i, x, by) {
                        *counts.entry(key).or_default() += 1;
                    }
                }
            }
            counts
        }),
    };
    let first = a.data.incidents.iter().map(|i| i.started_at).min();
    // Incidents per quarter over the whole store, counted once (for each quarter's change).
    let mut all_quarters: HashMap<String, usize> = HashMap::new();
    if by == GroupBy::Quarter {
        for i in &a.data.incidents {
            *all_quarters.entry(quarter_label(i.started_at)).or_default() += 1;
        }
    }
    // A quarter is judged as its own period: its recurring classes, fixed by its end.
    let shares = if by == GroupBy::Quarter {
        classes::finalised_share_by_quarter(a, period, as_of)
    } else {
        HashMap::new()
    };
    let mut out: Vec<GroupStats> = Vec::new();
    for (key, ids) in &members {
        let n = ids.len();
        let repeats = ids.iter().filter(|i| a.is_repeat(**i)).count();
        let quarter = (by == GroupBy::Quarter)
            .then(|| Period::quarter(key).ok())
            .flatten();
        let (finalisation_rate, change) = match quarter {
            Some(q) => {
                let (recurring, finalised) = shares.get(key).copied().unwrap_or_default();
                // No change for a quarter before which the store has no incident at all.
                let before = q
                    .previous()
                    .filter(|p| p.until.is_some_and(|u| first.is_some_and(|f| f < u)))
                    .and_then(|p| p.since)
                    .map(|since| {
                        all_quarters
                            .get(&quarter_label(since))
                            .copied()
                            .unwrap_or(0)
                    });
                (
                    (recurring > 0).then(|| finalised as f64 / recurring as f64),
                    before.map(|b| n as i64 - b as i64),
                )
            }
            None => {
                let recurring: BTreeSet<usize> = ids
                    .iter()
                    .filter_map(|i| a.clustering.assignment[*i])
                    .filter(|c| finalised_at.contains_key(c))
                    .collect();
                let rate = (!recurring.is_empty()).then(|| {
                    recurring
                        .iter()
                        .filter(|c| finalised_at[c].is_some_and(|t| t <= as_of))
                        .count() as f64
                        / recurring.len() as f64
                });
                let change = previous
                    .as_ref()
                    .map(|p| n as i64 - p.get(key).copied().unwrap_or(0) as i64);
                (rate, change)
            }
        };
        out.push(GroupStats {
            group: key.clone(),
            incidents: n,
            incident_ids: ids
                .iter()
                .map(|i| a.data.incidents[*i].id.clone())
                .collect(),
            minutes: medians.get(key).copied().unwrap_or([(None, None); 4]),
            repeat_rate: repeats as f64 / n as f64,
            finalisation_rate,
            change,
        });
    }
    if !matches!(by, GroupBy::Quarter | GroupBy::Severity) {
        out.sort_by(|x, y| y.incidents.cmp(&x.incidents).then(x.group.cmp(&y.group)));
    }
    out
}

/// For each incident, whether its cause class had an earlier incident in scope (over all
/// history; ties in time broken by id). Cached by [`Analysis::is_repeat`].
pub fn repeat_flags(a: &Analysis<'_>) -> Vec<bool> {
    let mut first: HashMap<usize, (Timestamp, &str)> = HashMap::new();
    for (i, x) in a.data.incidents.iter().enumerate() {
        if let Some(c) = a.clustering.assignment[i].filter(|_| a.in_scope(i)) {
            let e = first.entry(c).or_insert((x.started_at, &x.id));
            if (x.started_at, x.id.as_str()) < *e {
                *e = (x.started_at, &x.id);
            }
        }
    }
    a.data
        .incidents
        .iter()
        .enumerate()
        .map(|(i, x)| {
            a.clustering.assignment[i]
                .and_then(|c| first.get(&c))
                .is_some_and(|f| *f != (x.started_at, x.id.as_str()))
        })
        .collect()
}

/// Share of the period's incidents whose cause class had an earlier incident.
pub fn repeat_rate(a: &Analysis<'_>, period: &Period) -> Option<f64> {
    let in_period: Vec<usize> = (0..a.data.incidents.len())
        .filter(|i| a.counts(period, *i))
        .collect();
    let repeats = in_period.iter().filter(|i| a.is_repeat(**i)).count();
    (!in_period.is_empty()).then(|| repeats as f64 / in_period.len() as f64)
}

/// How the figures are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "detect: started_at to detected_at; acknowledge: detected_at to acknowledged_at",
    "mitigate: started_at to mitigated_at; resolve: started_at to resolved_at (minutes)",
    "each shown as median / p90 (90th percentile, linear interpolation) over the group's incidents that have both timestamps in order",
    "repeat rate: share of the group's incidents whose cause class had an earlier incident",
    "finalisation rate of a quarter: share of the quarter's own recurring classes (two or more incidents on two or more services in it) with a first systemic fix by its end; of another group: share of the period's recurring classes among the group's incidents with one by the end of the period",
    "change: incidents minus those of the previous quarter (by quarter, whatever the period) or of the previous period of the same length (other groupings, when --since and --until or --quarter are given)",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p90_match_a_hand_computed_fixture() {
        // Detect minutes 10, 20, 30, 40 in group a; 5 in group b; one missing in b.
        let rows: Vec<(String, [Option<f64>; 4])> = [
            ("a", Some(10.0)),
            ("a", Some(20.0)),
            ("a", Some(30.0)),
            ("a", Some(40.0)),
            ("b", Some(5.0)),
            ("b", None),
        ]
        .into_iter()
        .map(|(g, d)| (g.to_string(), [d, None, d.map(|x| x * 2.0), None]))
        .collect();
        let m = aggregate(&rows);
        // median of 10..40 = 25; p90 (linear) = 30 + 0.7 * 10 = 37.
        assert_eq!(m["a"][0], (Some(25.0), Some(37.0)));
        assert_eq!(m["a"][2], (Some(50.0), Some(74.0)));
        assert_eq!(
            m["b"][0],
            (Some(5.0), Some(5.0)),
            "missing values are left out"
        );
        assert_eq!(m["a"][1], (None, None), "no data, no figure");
    }

    #[test]
    fn durations_skip_missing_and_out_of_order_timestamps() {
        let t = |s: &str| crate::model::time::parse_timestamp(s);
        let mut i = Incident::example("X");
        i.started_at = t("2024-01-01T10:00:00Z").unwrap();
        i.detected_at = t("2024-01-01T10:05:00Z");
        i.acknowledged_at = t("2024-01-01T10:04:00Z");
        i.mitigated_at = t("2024-01-01T11:00:00Z");
        assert_eq!(durations(&i), [Some(5.0), None, Some(60.0), None]);
    }
}
