//! Clustering of root causes into classes: the same class of problem lands in one cluster however
//! it was worded. See `docs/clustering.md` for the method.
//!
//! Per incident: evidence text (root cause; else title and contributing factors, as weaker
//! evidence) → words → entity names masked → misspellings corrected → abbreviations expanded, stop
//! words dropped, stems → a set of terms. Distinct term sets become vectors of idf-weighted terms
//! plus the taxonomy classes they match; leader clustering with blocking groups them; similar
//! groups merge; clusters get a label and a deterministic id.

mod key;
mod label;
mod leader;
pub mod normalize;
pub mod spelling;
pub mod taxonomy;
pub mod vector;

pub use key::{ALGORITHM_VERSION, cache_key};
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
    cluster_with_progress(
        incidents,
        entity_names,
        taxonomy,
        settings,
        &indicatif::ProgressBar::hidden(),
    )
}

/// [`cluster`], counting incidents on `bar` as their texts are normalised (the longest part).
pub fn cluster_with_progress(
    incidents: &[Incident],
    entity_names: &[String],
    taxonomy: &Taxonomy,
    settings: &Settings,
    bar: &indicatif::ProgressBar,
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
            bar.inc(1);
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Incident, SourceRef, time::parse_timestamp};

    /// An incident of `service` with root cause `cause` (none when empty).
    pub(crate) fn incident(id: &str, service: &str, cause: &str) -> Incident {
        Incident {
            id: id.into(),
            title: format!("{service} incident"),
            severity: None,
            started_at: parse_timestamp("2024-01-01").unwrap(),
            detected_at: None,
            acknowledged_at: None,
            mitigated_at: None,
            resolved_at: None,
            services: vec![service.into()],
            components: vec![],
            contributing_factors: vec![],
            tags: vec![],
            root_cause: (!cause.is_empty()).then(|| cause.into()),
            trigger: None,
            team: None,
            actions: vec![],
            source: SourceRef::default(),
        }
    }

    fn corpus() -> Vec<Incident> {
        let texts = [
            ("checkout-api", "connection pool exhausted"),
            (
                "billing-worker",
                "DB connections were never released back to the pool",
            ),
            ("orders-service", "leaked pg conns after deploy"),
            ("search-api", "too many open connections to postgres"),
            (
                "invoice-api",
                "invoice-api: conection pool exausted under load",
            ),
            ("checkout-api", "TLS certificate expired on the gateway"),
            (
                "identity",
                "x509: certificate has expired or is not yet valid",
            ),
            ("payments-api", "expired SSL cert for api.example.com"),
            ("search-api", "bad config push to all regions"),
            (
                "orders-service",
                "malformed YAML in the configuration rollout",
            ),
            ("billing-worker", "disk full: logs were not rotated"),
            ("reporting", "no space left on device on the data volume"),
        ];
        texts
            .iter()
            .enumerate()
            .map(|(i, (s, c))| incident(&format!("I-{i}"), s, c))
            .collect()
    }

    fn run(incidents: &[Incident]) -> Clustering {
        let names: Vec<String> = [
            "checkout-api",
            "billing-worker",
            "orders-service",
            "search-api",
            "invoice-api",
            "payments-api",
            "identity",
            "reporting",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cluster(
            incidents,
            &names,
            &Taxonomy::load(None).unwrap(),
            &Settings::default(),
        )
    }

    fn id_of(c: &Clustering, i: usize) -> &str {
        c.cluster_of(i).map(|c| c.id.as_str()).unwrap_or("none")
    }

    #[test]
    fn paraphrases_of_one_class_land_together() {
        let c = run(&corpus());
        for i in 1..5 {
            assert_eq!(id_of(&c, i), id_of(&c, 0), "pool paraphrase {i}");
        }
        assert_eq!(id_of(&c, 0), "connection-pool");
        assert_eq!(id_of(&c, 6), id_of(&c, 5));
        assert_eq!(id_of(&c, 7), id_of(&c, 5));
        assert_eq!(id_of(&c, 9), id_of(&c, 8));
        assert_eq!(id_of(&c, 11), id_of(&c, 10));
    }

    #[test]
    fn different_classes_stay_apart() {
        let c = run(&corpus());
        let heads: Vec<&str> = [0, 5, 8, 10].iter().map(|i| id_of(&c, *i)).collect();
        let distinct: std::collections::BTreeSet<&&str> = heads.iter().collect();
        assert_eq!(distinct.len(), 4, "{heads:?}");
    }

    #[test]
    fn an_empty_cause_falls_back_to_title_and_factors() {
        let mut incidents = corpus();
        let mut weak = incident("W-1", "cart", "");
        weak.title = "Cart down: database connection pool exhausted".into();
        incidents.push(weak);
        let c = run(&incidents);
        let last = incidents.len() - 1;
        assert_eq!(id_of(&c, last), "connection-pool");
        assert_eq!(c.cluster_of(last).unwrap().weak_members, 1);
    }

    #[test]
    fn clusters_and_ids_are_deterministic() {
        let a = run(&corpus());
        let b = run(&corpus());
        let ids = |c: &Clustering| (0..12).map(|i| id_of(c, i).to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        let mut reversed = corpus();
        reversed.reverse();
        let r = run(&reversed);
        assert_eq!(
            id_of(&r, 11),
            id_of(&a, 0),
            "input order does not change the pool cluster's id"
        );
    }
}
