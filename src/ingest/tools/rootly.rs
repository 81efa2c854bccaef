//! Rootly: incidents from its JSON:API (`GET /v1/incidents?include=causes,action_items`,
//! `{data: [...], included: [...]}`), and action items files (`{data: [...]}` of type
//! `incident_action_items`).
//!
//! Names (services, functionalities, groups, environments, causes, severity) are read from the
//! attribute itself (objects with `name`, or `{data: …}`), else from the relationship of that
//! name resolved through `included`. Measured: every DAFF point Rootly records, as it records it
//! (`started_at`, `detected_at`, `acknowledged_at`, `mitigated_at`, `resolved_at`); without
//! `started_at` the start is `created_at` (with a warning). Functionalities are the components,
//! groups the team, causes the root cause. Action items of kind `follow_up` are follow-ups; those
//! of kind `task` (work during the response) are not. `duplicate_incident_id` and
//! `parent_incident_id` are links.

use super::value::{clean, first_text, items, text};
use super::{Draft, ToolImporter, emit, emit_action, has_key, parse_json};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::ingest::rejection::{RecordKind, Rejection};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The Rootly importer.
pub struct Rootly;

impl ToolImporter for Rootly {
    fn name(&self) -> &'static str {
        "rootly"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        let has = |k| has_key(head, k);
        ext == "json"
            && has("attributes")
            && (has("sequential_id")
                || has("acknowledged_at") && has("mitigated_at")
                || head.contains("\"incident_action_items\""))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        let included = Included::of(&doc);
        let data: Vec<&Value> = match doc.get("data") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one) => vec![one],
            None => vec![&doc],
        };
        for (i, record) in data.into_iter().enumerate() {
            let location = format!("record {}", i + 1);
            match text(record, "type").as_deref() {
                Some("incident_action_items") => {
                    let id = text(record, "id");
                    match follow_up(record, incident_of(record), &included) {
                        Some(fields) => {
                            emit_action(&fields, id.as_deref(), file, location, ctx, out)
                        }
                        None => out.notes.push(
                            Rejection::warning(RecordKind::Action, &file.name, location)
                                .id(id.as_deref())
                                .reason(TASK),
                        ),
                    }
                }
                _ if record.get("attributes").is_some_and(Value::is_object) => {
                    emit(incident(record, &included), file, location, ctx, out);
                }
                _ => out.notes.push(
                    Rejection::error(RecordKind::Incident, &file.name, location)
                        .id(text(record, "id").as_deref())
                        .reason("expected a Rootly incident (a JSON:API resource with attributes)"),
                ),
            }
        }
    }
}

/// The `included` resources by type and id.
#[derive(Default)]
struct Included<'a>(HashMap<(String, String), &'a Value>);

impl<'a> Included<'a> {
    fn of(doc: &'a Value) -> Self {
        let mut map = HashMap::new();
        for r in items(doc, "included") {
            if let (Some(kind), Some(id)) = (text(r, "type"), text(r, "id")) {
                map.insert((kind, id), r);
            }
        }
        Self(map)
    }

    fn get(&self, reference: &Value) -> Option<&'a Value> {
        let key = (text(reference, "type")?, text(reference, "id")?);
        self.0.get(&key).copied()
    }

    /// The action items in `included` that belong to the incident `id`.
    fn action_items_of(&self, id: &str) -> Vec<&'a Value> {
        let mut found: Vec<&'a Value> = self
            .0
            .values()
            .copied()
            .filter(|r| text(r, "type").as_deref() == Some("incident_action_items"))
            .filter(|r| incident_of(r).as_deref() == Some(id))
            .collect();
        found.sort_by_key(|r| text(r, "id"));
        found
    }
}

/// The incident an action item belongs to.
fn incident_of(item: &Value) -> Option<String> {
    first_text(
        item,
        &["relationships.incident.data.id", "attributes.incident_id"],
    )
}

/// The name of a resource or attribute value: a text, `name`, `attributes.name`, or a reference
/// resolved through `included`.
fn name_of(v: &Value, included: &Included<'_>) -> Option<String> {
    name_within(v, included, 0)
}

/// How many references deep a name is looked for: an included resource with no name refers to
/// itself by its own type and id, and references may form cycles.
const NAME_DEPTH: usize = 4;

fn name_within(v: &Value, included: &Included<'_>, depth: usize) -> Option<String> {
    if depth > NAME_DEPTH {
        return None;
    }
    let deeper = |inner: &Value| name_within(inner, included, depth + 1);
    match v {
        Value::String(s) => clean(s),
        Value::Object(_) => first_text(
            v,
            &[
                "name",
                "full_name",
                "attributes.name",
                "attributes.full_name",
                "slug",
            ],
        )
        .or_else(|| v.get("data").and_then(deeper))
        .or_else(|| included.get(v).and_then(deeper)),
        _ => None,
    }
}

/// The names of an incident's `key`: its attribute (a list, one object, or `{data: [...]}`),
/// else its relationship of that name.
fn names(r: &Value, key: &str, included: &Included<'_>) -> Vec<String> {
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(list) => list.iter().filter_map(|i| name_of(i, included)).collect(),
            Value::Object(o) if o.contains_key("data") && !o.contains_key("name") => {
                match &o["data"] {
                    Value::Array(list) => {
                        list.iter().filter_map(|i| name_of(i, included)).collect()
                    }
                    one => name_of(one, included).into_iter().collect(),
                }
            }
            other => name_of(other, included).into_iter().collect(),
        }
    };
    let own = r
        .get("attributes")
        .and_then(|a| a.get(key))
        .map(&list)
        .unwrap_or_default();
    if !own.is_empty() {
        return own;
    }
    r.get("relationships")
        .and_then(|rel| rel.get(key))
        .map(list)
        .unwrap_or_default()
}

