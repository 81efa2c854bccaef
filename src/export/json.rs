//! JSON tables: an array of objects keyed by column name (numbers stay numbers).

use super::TableExporter;
use crate::error::{RecurError, Result};
use crate::output::{Cell, Table};
use serde_json::{Map, Value};
use std::path::Path;

/// Writes tables as JSON.
pub struct JsonExporter;

impl TableExporter for JsonExporter {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn write(&self, table: &Table, path: &Path) -> Result<()> {
        let rows: Vec<Value> = table
            .rows
            .iter()
            .map(|row| {
                let mut obj = Map::new();
                for (h, c) in table.headers.iter().zip(row) {
                    let v = match c {
                        Cell::Text(t) => Value::from(t.as_str()),
                        Cell::Int(n) => Value::from(*n),
                        Cell::Float(f) => Value::from(*f),
                        Cell::Empty => Value::Null,
                    };
                    obj.insert(h.clone(), v);
                }
                Value::Object(obj)
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&rows).map_err(|e| RecurError::Invalid(e.to_string()))?;
        std::fs::write(path, text + "\n").map_err(|e| RecurError::io(path, e))
    }
}
