//! The figures behind each chart, selected from the period's [`Findings`] (charts draw; they
//! do not compute).

use crate::analysis::findings::Findings;
use std::collections::BTreeMap;

/// Everything the charts draw.
pub struct ChartData {
    pub quarters: Vec<String>,
    /// Per quarter: whether it is in the reported period (drawn shaded).
    pub reported: Vec<bool>,
    /// Top classes (labels), then per quarter the incident count of each, plus "other" last.
    pub stacked_classes: Vec<String>,
    pub stacked: Vec<Vec<usize>>,
    /// Per quarter: repeat rate and finalisation rate (0–1; `None` without data).
    pub rates: Vec<(f64, Option<f64>)>,
    /// Per DAFF phase (detect, acknowledge, mitigate, resolve), per quarter: (median, p90)
    /// hours.
    pub phase_hours: [Vec<(Option<f64>, Option<f64>)>; 4],
    /// Hotspots: class label, distinct services hit, and the ownership of the first shared
    /// component on its path (`None` when it has none).
    pub hotspots: Vec<(String, usize, Option<String>)>,
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
        let phase_hours = [0, 1, 2, 3].map(|k| {
            by_quarter
                .iter()
                .map(|g| (hours(g.minutes[k].0), hours(g.minutes[k].1)))
                .collect()
        });
        let hotspots = f
            .systemic()
            .take(10)
            .map(|h| {
                (
                    line(&h.label),
                    h.services.len(),
                    h.components.first().map(|c| c.status.as_str().to_string()),
                )
            })
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
        let top_services: Vec<&str> = services.iter().take(12).map(|(s, _)| *s).collect();
        let heat = heat_top
            .iter()
            .map(|h| {
                top_services
                    .iter()
                    .map(|s| {
                        h.incidents_by_service
                            .iter()
                            .find(|c| c.service == *s)
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
                    line(&r.component),
                    r.status.as_str().to_string(),
                    r.incident_ids.len(),
                )
            })
            .collect();
        Self {
            quarters: by_quarter.iter().map(|g| line(&g.group)).collect(),
            reported: by_quarter
                .iter()
                .map(|g| f.reported_quarters.contains(&g.group))
                .collect(),
            stacked_classes: f.class_trend.labels.iter().map(|l| line(l)).collect(),
            stacked: f.class_trend.counts.clone(),
            rates,
            phase_hours,
            hotspots,
            heat_classes: heat_top.iter().map(|h| line(&h.label)).collect(),
            heat_services: top_services.iter().map(|s| line(s)).collect(),
            heat,
            ownership,
        }
    }
}

/// Incident text as one line for a chart: no control, escape or bidi character, no line break
/// (the same cleaning as every other output; SVG escaping is the backend's).
fn line(text: &str) -> String {
    crate::output::sanitize::for_terminal(text)
}
