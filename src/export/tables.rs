//! The tables analysts export: the records (incidents, clusters, follow-ups) and the findings of
//! the period (hotspots, ownership, finalisation, timings), every value typed. Column names and
//! types are documented in `docs/exports.md` and stay stable.

use super::{Kind, Source};
use crate::analysis::Analysis;
use crate::analysis::findings::Findings;
use crate::analysis::timings::{METRICS, durations};
use crate::model::time::quarter_label;
use crate::output::Cell;
use Kind::{Bool, Int, List, Number, Text, Time};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// `incidents`: one row per incident, with every DAFF timestamp, the four durations, the
/// quarter and its cluster.
pub fn incidents<'a>(a: &'a Analysis<'_>) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("id", Text),
        ("title", Text),
        ("severity", Text),
        ("quarter", Text),
        ("started_at", Time),
        ("detected_at", Time),
        ("acknowledged_at", Time),
        ("mitigated_at", Time),
        ("resolved_at", Time),
        ("minutes_to_detect", Number),
        ("minutes_to_acknowledge", Number),
        ("minutes_to_mitigate", Number),
        ("minutes_to_resolve", Number),
        ("services", List),
        ("components", List),
        ("team", Text),
        ("root_cause", Text),
        ("cluster_id", Text),
        ("cluster_label", Text),
        ("cause_class", Text),
        ("repeat", Bool),
        ("assignment", Text),
        ("assignment_detail", Text),
        ("url", Text),
        ("links", List),
    ];
    let incidents = &a.data.incidents;
    // A part at a time, each built on both cores, in store order.
    Source::parts("incidents", COLUMNS, incidents.len(), move |range| {
        incidents[range.clone()]
            .par_iter()
            .zip(range)
            .map(|(x, i)| {
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
                    Cell::from(x.url.clone()),
                    Cell::List(x.links.iter().map(ToString::to_string).collect()),
                ]);
                row
            })
            .collect()
    })
}

