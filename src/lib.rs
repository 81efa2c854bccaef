//! recur: find the incidents an organisation keeps having.
//!
//! Stages, each in its own module, each taking the previous stage's value:
//! `ingest` (files → validated records, and the catalog's ownership sources) → `store` (the embedded
//! Parquet store) → `commands` (one per subcommand) → `output` (table, JSON, CSV). `runner` is
//! what the query commands share: load, cluster (or read the stored clustering), view, print.

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
pub mod output;
pub mod progress;
pub mod report;
mod runner;
pub mod store;

pub use error::{RecurError, Result};

use commands::import::ImportOptions;
use commands::stats::GroupBy;
use output::Format;
use progress::Progress;
use runner::{Runner, load_existing, print, release};
use std::io::Write;
use std::path::PathBuf;
use store::Store;

/// Options every subcommand shares.
#[derive(Debug, Clone)]
pub struct Global {
    /// The store directory.
    pub store: PathBuf,
    /// No progress bars.
    pub quiet: bool,
    /// A taxonomy file replacing or extending the built-in one.
    pub taxonomy: Option<PathBuf>,
    /// The curation file (default: `curation.yaml` in the store directory, when present).
    pub curation: Option<PathBuf>,
    /// Print the wall time of each stage on stderr.
    pub timings: bool,
    /// The process exits right after the command: large results are not freed one allocation
    /// at a time (saves seconds at a million incidents). Library callers leave it false.
    pub exit_after: bool,
}

/// A subcommand with its typed options.
#[derive(Debug, Clone)]
pub enum Command {
    Import(ImportOptions),
    /// Without `by`: what the store holds. With `by`: DAFF timings and trends per group.
    Stats {
        by: Option<GroupBy>,
        query: Query,
    },
    Hotspots {
        query: Query,
        top: usize,
        min_services: usize,
    },
    Owners {
        query: Query,
    },
    Gaps {
        query: Query,
    },
    Rejected {
        warnings: bool,
        format: Format,
    },
    Generate {
        spec: generate::CorpusSpec,
        out: PathBuf,
    },
    Clusters {
        min_size: usize,
        /// Show the evidence behind each cluster.
        explain: bool,
        /// Propose taxonomy classes for large clusters the taxonomy does not name.
        suggest: bool,
        format: Format,
    },
    Eval {
        truth: PathBuf,
        format: Format,
    },
    Why {
        incident: String,
        format: Format,
    },
    /// The past incidents most like a free-text description, and their class.
    Similar {
        text: String,
        top: usize,
        format: Format,
    },
    /// Writes the report (HTML, Markdown, JSON, charts, tables) into `out`.
    Report {
        period: analysis::period::Period,
        /// Stated as the generation time, and used as "now"; without it the report's "now" is
        /// the end of the period (or the last incident), so files are reproducible.
        now: Option<model::Timestamp>,
        out: Option<PathBuf>,
        formats: Vec<report::ReportFormat>,
    },
    /// Draws one chart (`kind`), or lists them when `kind` is `None`.
    Chart {
        kind: Option<chart::ChartKind>,
        out: Option<PathBuf>,
        width: u32,
        height: u32,
        query: Query,
    },
    Export {
        graph: Option<export::GraphFormat>,
        tables: Option<export::TableFormat>,
        out: PathBuf,
    },
}

/// What every analysis query takes.
#[derive(Debug, Clone)]
pub struct Query {
    pub period: analysis::period::Period,
    /// Print how each figure is defined.
    pub explain: bool,
    /// "Now" for overdue follow-ups and open periods; the wall clock when `None`.
    pub now: Option<model::Timestamp>,
    pub format: Format,
}

impl Query {
    fn now(&self) -> model::Timestamp {
        self.now.unwrap_or_else(chrono::Utc::now)
    }
}

/// Runs one command, writing results to `out` and diagnostics to `err`.
pub fn run(
    command: &Command,
    global: &Global,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let progress = Progress::new(global.quiet);
    let timings = progress::Timings::new(global.timings);
    let result = run_command(command, global, progress, &timings, out, err);
    for line in timings.report() {
        let _ = writeln!(err, "{line}");
    }
    result
}

