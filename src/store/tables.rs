//! The store's tables: recur's records to polars `DataFrame`s and back. Column names here are the
//! store's schema (documented in `docs/store.md`).

use super::columns::{self as col, read_list, read_opt_text, read_text, read_time, read_u32};
use crate::error::{RecurError, Result};
use crate::ingest::{Level, RecordKind, Rejection};
use crate::model::{
    Action, ActionStatus, CatalogEntity, EntityKind, Incident, Link, OwnerSource, Scope, Severity,
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
    let link_texts: Vec<Vec<String>> = i
        .iter()
        .map(|x| x.links.iter().map(Link::to_string).collect())
        .collect();
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
        col::opt_text("url", i.iter().map(|x| x.url.as_deref())),
        col::list("links", link_texts.iter().map(Vec::as_slice)),
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

/// Rows converted per task: both cores share the work, whatever the table sizes.
const CHUNK_ROWS: usize = 1 << 16;

/// Converts a table in row chunks on all cores, then concatenates in order. `convert` gets a
/// slice of the table and the number of its first row (for error messages).
fn in_chunks<T: Send>(
    df: &DataFrame,
    convert: impl Fn(&DataFrame, usize) -> Result<Vec<T>> + Sync,
) -> Result<Vec<T>> {
    use rayon::prelude::*;
    let parts: Vec<Vec<T>> = (0..df.height().div_ceil(CHUNK_ROWS))
        .into_par_iter()
        .map(|k| {
            convert(
                &df.slice((k * CHUNK_ROWS) as i64, CHUNK_ROWS),
                k * CHUNK_ROWS,
            )
        })
        .collect::<Result<_>>()?;
    let mut out = Vec::with_capacity(df.height());
    for part in parts {
        out.extend(part);
    }
    Ok(out)
}

/// Incidents back from their table, with their actions attached when `actions` is given.
pub fn incidents_from(df: &DataFrame, actions: Option<&DataFrame>) -> Result<Vec<Incident>> {
    let (incidents, actions) = rayon::join(
        || in_chunks(df, incident_rows),
        || actions.map(|a| in_chunks(a, action_rows)).transpose(),
    );
    let mut incidents = incidents?;
    if let Some(mut actions) = actions? {
        // Stable, and a single pass for the files the store wrote (already in this order).
        actions.sort_by(|a, b| a.1.incident_id.cmp(&b.1.incident_id).then(a.0.cmp(&b.0)));
        attach_actions(
            &mut incidents,
            actions.into_iter().map(|(_, a)| a).collect(),
        );
    }
    Ok(incidents)
}

/// Incident rows without their actions; `first` is the number of the slice's first row.
fn incident_rows(df: &DataFrame, first: usize) -> Result<Vec<Incident>> {
    let ids = read_text(df, "id")?;
    let titles = read_text(df, "title")?;
    let severities = read_opt_text(df, "severity")?;
    let started = read_time(df, "started_at")?;
    let detected = read_time(df, "detected_at")?;
    let acknowledged = read_time(df, "acknowledged_at")?;
    let mitigated = read_time(df, "mitigated_at")?;
    let resolved = read_time(df, "resolved_at")?;
    let mut services = read_list(df, "services")?.into_iter();
    let mut components = read_list(df, "components")?.into_iter();
    let mut factors = read_list(df, "contributing_factors")?.into_iter();
    let mut tags = read_list(df, "tags")?.into_iter();
    let mut root_causes = read_opt_text(df, "root_cause")?.into_iter();
    let mut triggers = read_opt_text(df, "trigger")?.into_iter();
    let mut teams = read_opt_text(df, "team")?.into_iter();
    // Stores written before `url` and `links` existed have neither column.
    let has = |name: &str| df.get_column_names().iter().any(|c| c.as_str() == name);
    let mut urls = if has("url") {
        read_opt_text(df, "url")?
    } else {
        Vec::new()
    }
    .into_iter();
    let mut links = if has("links") {
        read_list(df, "links")?
    } else {
        Vec::new()
    }
    .into_iter();
    let mut files = read_text(df, "source_file")?.into_iter();
    let mut locations = read_text(df, "source_location")?.into_iter();
    let mut out = Vec::with_capacity(ids.len());
    for (row, ((id, title), severity)) in ids.into_iter().zip(titles).zip(severities).enumerate() {
        let severity = match severity {
            None => None,
            Some(s) => Some(
                Severity::from_label(&s)
                    .or_else(|| Severity::parse(&s))
                    .ok_or_else(|| bad("incidents", first + row, "severity", &s))?,
            ),
        };
        let started_at =
            started[row].ok_or_else(|| bad("incidents", first + row, "started_at", "null"))?;
        out.push(Incident {
            id,
            title,
            severity,
            started_at,
            detected_at: detected[row],
            acknowledged_at: acknowledged[row],
            mitigated_at: mitigated[row],
            resolved_at: resolved[row],
            services: services.next().unwrap_or_default(),
            components: components.next().unwrap_or_default(),
            contributing_factors: factors.next().unwrap_or_default(),
            tags: tags.next().unwrap_or_default(),
            root_cause: root_causes.next().flatten(),
            trigger: triggers.next().flatten(),
            team: teams.next().flatten(),
            actions: Vec::new(),
            url: urls.next().flatten(),
            links: stored_links(links.next().unwrap_or_default(), first + row)?,
            source: SourceRef {
                file: files.next().unwrap_or_default(),
                location: locations.next().unwrap_or_default(),
            },
        });
    }
    Ok(out)
}

/// A row's links back from their `KIND:ID` texts.
fn stored_links(texts: Vec<String>, row: usize) -> Result<Vec<Link>> {
    texts
        .iter()
        .map(|t| Link::parse(t).map_err(|_| bad("incidents", row, "links", t)))
        .collect()
}

/// Gives each incident its actions. Both lists are in incident-id order as the store writes
/// them, so a single merge pass does it; actions out of that order are placed through a map.
fn attach_actions(incidents: &mut [Incident], actions: Vec<Action>) {
    let mut rest: Vec<Action> = Vec::new();
    let mut actions = actions.into_iter().peekable();
    for incident in incidents.iter_mut() {
        while let Some(a) = actions.next_if(|a| a.incident_id <= incident.id) {
            if a.incident_id == incident.id {
                incident.actions.push(a);
            } else {
                rest.push(a);
            }
        }
    }
    rest.extend(actions);
    if rest.is_empty() {
        return;
    }
    let at: std::collections::HashMap<String, usize> = incidents
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.clone(), i))
        .collect();
    for a in rest {
        if let Some(&i) = at.get(&a.incident_id) {
            incidents[i].actions.push(a);
        }
    }
}

