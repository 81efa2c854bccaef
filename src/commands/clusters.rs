//! `recur clusters`: each cause cluster with its class, reach (services, teams, components), span
//! in time, and example cause texts.

use crate::analysis::Analysis;
use crate::output::{Cell, Table, View};
use serde_json::json;
use std::collections::BTreeSet;

/// Builds the listing of clusters with at least `min_size` incidents.
pub fn view(a: &Analysis<'_>, min_size: usize) -> View {
    let mut table = Table::new(
        "",
        &[
            "cluster",
            "label",
            "incidents",
            "services",
            "teams",
            "first",
            "last",
        ],
    );
    let mut rows = Vec::new();
    for (ci, c) in a.clustering.clusters.iter().enumerate() {
        if c.members.len() < min_size {
            continue;
        }
        let incidents: Vec<&crate::model::Incident> =
            c.members.iter().map(|m| &a.data.incidents[*m]).collect();
        let services: BTreeSet<&str> = incidents
            .iter()
            .flat_map(|i| i.services.iter().map(String::as_str))
            .collect();
        let teams: BTreeSet<&str> = incidents.iter().filter_map(|i| i.team.as_deref()).collect();
        let components: BTreeSet<&str> = incidents
            .iter()
            .flat_map(|i| i.components.iter().map(String::as_str))
            .collect();
        let first = incidents.iter().map(|i| i.started_at).min();
        let last = incidents.iter().map(|i| i.started_at).max();
        let mut examples: Vec<&str> = Vec::new();
        for i in &incidents {
            if let Some(rc) = i.root_cause.as_deref()
                && !examples.contains(&rc)
            {
                examples.push(rc);
            }
            if examples.len() == 3 {
                break;
            }
        }
        let day = |t: Option<crate::model::Timestamp>| {
            t.map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        table.row(vec![
            c.id.as_str().into(),
            c.label.as_str().into(),
            Cell::from(c.members.len()),
            Cell::from(services.len()),
            Cell::from(teams.len()),
            day(first).into(),
            day(last).into(),
        ]);
        rows.push(json!({
            "id": c.id,
            "label": c.label,
            "class": c.class,
            "incidents": c.members.len(),
            "incident_ids": incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            "services": services,
            "teams": teams,
            "components": components,
            "first_seen": first.map(|t| t.to_rfc3339()),
            "last_seen": last.map(|t| t.to_rfc3339()),
            "top_terms": c.top_terms,
            "weak_members": c.weak_members,
            "examples": examples,
            "rank": ci + 1,
        }));
    }
    let shown = rows.len();
    View {
        header: Vec::new(),
        json: json!(rows),
        tables: vec![table],
        footer: vec![format!(
            "{shown} cluster(s) with at least {min_size} incident(s), of {} in all; `recur clusters --format json` lists members and examples",
            a.clustering.clusters.len()
        )],
    }
}
