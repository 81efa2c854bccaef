//! Parquet tables (through polars): integer, float and text columns typed from their cells.

use super::TableExporter;
use crate::error::{RecurError, Result};
use crate::output::{Cell, Table};
use polars::prelude::*;
use std::path::Path;

/// Writes tables as Parquet.
pub struct ParquetExporter;

/// A table as a polars frame: a column is i64 or f64 when all its cells are numbers (or empty),
/// text otherwise.
pub fn frame(table: &Table) -> Result<DataFrame> {
    let mut columns = Vec::with_capacity(table.headers.len());
    for (c, name) in table.headers.iter().enumerate() {
        let cells: Vec<&Cell> = table
            .rows
            .iter()
            .map(|r| r.get(c).unwrap_or(&Cell::Empty))
            .collect();
        let all = |f: fn(&Cell) -> bool| cells.iter().all(|x| f(x) || **x == Cell::Empty);
        let column = if all(|x| matches!(x, Cell::Int(_))) && !cells.is_empty() {
            Column::new(
                name.into(),
                cells
                    .iter()
                    .map(|x| if let Cell::Int(n) = x { Some(*n) } else { None })
                    .collect::<Vec<_>>(),
            )
        } else if all(|x| matches!(x, Cell::Int(_) | Cell::Float(_))) && !cells.is_empty() {
            Column::new(
                name.into(),
                cells
                    .iter()
                    .map(|x| match x {
                        Cell::Int(n) => Some(*n as f64),
                        Cell::Float(f) => Some(*f),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            )
        } else if all(|x| matches!(x, Cell::Text(_))) {
            // Borrowed: a million-row text column is not copied once more.
            Column::new(
                name.into(),
                cells
                    .iter()
                    .map(|x| {
                        if let Cell::Text(t) = x {
                            Some(t.as_str())
                        } else {
                            None
                        }
                    })
                    .collect::<Vec<Option<&str>>>(),
            )
        } else {
            Column::new(
                name.into(),
                cells
                    .iter()
                    .map(|x| match x {
                        Cell::Text(t) => Some(t.clone()),
                        Cell::Int(n) => Some(n.to_string()),
                        Cell::Float(f) => Some(f.to_string()),
                        Cell::Empty => None,
                    })
                    .collect::<Vec<_>>(),
            )
        };
        columns.push(column);
    }
    DataFrame::new(table.rows.len(), columns)
        .map_err(|e| RecurError::table(format!("building table {}", table.title), e))
}

impl TableExporter for ParquetExporter {
    fn extension(&self) -> &'static str {
        "parquet"
    }

    fn write(&self, table: &Table, path: &Path) -> Result<()> {
        let mut df = frame(table)?;
        let mut file = std::fs::File::create(path).map_err(|e| RecurError::io(path, e))?;
        ParquetWriter::new(&mut file)
            .with_compression(ParquetCompression::Snappy)
            .finish(&mut df)
            .map(|_| ())
            .map_err(|e| RecurError::table(format!("writing {}", path.display()), e))
    }
}
