//! Importers for the exports of incident tools, one file each behind [`ToolImporter`], told
//! apart by content (`recur import` needs no flag; `--from TOOL` forces one).
//!
//! Each tool rewrites its records as a [`Draft`] in recur's field names, which then goes through
//! the same validation as recur's own formats ([`super::build`]), so every record read is either
//! imported or rejected naming file, record and field. No importer infers one DAFF phase from
//! another: a phase the source did not measure stays empty.

mod devlake;
mod dispatch;
mod draft;
mod firehydrant;
mod incidentio;
mod jira;
mod opsgenie;
mod pagerduty;
mod rootly;
mod servicenow;
mod statuspage;
mod table;
pub mod value;

pub use draft::Draft;

use super::InputFile;
use super::batch::Batch;
use super::build::{self, Context};
use super::mapping::FieldReader;
use super::rejection::{RecordKind, Rejection};
use crate::model::SourceRef;
use serde_json::Value;

/// One incident tool's export format.
pub trait ToolImporter: Sync {
    /// The name `--from` takes (`pagerduty`, `incident.io`).
    fn name(&self) -> &'static str;
    /// True when `head` (the start of a file with extension `ext`, lower case) is this tool's.
    fn detect(&self, ext: &str, head: &str) -> bool;
    /// Reads one file into `out`: incidents, rejections and warnings.
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch);
    /// One raw incident record of this tool as a draft, for tables that hold one per row
    /// (DevLake); `None` when the tool is not read record by record.
    fn record(&self, _record: &Value) -> Option<Draft> {
        None
    }
}

/// Every tool recur reads, in the order detection tries them.
pub const TOOLS: &[&dyn ToolImporter] = &[
    &statuspage::Statuspage,
    &pagerduty::PagerDuty,
    &opsgenie::Opsgenie,
    &incidentio::IncidentIo,
    &dispatch::Dispatch,
    &firehydrant::FireHydrant,
    &rootly::Rootly,
    &jira::Jira,
    &servicenow::ServiceNow,
    &devlake::RawTable,
];

/// The names `--from` accepts.
pub fn names() -> Vec<&'static str> {
    TOOLS.iter().map(|t| t.name()).collect()
}

/// The tool named `name` (as `--from` gives it).
pub fn by_name(name: &str) -> Option<&'static dyn ToolImporter> {
    TOOLS
        .iter()
        .copied()
        .find(|t| t.name().eq_ignore_ascii_case(name))
}

/// How much of a file detection looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// The tool whose export `file` is, by content; `None` falls back to recur's own formats.
pub fn detect(file: &InputFile) -> Option<&'static dyn ToolImporter> {
    let ext = file
        .path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut end = file.text.len().min(SNIFF_BYTES);
    while !file.text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &file.text[..end];
    TOOLS.iter().copied().find(|t| t.detect(&ext, head))
}

/// True when the JSON text has the key `"key"`.
pub fn has_key(head: &str, key: &str) -> bool {
    head.contains(&format!("\"{key}\""))
}

/// Parses JSON text, keeping a number serde_json would round (`1.10`, an integer beyond 2^64)
/// as the text written.
pub fn json_as_written(text: &str) -> serde_json::Result<Value> {
    super::duplicates::from_json(text).map(|checked| checked.value)
}

/// Parses a whole JSON file; a syntax error rejects the file with its line and column.
pub fn parse_json(file: &InputFile, out: &mut Batch) -> Option<Value> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    match json_as_written(text) {
        Ok(v) => Some(v),
        Err(e) => {
            out.reject_file(
                &file.name,
                format!("line {} column {}", e.line(), e.column()),
                format!("invalid JSON: {e}"),
            );
            None
        }
    }
}

/// The records of a JSON document: the array (or object) under the first of `keys` found, else
/// the document itself when it is an array, else the document as one record.
pub fn records<'a>(doc: &'a Value, keys: &[&str]) -> Vec<&'a Value> {
    for key in keys {
        match doc.get(*key) {
            Some(Value::Array(items)) => return items.iter().collect(),
            Some(item @ Value::Object(_)) => return vec![item],
            _ => {}
        }
    }
    match doc {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// Reads every record of a JSON document with `incident`, rejecting those that are no object.
pub fn read_records(
    doc: &Value,
    keys: &[&str],
    what: &str,
    incident: impl Fn(&Value) -> Draft,
    file: &InputFile,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    for (i, record) in records(doc, keys).into_iter().enumerate() {
        let location = format!("record {}", i + 1);
        if record.is_object() {
            emit(incident(record), file, location, ctx, out);
        } else {
            out.notes.push(
                Rejection::error(RecordKind::Incident, &file.name, location).reason(format!(
                    "expected {what}, found {}",
                    super::json::kind_of(record)
                )),
            );
        }
    }
}

/// Validates a draft as an incident of `file` at `location` and adds it to the batch. The user's
/// `--mapping` does not apply: the draft is already in recur's field names.
pub fn emit(draft: Draft, file: &InputFile, location: String, ctx: Context<'_>, out: &mut Batch) {
    let ctx = Context {
        fields: FieldReader::new(None),
        ..ctx
    };
    let source = SourceRef {
        file: file.name.clone(),
        location,
    };
    let (map, warnings) = draft.into_parts();
    let built = build::incident(&map, ctx, source.clone());
    if let Ok(incident) = &built.incident {
        for w in warnings {
            out.notes.push(
                Rejection::warning(RecordKind::Incident, &file.name, &source.location)
                    .id(Some(&incident.id))
                    .reason(w),
            );
        }
    }
    out.add_built(built);
}

/// Validates a follow-up (fields in recur's names) of `file` at `location` and adds it to the
/// batch, to be joined to its incident; `id` names the record in a rejection.
pub fn emit_action(
    fields: &serde_json::Map<String, Value>,
    id: Option<&str>,
    file: &InputFile,
    location: String,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    match build::action(fields, None, ctx.aliases) {
        Ok(action) => {
            let source = SourceRef {
                file: file.name.clone(),
                location,
            };
            out.loose_actions.push((action, source));
        }
        Err((field, reason)) => out.notes.push(
            Rejection::error(RecordKind::Action, &file.name, location)
                .id(id)
                .field(field)
                .reason(reason),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_is_found_by_its_name() {
        for name in names() {
            assert_eq!(by_name(name).map(|t| t.name()), Some(name));
        }
        assert!(by_name("zendesk").is_none());
    }

    #[test]
    fn recur_json_is_no_tool_export() {
        let head = r#"[{"id":"a","title":"t","started_at":"2024-01-01","services":["api"]}]"#;
        assert!(TOOLS.iter().all(|t| !t.detect("json", head)));
    }
}
