//! Finalisation gaps: recurring classes with no completed systemic follow-up (and why),
//! incidents with no follow-up, overdue follow-ups, the finalisation rate, and the proof that
//! finalising pays (incident rate of a class before and after its systemic fix, over the whole
//! history around the fix).
//!
//! Everything is judged "as of" the end of the period (or `--now`): follow-ups completed later
//! do not count, so a report of a past quarter says what was true then.

use super::Analysis;
use super::classes::{self, first_systemic_fix, services_of};
use super::hotspots::IncidentRef;
use super::period::Period;
use crate::cluster::Cluster;
use crate::model::{Action, ActionStatus, Incident, Scope, Timestamp};
use crate::output::count;
use rayon::prelude::*;
use serde::Serialize;

/// A follow-up named in a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpRef {
    pub incident_id: String,
    pub title: String,
    pub owner: Option<String>,
    pub status: ActionStatus,
    pub scope: Scope,
    pub due_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
}

impl FollowUpRef {
    fn of(incident: &Incident, action: &Action, scope: Scope) -> Self {
        Self {
            incident_id: incident.id.clone(),
            title: action.title.clone(),
            owner: action.owner.clone(),
            status: action.status,
            scope,
            due_at: action.due_at,
            completed_at: action.completed_at,
        }
    }
}

/// How a class's incidents were followed up, up to the "as of" time (whole history).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FollowUpCounts {
    pub total: usize,
    pub done: usize,
    pub systemic: usize,
    pub systemic_done: usize,
    pub systemic_open: usize,
}

/// One recurring class of the period and how it was followed up.
#[derive(Debug, Clone, Serialize)]
pub struct ClassFinalisation {
    pub cluster_id: String,
    pub label: String,
    /// Services its incidents hit in the period.
    pub services: Vec<String>,
    /// Its incidents in the period.
    pub incident_ids: Vec<String>,
    pub followups: FollowUpCounts,
    /// Its first systemic follow-up completed by the "as of" time.
    pub fix: Option<FollowUpRef>,
    /// Its systemic follow-ups still open.
    pub open_systemic: Vec<FollowUpRef>,
    /// Why it is a gap; empty when the class is finalised.
    pub reasons: Vec<String>,
}

impl ClassFinalisation {
    /// True when a systemic follow-up was completed.
    pub fn finalised(&self) -> bool {
        self.fix.is_some()
    }
}

/// A class's incidents per quarter before and after its first systemic fix, over the whole
/// history up to the "as of" time.
#[derive(Debug, Clone, Serialize)]
pub struct BeforeAfter {
    pub cluster_id: String,
    pub label: String,
    pub fix: String,
    pub fixed_at: Timestamp,
    pub incident_ids_before: Vec<String>,
    pub incident_ids_after: Vec<String>,
    pub services_before: usize,
    pub services_after: usize,
    pub quarters_before: f64,
    pub quarters_after: f64,
    pub incidents_per_quarter_before: f64,
    pub incidents_per_quarter_after: f64,
}

/// An open follow-up past its due date.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    #[serde(flatten)]
    pub followup: FollowUpRef,
    pub days_overdue: i64,
}

/// The whole finalisation picture for a period.
#[derive(Debug, Clone, Serialize)]
pub struct Finalisation {
    /// Follow-ups are counted as they stood at this time.
    pub as_of: Timestamp,
    /// Overdue is judged at this time.
    pub now: Timestamp,
    /// Share of the recurring classes with a completed systemic follow-up.
    pub finalisation_rate: Option<f64>,
    pub recurring_classes: usize,
    pub finalised_classes: usize,
    /// Every recurring class of the period, gaps first (most incidents first).
    pub classes: Vec<ClassFinalisation>,
    pub before_after: Vec<BeforeAfter>,
    /// Incidents of the period with no follow-up at all.
    pub incidents_without_followups: Vec<IncidentRef>,
    /// Open follow-ups due before `now`, of incidents that started by the end of the period;
    /// most overdue first.
    pub overdue_followups: Vec<Overdue>,
}

impl Finalisation {
    /// The recurring classes with no completed systemic follow-up.
    pub fn gaps(&self) -> impl Iterator<Item = &ClassFinalisation> {
        self.classes.iter().filter(|c| !c.finalised())
    }
}

const DAYS_PER_QUARTER: f64 = 91.31;

