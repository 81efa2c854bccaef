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

/// The values of a column whose cells `pick` reads (empty cells are nulls).
fn values<T>(
    name: &str,
    kind: Kind,
    cells: &[&Cell],
    pick: impl Fn(&Cell) -> Option<T>,
) -> PolarsResult<Vec<Option<T>>> {
    cells
        .iter()
        .map(|x| match x {
            Cell::Empty => Ok(None),
            other => pick(other)
                .map(Some)
                .ok_or_else(|| mismatch(name, kind, other)),
        })
        .collect()
}

fn column(name: &str, kind: Kind, cells: &[&Cell]) -> PolarsResult<Column> {
    let key: PlSmallStr = name.into();
    Ok(match kind {
        Kind::Int => Column::new(
            key,
            values(name, kind, cells, |x| match x {
                Cell::Int(n) => Some(*n),
                _ => None,
            })?,
        ),
        Kind::Number => Column::new(
            key,
            values(name, kind, cells, |x| match x {
                Cell::Int(n) => Some(*n as f64),
                Cell::Float(f) | Cell::Rate(f) | Cell::Minutes(f) => Some(*f),
                _ => None,
            })?,
        ),
        Kind::Bool => Column::new(
            key,
            values(name, kind, cells, |x| match x {
                Cell::Bool(b) => Some(*b),
                _ => None,
            })?,
        ),
        Kind::Time => Column::new(
            key,
            values(name, kind, cells, |x| match x {
                Cell::Time(t) => Some(t.timestamp_millis()),
                _ => None,
            })?,
        )
        .cast(&dtype(kind))?,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_take_their_declared_types_and_refuse_cells_of_another() {
        let t = crate::model::time::parse_timestamp("2024-07-01T10:00:00Z").unwrap();
        let columns = [
            ("n", Kind::Int),
            ("x", Kind::Number),
            ("at", Kind::Time),
            ("ok", Kind::Bool),
            ("names", Kind::List),
            ("text", Kind::Text),
        ];
        // An all-empty column keeps its declared type.
        let rows = vec![
            vec![
                Cell::Int(1),
                Cell::Rate(0.5),
                Cell::Time(t),
                Cell::Empty,
                Cell::list(["a", "b"]),
                "=x".into(),
            ],
            vec![Cell::Empty; 6],
        ];
        let df = frame(&columns, &rows).unwrap();
        let types: Vec<DataType> = df.columns().iter().map(|c| c.dtype().clone()).collect();
        assert_eq!(
            types,
            columns.iter().map(|c| dtype(c.1)).collect::<Vec<_>>()
        );
        assert_eq!(df.column("x").unwrap().f64().unwrap().get(0), Some(0.5));
        assert_eq!(df.column("ok").unwrap().null_count(), 2);
        let wrong = vec![vec!["seven".into()]];
        let err = frame(&[("n", Kind::Int)], &wrong).unwrap_err().to_string();
        assert!(err.contains("column n is Int"), "{err}");
    }
}
