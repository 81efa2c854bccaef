//! `Findings`: every figure recur reports about a period, computed once, as one serialisable
//! value. Terminal tables, JSON, the exported tables, the report (HTML, Markdown, JSON) and the
//! chart data are renderings of it; none computes a figure of its own.

use super::Analysis;
use super::changes::{Changes, compare};
use super::classes;
use super::gaps::{Finalisation, gaps};
use super::hotspots::{Hotspot, hotspots};
use super::owners::{Ownership, ownership_gaps};
use super::period::Period;
use super::timings::{GroupBy, GroupStats, by_group, repeat_rate};
use super::trend::{ClassTrend, class_trend};
use crate::model::Timestamp;
use serde::Serialize;
use std::collections::BTreeSet;

/// Quarters a report's trend charts show, ending with the period's last.
pub const TREND_QUARTERS: u32 = 8;

/// What to compute the findings of.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub period: Period,
    /// "Now" for overdue follow-ups: `--now`, else the end of the period (or of the data).
    pub now: Timestamp,
    /// Services a class must hit to be systemic, and a component's incidents to be on its path.
    pub min_services: usize,
}

/// A period as the outputs name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodInfo {
    /// `2024-07-01 to 2024-09-30`, `all time`.
    pub label: String,
    /// `2024Q3`, `all-time`: the report folder.
    pub slug: String,
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

impl PeriodInfo {
    /// The names of a period.
    pub fn of(p: &Period) -> Self {
        Self {
            label: p.describe(),
            slug: p.slug(),
            since: p.since,
            until: p.until,
        }
    }
}

/// The headline figures of a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub incidents: usize,
    /// Distinct services its incidents hit.
    pub services_hit: usize,
    /// Share of its incidents whose cause class had an earlier incident.
    pub repeat_rate: Option<f64>,
    /// Share of its recurring classes with a completed systemic follow-up.
    pub finalisation_rate: Option<f64>,
    pub recurring_classes: usize,
    pub systemic_classes: usize,
    pub finalised_classes: usize,
    /// Shared components in the catalog not owned by one team, with incidents in the period.
    pub ownership_gaps: usize,
    pub incident_ids: Vec<String>,
}

/// Every finding of a period, and the headline figures of the period before it.
#[derive(Debug, Clone, Serialize)]
pub struct Findings {
    pub period: PeriodInfo,
    /// The `--team`/`--service`/`--component` filters (`team payments`), when given: every
    /// figure counts only the incidents they put in scope.
    pub filter: Option<String>,
    pub previous_period: Option<PeriodInfo>,
    pub now: Timestamp,
    pub min_services: usize,
    /// The first and the last incident of the period.
    pub first_incident: Option<Timestamp>,
    pub last_incident: Option<Timestamp>,
    pub summary: Summary,
    pub previous: Option<Summary>,
    /// The same period a year earlier (when the period is closed).
    pub year_earlier_period: Option<PeriodInfo>,
    pub year_earlier: Option<Summary>,
    /// Against the previous period: hotspots new, growing, shrinking, resolved; classes
    /// finalised; ownership gaps reached for the first time.
    pub changes: Option<Changes>,
    /// Every class with incidents in the period, highest score first; `systemic` ones ranked.
    pub hotspots: Vec<Hotspot>,
    pub ownership: Ownership,
    pub finalisation: Finalisation,
    /// DAFF timings, repeat and finalisation rates per quarter of the period.
    pub quarters: Vec<GroupStats>,
    /// The trend window: the 8 quarters ending with the period's last (or the period itself
    /// when longer); each quarter judged as its own period, so the period's quarters agree
    /// with `quarters`.
    pub trend_period: PeriodInfo,
    pub trend: Vec<GroupStats>,
    /// Labels of the trend's quarters that are in the period (the ones to highlight).
    pub reported_quarters: Vec<String>,
    /// Incidents per quarter of the top classes, over the trend window.
    pub class_trend: ClassTrend,
    /// How many of the period's incidents have each DAFF timestamp, and what each median rests on.
    pub daff_coverage: super::coverage::Coverage,
    /// The `url` of each of the period's incidents that has one, by id (reports link ids to it).
    pub incident_urls: std::collections::BTreeMap<String, String>,
}

