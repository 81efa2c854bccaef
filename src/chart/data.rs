//! The figures behind each chart, selected from the period's [`Findings`] (charts draw; they
//! do not compute).

use crate::analysis::findings::Findings;
use std::collections::BTreeMap;

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

impl ChartData {
    /// The figures of a period's findings.
    pub fn from_findings(f: &Findings) -> Self {
        let by_quarter = &f.trend;
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
        let hotspots = f
            .systemic()
            .take(10)
            .map(|h| (h.label.clone(), h.services.len()))
            .collect();
        let heat_top: Vec<_> = f.hotspots.iter().take(8).collect();
        let mut service_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for h in &heat_top {
            for s in &h.incidents_by_service {
                *service_counts.entry(&s.service).or_default() += s.incidents;
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
                        h.incidents_by_service
                            .iter()
                            .find(|c| &c.service == s)
                            .map_or(0, |c| c.incidents)
                    })
                    .collect()
            })
            .collect();
        let ownership = f
            .ownership
            .gaps()
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
            stacked_classes: f.class_trend.labels.clone(),
            stacked: f.class_trend.counts.clone(),
            rates,
            mitigate_hours,
            resolve_hours,
            hotspots,
            heat_classes: heat_top.iter().map(|h| h.label.clone()).collect(),
            heat_services,
            heat,
            ownership,
        }
    }
}
