//! Validation: a [`Record`] becomes an [`Incident`] (or an [`Action`]), or a [`Rejection`] that
//! names the field and the reason. Every format goes through here.

use super::fields;
use super::limits;
use super::mapping::FieldReader;
use super::record::{Raw, Record};
use super::rejection::{RecordKind, Rejection};
use crate::model::{Action, ActionStatus, Aliases, Incident, Scope, SourceRef};

/// What validation needs besides the record.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub fields: FieldReader<'a>,
    pub aliases: &'a Aliases,
    /// How far into the file reading has come (for the progress bar).
    pub progress: &'a crate::progress::FileProgress,
}

/// The result of validating one incident record.
#[derive(Debug)]
pub struct Built {
    /// The incident, or why it was rejected.
    pub incident: Result<Incident, Rejection>,
    /// Embedded actions read (imported or rejected).
    pub actions_read: usize,
    /// Rejected embedded actions, and warnings about the incident.
    pub notes: Vec<Rejection>,
}

/// Collects field problems so that one rejection can name them all.
struct Problems {
    list: Vec<(String, String)>,
}

impl Problems {
    fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(reason) => {
                self.list.push((field.to_string(), reason));
                None
            }
        }
    }

    fn into_rejection(self, base: Rejection) -> Option<Rejection> {
        let mut iter = self.list.into_iter();
        let (field, reason) = iter.next()?;
        let rest: Vec<String> = iter.map(|(f, r)| format!("{f}: {r}")).collect();
        let reason = if rest.is_empty() {
            reason
        } else {
            format!("{reason} (also {})", rest.join("; "))
        };
        Some(base.field(field).reason(reason))
    }
}

/// Validates one incident record read from `source`.
pub fn incident(record: &dyn Record, ctx: Context<'_>, source: SourceRef) -> Built {
    incident_with_fallback(record, None, ctx, source)
}

/// The timestamp fields of an incident.
const TIMESTAMP_FIELDS: [&str; 5] = [
    "started_at",
    "detected_at",
    "acknowledged_at",
    "mitigated_at",
    "resolved_at",
];

/// Like [`incident`], but a field the record does not give is taken from `fallback` by its recur
/// name (a postmortem's body sections fill what its front matter lacks).
pub fn incident_with_fallback(
    record: &dyn Record,
    fallback: Option<&dyn Record>,
    ctx: Context<'_>,
    source: SourceRef,
) -> Built {
    // The record's own value, else the body's (postmortems), else the mapping's default.
    let get = |field: &str| {
        ctx.fields
            .get_from_sources(record, field)
            .or_else(|| fallback.and_then(|f| f.get(field)))
            .or_else(|| ctx.fields.default_of(field))
    };
    if let Some(built) = oversized(record, fallback, &get, &source) {
        return built;
    }
    let mut p = Problems { list: Vec::new() };
    let id = p.check("id", fields::scalar(get("id"))).flatten();
    let base =
        Rejection::error(RecordKind::Incident, &source.file, &source.location).id(id.as_deref());
    if id.is_none() && p.list.is_empty() {
        p.list
            .push(("id".into(), "required, missing or empty".into()));
    }
    let title = p.check("title", fields::text(get("title"))).flatten();
    if title.is_none() && !p.list.iter().any(|(f, _)| f == "title") {
        p.list
            .push(("title".into(), "required, missing or empty".into()));
    }
    let started_at = p
        .check("started_at", fields::timestamp(get("started_at")))
        .flatten();
    if started_at.is_none() && !p.list.iter().any(|(f, _)| f == "started_at") {
        p.list
            .push(("started_at".into(), "required, missing or empty".into()));
    }
    let services = p.check("services", fields::names(get("services"), ctx.aliases));
    let unnamed = unnamed_names(get);
    if services.as_ref().is_some_and(Vec::is_empty) {
        let mut reason = "at least one service is required".to_string();
        for (_, value) in unnamed.iter().filter(|(f, _)| *f == "services") {
            reason.push_str(&format!(
                "; {value:?} has no letter or digit, so names none"
            ));
        }
        p.list.push(("services".into(), reason));
    }
    let severity = p.check("severity", fields::severity(get("severity")));
    let detected_at = p.check("detected_at", fields::timestamp(get("detected_at")));
    let acknowledged_at = p.check("acknowledged_at", fields::timestamp(get("acknowledged_at")));
    let mitigated_at = p.check("mitigated_at", fields::timestamp(get("mitigated_at")));
    let resolved_at = p.check("resolved_at", fields::timestamp(get("resolved_at")));
    let components = p.check("components", fields::names(get("components"), ctx.aliases));
    let factors = p.check(
        "contributing_factors",
        fields::list(get("contributing_factors")),
    );
    let tags = p.check("tags", fields::list(get("tags")));
    let root_cause = p.check("root_cause", fields::text(get("root_cause")));
    let trigger = p.check("trigger", fields::text(get("trigger")));
    let team = p.check("team", fields::name(get("team"), ctx.aliases));
    let (url, url_warning) = super::declared::url(get("url"));
    let (links, link_warnings) = super::declared::links(get("links"));

    let id_text = id.clone().unwrap_or_default();
    let (actions, actions_read, mut notes) =
        embedded_actions(get("actions"), &id_text, ctx, &source);
    if let Some(rejection) = p.into_rejection(base) {
        // The actions of a rejected incident are rejected with it.
        notes.retain(|n| n.kind != RecordKind::Action);
        notes.extend(rejected_with_incident(actions_read, &id_text, &source));
        return Built {
            incident: Err(rejection),
            actions_read,
            notes,
        };
    }
    let incident = Incident {
        id: id_text,
        title: title.unwrap_or_default(),
        severity: severity.flatten(),
        started_at: started_at.unwrap_or_default(),
        detected_at: detected_at.flatten(),
        acknowledged_at: acknowledged_at.flatten(),
        mitigated_at: mitigated_at.flatten(),
        resolved_at: resolved_at.flatten(),
        services: services.unwrap_or_default(),
        components: components.unwrap_or_default(),
        contributing_factors: factors.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
        root_cause: root_cause.flatten(),
        trigger: trigger.flatten(),
        team: team.flatten(),
        actions,
        url,
        links,
        source,
    };
    // A warning about one field of this incident.
    let warn = |field: &str, reason: String| {
        Rejection::warning(
            RecordKind::Incident,
            &incident.source.file,
            &incident.source.location,
        )
        .id(Some(&incident.id))
        .field(field)
        .reason(reason)
    };
    let declared = url_warning.into_iter().chain(link_warnings);
    notes.extend(declared.map(|(field, reason)| warn(field, reason)));
    notes.extend(order_warnings(&incident));
    for field in TIMESTAMP_FIELDS {
        if let Some(Raw::Text(text)) = get(field)
            && crate::model::time::is_partial_date(&text)
        {
            notes.push(warn(
                field,
                format!(
                    "{:?} is a partial date; read as approximate, the start of that {}",
                    text.trim(),
                    if text.contains('-') { "month" } else { "year" }
                ),
            ));
        }
    }
    notes.extend(unnamed.into_iter().map(|(field, value)| {
        warn(
            field,
            format!(
                "{value:?} has no letter or digit, so it names no {}; dropped",
                entity_of(field)
            ),
        )
    }));
    Built {
        incident: Ok(incident),
        actions_read,
        notes,
    }
}

