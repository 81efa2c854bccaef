//! Finalisation gaps: recurring classes whose follow-ups only ever fixed one service, incidents
//! with no follow-up, overdue follow-ups, the finalisation rate, and the proof that finalising
//! pays (incident rate of a class before and after its systemic fix).

use super::Analysis;
use super::followup::Verdict;
use super::period::Period;
use crate::model::{Action, ActionStatus, Incident, Scope, Timestamp};
use std::collections::BTreeSet;

/// A follow-up with its verdict.
pub struct Judged<'a> {
    pub incident: &'a Incident,
    pub action: &'a Action,
    pub verdict: &'a Verdict,
}

/// One recurring class (two or more services in the period) and how it was followed up.
pub struct ClassFollowUp<'a> {
    pub cluster_id: &'a str,
    pub label: &'a str,
    /// Incidents of the class in the period.
    pub incidents: Vec<&'a Incident>,
    pub services: BTreeSet<&'a str>,
    /// Every follow-up of the class's incidents up to the end of the period.
    pub followups: Vec<Judged<'a>>,
    /// The first systemic follow-up completed by the end of the period.
    pub systemic_done: Option<(&'a Action, Timestamp)>,
    /// Why it is a gap; empty when the class is finalised.
    pub reasons: Vec<String>,
}

impl ClassFollowUp<'_> {
    /// True when a systemic follow-up was completed.
    pub fn finalised(&self) -> bool {
        self.systemic_done.is_some()
    }
}

/// Incidents per quarter of a class before and after its systemic fix.
pub struct BeforeAfter<'a> {
    pub cluster_id: &'a str,
    pub label: &'a str,
    pub fixed_at: Timestamp,
    pub fix: &'a str,
    pub before: Vec<&'a Incident>,
    pub after: Vec<&'a Incident>,
    pub quarters_before: f64,
    pub quarters_after: f64,
}

impl BeforeAfter<'_> {
    /// Incidents per quarter before the fix.
    pub fn rate_before(&self) -> f64 {
        self.before.len() as f64 / self.quarters_before.max(0.25)
    }
    /// Incidents per quarter after the fix.
    pub fn rate_after(&self) -> f64 {
        self.after.len() as f64 / self.quarters_after.max(0.25)
    }
}

/// The whole finalisation picture for a period.
pub struct Gaps<'a> {
    pub classes: Vec<ClassFollowUp<'a>>,
    pub without_followups: Vec<&'a Incident>,
    pub overdue: Vec<(&'a Incident, &'a Action)>,
    pub before_after: Vec<BeforeAfter<'a>>,
}

impl Gaps<'_> {
    /// Share of recurring classes with a completed systemic follow-up (`None` with no recurring class).
    pub fn finalisation_rate(&self) -> Option<f64> {
        (!self.classes.is_empty()).then(|| {
            self.classes.iter().filter(|c| c.finalised()).count() as f64 / self.classes.len() as f64
        })
    }
}

const DAYS_PER_QUARTER: f64 = 91.31;

/// Every follow-up of an incident (by index) with its verdict.
pub fn judge<'a>(a: &'a Analysis<'a>, index: usize) -> Vec<Judged<'a>> {
    let incident = &a.data.incidents[index];
    incident
        .actions
        .iter()
        .zip(a.verdicts(index))
        .map(|(action, verdict)| Judged {
            incident,
            action,
            verdict,
        })
        .collect()
}

