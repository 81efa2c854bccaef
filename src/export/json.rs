//! JSON tables: an array of objects keyed by column name (numbers stay numbers).

use super::TableExporter;
use crate::error::{RecurError, Result};
use crate::output::Table;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// Writes tables as JSON.
pub struct JsonExporter;

impl TableExporter for JsonExporter {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn write(&self, table: &Table, out: &mut dyn Write) -> Result<()> {
        let rows: Vec<Value> = table
            .rows
            .iter()
            .map(|row| {
                let mut obj = Map::new();
                for (h, c) in table.headers.iter().zip(row) {
                    obj.insert(h.clone(), c.json());
                }
                Value::Object(obj)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)
            .map_err(|e| RecurError::Invalid(format!("writing table {}: {e}", table.title)))?;
        writeln!(out).map_err(|e| RecurError::io(Path::new(&table.title), e))
    }
}
