//! Building the knowledge graph from the store and the clustering: every entity once, however
//! it was spelled (names are canonical by then), and no edge twice.

use super::KnowledgeGraph;
use super::node::{Edge, Node, NodeKind, Relation};
use crate::cluster::Clustering;
use crate::model::EntityKind;
use crate::store::StoreData;
use std::collections::{HashMap, HashSet};

/// Decides whether a name is a service or a component: the catalog's word first, then how
/// incidents use it.
fn kinds_of(data: &StoreData) -> HashMap<&str, NodeKind> {
    use rayon::prelude::*;
    // The distinct names incidents use (a few hundred among a million incidents), on both cores.
    type Names<'d> = (HashSet<&'d str>, HashSet<&'d str>);
    let (components, services): Names<'_> = data
        .incidents
        .par_iter()
        .fold(Names::default, |(mut c, mut s), i| {
            c.extend(i.components.iter().map(String::as_str));
            s.extend(i.services.iter().map(String::as_str));
            (c, s)
        })
        .reduce(Names::default, |(mut c, mut s), (c2, s2)| {
            c.extend(c2);
            s.extend(s2);
            (c, s)
        });
    let mut kinds: HashMap<&str, NodeKind> = HashMap::new();
    for c in components {
        kinds.insert(c, NodeKind::Component);
    }
    // A name incidents use as a service is a service, even where others call it a component.
    for s in services {
        kinds.insert(s, NodeKind::Service);
    }
    for e in &data.catalog {
        let kind = match (e.kind, e.entity_type.as_deref()) {
            (EntityKind::Group, _) => NodeKind::Team,
            (EntityKind::System, _) => continue,
            (EntityKind::Component, None | Some("service" | "website")) => NodeKind::Service,
            _ => NodeKind::Component,
        };
        // CODEOWNERS names paths, not kinds: it never overrides another source.
        if e.source == crate::model::OwnerSource::Codeowners && kinds.contains_key(e.name.as_str())
        {
            continue;
        }
        kinds.insert(e.name.as_str(), kind);
    }
    kinds
}

/// Whether an edge can only be added once by construction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unique {
    Yes,
    Check,
}

impl KnowledgeGraph {
    /// Builds the graph of the store's incidents, catalog and clusters.
    pub fn build(data: &StoreData, clustering: &Clustering) -> Self {
        let mut g = KnowledgeGraph::default();
        let kinds = kinds_of(data);
        g.add_incidents(data, clustering, &kinds);
        g.add_links(data);
        g.add_catalog(data, &kinds);
        g
    }

    /// Declared links, once every incident has its node: to the incident of that id, else to a
    /// placeholder record node.
    fn add_links(&mut self, data: &StoreData) {
        for incident in data.incidents.iter().filter(|i| !i.links.is_empty()) {
            let from = self.add_node(NodeKind::Incident, &incident.id, &incident.title);
            for link in &incident.links {
                let known = self
                    .index
                    .get(&NodeKind::Incident)
                    .and_then(|m| m.get(&link.target))
                    .copied();
                let to = known
                    .unwrap_or_else(|| self.add_node(NodeKind::Record, &link.target, &link.target));
                let relation = Relation::of_link(link.kind);
                self.edge(from, to, relation, None, Unique::Check);
            }
        }
    }

    /// Builds the catalog part of the graph only: services, components and teams with who owns
    /// what and what depends on what, without incidents, actions and clusters. It answers the
    /// catalog questions (`owners_of`, `dependencies_of`, `dependents_of`) as the whole graph
    /// does, in a fraction of the time and memory at a million incidents.
    pub fn build_catalog(data: &StoreData) -> Self {
        let mut g = KnowledgeGraph::default();
        g.add_catalog(data, &kinds_of(data));
        g
    }

