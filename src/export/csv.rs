//! CSV tables, safe to open in a spreadsheet (formula prefixes neutralised).

use super::TableExporter;
use crate::error::{RecurError, Result};
use crate::output::{Table, print_csv_table};
use std::path::Path;

/// Writes tables as CSV.
pub struct CsvExporter;

impl TableExporter for CsvExporter {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn write(&self, table: &Table, path: &Path) -> Result<()> {
        let file = std::fs::File::create(path).map_err(|e| RecurError::io(path, e))?;
        print_csv_table(table, std::io::BufWriter::new(file)).map_err(|e| RecurError::io(path, e))
    }
}
