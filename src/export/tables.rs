//! The tables analysts export: the records (incidents, clusters, follow-ups) and the findings of
//! the period (hotspots, ownership, finalisation, timings), every value typed. Column names and
//! types are documented in `docs/exports.md` and stay stable.

use crate::analysis::Analysis;
use crate::analysis::findings::Findings;
use crate::analysis::timings::{METRICS, durations};
use crate::model::time::quarter_label;
use crate::output::{Cell, Table};
use rayon::prelude::*;
use std::collections::BTreeSet;

fn table(title: &str, headers: &[&str]) -> Table {
    Table::new(title, headers)
}

/// `incidents`: one row per incident, with every DAFF timestamp, the four durations, the
/// quarter and its cluster.
pub fn incidents(a: &Analysis<'_>) -> Table {
    let mut t = table(
        "incidents",
        &[
            "id",
            "title",
            "severity",
            "quarter",
            "started_at",
            "detected_at",
            "acknowledged_at",
            "mitigated_at",
            "resolved_at",
            "minutes_to_detect",
            "minutes_to_acknowledge",
            "minutes_to_mitigate",
            "minutes_to_resolve",
            "services",
            "components",
            "team",
            "root_cause",
            "cluster_id",
            "cluster_label",
            "cause_class",
            "repeat",
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
            let mut row = vec![
                x.id.as_str().into(),
                x.title.as_str().into(),
                Cell::from(x.severity.map(|s| s.label().to_string())),
                quarter_label(x.started_at).into(),
                Cell::Time(x.started_at),
                Cell::time(x.detected_at),
                Cell::time(x.acknowledged_at),
                Cell::time(x.mitigated_at),
                Cell::time(x.resolved_at),
            ];
            row.extend(durations(x).map(Cell::minutes));
            row.extend([
                Cell::list(&x.services),
                Cell::list(&x.components),
                Cell::from(x.team.clone()),
                Cell::from(x.root_cause.clone()),
                Cell::from(cluster.map(|c| c.id.clone())),
                Cell::from(cluster.map(|c| c.label.clone())),
                Cell::from(cluster.and_then(|c| c.class.clone())),
                Cell::Bool(a.is_repeat(i)),
                basis.0.into(),
                Cell::from(basis.1),
            ]);
            row
        })
        .collect();
    t
}

/// `clusters`: one row per cause cluster, over the whole history.
pub fn clusters(a: &Analysis<'_>) -> Table {
    let mut t = table(
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
            "unclassified",
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
        t.row(vec![
            c.id.as_str().into(),
            c.label.as_str().into(),
            Cell::from(c.class.clone()),
            Cell::from(members.len()),
            Cell::from(services.len()),
            Cell::from(teams.len()),
            Cell::time(members.iter().map(|i| i.started_at).min()),
            Cell::time(members.iter().map(|i| i.started_at).max()),
            Cell::Bool(c.crumb),
            Cell::list(&c.top_terms),
        ]);
    }
    t
}

/// `hotspots`: every cause class of the period, scored (systemic ones ranked).
pub fn hotspots(f: &Findings) -> Table {
    let mut t = table(
        "hotspots",
        &[
            "rank",
            "cluster_id",
            "label",
            "cause_class",
            "score",
            "incidents",
            "services",
            "teams",
            "severity",
            "recency",
            "impact_hours",
            "recurring",
            "systemic",
            "component",
            "component_ownership",
            "first_seen",
            "last_seen",
        ],
    );
    for h in &f.hotspots {
        let top = h.components.first();
        let p = &h.score_parts;
        t.row(vec![
            h.rank.map_or(Cell::Empty, Cell::from),
            h.cluster_id.as_str().into(),
            h.label.as_str().into(),
            Cell::from(h.class.clone()),
            Cell::Float(h.score),
            Cell::from(p.incidents),
            Cell::from(p.services),
            Cell::from(p.teams),
            Cell::Float(p.severity),
            Cell::Rate(p.recency),
            Cell::Float(p.impact_hours),
            Cell::Bool(h.recurring),
            Cell::Bool(h.systemic),
            Cell::from(top.map(|c| c.name.clone())),
            Cell::from(top.map(|c| c.status.as_str())),
            Cell::time(h.first_seen),
            Cell::time(h.last_seen),
        ]);
    }
    t
}

