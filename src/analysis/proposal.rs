//! A proposed owner for a shared component no single team owns: the team whose services depend
//! on it most (per the catalog), else the team that responded to most of its incidents. A
//! proposal, with its evidence, for people to decide on; never an ownership claim.

use super::Analysis;
use super::ownership::{self, OwnershipStatus};
use crate::model::Incident;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a team is proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// It owns the most services that depend on the component.
    Dependents,
    /// It responded to the most incidents that involved the component.
    Responders,
}

/// A proposed owning team and its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub team: String,
    pub basis: Basis,
    /// How many of the component's dependents (or incidents) are the team's.
    pub count: usize,
    pub of: usize,
    /// `owns 5 of its 11 dependent services`.
    pub evidence: String,
}

/// The team to propose for `component`, from its dependents and the incidents involving it.
pub fn propose(
    a: &Analysis<'_>,
    dependents: &[String],
    incidents: &[&Incident],
) -> Option<Proposal> {
    let g = a.catalog();
    let real = |team: &str| !a.catch_all.iter().any(|c| c == team);
    let mut by_dependents: BTreeMap<String, usize> = BTreeMap::new();
    for d in dependents {
        let claims = g.owners_of(d);
        if ownership::status(&claims, &a.catch_all) == OwnershipStatus::Owned
            && let Some(c) = claims.iter().find(|c| real(&c.team))
        {
            *by_dependents.entry(c.team.clone()).or_default() += 1;
        }
    }
    if let Some((team, n)) = most(&by_dependents) {
        return Some(Proposal {
            evidence: format!(
                "owns {n} of its {} dependent service{}",
                dependents.len(),
                if dependents.len() == 1 { "" } else { "s" }
            ),
            team,
            basis: Basis::Dependents,
            count: n,
            of: dependents.len(),
        });
    }
    let mut by_responders: BTreeMap<String, usize> = BTreeMap::new();
    for i in incidents {
        if let Some(t) = i.team.as_deref().filter(|t| real(t)) {
            *by_responders.entry(t.to_string()).or_default() += 1;
        }
    }
    most(&by_responders).map(|(team, n)| Proposal {
        evidence: format!(
            "responded to {n} of its {} incident{} in the period",
            incidents.len(),
            if incidents.len() == 1 { "" } else { "s" }
        ),
        team,
        basis: Basis::Responders,
        count: n,
        of: incidents.len(),
    })
}

/// The team with the highest count; ties go to the first name, so the choice is stable.
fn most(counts: &BTreeMap<String, usize>) -> Option<(String, usize)> {
    counts
        .iter()
        .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
        .map(|(t, n)| (t.clone(), *n))
}

#[cfg(test)]
mod tests {
    use super::most;
    use std::collections::BTreeMap;

    #[test]
    fn the_highest_count_wins_and_ties_go_to_the_first_name() {
        let counts: BTreeMap<String, usize> = [
            ("team-b".to_string(), 3),
            ("team-a".to_string(), 3),
            ("team-c".to_string(), 1),
        ]
        .into_iter()
        .collect();
        assert_eq!(most(&counts), Some(("team-a".to_string(), 3)));
        assert_eq!(most(&BTreeMap::new()), None);
    }
}
