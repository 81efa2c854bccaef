//! The store's tables: recur's records to polars `DataFrame`s and back. Column names here are the
//! store's schema (documented in `docs/store.md`).

use super::columns::{self as col, read_list, read_opt_text, read_text, read_time, read_u32};
use crate::error::{RecurError, Result};
use crate::ingest::{Level, RecordKind, Rejection};
use crate::model::{
    Action, ActionStatus, CatalogEntity, EntityKind, Incident, OwnerSource, Scope, Severity,
    SourceRef,
};
use polars::prelude::*;

fn frame(height: usize, columns: Vec<Column>, what: &str) -> Result<DataFrame> {
    DataFrame::new(height, columns)
        .map_err(|e| RecurError::table(format!("building the {what} table"), e))
}

/// Incidents, one row each (actions are in their own table).
pub fn incidents_frame(incidents: &[Incident]) -> Result<DataFrame> {
    let i = incidents;
    let columns = vec![
        col::text("id", i.iter().map(|x| x.id.as_str())),
        col::text("title", i.iter().map(|x| x.title.as_str())),
        col::opt_text(
            "severity",
            i.iter().map(|x| x.severity.map(Severity::label)),
        ),
        col::time("started_at", i.iter().map(|x| Some(x.started_at))),
        col::time("detected_at", i.iter().map(|x| x.detected_at)),
        col::time("acknowledged_at", i.iter().map(|x| x.acknowledged_at)),
        col::time("mitigated_at", i.iter().map(|x| x.mitigated_at)),
        col::time("resolved_at", i.iter().map(|x| x.resolved_at)),
        col::list("services", i.iter().map(|x| x.services.as_slice())),
        col::list("components", i.iter().map(|x| x.components.as_slice())),
        col::list(
            "contributing_factors",
            i.iter().map(|x| x.contributing_factors.as_slice()),
        ),
        col::list("tags", i.iter().map(|x| x.tags.as_slice())),
        col::opt_text("root_cause", i.iter().map(|x| x.root_cause.as_deref())),
        col::opt_text("trigger", i.iter().map(|x| x.trigger.as_deref())),
        col::opt_text("team", i.iter().map(|x| x.team.as_deref())),
        col::text("source_file", i.iter().map(|x| x.source.file.as_str())),
        col::text(
            "source_location",
            i.iter().map(|x| x.source.location.as_str()),
        ),
    ];
    frame(incidents.len(), columns, "incidents")
}

/// All actions of all incidents, in incident order, with their position in the incident.
pub fn actions_frame(incidents: &[Incident]) -> Result<DataFrame> {
    let rows: Vec<(u32, &Action)> = incidents
        .iter()
        .flat_map(|i| i.actions.iter().enumerate().map(|(n, a)| (n as u32, a)))
        .collect();
    let columns = vec![
        col::text(
            "incident_id",
            rows.iter().map(|(_, a)| a.incident_id.as_str()),
        ),
        Column::new(
            "position".into(),
            rows.iter().map(|(n, _)| *n).collect::<Vec<u32>>(),
        ),
        col::text("title", rows.iter().map(|(_, a)| a.title.as_str())),
        col::opt_text("owner", rows.iter().map(|(_, a)| a.owner.as_deref())),
        col::text("status", rows.iter().map(|(_, a)| a.status.as_str())),
        col::time("due_at", rows.iter().map(|(_, a)| a.due_at)),
        col::time("completed_at", rows.iter().map(|(_, a)| a.completed_at)),
        col::opt_text(
            "scope",
            rows.iter().map(|(_, a)| a.scope.map(Scope::as_str)),
        ),
    ];
    frame(rows.len(), columns, "actions")
}

