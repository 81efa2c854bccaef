//! Parquet tables (through polars), one row group per part, every column typed from its
//! declared [`Kind`].

use super::{Kind, PartWriter, Source, TableExporter};
use crate::error::{RecurError, Result};
use crate::output::Cell;
use polars::io::parquet::write::BatchedWriter;
use polars::prelude::*;
use std::io::Write;

/// Writes tables as Parquet.
pub struct ParquetExporter;

/// The polars type of a kind of column.
fn dtype(kind: Kind) -> DataType {
    match kind {
        Kind::Text => DataType::String,
        Kind::Int => DataType::Int64,
        Kind::Number => DataType::Float64,
        Kind::Time => DataType::Datetime(TimeUnit::Milliseconds, None),
        Kind::Bool => DataType::Boolean,
        Kind::List => DataType::List(Box::new(DataType::String)),
    }
}

/// Rows as a polars frame with the declared columns. A cell of another kind than its column's
/// is a bug in the table's definition, reported rather than written as a wrong value.
pub fn frame(columns: &[(&'static str, Kind)], rows: &[Vec<Cell>]) -> PolarsResult<DataFrame> {
    let columns = columns
        .iter()
        .enumerate()
        .map(|(c, (name, kind))| {
            let cells: Vec<&Cell> = rows
                .iter()
                .map(|r| r.get(c).unwrap_or(&Cell::Empty))
                .collect();
            column(name, *kind, &cells)
        })
        .collect::<PolarsResult<Vec<Column>>>()?;
    DataFrame::new(rows.len(), columns)
}

fn mismatch(name: &str, kind: Kind, cell: &Cell) -> PolarsError {
    polars_err!(SchemaMismatch: "column {name} is {kind:?}, but a cell is {cell:?}")
}

fn column(name: &str, kind: Kind, cells: &[&Cell]) -> PolarsResult<Column> {
    let key: PlSmallStr = name.into();
    Ok(match kind {
        Kind::Int => {
            let v = cells
                .iter()
                .map(|x| match x {
                    Cell::Int(n) => Ok(Some(*n)),
                    Cell::Empty => Ok(None),
                    other => Err(mismatch(name, kind, other)),
                })
                .collect::<PolarsResult<Vec<Option<i64>>>>()?;
            Column::new(key, v)
        }
        Kind::Number => {
            let v = cells
                .iter()
                .map(|x| match x {
                    Cell::Int(n) => Ok(Some(*n as f64)),
                    Cell::Float(f) | Cell::Rate(f) | Cell::Minutes(f) => Ok(Some(*f)),
                    Cell::Empty => Ok(None),
                    other => Err(mismatch(name, kind, other)),
                })
                .collect::<PolarsResult<Vec<Option<f64>>>>()?;
            Column::new(key, v)
        }
        Kind::Bool => {
            let v = cells
                .iter()
                .map(|x| match x {
                    Cell::Bool(b) => Ok(Some(*b)),
                    Cell::Empty => Ok(None),
                    other => Err(mismatch(name, kind, other)),
                })
                .collect::<PolarsResult<Vec<Option<bool>>>>()?;
            Column::new(key, v)
        }
        Kind::Time => {
            let v = cells
                .iter()
                .map(|x| match x {
                    Cell::Time(t) => Ok(Some(t.timestamp_millis())),
                    Cell::Empty => Ok(None),
                    other => Err(mismatch(name, kind, other)),
                })
                .collect::<PolarsResult<Vec<Option<i64>>>>()?;
            Column::new(key, v).cast(&dtype(kind))?
        }
        Kind::List => {
            // One builder for the whole column: a Series per cell costs an allocation each.
            let values: usize = cells
                .iter()
                .map(|x| if let Cell::List(l) = x { l.len() } else { 0 })
                .sum();
            let mut b = ListStringChunkedBuilder::new(key, cells.len(), values);
            for x in cells {
                match x {
                    Cell::List(items) => b.append_values_iter(items.iter().map(String::as_str)),
                    Cell::Empty => b.append_null(),
                    other => return Err(mismatch(name, kind, other)),
                }
            }
            b.finish().into_column()
        }
        Kind::Text => {
            let v: Vec<Option<std::borrow::Cow<'_, str>>> = cells
                .iter()
                .map(|x| match x {
                    Cell::Empty => None,
                    Cell::Text(t) => Some(std::borrow::Cow::Borrowed(t.as_str())),
                    other => Some(std::borrow::Cow::Owned(other.exported())),
                })
                .collect();
            let v: Vec<Option<&str>> = v.iter().map(|x| x.as_deref()).collect();
            Column::new(key, v)
        }
    })
}

struct Groups<'w> {
    title: &'static str,
    columns: Vec<(&'static str, Kind)>,
    out: BatchedWriter<&'w mut (dyn Write + Send)>,
}

fn error(title: &str, e: PolarsError) -> RecurError {
    RecurError::table(format!("writing table {title}"), e)
}

impl TableExporter for ParquetExporter {
    fn extension(&self) -> &'static str {
        "parquet"
    }

    fn begin<'w>(
        &self,
        table: &Source<'_>,
        out: &'w mut (dyn Write + Send),
    ) -> Result<Box<dyn PartWriter + 'w>> {
        let schema: Schema = table
            .columns
            .iter()
            .map(|(name, kind)| Field::new((*name).into(), dtype(*kind)))
            .collect();
        let out = ParquetWriter::new(out)
            .with_compression(ParquetCompression::Snappy)
            .batched(&schema)
            .map_err(|e| error(table.title, e))?;
        Ok(Box::new(Groups {
            title: table.title,
            columns: table.columns.clone(),
            out,
        }))
    }
}

impl PartWriter for Groups<'_> {
    fn part(&mut self, rows: &[Vec<Cell>]) -> Result<()> {
        let df = frame(&self.columns, rows).map_err(|e| error(self.title, e))?;
        self.out.write_batch(&df).map_err(|e| error(self.title, e))
    }

    fn end(self: Box<Self>) -> Result<()> {
        self.out
            .finish()
            .map(|_| ())
            .map_err(|e| error(self.title, e))
    }
}
