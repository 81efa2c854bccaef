//! Exports for analysts: the knowledge graph (DOT, GraphML, JSON) and the tables behind the
//! analyses. Each table format is one [`TableExporter`].

mod csv;
mod json;
pub mod parquet;
mod source;
pub mod tables;
mod views;

pub use csv::CsvExporter;
pub use json::JsonExporter;
pub use parquet::ParquetExporter;
pub use source::{Kind, PART, Source};
pub use views::{GraphView, view};

use crate::analysis::findings::Findings;
use crate::error::{RecurError, Result};
use crate::graph::{KnowledgeGraph, export};
use crate::output::Cell;
use crate::output::files::{OutputDir, write_file};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A graph file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Dot,
    Graphml,
    Json,
}

/// One way to write a table to a file.
pub trait TableExporter: Sync {
    /// The file extension, without the dot.
    fn extension(&self) -> &'static str;
    /// Starts writing `table` to `out`; its rows follow a part at a time.
    fn begin<'w>(
        &self,
        table: &Source<'_>,
        out: &'w mut (dyn Write + Send),
    ) -> Result<Box<dyn PartWriter + 'w>>;
}

/// A table being written: its rows come a part at a time, then it ends.
pub trait PartWriter: Send {
    /// Writes the next rows.
    fn part(&mut self, rows: &[Vec<Cell>]) -> Result<()>;
    /// Writes what closes the table (a footer, a bracket).
    fn end(self: Box<Self>) -> Result<()>;
}

/// A table file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Parquet,
    Json,
}

/// The exporter for a format.
pub fn exporter(format: TableFormat) -> &'static dyn TableExporter {
    match format {
        TableFormat::Csv => &CsvExporter,
        TableFormat::Parquet => &ParquetExporter,
        TableFormat::Json => &JsonExporter,
    }
}

/// Writes the graph to `path`.
pub fn write_graph(graph: &KnowledgeGraph, format: GraphFormat, path: &Path) -> Result<PathBuf> {
    write_file(path, |out| {
        match format {
            GraphFormat::Dot => export::dot(graph, out),
            GraphFormat::Graphml => export::graphml(graph, out),
            GraphFormat::Json => export::json(graph, out),
        }
        .map_err(|e| RecurError::io(path, e))
    })
}

/// Writes every table (the records and the period's findings) as `<title>.<ext>` in `dir`, in
/// each of the formats; returns the files written. Each part of a table is built once and
/// written in every format side by side, so only one part of one table is in memory at a time.
pub fn write_tables(
    a: &crate::analysis::Analysis<'_>,
    findings: &Findings,
    exporters: &[&dyn TableExporter],
    dir: &OutputDir,
) -> Result<Vec<PathBuf>> {
    use rayon::prelude::*;
    let mut written = Vec::new();
    tables::each(a, findings, |table: Source<'_>| {
        let mut files = exporters
            .iter()
            .map(|e| dir.create(&format!("{}.{}", table.title, e.extension())))
            .collect::<Result<Vec<_>>>()?;
        let mut writers = exporters
            .iter()
            .zip(files.iter_mut())
            .map(|(e, file)| e.begin(&table, file))
            .collect::<Result<Vec<_>>>()?;
        table.each_part(|rows| writers.par_iter_mut().try_for_each(|w| w.part(rows)))?;
        writers.into_iter().try_for_each(|w| w.end())?;
        for file in files {
            written.push(file.finish()?);
        }
        Ok(())
    })?;
    Ok(written)
}