/// Action rows with their position in the incident; `first` is the slice's first row number.
fn action_rows(df: &DataFrame, first: usize) -> Result<Vec<(u32, Action)>> {
    let incident_ids = read_text(df, "incident_id")?;
    let positions = read_u32(df, "position")?;
    let titles = read_text(df, "title")?;
    let owners = read_opt_text(df, "owner")?;
    let statuses = read_text(df, "status")?;
    let due = read_time(df, "due_at")?;
    let completed = read_time(df, "completed_at")?;
    let scopes = read_opt_text(df, "scope")?;
    let mut out: Vec<(u32, Action)> = Vec::with_capacity(incident_ids.len());
    let rows = incident_ids.into_iter().zip(titles).zip(owners).enumerate();
    for (row, ((incident_id, title), owner)) in rows {
        let status = ActionStatus::parse(&statuses[row])
            .ok_or_else(|| bad("actions", first + row, "status", &statuses[row]))?;
        let scope = match &scopes[row] {
            None => None,
            Some(s) => {
                Some(Scope::parse(s).ok_or_else(|| bad("actions", first + row, "scope", s))?)
            }
        };
        out.push((
            positions[row],
            Action {
                incident_id,
                title,
                owner,
                status,
                due_at: due[row],
                completed_at: completed[row],
                scope,
            },
        ));
    }
    Ok(out)
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
    let lengths = [
        kinds.len(),
        files.len(),
        locations.len(),
        ids.len(),
        fields.len(),
        reasons.len(),
    ];
    if lengths.iter().any(|&n| n != levels.len()) {
        return Err(RecurError::Store {
            dir: String::new(),
            reason: format!(
                "rejections: columns of unequal length ({} levels, {lengths:?} in the others)",
                levels.len()
            ),
        });
    }
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
