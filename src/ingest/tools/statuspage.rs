//! Statuspage (Atlassian) `/api/v2/incidents.json` (`{page, incidents[]}`) or one incident
//! (`{page, incident}`).
//!
//! Components are the services (the page's name when an incident names none, with a warning);
//! `impact` is the severity. Measured: start (`started_at`, else `created_at`), mitigate
//! (`monitoring_at`, else the first `monitoring` update), resolve (`resolved_at`, else the
//! `resolved` update). Statuspage measures neither detection nor acknowledgement. The cause is taken from the
//! sentences of the update bodies that state one ("caused by", "root cause", "due to").

use super::value::{first_text, items, text, texts_of, time};
use super::{Draft, ToolImporter, has_key, parse_json, read_records};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::model::Timestamp;
use serde_json::Value;

/// The Statuspage importer.
pub struct Statuspage;

impl ToolImporter for Statuspage {
    fn name(&self) -> &'static str {
        "statuspage"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        ext == "json"
            && has_key(head, "incident_updates")
            && (has_key(head, "shortlink") || has_key(head, "impact"))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        let page = text(&doc, "page.name");
        let keys = ["incidents", "incident"];
        let what = "a Statuspage incident object";
        read_records(
            &doc,
            &keys,
            what,
            |v| incident(v, page.as_deref()),
            file,
            ctx,
            out,
        );
    }
}

/// Statuspage's impact as a recur severity.
fn severity(impact: &str) -> Option<String> {
    let level = match impact {
        "critical" => "critical",
        "major" => "high",
        "minor" => "low",
        "none" | "maintenance" => "info",
        _ => return Some(impact.to_string()),
    };
    Some(level.to_string())
}

fn incident(v: &Value, page: Option<&str>) -> Draft {
    let mut d = Draft::new();
    d.text("id", text(v, "id"));
    d.text("title", text(v, "name"));
    d.text("url", text(v, "shortlink"));
    d.severity(text(v, "impact").and_then(|i| severity(&i)));
    let updates = items(v, "incident_updates");
    let mut services = texts_of(v, "components", "name");
    for u in updates {
        services.extend(texts_of(u, "affected_components", "name"));
    }
    if services.is_empty()
        && let Some(page) = page
    {
        d.warn(format!(
            "no component named: the service is the page, {page:?}"
        ));
        services.push(page.to_string());
    }
    d.list("services", services);
    d.time_text("started_at", first_text(v, &["started_at", "created_at"]));
    let first_update = |status: &str| -> Option<Timestamp> {
        updates
            .iter()
            .filter(|u| text(u, "status").as_deref() == Some(status))
            .filter_map(|u| time(u, "created_at"))
            .min()
    };
    d.time(
        "mitigated_at",
        time(v, "monitoring_at").or_else(|| first_update("monitoring")),
    );
    d.time(
        "resolved_at",
        time(v, "resolved_at").or_else(|| first_update("resolved")),
    );
    // Updates are listed newest first; causes read in the order they were written.
    let causes: Vec<String> = updates
        .iter()
        .rev()
        .filter_map(|u| text(u, "body"))
        .flat_map(|body| cause_sentences(&body))
        .collect();
    if !causes.is_empty() {
        d.text("root_cause", Some(causes.join(" ")));
    }
    d
}

/// Phrases that introduce a cause in a status update.
const CAUSE_MARKERS: &[&str] = &[
    "caused by",
    "root cause",
    "due to",
    "because of",
    "was the result of",
    "resulted from",
    "traced to",
    "triggered by",
];

/// The sentences of an update body that state a cause.
pub fn cause_sentences(body: &str) -> Vec<String> {
    body.split_inclusive(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| {
            let lower = s.to_lowercase();
            CAUSE_MARKERS.iter().any(|m| lower.contains(m))
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cause_sentences_are_the_ones_that_state_a_cause() {
        let body = "We are investigating. This was caused by a bad config push. Monitoring now.";
        assert_eq!(
            cause_sentences(body),
            ["This was caused by a bad config push."]
        );
        assert!(cause_sentences("All good now.").is_empty());
    }
}
