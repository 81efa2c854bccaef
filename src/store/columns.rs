//! Column builders and readers between recur's types and polars columns (text, optional text,
//! timestamps as UTC milliseconds, lists of text).

use crate::error::{RecurError, Result};
use crate::model::Timestamp;
use crate::model::time::{from_millis, to_millis};
use polars::prelude::*;

/// A text column.
pub fn text<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    Column::new(name.into(), values.collect::<Vec<&str>>())
}

/// A nullable text column.
pub fn opt_text<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    Column::new(name.into(), values.collect::<Vec<Option<&str>>>())
}

/// A nullable timestamp column (`Datetime(ms)`, UTC by convention).
pub fn time(name: &str, values: impl Iterator<Item = Option<Timestamp>>) -> Column {
    Int64Chunked::from_iter_options(name.into(), values.map(|v| v.map(to_millis)))
        .into_datetime(TimeUnit::Milliseconds, None)
        .into_column()
}

/// A `List(String)` column.
pub fn list<'a>(name: &str, rows: impl ExactSizeIterator<Item = &'a [String]>) -> Column {
    let mut builder = ListStringChunkedBuilder::new(name.into(), rows.len(), rows.len() * 2);
    for row in rows {
        builder.append_values_iter(row.iter().map(String::as_str));
    }
    builder.finish().into_column()
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column> {
    df.column(name)
        .map_err(|e| RecurError::table(format!("reading column {name}"), e))
}

/// Reads a text column (nulls kept as `None`).
pub fn read_opt_text(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let ca = column(df, name)?
        .str()
        .map_err(|e| RecurError::table(format!("column {name}"), e))?;
    Ok(ca.iter().map(|v| v.map(str::to_string)).collect())
}

/// Reads a text column; nulls become empty text.
pub fn read_text(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(read_opt_text(df, name)?
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect())
}

/// Reads a timestamp column.
pub fn read_time(df: &DataFrame, name: &str) -> Result<Vec<Option<Timestamp>>> {
    let ints = column(df, name)?
        .cast(&DataType::Int64)
        .map_err(|e| RecurError::table(format!("column {name}"), e))?;
    let ca = ints
        .i64()
        .map_err(|e| RecurError::table(format!("column {name}"), e))?;
    Ok(ca.iter().map(|v| v.and_then(from_millis)).collect())
}

/// Reads a `List(String)` column, straight from its Arrow arrays (offsets and values), which is
/// several times faster than iterating over one small Series per row.
pub fn read_list(df: &DataFrame, name: &str) -> Result<Vec<Vec<String>>> {
    use polars_arrow::array::{Array, Utf8ViewArray};
    let err = |e| RecurError::table(format!("column {name}"), e);
    let ca = column(df, name)?.list().map_err(err)?;
    let mut out = Vec::with_capacity(ca.len());
    for arr in ca.downcast_iter() {
        let offsets = arr.offsets().as_slice();
        let values = arr
            .values()
            .as_any()
            .downcast_ref::<Utf8ViewArray>()
            .ok_or_else(|| RecurError::Store {
                dir: String::new(),
                reason: format!("column {name} is not a list of text"),
            })?;
        for row in 0..arr.len() {
            if !arr.is_valid(row) {
                out.push(Vec::new());
                continue;
            }
            let (start, end) = (offsets[row] as usize, offsets[row + 1] as usize);
            out.push(
                (start..end)
                    .filter(|i| values.is_valid(*i))
                    .map(|i| values.value(i).to_string())
                    .collect(),
            );
        }
    }
    Ok(out)
}

/// Reads a nullable `u32` column.
pub fn read_opt_u32(df: &DataFrame, name: &str) -> Result<Vec<Option<u32>>> {
    let ca = column(df, name)?
        .u32()
        .map_err(|e| RecurError::table(format!("column {name}"), e))?;
    Ok(ca.iter().collect())
}

/// Reads a `u32` column; nulls become 0.
pub fn read_u32(df: &DataFrame, name: &str) -> Result<Vec<u32>> {
    Ok(read_opt_u32(df, name)?
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect())
}
