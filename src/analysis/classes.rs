//! The definitions every analysis shares: when a cause class recurs, when it is systemic, and
//! when it was first fixed for every service (its first completed systemic follow-up).

use super::Analysis;
use super::period::Period;
use crate::model::{Action, ActionStatus, Incident, Scope, Timestamp};
use std::collections::{BTreeSet, HashMap};

/// Services a class must hit to be systemic, unless `--min-services` says otherwise.
pub const DEFAULT_MIN_SERVICES: usize = 3;

/// A class recurs in a window when it had two or more incidents there, on two or more services.
pub fn recurs(incidents: usize, services: usize) -> bool {
    incidents >= 2 && services >= 2
}

/// The distinct services of some incidents.
pub fn services_of<'a>(incidents: &[&'a Incident]) -> BTreeSet<&'a str> {
    incidents
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect()
}

/// A class's incidents (its members) that started in the period, and whether they recur there.
pub fn in_period<'a>(
    a: &'a Analysis<'a>,
    members: &[usize],
    period: &Period,
) -> (Vec<&'a Incident>, bool) {
    let incidents: Vec<&Incident> = members
        .iter()
        .filter(|m| a.counts(period, **m))
        .map(|m| &a.data.incidents[*m])
        .collect();
    let recurring = recurs(incidents.len(), services_of(&incidents).len());
    (incidents, recurring)
}

/// A class is systemic when it recurs and hit at least `min_services` services.
pub fn systemic(incidents: usize, services: usize, min_services: usize) -> bool {
    recurs(incidents, services) && services >= min_services
}

/// The class's first systemic follow-up completed by `as_of`, over every incident of the class
/// in scope (the whole history, not only a period's): the follow-up and when it was completed.
pub fn first_systemic_fix<'a>(
    a: &'a Analysis<'a>,
    members: &[usize],
    as_of: Timestamp,
) -> Option<(&'a Action, Timestamp)> {
    members
        .iter()
        .filter(|m| a.in_scope(**m))
        .flat_map(|m| a.data.incidents[*m].actions.iter().zip(a.verdicts(*m)))
        .filter(|(action, verdict)| {
            verdict.scope == Scope::Systemic && action.status == ActionStatus::Done
        })
        .filter_map(|(action, _)| {
            action
                .completed_at
                .filter(|t| *t <= as_of)
                .map(|t| (action, t))
        })
        .min_by(|x, y| x.1.cmp(&y.1).then_with(|| x.0.title.cmp(&y.0.title)))
}

/// Each quarter of the period judged as its own period (clipped to the period): its recurring
/// classes, and how many of them had a first systemic fix by the quarter's end (or by `as_of`
/// when that is earlier). Keyed by quarter label; one pass over each class's incidents.
pub fn finalised_share_by_quarter(
    a: &Analysis<'_>,
    period: &Period,
    as_of: Timestamp,
) -> HashMap<String, (usize, usize)> {
    use chrono::Datelike;
    let mut out: HashMap<String, (usize, usize)> = HashMap::new();
    for c in a.clustering.clusters.iter().filter(|c| !c.crumb) {
        // Per quarter (year, 1..=4): incidents, the first service seen, and whether another.
        let mut quarters: HashMap<(i32, u32), (usize, Option<&str>, bool)> = HashMap::new();
        for m in &c.members {
            let i = &a.data.incidents[*m];
            if !a.counts(period, *m) {
                continue;
            }
            let q = quarters
                .entry((i.started_at.year(), i.started_at.month0() / 3 + 1))
                .or_default();
            q.0 += 1;
            for s in &i.services {
                match q.1 {
                    None => q.1 = Some(s),
                    Some(first) if first != s => q.2 = true,
                    Some(_) => {}
                }
            }
        }
        let fixed = first_systemic_fix(a, &c.members, as_of).map(|(_, t)| t);
        for ((year, q), (incidents, _, several)) in quarters {
            if !recurs(incidents, if several { 2 } else { 1 }) {
                continue;
            }
            let label = format!("{year}Q{q}");
            let end = Period::quarter(&label)
                .ok()
                .and_then(|p| p.until)
                .map_or(as_of, |u| u.min(as_of));
            let share = out.entry(label).or_default();
            share.0 += 1;
            if fixed.is_some_and(|t| t <= end) {
                share.1 += 1;
            }
        }
    }
    out
}

/// How the shared terms are defined (for `--explain` and the report).
pub const EXPLAIN: &[&str] = &[
    "recurring class: a cause class with two or more incidents on two or more services in the period",
    "systemic class: a recurring class that hit at least --min-services services (default 3)",
    "first systemic fix: the earliest follow-up of any of the class's incidents (whole history) judged systemic and completed by the end of the period",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_incident_or_one_service_is_not_recurring() {
        assert!(!recurs(1, 3), "one incident on three services");
        assert!(!recurs(5, 1), "five incidents on one service");
        assert!(recurs(2, 2));
        assert!(!systemic(4, 2, 3));
        assert!(systemic(4, 3, 3));
    }
}
