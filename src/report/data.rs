//! `ReportData`: every figure of the report in one serialisable value, built from the analyses.
//! HTML, Markdown and JSON are views of it, so they can never disagree.

use crate::analysis::Analysis;
use crate::analysis::gaps::gaps;
use crate::analysis::hotspots;
use crate::analysis::owners;
use crate::analysis::ownership::claims_text;
use crate::analysis::period::Period;
use crate::analysis::recommend;
use crate::analysis::timings;
use crate::chart::data::Inputs;
use crate::error::Result;
use crate::model::Timestamp;
use serde::Serialize;
use std::collections::BTreeSet;

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub title: String,
    pub period: String,
    pub previous_period: Option<String>,
    /// Only when `--now` was given (files stay byte-identical otherwise).
    pub generated_at: Option<String>,
    pub summary: Summary,
    pub hotspots: Vec<HotspotRow>,
    pub ownership: Vec<OwnerRow>,
    pub gaps: Vec<GapRow>,
    pub before_after: Vec<BeforeAfterRow>,
    pub daff: Vec<DaffRow>,
    pub charts: Vec<ChartRef>,
    pub definitions: Vec<Definitions>,
}

/// The executive summary's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub incidents: usize,
    pub incidents_previous: Option<usize>,
    pub repeat_rate: Option<f64>,
    pub repeat_rate_previous: Option<f64>,
    pub finalisation_rate: Option<f64>,
    pub finalisation_rate_previous: Option<f64>,
    pub recurring_classes: usize,
    pub incident_ids: Vec<String>,
}

/// One systemic hotspot.
#[derive(Debug, Clone, Serialize)]
pub struct HotspotRow {
    pub rank: usize,
    pub cluster_id: String,
    pub label: String,
    pub score: f64,
    pub incidents: usize,
    pub services: Vec<String>,
    pub teams: usize,
    pub component: Option<String>,
    pub ownership: Option<String>,
    pub recommendation: String,
    pub incident_ids: Vec<String>,
    /// A few of its incidents, most recent first: (id, title).
    pub examples: Vec<(String, String)>,
}

/// One shared component not owned by one team.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerRow {
    pub component: String,
    pub status: String,
    pub owners: String,
    pub dependents: usize,
    pub incidents: usize,
    pub recommendation: String,
    pub incident_ids: Vec<String>,
}

/// One finalisation gap.
#[derive(Debug, Clone, Serialize)]
pub struct GapRow {
    pub cluster_id: String,
    pub label: String,
    pub services: usize,
    pub incidents: usize,
    pub reason: String,
    pub incident_ids: Vec<String>,
}

/// A finalised class, before and after its systemic fix.
#[derive(Debug, Clone, Serialize)]
pub struct BeforeAfterRow {
    pub cluster_id: String,
    pub label: String,
    pub fix: String,
    pub fixed_on: String,
    pub per_quarter_before: f64,
    pub per_quarter_after: f64,
}

/// DAFF timings of one quarter (minutes; median and p90).
#[derive(Debug, Clone, Serialize)]
pub struct DaffRow {
    pub quarter: String,
    pub incidents: usize,
    pub minutes: Vec<(Option<f64>, Option<f64>)>,
    pub repeat_rate: f64,
    pub finalisation_rate: Option<f64>,
}

/// A chart file of the report.
#[derive(Debug, Clone, Serialize)]
pub struct ChartRef {
    pub name: String,
    pub description: String,
    pub svg: String,
    pub png: String,
}

