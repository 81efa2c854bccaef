//! Exports for analysts: the knowledge graph (DOT, GraphML, JSON) and the tables behind the
//! analyses. Each table format is one [`TableExporter`].

mod csv;
mod json;
pub mod parquet;
pub mod tables;

pub use csv::CsvExporter;
pub use json::JsonExporter;
pub use parquet::ParquetExporter;

use crate::error::{RecurError, Result};
use crate::graph::{KnowledgeGraph, export};
use crate::output::Table;
use std::io::{BufWriter, Write};
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
    fn write(&self, table: &Table, path: &Path) -> Result<()>;
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
pub fn write_graph(graph: &KnowledgeGraph, format: GraphFormat, path: &Path) -> Result<()> {
    let io = |e: std::io::Error| RecurError::io(path, e);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut out = BufWriter::new(std::fs::File::create(path).map_err(io)?);
    match format {
        GraphFormat::Dot => export::dot(graph, &mut out),
        GraphFormat::Graphml => export::graphml(graph, &mut out),
        GraphFormat::Json => export::json(graph, &mut out),
    }
    .and_then(|()| out.flush())
    .map_err(io)
}

/// Writes every table of the analysis as `DIR/<title>.<ext>` in each of the formats; returns
/// the files written. Tables are built and written one at a time.
pub fn write_tables(
    a: &crate::analysis::Analysis<'_>,
    inputs: &crate::chart::data::Inputs<'_>,
    exporters: &[&dyn TableExporter],
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| RecurError::io(dir, e))?;
    let mut written = Vec::new();
    tables::each(a, inputs, |table: Table| {
        use rayon::prelude::*;
        // The formats are written side by side from the same table.
        let paths: Vec<PathBuf> = exporters
            .par_iter()
            .map(|exporter| {
                let path = dir.join(format!("{}.{}", table.title, exporter.extension()));
                exporter.write(&table, &path).map(|()| path)
            })
            .collect::<Result<_>>()?;
        written.extend(paths);
        Ok(())
    })?;
    Ok(written)
}
