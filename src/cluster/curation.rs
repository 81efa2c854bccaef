//! Curation: what the user decided about the clusters, kept in a YAML file beside the store
//! (`<store>/curation.yaml`, or `--curation FILE`) and applied on every run, after clustering:
//!
//! ```yaml
//! rename:                      # give a cluster a label (and optionally a stable id)
//!   - cluster: incident:INC-1042     # the cluster holding INC-1042 (survives re-clustering)
//!     label: Session token rotation
//!     id: token-rotation
//! merge:                       # one class, however recur split it
//!   - into: connection-pool
//!     clusters: [x-db-conns-limit, incident:INC-0311]
//! move:                        # one incident to another cluster, or out of every cluster
//!   - incident: INC-0877
//!     to: certificate-expiry   # or `unclassified`
//! not_a_class:                 # a cluster that is not a class of cause: its incidents are
//!   - x-reports-degraded       # left unclassified
//! ```
//!
//! A cluster is named by its id as `recur clusters` lists it, or as `incident:ID`: the cluster
//! that holds that incident, which stays right when new data changes ids. A rule that names
//! nothing is reported, never fatal. Rules apply in the order rename, merge, move, not_a_class,
//! each on the result of the previous ones (references resolve against the clustering as
//! computed, before any rule).

use super::{Basis, Clustering};
use crate::error::{RecurError, Result};
use crate::model::Incident;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curation {
    #[serde(default)]
    rename: Vec<Rename>,
    #[serde(default)]
    merge: Vec<Merge>,
    #[serde(default, rename = "move")]
    moves: Vec<Move>,
    #[serde(default)]
    not_a_class: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    cluster: String,
    label: String,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Merge {
    into: String,
    clusters: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Move {
    incident: String,
    to: String,
}

/// The value `move … to:` takes to take an incident out of every cluster.
const UNCLASSIFIED: &str = "unclassified";

impl Curation {
    /// Reads a curation file; `None` when `path` does not exist and `required` is false.
    pub fn load(path: &Path, required: bool) -> Result<Option<Self>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(None),
            Err(e) => return Err(RecurError::io(path, e)),
        };
        serde_saphyr::from_str(&text).map(Some).map_err(|e| {
            RecurError::Invalid(format!(
                "{}: invalid curation file: {}",
                path.display(),
                e.without_snippet()
            ))
        })
    }

    /// How many rules the file holds.
    pub fn rules(&self) -> usize {
        self.rename.len() + self.merge.len() + self.moves.len() + self.not_a_class.len()
    }

    /// Applies the rules to a clustering of `incidents`; returns what could not be applied.
    pub fn apply(&self, c: &mut Clustering, incidents: &[Incident]) -> Vec<String> {
        let mut notes = Vec::new();
        let by_incident: HashMap<&str, usize> = incidents
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        let by_cluster: HashMap<String, usize> = c
            .clusters
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect();
        // References resolve against the clustering as computed.
        let resolve = |reference: &str, notes: &mut Vec<String>| -> Option<usize> {
            let found = match reference.strip_prefix("incident:") {
                Some(id) => by_incident.get(id.trim()).and_then(|i| c.assignment[*i]),
                None => by_cluster.get(reference.trim()).copied(),
            };
            if found.is_none() {
                notes.push(format!("curation: no cluster {reference:?}; rule skipped"));
            }
            found
        };
        let renames: Vec<(usize, &Rename)> = self
            .rename
            .iter()
            .filter_map(|r| resolve(&r.cluster, &mut notes).map(|ci| (ci, r)))
            .collect();
        let merges: Vec<(usize, Vec<usize>)> = self
            .merge
            .iter()
            .filter_map(|m| {
                let into = resolve(&m.into, &mut notes)?;
                let from = m
                    .clusters
                    .iter()
                    .filter_map(|r| resolve(r, &mut notes))
                    .filter(|ci| *ci != into)
                    .collect();
                Some((into, from))
            })
            .collect();
        let moves: Vec<(usize, Option<usize>)> = self
            .moves
            .iter()
            .filter_map(|m| {
                let Some(&incident) = by_incident.get(m.incident.trim()) else {
                    notes.push(format!(
                        "curation: no incident {:?}; rule skipped",
                        m.incident
                    ));
                    return None;
                };
                if m.to.trim() == UNCLASSIFIED {
                    return Some((incident, None));
                }
                resolve(&m.to, &mut notes).map(|ci| (incident, Some(ci)))
            })
            .collect();
        let dropped: Vec<usize> = self
            .not_a_class
            .iter()
            .filter_map(|r| resolve(r, &mut notes))
            .collect();

        for (ci, r) in renames {
            if let Some(id) = &r.id {
                if c.clusters
                    .iter()
                    .enumerate()
                    .any(|(i, x)| i != ci && &x.id == id)
                {
                    notes.push(format!(
                        "curation: id {id:?} is another cluster's; {:?} keeps its id",
                        c.clusters[ci].id
                    ));
                } else {
                    c.clusters[ci].id = id.clone();
                }
            }
            let cluster = &mut c.clusters[ci];
            cluster.label = r.label.clone();
            cluster.crumb = false;
            cluster.curated = true;
        }
        // Merges follow chains (a into b, b into c): each cluster's final home.
        let mut home: Vec<usize> = (0..c.clusters.len()).collect();
        for (into, from) in &merges {
            for f in from {
                home[*f] = *into;
            }
        }
        let find = |mut x: usize| {
            for _ in 0..home.len() {
                if home[x] == x {
                    break;
                }
                x = home[x];
            }
            x
        };
        for i in 0..c.assignment.len() {
            if let Some(ci) = c.assignment[i] {
                let to = find(ci);
                if to != ci {
                    c.assignment[i] = Some(to);
                    c.basis[i] = Basis::Curated;
                }
            }
        }
        for (into, _) in &merges {
            c.clusters[find(*into)].curated = true;
        }
        for (incident, to) in moves {
            c.assignment[incident] = to.map(find);
            c.basis[incident] = Basis::Curated;
        }
        for ci in dropped {
            let ci = find(ci);
            for i in 0..c.assignment.len() {
                if c.assignment[i] == Some(ci) {
                    c.assignment[i] = None;
                    c.basis[i] = Basis::NotAClass;
                }
            }
        }
        compact(c);
        notes
    }
}