/// Definitions for one section.
#[derive(Debug, Clone, Serialize)]
pub struct Definitions {
    pub section: String,
    pub lines: Vec<String>,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

impl ReportData {
    /// Builds the report for a period.
    pub fn new(
        a: &Analysis<'_>,
        inputs: &Inputs<'_>,
        period: &Period,
        now: Timestamp,
        stamp: Option<Timestamp>,
    ) -> Result<Self> {
        let previous = period.previous();
        let incidents = a.incidents_in(period);
        let g = gaps(a, period, now);
        let prev_gaps = previous.as_ref().map(|p| gaps(a, p, now));
        let summary = Summary {
            incidents: incidents.len(),
            incidents_previous: previous.as_ref().map(|p| a.incidents_in(p).len()),
            repeat_rate: timings::repeat_rate(a, period).map(|r| round(r, 4)),
            repeat_rate_previous: previous
                .as_ref()
                .and_then(|p| timings::repeat_rate(a, p))
                .map(|r| round(r, 4)),
            finalisation_rate: g.finalisation_rate().map(|r| round(r, 4)),
            finalisation_rate_previous: prev_gaps
                .as_ref()
                .and_then(|p| p.finalisation_rate())
                .map(|r| round(r, 4)),
            recurring_classes: g.classes.len(),
            incident_ids: incidents.iter().map(|i| i.id.clone()).collect(),
        };
        let hot: Vec<HotspotRow> = inputs
            .hotspots
            .iter()
            .filter(|h| h.systemic)
            .take(10)
            .enumerate()
            .map(|(rank, h)| {
                let done = g
                    .classes
                    .iter()
                    .find(|c| c.cluster_id == h.cluster_id)
                    .and_then(|c| c.systemic_done)
                    .map(|(act, t)| {
                        (
                            act.title.as_str(),
                            t,
                            h.incidents.iter().filter(|i| i.started_at > t).count(),
                        )
                    });
                HotspotRow {
                    rank: rank + 1,
                    cluster_id: h.cluster_id.to_string(),
                    label: h.label.to_string(),
                    score: round(h.score, 1),
                    incidents: h.incidents.len(),
                    services: h.services.iter().map(|s| s.to_string()).collect(),
                    teams: h.teams.len(),
                    component: h.components.first().map(|c| c.name.clone()),
                    ownership: h.components.first().map(|c| c.status.as_str().to_string()),
                    recommendation: recommend::finalisation(
                        h.label,
                        h.services.len(),
                        h.services.iter().next().copied(),
                        &h.components,
                        done,
                    ),
                    incident_ids: h.incidents.iter().map(|i| i.id.clone()).collect(),
                    examples: h
                        .incidents
                        .iter()
                        .rev()
                        .take(3)
                        .map(|i| (i.id.clone(), i.title.clone()))
                        .collect(),
                }
            })
            .collect();
        let ownership = inputs
            .owners
            .iter()
            .filter(|r| r.status.is_gap())
            .map(|r| {
                let services: BTreeSet<&str> = r.services_hit.iter().map(String::as_str).chain(r.dependents.iter().map(String::as_str)).collect();
                OwnerRow {
                    recommendation: format!(
                        "{} {} and is involved in {} incident(s) across {} service(s): give it one owning team with an on-call rotation.",
                        r.component,
                        r.status.describe(&r.claims),
                        r.incident_ids.len(),
                        services.len()
                    ),
                    component: r.component.clone(),
                    status: r.status.as_str().to_string(),
                    owners: claims_text(&r.claims),
                    dependents: r.dependents.len(),
                    incidents: r.incident_ids.len(),
                    incident_ids: r.incident_ids.clone(),
                }
            })
            .collect();
        let gap_rows = g
            .classes
            .iter()
            .filter(|c| !c.finalised())
            .map(|c| GapRow {
                cluster_id: c.cluster_id.to_string(),
                label: c.label.to_string(),
                services: c.services.len(),
                incidents: c.incidents.len(),
                reason: c.reasons.join("; "),
                incident_ids: c.incidents.iter().map(|i| i.id.clone()).collect(),
            })
            .collect();
        let before_after = g
            .before_after
            .iter()
            .map(|b| BeforeAfterRow {
                cluster_id: b.cluster_id.to_string(),
                label: b.label.to_string(),
                fix: b.fix.to_string(),
                fixed_on: b.fixed_at.format("%Y-%m-%d").to_string(),
                per_quarter_before: round(b.rate_before(), 2),
                per_quarter_after: round(b.rate_after(), 2),
            })
            .collect();
        let daff = inputs
            .quarters
            .iter()
            .map(|q| DaffRow {
                quarter: q.group.clone(),
                incidents: q.incidents,
                minutes: q
                    .minutes
                    .iter()
                    .map(|(m, p)| (m.map(|v| round(v, 1)), p.map(|v| round(v, 1))))
                    .collect(),
                repeat_rate: round(q.repeat_rate, 4),
                finalisation_rate: q.finalisation_rate.map(|r| round(r, 4)),
            })
            .collect();
        let charts = crate::chart::ChartKind::ALL
            .iter()
            .map(|k| ChartRef {
                name: k.name().to_string(),
                description: k.description().to_string(),
                svg: format!("charts/{}.svg", k.name()),
                png: format!("charts/{}.png", k.name()),
            })
            .collect();
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        let definitions = vec![
            Definitions {
                section: "hotspots".into(),
                lines: lines(hotspots::EXPLAIN),
            },
            Definitions {
                section: "ownership".into(),
                lines: lines(owners::EXPLAIN),
            },
            Definitions {
                section: "finalisation".into(),
                lines: lines(crate::analysis::gaps::EXPLAIN),
            },
            Definitions {
                section: "timings".into(),
                lines: lines(timings::EXPLAIN),
            },
        ];
        Ok(Self {
            title: format!("Recurring incidents report, {}", period.describe()),
            period: period.describe(),
            previous_period: previous.map(|p| p.describe()),
            generated_at: stamp.map(|t| t.to_rfc3339()),
            summary,
            hotspots: hot,
            ownership,
            gaps: gap_rows,
            before_after,
            daff,
            charts,
            definitions,
        })
    }
}