/// `clusters`: one row per cause cluster, over the whole history.
pub fn clusters<'a>(a: &Analysis<'_>) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("cluster_id", Text),
        ("label", Text),
        ("cause_class", Text),
        ("incidents", Int),
        ("services", Int),
        ("teams", Int),
        ("first_seen", Time),
        ("last_seen", Time),
        ("unclassified", Bool),
        ("top_terms", List),
    ];
    let mut rows = Vec::new();
    for c in &a.clustering.clusters {
        let members: Vec<&crate::model::Incident> =
            c.members.iter().map(|m| &a.data.incidents[*m]).collect();
        let services: BTreeSet<&str> = members
            .iter()
            .flat_map(|i| i.services.iter().map(String::as_str))
            .collect();
        let teams: BTreeSet<&str> = members.iter().filter_map(|i| i.team.as_deref()).collect();
        rows.push(vec![
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
    Source::built("clusters", COLUMNS, rows)
}

/// `hotspots`: every cause class of the period, scored (systemic ones ranked).
pub fn hotspots<'a>(f: &Findings) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("rank", Int),
        ("cluster_id", Text),
        ("label", Text),
        ("cause_class", Text),
        ("score", Number),
        ("incidents", Int),
        ("services", Int),
        ("teams", Int),
        ("severity", Number),
        ("recency", Number),
        ("impact_hours", Number),
        ("recurring", Bool),
        ("systemic", Bool),
        ("component", Text),
        ("component_ownership", Text),
        ("first_seen", Time),
        ("last_seen", Time),
    ];
    let mut rows = Vec::new();
    for h in &f.hotspots {
        let top = h.components.first();
        let p = &h.score_parts;
        rows.push(vec![
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
    Source::built("hotspots", COLUMNS, rows)
}

/// `ownership`: shared components, in the catalog or not, and their ownership.
pub fn ownership<'a>(f: &Findings) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("component", Text),
        ("status", Text),
        ("owners", List),
        ("in_catalog", Bool),
        ("dependents", Int),
        ("incidents", Int),
        ("services_hit", Int),
    ];
    let mut rows = Vec::new();
    let components = f
        .ownership
        .shared
        .iter()
        .map(|r| (r, true))
        .chain(f.ownership.not_in_catalog.iter().map(|r| (r, false)));
    for (r, in_catalog) in components {
        let teams: BTreeSet<&str> = r.owners.iter().map(|c| c.team.as_str()).collect();
        rows.push(vec![
            r.component.as_str().into(),
            r.status.as_str().into(),
            Cell::list(teams),
            Cell::Bool(in_catalog),
            Cell::from(r.dependents.len()),
            Cell::from(r.incident_ids.len()),
            Cell::from(r.services_hit.len()),
        ]);
    }
    Source::built("ownership", COLUMNS, rows)
}

/// `finalisation`: each recurring class of the period, whether it was finalised, and why not.
pub fn finalisation<'a>(f: &Findings) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("cluster_id", Text),
        ("label", Text),
        ("incidents", Int),
        ("services", Int),
        ("finalised", Bool),
        ("fix", Text),
        ("fixed_at", Time),
        ("followups", Int),
        ("followups_done", Int),
        ("systemic_open", Int),
        ("reason", Text),
    ];
    let mut rows = Vec::new();
    for c in &f.finalisation.classes {
        rows.push(vec![
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
    Source::built("finalisation", COLUMNS, rows)
}

/// `followups`: every follow-up with its local or systemic verdict and the evidence.
pub fn followups<'a>(a: &'a Analysis<'_>) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("incident_id", Text),
        ("title", Text),
        ("owner", Text),
        ("status", Text),
        ("due_at", Time),
        ("completed_at", Time),
        ("scope", Text),
        ("basis", Text),
        ("evidence", List),
    ];
    let incidents = &a.data.incidents;
    // The follow-ups of a part of the incidents at a time, built on both cores, in store order.
    Source::parts("followups", COLUMNS, incidents.len(), move |range| {
        let per_incident: Vec<Vec<Vec<Cell>>> = incidents[range.clone()]
            .par_iter()
            .zip(range)
            .map(|(x, i)| {
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
        per_incident.into_iter().flatten().collect()
    })
}

/// `timings`: DAFF medians and p90 by quarter, in minutes, with the repeat and finalisation
/// rates and the change in incidents from the quarter before.
pub fn timings<'a>(f: &Findings) -> Source<'a> {
    const COLUMNS: &[(&str, Kind)] = &[
        ("quarter", Text),
        ("incidents", Int),
        ("detect_median_minutes", Number),
        ("detect_p90_minutes", Number),
        ("acknowledge_median_minutes", Number),
        ("acknowledge_p90_minutes", Number),
        ("mitigate_median_minutes", Number),
        ("mitigate_p90_minutes", Number),
        ("resolve_median_minutes", Number),
        ("resolve_p90_minutes", Number),
        ("repeat_rate", Number),
        ("finalisation_rate", Number),
        ("change", Int),
    ];
    debug_assert!(
        METRICS
            .iter()
            .enumerate()
            .all(|(i, m)| COLUMNS[2 + 2 * i].0 == format!("{m}_median_minutes"))
    );
    let mut rows = Vec::new();
    for q in &f.quarters {
        let mut row = vec![q.group.as_str().into(), Cell::from(q.incidents)];
        for (median, p90) in q.minutes {
            row.push(Cell::minutes(median));
            row.push(Cell::minutes(p90));
        }
        row.push(Cell::Rate(q.repeat_rate));
        row.push(Cell::rate(q.finalisation_rate));
        row.push(q.change.map_or(Cell::Empty, Cell::Int));
        rows.push(row);
    }
    Source::built("timings", COLUMNS, rows)
}

/// Hands every exported table to `write`, one at a time; the large ones build their rows a
/// part at a time as they are written.
pub fn each(
    a: &Analysis<'_>,
    f: &Findings,
    mut write: impl FnMut(Source<'_>) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    write(incidents(a))?;
    write(clusters(a))?;
    write(hotspots(f))?;
    write(ownership(f))?;
    write(finalisation(f))?;
    write(followups(a))?;
    write(timings(f))
}
