//! Ownership gaps: shared components (two or more services depend on them, per the catalog, or
//! their incidents hit two or more services, over the whole history) and whether anyone really
//! owns them. Shared ownership counts as no ownership; the not-owned come first, ranked by the
//! incidents that involve them in the period and then by their dependents. Components that only
//! incidents name, which the catalog does not know, are a list of their own.

use super::Analysis;
use super::ownership::{self, OwnershipStatus};
use super::period::Period;
use super::proposal::{Proposal, propose};
use crate::graph::OwnerClaim;
use crate::model::Incident;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One shared component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentRow {
    pub component: String,
    pub status: OwnershipStatus,
    pub owners: Vec<OwnerClaim>,
    /// Services that depend on it per the catalog.
    pub dependents: Vec<String>,
    /// Services hit by incidents (in the period) that involve it.
    pub services_hit: Vec<String>,
    /// Incidents in the period that involve it, in id order.
    pub incident_ids: Vec<String>,
    /// For a gap: the team recur proposes as its owner, with the evidence.
    pub proposed_owner: Option<Proposal>,
}

impl ComponentRow {
    /// True when it is not owned by exactly one team.
    pub fn is_gap(&self) -> bool {
        self.status.is_gap()
    }
}

/// The shared components of a period: those in the catalog (gaps first), and those only
/// incidents name, which the catalog does not know.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ownership {
    pub shared: Vec<ComponentRow>,
    pub not_in_catalog: Vec<ComponentRow>,
}

impl Ownership {
    /// The shared components in the catalog that no single team owns.
    pub fn gaps(&self) -> impl Iterator<Item = &ComponentRow> {
        self.shared.iter().filter(|r| r.is_gap())
    }

    /// The row of a component, in either list.
    pub fn find(&self, component: &str) -> Option<&ComponentRow> {
        self.shared
            .iter()
            .chain(&self.not_in_catalog)
            .find(|r| r.component == component)
    }
}

/// Every shared component, gaps first.
pub fn ownership_gaps(a: &Analysis<'_>, period: &Period) -> Ownership {
    let g = a.catalog();
    let shared = a.shared_components();
    let in_catalog: HashSet<&str> = a
        .data
        .catalog
        .iter()
        .flat_map(|e| {
            std::iter::once(e.name.as_str()).chain(e.depends_on.iter().map(String::as_str))
        })
        .collect();
    // The incidents in the period that involve each shared component, in store (id) order.
    let mut involving: HashMap<&str, Vec<&Incident>> = HashMap::new();
    for i in a.incidents_in(period) {
        for c in &i.components {
            if shared.contains(c) {
                involving.entry(c.as_str()).or_default().push(i);
            }
        }
    }
    let (mut known, mut unknown): (Vec<ComponentRow>, Vec<ComponentRow>) = shared
        .iter()
        .map(|c| {
            let claims = g.owners_of(c);
            let mut incident_ids = Vec::new();
            let mut services_hit = BTreeSet::new();
            for i in involving.get(c.as_str()).into_iter().flatten() {
                incident_ids.push(i.id.clone());
                services_hit.extend(i.services.iter().cloned());
            }
            let status = ownership::status(&claims, &a.catch_all);
            let dependents: Vec<String> =
                g.dependents_of(c).into_iter().map(str::to_string).collect();
            let proposed_owner = status.is_gap().then(|| {
                let incidents = involving.get(c.as_str()).map_or(&[][..], Vec::as_slice);
                propose(a, &dependents, incidents)
            });
            ComponentRow {
                component: c.clone(),
                status,
                dependents,
                proposed_owner: proposed_owner.flatten(),
                owners: claims,
                services_hit: services_hit.into_iter().collect(),
                incident_ids,
            }
        })
        .partition(|r| in_catalog.contains(r.component.as_str()));
    for rows in [&mut known, &mut unknown] {
        rows.sort_by(|x, y| {
            y.is_gap()
                .cmp(&x.is_gap())
                .then(y.incident_ids.len().cmp(&x.incident_ids.len()))
                .then(y.dependents.len().cmp(&x.dependents.len()))
                .then(x.component.cmp(&y.component))
        });
    }
    Ownership {
        shared: known,
        not_in_catalog: unknown,
    }
}

/// How the statuses are defined (for `--explain`).
pub const EXPLAIN: &[&str] = &[
    "shared: two or more services depend on it (catalog), or its incidents hit two or more services",
    "owned: exactly one team, and every catalog source agrees",
    "none: no source names an owner",
    "nominal: only catch-all owners (shared, platform-all, everyone, engineering, …; --catch-all replaces the list)",
    "multiple: one source names several teams (or a team and a catch-all)",
    "conflicting: catalog sources (Backstage, CODEOWNERS, CSV) name different teams",
    "shared ownership counts as no ownership: every status but owned is a gap",
    "ranked: gaps first, then by incidents involving it in the period, then by dependents",
    "not in the catalog: shared components that incidents name but no catalog source lists; listed apart, not as gaps",
    "proposed owner (a proposal, not a claim): the team owning most of a gap's dependent services, else the team that responded to most of its incidents in the period; catch-all teams are never proposed",
];
