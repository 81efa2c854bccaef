//! JSON tables: an array of objects keyed by column name (numbers stay numbers), written a part
//! at a time.

use super::{PartWriter, Source, TableExporter};
use crate::error::{RecurError, Result};
use crate::output::Cell;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// Writes tables as JSON.
pub struct JsonExporter;

struct Rows<'w> {
    title: &'static str,
    names: Vec<&'static str>,
    out: &'w mut (dyn Write + Send),
    first: bool,
}

impl TableExporter for JsonExporter {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn begin<'w>(
        &self,
        table: &Source<'_>,
        out: &'w mut (dyn Write + Send),
    ) -> Result<Box<dyn PartWriter + 'w>> {
        out.write_all(b"[")
            .map_err(|e| RecurError::io(Path::new(table.title), e))?;
        Ok(Box::new(Rows {
            title: table.title,
            names: table.names().collect(),
            out,
            first: true,
        }))
    }
}

impl PartWriter for Rows<'_> {
    fn part(&mut self, rows: &[Vec<Cell>]) -> Result<()> {
        for row in rows {
            let obj: Map<String, Value> = self
                .names
                .iter()
                .zip(row)
                .map(|(h, c)| (h.to_string(), c.json()))
                .collect();
            let sep: &[u8] = if self.first { b"\n" } else { b",\n" };
            self.first = false;
            self.out
                .write_all(sep)
                .map_err(|e| RecurError::io(Path::new(self.title), e))?;
            serde_json::to_writer_pretty(&mut *self.out, &obj)
                .map_err(|e| RecurError::Invalid(format!("writing table {}: {e}", self.title)))?;
        }
        Ok(())
    }

    fn end(self: Box<Self>) -> Result<()> {
        self.out
            .write_all(b"\n]\n")
            .map_err(|e| RecurError::io(Path::new(self.title), e))
    }
}