impl Findings {
    /// Computes every finding of the request's period (and the previous period's summary).
    pub fn compute(a: &Analysis<'_>, request: &Request) -> Self {
        let Request {
            period,
            now,
            min_services,
        } = *request;
        a.prepare();
        let (hot, ((quarters, ownership), finalisation)) = rayon::join(
            || hotspots(a, &period, min_services),
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || by_group(a, &period, GroupBy::Quarter, now),
                            || ownership_gaps(a, &period),
                        )
                    },
                    || gaps(a, &period, now),
                )
            },
        );
        let mut hot = hot;
        let summary = summary_of(a, &period, &hot, &ownership, &finalisation);
        let previous_period = period.previous();
        let (previous, changes) = match previous_period {
            Some(p) => {
                let until = p.until.unwrap_or(now);
                let (h, o, f) = (
                    hotspots(a, &p, min_services),
                    ownership_gaps(a, &p),
                    gaps(a, &p, until),
                );
                let as_of = period.until.map_or(now, |u| u.min(now));
                let changes = compare(a, &period, as_of, (&mut hot, &h), (&ownership, &o));
                (Some(summary_of(a, &p, &h, &o, &f)), Some(changes))
            }
            None => (None, None),
        };
        let year_earlier_period = period.year_earlier();
        let year_earlier = year_earlier_period.map(|p| {
            let until = p.until.unwrap_or(now);
            let (h, o, f) = (
                hotspots(a, &p, min_services),
                ownership_gaps(a, &p),
                gaps(a, &p, until),
            );
            summary_of(a, &p, &h, &o, &f)
        });
        let trend_period = period.trailing_quarters(TREND_QUARTERS);
        // Quarters are judged each as its own period, so the period's rows serve when the
        // window is the period itself (all time, or a period of 8 quarters or more).
        let trend = if trend_period == period {
            quarters.clone()
        } else {
            by_group(a, &trend_period, GroupBy::Quarter, now)
        };
        let reported_quarters = quarters.iter().map(|q| q.group.clone()).collect();
        let in_period = a.incidents_in(&period);
        let starts = in_period.iter().map(|i| i.started_at).collect::<Vec<_>>();
        let daff_coverage = super::coverage::Coverage::of(in_period.iter().copied());
        let incident_urls = in_period
            .iter()
            .filter_map(|i| Some((i.id.clone(), i.url.clone()?)))
            .collect();
        Self {
            period: PeriodInfo::of(&period),
            filter: a.scope_label.clone(),
            previous_period: previous_period.as_ref().map(PeriodInfo::of),
            now,
            min_services,
            first_incident: starts.iter().min().copied(),
            last_incident: starts.iter().max().copied(),
            summary,
            previous,
            year_earlier_period: year_earlier_period.as_ref().map(PeriodInfo::of),
            year_earlier,
            changes,
            class_trend: class_trend(a, &trend_period, &hot),
            hotspots: hot,
            ownership,
            finalisation,
            quarters,
            trend_period: PeriodInfo::of(&trend_period),
            trend,
            reported_quarters,
            daff_coverage,
            incident_urls,
        }
    }

    /// The systemic hotspots, in rank order.
    pub fn systemic(&self) -> impl Iterator<Item = &Hotspot> {
        self.hotspots.iter().filter(|h| h.systemic)
    }

    /// The hotspot of a cluster.
    pub fn hotspot(&self, cluster_id: &str) -> Option<&Hotspot> {
        self.hotspots.iter().find(|h| h.cluster_id == cluster_id)
    }
}

fn summary_of(
    a: &Analysis<'_>,
    period: &Period,
    hot: &[Hotspot],
    ownership: &Ownership,
    finalisation: &Finalisation,
) -> Summary {
    let incidents = a.incidents_in(period);
    Summary {
        incidents: incidents.len(),
        services_hit: incidents
            .iter()
            .flat_map(|i| i.services.iter().map(String::as_str))
            .collect::<BTreeSet<_>>()
            .len(),
        repeat_rate: repeat_rate(a, period),
        finalisation_rate: finalisation.finalisation_rate,
        recurring_classes: hot.iter().filter(|h| h.recurring).count(),
        systemic_classes: hot.iter().filter(|h| h.systemic).count(),
        finalised_classes: finalisation.finalised_classes,
        ownership_gaps: ownership
            .gaps()
            .filter(|r| !r.incident_ids.is_empty())
            .count(),
        incident_ids: incidents.iter().map(|i| i.id.clone()).collect(),
    }
}

/// How the figures every section shares are defined.
pub const EXPLAIN: &[&str] = classes::EXPLAIN;
