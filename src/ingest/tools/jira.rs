//! Jira (and Jira Service Management): the web-UI CSV export with English headers, and REST issue
//! JSON (`/issue`, `/search` with `issues[]`, with `changelog` when expanded).
//!
//! Repeated columns (`Labels` ×4, `Component/s` ×2, a custom field ×9) are read in column order;
//! blank rows are no records. An issue whose type is a task, sub-task or post-incident review and
//! that has a `Parent` is a follow-up of its parent (named by key, or by issue id within the
//! file). Services are `Custom field (Affected services)`, else `Component/s`, else the project
//! (with a warning). `Outward issue link (Duplicate)` gives the link `duplicate:KEY`.
//!
//! Measured: start (`Custom field (Actual start)`, else `Created`, with a warning), detect
//! (`Created`: when the incident was reported), mitigate (`Custom field (Actual end)`), resolve
//! (`Resolved`). Jira does not measure acknowledgement in this export. Dates such as
//! `10/Nov/25 4:51 PM` are taken as UTC: the export is in the exporting user's time zone, which
//! the file does not say. REST issues: start and detect (`created`), acknowledge, mitigate and
//! resolve from the first changelog status change into an in-progress, mitigated or done status
//! (`resolutiondate` first for resolve); services are the components, else the project.

use super::value::{clean, first_text, items, text, texts_of, timestamp};
use super::{Draft, ToolImporter, emit, emit_action, has_key, parse_json, read_records, table};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::model::Timestamp;
use serde_json::Value;
use std::collections::HashMap;

/// The Jira importer.
pub struct Jira;

impl ToolImporter for Jira {
    fn name(&self) -> &'static str {
        "jira"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        let first = head.lines().next().unwrap_or_default().to_lowercase();
        let header: Vec<&str> = first
            .trim_start_matches('\u{feff}')
            .split(',')
            .map(|h| h.trim().trim_matches('"'))
            .collect();
        match ext {
            "csv" => header.contains(&"issue key") && header.contains(&"summary"),
            "json" => has_key(head, "issuetype") && has_key(head, "fields") && has_key(head, "key"),
            _ => false,
        }
    }

    fn record(&self, record: &Value) -> Option<Draft> {
        record.get("fields").is_some().then(|| issue(record))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        if !file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            let Some(doc) = parse_json(file, out) else {
                return;
            };
            let what = "a Jira issue object";
            return read_records(&doc, &["issues"], what, issue, file, ctx, out);
        }
        let rows = table::rows(file, &|h| h.to_string(), out);
        // `Parent` may give the parent's issue id rather than its key.
        let keys: HashMap<String, String> = rows
            .iter()
            .filter_map(|r| Some((text(&r.value, "issue id")?, text(&r.value, "issue key")?)))
            .collect();
        for row in rows {
            read_row(&row.value, &keys, file, row.location, ctx, out);
        }
    }
}

/// Issue types that are follow-ups when they have a parent.
fn is_follow_up_type(issue_type: &str) -> bool {
    let t = issue_type.to_lowercase();
    matches!(t.as_str(), "task" | "sub-task" | "subtask") || t.contains("post-incident")
}

/// One row: an incident, or a follow-up of its parent.
fn read_row(
    v: &Value,
    keys: &HashMap<String, String>,
    file: &InputFile,
    location: String,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    let parent =
        first_text(v, &["parent", "parent id"]).map(|p| keys.get(&p).cloned().unwrap_or(p));
    let issue_type = text(v, "issue type").unwrap_or_default();
    match parent.filter(|_| is_follow_up_type(&issue_type)) {
        Some(parent) => follow_up(v, parent, file, location, ctx, out),
        None => emit(incident(v), file, location, ctx, out),
    }
}

fn follow_up(
    v: &Value,
    parent: String,
    file: &InputFile,
    location: String,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    let mut a = serde_json::Map::new();
    a.insert("incident_id".into(), Value::String(parent));
    for (from, to) in [
        ("summary", "title"),
        ("assignee", "owner"),
        ("status", "status"),
    ] {
        if let Some(t) = text(v, from) {
            a.insert(to.into(), Value::String(t));
        }
    }
    for (from, to) in [("due date", "due_at"), ("resolved", "completed_at")] {
        if let Some(ts) = text(v, from).and_then(|t| timestamp(&t)) {
            a.insert(to.into(), Value::String(ts.to_rfc3339()));
        }
    }
    emit_action(
        &a,
        text(v, "issue key").as_deref(),
        file,
        location,
        ctx,
        out,
    );
}

/// Jira's priority names recur's severity does not know.
fn severity(priority: String) -> String {
    match priority.to_lowercase().as_str() {
        "highest" | "blocker" => "critical".to_string(),
        _ => priority,
    }
}

