//! ServiceNow: the incident table exported as CSV or JSON (`{records: []}` from the list view's
//! JSON export, `{result: []}` from the Table API), including audit-log exports that hold one row
//! per update of an incident.
//!
//! Rows are collapsed by `number`: each field takes its last non-null value (`?` is null), in
//! update order (`sys_updated_on` / `sys_updated_at`, else file order). References are read as
//! their `display_value`, else their `value` (a sys_id). Measured: start and detect (`opened_at`:
//! the incident table holds no impact start), acknowledge (the first change of state into
//! In Progress / Active, from the update rows of an audit log; a single row measures none),
//! resolve (`resolved_at`, else the first change into Resolved). ServiceNow does not measure
//! mitigation. `cmdb_ci` is the component (and the service when there is no
//! `business_service`, with a warning), `assignment_group` the team, `caused_by` the trigger,
//! `u_root_cause`, else `close_notes`, the root cause; `problem_id`, `parent_incident` and `rfc`
//! are links; category, subcategory and symptom are tags.

use super::value::{clean, text, timestamp};
use super::{Draft, ToolImporter, emit, has_key, parse_json, records, table};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::ingest::rejection::{RecordKind, Rejection};
use crate::model::Timestamp;
use serde_json::Value;
use std::collections::HashMap;

/// The ServiceNow importer.
pub struct ServiceNow;

impl ToolImporter for ServiceNow {
    fn name(&self) -> &'static str {
        "servicenow"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        let marker = |has: &dyn Fn(&str) -> bool| {
            has("number")
                && ["incident_state", "assignment_group", "cmdb_ci", "sys_id"]
                    .iter()
                    .any(|k| has(k))
        };
        match ext {
            "json" => marker(&|k| has_key(head, k)),
            "csv" => {
                let header = head.lines().next().unwrap_or_default().to_lowercase();
                marker(&|c| header.split(',').any(|h| h.trim().trim_matches('"') == c))
            }
            _ => false,
        }
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let is_csv = file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let rows: Vec<(String, Value)> = if is_csv {
            table::rows(file, &|h| h.to_string(), out)
                .into_iter()
                .map(|r| (r.location, r.value))
                .collect()
        } else {
            let Some(doc) = parse_json(file, out) else {
                return;
            };
            records(&doc, &["records", "result"])
                .into_iter()
                .enumerate()
                .map(|(i, r)| (format!("record {}", i + 1), r.clone()))
                .collect()
        };
        for (location, rows) in collapse(rows, file, out) {
            emit(incident(&rows), file, location, ctx, out);
        }
    }
}

/// The rows of each incident number, in order of first appearance, with the location of the
/// first; rows that are no object or have no number are rejected.
fn collapse(
    rows: Vec<(String, Value)>,
    file: &InputFile,
    out: &mut Batch,
) -> Vec<(String, Vec<Value>)> {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (location, row) in rows {
        let reject = |reason: &str| {
            Rejection::error(RecordKind::Incident, &file.name, &location).reason(reason)
        };
        if !row.is_object() {
            out.notes
                .push(reject("expected a ServiceNow incident row (an object)"));
            continue;
        }
        let Some(number) = field(&row, "number") else {
            out.notes.push(
                reject("required, missing or empty: a ServiceNow row is named by its number")
                    .field("number"),
            );
            continue;
        };
        match index.get(&number) {
            Some(&i) => groups[i].1.push(row),
            None => {
                index.insert(number, groups.len());
                groups.push((location, vec![row]));
            }
        }
    }
    for (location, rows) in &mut groups {
        if rows.len() > 1 {
            location.push_str(&format!(" and {} later rows", rows.len() - 1));
        }
        sort_by_update(rows);
    }
    groups
}

/// Orders an incident's rows by update time when every row has one; file order otherwise.
fn sort_by_update(rows: &mut [Value]) {
    let times: Option<Vec<Timestamp>> = rows.iter().map(updated).collect();
    if let Some(times) = times {
        let mut keyed: Vec<(Timestamp, Value)> = times
            .into_iter()
            .zip(rows.iter_mut().map(std::mem::take))
            .collect();
        keyed.sort_by_key(|(t, _)| *t);
        for (slot, (_, row)) in rows.iter_mut().zip(keyed) {
            *slot = row;
        }
    }
}

fn updated(row: &Value) -> Option<Timestamp> {
    field(row, "sys_updated_on")
        .or_else(|| field(row, "sys_updated_at"))
        .and_then(|t| timestamp(&t))
}

/// A cell: text, or a reference's `display_value`, else its `value`.
fn field(row: &Value, name: &str) -> Option<String> {
    match row.get(name)? {
        Value::Object(_) => {
            let r = &row[name];
            text(r, "display_value").or_else(|| text(r, "value"))
        }
        Value::String(s) => clean(s),
        _ => text(row, name),
    }
}

/// The last non-null value of a field over an incident's rows.
fn last(rows: &[Value], name: &str) -> Option<String> {
    rows.iter().rev().find_map(|r| field(r, name))
}

