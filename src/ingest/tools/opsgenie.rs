//! Opsgenie: incidents (`/v1/incidents`: one per file, a list, or `{data: []}`), named through
//! the services and teams files beside them.
//!
//! `impactedServices` and `ownerTeam` are ids: the services files (`name`, `teamId`) and teams
//! files (`name`) in the same folder name them; an id that no file names is kept as it is, with a
//! warning. Measured: start (`impactStartDate`, else `createdAt`), detect (`impact_detect_date`,
//! Fivetran's schema), resolve (`impactEndDate`). Opsgenie incidents measure neither
//! acknowledgement (only their alerts do, and alerts do not name their incident) nor mitigation.
//! Services, teams and alerts files hold no incidents: each is noted with a warning.

use super::value::{first_text, items, text, texts_of};
use super::{Draft, ToolImporter, has_key, parse_json, read_records, records};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::ingest::rejection::{RecordKind, Rejection};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// The Opsgenie importer.
pub struct Opsgenie;

/// What an Opsgenie record is.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Incident,
    Service,
    Team,
    Alert,
}

fn kind_of(r: &Value) -> Kind {
    let web = text(r, "links.web").unwrap_or_default();
    if r.get("impactedServices").is_some() || web.contains("/incident") {
        Kind::Incident
    } else if r.get("tinyId").is_some() || r.get("alias").is_some() {
        Kind::Alert
    } else if web.contains("/service") || r.get("teamId").is_some() {
        Kind::Service
    } else if web.contains("/teams") {
        Kind::Team
    } else {
        Kind::Incident
    }
}

/// Service and team names by id, from the files beside an incidents file.
#[derive(Default)]
struct Directory {
    /// Service id -> (name, team id).
    services: HashMap<String, (String, Option<String>)>,
    teams: HashMap<String, String>,
}

impl Directory {
    /// Reads the JSON files in `dir` (not below it) that are Opsgenie services or teams.
    fn of(dir: &Path) -> Self {
        let mut d = Self::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return d;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let is_json = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() < 16 * 1024 * 1024);
            let Some(doc) = (is_json && small)
                .then(|| std::fs::read_to_string(&path).ok())
                .flatten()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            else {
                continue;
            };
            for r in records(&doc, &["data"]) {
                d.add(r);
            }
        }
        d
    }

    fn add(&mut self, r: &Value) {
        let (Some(id), Some(name)) = (text(r, "id"), text(r, "name")) else {
            return;
        };
        match kind_of(r) {
            Kind::Service => {
                self.services.insert(id, (name, text(r, "teamId")));
            }
            Kind::Team => {
                self.teams.insert(id, name);
            }
            Kind::Incident | Kind::Alert => {}
        }
    }
}

impl ToolImporter for Opsgenie {
    fn name(&self) -> &'static str {
        "opsgenie"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        ext == "json"
            && (has_key(head, "tinyId")
                && (has_key(head, "impactedServices") || has_key(head, "alias"))
                || head.contains("opsgenie.com/"))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        let first = records(&doc, &["data"]).into_iter().next();
        let companion = match first.map(kind_of) {
            Some(Kind::Service) => {
                Some("an Opsgenie services file (names the services of the incidents beside it)")
            }
            Some(Kind::Team) => {
                Some("an Opsgenie teams file (names the teams of the incidents beside it)")
            }
            Some(Kind::Alert) => {
                Some("an Opsgenie alerts file (alerts are not incidents, and do not name theirs)")
            }
            Some(Kind::Incident) | None => None,
        };
        if let Some(what) = companion {
            out.notes.push(
                Rejection::warning(RecordKind::File, &file.name, "")
                    .reason(format!("{what}: no incidents read from it")),
            );
            return;
        }
        let directory = file.path.parent().map(Directory::of).unwrap_or_default();
        let what = "an Opsgenie incident object";
        read_records(
            &doc,
            &["data"],
            what,
            |v| incident(v, &directory),
            file,
            ctx,
            out,
        );
    }

    fn record(&self, record: &Value) -> Option<Draft> {
        (kind_of(record) == Kind::Incident).then(|| incident(record, &Directory::default()))
    }
}

/// One Opsgenie incident, its ids named through `dir`.
fn incident(v: &Value, dir: &Directory) -> Draft {
    let mut d = Draft::new();
    d.text("id", first_text(v, &["id", "tinyId"]));
    d.text("title", first_text(v, &["message", "description"]));
    d.text("url", text(v, "links.web"));
    d.severity(text(v, "priority"));
    d.list("tags", texts_of(v, "tags", ""));
    let mut unnamed = Vec::new();
    let mut service_team = None;
    let services: Vec<String> = texts_of(v, "impactedServices", "")
        .into_iter()
        .map(|sid| match dir.services.get(&sid) {
            Some((name, team)) => {
                service_team = service_team.clone().or_else(|| team.clone());
                name.clone()
            }
            None => {
                unnamed.push(sid.clone());
                sid
            }
        })
        .collect();
    d.list("services", services);
    if !unnamed.is_empty() {
        d.warn(format!(
            "impactedServices {} are named by no Opsgenie services file beside this one; kept as ids",
            unnamed.join(", ")
        ));
    }
    let team_id = text(v, "ownerTeam").or(service_team).or_else(|| {
        items(v, "responders")
            .iter()
            .find(|r| text(r, "type").as_deref() == Some("team"))
            .and_then(|r| text(r, "id"))
    });
    d.text(
        "team",
        team_id.map(|t| dir.teams.get(&t).cloned().unwrap_or(t)),
    );
    d.time_text(
        "started_at",
        first_text(v, &["impactStartDate", "impact_start_date", "createdAt"]),
    );
    d.time_text("detected_at", text(v, "impact_detect_date"));
    d.time_text(
        "resolved_at",
        first_text(v, &["impactEndDate", "impact_end_date"]),
    );
    d
}
