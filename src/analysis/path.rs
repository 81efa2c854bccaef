//! The shared components on a class's path: what two or more of the services hit by a class of
//! incidents have in common, and who owns it.

use super::Analysis;
use super::ownership::{self, OwnershipStatus};
use crate::graph::OwnerClaim;
use crate::model::Incident;
use std::collections::{BTreeMap, BTreeSet};

/// A shared component on the path of a class.
pub struct PathComponent {
    pub name: String,
    /// Services of the class that reach it (through its incidents or the catalog).
    pub services: BTreeSet<String>,
    /// Incidents of the class that name it.
    pub incidents: usize,
    pub status: OwnershipStatus,
    pub claims: Vec<OwnerClaim>,
}

/// Components on the class's path that two or more of its services reach. Components that the
/// class's incidents name come first (most incidents first); components known only from the
/// catalog (every dependency of the services hit) are shown only when no incident names one.
pub fn path_components(a: &Analysis<'_>, members: &[&Incident]) -> Vec<PathComponent> {
    let mut reach: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    let services: BTreeSet<&str> = members
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect();
    for i in members {
        for c in &i.components {
            let e = reach.entry(c.as_str()).or_default();
            e.0.extend(i.services.iter().map(String::as_str));
            e.1 += 1;
        }
    }
    let graph = a.catalog();
    for s in &services {
        for dep in graph.dependencies_of(s) {
            reach.entry(dep).or_default().0.insert(s);
        }
    }
    let named_by_incidents = reach.values().any(|(svcs, n)| *n > 0 && svcs.len() >= 2);
    let mut out: Vec<PathComponent> = reach
        .into_iter()
        .filter(|(name, (svcs, n))| {
            svcs.len() >= 2 && !services.contains(name) && (*n > 0 || !named_by_incidents)
        })
        .map(|(name, (services, incidents))| {
            let claims = graph.owners_of(name);
            PathComponent {
                status: ownership::status(&claims, &a.catch_all),
                name: name.to_string(),
                services: services.into_iter().map(str::to_string).collect(),
                incidents,
                claims,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.incidents
            .cmp(&x.incidents)
            .then(y.services.len().cmp(&x.services.len()))
            .then(y.status.is_gap().cmp(&x.status.is_gap()))
            .then(x.name.cmp(&y.name))
    });
    out
}
