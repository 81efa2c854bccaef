//! The tables analysts export, built from the analysis. Column names are documented in
//! `docs/exports.md` and stay stable.

use crate::analysis::Analysis;
use crate::analysis::ownership::claims_text;
use crate::analysis::timings::METRICS;
use crate::chart::data::Inputs;
use crate::output::{Cell, Table};
use rayon::prelude::*;
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
            "assignment",
            "assignment_detail",
        ],
    );
    // A million rows: built on both cores, in store order.
    t.rows = a
        .data
        .incidents
        .par_iter()
        .enumerate()
        .map(|(i, x)| {
            let cluster = a.clustering.cluster_of(i);
            let basis = a.clustering.basis[i].parts();
            vec![
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
                basis.0.into(),
                Cell::from(basis.1),
            ]
        })
        .collect();
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

/// `hotspots`: every cause class in the period, scored.
pub fn hotspots(inputs: &Inputs<'_>) -> Table {
    let mut t = Table::new(
        "hotspots",
        &[
            "cluster_id",
            "label",
            "score",
            "incidents",
            "services",
            "teams",
            "systemic",
            "component",
            "component_ownership",
        ],
    );
    for h in &inputs.hotspots {
        let top = h.components.first();
        t.row(vec![
            h.cluster_id.into(),
            h.label.into(),
            Cell::Float((h.score * 100.0).round() / 100.0),
            Cell::from(h.incidents.len()),
            Cell::from(h.services.len()),
            Cell::from(h.teams.len()),
            if h.systemic {
                "yes".into()
            } else {
                "no".into()
            },
            Cell::from(top.map(|c| c.name.clone())),
            Cell::from(top.map(|c| c.status.as_str().to_string())),
        ]);
    }
    t
}

/// `ownership`: shared components and their ownership.
pub fn ownership(inputs: &Inputs<'_>) -> Table {
    let mut t = Table::new(
        "ownership",
        &[
            "component",
            "status",
            "owners",
            "dependents",
            "incidents",
            "services_hit",
        ],
    );
    for r in &inputs.owners {
        t.row(vec![
            r.component.as_str().into(),
            r.status.as_str().into(),
            claims_text(&r.claims).into(),
            Cell::from(r.dependents.len()),
            Cell::from(r.incident_ids.len()),
            Cell::from(r.services_hit.len()),
        ]);
    }
    t
}

/// `followups`: every follow-up with its local or systemic verdict and the evidence.
pub fn followups(a: &Analysis<'_>) -> Table {
    let mut t = Table::new(
        "followups",
        &[
            "incident_id",
            "title",
            "owner",
            "status",
            "due_at",
            "completed_at",
            "scope",
            "basis",
            "evidence",
        ],
    );
    // A million rows: built on both cores, in store order.
    let per_incident: Vec<Vec<Vec<Cell>>> = a
        .data
        .incidents
        .par_iter()
        .enumerate()
        .map(|(i, x)| {
            x.actions
                .iter()
                .zip(a.verdicts(i))
                .map(|(action, v)| {
                    vec![
                        x.id.as_str().into(),
                        action.title.as_str().into(),
                        Cell::from(action.owner.clone()),
                        action.status.as_str().into(),
                        Cell::from(action.due_at.map(|d| d.to_rfc3339())),
                        Cell::from(action.completed_at.map(|d| d.to_rfc3339())),
                        v.scope.as_str().into(),
                        v.basis.into(),
                        v.evidence.join("; ").into(),
                    ]
                })
                .collect()
        })
        .collect();
    t.rows = per_incident.into_iter().flatten().collect();
    t
}

/// `timings`: DAFF medians and p90 by quarter.
pub fn timings(inputs: &Inputs<'_>) -> Table {
    let mut headers = vec!["quarter".to_string(), "incidents".to_string()];
    for m in METRICS {
        headers.push(format!("{m}_median_minutes"));
        headers.push(format!("{m}_p90_minutes"));
    }
    headers.extend(["repeat_rate".to_string(), "finalisation_rate".to_string()]);
    let mut t = Table {
        title: "timings".into(),
        headers,
        rows: Vec::new(),
    };
    let num = |v: Option<f64>| v.map_or(Cell::Empty, |x| Cell::Float((x * 10.0).round() / 10.0));
    for q in &inputs.quarters {
        let mut row = vec![q.group.as_str().into(), Cell::from(q.incidents)];
        for (median, p90) in q.minutes {
            row.push(num(median));
            row.push(num(p90));
        }
        row.push(Cell::Float((q.repeat_rate * 10000.0).round() / 10000.0));
        row.push(q.finalisation_rate.map_or(Cell::Empty, |r| {
            Cell::Float((r * 10000.0).round() / 10000.0)
        }));
        t.rows.push(row);
    }
    t
}

/// Builds every exported table one at a time and hands each to `write` before building the
/// next, so that at a million incidents only one large table is in memory.
pub fn each(
    a: &Analysis<'_>,
    inputs: &Inputs<'_>,
    mut write: impl FnMut(Table) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    write(incidents(a))?;
    write(clusters(a))?;
    write(hotspots(inputs))?;
    write(ownership(inputs))?;
    write(followups(a))?;
    write(timings(inputs))
}
