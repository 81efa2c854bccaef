//! Exports for analysts: the knowledge graph (DOT, GraphML, JSON) and the tables behind the
//! analyses. Each table format is one [`TableExporter`].

mod csv;
mod json;
pub mod parquet;
pub mod tables;

pub use csv::CsvExporter;
pub use json::JsonExporter;
pub use parquet::ParquetExporter;

use crate::analysis::findings::Findings;
use crate::error::{RecurError, Result};
use crate::graph::{KnowledgeGraph, export};
use crate::output::Table;
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
    /// Writes one table.
    fn write(&self, table: &Table, out: &mut dyn Write) -> Result<()>;
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
/// each of the formats; returns the files written. Tables are built and written one at a time.
pub fn write_tables(
    a: &crate::analysis::Analysis<'_>,
    findings: &Findings,
    exporters: &[&dyn TableExporter],
    dir: &OutputDir,
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    tables::each(a, findings, |table: Table| {
        use rayon::prelude::*;
        // The formats are written side by side from the same table.
        let paths: Vec<PathBuf> = exporters
            .par_iter()
            .map(|exporter| {
                dir.write(
                    &format!("{}.{}", table.title, exporter.extension()),
                    |out| exporter.write(&table, out),
                )
            })
            .collect::<Result<_>>()?;
        written.extend(paths);
        Ok(())
    })?;
    Ok(written)
}
