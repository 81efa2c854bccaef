//! Parquet tables (through polars): integer, float and text columns typed from their cells.

use super::TableExporter;
use crate::error::{RecurError, Result};
use crate::output::{Cell, Table};
use polars::prelude::*;
use std::io::Write;

/// Writes tables as Parquet.
pub struct ParquetExporter;

/// A table as a polars frame: a column is i64 or f64 when all its cells are numbers (or empty),
/// text otherwise.
pub fn frame(table: &Table) -> Result<DataFrame> {
    let err = |e| RecurError::table(format!("building table {}", table.title), e);
    let mut columns = Vec::with_capacity(table.headers.len());
    for (c, name) in table.headers.iter().enumerate() {
        let cells: Vec<&Cell> = table
            .rows
            .iter()
            .map(|r| r.get(c).unwrap_or(&Cell::Empty))
            .collect();
        columns.push(column(name, &cells).map_err(err)?);
    }
    DataFrame::new(table.rows.len(), columns).map_err(err)
}

/// The column's type is the one its cells share (empty cells are nulls): integers, floats
/// (numbers, rates, minutes), UTC timestamps (milliseconds), lists of strings, else strings.
fn column(name: &str, cells: &[&Cell]) -> PolarsResult<Column> {
    let name: PlSmallStr = name.into();
    let all = |f: fn(&Cell) -> bool| {
        cells.iter().any(|x| **x != Cell::Empty) && cells.iter().all(|x| f(x) || **x == Cell::Empty)
    };
    if all(|x| matches!(x, Cell::Int(_))) {
        let v: Vec<Option<i64>> = cells
            .iter()
            .map(|x| if let Cell::Int(n) = x { Some(*n) } else { None })
            .collect();
        return Ok(Column::new(name, v));
    }
    if all(|x| x.is_number()) {
        let v: Vec<Option<f64>> = cells
            .iter()
            .map(|x| match x {
                Cell::Int(n) => Some(*n as f64),
                Cell::Float(f) | Cell::Rate(f) | Cell::Minutes(f) => Some(*f),
                _ => None,
            })
            .collect();
        return Ok(Column::new(name, v));
    }
    if all(|x| matches!(x, Cell::Bool(_))) {
        let v: Vec<Option<bool>> = cells
            .iter()
            .map(|x| {
                if let Cell::Bool(b) = x {
                    Some(*b)
                } else {
                    None
                }
            })
            .collect();
        return Ok(Column::new(name, v));
    }
    if all(|x| matches!(x, Cell::Time(_))) {
        let v: Vec<Option<i64>> = cells
            .iter()
            .map(|x| match x {
                Cell::Time(t) => Some(t.timestamp_millis()),
                _ => None,
            })
            .collect();
        return Column::new(name, v).cast(&DataType::Datetime(TimeUnit::Milliseconds, None));
    }
    if all(|x| matches!(x, Cell::List(_))) {
        // One builder for the whole column: a Series per cell costs an allocation each.
        let values: usize = cells
            .iter()
            .map(|x| if let Cell::List(l) = x { l.len() } else { 0 })
            .sum();
        let mut b = ListStringChunkedBuilder::new(name, cells.len(), values);
        for x in cells {
            match x {
                Cell::List(items) => b.append_values_iter(items.iter().map(String::as_str)),
                _ => b.append_null(),
            }
        }
        return Ok(b.finish().into_column());
    }
    let v: Vec<Option<std::borrow::Cow<'_, str>>> = cells
        .iter()
        .map(|x| match x {
            Cell::Empty => None,
            Cell::Text(t) => Some(std::borrow::Cow::Borrowed(t.as_str())),
            other => Some(std::borrow::Cow::Owned(other.exported())),
        })
        .collect();
    let v: Vec<Option<&str>> = v.iter().map(|x| x.as_deref()).collect();
    Ok(Column::new(name, v))
}

impl TableExporter for ParquetExporter {
    fn extension(&self) -> &'static str {
        "parquet"
    }

    fn write(&self, table: &Table, out: &mut dyn Write) -> Result<()> {
        let mut df = frame(table)?;
        ParquetWriter::new(out)
            .with_compression(ParquetCompression::Snappy)
            .finish(&mut df)
            .map(|_| ())
            .map_err(|e| RecurError::table(format!("writing table {}", table.title), e))
    }
}