/// The rejection of a record holding a value over [`limits::MAX_FIELD_BYTES`], made before any
/// field is read from it (reading would copy the value), with its embedded actions.
fn oversized<'r>(
    record: &'r dyn Record,
    fallback: Option<&'r dyn Record>,
    get: &impl Fn(&str) -> Option<Raw<'r>>,
    source: &SourceRef,
) -> Option<Built> {
    let (field, bytes) = record
        .oversized()
        .or_else(|| fallback.and_then(|f| f.oversized()))?;
    let id = match get("id") {
        Some(Raw::Text(t)) if t.len() <= limits::MAX_FIELD_BYTES => Some(t.trim().to_string()),
        _ => None,
    };
    let actions_read = match get("actions") {
        None => 0,
        Some(Raw::List(items)) => items.len(),
        Some(_) => 1,
    };
    let id_text = id.clone().unwrap_or_default();
    Some(Built {
        incident: Err(
            Rejection::error(RecordKind::Incident, &source.file, &source.location)
                .id(id.as_deref())
                .field(field)
                .reason(limits::field_reason(bytes)),
        ),
        actions_read,
        notes: rejected_with_incident(actions_read, &id_text, source),
    })
}

/// The rejections of the embedded actions of a rejected incident.
fn rejected_with_incident(count: usize, id: &str, source: &SourceRef) -> Vec<Rejection> {
    (0..count)
        .map(|i| {
            Rejection::error(RecordKind::Action, &source.file, &source.location)
                .id(Some(id))
                .field(format!("actions[{}]", i + 1))
                .reason("its incident was rejected")
        })
        .collect()
}

/// The values of the name fields that name nothing (no letter or digit, such as `---`), which
/// reading them drops: `(field, value)`.
fn unnamed_names<'r>(get: impl Fn(&str) -> Option<Raw<'r>>) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for field in ["services", "components"] {
        out.extend(
            fields::unnamed_items(get(field))
                .into_iter()
                .map(|v| (field, v)),
        );
    }
    out.extend(fields::unnamed_value(get("team")).map(|v| ("team", v)));
    out
}

