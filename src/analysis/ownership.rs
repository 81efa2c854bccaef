//! Ownership status of a component: owned by one team, or not really owned at all (no owner, a
//! catch-all owner such as "shared", several teams, or sources that disagree). Shared ownership
//! counts as no ownership.

use crate::graph::OwnerClaim;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Owner names that mean "nobody in particular" (canonical). Configurable with `--catch-all`.
pub const CATCH_ALL_OWNERS: &[&str] = &[
    "shared",
    "platform-all",
    "everyone",
    "engineering",
    "all",
    "all-teams",
    "unassigned",
    "unknown",
    "tbd",
    "none",
    "n-a",
    "nobody",
    "common",
    "infra-all",
    "devs",
];

/// How a component is owned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnershipStatus {
    /// No source names an owner.
    None,
    /// Only catch-all owners ("shared", "everyone").
    Nominal,
    /// Sources name different teams.
    Conflicting,
    /// One source names several teams.
    Multiple,
    /// Exactly one team, and every source agrees.
    Owned,
}

impl OwnershipStatus {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Nominal => "nominal",
            Self::Conflicting => "conflicting",
            Self::Multiple => "multiple",
            Self::Owned => "owned",
        }
    }

    /// True for every status but `owned`.
    pub fn is_gap(self) -> bool {
        self != Self::Owned
    }

    /// A short phrase for sentences: "has no owner", "is owned only by \"shared\"" …
    pub fn describe(self, claims: &[OwnerClaim]) -> String {
        let teams: BTreeSet<&str> = claims.iter().map(|c| c.team.as_str()).collect();
        let list = teams.iter().copied().collect::<Vec<_>>().join(", ");
        match self {
            Self::None => "has no owner".into(),
            Self::Nominal => format!("is owned only by the catch-all \"{list}\""),
            Self::Conflicting => format!("has owners that disagree between sources ({list})"),
            Self::Multiple => format!("is claimed by several teams ({list})"),
            Self::Owned => format!("is owned by {list}"),
        }
    }
}

/// Claims as one short text, sources merged per team: `team-a (backstage+codeowners), team-b (csv)`.
pub fn claims_text(claims: &[OwnerClaim]) -> String {
    let mut by_team: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in claims {
        by_team
            .entry(c.team.as_str())
            .or_default()
            .push(c.source.as_str());
    }
    if by_team.is_empty() {
        return "-".into();
    }
    by_team
        .iter()
        .map(|(t, s)| format!("{t} ({})", s.join("+")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The status of a set of ownership claims.
pub fn status(claims: &[OwnerClaim], catch_all: &[String]) -> OwnershipStatus {
    let real: Vec<&OwnerClaim> = claims
        .iter()
        .filter(|c| !catch_all.contains(&c.team))
        .collect();
    if claims.is_empty() {
        return OwnershipStatus::None;
    }
    if real.is_empty() {
        return OwnershipStatus::Nominal;
    }
    let mut by_source: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in claims {
        by_source
            .entry(c.source.as_str())
            .or_default()
            .insert(c.team.as_str());
    }
    let distinct: BTreeSet<&BTreeSet<&str>> = by_source.values().collect();
    if distinct.len() > 1 {
        return OwnershipStatus::Conflicting;
    }
    let teams: BTreeSet<&str> = real.iter().map(|c| c.team.as_str()).collect();
    if teams.len() > 1 || real.len() < claims.len() {
        return OwnershipStatus::Multiple;
    }
    OwnershipStatus::Owned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(list: &[(&str, &str)]) -> Vec<OwnerClaim> {
        list.iter()
            .map(|(t, s)| OwnerClaim {
                team: t.to_string(),
                source: s.to_string(),
            })
            .collect()
    }

    fn catch_all() -> Vec<String> {
        CATCH_ALL_OWNERS.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_status_from_its_claims() {
        let c = catch_all();
        assert_eq!(status(&[], &c), OwnershipStatus::None);
        assert_eq!(
            status(&claims(&[("shared", "backstage")]), &c),
            OwnershipStatus::Nominal
        );
        assert_eq!(
            status(&claims(&[("everyone", "csv"), ("shared", "backstage")]), &c),
            OwnershipStatus::Nominal,
            "only catch-alls, whichever source"
        );
        assert_eq!(
            status(
                &claims(&[("team-a", "backstage"), ("team-b", "backstage")]),
                &c
            ),
            OwnershipStatus::Multiple
        );
        assert_eq!(
            status(
                &claims(&[("team-a", "backstage"), ("team-b", "codeowners")]),
                &c
            ),
            OwnershipStatus::Conflicting
        );
        assert_eq!(
            status(
                &claims(&[("team-a", "backstage"), ("team-a", "codeowners")]),
                &c
            ),
            OwnershipStatus::Owned
        );
        assert_eq!(
            status(&claims(&[("team-a", "backstage")]), &c),
            OwnershipStatus::Owned
        );
    }

    #[test]
    fn a_real_team_next_to_a_catch_all_is_still_not_sole_ownership() {
        assert_eq!(
            status(
                &claims(&[("team-a", "backstage"), ("shared", "backstage")]),
                &catch_all()
            ),
            OwnershipStatus::Multiple
        );
    }
}
