//! CSV tables, safe to open in a spreadsheet (formula prefixes neutralised).

use super::{PartWriter, Source, TableExporter};
use crate::error::{RecurError, Result};
use crate::output::{Cell, sanitize, write_csv_row};
use std::io::Write;
use std::path::Path;

/// Writes tables as CSV.
pub struct CsvExporter;

struct Rows<'w> {
    title: &'static str,
    out: csv::Writer<&'w mut (dyn Write + Send)>,
}

fn error(title: &str, e: csv::Error) -> RecurError {
    RecurError::io(Path::new(title), std::io::Error::other(e))
}

impl TableExporter for CsvExporter {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn begin<'w>(
        &self,
        table: &Source<'_>,
        out: &'w mut (dyn Write + Send),
    ) -> Result<Box<dyn PartWriter + 'w>> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(table.names().map(|n| sanitize::for_csv(n).into_owned()))
            .map_err(|e| error(table.title, e))?;
        Ok(Box::new(Rows {
            title: table.title,
            out,
        }))
    }
}

impl PartWriter for Rows<'_> {
    fn part(&mut self, rows: &[Vec<Cell>]) -> Result<()> {
        for row in rows {
            write_csv_row(&mut self.out, row).map_err(|e| error(self.title, e))?;
        }
        Ok(())
    }

    fn end(mut self: Box<Self>) -> Result<()> {
        self.out
            .flush()
            .map_err(|e| RecurError::io(Path::new(self.title), e))
    }
}