/// `ownership`: shared components, in the catalog or not, and their ownership.
pub fn ownership(f: &Findings) -> Table {
    let mut t = table(
        "ownership",
        &[
            "component",
            "status",
            "owners",
            "in_catalog",
            "dependents",
            "incidents",
            "services_hit",
        ],
    );
    let rows = f
        .ownership
        .shared
        .iter()
        .map(|r| (r, true))
        .chain(f.ownership.not_in_catalog.iter().map(|r| (r, false)));
    for (r, in_catalog) in rows {
        let teams: BTreeSet<&str> = r.owners.iter().map(|c| c.team.as_str()).collect();
        t.row(vec![
            r.component.as_str().into(),
            r.status.as_str().into(),
            Cell::list(teams),
            Cell::Bool(in_catalog),
            Cell::from(r.dependents.len()),
            Cell::from(r.incident_ids.len()),
            Cell::from(r.services_hit.len()),
        ]);
    }
    t
}

/// `finalisation`: each recurring class of the period, whether it was finalised, and why not.
pub fn finalisation(f: &Findings) -> Table {
    let mut t = table(
        "finalisation",
        &[
            "cluster_id",
            "label",
            "incidents",
            "services",
            "finalised",
            "fix",
            "fixed_at",
            "followups",
            "followups_done",
            "systemic_open",
            "reason",
        ],
    );
    for c in &f.finalisation.classes {
        t.row(vec![
            c.cluster_id.as_str().into(),
            c.label.as_str().into(),
            Cell::from(c.incident_ids.len()),
            Cell::from(c.services.len()),
            Cell::Bool(c.finalised()),
            Cell::from(c.fix.as_ref().map(|x| x.title.clone())),
            Cell::time(c.fix.as_ref().and_then(|x| x.completed_at)),
            Cell::from(c.followups.total),
            Cell::from(c.followups.done),
            Cell::from(c.followups.systemic_open),
            if c.reasons.is_empty() {
                Cell::Empty
            } else {
                c.reasons.join("; ").into()
            },
        ]);
    }
    t
}

/// `followups`: every follow-up with its local or systemic verdict and the evidence.
pub fn followups(a: &Analysis<'_>) -> Table {
    let mut t = table(
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
                        Cell::time(action.due_at),
                        Cell::time(action.completed_at),
                        v.scope.as_str().into(),
                        v.basis.into(),
                        Cell::list(&v.evidence),
                    ]
                })
                .collect()
        })
        .collect();
    t.rows = per_incident.into_iter().flatten().collect();
    t
}

/// `timings`: DAFF medians and p90 by quarter, in minutes, with the repeat and finalisation
/// rates and the change in incidents from the quarter before.
pub fn timings(f: &Findings) -> Table {
    let mut headers = vec!["quarter".to_string(), "incidents".to_string()];
    for m in METRICS {
        headers.push(format!("{m}_median_minutes"));
        headers.push(format!("{m}_p90_minutes"));
    }
    headers.extend(["repeat_rate", "finalisation_rate", "change"].map(String::from));
    let mut t = Table {
        title: "timings".into(),
        headers,
        rows: Vec::new(),
    };
    for q in &f.quarters {
        let mut row = vec![q.group.as_str().into(), Cell::from(q.incidents)];
        for (median, p90) in q.minutes {
            row.push(Cell::minutes(median));
            row.push(Cell::minutes(p90));
        }
        row.push(Cell::Rate(q.repeat_rate));
        row.push(Cell::rate(q.finalisation_rate));
        row.push(q.change.map_or(Cell::Empty, Cell::Int));
        t.rows.push(row);
    }
    t
}

/// Builds every exported table one at a time and hands each to `write` before building the
/// next, so that at a million incidents only one large table is in memory.
pub fn each(
    a: &Analysis<'_>,
    f: &Findings,
    mut write: impl FnMut(Table) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    write(incidents(a))?;
    write(clusters(a))?;
    write(hotspots(f))?;
    write(ownership(f))?;
    write(finalisation(f))?;
    write(followups(a))?;
    write(timings(f))
}