/// Members rebuilt from the assignment; clusters left empty removed; the rest ordered by size
/// (largest first) then id, as clustering orders them.
pub(super) fn compact(c: &mut Clustering) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); c.clusters.len()];
    for (i, a) in c.assignment.iter().enumerate() {
        if let Some(ci) = a {
            members[*ci].push(i);
        }
    }
    let mut order: Vec<usize> = (0..c.clusters.len())
        .filter(|ci| !members[*ci].is_empty())
        .collect();
    order.sort_by(|a, b| {
        members[*b]
            .len()
            .cmp(&members[*a].len())
            .then(c.clusters[*a].id.cmp(&c.clusters[*b].id))
    });
    let mut new_index = vec![None; c.clusters.len()];
    let mut clusters = Vec::with_capacity(order.len());
    for (new, old) in order.iter().enumerate() {
        new_index[*old] = Some(new);
        let mut cluster = c.clusters[*old].clone();
        cluster.members = std::mem::take(&mut members[*old]);
        if cluster.curated && cluster.members.len() > 1 {
            cluster.crumb = false;
        }
        clusters.push(cluster);
    }
    for a in &mut c.assignment {
        *a = a.and_then(|ci| new_index[ci]);
    }
    c.clusters = clusters;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Cluster;
    use crate::cluster::tests::incident;

    fn cluster(id: &str) -> Cluster {
        Cluster {
            id: id.into(),
            label: id.into(),
            class: None,
            members: Vec::new(),
            top_terms: Vec::new(),
            weak_members: 0,
            crumb: false,
            curated: false,
        }
    }

    fn setup() -> (Clustering, Vec<Incident>) {
        let incidents: Vec<Incident> = (0..6)
            .map(|i| incident(&format!("I-{i}"), "svc", "a cause"))
            .collect();
        let assignment = vec![Some(0), Some(0), Some(1), Some(1), Some(2), None];
        let mut c = Clustering {
            clusters: vec![cluster("a"), cluster("b"), cluster("c")],
            assignment,
            basis: vec![Basis::Words; 6],
            reps: Vec::new(),
            rep_of: vec![None; 6],
            curation_notes: Vec::new(),
            link_notes: Vec::new(),
        };
        compact(&mut c);
        (c, incidents)
    }

    fn ids(c: &Clustering, incidents: &[Incident]) -> Vec<String> {
        (0..incidents.len())
            .map(|i| c.cluster_of(i).map_or("-".into(), |x| x.id.clone()))
            .collect()
    }

    #[test]
    fn rules_rename_merge_move_and_drop() {
        let (mut c, incidents) = setup();
        let curation: Curation = serde_saphyr::from_str(
            "rename:\n  - cluster: incident:I-2\n    label: Token rotation\n    id: tokens\n\
             merge:\n  - into: a\n    clusters: [c, nothing-here]\n\
             move:\n  - incident: I-1\n    to: unclassified\n\
             not_a_class: [incident:I-5]\n",
        )
        .unwrap();
        let notes = curation.apply(&mut c, &incidents);
        assert_eq!(
            ids(&c, &incidents),
            ["a", "-", "tokens", "tokens", "a", "-"]
        );
        assert_eq!(
            c.clusters.iter().find(|x| x.id == "tokens").unwrap().label,
            "Token rotation"
        );
        assert_eq!(c.basis[1], Basis::Curated);
        assert_eq!(c.basis[4], Basis::Curated);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("nothing-here")));
        assert!(c.clusters.iter().all(|x| !x.members.is_empty()));
    }

    #[test]
    fn not_a_class_leaves_its_incidents_unclassified() {
        let (mut c, incidents) = setup();
        let curation: Curation = serde_saphyr::from_str("not_a_class: [b]\n").unwrap();
        assert!(curation.apply(&mut c, &incidents).is_empty());
        assert_eq!(ids(&c, &incidents), ["a", "a", "-", "-", "c", "-"]);
        assert_eq!(c.basis[2], Basis::NotAClass);
    }

    #[test]
    fn an_unknown_field_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("curation.yaml");
        std::fs::write(&path, "renmae: []\n").unwrap();
        let err = Curation::load(&path, true).unwrap_err().to_string();
        assert!(
            err.contains("curation.yaml") && err.contains("renmae"),
            "{err}"
        );
        assert!(
            Curation::load(&dir.path().join("none.yaml"), false)
                .unwrap()
                .is_none()
        );
    }
}