/// What a name field names, for messages.
fn entity_of(field: &str) -> &'static str {
    match field {
        "services" => "service",
        "components" => "component",
        _ => "team",
    }
}

/// Warnings for timestamps that come before an earlier phase's.
fn order_warnings(incident: &Incident) -> Vec<Rejection> {
    let timeline = incident.timeline();
    let mut out = Vec::new();
    for (i, (field, ts)) in timeline.iter().enumerate() {
        let Some(ts) = ts else { continue };
        if let Some((earlier, earlier_ts)) = timeline[..i]
            .iter()
            .rev()
            .find_map(|(f, t)| t.map(|t| (f, t)))
            .filter(|(_, t)| t > ts)
        {
            out.push(
                Rejection::warning(
                    RecordKind::Incident,
                    &incident.source.file,
                    &incident.source.location,
                )
                .id(Some(&incident.id))
                .field(*field)
                .reason(format!(
                    "{field} {} is before {earlier} {}; imported as given",
                    ts.to_rfc3339(),
                    earlier_ts.to_rfc3339()
                )),
            );
        }
    }
    out
}

fn embedded_actions(
    raw: Option<Raw<'_>>,
    incident_id: &str,
    ctx: Context<'_>,
    source: &SourceRef,
) -> (Vec<Action>, usize, Vec<Rejection>) {
    let items = match raw {
        None => Vec::new(),
        Some(Raw::List(items)) => items,
        Some(other) => vec![other],
    };
    let mut actions = Vec::new();
    let mut notes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = format!("actions[{}]", i + 1);
        let result = match item {
            Raw::Object(map) => action(*map, Some(incident_id), ctx.aliases),
            Raw::Text(title) => Ok(Action {
                incident_id: incident_id.to_string(),
                title: title.trim().to_string(),
                owner: None,
                status: ActionStatus::Open,
                due_at: None,
                completed_at: None,
                scope: None,
            }),
            Raw::List(_) => Err((
                "title".to_string(),
                "expected an action object, found a list".to_string(),
            )),
        };
        match result {
            Ok(a) => actions.push(a),
            Err((f, reason)) => notes.push(
                Rejection::error(RecordKind::Action, &source.file, &source.location)
                    .id(Some(incident_id))
                    .field(format!("{field}.{f}"))
                    .reason(reason),
            ),
        }
    }
    (actions, items.len(), notes)
}

/// Validates one action record. `incident_id` is given for embedded actions; `actions.csv`
/// rows carry their own. The error is `(field, reason)`.
pub fn action(
    record: &dyn Record,
    incident_id: Option<&str>,
    aliases: &Aliases,
) -> Result<Action, (String, String)> {
    if let Some((field, bytes)) = record.oversized() {
        return Err((field, limits::field_reason(bytes)));
    }
    let first = |names: &[&str]| names.iter().find_map(|n| record.get(n));
    fn wrap(field: &'static str) -> impl Fn(String) -> (String, String) {
        move |reason| (field.to_string(), reason)
    }
    let incident_id = match incident_id {
        Some(id) => id.to_string(),
        None => fields::scalar(record.get("incident_id"))
            .map_err(wrap("incident_id"))?
            .ok_or_else(|| {
                (
                    "incident_id".to_string(),
                    "required, missing or empty".to_string(),
                )
            })?,
    };
    let title = fields::text(first(&[
        "title",
        "action",
        "item",
        "description",
        "summary",
    ]))
    .map_err(wrap("title"))?
    .ok_or_else(|| {
        (
            "title".to_string(),
            "required, missing or empty".to_string(),
        )
    })?;
    let owner =
        fields::name(first(&["owner", "assignee", "team"]), aliases).map_err(wrap("owner"))?;
    let status = match fields::scalar(record.get("status")).map_err(wrap("status"))? {
        None => ActionStatus::Open,
        Some(s) => ActionStatus::parse(&s).ok_or_else(|| {
            (
                "status".to_string(),
                format!("unknown status {s:?} (expected open, done or a synonym such as todo, in progress, completed, closed)"),
            )
        })?,
    };
    let due_at =
        fields::timestamp(first(&["due_at", "due", "due_date"])).map_err(wrap("due_at"))?;
    let completed_at = fields::timestamp(first(&[
        "completed_at",
        "completed",
        "done_at",
        "closed_at",
    ]))
    .map_err(wrap("completed_at"))?;
    let scope = match fields::scalar(record.get("scope")).map_err(wrap("scope"))? {
        None => None,
        Some(s) => Some(Scope::parse(&s).ok_or_else(|| {
            (
                "scope".to_string(),
                format!("unknown scope {s:?} (expected local or systemic)"),
            )
        })?),
    };
    Ok(Action {
        incident_id,
        title,
        owner,
        status,
        due_at,
        completed_at,
        scope,
    })
}
