//! The tables analysts export, built from the analysis. Column names are documented in
//! `docs/exports.md` and stay stable.

use crate::analysis::Analysis;
use crate::output::{Cell, Table};
use std::collections::BTreeSet;

/// `incidents`: one row per incident with its cluster.
pub fn incidents(a: &Analysis<'_>) -> Table {
    let mut t = Table::new(
        "incidents",
        &[
            "id",
            "title",
            "severity",
            "started_at",
            "services",
            "components",
            "team",
            "root_cause",
            "cluster_id",
            "cluster_label",
            "cause_class",
        ],
    );
    for (i, x) in a.data.incidents.iter().enumerate() {
        let cluster = a.clustering.cluster_of(i);
        t.row(vec![
            x.id.as_str().into(),
            x.title.as_str().into(),
            Cell::from(x.severity.map(|s| s.label().to_string())),
            x.started_at.to_rfc3339().into(),
            x.services.join(";").into(),
            x.components.join(";").into(),
            Cell::from(x.team.clone()),
            Cell::from(x.root_cause.clone()),
            Cell::from(cluster.map(|c| c.id.clone())),
            Cell::from(cluster.map(|c| c.label.clone())),
            Cell::from(cluster.and_then(|c| c.class.clone())),
        ]);
    }
    t
}

/// `clusters`: one row per cause cluster.
pub fn clusters(a: &Analysis<'_>) -> Table {
    let mut t = Table::new(
        "clusters",
        &[
            "cluster_id",
            "label",
            "cause_class",
            "incidents",
            "services",
            "teams",
            "first_seen",
            "last_seen",
            "top_terms",
        ],
    );
    for c in &a.clustering.clusters {
        let members: Vec<&crate::model::Incident> =
            c.members.iter().map(|m| &a.data.incidents[*m]).collect();
        let services: BTreeSet<&str> = members
            .iter()
            .flat_map(|i| i.services.iter().map(String::as_str))
            .collect();
        let teams: BTreeSet<&str> = members.iter().filter_map(|i| i.team.as_deref()).collect();
        let first = members.iter().map(|i| i.started_at).min();
        let last = members.iter().map(|i| i.started_at).max();
        t.row(vec![
            c.id.as_str().into(),
            c.label.as_str().into(),
            Cell::from(c.class.clone()),
            Cell::from(members.len()),
            Cell::from(services.len()),
            Cell::from(teams.len()),
            Cell::from(first.map(|t| t.to_rfc3339())),
            Cell::from(last.map(|t| t.to_rfc3339())),
            c.top_terms.join(" ").into(),
        ]);
    }
    t
}

/// Every exported table.
pub fn all(a: &Analysis<'_>) -> Vec<Table> {
    vec![incidents(a), clusters(a)]
}