/// Catalog rows, one per entity per source file.
pub fn catalog_frame(entities: &[CatalogEntity]) -> Result<DataFrame> {
    let e = entities;
    let columns = vec![
        col::text("name", e.iter().map(|x| x.name.as_str())),
        col::text("kind", e.iter().map(|x| x.kind.as_str())),
        col::opt_text("type", e.iter().map(|x| x.entity_type.as_deref())),
        col::list("owners", e.iter().map(|x| x.owners.as_slice())),
        col::list("depends_on", e.iter().map(|x| x.depends_on.as_slice())),
        col::opt_text("system", e.iter().map(|x| x.system.as_deref())),
        col::text("source", e.iter().map(|x| x.source.as_str())),
        col::text("source_file", e.iter().map(|x| x.source_file.as_str())),
        col::text("location", e.iter().map(|x| x.location.as_str())),
    ];
    frame(entities.len(), columns, "catalog")
}

/// Rejections and warnings.
pub fn notes_frame(notes: &[Rejection]) -> Result<DataFrame> {
    let n = notes;
    let columns = vec![
        col::text("level", n.iter().map(|x| x.level.as_str())),
        col::text("kind", n.iter().map(|x| x.kind.as_str())),
        col::text("file", n.iter().map(|x| x.file.as_str())),
        col::text("location", n.iter().map(|x| x.location.as_str())),
        col::opt_text("record_id", n.iter().map(|x| x.record_id.as_deref())),
        col::opt_text("field", n.iter().map(|x| x.field.as_deref())),
        col::text("reason", n.iter().map(|x| x.reason.as_str())),
    ];
    frame(notes.len(), columns, "rejections")
}

fn bad(table: &str, row: usize, column: &str, value: &str) -> RecurError {
    RecurError::Store {
        dir: String::new(),
        reason: format!("{table} row {row}: column {column} has unexpected value {value:?}"),
    }
}

/// Incidents back from their table, with the actions attached.
pub fn incidents_from(df: &DataFrame, actions: &DataFrame) -> Result<Vec<Incident>> {
    let ids = read_text(df, "id")?;
    let titles = read_text(df, "title")?;
    let severities = read_opt_text(df, "severity")?;
    let started = read_time(df, "started_at")?;
    let detected = read_time(df, "detected_at")?;
    let acknowledged = read_time(df, "acknowledged_at")?;
    let mitigated = read_time(df, "mitigated_at")?;
    let resolved = read_time(df, "resolved_at")?;
    let services = read_list(df, "services")?;
    let components = read_list(df, "components")?;
    let factors = read_list(df, "contributing_factors")?;
    let tags = read_list(df, "tags")?;
    let root_causes = read_opt_text(df, "root_cause")?;
    let triggers = read_opt_text(df, "trigger")?;
    let teams = read_opt_text(df, "team")?;
    let files = read_text(df, "source_file")?;
    let locations = read_text(df, "source_location")?;
    let mut by_incident = actions_from(actions)?;
    let mut out = Vec::with_capacity(ids.len());
    let columns = ids
        .into_iter()
        .zip(titles)
        .zip(severities)
        .zip(started)
        .zip(services);
    for (row, ((((id, title), severity), started_at), services)) in columns.enumerate() {
        let severity = match severity {
            None => None,
            Some(s) => {
                Some(Severity::parse(&s).ok_or_else(|| bad("incidents", row, "severity", &s))?)
            }
        };
        let started_at = started_at.ok_or_else(|| bad("incidents", row, "started_at", "null"))?;
        let actions = by_incident.remove(&id).unwrap_or_default();
        out.push(Incident {
            id,
            title,
            severity,
            started_at,
            detected_at: detected[row],
            acknowledged_at: acknowledged[row],
            mitigated_at: mitigated[row],
            resolved_at: resolved[row],
            services,
            components: components[row].clone(),
            contributing_factors: factors[row].clone(),
            tags: tags[row].clone(),
            root_cause: root_causes[row].clone(),
            trigger: triggers[row].clone(),
            team: teams[row].clone(),
            actions,
            source: SourceRef {
                file: files[row].clone(),
                location: locations[row].clone(),
            },
        });
    }
    Ok(out)
}

