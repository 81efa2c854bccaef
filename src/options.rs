//! The typed options of each subcommand (what `cli.rs` makes of the flags) and of every run.

use crate::commands::import::ImportOptions;
use crate::commands::stats::GroupBy;
use crate::output::Format;
use crate::{analysis, chart, export, generate, model, report};
use std::path::PathBuf;

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
    /// Owner names that mean nobody in particular (replacing the built-in list).
    pub catch_all: Option<Vec<String>>,
    /// The `--team`, `--service` and `--component` filters of the analyses.
    pub filter: analysis::scope::Filter,
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
        /// Every past incident of the class in the terminal, not only the latest.
        all: bool,
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
        /// the end of the period (or of the data), so files are reproducible.
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
        /// Which graph: the full one, the summary, one class's or one component's.
        view: export::GraphView,
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
    /// "Now" for overdue follow-ups and open periods; when `None`, the end of the period (or the
    /// latest time the store records), so that outputs are reproducible.
    pub now: Option<model::Timestamp>,
    pub format: Format,
}
