//! The Jira web-UI CSV export, in any of the languages [`super::headers`] reads: each row an
//! incident, or a follow-up of one (a task, sub-task or post-incident review whose `Parent`,
//! or an issue link, names an incident).

use super::issue_type;
use super::links::{self, Link};
use super::{date, headers};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::ingest::tools::value::{clean, first_text, text};
use crate::ingest::tools::{Draft, emit, emit_action, table};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// What one row says about the issue's place among the others.
struct Issue {
    key: Option<String>,
    is_follow_up: bool,
    /// The parent's key (a `Parent` given as an issue id is looked up in the file).
    parent: Option<String>,
    links: Vec<Link>,
}

/// Reads every row of a Jira CSV file.
pub fn read(file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
    let rows = table::rows(file, &headers::canonical, out);
    let keys: HashMap<String, String> = rows
        .iter()
        .filter_map(|r| Some((text(&r.value, "issue id")?, text(&r.value, "issue key")?)))
        .collect();
    let issues: Vec<Issue> = rows.iter().map(|r| issue(&r.value, &keys)).collect();
    let owners = owners(&issues);
    for (row, issue) in rows.into_iter().zip(&issues) {
        let parent = issue.parent.as_ref().filter(|_| issue.is_follow_up);
        match parent.or_else(|| owners.get(issue.key.as_ref()?)) {
            Some(owner) => follow_up(&row.value, owner, file, row.location, ctx, out),
            None => {
                let mut d = incident(&row.value);
                links::add(&mut d, &incident_links(issue, &issues, &owners));
                emit(d, file, row.location, ctx, out);
            }
        }
    }
}

fn issue(v: &Value, keys: &HashMap<String, String>) -> Issue {
    let issue_type = text(v, "issue type").unwrap_or_default();
    Issue {
        key: text(v, "issue key"),
        is_follow_up: issue_type::is_follow_up(&issue_type),
        parent: first_text(v, &["parent", "parent id"]).map(|p| keys.get(&p).cloned().unwrap_or(p)),
        links: links::of_row(v, &issue_type),
    }
}

/// The incident each follow-up belongs to, by the follow-up's key: its `Parent`, else the
/// first incident of the file it links to, else the first that links to it.
fn owners(issues: &[Issue]) -> HashMap<String, String> {
    let incidents: HashSet<&str> = issues
        .iter()
        .filter(|i| !i.is_follow_up)
        .filter_map(|i| i.key.as_deref())
        .collect();
    let mut owners = HashMap::new();
    for i in issues.iter().filter(|i| i.is_follow_up) {
        let Some(key) = &i.key else { continue };
        if let Some(parent) = &i.parent {
            owners.insert(key.clone(), parent.clone());
            continue;
        }
        let linked = i
            .links
            .iter()
            .map(|l| l.key.as_str())
            .find(|k| incidents.contains(k));
        let linking = || {
            issues
                .iter()
                .filter(|o| !o.is_follow_up && o.links.iter().any(|l| &l.key == key))
                .find_map(|o| o.key.as_deref())
        };
        if let Some(owner) = linked.or_else(linking) {
            owners.insert(key.clone(), owner.to_string());
        }
    }
    owners
}

/// An incident's links: its issue links but those to its own follow-ups, its parent, and the
/// incidents of the file whose parent it is.
fn incident_links(issue: &Issue, issues: &[Issue], owners: &HashMap<String, String>) -> Vec<Link> {
    let own = |k: &str| issue.key.is_some() && owners.get(k) == issue.key.as_ref();
    let mut out: Vec<Link> = issue
        .links
        .iter()
        .filter(|l| !own(&l.key))
        .cloned()
        .collect();
    out.extend(issue.parent.iter().map(|p| Link {
        kind: "parent",
        key: p.clone(),
    }));
    if let Some(key) = &issue.key {
        let children = issues
            .iter()
            .filter(|c| !c.is_follow_up && c.parent.as_ref() == Some(key))
            .filter_map(|c| c.key.clone());
        out.extend(children.map(|c| Link {
            kind: "child",
            key: c,
        }));
    }
    out
}

