//! FireHydrant: incidents from its API (`GET /v1/incidents`, `{data: [...]}`, a list, or one).
//!
//! Measured: each DAFF point from the milestone of that slug (`started`, `detected`,
//! `acknowledged`, `mitigated`, `resolved`), read from `lifecycle_phases[].milestones[]` (slug and
//! `occurred_at`) and, for milestones those lack, from the deprecated `milestones[]` (type and
//! `occurred_at`). A milestone the incident never reached stays empty; `first_action` is no
//! acknowledgement. Without a `started` milestone the start is `started_at`, else `created_at`
//! (with a warning). Services are `services[]`, components `functionalities[]`, the team the
//! first of `team_assignments[]`; `tag_list`, `labels` and `environments[]` become tags. Follow-ups
//! are the tasks of `retrospectives[]` and the tickets of type `follow_up` (`incident_tickets[]`,
//! `follow_ups[]`); the root cause is a retrospective question, else a custom field, about the
//! cause.

use super::value::{clean, first_text, items, text, texts_of, time};
use super::{Draft, ToolImporter, has_key, parse_json, read_records};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::model::Timestamp;
use serde_json::Value;

/// The FireHydrant importer.
pub struct FireHydrant;

impl ToolImporter for FireHydrant {
    fn name(&self) -> &'static str {
        "firehydrant"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        let has = |k| has_key(head, k);
        ext == "json"
            && (has("current_milestone")
                || has("lifecycle_phases")
                || has("milestones") && has("functionalities")
                || head.contains("app.firehydrant.io/"))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        read_records(
            &doc,
            &["data", "incidents"],
            "a FireHydrant incident object",
            incident,
            file,
            ctx,
            out,
        );
    }

    fn record(&self, record: &Value) -> Option<Draft> {
        Some(incident(record))
    }
}

/// The DAFF points recur reads, by milestone slug.
const PHASES: &[(&str, &str)] = &[
    ("started", "started_at"),
    ("detected", "detected_at"),
    ("acknowledged", "acknowledged_at"),
    ("mitigated", "mitigated_at"),
    ("resolved", "resolved_at"),
];

/// When the incident reached the milestone `slug`: lifecycle phases first, then the deprecated
/// milestones list.
fn milestone(v: &Value, slug: &str) -> Option<Timestamp> {
    let lifecycle = items(v, "lifecycle_phases")
        .iter()
        .flat_map(|p| items(p, "milestones"))
        .filter(|m| first_text(m, &["slug", "type"]).is_some_and(|s| s.eq_ignore_ascii_case(slug)))
        .find_map(|m| time(m, "occurred_at"));
    lifecycle.or_else(|| {
        items(v, "milestones")
            .iter()
            .filter(|m| text(m, "type").is_some_and(|s| s.eq_ignore_ascii_case(slug)))
            .find_map(|m| time(m, "occurred_at"))
    })
}

fn incident(v: &Value) -> Draft {
    let mut d = Draft::new();
    d.text("id", first_text(v, &["id", "number"]));
    d.text("title", text(v, "name"));
    d.severity(first_text(v, &["severity", "priority"]));
    d.list("services", texts_of(v, "services", "name"));
    d.list("components", texts_of(v, "functionalities", "name"));
    d.text(
        "team",
        items(v, "team_assignments")
            .iter()
            .find_map(|t| first_text(t, &["team.name", "name"])),
    );
    d.text("url", text(v, "incident_url"));
    d.list("tags", texts_of(v, "tag_list", ""));
    d.list(
        "tags",
        texts_of(v, "environments", "name")
            .into_iter()
            .map(|e| format!("environment:{e}")),
    );
    if let Some(Value::Object(labels)) = v.get("labels") {
        let pairs = labels.iter().filter_map(|(k, l)| match l {
            Value::String(s) => clean(s).map(|s| format!("{k}:{s}")),
            Value::Number(_) | Value::Bool(_) => Some(format!("{k}:{l}")),
            _ => None,
        });
        d.list("tags", pairs.collect::<Vec<_>>());
    }
    for (slug, field) in PHASES {
        d.time(field, milestone(v, slug));
    }
    if !d.has("started_at") {
        match text(v, "started_at") {
            Some(start) => d.time_text("started_at", Some(start)),
            None => {
                if text(v, "created_at").is_some() {
                    d.warn("no started milestone: started_at is the incident's created_at".into());
                }
                d.time_text("started_at", text(v, "created_at"))
            }
        };
    }
    d.text("root_cause", cause(v));
    follow_ups(v, &mut d);
    d
}

/// The answer of the first retrospective question about the cause, else a custom field whose
/// name says cause.
fn cause(v: &Value) -> Option<String> {
    let about_cause = |t: &Option<String>| {
        t.as_ref()
            .is_some_and(|t| t.to_lowercase().contains("cause"))
    };
    let retro = items(v, "retrospectives")
        .iter()
        .flat_map(|r| items(r, "questions"))
        .filter(|q| about_cause(&text(q, "title")))
        .find_map(|q| first_text(q, &["body", "answer"]));
    retro.or_else(|| {
        items(v, "custom_fields")
            .iter()
            .filter(|f| about_cause(&text(f, "name")))
            .find_map(|f| first_text(f, &["value_string", "value"]))
    })
}

/// Retrospective tasks and follow-up tickets as follow-ups.
fn follow_ups(v: &Value, d: &mut Draft) {
    let tasks = items(v, "retrospectives")
        .iter()
        .flat_map(|r| items(r, "tasks"));
    let tickets = items(v, "incident_tickets")
        .iter()
        .chain(items(v, "follow_ups"))
        .filter(|t| text(t, "type").is_none_or(|k| k == "follow_up"));
    for t in tasks.chain(tickets) {
        let owner = text(t, "assignee.name").or_else(|| {
            items(t, "assignees")
                .iter()
                .find_map(|a| first_text(a, &["name", "email"]))
        });
        let state = text(t, "state");
        d.action(
            first_text(t, &["title", "summary", "name"]),
            owner,
            state.as_deref(),
            time(t, "due_at"),
            time(t, "completed_at"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_labels_and_environments_become_tags() {
        let v = json!({"tag_list": ["db"], "labels": {"region": "eu", "tier": 1, "x": null},
                       "environments": [{"name": "production"}]});
        let (map, _) = incident(&v).into_parts();
        assert_eq!(
            map["tags"],
            json!(["db", "environment:production", "region:eu", "tier:1"])
        );
    }
}
