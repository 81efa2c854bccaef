//! Views of the knowledge graph that people can read, built from the findings: the summary
//! (recurring cause classes, the shared components on their paths, the teams that own them),
//! one class's neighbourhood, or one component's. Edges carry how many incidents they stand for.
//! The full graph (every incident and follow-up) is `GraphView::Full`.

use crate::analysis::Analysis;
use crate::analysis::findings::Findings;
use crate::analysis::hotspots::Hotspot;
use crate::analysis::ownership::OwnershipStatus;
use crate::analysis::path::PathComponent;
use crate::error::{RecurError, Result};
use crate::graph::{KnowledgeGraph, NodeKind, Relation};
use crate::output::count;

/// Which graph `export --graph` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphView {
    /// Every incident, service, component, team, cluster and follow-up.
    Full,
    /// Recurring classes, the shared components on their paths, and their owners.
    Summary,
    /// One cause class (cluster id): the services and components it hit, and their owners.
    Class(String),
    /// One component: the classes through it, its dependents and owners.
    Component(String),
}

impl GraphView {
    /// `full`, `summary`, `class ID`, `component NAME`.
    pub fn parse(words: &[String]) -> Result<Self> {
        let bad = || {
            RecurError::Invalid(format!(
                "--view {:?}: expected full, summary, class ID or component NAME",
                words.join(" ")
            ))
        };
        match words {
            [] => Ok(Self::Full),
            [w] if w == "full" => Ok(Self::Full),
            [w] if w == "summary" => Ok(Self::Summary),
            [w, id] if w == "class" => Ok(Self::Class(id.clone())),
            [w, name] if w == "component" => Ok(Self::Component(name.clone())),
            _ => Err(bad()),
        }
    }
}

fn class_label(h: &Hotspot) -> String {
    format!(
        "{}\n{} on {}",
        h.label,
        count(h.incident_ids.len(), "incident"),
        count(h.services.len(), "service")
    )
}

fn component_label(c: &PathComponent) -> String {
    let teams: std::collections::BTreeSet<&str> =
        c.claims.iter().map(|x| x.team.as_str()).collect();
    let teams: Vec<&str> = teams.into_iter().collect();
    let owner = match (c.status, teams.as_slice()) {
        (_, []) => "NO OWNER".to_string(),
        (OwnershipStatus::Owned, [team]) => format!("owner {team}"),
        (status, teams) => format!("{}: {}", status.as_str(), teams.join(", ")),
    };
    format!("{}\n{owner}", c.name)
}

/// A component on a class's path, its owners, and the owner proposed for it when it is a gap.
fn add_component(g: &mut KnowledgeGraph, f: &Findings, h: &Hotspot, c: &PathComponent) {
    g.add_entity(NodeKind::Component, &c.name, &component_label(c));
    g.link(
        (NodeKind::Cluster, &h.cluster_id),
        (NodeKind::Component, &c.name),
        Relation::Hit,
        Some(c.incidents),
    );
    for claim in &c.claims {
        g.add_entity(NodeKind::Team, &claim.team, &claim.team);
        g.link(
            (NodeKind::Team, &claim.team),
            (NodeKind::Component, &c.name),
            Relation::OwnsPerCatalog,
            None,
        );
    }
    if let Some(p) = f
        .ownership
        .find(&c.name)
        .and_then(|r| r.proposed_owner.as_ref())
    {
        g.add_entity(NodeKind::Team, &p.team, &p.team);
        g.link(
            (NodeKind::Team, &p.team),
            (NodeKind::Component, &c.name),
            Relation::Proposed,
            None,
        );
    }
}

fn add_class(g: &mut KnowledgeGraph, h: &Hotspot) {
    g.add_entity(NodeKind::Cluster, &h.cluster_id, &class_label(h));
}

/// The graph of a view (`Full` is the knowledge graph itself and is not built here).
pub fn view(a: &Analysis<'_>, f: &Findings, view: &GraphView) -> Result<KnowledgeGraph> {
    let mut g = KnowledgeGraph::default();
    match view {
        GraphView::Full => {
            return Err(RecurError::Invalid(
                "the full graph is the knowledge graph itself".into(),
            ));
        }
        GraphView::Summary => {
            // Classes with no shared component on their path have no edge here: `recur hotspots`.
            for h in f
                .hotspots
                .iter()
                .filter(|h| h.recurring && !h.components.is_empty())
            {
                add_class(&mut g, h);
                for c in &h.components {
                    add_component(&mut g, f, h, c);
                }
            }
        }
        GraphView::Class(id) => {
            let h = f
                .hotspots
                .iter()
                .find(|h| h.cluster_id.eq_ignore_ascii_case(id))
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        f.hotspots.iter().map(|h| h.cluster_id.as_str()).collect();
                    RecurError::NotFound(format!(
                        "--view class {id:?}: no such cause class; the classes are {}",
                        known.join(", ")
                    ))
                })?;
            add_class(&mut g, h);
            for s in &h.incidents_by_service {
                g.add_entity(NodeKind::Service, &s.service, &s.service);
                g.link(
                    (NodeKind::Cluster, &h.cluster_id),
                    (NodeKind::Service, &s.service),
                    Relation::Hit,
                    Some(s.incidents),
                );
                for claim in a.catalog().owners_of(&s.service) {
                    g.add_entity(NodeKind::Team, &claim.team, &claim.team);
                    g.link(
                        (NodeKind::Team, &claim.team),
                        (NodeKind::Service, &s.service),
                        Relation::OwnsPerCatalog,
                        None,
                    );
                }
            }
            for c in &h.components {
                add_component(&mut g, f, h, c);
            }
        }
        GraphView::Component(name) => {
            let through: Vec<(&Hotspot, &PathComponent)> = f
                .hotspots
                .iter()
                .filter_map(|h| {
                    h.components
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(name))
                        .map(|c| (h, c))
                })
                .collect();
            let row = f
                .ownership
                .shared
                .iter()
                .chain(&f.ownership.not_in_catalog)
                .find(|r| r.component.eq_ignore_ascii_case(name));
            if through.is_empty() && row.is_none() {
                return Err(RecurError::NotFound(format!(
                    "--view component {name:?}: no shared component or component on a class's path has that name (see `recur owners`)"
                )));
            }
            for (h, c) in &through {
                add_class(&mut g, h);
                add_component(&mut g, f, h, c);
            }
            if let Some(r) = row {
                let label = format!("{}\n{}", r.component, r.status.as_str());
                g.add_entity(NodeKind::Component, &r.component, &label);
                for claim in &r.owners {
                    g.add_entity(NodeKind::Team, &claim.team, &claim.team);
                    g.link(
                        (NodeKind::Team, &claim.team),
                        (NodeKind::Component, &r.component),
                        Relation::OwnsPerCatalog,
                        None,
                    );
                }
                for d in &r.dependents {
                    g.add_entity(NodeKind::Service, d, d);
                    g.link(
                        (NodeKind::Service, d),
                        (NodeKind::Component, &r.component),
                        Relation::DependsOn,
                        None,
                    );
                }
            }
        }
    }
    Ok(g)
}
