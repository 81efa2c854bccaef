//! The figures behind each chart, taken from the analyses (charts draw; they do not compute).

use crate::analysis::Analysis;
use crate::analysis::hotspots::hotspots;
use crate::analysis::owners::ownership_gaps;
use crate::analysis::period::Period;
use crate::analysis::timings::{GroupBy, by_group};
use crate::error::Result;
use crate::model::Timestamp;
use crate::model::time::quarter_label;
use std::collections::{BTreeMap, BTreeSet};

/// Classes shown by name in stacked charts; the rest are "other classes".
const TOP_CLASSES: usize = 5;

/// Everything the charts draw.
pub struct ChartData {
    pub quarters: Vec<String>,
    /// Top classes (labels), then per quarter the incident count of each, plus "other" last.
    pub stacked_classes: Vec<String>,
    pub stacked: Vec<Vec<usize>>,
    /// Per quarter: repeat rate and finalisation rate (0–1; `None` without data).
    pub rates: Vec<(f64, Option<f64>)>,
    /// Per quarter: (median, p90) hours to mitigate and to resolve.
    pub mitigate_hours: Vec<(Option<f64>, Option<f64>)>,
    pub resolve_hours: Vec<(Option<f64>, Option<f64>)>,
    /// Hotspots: class label and distinct services hit.
    pub hotspots: Vec<(String, usize)>,
    /// Heat map: class labels, service names, counts[class][service].
    pub heat_classes: Vec<String>,
    pub heat_services: Vec<String>,
    pub heat: Vec<Vec<usize>>,
    /// Shared components not owned by one team: name, status, incidents involving them.
    pub ownership: Vec<(String, String, usize)>,
}

/// The analyses charts and reports share, computed once per period.
pub struct Inputs<'a> {
    pub hotspots: Vec<crate::analysis::hotspots::Hotspot<'a>>,
    pub quarters: Vec<crate::analysis::timings::GroupStats>,
    pub owners: Vec<crate::analysis::owners::OwnershipRow>,
}

impl<'a> Inputs<'a> {
    /// Runs the analyses the charts and the report draw on.
    pub fn new(a: &'a Analysis<'a>, period: &Period, now: Timestamp) -> Result<Self> {
        // Independent analyses: side by side.
        let (hotspots, (quarters, owners)) = rayon::join(
            || hotspots(a, period, 3),
            || {
                rayon::join(
                    || by_group(a, period, GroupBy::Quarter, now),
                    || ownership_gaps(a, period),
                )
            },
        );
        Ok(Self {
            hotspots,
            quarters: quarters?,
            owners,
        })
    }
}

impl ChartData {
    /// Computes the figures for a period.
    pub fn new(a: &Analysis<'_>, period: &Period, now: Timestamp) -> Result<Self> {
        Ok(Self::from_inputs(a, period, &Inputs::new(a, period, now)?))
    }

    /// The figures from analyses already run.
    pub fn from_inputs(a: &Analysis<'_>, period: &Period, inputs: &Inputs<'_>) -> Self {
        let hot = &inputs.hotspots;
        let top: Vec<&str> = hot.iter().take(TOP_CLASSES).map(|h| h.cluster_id).collect();
        let labels: BTreeMap<&str, &str> = hot.iter().map(|h| (h.cluster_id, h.label)).collect();
        let incidents = a.incidents_in(period);
        let quarters: Vec<String> = incidents
            .iter()
            .map(|i| quarter_label(i.started_at))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut stacked = vec![vec![0usize; top.len() + 1]; quarters.len()];
        for (ix, i) in a.data.incidents.iter().enumerate() {
            if !period.contains(i.started_at) {
                continue;
            }
            let q = quarters
                .binary_search(&quarter_label(i.started_at))
                .unwrap_or(0);
            let c = a
                .clustering
                .cluster_of(ix)
                .and_then(|c| top.iter().position(|t| *t == c.id))
                .unwrap_or(top.len());
            stacked[q][c] += 1;
        }
        let mut stacked_classes: Vec<String> = top
            .iter()
            .map(|t| labels.get(t).copied().unwrap_or(t).to_string())
            .collect();
        stacked_classes.push("other classes".into());

        let by_quarter = &inputs.quarters;
        let hours = |m: Option<f64>| m.map(|v| v / 60.0);
        let rates = by_quarter
            .iter()
            .map(|g| (g.repeat_rate, g.finalisation_rate))
            .collect();
        let mitigate_hours = by_quarter
            .iter()
            .map(|g| (hours(g.minutes[2].0), hours(g.minutes[2].1)))
            .collect();
        let resolve_hours = by_quarter
            .iter()
            .map(|g| (hours(g.minutes[3].0), hours(g.minutes[3].1)))
            .collect();

        let systemic: Vec<_> = hot
            .iter()
            .filter(|h| h.services.len() >= 3)
            .take(10)
            .collect();
        let hotspots_bars = systemic
            .iter()
            .map(|h| (h.label.to_string(), h.services.len()))
            .collect();

        let heat_top: Vec<_> = hot.iter().take(8).collect();
        let mut service_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for h in &heat_top {
            for i in &h.incidents {
                for s in &i.services {
                    *service_counts.entry(s).or_default() += 1;
                }
            }
        }
        let mut services: Vec<(&str, usize)> = service_counts.into_iter().collect();
        services.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let heat_services: Vec<String> = services
            .iter()
            .take(12)
            .map(|(s, _)| s.to_string())
            .collect();
        let heat = heat_top
            .iter()
            .map(|h| {
                heat_services
                    .iter()
                    .map(|s| {
                        h.incidents
                            .iter()
                            .filter(|i| i.services.contains(s))
                            .count()
                    })
                    .collect()
            })
            .collect();
        let ownership = inputs
            .owners
            .iter()
            .filter(|r| r.status.is_gap())
            .take(10)
            .map(|r| {
                (
                    r.component.clone(),
                    r.status.as_str().to_string(),
                    r.incident_ids.len(),
                )
            })
            .collect();
        Self {
            quarters: by_quarter.iter().map(|g| g.group.clone()).collect(),
            stacked_classes,
            stacked,
            rates,
            mitigate_hours,
            resolve_hours,
            hotspots: hotspots_bars,
            heat_classes: heat_top.iter().map(|h| h.label.to_string()).collect(),
            heat_services,
            heat,
            ownership,
        }
    }
}
