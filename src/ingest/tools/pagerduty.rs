//! PagerDuty: REST `/incidents` JSON (a list, `{incidents: []}` or one `{incident}`, also with
//! `include[]` expansions), analytics raw incidents (`/analytics/raw/incidents`, `{data: []}`)
//! log entries (`/log_entries`, one incident per incident referenced) and the web-UI CSV
//! (`incident_number`, `description`, `service_name`, `urgency`, `created_on`, `resolved_on`,
//! times with the account's offset, which is kept).
//!
//! Measured: start and detect (`created_at`: PagerDuty creates the incident when it is
//! triggered), acknowledge (the earliest acknowledgement, acknowledge log entry, or
//! `seconds_to_first_ack`), resolve (`resolved_at`, the resolve log entry, or
//! `seconds_to_resolve`). PagerDuty does not measure mitigation, and has no cause or follow-ups.
//! An incident merged into another (`resolve_reason` of type `merge_resolve_reason`) is a
//! duplicate of the one it was merged into.
//! The url is `html_url`.
use super::value::{first_text, items, text, texts_of, time, timestamp};
use super::{Draft, ToolImporter, emit, has_key, parse_json, read_records, table};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::model::Timestamp;
use serde_json::Value;
use std::collections::BTreeMap;

/// The PagerDuty importer.
pub struct PagerDuty;

impl ToolImporter for PagerDuty {
    fn name(&self) -> &'static str {
        "pagerduty"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        if ext == "csv" {
            return is_ui_csv(head);
        }
        let has = |k| has_key(head, k);
        ext == "json"
            && (has("incident_number")
                && (has("escalation_policy")
                    || has("urgency")
                    || has("service_name")
                    || has("assignments"))
                || has("log_entries") && head.contains("_log_entry")
                || has("seconds_to_first_ack"))
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
        if doc.get("log_entries").is_some() {
            return from_log_entries(&doc, file, ctx, out);
        }
        let keys = ["incidents", "incident", "data"];
        read_records(
            &doc,
            &keys,
            "a PagerDuty incident object",
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

/// The web-UI CSV's header: `incident_number`, a creation time and a service, urgency or
/// escalation policy column.
fn is_ui_csv(head: &str) -> bool {
    let first = head.lines().next().unwrap_or_default().to_lowercase();
    let header: Vec<&str> = first
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    let has = |c: &str| header.contains(&c);
    has("incident_number")
        && (has("created_on") || has("created_at"))
        && [
            "service_name",
            "urgency",
            "escalation_policy",
            "escalation_policy_name",
        ]
        .iter()
        .any(|c| has(c))
}

/// One incident of any of PagerDuty's shapes (REST, analytics raw, web-UI CSV row).
pub fn incident(v: &Value) -> Draft {
    let mut d = Draft::new();
    d.text("id", first_text(v, &["id", "incident_number"]));
    d.text("title", first_text(v, &["title", "summary", "description"]));
    d.text("url", text(v, "html_url"));
    d.severity(first_text(
        v,
        &["priority.summary", "priority_name", "priority", "urgency"],
    ));
    d.list(
        "services",
        first_text(v, &["service.summary", "service_name", "service"]),
    );
    d.text(
        "team",
        texts_of(v, "teams", "summary")
            .into_iter()
            .next()
            .or_else(|| first_text(v, &["team_name", "team"])),
    );
    d.list("tags", text(v, "incident_type.name"));
    if text(v, "major").as_deref() == Some("true") {
        d.list("tags", ["major".to_string()]);
    }
    let created = first_text(v, &["created_at", "created_on"]);
    d.time_text("started_at", created.clone());
    d.time_text("detected_at", created.clone());
    let created_ts = created.as_deref().and_then(timestamp);
    let logs = log_times(items(v, "log_entries"));
    let acknowledged = items(v, "acknowledgements")
        .iter()
        .filter_map(|a| time(a, "at"))
        .min()
        .or(logs.acknowledged)
        .or_else(|| after(created_ts, text(v, "seconds_to_first_ack")));
    d.time("acknowledged_at", acknowledged);
    let resolved = first_text(v, &["resolved_at", "resolved_on"])
        .and_then(|t| timestamp(&t))
        .or(logs.resolved)
        .or_else(|| after(created_ts, text(v, "seconds_to_resolve")));
    d.time("resolved_at", resolved);
    if text(v, "resolve_reason.type").as_deref() == Some("merge_resolve_reason") {
        match text(v, "resolve_reason.incident.id") {
            Some(survivor) => d.list("links", [format!("duplicate:{survivor}")]),
            None => d.list("tags", ["merged".to_string()]),
        };
    }
    if !logs.notes.is_empty() {
        d.list("contributing_factors", logs.notes);
    }
    d
}

/// `created + seconds` (analytics' `seconds_to_*`).
fn after(created: Option<Timestamp>, seconds: Option<String>) -> Option<Timestamp> {
    // At most a century: a larger (or non-finite) count is no measurement, and adding it
    // would overflow the timestamp.
    let secs = seconds?
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.0..=3.2e9).contains(s))?;
    created?.checked_add_signed(chrono::Duration::milliseconds((secs * 1000.0) as i64))
}

