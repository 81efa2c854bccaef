//! Declared links as evidence: incidents declared duplicates of each other, or declared to belong
//! to the same problem record, end up in one cause class. Applied on every run, after the text
//! clustering (stored or fresh) and before the curation file, so a link added by a re-import
//! counts at once.
//!
//! Only `duplicate:ID` (to an incident in the store) and `problem:ID` (a shared key: every
//! incident naming it) join incidents into a linked group. In each group, members whose text
//! placed them without confidence (unclassified, no cause stated, or by a weak meaning) join the
//! cluster most of the group's confidently placed members share; when none is confident, the
//! whole group joins the cluster of the member with the best evidence. Confident members are never
//! moved: a group whose confident members disagree (with no majority) is left as it is and named
//! in a note.

use super::curation::compact;
use super::{Basis, Clustering};
use crate::model::{Incident, LinkKind};
use std::collections::{BTreeMap, HashMap};

/// Similarity below which a placement by meaning is not confident.
const CONFIDENT_SIMILARITY: f32 = 0.7;

/// Moves linked incidents into their group's cluster; returns notes on groups left split.
pub fn apply(c: &mut Clustering, incidents: &[Incident]) -> Vec<String> {
    let groups = linked_groups(incidents);
    let mut notes = Vec::new();
    let mut moved = false;
    for group in &groups {
        let confident: Vec<usize> = group
            .iter()
            .copied()
            .filter(|m| is_confident(c, *m))
            .collect();
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for m in &confident {
            if let Some(ci) = c.assignment[*m] {
                *votes.entry(ci).or_default() += 1;
            }
        }
        let best = votes.values().copied().max().unwrap_or(0);
        let leaders: Vec<usize> = votes
            .iter()
            .filter(|(_, n)| **n == best)
            .map(|(ci, _)| *ci)
            .collect();
        if votes.len() > 1 {
            notes.push(conflict_note(c, incidents, group, &confident));
        }
        let anchor = match leaders.as_slice() {
            [ci] => confident
                .iter()
                .copied()
                .filter(|m| c.assignment[*m] == Some(*ci))
                .max_by_key(|m| (score(&c.basis[*m]), std::cmp::Reverse(*m))),
            [] => group
                .iter()
                .copied()
                .filter(|m| c.assignment[*m].is_some())
                .max_by_key(|m| (score(&c.basis[*m]), std::cmp::Reverse(*m))),
            _ => None, // confident members split evenly: nobody moves
        };
        let Some(anchor) = anchor else { continue };
        let Some(target) = c.assignment[anchor] else {
            continue;
        };
        for &m in group {
            if m == anchor || c.assignment[m] == Some(target) || confident.contains(&m) {
                continue;
            }
            c.assignment[m] = Some(target);
            c.basis[m] = Basis::DeclaredLink {
                detail: detail(&incidents[m], &incidents[anchor]),
            };
            c.clusters[target].crumb = false;
            moved = true;
        }
    }
    if moved {
        compact(c);
    }
    notes
}

/// Groups (incident indices, ascending) of two or more incidents joined by duplicate and problem
/// links, in order of their first member.
fn linked_groups(incidents: &[Incident]) -> Vec<Vec<usize>> {
    let by_id: HashMap<&str, usize> = incidents
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let mut parent: Vec<usize> = (0..incidents.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    };
    let mut problems: HashMap<&str, usize> = HashMap::new();
    for (i, incident) in incidents.iter().enumerate() {
        for link in &incident.links {
            match link.kind {
                LinkKind::Duplicate => {
                    if let Some(&j) = by_id.get(link.target.as_str()) {
                        union(&mut parent, i, j);
                    }
                }
                LinkKind::Problem => {
                    let first = *problems.entry(link.target.as_str()).or_insert(i);
                    union(&mut parent, i, first);
                }
                _ => {}
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..incidents.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// Whether the text clustering placed an incident with confidence: in a real cluster (not a
/// lone crumb) by a phrase of its class, its wording, or a strong similarity of meaning.
fn is_confident(c: &Clustering, m: usize) -> bool {
    let Some(ci) = c.assignment[m] else {
        return false;
    };
    !c.clusters[ci].crumb
        && match &c.basis[m] {
            Basis::Phrase { .. } | Basis::Words => true,
            Basis::Meaning { similarity } => *similarity >= CONFIDENT_SIMILARITY,
            _ => false,
        }
}

/// How strong an assignment's evidence is, to pick the group's cluster when none is confident.
fn score(basis: &Basis) -> u32 {
    match basis {
        Basis::Phrase { .. } => 300,
        Basis::Words => 200,
        Basis::Meaning { similarity } => 100 + (similarity.clamp(0.0, 1.0) * 99.0) as u32,
        Basis::Alone => 50,
        _ => 0,
    }
}

/// `duplicate of INC-7`, `problem PRB-1, with INC-7`, or `linked to INC-7`.
fn detail(incident: &Incident, anchor: &Incident) -> String {
    let declares = |a: &Incident, b: &Incident| {
        a.links
            .iter()
            .any(|l| l.kind == LinkKind::Duplicate && l.target == b.id)
    };
    if declares(incident, anchor) {
        return format!("duplicate of {}", anchor.id);
    }
    if declares(anchor, incident) {
        return format!("{} is a duplicate of it", anchor.id);
    }
    let shared = incident.links.iter().find(|l| {
        l.kind == LinkKind::Problem
            && anchor
                .links
                .iter()
                .any(|a| a.kind == LinkKind::Problem && a.target == l.target)
    });
    match shared {
        Some(l) => format!("problem {}, with {}", l.target, anchor.id),
        None => format!("linked to {} by duplicate and problem links", anchor.id),
    }
}

/// A note naming a linked group whose confident members are in different clusters.
fn conflict_note(
    c: &Clustering,
    incidents: &[Incident],
    group: &[usize],
    confident: &[usize],
) -> String {
    let placed: Vec<String> = confident
        .iter()
        .filter_map(|m| {
            let ci = c.assignment[*m]?;
            Some(format!("{} in {}", incidents[*m].id, c.clusters[ci].id))
        })
        .collect();
    let ids: Vec<&str> = group.iter().map(|m| incidents[*m].id.as_str()).collect();
    format!(
        "links: {} are declared linked but their causes are confidently in different clusters ({}); not merged",
        ids.join(", "),
        placed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::tests::incident;
    use crate::model::Link;

    fn linked(id: &str, links: &[&str]) -> Incident {
        let mut i = incident(id, "checkout", "pool exhausted");
        i.links = links.iter().map(|l| Link::parse(l).unwrap()).collect();
        i
    }

    #[test]
    fn duplicate_and_problem_links_chain_into_groups_and_other_kinds_do_not() {
        let incidents = vec![
            linked("A", &["duplicate:B"]),
            linked("B", &["problem:PRB-1"]),
            linked("C", &["problem:PRB-1"]),
            linked("D", &["related:A", "causes:B", "parent:C"]),
            linked("E", &["duplicate:NOT-IN-STORE", "problem:PRB-2"]),
        ];
        assert_eq!(linked_groups(&incidents), vec![vec![0, 1, 2]]);
    }
}
