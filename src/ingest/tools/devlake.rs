//! Apache DevLake raw tables (`_raw_<tool>_…` saved as CSV: `id, params, data, url, input,
//! created_at`): each row's `data` cell is one raw API record of a tool, read by the importer
//! whose detection it matches and which reads single records ([`ToolImporter::record`]).

use super::{TOOLS, ToolImporter, emit, table};
use crate::ingest::InputFile;
use crate::ingest::batch::Batch;
use crate::ingest::build::Context;
use crate::ingest::rejection::{RecordKind, Rejection};
use serde_json::Value;

/// The raw-table importer.
pub struct RawTable;

impl ToolImporter for RawTable {
    fn name(&self) -> &'static str {
        "devlake"
    }

    fn detect(&self, ext: &str, head: &str) -> bool {
        let first = head.lines().next().unwrap_or_default().to_lowercase();
        let header: Vec<&str> = first
            .split(',')
            .map(|h| h.trim().trim_matches('"'))
            .collect();
        ext == "csv" && ["params", "data", "url"].iter().all(|c| header.contains(c))
    }

    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        for row in table::rows(file, &|h| h.to_string(), out) {
            let reject = |reason: String| {
                Rejection::error(RecordKind::Incident, &file.name, &row.location)
                    .field("data")
                    .reason(reason)
            };
            let Some(data) = row.value.get("data").and_then(Value::as_str) else {
                out.notes.push(reject("the data cell is empty".into()));
                continue;
            };
            let record: Value = match super::json_as_written(data) {
                Ok(v) => v,
                Err(e) => {
                    out.notes
                        .push(reject(format!("the data cell is not JSON: {e}")));
                    continue;
                }
            };
            let draft = TOOLS
                .iter()
                .filter(|t| t.detect("json", data))
                .find_map(|t| t.record(&record));
            match draft {
                Some(draft) => emit(draft, file, row.location, ctx, out),
                None => out.notes.push(reject(
                    "the data cell is no incident of a tool recur reads (PagerDuty, Opsgenie, Jira)"
                        .into(),
                )),
            }
        }
    }
}
