//! The knowledge graph: incidents, services, components, teams, cause clusters and follow-up
//! actions, and how they relate. petgraph stays inside; callers ask typed questions by name.
//! `build.rs` constructs it; `export.rs` writes DOT, GraphML and JSON.

mod build;
pub mod export;
pub mod node;

pub use node::{Edge, Node, NodeKind, Relation};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The graph with an index from `kind:key` to node.
#[derive(Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    /// Kind → key → node; looked up without building a key string.
    index: HashMap<NodeKind, HashMap<String, NodeIndex>>,
    edges: HashSet<(NodeIndex, NodeIndex, Relation, Option<&'static str>)>,
    /// Catalog edges by target, so that questions about a hub component (one a hundred thousand
    /// incidents involve) do not walk all its incident edges.
    catalog_in: HashMap<NodeIndex, Vec<CatalogEdge>>,
}

/// A catalog edge seen from its target: the source node, the relation, where it was stated.
type CatalogEdge = (NodeIndex, Relation, Option<&'static str>);

/// One team's claim on an entity and where it was stated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct OwnerClaim {
    pub team: String,
    pub source: String,
}

impl KnowledgeGraph {
    fn find(&self, kind: NodeKind, key: &str) -> Option<NodeIndex> {
        self.index.get(&kind)?.get(key).copied()
    }

    /// Keys of the neighbours of `kind:key` over `relation`, in the given direction, sorted.
    fn related(
        &self,
        kind: NodeKind,
        key: &str,
        relation: Relation,
        direction: Direction,
    ) -> Vec<&str> {
        let Some(ix) = self.find(kind, key) else {
            return Vec::new();
        };
        let mut out: BTreeSet<&str> = BTreeSet::new();
        for e in self.graph.edges_directed(ix, direction) {
            if e.weight().relation == relation {
                let other = if direction == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                out.insert(self.graph[other].key.as_str());
            }
        }
        out.into_iter().collect()
    }

    /// Adds a node (once: an existing `kind:key` keeps its label). For views built by hand.
    pub fn add_entity(&mut self, kind: NodeKind, key: &str, label: &str) {
        self.add_node(kind, key, label);
    }

    /// Links two nodes added before, with the number of incidents it stands for; false (and
    /// nothing added) when either is missing or the link is already there.
    pub fn link(
        &mut self,
        from: (NodeKind, &str),
        to: (NodeKind, &str),
        relation: Relation,
        weight: Option<usize>,
    ) -> bool {
        let (Some(a), Some(b)) = (self.find(from.0, from.1), self.find(to.0, to.1)) else {
            return false;
        };
        if !self.edges.insert((a, b, relation, None)) {
            return false;
        }
        self.graph.add_edge(
            a,
            b,
            Edge {
                relation,
                source: None,
                weight,
            },
        );
        true
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes of one kind, by key.
    pub fn keys_of(&self, kind: NodeKind) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .graph
            .node_weights()
            .filter(|n| n.kind == kind)
            .map(|n| n.key.as_str())
            .collect();
        keys.sort_unstable();
        keys
    }

    /// The kind a name has in the graph (service or component), if it is there.
    pub fn kind_of(&self, name: &str) -> Option<NodeKind> {
        [NodeKind::Service, NodeKind::Component, NodeKind::Team]
            .into_iter()
            .find(|k| self.find(*k, name).is_some())
    }

    /// Incidents that affected a service.
    pub fn incidents_of(&self, service: &str) -> Vec<&str> {
        let kind = self.kind_of(service).unwrap_or(NodeKind::Service);
        self.related(kind, service, Relation::Affected, Direction::Incoming)
    }

    /// Incidents that involved a component.
    pub fn incidents_involving(&self, component: &str) -> Vec<&str> {
        let kind = self.kind_of(component).unwrap_or(NodeKind::Component);
        self.related(kind, component, Relation::Involved, Direction::Incoming)
    }

