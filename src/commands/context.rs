//! What recur knows about one class of cause, for `why` and `similar`: where it struck (by
//! service), the shared components on its path and whether anyone owns them, the follow-ups across
//! the class (and whether a systemic one was done), and what to finalise.

use crate::analysis::Analysis;
use crate::analysis::classes::{DEFAULT_MIN_SERVICES, first_systemic_fix};
use crate::analysis::owners::ownership_gaps;
use crate::analysis::path::path_components;
use crate::analysis::period::Period;
use crate::analysis::recommend;
use crate::cluster::Cluster;
use crate::model::{ActionStatus, Incident, Scope, Timestamp};
use crate::output::{Cell, Table, count};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// Past incidents a terminal shows unless asked for all; JSON has every one.
pub const PAST_SHOWN: usize = 10;

fn day(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The class context: one summary line, the tables, the footer lines and the same as JSON
/// (`cluster`, `other_incidents`, `shared_components`, `class_followups`, `suggestion`).
pub struct ClassContext {
    pub summary: String,
    pub tables: Vec<Table>,
    pub footer: Vec<String>,
    pub json: serde_json::Value,
}

/// The context of `cluster`; `exclude` is the incident asked about (left out of "where else");
/// the by-service table lists at most `max_services` rows (the most hit), then how many more;
/// the past incidents at most `past_shown`.
pub fn of_class(
    a: &Analysis<'_>,
    cluster: &Cluster,
    exclude: Option<&str>,
    max_services: usize,
    past_shown: usize,
) -> ClassContext {
    // Under a `--team`/`--service`/`--component` filter, only the class's in-scope incidents.
    let members: Vec<&Incident> = cluster
        .members
        .iter()
        .filter(|m| a.in_scope(**m))
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
        .unwrap_or_default();
    let last = members
        .iter()
        .map(|i| i.started_at)
        .max()
        .unwrap_or_default();
    let summary = format!(
        "class: {} (cluster {}): {}, {}, {}, {} to {}",
        cluster.label,
        cluster.id,
        count(members.len(), "incident"),
        count(services.len(), "service"),
        count(teams.len(), "team"),
        day(first),
        day(last)
    );

    // Where else the class struck.
    let mut per_service: BTreeMap<&str, (usize, BTreeSet<&str>, Timestamp, Timestamp)> =
        BTreeMap::new();
    for i in members.iter().filter(|i| Some(i.id.as_str()) != exclude) {
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
        if exclude.is_some() {
            "other incidents of this class, by service"
        } else {
            "incidents of this class, by service"
        },
        &["service", "incidents", "teams", "first", "last"],
    );
    for (s, (n, t, f, l)) in rows.iter().take(max_services) {
        where_table.row(vec![
            (*s).into(),
            Cell::from(*n),
            t.iter().copied().collect::<Vec<_>>().join(", ").into(),
            day(*f).into(),
            day(*l).into(),
        ]);
    }

    // The past incidents themselves, newest first.
    let mut past: Vec<&&Incident> = members
        .iter()
        .filter(|i| Some(i.id.as_str()) != exclude)
        .collect();
    past.sort_by(|x, y| y.started_at.cmp(&x.started_at).then(x.id.cmp(&y.id)));
    let mut past_table = Table::new(
        "past incidents of this class, newest first",
        &["incident", "started", "services", "title"],
    );
    for i in past.iter().take(past_shown) {
        past_table.row(vec![
            i.id.as_str().into(),
            day(i.started_at).into(),
            Cell::list(&i.services),
            i.title.as_str().into(),
        ]);
    }

    let components = path_components(a, &members, DEFAULT_MIN_SERVICES);
    // Every incident (of any class) involving each component, as `recur owners` counts them.
    let ownership = ownership_gaps(a, &Period::default());
    let mut comp_table = Table::new(
        "shared components on the path",
        &[
            "component",
            "class incidents",
            "all incidents",
            "services",
            "ownership",
            "owners",
            "proposed owner",
        ],
    );
    for c in &components {
        let owners = crate::analysis::ownership::claims_text(&c.claims);
        let proposed = ownership
            .find(&c.name)
            .and_then(|r| r.proposed_owner.as_ref())
            .map(|p| format!("{} (proposal: {})", p.team, p.evidence));
        comp_table.row(vec![
            c.name.as_str().into(),
            Cell::from(c.incidents),
            ownership
                .find(&c.name)
                .map_or(Cell::Empty, |r| Cell::from(r.incident_ids.len())),
            Cell::from(c.services.len()),
            c.status.as_str().into(),
            owners.into(),
            Cell::from(proposed),
        ]);
    }

    let verdicts_of = |i: &Incident| a.index_of(&i.id).map(|ix| a.verdicts(ix)).unwrap_or(&[]);
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
    let as_of = a.now_for(&Period::default(), None);
    let systemic_done = first_systemic_fix(a, &cluster.members, as_of).map(|(act, t)| {
        (
            act.title.as_str(),
            t,
            members.iter().filter(|i| i.started_at >= t).count(),
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
    let mut footer = Vec::new();
    if past.len() > past_shown {
        footer.push(format!(
            "{} more past incidents (`--all` or `--format json` lists every one)",
            past.len() - past_shown
        ));
    }
    if rows.len() > max_services {
        footer.push(format!(
            "and {} more service(s) (`--format json` lists every incident)",
            rows.len() - max_services
        ));
    }
    footer.extend([
        format!(
            "across the class: {}, {} systemic, {done_count} of them done",
            count(total, "follow-up"),
            systemic.len()
        ),
        String::new(),
        format!("suggested finalisation: {sentence}"),
    ]);
    let json = json!({
        "cluster": {"id": cluster.id, "label": cluster.label, "class": cluster.class, "incidents": members.len(),
                    "services": services, "teams": teams, "first_seen": first.to_rfc3339(), "last_seen": last.to_rfc3339(),
                    "incident_ids": members.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()},
        "other_incidents": members.iter().filter(|i| Some(i.id.as_str()) != exclude).map(|i| json!({
            "id": i.id, "title": i.title, "started_at": i.started_at.to_rfc3339(), "services": i.services, "team": i.team
        })).collect::<Vec<_>>(),
        "shared_components": components.iter().map(|c| json!({
            "component": c.name, "incidents": c.incidents, "services": c.services, "ownership": c.status, "owners": c.claims,
            "all_incidents": ownership.find(&c.name).map(|r| r.incident_ids.len()),
            "proposed_owner": ownership.find(&c.name).and_then(|r| r.proposed_owner.clone()),
        })).collect::<Vec<_>>(),
        "class_followups": {"total": total, "systemic": systemic.len(), "systemic_done": done_count,
                            "first_systemic_done_at": systemic_done.map(|(_, t, _)| t.to_rfc3339())},
        "suggestion": sentence,
    });
    let mut tables = Vec::new();
    if !past_table.rows.is_empty() {
        tables.push(past_table);
    }
    if !where_table.rows.is_empty() {
        tables.push(where_table);
    }
    if components.is_empty() {
        footer.insert(
            0,
            "no shared component on record on this class's path".into(),
        );
    } else {
        tables.push(comp_table);
    }
    ClassContext {
        summary,
        tables,
        footer,
        json,
    }
}
