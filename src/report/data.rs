//! `ReportData`: the report's selection of the period's [`Findings`], worded for a reader.
//! HTML, Markdown and JSON are views of it; every figure in it is copied from the findings, so
//! the report can never disagree with the terminal or the exported tables.

use crate::analysis::changes::Changes;
use crate::analysis::findings::{Findings, Summary as PeriodSummary};
use crate::analysis::ownership::claims_text;
use crate::analysis::{classes, gaps, hotspots, owners, recommend, timings};
use crate::model::Timestamp;
use crate::output::count;
use serde::Serialize;

pub use super::rows::{
    BeforeAfterRow, ChartRef, DaffRow, Definitions, GapRow, HotspotRow, IDS_LISTED, IncidentLine,
    Listing, OpenSystemic, OverdueLine, OwnerOverdue, OwnerRow, Summary, TrendRow,
};

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub title: String,
    /// The `--team`/`--service`/`--component` filters every figure is narrowed to, if any.
    pub filter: Option<String>,
    pub period: String,
    /// Shared components not owned by one team that had no incident in the period.
    pub quiet_ownership_gaps: usize,
    /// Components incidents name that the catalog does not know.
    pub not_in_catalog: Vec<String>,
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
    /// The same period a year earlier, compared in the summary.
    pub year_earlier_period: Option<String>,
    /// Against the previous period (absent for all time).
    pub changes: Option<Changes>,
    /// Open follow-ups past their due date, per owner (no owner last), the most overdue first.
    pub overdue: Vec<OwnerOverdue>,
    /// Open systemic follow-ups of recurring classes (the fixes in flight), the soonest due
    /// first.
    pub open_systemic: Listing<OpenSystemic>,
    /// Incidents of the period with no follow-up at all, the most recent first.
    pub without_followups: Listing<IncidentLine>,
    /// The trend window's quarters (8 ending with the period's last), the period's marked.
    pub trend: Vec<TrendRow>,
    /// How many incidents have each DAFF timestamp, and what each median rests on.
    pub daff_coverage: crate::analysis::coverage::Coverage,
    /// The postmortem URL of each incident of the period that has one, by id.
    pub incident_urls: std::collections::BTreeMap<String, String>,
}