/// Computes the gaps for a period; `now` decides what is overdue.
pub fn gaps<'a>(a: &'a Analysis<'a>, period: &Period, now: Timestamp) -> Gaps<'a> {
    let until = period.until.unwrap_or(now);
    let mut classes = Vec::new();
    let mut before_after = Vec::new();
    for c in &a.clustering.clusters {
        let all: Vec<&Incident> = c.members.iter().map(|m| &a.data.incidents[*m]).collect();
        let incidents: Vec<&Incident> = all
            .iter()
            .copied()
            .filter(|i| period.contains(i.started_at))
            .collect();
        let services: BTreeSet<&str> = incidents
            .iter()
            .flat_map(|i| i.services.iter().map(String::as_str))
            .collect();
        if services.len() < 2 {
            continue;
        }
        let followups: Vec<Judged<'_>> = c
            .members
            .iter()
            .filter(|m| a.data.incidents[**m].started_at < until)
            .flat_map(|m| judge(a, *m))
            .collect();
        let systemic_done = followups
            .iter()
            .filter(|j| j.verdict.scope == Scope::Systemic && j.action.status == ActionStatus::Done)
            .filter_map(|j| {
                j.action
                    .completed_at
                    .filter(|t| *t <= until)
                    .map(|t| (j.action, t))
            })
            .min_by_key(|(_, t)| *t);
        let mut reasons = Vec::new();
        if systemic_done.is_none() {
            let local_done: Vec<&Judged<'_>> = followups
                .iter()
                .filter(|j| j.action.status == ActionStatus::Done)
                .collect();
            let open_systemic = followups
                .iter()
                .filter(|j| {
                    j.verdict.scope == Scope::Systemic && j.action.status == ActionStatus::Open
                })
                .count();
            reasons.push(format!(
                "no completed systemic follow-up ({} follow-ups, {} done{})",
                followups.len(),
                local_done.len(),
                if open_systemic > 0 {
                    format!(", {open_systemic} systemic still open")
                } else {
                    ", none systemic".into()
                }
            ));
            if let Some(first_done) = local_done
                .iter()
                .filter_map(|j| j.action.completed_at)
                .min()
            {
                let after: Vec<&&Incident> = incidents
                    .iter()
                    .filter(|i| i.started_at > first_done)
                    .collect();
                let other_services: BTreeSet<&str> = after
                    .iter()
                    .flat_map(|i| i.services.iter().map(String::as_str))
                    .collect();
                if !after.is_empty() {
                    reasons.push(format!(
                        "recurred {} times on {} services after the first fix was done ({})",
                        after.len(),
                        other_services.len(),
                        first_done.format("%Y-%m-%d")
                    ));
                }
            }
        } else if let Some((action, fixed_at)) = systemic_done {
            let before: Vec<&Incident> = all
                .iter()
                .copied()
                .filter(|i| i.started_at < fixed_at && period.contains(i.started_at))
                .collect();
            let after: Vec<&Incident> = all
                .iter()
                .copied()
                .filter(|i| i.started_at >= fixed_at && period.contains(i.started_at))
                .collect();
            let first = before
                .iter()
                .map(|i| i.started_at)
                .min()
                .unwrap_or(fixed_at);
            let end = period.until.unwrap_or(now).max(fixed_at);
            before_after.push(BeforeAfter {
                cluster_id: &c.id,
                label: &c.label,
                fixed_at,
                fix: &action.title,
                quarters_before: (fixed_at - first).num_days() as f64 / DAYS_PER_QUARTER,
                quarters_after: (end - fixed_at).num_days() as f64 / DAYS_PER_QUARTER,
                before,
                after,
            });
        }
        classes.push(ClassFollowUp {
            cluster_id: &c.id,
            label: &c.label,
            incidents,
            services,
            followups,
            systemic_done,
            reasons,
        });
    }
    let in_period: Vec<&Incident> = a.incidents_in(period);
    let without_followups = in_period
        .iter()
        .copied()
        .filter(|i| i.actions.is_empty())
        .collect();
    let overdue = in_period
        .iter()
        .flat_map(|i| i.actions.iter().map(move |x| (*i, x)))
        .filter(|(_, x)| x.status == ActionStatus::Open && x.due_at.is_some_and(|d| d < now))
        .collect();
    Gaps {
        classes,
        without_followups,
        overdue,
        before_after,
    }
}

/// How the figures are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "recurring class: a cause cluster that hit two or more services in the period",
    "follow-up scope: explicit `scope` wins; otherwise inferred from the text (docs/analyses.md lists the words) and from naming a shared component (systemic) or only the incident's own service (local); ties are local",
    "gap: a recurring class with no systemic follow-up completed by the end of the period",
    "recurred after done: incidents of the class after its first follow-up was marked done",
    "finalisation rate: recurring classes with a completed systemic follow-up / recurring classes",
    "overdue: open follow-ups whose due date is before --now (default: today)",
    "before/after: incidents per quarter of a class before and after its systemic follow-up was completed (91.3 days a quarter)",
];
