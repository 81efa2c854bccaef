//! Clustering of root causes into classes: the same class of problem lands in one cluster however
//! it was worded. See `docs/clustering.md` for the method.
//!
//! Per incident: evidence text (root cause; else title and contributing factors, as weaker
//! evidence) → words → entity names masked → misspellings corrected → abbreviations expanded, stop
//! words dropped, stems → a set of terms. Distinct term sets become vectors of idf-weighted terms
//! plus the taxonomy classes they match; leader clustering with blocking groups them; similar
//! groups merge; clusters get a label and a deterministic id.

mod label;
mod leader;
pub mod normalize;
pub mod spelling;
pub mod taxonomy;
pub mod vector;

pub use label::{Cluster, Evidence};
pub use taxonomy::Taxonomy;

use crate::model::Incident;
use normalize::Normalizer;
use rayon::prelude::*;
use spelling::Speller;
use std::collections::{BTreeMap, HashMap, HashSet};
use vector::SparseVec;

/// Clustering settings (documented defaults; part of the cache key of stored assignments).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Cosine to a cluster's centroid needed to join it.
    pub join_threshold: f32,
    /// Cosine between two clusters' centroids needed to merge them.
    pub merge_threshold: f32,
    /// Weight of a matched taxonomy class relative to the words (which weigh 1 in all).
    pub class_weight: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            join_threshold: 0.42,
            merge_threshold: 0.55,
            class_weight: 1.3,
        }
    }
}

/// The result: clusters, and for each incident (by index) its cluster.
#[derive(Debug, Clone)]
pub struct Clustering {
    pub clusters: Vec<Cluster>,
    /// Incident index → cluster index; `None` for an incident with no usable text at all.
    pub assignment: Vec<Option<usize>>,
}

impl Clustering {
    /// The cluster of an incident.
    pub fn cluster_of(&self, incident: usize) -> Option<&Cluster> {
        self.assignment
            .get(incident)
            .copied()
            .flatten()
            .map(|c| &self.clusters[c])
    }
}

/// The text that stands for an incident's cause, and how strong it is.
fn evidence(incident: &Incident) -> (String, Evidence) {
    match incident
        .root_cause
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(cause) => (cause.to_string(), Evidence::RootCause),
        None => {
            let mut text = incident.title.clone();
            for factor in &incident.contributing_factors {
                text.push_str(". ");
                text.push_str(factor);
            }
            if let Some(trigger) = &incident.trigger {
                text.push_str(". ");
                text.push_str(trigger);
            }
            (text, Evidence::TitleAndFactors)
        }
    }
}

/// Clusters incidents. `entity_names` are masked in the texts (services and teams).
pub fn cluster(
    incidents: &[Incident],
    entity_names: &[String],
    taxonomy: &Taxonomy,
    settings: &Settings,
) -> Clustering {
    let vocabulary = taxonomy.vocabulary();
    let normalizer = Normalizer::new(entity_names, &vocabulary);
    let prepared: Vec<(Vec<String>, Evidence)> = incidents
        .par_iter()
        .map(|i| {
            let (text, strength) = evidence(i);
            (normalizer.mask(Normalizer::words(&text)), strength)
        })
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (words, _) in &prepared {
        for w in words {
            *counts.entry(w.clone()).or_default() += 1;
        }
    }
    let speller = Speller::learn(&counts, &vocabulary);
    let term_sets: Vec<Vec<String>> = prepared
        .par_iter()
        .map(|(words, _)| {
            let corrected: Vec<String> = words
                .iter()
                .map(|w| speller.correct(w).to_string())
                .collect();
            let mut terms = normalizer.terms(&corrected);
            terms.sort_unstable();
            terms.dedup();
            terms
        })
        .collect();

    // Distinct term sets, in a fixed order.
    let mut distinct: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for (i, terms) in term_sets.iter().enumerate() {
        if !terms.is_empty() {
            distinct.entry(terms.as_slice()).or_default().push(i);
        }
    }
    let keys: Vec<&[String]> = distinct.keys().copied().collect();
    let members: Vec<&Vec<usize>> = distinct.values().collect();
    let sizes: Vec<usize> = members.iter().map(|m| m.len()).collect();

    // Term ids (sorted, so deterministic) and document frequency over incidents.
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, n) in keys.iter().zip(&sizes) {
        for t in key.iter() {
            *df.entry(t.as_str()).or_default() += n;
        }
    }
    let term_id: HashMap<&str, u32> = df.keys().enumerate().map(|(i, t)| (*t, i as u32)).collect();
    let total: f32 = sizes.iter().sum::<usize>() as f32;
    let idf: HashMap<&str, f32> = df
        .iter()
        .map(|(t, n)| (*t, (1.0 + total / *n as f32).ln()))
        .collect();
    let class_base = df.len() as u32;

    let class_matches: Vec<Vec<(usize, usize)>> = keys
        .par_iter()
        .map(|key| taxonomy.matches(&key.iter().map(String::as_str).collect::<HashSet<&str>>()))
        .collect();
    let vectors: Vec<SparseVec> = keys
        .par_iter()
        .zip(&class_matches)
        .map(|(key, matches)| {
            let words = SparseVec::normalized(
                key.iter()
                    .map(|t| (term_id[t.as_str()], idf[t.as_str()]))
                    .collect(),
            );
            let mut pairs = words.0;
            if let Some(&(_, best)) = matches.first() {
                let top: Vec<usize> = matches
                    .iter()
                    .filter(|(_, n)| *n == best)
                    .map(|(c, _)| *c)
                    .collect();
                let w = settings.class_weight / (top.len() as f32).sqrt();
                pairs.extend(top.iter().map(|c| (class_base + *c as u32, w)));
            }
            SparseVec::normalized(pairs)
        })
        .collect();

    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| sizes[*b].cmp(&sizes[*a]).then(keys[*a].cmp(keys[*b])));
    let groups = leader::cluster(&vectors, &sizes, &order, settings.join_threshold);
    let groups = leader::merge_similar(groups, settings.merge_threshold);

    let terms_by_id: Vec<&str> = df.keys().copied().collect();
    let label_input = label::LabelInput {
        incidents,
        prepared: &prepared,
        members: &members,
        class_matches: &class_matches,
        taxonomy,
        terms_by_id: &terms_by_id,
        class_base,
    };
    let clusters = label::finish(groups, &label_input);
    let mut assignment = vec![None; incidents.len()];
    for (ci, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            assignment[m] = Some(ci);
        }
    }
    Clustering {
        clusters,
        assignment,
    }
}