fn day(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

fn summary(
    now: &PeriodSummary,
    before: Option<&PeriodSummary>,
    year: Option<&PeriodSummary>,
) -> Summary {
    Summary {
        incidents: now.incidents,
        incidents_previous: before.map(|p| p.incidents),
        repeat_rate: now.repeat_rate,
        repeat_rate_previous: before.and_then(|p| p.repeat_rate),
        finalisation_rate: now.finalisation_rate,
        finalisation_rate_previous: before.and_then(|p| p.finalisation_rate),
        recurring_classes: now.recurring_classes,
        recurring_classes_previous: before.map(|p| p.recurring_classes),
        incidents_year_earlier: year.map(|p| p.incidents),
        repeat_rate_year_earlier: year.and_then(|p| p.repeat_rate),
        finalisation_rate_year_earlier: year.and_then(|p| p.finalisation_rate),
        recurring_classes_year_earlier: year.map(|p| p.recurring_classes),
        systemic_classes: now.systemic_classes,
        services_hit: now.services_hit,
        ownership_gaps: now.ownership_gaps,
    }
}

impl ReportData {
    /// The report of a period's findings; `stamp` is printed as the generation time.
    pub fn new(f: &Findings, stamp: Option<Timestamp>) -> Self {
        let fin = &f.finalisation;
        let hot: Vec<HotspotRow> = f
            .systemic()
            .take(10)
            .map(|h| {
                let done = fin
                    .before_after
                    .iter()
                    .find(|b| b.cluster_id == h.cluster_id)
                    .map(|b| (b.fix.as_str(), b.fixed_at, b.incident_ids_after.len()));
                HotspotRow {
                    rank: h.rank.unwrap_or_default(),
                    cluster_id: h.cluster_id.clone(),
                    label: h.label.clone(),
                    score: h.score,
                    incidents: h.incident_ids.len(),
                    services: h.services.clone(),
                    teams: h.teams.len(),
                    component: h.components.first().map(|c| c.name.clone()),
                    ownership: h.components.first().map(|c| c.status.as_str().to_string()),
                    recommendation: recommend::finalisation(
                        &h.label,
                        h.services.len(),
                        h.services.first().map(String::as_str),
                        &h.components,
                        done,
                    ),
                    movement: h.movement.map(|m| m.as_str().to_string()),
                    incident_ids: h.incident_ids.clone(),
                    examples: h
                        .recent
                        .iter()
                        .take(3)
                        .map(|i| (i.id.clone(), i.title.clone()))
                        .collect(),
                }
            })
            .collect();
        // Gaps the top hotspots already name are not repeated as items of their own.
        let named: Vec<&str> = hot
            .iter()
            .take(3)
            .filter_map(|h| h.component.as_deref())
            .collect();
        let ownership = f
            .ownership
            .gaps()
            .filter(|r| !r.incident_ids.is_empty())
            .map(|r| {
                let proposal = r.proposed_owner.as_ref().map(|p| {
                    format!(" recur proposes {}, which {}.", p.team, p.evidence)
                });
                OwnerRow {
                    recommendation: format!(
                        "{} {}; {} in the period involved it, on {}, and {} {} on it: give it one owning team with an on-call rotation.{}",
                        r.component,
                        r.status.describe(&r.owners),
                        count(r.incident_ids.len(), "incident"),
                        count(r.services_hit.len(), "service"),
                        count(r.dependents.len(), "service"),
                        if r.dependents.len() == 1 { "depends" } else { "depend" },
                        proposal.unwrap_or_default(),
                    ),
                    component: r.component.clone(),
                    status: r.status.as_str().to_string(),
                    owners: claims_text(&r.owners),
                    dependents: r.dependents.len(),
                    incidents: r.incident_ids.len(),
                    services_hit: r.services_hit.len(),
                    proposed_owner: r.proposed_owner.as_ref().map(|p| p.team.clone()),
                    proposal_evidence: r.proposed_owner.as_ref().map(|p| p.evidence.clone()),
                    named_by_hotspot: named.contains(&r.component.as_str()),
                    incident_ids: r.incident_ids.clone(),
                }
            })
            .collect::<Vec<_>>();
        // Findings list the overdue follow-ups most overdue first; each owner keeps that order.
        let mut by_owner: Vec<(String, Vec<OverdueLine>)> = Vec::new();
        for o in &fin.overdue_followups {
            let owner = o
                .followup
                .owner
                .clone()
                .unwrap_or_else(|| "no owner".into());
            let line = OverdueLine {
                incident_id: o.followup.incident_id.clone(),
                title: o.followup.title.clone(),
                due: o.followup.due_at.map(day).unwrap_or_default(),
                days_overdue: o.days_overdue,
            };
            match by_owner.iter_mut().find(|g| g.0 == owner) {
                Some(g) => g.1.push(line),
                None => by_owner.push((owner, vec![line])),
            }
        }
        by_owner.sort_by(|x, y| {
            (x.0 == "no owner")
                .cmp(&(y.0 == "no owner"))
                .then(y.1.len().cmp(&x.1.len()))
                .then(x.0.cmp(&y.0))
        });
        let overdue = by_owner
            .into_iter()
            .map(|(owner, items)| OwnerOverdue {
                owner,
                items: Listing::of(items.into_iter()),
            })
            .collect();
        let mut open: Vec<OpenSystemic> = fin
            .classes
            .iter()
            .flat_map(|c| {
                c.open_systemic.iter().map(|x| OpenSystemic {
                    class: c.label.clone(),
                    incident_id: x.incident_id.clone(),
                    title: x.title.clone(),
                    owner: x.owner.clone(),
                    due: x.due_at.map(day),
                })
            })
            .collect();
        // The soonest due first; those without a due date last.
        open.sort_by(|x, y| {
            x.due
                .is_none()
                .cmp(&y.due.is_none())
                .then(x.due.cmp(&y.due))
                .then(x.incident_id.cmp(&y.incident_id))
        });
        let open_systemic = Listing::of(open.into_iter());
        let mut without: Vec<&crate::analysis::hotspots::IncidentRef> =
            fin.incidents_without_followups.iter().collect();
        without.sort_by(|x, y| y.started_at.cmp(&x.started_at).then(x.id.cmp(&y.id)));
        let without_followups = Listing::of(without.into_iter().map(|i| IncidentLine {
            id: i.id.clone(),
            title: i.title.clone(),
            day: day(i.started_at),
        }));
        let gap_rows = fin
            .gaps()
            .map(|c| GapRow {
                cluster_id: c.cluster_id.clone(),
                label: c.label.clone(),
                services: c.services.len(),
                incidents: c.incident_ids.len(),
                reason: c.reasons.join("; "),
                incident_ids: c.incident_ids.clone(),
            })
            .collect();
        let before_after = fin
            .before_after
            .iter()
            .map(|b| BeforeAfterRow {
                cluster_id: b.cluster_id.clone(),
                label: b.label.clone(),
                fix: b.fix.clone(),
                fixed_on: day(b.fixed_at),
                per_quarter_before: b.incidents_per_quarter_before,
                per_quarter_after: b.incidents_per_quarter_after,
            })
            .collect();
        let daff = f
            .quarters
            .iter()
            .map(|q| DaffRow {
                quarter: q.group.clone(),
                incidents: q.incidents,
                minutes: q.minutes.to_vec(),
                repeat_rate: q.repeat_rate,
                finalisation_rate: q.finalisation_rate,
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
        let lines = |l: &[&[&str]]| {
            l.iter()
                .flat_map(|x| x.iter())
                .map(|s| s.to_string())
                .collect()
        };
        let definitions = vec![
            Definitions {
                section: "hotspots".into(),
                lines: lines(&[classes::EXPLAIN, hotspots::EXPLAIN]),
            },
            Definitions {
                section: "ownership".into(),
                lines: lines(&[owners::EXPLAIN]),
            },
            Definitions {
                section: "finalisation".into(),
                lines: lines(&[gaps::EXPLAIN]),
            },
            Definitions {
                section: "timings".into(),
                lines: lines(&[timings::EXPLAIN]),
            },
        ];
        Self {
            title: format!(
                "Recurring incidents report, {}{}",
                f.filter
                    .as_ref()
                    .map_or(String::new(), |s| format!("{s} — ")),
                match f.period.slug.as_str() {
                    "all-time" => "all time",
                    q if q.len() == 6 && q.as_bytes()[4] == b'Q' => q,
                    _ => f.period.label.as_str(),
                }
            ),
            filter: f.filter.clone(),
            period: match (&f.period.since, f.first_incident, f.last_incident) {
                (None, Some(a), Some(b)) => format!("all time ({} to {})", day(a), day(b)),
                _ => f.period.label.clone(),
            },
            quiet_ownership_gaps: f
                .ownership
                .gaps()
                .filter(|r| r.incident_ids.is_empty())
                .count(),
            not_in_catalog: f
                .ownership
                .not_in_catalog
                .iter()
                .map(|r| r.component.clone())
                .collect(),
            previous_period: f.previous_period.as_ref().map(|p| p.label.clone()),
            generated_at: stamp.map(|t| t.to_rfc3339()),
            summary: summary(&f.summary, f.previous.as_ref(), f.year_earlier.as_ref()),
            year_earlier_period: f.year_earlier_period.as_ref().map(|p| p.label.clone()),
            changes: f.changes.clone(),
            overdue,
            open_systemic,
            without_followups,
            daff_coverage: f.daff_coverage.clone(),
            incident_urls: f.incident_urls.clone(),
            trend: f
                .trend
                .iter()
                .map(|q| TrendRow {
                    quarter: q.group.clone(),
                    incidents: q.incidents,
                    repeat_rate: q.repeat_rate,
                    finalisation_rate: q.finalisation_rate,
                    reported: f.reported_quarters.contains(&q.group),
                })
                .collect(),
            hotspots: hot,
            ownership,
            gaps: gap_rows,
            before_after,
            daff,
            charts,
            definitions,
        }
    }
}