/// What log entries measured for one incident.
#[derive(Default)]
struct LogTimes {
    triggered: Option<Timestamp>,
    acknowledged: Option<Timestamp>,
    resolved: Option<Timestamp>,
    notes: Vec<String>,
}

fn log_times(entries: &[Value]) -> LogTimes {
    let mut t = LogTimes::default();
    for e in entries {
        let at = time(e, "created_at");
        match text(e, "type").as_deref().unwrap_or_default() {
            "trigger_log_entry" => t.triggered = min(t.triggered, at),
            "acknowledge_log_entry" => t.acknowledged = min(t.acknowledged, at),
            "resolve_log_entry" => t.resolved = t.resolved.max(at),
            "annotate_log_entry" => t
                .notes
                .extend(first_text(e, &["channel.summary", "note", "summary"])),
            _ => {}
        }
    }
    t
}

fn min(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A `/log_entries` export: one incident per referenced incident, from its entries.
fn from_log_entries(doc: &Value, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
    let mut by_incident: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for e in items(doc, "log_entries") {
        let id = text(e, "incident.id").unwrap_or_default();
        if !by_incident.contains_key(&id) {
            order.push(id.clone());
        }
        by_incident.entry(id).or_default().push(e);
    }
    for (i, id) in order.iter().enumerate() {
        let entries = &by_incident[id];
        let owned: Vec<Value> = entries.iter().map(|e| (*e).clone()).collect();
        let logs = log_times(&owned);
        let first = entries[0];
        let mut d = Draft::new();
        d.text("id", Some(id.clone()));
        d.text("title", text(first, "incident.summary"));
        d.list(
            "services",
            entries.iter().find_map(|e| {
                text(e, "service.summary").or_else(|| {
                    (text(e, "agent.type").as_deref() == Some("service_reference"))
                        .then(|| text(e, "agent.summary"))
                        .flatten()
                })
            }),
        );
        d.text(
            "team",
            entries
                .iter()
                .find_map(|e| texts_of(e, "teams", "summary").into_iter().next()),
        );
        d.time("started_at", logs.triggered);
        d.time("detected_at", logs.triggered);
        d.time("acknowledged_at", logs.acknowledged);
        d.time("resolved_at", logs.resolved);
        d.list("contributing_factors", logs.notes);
        emit(d, file, format!("incident {}", i + 1), ctx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_past_any_date_are_no_measurement() {
        // Found by fuzzing: `created + seconds` overflowed and panicked.
        let created = crate::model::time::parse_timestamp("2024-01-01T00:00:00Z");
        assert_eq!(after(created, Some("1e300".into())), None);
        assert_eq!(after(created, Some("inf".into())), None);
        assert_eq!(
            after(created, Some("90".into())).map(|t| t.to_rfc3339()),
            Some("2024-01-01T00:01:30+00:00".into())
        );
    }
}
