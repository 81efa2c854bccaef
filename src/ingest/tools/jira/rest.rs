//! Jira REST issues (`/issue`, `/search` with `issues[]`, with `changelog` when expanded): start
//! and detect from `created`, acknowledge, mitigate and resolve from the first changelog status
//! change into an in-progress, mitigated or done status (`resolutiondate` first for resolve);
//! services are the components, else the project; issue links as in [`super::links`].

use super::links::{self, Link};
use crate::ingest::tools::Draft;
use crate::ingest::tools::value::{items, text, texts_of, timestamp};
use crate::model::Timestamp;
use serde_json::Value;

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

/// The issue's page, `SITE/browse/KEY`, from its `self` (`SITE/rest/api/N/issue/ID`). Not
/// derivable when `self` goes through Atlassian's API gateway (`api.atlassian.com/ex/jira/…`),
/// which does not name the site.
fn browse_url(v: &Value) -> Option<String> {
    let own = text(v, "self")?;
    let key = text(v, "key")?;
    let (site, _) = own.split_once("/rest/api/")?;
    (!site.contains("://api.atlassian.com")).then(|| format!("{site}/browse/{key}"))
}

/// One REST issue (`key`, `fields`, `changelog`).
pub fn issue(v: &Value) -> Draft {
    let f = v.get("fields").unwrap_or(&Value::Null);
    let mut d = Draft::new();
    d.text("id", text(v, "key"));
    d.text("title", text(f, "summary"));
    d.text("url", browse_url(v));
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
    links::add(&mut d, &issue_links(f));
    d
}

/// The links of a REST issue: `issuelinks[]` (the other end as `outwardIssue` or
/// `inwardIssue`), `parent` and `subtasks[]`.
fn issue_links(f: &Value) -> Vec<Link> {
    let own_type = text(f, "issuetype.name").unwrap_or_default();
    let mut out: Vec<Link> = items(f, "issuelinks")
        .iter()
        .filter_map(|l| {
            let type_name = text(l, "type.name").unwrap_or_default();
            let (outward, key) = match text(l, "outwardIssue.key") {
                Some(k) => (true, k),
                None => (false, text(l, "inwardIssue.key")?),
            };
            let kind = links::kind(&type_name, outward, &own_type);
            Some(Link { kind, key })
        })
        .collect();
    out.extend(text(f, "parent.key").map(|key| Link {
        kind: "parent",
        key,
    }));
    out.extend(
        texts_of(f, "subtasks", "key")
            .into_iter()
            .map(|key| Link { kind: "child", key }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browse_url_comes_from_a_site_self_but_not_from_the_api_gateway() {
        let site = serde_json::json!({"key": "OPS-1", "self": "https://acme.atlassian.net/rest/api/2/issue/10001"});
        assert_eq!(
            browse_url(&site).as_deref(),
            Some("https://acme.atlassian.net/browse/OPS-1")
        );
        let gateway = serde_json::json!({"key": "OPS-1", "self": "https://api.atlassian.com/ex/jira/0000/rest/api/3/issue/1"});
        assert_eq!(browse_url(&gateway), None);
    }
}
