//! What changed since the previous period (the last report): hotspots that are new, growing,
//! shrinking or resolved, classes finalised in the period, and ownership gaps that incidents
//! reached for the first time.

use super::Analysis;
use super::hotspots::Hotspot;
use super::owners::Ownership;
use super::period::Period;
use crate::model::Timestamp;
use serde::Serialize;

/// How a systemic hotspot moved against the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// Not systemic in the previous period.
    New,
    /// More incidents than in the previous period.
    Growing,
    /// Fewer incidents.
    Shrinking,
    /// As many incidents.
    Steady,
}

impl Movement {
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::New => "new",
            Movement::Growing => "growing",
            Movement::Shrinking => "shrinking",
            Movement::Steady => "steady",
        }
    }

    /// How `now` moved from `before` (the same class in the previous period, if it was there).
    pub fn of(now: &Hotspot, before: Option<&Hotspot>) -> Self {
        match before.filter(|b| b.systemic) {
            None => Movement::New,
            Some(b) => match now.incident_ids.len().cmp(&b.incident_ids.len()) {
                std::cmp::Ordering::Greater => Movement::Growing,
                std::cmp::Ordering::Less => Movement::Shrinking,
                std::cmp::Ordering::Equal => Movement::Steady,
            },
        }
    }
}

/// A class as the changes name it, with its figures now and before.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassChange {
    pub cluster_id: String,
    pub label: String,
    pub incidents: usize,
    pub incidents_before: usize,
    pub services: usize,
    pub services_before: usize,
}

/// A class whose first systemic fix was completed in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finalised {
    pub cluster_id: String,
    pub label: String,
    pub fix: String,
    pub fixed_at: Timestamp,
}

/// What changed against the previous period.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    pub new_hotspots: Vec<ClassChange>,
    pub growing: Vec<ClassChange>,
    pub shrinking: Vec<ClassChange>,
    /// Systemic in the previous period, not in this one.
    pub resolved: Vec<ClassChange>,
    pub finalised: Vec<Finalised>,
    /// Ownership gaps with incidents in the period and none in the previous one.
    pub new_ownership_gaps: Vec<String>,
}

fn change(any: &Hotspot, now: Option<&Hotspot>, before: Option<&Hotspot>) -> ClassChange {
    let n = |h: Option<&Hotspot>| h.map_or(0, |h| h.incident_ids.len());
    let s = |h: Option<&Hotspot>| h.map_or(0, |h| h.services.len());
    ClassChange {
        cluster_id: any.cluster_id.clone(),
        label: any.label.clone(),
        incidents: n(now),
        incidents_before: n(before),
        services: s(now),
        services_before: s(before),
    }
}

/// Sets each systemic hotspot's movement and lists the changes against the previous period.
pub fn compare(
    a: &Analysis<'_>,
    period: &Period,
    as_of: Timestamp,
    (hot, hot_before): (&mut [Hotspot], &[Hotspot]),
    (own, own_before): (&Ownership, &Ownership),
) -> Changes {
    let mut c = Changes::default();
    let before = |id: &str| hot_before.iter().find(|b| b.cluster_id == id);
    for h in hot.iter_mut().filter(|h| h.systemic) {
        let b = before(&h.cluster_id);
        let m = Movement::of(h, b);
        h.movement = Some(m);
        let row = change(h, Some(h), b);
        match m {
            Movement::New => c.new_hotspots.push(row),
            Movement::Growing => c.growing.push(row),
            Movement::Shrinking => c.shrinking.push(row),
            Movement::Steady => {}
        }
    }
    for b in hot_before.iter().filter(|b| b.systemic) {
        let now = hot.iter().find(|h| h.cluster_id == b.cluster_id);
        if !now.is_some_and(|h| h.systemic) {
            c.resolved.push(change(b, now, Some(b)));
        }
    }
    for cluster in a.clustering.clusters.iter().filter(|c| !c.crumb) {
        if let Some((action, at)) = super::classes::first_systemic_fix(a, &cluster.members, as_of)
            && period.contains(at)
        {
            c.finalised.push(Finalised {
                cluster_id: cluster.id.clone(),
                label: cluster.label.clone(),
                fix: action.title.clone(),
                fixed_at: at,
            });
        }
    }
    c.finalised.sort_by_key(|x| x.fixed_at);
    let had_incidents =
        |o: &Ownership, name: &str| o.find(name).is_some_and(|r| !r.incident_ids.is_empty());
    c.new_ownership_gaps = own
        .gaps()
        .filter(|r| !r.incident_ids.is_empty() && !had_incidents(own_before, &r.component))
        .map(|r| r.component.clone())
        .collect();
    c
}
