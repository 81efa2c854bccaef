//! Catalog entities: services, shared components, systems and teams with their owners and
//! dependencies, as one catalog source states them.

use serde::Serialize;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// Backstage `Component` (a service, website or library).
    Component,
    /// Backstage `Resource` (a database, queue, bucket, gateway).
    Resource,
    System,
    Group,
}

impl EntityKind {
    /// Reads a kind name, case-insensitively; `service` and `library` count as `Component`,
    /// `team` as `Group`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "component" | "service" | "library" | "website" => Some(Self::Component),
            "resource" | "database" | "queue" | "cache" => Some(Self::Resource),
            "system" => Some(Self::System),
            "group" | "team" => Some(Self::Group),
            _ => None,
        }
    }

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Component => "component",
            Self::Resource => "resource",
            Self::System => "system",
            Self::Group => "group",
        }
    }
}

/// Which kind of catalog file stated an ownership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnerSource {
    Backstage,
    Codeowners,
    Csv,
}

impl OwnerSource {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backstage => "backstage",
            Self::Codeowners => "codeowners",
            Self::Csv => "csv",
        }
    }

    /// The inverse of [`Self::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "backstage" => Some(Self::Backstage),
            "codeowners" => Some(Self::Codeowners),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// One entity as one catalog file describes it. The same name may appear in several files
/// (Backstage and CODEOWNERS, say); later stages merge them and notice when owners disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogEntity {
    /// Canonical name.
    pub name: String,
    pub kind: EntityKind,
    /// `spec.type`: service, library, database, …
    pub entity_type: Option<String>,
    /// Canonical team names; empty when the source names no owner (never defaulted).
    pub owners: Vec<String>,
    /// Canonical names of what this entity depends on.
    pub depends_on: Vec<String>,
    pub system: Option<String>,
    pub source: OwnerSource,
    pub source_file: String,
    /// Where in the file (`document 3`, `line 7`).
    pub location: String,
}

impl CatalogEntity {
    /// Equality of content, ignoring where in the file it stood.
    pub fn same_content(&self, other: &CatalogEntity) -> bool {
        self.name == other.name
            && self.kind == other.kind
            && self.entity_type == other.entity_type
            && self.owners == other.owners
            && self.depends_on == other.depends_on
            && self.system == other.system
            && self.source == other.source
            && self.source_file == other.source_file
    }
}
