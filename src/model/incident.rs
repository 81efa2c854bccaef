//! `Incident`: one incident as recur keeps it, whatever format it came from.

use super::{Action, Link, Severity, Timestamp};
use serde::Serialize;

/// Where a record was read from, for error messages and traceability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SourceRef {
    /// The file, as given on the command line (or found by walking a directory).
    pub file: String,
    /// `line 12`, `record 3`, `document 2`: where in the file.
    pub location: String,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}: {}", self.file, self.location)
        }
    }
}

/// One incident. Names (services, components, team, action owners) are canonical
/// (see [`super::canonical_name`]); timestamps are UTC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub severity: Option<Severity>,
    pub started_at: Timestamp,
    pub detected_at: Option<Timestamp>,
    pub acknowledged_at: Option<Timestamp>,
    pub mitigated_at: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    pub services: Vec<String>,
    pub components: Vec<String>,
    pub contributing_factors: Vec<String>,
    pub tags: Vec<String>,
    pub root_cause: Option<String>,
    pub trigger: Option<String>,
    pub team: Option<String>,
    pub actions: Vec<Action>,
    /// The postmortem or the tool's page for this incident (an `http(s)` URL).
    pub url: Option<String>,
    /// Relations the source declares to other records (duplicates, parents, problems…).
    pub links: Vec<Link>,
    #[serde(skip)]
    pub source: SourceRef,
}

impl Incident {
    /// True when both describe the same incident in the same way; where it was read from does
    /// not count. Destructures `self` so that a new field cannot be forgotten here.
    pub fn same_content(&self, other: &Incident) -> bool {
        let Incident {
            id,
            title,
            severity,
            started_at,
            detected_at,
            acknowledged_at,
            mitigated_at,
            resolved_at,
            services,
            components,
            contributing_factors,
            tags,
            root_cause,
            trigger,
            team,
            actions,
            url,
            links,
            source: _,
        } = self;
        *id == other.id
            && *title == other.title
            && *severity == other.severity
            && *started_at == other.started_at
            && *detected_at == other.detected_at
            && *acknowledged_at == other.acknowledged_at
            && *mitigated_at == other.mitigated_at
            && *resolved_at == other.resolved_at
            && *services == other.services
            && *components == other.components
            && *contributing_factors == other.contributing_factors
            && *tags == other.tags
            && *root_cause == other.root_cause
            && *trigger == other.trigger
            && *team == other.team
            && *url == other.url
            && *links == other.links
            && actions.len() == other.actions.len()
            && actions
                .iter()
                .zip(&other.actions)
                .all(|(a, b)| a.same_content(b))
    }

    /// The timestamps that should come in order, with their field names.
    pub fn timeline(&self) -> [(&'static str, Option<Timestamp>); 5] {
        [
            ("started_at", Some(self.started_at)),
            ("detected_at", self.detected_at),
            ("acknowledged_at", self.acknowledged_at),
            ("mitigated_at", self.mitigated_at),
            ("resolved_at", self.resolved_at),
        ]
    }
}

#[cfg(test)]
impl Incident {
    /// A minimal valid incident for unit tests: one service, started 2024-01-01.
    pub fn example(id: &str) -> Self {
        Incident {
            id: id.into(),
            title: format!("{id} title"),
            severity: None,
            started_at: super::time::parse_timestamp("2024-01-01").unwrap_or_default(),
            detected_at: None,
            acknowledged_at: None,
            mitigated_at: None,
            resolved_at: None,
            services: vec!["svc".into()],
            components: vec![],
            contributing_factors: vec![],
            tags: vec![],
            root_cause: None,
            trigger: None,
            team: None,
            actions: vec![],
            url: None,
            links: vec![],
            source: SourceRef::default(),
        }
    }
}
