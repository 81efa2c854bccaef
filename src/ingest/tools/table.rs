//! CSV exports of the tools, read into JSON objects keyed by lower-cased header. A header that
//! repeats (Jira writes `Labels` four times, a custom field up to nine) becomes one key holding
//! the list of its non-empty cells, in column order. Blank rows and rows of empty cells are no
//! records. Locations give the file line and the record number.

use super::super::InputFile;
use super::super::batch::Batch;
use super::super::csv_rows::{Next, Rows};
use super::super::limits;
use super::super::lines::LineCounter;
use super::super::record::column_name;
use super::super::rejection::{RecordKind, Rejection};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// One data row: where it is, and its cells by column name.
pub struct Row {
    pub location: String,
    pub value: Value,
}

/// The rows of a CSV file; unreadable rows are rejected (with their line) and skipped.
/// `rename` maps a lower-cased header to the name the tool's importer reads (localised headers).
pub fn rows(file: &InputFile, rename: &dyn Fn(&str) -> String, out: &mut Batch) -> Vec<Row> {
    let mut reader = Rows::new(&file.text);
    let mut lines = LineCounter::new(&file.text);
    let mut header: Option<Header> = None;
    let mut out_rows = Vec::new();
    let mut records = 0usize;
    let mut record = ::csv::StringRecord::new();
    loop {
        let next = match reader.next(&mut record) {
            Ok(Next::End) => break,
            Ok(next) => next,
            Err(e) => {
                let line = lines.record_line(record.position().map_or(0, |p| p.byte()));
                out.notes.push(
                    Rejection::error(RecordKind::Incident, &file.name, format!("line {line}"))
                        .reason(format!("unreadable row: {e}")),
                );
                continue;
            }
        };
        let oversized = match next {
            Next::Oversized { field, bytes } => Some((field, bytes)),
            _ => None,
        };
        if oversized.is_none() && record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(head) = &header else {
            if let Some((_, bytes)) = oversized {
                out.reject_file(&file.name, "line 1", limits::field_reason(bytes));
                return Vec::new();
            }
            header = Some(Header::new(
                record
                    .iter()
                    .map(|n| rename(&n.trim_start_matches('\u{feff}').trim().to_lowercase()))
                    .collect(),
            ));
            continue;
        };
        records += 1;
        let line = lines.record_line(record.position().map_or(0, |p| p.byte()));
        let location = format!("line {line} (record {records})");
        if let Some((field, bytes)) = oversized {
            out.notes.push(
                Rejection::error(RecordKind::Incident, &file.name, location)
                    .field(column_name(&head.names, field))
                    .reason(limits::field_reason(bytes)),
            );
            continue;
        }
        out_rows.push(Row {
            location,
            value: Value::Object(object(head, &record)),
        });
    }
    out_rows
}

/// The header row: each column's name, and whether that name is given to more than one column
/// (counted once per file, so a row of many columns costs time in proportion to its width).
struct Header {
    names: Vec<String>,
    repeated: Vec<bool>,
}

impl Header {
    fn new(names: Vec<String>) -> Self {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for n in &names {
            *counts.entry(n.as_str()).or_default() += 1;
        }
        let repeated = names.iter().map(|n| counts[n.as_str()] > 1).collect();
        Header { names, repeated }
    }
}

/// The cells of a row by name; repeated names collect their non-empty cells as a list, cells
/// beyond the header are kept under `column N`.
fn object(header: &Header, record: &::csv::StringRecord) -> Map<String, Value> {
    let mut map = Map::new();
    for (i, cell) in record.iter().enumerate() {
        let name = column_name(&header.names, i);
        let cell = cell.trim();
        if header.repeated.get(i).copied().unwrap_or(false) {
            let entry = map.entry(name).or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = entry
                && !cell.is_empty()
            {
                items.push(Value::String(cell.to_string()));
            }
        } else if !cell.is_empty() {
            map.insert(name, Value::String(cell.to_string()));
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> InputFile {
        InputFile {
            path: PathBuf::from("x.csv"),
            name: "x.csv".into(),
            text: text.into(),
            catalog_only: false,
        }
    }

    #[test]
    fn repeated_columns_become_lists_and_blank_rows_are_no_records() {
        let mut out = Batch::default();
        let f = file("Key,Labels,Labels,Labels\nA-1,x,,y\n,,,\n\nA-2,,,\n");
        let rows = rows(&f, &|s| s.to_string(), &mut out);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].value["labels"], serde_json::json!(["x", "y"]));
        assert_eq!(rows[1].location, "line 5 (record 2)");
        assert!(out.notes.is_empty());
    }
}