fn follow_up(
    v: &Value,
    parent: &str,
    file: &InputFile,
    location: String,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    let mut a = Map::new();
    a.insert("incident_id".into(), Value::String(parent.to_string()));
    for (from, to) in [("summary", "title"), ("assignee", "owner")] {
        if let Some(t) = text(v, from) {
            a.insert(to.into(), Value::String(t));
        }
    }
    let resolved = date(v, "resolved");
    a.insert(
        "status".into(),
        Value::String(follow_up_status(v, resolved.is_some()).into()),
    );
    for (to, value) in [("due_at", date(v, "due date")), ("completed_at", resolved)] {
        if let Some(t) = value {
            a.insert(to.into(), Value::String(t));
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

/// Resolutions that mean the follow-up was decided against (folded), per language.
const WONT_DO: &[&str] = &[
    "won't do",
    "won't fix",
    "wont do",
    "wont fix",
    "declined",
    "cancelled",
    "canceled",
    "no se hara",
    "rechazada",
    "wird nicht erledigt",
    "abgelehnt",
    "ne sera pas fait",
    "refuse",
    "nao sera feito",
    "recusado",
];

/// Jira's statuses are the project's own (and translated); its resolution says whether the
/// issue is done: none is open, a "won't do" one is wontfix, any other is done.
fn follow_up_status(v: &Value, resolved: bool) -> &'static str {
    let resolution = text(v, "resolution").map(|r| headers::fold(&r).replace('’', "'"));
    match resolution {
        Some(r) if WONT_DO.contains(&r.as_str()) => "wontfix",
        Some(_) => "done",
        None if resolved => "done",
        None => "open",
    }
}

/// A date cell as RFC 3339 when it reads as a Jira date, else as written (for the rejection).
fn date(v: &Value, column: &str) -> Option<String> {
    let t = text(v, column)?;
    Some(date::parse(&t).map_or(t, |ts| ts.to_rfc3339()))
}

fn incident(v: &Value) -> Draft {
    let mut d = Draft::new();
    d.text("id", text(v, "issue key"));
    d.text("title", text(v, "summary"));
    d.severity(first_text(v, &["custom field (severity)", "priority"]).map(issue_type::severity));
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
    if text(v, "custom field (major incident)").is_some_and(|m| is_yes(&m)) {
        d.list("tags", ["major".to_string()]);
    }
    for sla in ["time to resolution", "time to first response"] {
        if text(v, &format!("custom field ({sla})")).is_some_and(|t| t.starts_with('-')) {
            d.list("tags", [format!("breached:{sla}")]);
        }
    }
    d.text(
        "root_cause",
        first_text(v, &["custom field (root cause)", "custom field (cause)"]),
    );
    d.text(
        "team",
        first_text(v, &["custom field (team)", "custom field (owning team)"]),
    );
    match date(v, "custom field (actual start)") {
        Some(start) => d.time_text("started_at", Some(start)),
        None => {
            if text(v, "created").is_some() {
                d.warn("no Actual start: started_at is the issue's Created".into());
            }
            d.time_text("started_at", date(v, "created"))
        }
    };
    d.time_text("detected_at", date(v, "created"));
    d.time_text("mitigated_at", date(v, "custom field (actual end)"));
    d.time_text("resolved_at", date(v, "resolved"));
    d
}

/// A Major incident cell that says yes (`Yes`, `Sí`, `Ja`, `Oui`, `Sim`, `Major incident`).
fn is_yes(value: &str) -> bool {
    !matches!(
        headers::fold(value).as_str(),
        "no" | "false" | "nein" | "non" | "nao" | "0"
    )
}

/// A cell or repeated cells as a list.
fn list(v: &Value, column: &str) -> Vec<String> {
    v.get(column).map(list_of).unwrap_or_default()
}

/// A cell's value (a repeated column holds several) as a list; a cell may hold several values
/// split by `,` or `;`.
pub fn list_of(value: &Value) -> Vec<String> {
    let cells: Vec<String> = match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str().and_then(clean))
            .collect(),
        Value::String(s) => clean(s).into_iter().collect(),
        _ => Vec::new(),
    };
    cells
        .iter()
        .flat_map(|c| c.split([',', ';']).map(|p| p.trim().to_string()))
        .filter(|c| !c.is_empty())
        .collect()
}
