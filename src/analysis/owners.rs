//! Ownership gaps: shared components (two or more services depend on them, per the catalog, or
//! their incidents hit two or more services) and whether anyone really owns them. Shared
//! ownership counts as no ownership; the not-owned come first, ranked by the incidents that
//! involve them and then by their dependents.

use super::Analysis;
use super::ownership::{self, OwnershipStatus};
use super::period::Period;
use crate::graph::OwnerClaim;
use crate::model::Incident;
use std::collections::{BTreeSet, HashMap};

/// One shared component.
pub struct OwnershipRow {
    pub component: String,
    pub status: OwnershipStatus,
    pub claims: Vec<OwnerClaim>,
    /// Services that depend on it per the catalog.
    pub dependents: Vec<String>,
    /// Services hit by incidents (in the period) that involve it.
    pub services_hit: BTreeSet<String>,
    /// Incidents in the period that involve it.
    pub incident_ids: Vec<String>,
}

/// Every shared component, gaps first.
pub fn ownership_gaps(a: &Analysis<'_>, period: &Period) -> Vec<OwnershipRow> {
    let g = a.catalog();
    let shared = a.shared_components();
    // The incidents in the period that involve each shared component, in store (id) order.
    let mut involving: HashMap<&str, Vec<&Incident>> = HashMap::new();
    for i in a.incidents_in(period) {
        for c in &i.components {
            if shared.contains(c) {
                involving.entry(c.as_str()).or_default().push(i);
            }
        }
    }
    let mut rows: Vec<OwnershipRow> = shared
        .iter()
        .map(|c| {
            let claims = g.owners_of(c);
            let mut incident_ids = Vec::new();
            let mut services_hit = BTreeSet::new();
            for i in involving.get(c.as_str()).into_iter().flatten() {
                incident_ids.push(i.id.clone());
                services_hit.extend(i.services.iter().cloned());
            }
            OwnershipRow {
                component: c.clone(),
                status: ownership::status(&claims, &a.catch_all),
                dependents: g.dependents_of(c).into_iter().map(str::to_string).collect(),
                claims,
                services_hit,
                incident_ids,
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.status
            .is_gap()
            .cmp(&x.status.is_gap())
            .then(y.incident_ids.len().cmp(&x.incident_ids.len()))
            .then(y.dependents.len().cmp(&x.dependents.len()))
            .then(x.component.cmp(&y.component))
    });
    rows
}

/// How the statuses are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "shared: two or more services depend on it (catalog), or its incidents hit two or more services",
    "owned: exactly one team, and every catalog source agrees",
    "none: no source names an owner",
    "nominal: only catch-all owners (shared, platform-all, everyone, engineering, …; --catch-all sets the list)",
    "multiple: one source names several teams (or a team and a catch-all)",
    "conflicting: catalog sources (Backstage, CODEOWNERS, CSV) name different teams",
    "shared ownership counts as no ownership: every status but owned is a gap",
    "ranked: gaps first, then by incidents involving it in the period, then by dependents",
];
