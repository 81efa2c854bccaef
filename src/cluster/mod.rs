//! Clustering of root causes into classes: the same class of problem lands in one cluster however
//! it was worded. See `docs/clustering.md` for the method.
//!
//! 1. `prepare`: per incident, the evidence text, split into sentences, names masked, misspellings
//!    corrected; sentences without a cause (corpus templates, "cause unknown") dropped.
//! 2. Lexical stage: distinct term sets become vectors of idf-weighted lemmas plus the taxonomy
//!    classes their phrases match; leader clustering groups them; similar groups merge. The groups
//!    are pure but one class worded several ways is several groups.
//! 3. Semantic stage (`semantic`): the groups' representative texts are embedded (`crate::embed`)
//!    and groups are merged by meaning, steered by the taxonomy.
//! 4. `label`: clusters get a class (when most members' phrases name it), a readable label and a
//!    deterministic id; each incident keeps the evidence for its assignment.
//! 5. `links` (on every run, after the stored or fresh result): incidents declared duplicates or
//!    of one problem record join their group's class; then the curation file (`curation`).

mod boilerplate;
pub mod curation;
mod key;
mod label;
mod leader;
pub mod links;
mod meaning;
pub mod normalize;
mod phrases;
mod prepare;
mod semantic;
pub mod spelling;
pub mod taxonomy;
pub mod vector;
pub mod words;

pub use curation::Curation;
pub use key::{ALGORITHM_VERSION, cache_key};
pub use label::{Basis, Cluster, Evidence};
pub use meaning::Semantic;
pub use prepare::evidence;
pub use taxonomy::Taxonomy;

use crate::embed::{self, Embedder, VectorCache};
use crate::error::Result;
use crate::model::Incident;
use normalize::Normalizer;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use vector::SparseVec;

/// Clustering settings (documented defaults; part of the cache key of stored assignments).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Cosine to a cluster's centroid needed to join it (lexical stage).
    pub join_threshold: f32,
    /// Cosine between two clusters' centroids needed to merge them (lexical stage).
    pub merge_threshold: f32,
    /// Weight of a matched taxonomy class relative to the words (which weigh 1 in all).
    pub class_weight: f32,
    /// The semantic stage's threshold (see `semantic::Cut`).
    pub cut: semantic::Cut,
    /// Texts embedded per lexical group, at most (its most frequent wordings).
    pub texts_per_group: usize,
    /// New texts embedded per run, at most (the largest groups first; the rest stay lexical).
    pub embed_budget: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            join_threshold: 0.42,
            merge_threshold: 0.55,
            class_weight: 1.3,
            cut: semantic::Cut {
                quantile: 0.05,
                min_distance: 0.5,
                max_distance: 0.9,
                max_points: 4_000,
                lone_penalty: 0.2,
            },
            texts_per_group: 3,
            embed_budget: 20_000,
        }
    }
}

