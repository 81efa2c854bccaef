//! Jira (and Jira Service Management): the web-UI CSV export in English, Spanish, German,
//! French or Portuguese ([`sheet`]), and REST issue JSON ([`rest`]).
//!
//! Repeated columns (`Labels` ×4, `Component/s` ×2, a custom field ×9) are read in column order;
//! blank rows are no records. An issue whose type is a task, sub-task or post-incident review
//! and that has a `Parent`, or links an incident of the file, is a follow-up of that incident.
//! Services are `Custom field (Affected services)`, else `Component/s`, else the project (with
//! a warning). Issue links become links `KIND:KEY` ([`links`]).
//!
//! Measured: start (`Custom field (Actual start)`, else `Created`, with a warning), detect
//! (`Created`: when the incident was reported), mitigate (`Custom field (Actual end)`), resolve
//! (`Resolved`). Jira does not measure acknowledgement in this export. Dates such as
//! `10/Nov/25 4:51 PM` or `12/ene/24 10:05` are taken as UTC: the export is in the exporting
//! user's time zone, which the file does not say.

mod date;
mod headers;
mod issue_type;
mod links;
mod rest;
mod sheet;

pub use rest::issue;

use super::{Draft, ToolImporter, has_key, parse_json, read_records};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use serde_json::Value;

/// The Jira importer.
pub struct Jira;

impl ToolImporter for Jira {
    fn name(&self) -> &'static str {
        "jira"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        match ext {
            "csv" => {
                let first = head.lines().next().unwrap_or_default();
                let header: Vec<String> = first
                    .trim_start_matches('\u{feff}')
                    .split(',')
                    .map(|h| headers::canonical(h.trim().trim_matches('"')))
                    .collect();
                ["issue key", "summary"]
                    .iter()
                    .all(|c| header.iter().any(|h| h == c))
            }
            "json" => has_key(head, "issuetype") && has_key(head, "fields") && has_key(head, "key"),
            _ => false,
        }
    }

    fn record(&self, record: &Value) -> Option<Draft> {
        record.get("fields").is_some().then(|| issue(record))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let is_csv = file
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if is_csv {
            return sheet::read(file, ctx, out);
        }
        let Some(doc) = parse_json(file, out) else {
            return;
        };
        read_records(
            &doc,
            &["issues"],
            "a Jira issue object",
            issue,
            file,
            ctx,
            out,
        );
    }
}
