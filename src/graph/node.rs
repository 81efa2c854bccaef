//! What the knowledge graph links: its node kinds and relations.

use serde::Serialize;

/// The kind of an entity in the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Incident,
    Service,
    Component,
    Team,
    Cluster,
    Action,
    /// A record a declared link names that is not an incident of the store (a problem record,
    /// an incident not imported): a placeholder keyed by the id as written.
    Record,
}

impl NodeKind {
    /// The lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incident => "incident",
            Self::Service => "service",
            Self::Component => "component",
            Self::Team => "team",
            Self::Cluster => "cluster",
            Self::Action => "action",
            Self::Record => "record",
        }
    }
}

/// A node: its kind, its key (unique within the kind) and a label for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    /// Incident id, canonical name, cluster id, or `INCIDENT#N` for an action.
    pub key: String,
    pub label: String,
}

impl Node {
    /// `kind:key`, unique across the graph.
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.key)
    }
}

/// How two nodes are related (edges point from the first-named to the second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// incident → service
    Affected,
    /// incident → component
    Involved,
    /// service (or component) → component, from the catalog
    DependsOn,
    /// team → service or component, from the catalog
    OwnsPerCatalog,
    /// team → service, from an incident record's `team`
    RespondedFor,
    /// incident → cluster
    BelongsTo,
    /// action → incident
    FollowsUp,
    /// action → team
    OwnedBy,
    /// cluster → service or component: the class's incidents hit it (views; weighted)
    Hit,
    /// team → component: the owner recur proposes for an ownership gap (views)
    Proposed,
    /// incident → incident or record: declared links, one relation per link kind
    #[serde(rename = "duplicate_of")]
    LinkDuplicate,
    #[serde(rename = "parent")]
    LinkParent,
    #[serde(rename = "child")]
    LinkChild,
    #[serde(rename = "problem")]
    LinkProblem,
    #[serde(rename = "causes")]
    LinkCauses,
    #[serde(rename = "caused_by")]
    LinkCausedBy,
    #[serde(rename = "related")]
    LinkRelated,
}

impl Relation {
    /// The snake-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Affected => "affected",
            Self::Involved => "involved",
            Self::DependsOn => "depends_on",
            Self::OwnsPerCatalog => "owns",
            Self::RespondedFor => "responded_for",
            Self::BelongsTo => "belongs_to",
            Self::FollowsUp => "follows_up",
            Self::OwnedBy => "owned_by",
            Self::Hit => "hit",
            Self::Proposed => "proposed_owner",
            Self::LinkDuplicate => "duplicate_of",
            Self::LinkParent => "parent",
            Self::LinkChild => "child",
            Self::LinkProblem => "problem",
            Self::LinkCauses => "causes",
            Self::LinkCausedBy => "caused_by",
            Self::LinkRelated => "related",
        }
    }

    /// The relation of a declared link.
    pub fn of_link(kind: crate::model::LinkKind) -> Relation {
        use crate::model::LinkKind as K;
        match kind {
            K::Duplicate => Self::LinkDuplicate,
            K::Parent => Self::LinkParent,
            K::Child => Self::LinkChild,
            K::Problem => Self::LinkProblem,
            K::Causes => Self::LinkCauses,
            K::CausedBy => Self::LinkCausedBy,
            K::Related => Self::LinkRelated,
        }
    }

    /// The node kinds this relation may join (source, targets).
    pub fn allowed(self) -> (&'static [NodeKind], &'static [NodeKind]) {
        use NodeKind::*;
        match self {
            Self::Affected => (&[Incident], &[Service, Component]),
            Self::Involved => (&[Incident], &[Component, Service]),
            Self::DependsOn => (&[Service, Component], &[Component, Service]),
            Self::OwnsPerCatalog | Self::RespondedFor => (&[Team], &[Service, Component]),
            Self::BelongsTo => (&[Incident], &[Cluster]),
            Self::FollowsUp => (&[Action], &[Incident]),
            Self::OwnedBy => (&[Action], &[Team]),
            Self::Hit => (&[Cluster], &[Service, Component]),
            Self::Proposed => (&[Team], &[Component, Service]),
            Self::LinkDuplicate
            | Self::LinkParent
            | Self::LinkChild
            | Self::LinkProblem
            | Self::LinkCauses
            | Self::LinkCausedBy
            | Self::LinkRelated => (&[Incident], &[Incident, Record]),
        }
    }
}

/// An edge: the relation and, for ownership, where it was stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub relation: Relation,
    /// `backstage`, `codeowners`, `csv` (catalog file kinds) or `incident` (a record's team).
    pub source: Option<&'static str>,
    /// In a view: how many incidents the edge stands for.
    pub weight: Option<usize>,
}
