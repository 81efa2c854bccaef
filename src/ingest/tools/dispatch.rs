//! Netflix Dispatch: incidents from the API (`{items: [...]}`, or a list) or the UI's CSV export
//! (dotted headers such as `incident_type.name`, tags as `Type/name, …`).
//!
//! Measured: start (`reported_at`), mitigate (`stable_at`), resolve (`closed_at`). Dispatch
//! measures neither detection nor acknowledgement. Tags of type `Service`/`Component`/`Team`/
//! `Cause` fill those fields; without a Service tag the service is the project (with a warning).
//! Tasks whose `source` is "Post Incident Review" are follow-ups; `duplicates` become links
//! `duplicate:NAME`; the url is the review document's weblink, else the incident document's.

use super::value::{first_text, items, text, texts_of, time};
use super::{Draft, ToolImporter, emit, has_key, parse_json, read_records, table};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use serde_json::Value;

/// The Dispatch importer.
pub struct Dispatch;

impl ToolImporter for Dispatch {
    fn name(&self) -> &'static str {
        "dispatch"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        match ext {
            "json" => {
                has_key(head, "reported_at")
                    && (has_key(head, "stable_at") || has_key(head, "incident_priority"))
            }
            "csv" => {
                let header = head.lines().next().unwrap_or_default().to_lowercase();
                let has = |c: &str| header.split(',').any(|h| h.trim().trim_matches('"') == c);
                has("reported_at") && (has("stable_at") || has("incident_type.name"))
            }
            _ => false,
        }
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        if file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            for row in table::rows(file, &|h| h.to_string(), out) {
                emit(incident(&row.value), file, row.location, ctx, out);
            }
            return;
        }
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        let keys = ["items", "incidents"];
        read_records(
            &doc,
            &keys,
            "a Dispatch incident object",
            incident,
            file,
            ctx,
            out,
        );
    }
}

/// `(type, name)` of each tag: objects `{name, tag_type: {name}}` or texts `Type/name`.
fn tags(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = items(v, "tags")
        .iter()
        .filter_map(|t| {
            let name = text(t, "name")?;
            Some((text(t, "tag_type.name").unwrap_or_default(), name))
        })
        .collect();
    if let Some(cell) = text(v, "tags") {
        for part in cell.split(',') {
            if let Some((kind, name)) = part.trim().split_once('/') {
                out.push((kind.trim().to_string(), name.trim().to_string()));
            }
        }
    }
    out
}

/// Read from an API object (`incident_type: {name}`) or a CSV row (`incident_type.name`).
fn field(v: &Value, dotted: &str) -> Option<String> {
    text(v, dotted).or_else(|| {
        v.get(dotted)
            .and_then(|c| c.as_str())
            .and_then(super::value::clean)
    })
}

fn incident(v: &Value) -> Draft {
    let mut d = Draft::new();
    d.text("id", first_text(v, &["name", "id"]));
    d.text("title", text(v, "title"));
    d.text(
        "url",
        field(v, "incident_review_document.weblink")
            .or_else(|| field(v, "incident_document.weblink")),
    );
    d.severity(field(v, "incident_severity.name").or_else(|| field(v, "incident_priority.name")));
    let mut services = Vec::new();
    for (kind, name) in tags(v) {
        match kind.to_lowercase().as_str() {
            "service" | "services" | "application" | "system" => services.push(name),
            "component" | "components" => {
                d.list("components", [name]);
            }
            "team" | "teams" => {
                d.text("team", Some(name));
            }
            "cause" | "root cause" | "root-cause" => {
                d.text("root_cause", Some(name));
            }
            _ if kind.is_empty() => {
                d.list("tags", [name]);
            }
            _ => {
                d.list("tags", [format!("{kind}/{name}")]);
            }
        }
    }
    if services.is_empty()
        && let Some(project) = field(v, "project.name")
    {
        d.warn(format!(
            "no Service tag: the service is the project, {project:?}"
        ));
        services.push(project);
    }
    d.list("services", services);
    if !d.has("root_cause") {
        d.text("root_cause", text(v, "resolution"));
    }
    if !d.has("team") {
        d.text("team", text(v, "participants_team"));
    }
    if let Some(t) = field(v, "incident_type.name") {
        d.list("tags", [format!("type:{t}")]);
    }
    d.time_text("started_at", text(v, "reported_at"));
    d.time_text("mitigated_at", text(v, "stable_at"));
    d.time_text("resolved_at", text(v, "closed_at"));
    for t in items(v, "tasks") {
        if text(t, "source").as_deref() != Some("Post Incident Review") {
            continue;
        }
        let status = match text(t, "status").as_deref() {
            Some("Resolved") => "done",
            _ => "open",
        };
        d.action(
            text(t, "description"),
            first_text(t, &["owner.individual.email", "owner.email", "owner"]),
            Some(status),
            time(t, "resolve_by"),
            time(t, "resolved_at"),
        );
    }
    let duplicates = items(v, "duplicates")
        .iter()
        .filter_map(|dup| first_text(dup, &["name", "id"]))
        .chain(texts_of(v, "duplicates", ""));
    d.list(
        "links",
        duplicates
            .map(|n| format!("duplicate:{n}"))
            .collect::<Vec<_>>(),
    );
    d
}