fn actions_from(df: &DataFrame) -> Result<std::collections::HashMap<String, Vec<Action>>> {
    let incident_ids = read_text(df, "incident_id")?;
    let positions = read_u32(df, "position")?;
    let titles = read_text(df, "title")?;
    let owners = read_opt_text(df, "owner")?;
    let statuses = read_text(df, "status")?;
    let due = read_time(df, "due_at")?;
    let completed = read_time(df, "completed_at")?;
    let scopes = read_opt_text(df, "scope")?;
    let mut out: std::collections::HashMap<String, Vec<(u32, Action)>> =
        std::collections::HashMap::new();
    for (row, incident_id) in incident_ids.into_iter().enumerate() {
        let status = ActionStatus::parse(&statuses[row])
            .ok_or_else(|| bad("actions", row, "status", &statuses[row]))?;
        let scope = match &scopes[row] {
            None => None,
            Some(s) => Some(Scope::parse(s).ok_or_else(|| bad("actions", row, "scope", s))?),
        };
        out.entry(incident_id.clone()).or_default().push((
            positions[row],
            Action {
                incident_id,
                title: titles[row].clone(),
                owner: owners[row].clone(),
                status,
                due_at: due[row],
                completed_at: completed[row],
                scope,
            },
        ));
    }
    Ok(out
        .into_iter()
        .map(|(id, mut list)| {
            list.sort_by_key(|(p, _)| *p);
            (id, list.into_iter().map(|(_, a)| a).collect())
        })
        .collect())
}

/// Catalog rows back from their table.
pub fn catalog_from(df: &DataFrame) -> Result<Vec<CatalogEntity>> {
    let names = read_text(df, "name")?;
    let kinds = read_text(df, "kind")?;
    let types = read_opt_text(df, "type")?;
    let owners = read_list(df, "owners")?;
    let depends = read_list(df, "depends_on")?;
    let systems = read_opt_text(df, "system")?;
    let sources = read_text(df, "source")?;
    let files = read_text(df, "source_file")?;
    let locations = read_text(df, "location")?;
    let mut out = Vec::with_capacity(names.len());
    for (row, name) in names.into_iter().enumerate() {
        out.push(CatalogEntity {
            name,
            kind: EntityKind::parse(&kinds[row])
                .ok_or_else(|| bad("catalog", row, "kind", &kinds[row]))?,
            entity_type: types[row].clone(),
            owners: owners[row].clone(),
            depends_on: depends[row].clone(),
            system: systems[row].clone(),
            source: OwnerSource::parse(&sources[row])
                .ok_or_else(|| bad("catalog", row, "source", &sources[row]))?,
            source_file: files[row].clone(),
            location: locations[row].clone(),
        });
    }
    Ok(out)
}

/// Rejections and warnings back from their table.
pub fn notes_from(df: &DataFrame) -> Result<Vec<Rejection>> {
    let levels = read_text(df, "level")?;
    let kinds = read_text(df, "kind")?;
    let files = read_text(df, "file")?;
    let locations = read_text(df, "location")?;
    let ids = read_opt_text(df, "record_id")?;
    let fields = read_opt_text(df, "field")?;
    let reasons = read_text(df, "reason")?;
    let mut out = Vec::with_capacity(levels.len());
    for (row, level) in levels.iter().enumerate() {
        out.push(Rejection {
            level: if level == "warning" {
                Level::Warning
            } else {
                Level::Error
            },
            kind: RecordKind::parse(&kinds[row])
                .ok_or_else(|| bad("rejections", row, "kind", &kinds[row]))?,
            file: files[row].clone(),
            location: locations[row].clone(),
            record_id: ids[row].clone(),
            field: fields[row].clone(),
            reason: reasons[row].clone(),
        });
    }
    Ok(out)
}
