//! The shared components on a class's path: components the class's incidents name, when the
//! incidents through one touch at least `--min-services` distinct services, and who owns them.
//! A component only the catalog links to the class (a dependency of a service it hit) is not on
//! its path: that reading named every popular dependency of every class.

use super::Analysis;
use super::ownership::{self, OwnershipStatus};
use crate::graph::OwnerClaim;
use crate::model::Incident;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A shared component on the path of a class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathComponent {
    #[serde(rename = "component")]
    pub name: String,
    /// Services hit by the class's incidents that name the component.
    pub services: Vec<String>,
    /// The class's incidents that name it.
    pub incidents: usize,
    #[serde(rename = "ownership")]
    pub status: OwnershipStatus,
    #[serde(rename = "owners")]
    pub claims: Vec<OwnerClaim>,
}

/// The components on the path of a class with incidents `members`: named by its incidents, whose
/// incidents through it touch at least `min_services` services (never a service itself). Most
/// incidents first, then most services, gaps before owned, then by name.
pub fn path_components(
    a: &Analysis<'_>,
    members: &[&Incident],
    min_services: usize,
) -> Vec<PathComponent> {
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
    let mut out: Vec<PathComponent> = reach
        .into_iter()
        .filter(|(name, (svcs, _))| svcs.len() >= min_services.max(2) && !services.contains(name))
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
