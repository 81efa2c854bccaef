//! Analyses over the store: everything a query needs once the incidents are clustered.

pub mod followup;
pub mod gaps;
pub mod hotspots;
pub mod owners;
pub mod ownership;
pub mod path;
pub mod period;
pub mod recommend;
pub mod timings;

use crate::cluster::{self, Clustering, Settings, Taxonomy};
use crate::graph::KnowledgeGraph;
use crate::model::EntityKind;
use crate::progress::Timings;
use crate::store::StoreData;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// The store's data with its clustering and graph, shared by the query commands.
pub struct Analysis<'a> {
    pub data: &'a StoreData,
    pub clustering: Clustering,
    pub taxonomy: Taxonomy,
    /// Built on first use: not every query needs it.
    graph: OnceLock<KnowledgeGraph>,
    /// The catalog part of the graph, which is all most analyses ask (built on first use).
    catalog: OnceLock<KnowledgeGraph>,
    /// Components two or more services depend on (catalog) or hit in incidents.
    shared: HashSet<String>,
    /// The same names, ready to be found in follow-up texts.
    shared_names: followup::SharedNames,
    /// Every follow-up's verdict, by incident index then action position (on first use).
    verdicts: OnceLock<Vec<Vec<followup::Verdict>>>,
    /// Whether each incident's class had an earlier incident (on first use).
    repeats: OnceLock<Vec<bool>>,
    /// Owner names that mean nobody in particular.
    pub catch_all: Vec<String>,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Analysis<'a> {
    /// Clusters the store's incidents.
    pub fn new(
        data: &'a StoreData,
        taxonomy: Taxonomy,
        settings: &Settings,
        timings: &Timings,
    ) -> Self {
        let names = entity_names(data);
        let clustering = timings.stage("cluster causes", || {
            cluster::cluster(&data.incidents, &names, &taxonomy, settings)
        });
        Self::with_clustering(data, clustering, taxonomy)
    }

    /// The analyses over a clustering already made (one read from the store).
    pub fn with_clustering(
        data: &'a StoreData,
        clustering: Clustering,
        taxonomy: Taxonomy,
    ) -> Self {
        let shared = shared_components(data);
        let by_id = data
            .incidents
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        Self {
            data,
            clustering,
            taxonomy,
            graph: OnceLock::new(),
            catalog: OnceLock::new(),
            shared_names: followup::SharedNames::new(&shared),
            shared,
            verdicts: OnceLock::new(),
            repeats: OnceLock::new(),
            catch_all: ownership::CATCH_ALL_OWNERS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            by_id,
        }
    }

    /// The knowledge graph (built on first use).
    pub fn graph(&self) -> &KnowledgeGraph {
        self.graph
            .get_or_init(|| KnowledgeGraph::build(self.data, &self.clustering))
    }

    /// The catalog part of the graph, for catalog questions (owners, dependencies, dependents):
    /// it answers them as the whole graph does, and is built in milliseconds on first use.
    pub fn catalog(&self) -> &KnowledgeGraph {
        self.catalog
            .get_or_init(|| KnowledgeGraph::build_catalog(self.data))
    }

    /// Components two or more services depend on (catalog) or hit in incidents.
    pub fn shared_components(&self) -> &HashSet<String> {
        &self.shared
    }

    /// The verdicts (local or systemic) of an incident's follow-ups, in action order. All are
    /// judged once, in parallel, on first use.
    pub fn verdicts(&self, incident: usize) -> &[followup::Verdict] {
        let all = self.verdicts.get_or_init(|| {
            use rayon::prelude::*;
            self.data
                .incidents
                .par_iter()
                .map(|i| {
                    let ctx = followup::Context {
                        shared_components: &self.shared_names,
                        incident_services: &i.services,
                    };
                    i.actions
                        .iter()
                        .map(|a| followup::classify(a, &ctx))
                        .collect()
                })
                .collect()
        });
        &all[incident]
    }

    /// Builds the catalog graph and judges every follow-up, side by side (for callers that will
    /// need both, such as a full report).
    pub fn prepare(&self) {
        rayon::join(
            || {
                self.catalog();
            },
            || {
                if !self.data.incidents.is_empty() {
                    self.verdicts(0);
                }
            },
        );
    }

    /// True when the incident's cause class had an earlier incident (computed once for all).
    pub fn is_repeat(&self, incident: usize) -> bool {
        self.repeats.get_or_init(|| timings::repeat_flags(self))[incident]
    }

    /// When the last incident started (the "now" of reproducible outputs).
    pub fn last_started_at(&self) -> Option<crate::model::Timestamp> {
        self.data.incidents.iter().map(|i| i.started_at).max()
    }

    /// The incidents that started in the period, in store order.
    pub fn incidents_in(&self, period: &period::Period) -> Vec<&'a crate::model::Incident> {
        self.data
            .incidents
            .iter()
            .filter(|i| period.contains(i.started_at))
            .collect()
    }

    /// The index of an incident by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// Components that two or more services depend on (per the catalog), or whose incidents hit two
/// or more services. Read from the records directly, so that analyses need not build the graph.
fn shared_components(data: &StoreData) -> HashSet<String> {
    let mut reach: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let service_names: HashSet<&str> = data
        .incidents
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect();
    for e in &data.catalog {
        for dep in &e.depends_on {
            reach
                .entry(dep.as_str())
                .or_default()
                .insert(e.name.as_str());
        }
    }
    for i in &data.incidents {
        for c in &i.components {
            reach
                .entry(c.as_str())
                .or_default()
                .extend(i.services.iter().map(String::as_str));
        }
    }
    reach
        .into_iter()
        .filter(|(name, users)| users.len() >= 2 && !service_names.contains(name))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Names masked in cause texts: services (from incidents and the catalog) and teams.
pub fn entity_names(data: &StoreData) -> Vec<String> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for i in &data.incidents {
        names.extend(i.services.iter().map(String::as_str));
        names.extend(i.team.as_deref());
    }
    for e in &data.catalog {
        let is_service = e.kind == EntityKind::Component
            && e.entity_type
                .as_deref()
                .is_none_or(|t| t == "service" || t == "website");
        if is_service || e.kind == EntityKind::Group {
            names.insert(e.name.as_str());
        }
        names.extend(e.owners.iter().map(String::as_str));
    }
    names.into_iter().map(str::to_string).collect()
}