fn run_command(
    command: &Command,
    global: &Global,
    progress: Progress,
    timings: &progress::Timings,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let store = Store::at(&global.store);
    let run = Runner {
        store: &store,
        global,
        progress,
        timings,
    };
    match command {
        Command::Import(options) => {
            commands::import::run(options, &store, progress, timings, out, err)
                .map(|(_, data)| release(global, data))
        }
        Command::Stats { by: None, query } => {
            let data = timings.stage("load store", || {
                load_existing(&store, store::Load::Everything)
            })?;
            let printed = print(&commands::stats::view(&data, None)?, query.format, out);
            release(global, data);
            printed
        }
        Command::Stats {
            by: Some(by),
            query,
        } => run.analysis(
            "timings",
            store::Load::Everything, // the finalisation rate reads follow-ups
            query.format,
            out,
            |a| commands::stats::daff_view(a, &query.period, *by, query.now(), query.explain),
        ),
        Command::Hotspots {
            query,
            top,
            min_services,
        } => run.analysis(
            "hotspots",
            store::Load::WithoutActions,
            query.format,
            out,
            |a| {
                Ok(commands::hotspots::view(
                    a,
                    &query.period,
                    *top,
                    *min_services,
                    query.explain,
                ))
            },
        ),
        Command::Owners { query } => run.analysis(
            "ownership",
            store::Load::WithoutActions,
            query.format,
            out,
            |a| Ok(commands::owners::view(a, &query.period, query.explain)),
        ),
        Command::Gaps { query } => {
            run.analysis("gaps", store::Load::Everything, query.format, out, |a| {
                Ok(commands::gaps::view(
                    a,
                    &query.period,
                    query.now(),
                    query.explain,
                ))
            })
        }
        Command::Rejected { warnings, format } => {
            let data = timings.stage("load store", || {
                load_existing(&store, store::Load::Everything)
            })?;
            print(&commands::rejected::view(&data, *warnings)?, *format, out)
        }
        Command::Clusters {
            min_size,
            explain,
            suggest,
            format,
        } => run.analysis("clusters", store::Load::WithoutActions, *format, out, |a| {
            Ok(if *suggest {
                commands::suggest::view(a)
            } else {
                commands::clusters::view(a, *min_size, *explain)
            })
        }),
        Command::Eval { truth, format } => {
            let truth = commands::eval::read_truth(truth)?;
            run.analysis("eval", store::Load::WithoutActions, *format, out, |a| {
                Ok(commands::eval::view(a, &truth))
            })
        }
        Command::Why { incident, format } => {
            run.analysis("why", store::Load::Everything, *format, out, |a| {
                commands::why::view(a, incident)
            })
        }
        Command::Similar { text, top, format } => {
            use embed::Embedder;
            let model = embed::MiniLm::shared()?;
            run.analysis("similar", store::Load::Everything, *format, out, |a| {
                let vectors = store.load_vectors(model.id(), model.dim());
                commands::similar::view(a, &vectors, model, text, *top)
            })
        }
        Command::Report {
            period,
            now,
            out: dir,
            formats,
        } => run.analysis("report", store::Load::Everything, Format::Table, out, |a| {
            let as_of = now
                .or(period.until)
                .or(a.last_started_at())
                .unwrap_or_default();
            let dir = dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("reports").join(period.slug()));
            let written = report::write_report(
                a,
                &report::ReportRequest {
                    period,
                    now: as_of,
                    stamp: *now,
                    dir: &dir,
                    formats,
                },
                run.timings,
                run.progress,
            )?;
            Ok(output::View {
                footer: vec![format!(
                    "wrote {} files into {}",
                    written.len(),
                    dir.display()
                )],
                ..output::View::default()
            })
        }),
        Command::Chart {
            kind: None, query, ..
        } => {
            let mut table = output::Table::new("", &["chart", "what it shows"]);
            for k in chart::ChartKind::ALL {
                table.row(vec![k.name().into(), k.description().into()]);
            }
            let json = serde_json::json!(
                chart::ChartKind::ALL
                    .iter()
                    .map(|k| serde_json::json!({"name": k.name(), "description": k.description()}))
                    .collect::<Vec<_>>()
            );
            print(
                &output::View {
                    json,
                    tables: vec![table],
                    ..output::View::default()
                },
                query.format,
                out,
            )
        }
        Command::Chart {
            kind: Some(kind),
            out: path,
            width,
            height,
            query,
        } => run.analysis("chart", store::Load::Everything, Format::Table, out, |a| {
            let path = path
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{}.svg", kind.name())));
            let data = chart::ChartData::new(a, &query.period, query.now())?;
            chart::render(*kind, &data, &path, *width, *height)?;
            Ok(output::View {
                footer: vec![format!("wrote {}", path.display())],
                ..output::View::default()
            })
        }),
        Command::Export {
            graph,
            tables,
            out: path,
        } => run.analysis("export", store::Load::Everything, Format::Table, out, |a| {
            let mut written = Vec::new();
            if let Some(format) = graph {
                export::write_graph(a.graph(), *format, path)?;
                written.push(path.clone());
            }
            if let Some(format) = tables {
                let period = analysis::period::Period::default();
                let inputs =
                    chart::data::Inputs::new(a, &period, a.last_started_at().unwrap_or_default())?;
                written.extend(export::write_tables(
                    a,
                    &inputs,
                    &[export::exporter(*format)],
                    path,
                )?);
            }
            Ok(output::View {
                footer: written
                    .iter()
                    .map(|f| format!("wrote {}", f.display()))
                    .collect(),
                ..output::View::default()
            })
        }),
        Command::Generate { spec, out: dir } => {
            let info = generate::write_corpus(spec, dir)?;
            writeln!(
                out,
                "wrote {} incidents ({} actions, {} services, {} classes) to {}: input/ (incidents.csv, actions.csv, catalog.yaml) and truth.csv; try `recur import DIR/input` then `recur eval --truth DIR/truth.csv`",
                info.incidents,
                info.actions,
                info.services,
                info.classes,
                dir.display()
            )
            .map_err(|e| RecurError::io(dir, e))
        }
    }
}