    fn add_incidents(
        &mut self,
        data: &StoreData,
        clustering: &Clustering,
        kinds: &HashMap<&str, NodeKind>,
    ) {
        let g = self;
        let kind = |name: &str, default: NodeKind| kinds.get(name).copied().unwrap_or(default);
        // A crumb (one incident like no other) is no class: it gets no cluster node.
        for cluster in clustering.clusters.iter().filter(|c| !c.crumb) {
            g.add_node(NodeKind::Cluster, &cluster.id, &cluster.label);
        }
        for (i, incident) in data.incidents.iter().enumerate() {
            let inc = g.add_node(NodeKind::Incident, &incident.id, &incident.title);
            for s in &incident.services {
                let n = g.add_node(kind(s, NodeKind::Service), s, s);
                g.edge(inc, n, Relation::Affected, None, Unique::Yes);
                if let Some(team) = &incident.team {
                    let t = g.add_node(NodeKind::Team, team, team);
                    g.edge(
                        t,
                        n,
                        Relation::RespondedFor,
                        Some("incident"),
                        Unique::Check,
                    );
                }
            }
            for c in &incident.components {
                let n = g.add_node(kind(c, NodeKind::Component), c, c);
                g.edge(inc, n, Relation::Involved, None, Unique::Yes);
            }
            if let Some(cluster) = clustering.cluster_of(i).filter(|c| !c.crumb) {
                let n = g.add_node(NodeKind::Cluster, &cluster.id, &cluster.label);
                g.edge(inc, n, Relation::BelongsTo, None, Unique::Yes);
            }
            for (position, action) in incident.actions.iter().enumerate() {
                let key = format!("{}#{}", incident.id, position + 1);
                let a = g.graph.add_node(Node {
                    kind: NodeKind::Action,
                    key,
                    label: action.title.clone(),
                });
                g.edge(a, inc, Relation::FollowsUp, None, Unique::Yes);
                if let Some(owner) = &action.owner {
                    let t = g.add_node(NodeKind::Team, owner, owner);
                    g.edge(a, t, Relation::OwnedBy, None, Unique::Yes);
                }
            }
        }
    }

    fn add_catalog(&mut self, data: &StoreData, kinds: &HashMap<&str, NodeKind>) {
        let g = self;
        let kind = |name: &str, default: NodeKind| kinds.get(name).copied().unwrap_or(default);
        for e in &data.catalog {
            if e.kind == EntityKind::System {
                continue;
            }
            let own_kind = kind(&e.name, NodeKind::Component);
            let n = g.add_node(own_kind, &e.name, &e.name);
            if own_kind == NodeKind::Team {
                continue;
            }
            for owner in &e.owners {
                let t = g.add_node(NodeKind::Team, owner, owner);
                g.edge(
                    t,
                    n,
                    Relation::OwnsPerCatalog,
                    Some(e.source.as_str()),
                    Unique::Check,
                );
            }
            for dep in &e.depends_on {
                let d = g.add_node(kind(dep, NodeKind::Component), dep, dep);
                g.edge(n, d, Relation::DependsOn, None, Unique::Check);
            }
        }
    }

    pub(super) fn add_node(
        &mut self,
        kind: NodeKind,
        key: &str,
        label: &str,
    ) -> petgraph::graph::NodeIndex {
        if let Some(&ix) = self.index.get(&kind).and_then(|m| m.get(key)) {
            return ix;
        }
        let ix = self.graph.add_node(Node {
            kind,
            key: key.to_string(),
            label: label.to_string(),
        });
        self.index
            .entry(kind)
            .or_default()
            .insert(key.to_string(), ix);
        ix
    }

    fn edge(
        &mut self,
        from: petgraph::graph::NodeIndex,
        to: petgraph::graph::NodeIndex,
        relation: Relation,
        source: Option<&'static str>,
        unique: Unique,
    ) {
        // Edges that can only arise once (an incident's deduplicated services, its cluster, an
        // action's incident) skip the duplicate check; `verify()` still checks them in tests.
        if unique == Unique::Yes || self.edges.insert((from, to, relation, source)) {
            self.graph.add_edge(
                from,
                to,
                Edge {
                    relation,
                    source,
                    weight: None,
                },
            );
            if matches!(relation, Relation::OwnsPerCatalog | Relation::DependsOn) {
                self.catalog_in
                    .entry(to)
                    .or_default()
                    .push((from, relation, source));
            }
        }
    }
}