fn quarters(from: Timestamp, to: Timestamp) -> f64 {
    ((to - from).num_seconds() as f64 / 86_400.0 / DAYS_PER_QUARTER).max(0.25)
}

fn day(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// One class of the period: its before and after (when it was fixed systemically and recurred
/// over the history up to `as_of`), and its finalisation when it recurs in the period.
fn judge_class(
    a: &Analysis<'_>,
    c: &Cluster,
    period: &Period,
    as_of: Timestamp,
) -> (Option<BeforeAfter>, Option<ClassFinalisation>) {
    let mut before_after = None;
    let upto: Vec<usize> = c
        .members
        .iter()
        .copied()
        .filter(|m| a.data.incidents[*m].started_at < as_of && a.in_scope(*m))
        .collect();
    let history: Vec<&Incident> = upto.iter().map(|m| &a.data.incidents[*m]).collect();
    let (in_period, recurring) = classes::in_period(a, &c.members, period);
    let fix = first_systemic_fix(a, &upto, as_of);
    if let Some((action, fixed_at)) = fix
        && classes::recurs(history.len(), services_of(&history).len())
    {
        let (before, after): (Vec<&Incident>, Vec<&Incident>) =
            history.iter().partition(|i| i.started_at < fixed_at);
        let first = before.first().map_or(fixed_at, |i| i.started_at);
        let (qb, qa) = (quarters(first, fixed_at), quarters(fixed_at, as_of));
        before_after = Some(BeforeAfter {
            cluster_id: c.id.clone(),
            label: c.label.clone(),
            fix: action.title.clone(),
            fixed_at,
            incident_ids_before: before.iter().map(|i| i.id.clone()).collect(),
            incident_ids_after: after.iter().map(|i| i.id.clone()).collect(),
            services_before: services_of(&before).len(),
            services_after: services_of(&after).len(),
            quarters_before: qb,
            quarters_after: qa,
            incidents_per_quarter_before: before.len() as f64 / qb,
            incidents_per_quarter_after: after.len() as f64 / qa,
        });
    }
    if !recurring {
        return (before_after, None);
    }
    let services = services_of(&in_period);
    let judged: Vec<(&Incident, &Action, Scope)> = upto
        .iter()
        .flat_map(|m| {
            let i = &a.data.incidents[*m];
            i.actions
                .iter()
                .zip(a.verdicts(*m))
                .map(move |(x, v)| (i, x, v.scope))
        })
        .collect();
    let done_by =
        |x: &Action| x.status == ActionStatus::Done && x.completed_at.is_none_or(|t| t <= as_of);
    let counts = FollowUpCounts {
        total: judged.len(),
        done: judged.iter().filter(|j| done_by(j.1)).count(),
        systemic: judged.iter().filter(|j| j.2 == Scope::Systemic).count(),
        systemic_done: judged
            .iter()
            .filter(|j| j.2 == Scope::Systemic && done_by(j.1))
            .count(),
        systemic_open: judged
            .iter()
            .filter(|j| j.2 == Scope::Systemic && !done_by(j.1))
            .count(),
    };
    let fix_ref = fix.and_then(|(action, _)| {
        judged
            .iter()
            .find(|j| std::ptr::eq(j.1, action))
            .map(|j| FollowUpRef::of(j.0, j.1, j.2))
    });
    let mut reasons = Vec::new();
    if fix_ref.is_none() {
        reasons.push(format!(
            "no completed systemic follow-up ({}, {} done, {})",
            count(counts.total, "follow-up"),
            counts.done,
            if counts.systemic_open > 0 {
                format!("{} systemic still open", counts.systemic_open)
            } else {
                "none systemic".into()
            }
        ));
        let first_local = judged
            .iter()
            .filter(|j| done_by(j.1))
            .filter_map(|j| j.1.completed_at)
            .min();
        if let Some(first_done) = first_local {
            let after: Vec<&Incident> = history
                .iter()
                .copied()
                .filter(|i| i.started_at > first_done)
                .collect();
            if !after.is_empty() {
                reasons.push(format!(
                    "{} on {} since its first fix was done ({})",
                    count(after.len(), "incident"),
                    count(services_of(&after).len(), "service"),
                    day(first_done)
                ));
            }
        }
    }
    let class = ClassFinalisation {
        cluster_id: c.id.clone(),
        label: c.label.clone(),
        services: services.into_iter().map(String::from).collect(),
        incident_ids: in_period.iter().map(|i| i.id.clone()).collect(),
        followups: counts,
        fix: fix_ref,
        open_systemic: judged
            .iter()
            .filter(|j| j.2 == Scope::Systemic && !done_by(j.1))
            .map(|j| FollowUpRef::of(j.0, j.1, j.2))
            .collect(),
        reasons,
    };
    (before_after, Some(class))
}

/// Computes the finalisation picture for a period; follow-ups count as of the end of the period
/// (`now` when it is open), and `now` decides what is overdue.
pub fn gaps(a: &Analysis<'_>, period: &Period, now: Timestamp) -> Finalisation {
    let as_of = period.until.map_or(now, |u| u.min(now));
    // Each class is judged on its own, the classes side by side.
    let judged: Vec<(Option<BeforeAfter>, Option<ClassFinalisation>)> = a
        .clustering
        .clusters
        .par_iter()
        .filter(|c| !c.crumb)
        .map(|c| judge_class(a, c, period, as_of))
        .collect();
    let (before_after, classes_out): (Vec<_>, Vec<_>) = judged.into_iter().unzip();
    let mut before_after: Vec<BeforeAfter> = before_after.into_iter().flatten().collect();
    let mut classes_out: Vec<ClassFinalisation> = classes_out.into_iter().flatten().collect();
    classes_out.sort_by(|x, y| {
        x.finalised()
            .cmp(&y.finalised())
            .then(y.incident_ids.len().cmp(&x.incident_ids.len()))
            .then(x.cluster_id.cmp(&y.cluster_id))
    });
    before_after.sort_by(|x, y| {
        x.fixed_at
            .cmp(&y.fixed_at)
            .then(x.cluster_id.cmp(&y.cluster_id))
    });
    let without = a
        .incidents_in(period)
        .into_iter()
        .filter(|i| i.actions.is_empty())
        .map(IncidentRef::of)
        .collect();
    let mut overdue: Vec<Overdue> = a
        .data
        .incidents
        .iter()
        .enumerate()
        .filter(|(ix, i)| period.until.is_none_or(|u| i.started_at < u) && a.in_scope(*ix))
        .flat_map(|(ix, i)| {
            i.actions
                .iter()
                .zip(a.verdicts(ix))
                .filter_map(move |(x, v)| {
                    let due = x.due_at?;
                    (x.status == ActionStatus::Open && due < now).then(|| Overdue {
                        followup: FollowUpRef::of(i, x, v.scope),
                        days_overdue: (now - due).num_days(),
                    })
                })
        })
        .collect();
    overdue.sort_by(|x, y| {
        y.days_overdue
            .cmp(&x.days_overdue)
            .then(x.followup.incident_id.cmp(&y.followup.incident_id))
            .then(x.followup.title.cmp(&y.followup.title))
    });
    let finalised = classes_out.iter().filter(|c| c.finalised()).count();
    Finalisation {
        as_of,
        now,
        finalisation_rate: (!classes_out.is_empty())
            .then(|| finalised as f64 / classes_out.len() as f64),
        recurring_classes: classes_out.len(),
        finalised_classes: finalised,
        classes: classes_out,
        before_after,
        incidents_without_followups: without,
        overdue_followups: overdue,
    }
}

/// How the figures are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "recurring class: two or more incidents on two or more services in the period",
    "as of: the end of the period (or --now when earlier); follow-ups completed later do not count",
    "follow-up scope: explicit `scope` wins; otherwise inferred from the text (docs/analyses.md lists the words) and from naming a shared component (systemic) or only the incident's own service (local); ties are local",
    "gap: a recurring class with no systemic follow-up (of any of its incidents, whole history) completed as of the end of the period",
    "follow-up counts in a reason: every follow-up of the class's incidents up to the end of the period",
    "incidents since the first fix: the class's incidents after its first follow-up was done, up to the end of the period",
    "finalisation rate: recurring classes with a completed systemic follow-up / recurring classes",
    "overdue: open follow-ups (of incidents up to the end of the period) whose due date is before now (--now, default the end of the period)",
    "before/after: incidents per quarter of a class (recurring over its history) before and after its first systemic fix, over the whole history up to the end of the period (91.3 days a quarter, at least a quarter)",
];