    /// Services an incident affected.
    pub fn services_of(&self, incident: &str) -> Vec<&str> {
        self.related(
            NodeKind::Incident,
            incident,
            Relation::Affected,
            Direction::Outgoing,
        )
    }

    /// Components an incident involved.
    pub fn components_of(&self, incident: &str) -> Vec<&str> {
        self.related(
            NodeKind::Incident,
            incident,
            Relation::Involved,
            Direction::Outgoing,
        )
    }

    /// What depends on a component, per the catalog.
    pub fn dependents_of(&self, component: &str) -> Vec<&str> {
        let kind = self.kind_of(component).unwrap_or(NodeKind::Component);
        let Some(ix) = self.find(kind, component) else {
            return Vec::new();
        };
        let mut out: Vec<&str> = self
            .catalog_in
            .get(&ix)
            .into_iter()
            .flatten()
            .filter(|(_, rel, _)| *rel == Relation::DependsOn)
            .map(|(from, _, _)| self.graph[*from].key.as_str())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What a service or component depends on, per the catalog.
    pub fn dependencies_of(&self, entity: &str) -> Vec<&str> {
        let kind = self.kind_of(entity).unwrap_or(NodeKind::Service);
        self.related(kind, entity, Relation::DependsOn, Direction::Outgoing)
    }

    /// Who the catalog says owns an entity, with the source of each claim.
    pub fn owners_of(&self, entity: &str) -> Vec<OwnerClaim> {
        let Some(kind) = self.kind_of(entity) else {
            return Vec::new();
        };
        let Some(ix) = self.find(kind, entity) else {
            return Vec::new();
        };
        let mut out: Vec<OwnerClaim> = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| e.weight().relation == Relation::OwnsPerCatalog)
            .map(|e| OwnerClaim {
                team: self.graph[e.source()].key.clone(),
                source: e.weight().source.unwrap_or_default().to_string(),
            })
            .collect();
        out.sort();
        out
    }

    /// Incidents in a cause cluster.
    pub fn incidents_in_cluster(&self, cluster: &str) -> Vec<&str> {
        self.related(
            NodeKind::Cluster,
            cluster,
            Relation::BelongsTo,
            Direction::Incoming,
        )
    }

    /// Checks the invariants; returns every violation found (empty when the graph is sound).
    pub fn verify(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: HashSet<String> = HashSet::new();
        for n in self.graph.node_weights() {
            if !ids.insert(n.id()) {
                problems.push(format!("node {} appears twice", n.id()));
            }
        }
        let mut seen: HashSet<(NodeIndex, NodeIndex, Relation, Option<&str>)> = HashSet::new();
        for e in self.graph.edge_references() {
            let (from, to) = (&self.graph[e.source()], &self.graph[e.target()]);
            let relation = e.weight().relation;
            let (sources, targets) = relation.allowed();
            if !sources.contains(&from.kind) || !targets.contains(&to.kind) {
                problems.push(format!(
                    "{} edge from {} to {}",
                    relation.as_str(),
                    from.id(),
                    to.id()
                ));
            }
            if !seen.insert((e.source(), e.target(), relation, e.weight().source)) {
                problems.push(format!(
                    "duplicate {} edge {} -> {}",
                    relation.as_str(),
                    from.id(),
                    to.id()
                ));
            }
        }
        for ix in self.graph.node_indices() {
            let n = &self.graph[ix];
            let count = |rel: Relation| {
                self.graph
                    .edges_directed(ix, Direction::Outgoing)
                    .filter(|e| e.weight().relation == rel)
                    .count()
            };
            match n.kind {
                NodeKind::Incident if count(Relation::Affected) == 0 => {
                    problems.push(format!("{} affects no service", n.id()))
                }
                NodeKind::Incident if count(Relation::BelongsTo) > 1 => {
                    problems.push(format!("{} is in several clusters", n.id()))
                }
                NodeKind::Action if count(Relation::FollowsUp) != 1 => problems.push(format!(
                    "{} follows up {} incidents",
                    n.id(),
                    count(Relation::FollowsUp)
                )),
                _ => {}
            }
        }
        problems
    }
}