/// The last value of the first of the fields that has one in any row.
fn last_of(rows: &[Value], names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| last(rows, n))
}

/// The phase a change into a state measures (names, or the default numeric values).
fn phase_of_state(state: &str) -> Option<&'static str> {
    match state.to_lowercase().as_str() {
        "2" | "in progress" | "active" | "work in progress" => Some("acknowledged_at"),
        "6" | "resolved" => Some("resolved_at"),
        _ => None,
    }
}

/// The update time of the first change into each phase's state (an earlier row in another state
/// before it); a first row already in that state measures nothing.
fn transition(rows: &[Value], phase: &str) -> Option<Timestamp> {
    let state = |r: &Value| field(r, "incident_state").or_else(|| field(r, "state"));
    rows.windows(2).find_map(|pair| {
        let (before, after) = (state(&pair[0]), state(&pair[1])?);
        let into = phase_of_state(&after) == Some(phase)
            && before.as_deref().and_then(phase_of_state) != Some(phase);
        if into { updated(&pair[1]) } else { None }
    })
}

/// One incident from its rows, oldest first.
fn incident(rows: &[Value]) -> Draft {
    let mut d = Draft::new();
    let get = |name: &str| last(rows, name);
    d.text("id", get("number"));
    match last_of(rows, &["short_description", "description"]) {
        Some(title) => d.text("title", Some(title)),
        None => {
            let title = ["category", "subcategory", "u_symptom"]
                .iter()
                .filter_map(|n| get(n))
                .collect::<Vec<_>>()
                .join(" / ");
            let title = if title.is_empty() {
                get("number")
            } else {
                Some(title)
            };
            d.warn("no short_description: the title is the category, else the number".into());
            d.text("title", title)
        }
    };
    d.severity(last_of(rows, &["priority", "impact", "urgency"]));
    let component = get("cmdb_ci");
    match get("business_service") {
        Some(service) => d.list("services", [service]),
        None => {
            if let Some(ci) = &component {
                d.warn(format!(
                    "no business_service: the service is the configuration item, {ci:?}"
                ));
            }
            d.list("services", component.clone())
        }
    };
    d.list("components", component);
    d.text("team", get("assignment_group"));
    d.text("trigger", get("caused_by"));
    d.text(
        "root_cause",
        last_of(rows, &["u_root_cause", "close_notes"]),
    );
    let tags = [
        ("category", "category"),
        ("subcategory", "subcategory"),
        ("symptom", "u_symptom"),
        ("close_code", "close_code"),
    ];
    d.list(
        "tags",
        tags.iter()
            .filter_map(|(tag, name)| get(name).map(|v| format!("{tag}:{v}"))),
    );
    let links = [
        ("problem", "problem_id"),
        ("parent", "parent_incident"),
        ("related", "rfc"),
    ];
    d.list(
        "links",
        links
            .iter()
            .filter_map(|(kind, name)| get(name).map(|v| format!("{kind}:{v}"))),
    );
    let opened = last_of(rows, &["opened_at", "sys_created_on", "sys_created_at"]);
    d.time_text("started_at", opened.clone());
    d.time_text("detected_at", opened);
    d.time("acknowledged_at", transition(rows, "acknowledged_at"));
    match get("resolved_at") {
        Some(at) => d.time_text("resolved_at", Some(at)),
        None => d.time("resolved_at", transition(rows, "resolved_at")),
    };
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn acknowledgement_is_the_first_change_into_in_progress() {
        let rows = vec![
            json!({"number": "INC1", "incident_state": "New", "sys_updated_at": "01-03-2024 10:00"}),
            json!({"number": "INC1", "incident_state": "Active", "sys_updated_at": "01-03-2024 10:20"}),
            json!({"number": "INC1", "incident_state": "Active", "sys_updated_at": "01-03-2024 10:50"}),
        ];
        let want = timestamp("01-03-2024 10:20");
        assert_eq!(transition(&rows, "acknowledged_at"), want);
        assert_eq!(transition(&rows[1..], "acknowledged_at"), None);
    }

    #[test]
    fn references_read_their_display_value_and_question_marks_are_null() {
        let row = json!({"a": {"link": "x", "value": "abc", "display_value": "Payments"},
                         "b": {"value": "abc"}, "c": "?"});
        assert_eq!(field(&row, "a").as_deref(), Some("Payments"));
        assert_eq!(field(&row, "b").as_deref(), Some("abc"));
        assert_eq!(field(&row, "c"), None);
    }

    #[test]
    fn change_is_the_trigger_and_problem_and_parent_are_links() {
        let rows = vec![
            json!({"number": "INC9", "caused_by": "CHG1", "problem_id": "PRB2",
            "parent_incident": {"display_value": "INC8", "value": "x"}, "rfc": "?",
            "category": "Network"}),
        ];
        let (map, _) = incident(&rows).into_parts();
        assert_eq!(map["trigger"], "CHG1");
        assert_eq!(map["tags"], json!(["category:Network"]));
        assert_eq!(map["links"], json!(["problem:PRB2", "parent:INC8"]));
    }
}
