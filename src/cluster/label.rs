//! Finished clusters: members, the taxonomy class they map to (when most of them match it), a
//! label, and an id that is deterministic for the same input and settings.

use super::leader::Group;
use super::taxonomy::Taxonomy;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How strong the text behind an incident's assignment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    RootCause,
    /// No root cause: title, contributing factors and trigger stood in.
    TitleAndFactors,
}

/// One cluster of incidents with the same class of cause.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// `connection-pool`, `certificate-expiry-2`, `x-ssh-key`: deterministic.
    pub id: String,
    pub label: String,
    /// The taxonomy class key, when most members match it.
    pub class: Option<String>,
    /// Incident indices, ascending.
    #[serde(skip)]
    pub members: Vec<usize>,
    /// The most characteristic words (unstemmed, as most often written).
    pub top_terms: Vec<String>,
    /// Members assigned on title and factors only.
    pub weak_members: usize,
}

pub(super) struct LabelInput<'a> {
    pub prepared: &'a [(Vec<String>, Evidence)],
    pub members: &'a [&'a Vec<usize>],
    pub class_matches: &'a [Vec<(usize, usize)>],
    pub taxonomy: &'a Taxonomy,
    pub terms_by_id: &'a [&'a str],
    pub class_base: u32,
}

/// Turns groups into labelled clusters with ids, ordered by size (largest first) then id.
pub(super) fn finish(groups: Vec<Group>, input: &LabelInput<'_>) -> Vec<Cluster> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut drafts: Vec<(Cluster, usize)> = groups
        .into_iter()
        .map(|g| {
            let mut members: Vec<usize> = g
                .texts
                .iter()
                .flat_map(|t| input.members[*t].iter().copied())
                .collect();
            members.sort_unstable();
            // The class most members' texts match, if it covers at least half of them.
            let mut class_votes: BTreeMap<usize, usize> = BTreeMap::new();
            for t in &g.texts {
                if let Some(&(c, _)) = input.class_matches[*t].first() {
                    *class_votes.entry(c).or_default() += input.members[*t].len();
                }
            }
            let class = class_votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .filter(|(_, votes)| **votes * 2 >= members.len())
                .map(|(c, _)| *c);
            // Top word features of the centroid.
            let mut features: Vec<(u32, f32)> = g
                .centroid
                .sum
                .iter()
                .filter(|(id, _)| **id < input.class_base)
                .map(|(id, w)| (*id, *w))
                .collect();
            features.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let stems: Vec<&str> = features
                .iter()
                .take(4)
                .map(|(id, _)| input.terms_by_id[*id as usize])
                .collect();
            let top_terms = surface_words(&stems, &members, input, &stemmer);
            let weak = members
                .iter()
                .filter(|m| input.prepared[**m].1 == Evidence::TitleAndFactors)
                .count();
            let (label, base_id) = match class {
                Some(c) => (
                    input.taxonomy.classes[c].label.clone(),
                    input.taxonomy.classes[c].key.clone(),
                ),
                None => (
                    top_terms
                        .iter()
                        .take(3)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                    format!(
                        "x-{}",
                        top_terms
                            .iter()
                            .take(2)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("-")
                    ),
                ),
            };
            let size = members.len();
            let cluster = Cluster {
                id: base_id,
                label,
                class: class.map(|c| input.taxonomy.classes[c].key.clone()),
                members,
                top_terms,
                weak_members: weak,
            };
            (cluster, size)
        })
        .collect();
    drafts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.id.cmp(&b.0.id))
            .then(a.0.members.cmp(&b.0.members))
    });
    let mut seen: HashMap<String, usize> = HashMap::new();
    drafts
        .into_iter()
        .map(|(mut c, _)| {
            let n = seen.entry(c.id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                c.id = format!("{}-{}", c.id, n);
            }
            c
        })
        .collect()
}

/// For each stem, the word its members most often wrote.
fn surface_words(
    stems: &[&str],
    members: &[usize],
    input: &LabelInput<'_>,
    stemmer: &rust_stemmers::Stemmer,
) -> Vec<String> {
    let mut seen: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for m in members.iter().take(500) {
        for w in &input.prepared[*m].0 {
            let stem = stemmer.stem(w);
            if let Some(s) = stems.iter().find(|s| **s == stem) {
                *seen.entry(s).or_default().entry(w.as_str()).or_default() += 1;
            }
        }
    }
    stems
        .iter()
        .map(|s| {
            seen.get(s)
                .and_then(|words| {
                    words
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(w, _)| (*w).to_string())
                })
                .unwrap_or_else(|| (*s).to_string())
        })
        .collect()
}