fn incident(r: &Value, included: &Included<'_>) -> Draft {
    let a = &r["attributes"];
    let mut d = Draft::new();
    let id = text(r, "id");
    d.text("id", id.clone().or_else(|| text(a, "sequential_id")));
    d.text("title", text(a, "title"));
    d.severity(names(r, "severity", included).into_iter().next());
    d.list("services", names(r, "services", included));
    d.list("components", names(r, "functionalities", included));
    d.text("team", names(r, "groups", included).into_iter().next());
    let causes = names(r, "causes", included);
    d.text(
        "root_cause",
        (!causes.is_empty()).then(|| causes.join("; ")),
    );
    let prefixed = |prefix: &str, key: &str| -> Vec<String> {
        names(r, key, included)
            .into_iter()
            .map(|n| format!("{prefix}:{n}"))
            .collect()
    };
    d.list("tags", prefixed("environment", "environments"));
    d.list("tags", prefixed("type", "incident_types"));
    if let Some(kind) = text(a, "kind").filter(|k| k != "normal") {
        d.list("tags", [format!("kind:{kind}")]);
    }
    if let Some(Value::Object(labels)) = a.get("labels") {
        let pairs = labels.iter().filter_map(|(k, l)| match l {
            Value::String(s) => clean(s).map(|s| format!("{k}:{s}")),
            _ => None,
        });
        d.list("tags", pairs.collect::<Vec<_>>());
    }
    let links = [
        ("duplicate", "duplicate_incident_id"),
        ("parent", "parent_incident_id"),
    ];
    d.list(
        "links",
        links
            .iter()
            .filter_map(|(kind, key)| text(a, key).map(|v| format!("{kind}:{v}")))
            .collect::<Vec<_>>(),
    );
    d.text("url", text(a, "url"));
    match text(a, "started_at") {
        Some(start) => d.time_text("started_at", Some(start)),
        None => {
            if text(a, "created_at").is_some() {
                d.warn("no started_at: the start is the incident's created_at".into());
            }
            d.time_text("started_at", text(a, "created_at"))
        }
    };
    for field in [
        "detected_at",
        "acknowledged_at",
        "mitigated_at",
        "resolved_at",
    ] {
        d.time_text(field, text(a, field));
    }
    if let Some(id) = id {
        follow_ups(&id, included, &mut d);
    }
    d
}

/// Why an action item is not imported.
const TASK: &str =
    "an action item of kind task (work during the response), not a follow-up: not imported";

/// The follow-ups among the included action items of incident `id`; tasks are warned about.
fn follow_ups(id: &str, included: &Included<'_>, d: &mut Draft) {
    for item in included.action_items_of(id) {
        let Some(f) = follow_up(item, None, included) else {
            let name = first_text(item, &["attributes.summary", "id"]).unwrap_or_default();
            d.warn(format!("{name:?}: {TASK}"));
            continue;
        };
        let get = |k: &str| f.get(k).and_then(Value::as_str).map(str::to_string);
        let due = get("due_at").and_then(|t| super::value::timestamp(&t));
        d.action(
            get("title"),
            get("owner"),
            get("status").as_deref(),
            due,
            None,
        );
    }
}

/// An action item of kind `follow_up` in recur's follow-up fields; `None` for tasks.
fn follow_up(
    item: &Value,
    incident: Option<String>,
    included: &Included<'_>,
) -> Option<Map<String, Value>> {
    let a = item.get("attributes")?;
    if text(a, "kind").is_some_and(|k| k != "follow_up") {
        return None;
    }
    let mut f = Map::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            f.insert(k.into(), Value::String(v));
        }
    };
    put("incident_id", incident);
    put("title", first_text(a, &["summary", "description"]));
    put(
        "owner",
        a.get("assigned_to")
            .and_then(|o| name_of(o, included))
            .or_else(|| {
                first_text(
                    a,
                    &["assigned_to.email", "assigned_to.data.attributes.email"],
                )
            }),
    );
    put("status", text(a, "status"));
    put("due_at", text(a, "due_date"));
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_nameless_included_resource_that_refers_to_itself_has_no_name() {
        // Found by fuzzing: this recursed until the stack overflowed.
        let doc = json!({"included": [{"id": "g", "type": "groups", "attributes": {}}]});
        let included = Included::of(&doc);
        let reference = json!({"id": "g", "type": "groups"});
        assert_eq!(name_of(&reference, &included), None);
    }

    #[test]
    fn duplicates_and_parents_are_kept_and_names_resolve_through_included() {
        let doc =
            json!({"included": [{"id": "c", "type": "causes", "attributes": {"name": "DNS"}}]});
        let included = Included::of(&doc);
        let r = json!({"id": "i", "attributes": {"duplicate_incident_id": "j",
            "parent_incident_id": "k", "kind": "test", "environments": [{"name": "prod"}]},
            "relationships": {"causes": {"data": [{"id": "c", "type": "causes"}]}}});
        let (map, _) = incident(&r, &included).into_parts();
        assert_eq!(map["root_cause"], "DNS");
        assert_eq!(map["tags"], json!(["environment:prod", "kind:test"]));
        assert_eq!(map["links"], json!(["duplicate:j", "parent:k"]));
    }
}
