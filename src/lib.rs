//! recur: find the incidents an organisation keeps having.
//!
//! Stages, each in its own module, each taking the previous stage's value: `ingest` (files and
//! the catalog's ownership sources → validated records) → `store` (the embedded Parquet store)
//! → `cluster` (cause classes) → `graph` → `analysis` (one [`analysis::findings::Findings`]
//! value per period) → renderings: `output` (terminal, JSON, CSV), `export` (tables, graph),
//! `chart`, `report`. `commands` has one file per subcommand; `runner` is what the query
//! commands share: load, cluster (or read the stored clustering), view, print.

pub mod analysis;
pub mod chart;
pub mod cluster;
pub mod commands;
pub mod embed;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod generate;
pub mod graph;
pub mod ingest;
pub mod model;
mod options;
pub mod output;
pub mod progress;
pub mod report;
mod runner;
pub mod store;

pub use error::{RecurError, Result};
pub use options::{Command, Global, Query};

use progress::Progress;
use runner::Runner;
use std::io::Write;
use store::Store;

/// Runs one command, writing results to `out` and diagnostics to `err`.
pub fn run(
    command: &Command,
    global: &Global,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let progress = Progress::new(global.quiet);
    let timings = progress::Timings::new(global.timings);
    let store = Store::at(&global.store);
    let runner = Runner {
        store: &store,
        global,
        progress,
        timings: &timings,
    };
    let result = run_command(command, &runner, out, err);
    for line in timings.report() {
        let _ = writeln!(err, "{line}");
    }
    result
}

/// One line per command: the table of contents of recur.
fn run_command(
    command: &Command,
    run: &Runner<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    use commands::*;
    match command {
        Command::Import(options) => import::command(run, options, out, err),
        Command::Stats { by: None, query } => stats::command(run, query, out),
        Command::Stats {
            by: Some(by),
            query,
        } => stats::by_command(run, *by, query, out),
        Command::Hotspots {
            query,
            top,
            min_services,
        } => hotspots::command(run, query, *top, *min_services, out),
        Command::Owners { query } => owners::command(run, query, out),
        Command::Gaps { query } => gaps::command(run, query, out),
        Command::Rejected { warnings, format } => rejected::command(run, *warnings, *format, out),
        Command::Clusters {
            min_size,
            explain,
            suggest,
            format,
        } => clusters::command(run, *min_size, *explain, *suggest, *format, out),
        Command::Eval { truth, format } => eval::command(run, truth, *format, out),
        Command::Why {
            incident,
            all,
            format,
        } => why::command(run, incident, *all, *format, out),
        Command::Similar { text, top, format } => similar::command(run, text, *top, *format, out),
        Command::Report {
            period,
            now,
            out: dir,
            formats,
        } => report::command(run, period, *now, dir.as_deref(), formats, out),
        Command::Chart {
            kind: None, query, ..
        } => chart::list(query.format, out),
        Command::Chart {
            kind: Some(kind),
            out: path,
            width,
            height,
            query,
        } => chart::command(run, *kind, path.as_deref(), (*width, *height), query, out),
        Command::Export {
            graph,
            view,
            tables,
            out: path,
        } => export::command(run, graph.map(|g| (g, view)), *tables, path, out),
        Command::Generate { spec, out: dir } => generate::command(spec, dir, out),
    }
}
