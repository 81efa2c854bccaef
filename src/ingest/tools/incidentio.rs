//! incident.io API v2: incidents (`/v2/incidents`) and follow-ups (`/v2/follow_ups`).
//!
//! Timestamps are organisation-defined and bound by name: started ← "Impact started at",
//! detected ← "Reported at", acknowledged ← "Accepted at", mitigated ← "Fixed at" (or
//! "Mitigated at"), resolved ← "Resolved at" (or "Closed at"). When "Impact started at" is not
//! set, the start is the incident's `created_at` (with a warning); no other phase is filled. Services and teams come from custom
//! fields (catalog-backed or not) whose name says service, product, system or team; the cause from
//! one named root cause or cause. A `merged` status category gives the tag `merged`. Test and
//! tutorial incidents are imported with the tag `mode:test` / `mode:tutorial`. Follow-ups are
//! actions of their incident (`completed` is done, `not_doing` and `deleted` won't do).

use super::value::{first_text, items, text, time};
use super::{Draft, ToolImporter, emit, emit_action, has_key, parse_json, records};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::ingest::rejection::{RecordKind, Rejection};
use serde_json::Value;

/// The incident.io importer.
pub struct IncidentIo;

/// recur fields and the incident.io timestamp names that feed them, first found wins.
const TIMESTAMPS: &[(&str, &[&str])] = &[
    ("started_at", &["impact started at", "started at"]),
    ("detected_at", &["reported at", "detected at"]),
    ("acknowledged_at", &["accepted at", "acknowledged at"]),
    ("mitigated_at", &["fixed at", "mitigated at"]),
    ("resolved_at", &["resolved at", "closed at"]),
];

impl ToolImporter for IncidentIo {
    fn name(&self) -> &'static str {
        "incident.io"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        let has = |k| has_key(head, k);
        ext == "json"
            && (has("incident_timestamp_values")
                || has("incident_status") && has("reference")
                || has("incident_id") && has("external_issue_reference") && has("completed_at"))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        for (i, record) in records(&doc, &["incidents", "incident", "follow_ups"])
            .into_iter()
            .enumerate()
        {
            let location = format!("record {}", i + 1);
            if !record.is_object() {
                out.notes.push(
                    Rejection::error(RecordKind::Incident, &file.name, location)
                        .reason("expected an incident.io incident or follow-up object"),
                );
            } else if record.get("incident_id").is_some() && record.get("reference").is_none() {
                follow_up(record, file, location, ctx, out);
            } else {
                emit(incident(record), file, location, ctx, out);
            }
        }
    }
}

/// The texts of a custom field entry's values (options, catalog entries, text, numbers).
fn values_of(entry: &Value) -> Vec<String> {
    items(entry, "values")
        .iter()
        .filter_map(|v| {
            first_text(
                v,
                &[
                    "value_catalog_entry.name",
                    "value_option.value",
                    "value_text",
                    "value_link",
                    "value_numeric",
                ],
            )
        })
        .collect()
}

fn incident(v: &Value) -> Draft {
    let mut d = Draft::new();
    d.text("id", text(v, "id"));
    d.text("title", text(v, "name"));
    // The postmortem when there is one, else the incident's page.
    d.text(
        "url",
        first_text(v, &["postmortem_document_url", "permalink"]),
    );
    d.severity(text(v, "severity.name"));
    if let Some(reference) = text(v, "reference") {
        d.list("tags", [format!("ref:{reference}")]);
    }
    if let Some(mode) = text(v, "mode").filter(|m| m != "standard") {
        d.list("tags", [format!("mode:{mode}")]);
    }
    if let Some(t) = text(v, "incident_type.name") {
        d.list("tags", [format!("type:{t}")]);
    }
    for entry in items(v, "custom_field_entries") {
        let name = text(entry, "custom_field.name")
            .unwrap_or_default()
            .to_lowercase();
        let values = values_of(entry);
        if name.contains("team") {
            d.text("team", values.first().cloned());
        } else if ["service", "product", "system"]
            .iter()
            .any(|k| name.contains(k))
        {
            d.list("services", values);
        } else if name.contains("component") {
            d.list("components", values);
        } else if name.contains("cause") {
            d.text("root_cause", Some(values.join("; ")));
        } else if name.contains("trigger") {
            d.text("trigger", Some(values.join("; ")));
        } else if !values.is_empty() {
            d.list("tags", values.iter().map(|x| format!("{name}:{x}")));
        }
    }
    let stamp = |names: &[&str]| {
        items(v, "incident_timestamp_values").iter().find_map(|t| {
            let name = text(t, "incident_timestamp.name")?.to_lowercase();
            names
                .contains(&name.as_str())
                .then(|| time(t, "value.value"))
                .flatten()
        })
    };
    for (field, names) in TIMESTAMPS {
        d.time(field, stamp(names));
    }
    if !d.has("started_at") {
        let created = time(v, "created_at");
        if created.is_some() {
            d.warn(
                "\"Impact started at\" is not set: started_at is the incident's created_at".into(),
            );
        }
        d.time("started_at", created);
    }
    if text(v, "incident_status.category").as_deref() == Some("merged") {
        d.list("tags", ["merged".to_string()]);
    }
    d
}

/// A follow-up: an action of its incident (joined when the store or this import has it).
fn follow_up(v: &Value, file: &InputFile, location: String, ctx: Context<'_>, out: &mut Batch) {
    let status = match text(v, "status").as_deref() {
        Some("completed") => "done",
        Some("deleted") | Some("not_doing") => "wontfix",
        _ => "open",
    };
    let mut a = serde_json::Map::new();
    let mut put = |k: &str, t: Option<String>| {
        if let Some(t) = t {
            a.insert(k.into(), Value::String(t));
        }
    };
    put("incident_id", text(v, "incident_id"));
    put("title", text(v, "title"));
    put("owner", first_text(v, &["assignee.name", "assignee.email"]));
    put("status", Some(status.to_string()));
    put(
        "completed_at",
        time(v, "completed_at").map(|t| t.to_rfc3339()),
    );
    emit_action(
        &a,
        text(v, "incident_id").as_deref(),
        file,
        location,
        ctx,
        out,
    );
}
