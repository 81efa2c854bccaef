//! `recur why INCIDENT`: the one more "why" for one incident. Its class; where else that class
//! struck, and whom; the shared components on the path and whether anyone owns them; whether any
//! follow-up fixed the class rather than the service; and what to finalise, in one sentence.

use crate::analysis::Analysis;
use crate::analysis::path::path_components;
use crate::analysis::recommend;
use crate::error::{RecurError, Result};
use crate::model::{ActionStatus, Incident, Scope, Timestamp};
use crate::output::{Cell, Table, View};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn day(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// Builds the screen for one incident.
pub fn view(a: &Analysis<'_>, id: &str) -> Result<View> {
    let index = a.index_of(id).ok_or_else(|| {
        RecurError::NotFound(format!(
            "no incident {id:?} in the store (recur stats shows what it holds)"
        ))
    })?;
    let incident = &a.data.incidents[index];
    let mut header = vec![format!(
        "{}  {}  ({}, {}, {}{})",
        incident.id,
        incident.title,
        incident
            .severity
            .map_or("no severity".to_string(), |s| s.label().to_string()),
        day(incident.started_at),
        incident.services.join(", "),
        incident
            .team
            .as_ref()
            .map(|t| format!("; {t}"))
            .unwrap_or_default()
    )];
    header.push(format!(
        "cause: {}",
        incident.root_cause.as_deref().unwrap_or("(none given)")
    ));
    let basis = &a.clustering.basis[index];
    let cluster = match a.clustering.cluster_of(index) {
        Some(c) if !c.crumb => c,
        _ => {
            header.push(match basis {
                crate::cluster::Basis::NoCause => {
                    "no cause stated: no sentence of its cause, title or factors names one \
                     (status updates and \"cause unknown\" do not)"
                        .into()
                }
                _ => {
                    "unclassified: no other incident in the store has a cause like this one".into()
                }
            });
            return Ok(View {
                json: json!({"incident": incident.id, "cluster": null, "basis": basis}),
                header,
                ..View::default()
            });
        }
    };
    let members: Vec<&Incident> = cluster
        .members
        .iter()
        .map(|m| &a.data.incidents[*m])
        .collect();
    let services: BTreeSet<&str> = members
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect();
    let teams: BTreeSet<&str> = members.iter().filter_map(|i| i.team.as_deref()).collect();
    let first = members
        .iter()
        .map(|i| i.started_at)
        .min()
        .unwrap_or(incident.started_at);
    let last = members
        .iter()
        .map(|i| i.started_at)
        .max()
        .unwrap_or(incident.started_at);
    header.push(format!(
        "class: {} (cluster {}): {} incidents, {} services, {} teams, {} to {}",
        cluster.label,
        cluster.id,
        members.len(),
        services.len(),
        teams.len(),
        day(first),
        day(last)
    ));
    header.push(format!("evidence: {}", basis.describe()));

    // Where else the class struck.
    let mut per_service: BTreeMap<&str, (usize, BTreeSet<&str>, Timestamp, Timestamp)> =
        BTreeMap::new();
    for i in members.iter().filter(|i| i.id != incident.id) {
        for s in &i.services {
            let e =
                per_service
                    .entry(s)
                    .or_insert((0, BTreeSet::new(), i.started_at, i.started_at));
            e.0 += 1;
            e.1.extend(i.team.as_deref());
            e.2 = e.2.min(i.started_at);
            e.3 = e.3.max(i.started_at);
        }
    }
    let mut rows: Vec<_> = per_service.into_iter().collect();
    rows.sort_by(|x, y| y.1.0.cmp(&x.1.0).then(x.0.cmp(y.0)));
    let mut where_table = Table::new(
        "other incidents of this class, by service",
        &["service", "incidents", "teams", "first", "last"],
    );
    for (s, (n, t, f, l)) in &rows {
        where_table.row(vec![
            (*s).into(),
            Cell::from(*n),
            t.iter().copied().collect::<Vec<_>>().join(", ").into(),
            day(*f).into(),
            day(*l).into(),
        ]);
    }

    let components = path_components(a, &members);
    let mut comp_table = Table::new(
        "shared components on the path",
        &["component", "incidents", "services", "ownership", "owners"],
    );
    for c in &components {
        let owners = crate::analysis::ownership::claims_text(&c.claims);
        comp_table.row(vec![
            c.name.as_str().into(),
            Cell::from(c.incidents),
            Cell::from(c.services.len()),
            c.status.as_str().into(),
            owners.into(),
        ]);
    }

    // Follow-ups: this incident's, and across the class.
    let verdicts_of = |i: &Incident| a.index_of(&i.id).map(|ix| a.verdicts(ix)).unwrap_or(&[]);
    let mut follow_table = Table::new(
        &format!("follow-ups of {}", incident.id),
        &["action", "status", "scope", "why"],
    );
    let mut own = Vec::new();
    for (action, v) in incident.actions.iter().zip(verdicts_of(incident)) {
        follow_table.row(vec![
            action.title.as_str().into(),
            action.status.as_str().into(),
            v.scope.as_str().into(),
            v.evidence.join("; ").into(),
        ]);
        own.push(json!({"title": action.title, "status": action.status, "scope": v.scope, "basis": v.basis, "evidence": v.evidence}));
    }
    let mut total = 0;
    let mut systemic = Vec::new();
    for i in &members {
        for (action, verdict) in i.actions.iter().zip(verdicts_of(i)) {
            total += 1;
            if verdict.scope == Scope::Systemic {
                systemic.push((i, action));
            }
        }
    }
    let systemic_done = systemic
        .iter()
        .filter(|(_, act)| act.status == ActionStatus::Done)
        .filter_map(|(_, act)| act.completed_at.map(|t| (act.title.as_str(), t)))
        .min_by_key(|(_, t)| *t)
        .map(|(title, t)| {
            (
                title,
                t,
                members.iter().filter(|i| i.started_at > t).count(),
            )
        });
    let done_count = systemic
        .iter()
        .filter(|(_, act)| act.status == ActionStatus::Done)
        .count();
    let only = services.iter().next().copied();
    let sentence = recommend::finalisation(
        &cluster.label,
        services.len(),
        only,
        &components,
        systemic_done,
    );
    let mut footer = vec![format!(
        "across the class: {total} follow-ups, {} systemic, {done_count} of them done",
        systemic.len()
    )];
    footer.push(String::new());
    footer.push(format!("suggested finalisation: {sentence}"));

    let json = json!({
        "incident": {"id": incident.id, "title": incident.title, "started_at": incident.started_at.to_rfc3339(),
                     "services": incident.services, "team": incident.team, "root_cause": incident.root_cause},
        "basis": basis,
        "cluster": {"id": cluster.id, "label": cluster.label, "class": cluster.class, "incidents": members.len(),
                    "services": services, "teams": teams, "first_seen": first.to_rfc3339(), "last_seen": last.to_rfc3339(),
                    "incident_ids": members.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()},
        "other_incidents": members.iter().filter(|i| i.id != incident.id).map(|i| json!({
            "id": i.id, "title": i.title, "started_at": i.started_at.to_rfc3339(), "services": i.services, "team": i.team
        })).collect::<Vec<_>>(),
        "shared_components": components.iter().map(|c| json!({
            "component": c.name, "incidents": c.incidents, "services": c.services, "ownership": c.status, "owners": c.claims
        })).collect::<Vec<_>>(),
        "followups": own,
        "class_followups": {"total": total, "systemic": systemic.len(), "systemic_done": done_count,
                            "first_systemic_done_at": systemic_done.map(|(_, t, _)| t.to_rfc3339())},
        "suggestion": sentence,
    });
    let mut tables = vec![where_table, comp_table];
    if !incident.actions.is_empty() {
        tables.push(follow_table);
    } else {
        footer.insert(0, format!("{} has no follow-ups.", incident.id));
    }
    Ok(View {
        json,
        header,
        tables,
        footer,
    })
}