/// The result: clusters, and for each incident (by index) its cluster and the evidence for it.
#[derive(Debug, Clone)]
pub struct Clustering {
    pub clusters: Vec<Cluster>,
    /// Incident index → cluster index; `None` when no sentence states a cause.
    pub assignment: Vec<Option<usize>>,
    /// Incident index → why it is in its cluster (or why in none).
    pub basis: Vec<Basis>,
    /// The texts the semantic stage embedded (names masked, as in `Prepared::meaning`); their
    /// vectors are in the store's vector cache.
    pub reps: Vec<String>,
    /// Incident index → the index in `reps` of the text that stands for it (its own, or its
    /// wording group's most frequent); `None` without a cause or beyond the embedding budget.
    pub rep_of: Vec<Option<u32>>,
    /// Curation rules that could not be applied (not stored: the curation file is applied to the
    /// clustering on every run).
    pub curation_notes: Vec<String>,
    /// Linked groups left split because their members are confidently in different clusters
    /// (not stored: links are applied on every run).
    pub link_notes: Vec<String>,
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

/// Clusters incidents with the built-in model and no stored vectors. `entity_names` are masked
/// in the texts (services and teams).
pub fn cluster(
    incidents: &[Incident],
    entity_names: &[String],
    taxonomy: &Taxonomy,
    settings: &Settings,
) -> Result<Clustering> {
    let model = embed::MiniLm::shared()?;
    let mut cache = VectorCache::new(model.id(), model.dim());
    let semantic = Semantic {
        model,
        cache: &mut cache,
        bar: indicatif::ProgressBar::hidden(),
    };
    cluster_with_progress(
        incidents,
        entity_names,
        taxonomy,
        settings,
        Some(semantic),
        &indicatif::ProgressBar::hidden(),
    )
}

/// [`cluster`], counting incidents on `bar` as their texts are prepared; without `semantic`,
/// the lexical stage only.
pub fn cluster_with_progress(
    incidents: &[Incident],
    entity_names: &[String],
    taxonomy: &Taxonomy,
    settings: &Settings,
    semantic: Option<Semantic<'_>>,
    bar: &indicatif::ProgressBar,
) -> Result<Clustering> {
    let vocabulary = taxonomy.vocabulary();
    let normalizer = Normalizer::new(entity_names, &vocabulary);
    let is_word = |w: &str| embed::MiniLm::knows_word(w);
    let mut prepared = prepare::prepare(incidents, &normalizer, taxonomy, &is_word, bar);
    let hits: Vec<Vec<(usize, usize)>> = prepared
        .iter_mut()
        .map(|p| {
            p.as_mut()
                .map_or_else(Vec::new, |p| std::mem::take(&mut p.hits))
        })
        .collect();
    let term_sets: Vec<Vec<&str>> = prepared
        .par_iter()
        .map(|p| {
            let mut terms: Vec<&str> = p
                .iter()
                .flat_map(|p| p.sentences.iter().flatten())
                .map(String::as_str)
                .collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        })
        .collect();

    // Distinct term sets, in a fixed order.
    let mut distinct: BTreeMap<&[&str], Vec<usize>> = BTreeMap::new();
    for (i, terms) in term_sets.iter().enumerate() {
        if !terms.is_empty() {
            distinct.entry(terms.as_slice()).or_default().push(i);
        }
    }
    let keys: Vec<&[&str]> = distinct.keys().copied().collect();
    let members: Vec<&Vec<usize>> = distinct.values().collect();
    let sizes: Vec<usize> = members.iter().map(|m| m.len()).collect();

    // Term ids (sorted, so deterministic) and document frequency over incidents.
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, n) in keys.iter().zip(&sizes) {
        for t in key.iter() {
            *df.entry(t).or_default() += n;
        }
    }
    let term_id: HashMap<&str, u32> = df.keys().enumerate().map(|(i, t)| (*t, i as u32)).collect();
    let total: f32 = sizes.iter().sum::<usize>() as f32;
    let idf: HashMap<&str, f32> = df
        .iter()
        .map(|(t, n)| (*t, (1.0 + total / *n as f32).ln()))
        .collect();
    let class_base = df.len() as u32;

    // A distinct term set's classes: those of its first incident's phrases.
    let class_matches: Vec<Vec<(usize, usize)>> = members
        .iter()
        .map(|m| Taxonomy::classes_of(&hits[m[0]]))
        .collect();
    let vectors: Vec<SparseVec> = keys
        .par_iter()
        .zip(&class_matches)
        .map(|(key, matches)| {
            let words = SparseVec::normalized(key.iter().map(|t| (term_id[t], idf[t])).collect());
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
        hits: &hits,
        taxonomy,
        terms_by_id: &terms_by_id,
        class_base,
    };
    let mut reps = Vec::new();
    let mut rep_of = vec![None; incidents.len()];
    let (groups, similarity) = match semantic {
        Some(semantic) => {
            let (merged, texts) =
                meaning::merge_by_meaning(groups, &label_input, settings, semantic, &mut rep_of)?;
            reps = texts;
            merged
        }
        None => {
            let n = groups.len();
            (
                groups.into_iter().map(|g| vec![g]).collect(),
                vec![vec![1.0]; n],
            )
        }
    };
    let (clusters, basis_of) = label::finish(groups, similarity, &label_input);
    let mut assignment = vec![None; incidents.len()];
    let mut basis = vec![Basis::NoCause; incidents.len()];
    for (ci, c) in clusters.iter().enumerate() {
        for &m in &c.members {
            assignment[m] = Some(ci);
        }
    }
    for (m, b) in basis_of {
        basis[m] = b;
    }
    Ok(Clustering {
        clusters,
        assignment,
        basis,
        reps,
        rep_of,
        curation_notes: Vec::new(),
        link_notes: Vec::new(),
    })
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
            url: None,
            links: vec![],
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
        .unwrap()
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
