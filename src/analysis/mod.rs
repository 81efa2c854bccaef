//! Analyses over the store: everything a query needs once the incidents are clustered.

pub mod followup;
pub mod gaps;
pub mod hotspots;
pub mod owners;
pub mod ownership;
pub mod path;
pub mod period;
pub mod timings;

use crate::cluster::{self, Clustering, Settings, Taxonomy};
use crate::graph::{KnowledgeGraph, NodeKind};
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
    /// The graph and the shared components, built on first use: not every query needs them.
    graph: OnceLock<(KnowledgeGraph, HashSet<String>)>,
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
            catch_all: ownership::CATCH_ALL_OWNERS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            by_id,
        }
    }

    /// The knowledge graph (built on first use).
    pub fn graph(&self) -> &KnowledgeGraph {
        &self.graph_and_shared().0
    }

    /// Components two or more services depend on (catalog) or hit in incidents.
    pub fn shared_components(&self) -> &HashSet<String> {
        &self.graph_and_shared().1
    }

    fn graph_and_shared(&self) -> &(KnowledgeGraph, HashSet<String>) {
        self.graph.get_or_init(|| {
            let graph = KnowledgeGraph::build(self.data, &self.clustering);
            let shared = shared_components(&graph);
            (graph, shared)
        })
    }

    /// The index of an incident by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// Components that two or more services depend on, or whose incidents hit two or more services.
fn shared_components(graph: &KnowledgeGraph) -> HashSet<String> {
    graph
        .keys_of(NodeKind::Component)
        .into_iter()
        .filter(|c| {
            let mut services: BTreeSet<&str> = graph.dependents_of(c).into_iter().collect();
            if services.len() >= 2 {
                return true;
            }
            for incident in graph.incidents_involving(c) {
                services.extend(graph.services_of(incident));
            }
            services.len() >= 2
        })
        .map(str::to_string)
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
