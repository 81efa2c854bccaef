//! CSV tables, safe to open in a spreadsheet (formula prefixes neutralised).

use super::TableExporter;
use crate::error::{RecurError, Result};
use crate::output::{Table, print_csv_table};
use std::io::Write;
use std::path::Path;

/// Writes tables as CSV.
pub struct CsvExporter;

impl TableExporter for CsvExporter {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn write(&self, table: &Table, out: &mut dyn Write) -> Result<()> {
        print_csv_table(table, out).map_err(|e| RecurError::io(Path::new(&table.title), e))
    }
}