fn incident(v: &Value) -> Draft {
    let mut d = Draft::new();
    d.text("id", text(v, "issue key"));
    d.text("title", text(v, "summary"));
    d.severity(first_text(v, &["custom field (severity)", "priority"]).map(severity));
    let components = list(v, "component/s");
    let mut services = list(v, "custom field (affected services)");
    if services.is_empty() {
        services = components.clone();
    }
    if services.is_empty()
        && let Some(project) = text(v, "project name")
    {
        d.warn(format!(
            "no affected service or component: the service is the project, {project:?}"
        ));
        services.push(project);
    }
    d.list("services", services);
    d.list("components", components);
    d.list("tags", list(v, "labels"));
    let duplicates = list(v, "outward issue link (duplicate)");
    d.list(
        "links",
        duplicates.into_iter().map(|k| format!("duplicate:{k}")),
    );
    d.text(
        "root_cause",
        first_text(v, &["custom field (root cause)", "custom field (cause)"]),
    );
    d.text(
        "team",
        first_text(v, &["custom field (team)", "custom field (owning team)"]),
    );
    match text(v, "custom field (actual start)") {
        Some(start) => d.time_text("started_at", Some(start)),
        None => {
            if text(v, "created").is_some() {
                d.warn("no Actual start: started_at is the issue's Created".into());
            }
            d.time_text("started_at", text(v, "created"))
        }
    };
    d.time_text("detected_at", text(v, "created"));
    d.time_text("mitigated_at", text(v, "custom field (actual end)"));
    d.time_text("resolved_at", text(v, "resolved"));
    d
}

/// A cell or repeated cells as a list; a cell may hold several values split by `,` or `;`.
fn list(v: &Value, column: &str) -> Vec<String> {
    let cells: Vec<String> = match v.get(column) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().and_then(clean))
            .collect(),
        Some(Value::String(s)) => clean(s).into_iter().collect(),
        _ => Vec::new(),
    };
    cells
        .iter()
        .flat_map(|c| c.split([',', ';']).map(|p| p.trim().to_string()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Status names (lower case) by the phase a change to them measures.
fn phase_of_status(status: &str) -> Option<&'static str> {
    let s = status.to_lowercase();
    if [
        "in progress",
        "investigating",
        "work in progress",
        "acknowledged",
    ]
    .contains(&s.as_str())
    {
        Some("acknowledged_at")
    } else if ["mitigated", "monitoring", "fixed"].contains(&s.as_str()) {
        Some("mitigated_at")
    } else if ["resolved", "done", "closed", "completed"].contains(&s.as_str()) {
        Some("resolved_at")
    } else {
        None
    }
}

/// One REST issue (`key`, `fields`, `changelog`).
pub fn issue(v: &Value) -> Draft {
    let f = v.get("fields").unwrap_or(&Value::Null);
    let mut d = Draft::new();
    d.text("id", text(v, "key"));
    d.text("title", text(f, "summary"));
    d.severity(text(f, "priority.name"));
    let components = texts_of(f, "components", "name");
    let mut services = components.clone();
    if services.is_empty()
        && let Some(project) = text(f, "project.name")
    {
        d.warn(format!(
            "no component: the service is the project, {project:?}"
        ));
        services.push(project);
    }
    d.list("services", services);
    d.list("components", components);
    d.list("tags", texts_of(f, "labels", ""));
    let created = text(f, "created").and_then(|t| timestamp(&t));
    d.time("started_at", created);
    d.time("detected_at", created);
    // Status changes in the changelog, oldest first: the first change into each phase.
    let mut changes: Vec<(Timestamp, &'static str)> = items(v, "changelog.histories")
        .iter()
        .flat_map(|h| {
            let at = text(h, "created").and_then(|t| timestamp(&t));
            items(h, "items")
                .iter()
                .filter(|i| text(i, "field").as_deref() == Some("status"))
                .filter_map(move |i| Some((at?, phase_of_status(&text(i, "toString")?)?)))
                .collect::<Vec<_>>()
        })
        .collect();
    changes.sort();
    let first = |phase: &str| changes.iter().find(|(_, p)| *p == phase).map(|(t, _)| *t);
    d.time("acknowledged_at", first("acknowledged_at"));
    d.time("mitigated_at", first("mitigated_at"));
    d.time(
        "resolved_at",
        text(f, "resolutiondate")
            .and_then(|t| timestamp(&t))
            .or_else(|| first("resolved_at")),
    );
    let duplicates = items(f, "issuelinks")
        .iter()
        .filter(|l| text(l, "type.name").is_some_and(|n| n.eq_ignore_ascii_case("duplicate")))
        .filter_map(|l| text(l, "outwardIssue.key"))
        .map(|k| format!("duplicate:{k}"));
    d.list("links", duplicates.collect::<Vec<_>>());
    d
}
