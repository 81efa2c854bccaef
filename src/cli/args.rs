//! The arguments of each command: one struct per command's flags, and the shared period,
//! output and filter flags.

use super::parse_now;
use clap::{Args, ValueEnum};
use recur::commands::stats::GroupBy;
use recur::output::Format;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct ClustersArgs {
    /// Only clusters with at least this many incidents
    #[arg(long, default_value_t = 2)]
    pub(super) min_size: usize,
    /// Show the evidence behind each cluster: matched phrases, same wording, similar meaning
    #[arg(long)]
    pub(super) explain: bool,
    #[command(flatten)]
    pub(super) filter: FilterArgs,
    /// Propose taxonomy classes (label, phrases, examples) for large clusters it does not name
    #[arg(long, conflicts_with = "explain")]
    pub(super) suggest: bool,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

#[derive(Args, Debug)]
pub(super) struct WhyArgs {
    /// The incident id
    #[arg(required_unless_present = "text", conflicts_with = "text")]
    pub(super) incident: Option<String>,
    /// A description instead of an incident: the same as `recur similar TEXT`
    #[arg(long)]
    pub(super) text: Option<String>,
    /// List every past incident of the class, not only the latest ten
    #[arg(long)]
    pub(super) all: bool,
    #[command(flatten)]
    pub(super) filter: FilterArgs,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

#[derive(Args, Debug)]
pub(super) struct SimilarArgs {
    /// What is happening or what broke, in your words (quote it, or give several words)
    #[arg(required = true)]
    pub(super) text: Vec<String>,
    /// How many past incidents to list
    #[arg(long, default_value_t = 10)]
    pub(super) top: usize,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

#[derive(Args, Debug)]
pub(super) struct ReportArgs {
    #[command(flatten)]
    pub(super) period: PeriodArgs,
    #[command(flatten)]
    pub(super) filter: FilterArgs,
    /// Output directory [default: reports/<period>]
    #[arg(long)]
    pub(super) out: Option<PathBuf>,
    /// Formats to write, comma-separated: html, md, json
    #[arg(long, default_value = "html,md,json")]
    pub(super) format: String,
    /// Generation time printed in the report and used for overdue follow-ups (default: none, so
    /// the same store gives byte-identical files)
    #[arg(long)]
    pub(super) now: Option<String>,
}

/// The chart sizes `--width` and `--height` accept, in pixels (larger ones overflow the plotter).
pub(super) const CHART_PIXELS: std::ops::RangeInclusive<i64> = 100..=10_000;

#[derive(Args, Debug)]
pub(super) struct ChartArgs {
    /// The chart (see --list)
    #[arg(required_unless_present = "list")]
    pub(super) name: Option<String>,
    /// List the charts
    #[arg(long)]
    pub(super) list: bool,
    /// Output file, .svg or .png (default NAME.svg)
    #[arg(long)]
    pub(super) out: Option<PathBuf>,
    /// Width in pixels, 100 to 10000
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(CHART_PIXELS))]
    pub(super) width: u32,
    /// Height in pixels, 100 to 10000
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(CHART_PIXELS))]
    pub(super) height: u32,
    #[command(flatten)]
    pub(super) query: QueryArgs,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["graph", "tables"])))]
pub(super) struct ExportArgs {
    /// Export the knowledge graph in this format to the file --out
    #[arg(long, value_enum)]
    pub(super) graph: Option<GraphArg>,
    /// Which graph: full (every incident and follow-up), summary (recurring classes, the shared
    /// components on their paths, their owners), class ID, or component NAME
    #[arg(long, num_args = 1..=2, value_names = ["VIEW", "NAME"], requires = "graph")]
    pub(super) view: Vec<String>,
    /// Export the tables in this format into the directory --out
    #[arg(long, value_enum)]
    pub(super) tables: Option<TablesArg>,
    /// Output file (graph) or directory (tables)
    #[arg(long)]
    pub(super) out: PathBuf,
    #[command(flatten)]
    pub(super) filter: FilterArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(super) enum GraphArg {
    /// Graphviz (`dot -Tsvg`)
    Dot,
    /// GraphML (Gephi, networkx, yEd)
    Graphml,
    /// Nodes and edges as JSON
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(super) enum TablesArg {
    /// One .csv per table (spreadsheet-safe)
    Csv,
    /// One .parquet per table (typed columns: timestamps, lists)
    Parquet,
    /// One .json per table (an array of objects)
    Json,
}

#[derive(Args, Debug)]
pub(super) struct EvalArgs {
    /// CSV of incident_id,class (as written by `recur generate`)
    #[arg(long)]
    pub(super) truth: PathBuf,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

#[derive(Args, Debug)]
pub(super) struct GenerateArgs {
    /// Number of incidents
    #[arg(long, default_value_t = 10_000)]
    pub(super) incidents: usize,
    /// Random seed (the same seed gives the same corpus)
    #[arg(long, default_value_t = 42)]
    pub(super) seed: u64,
    /// Output directory
    #[arg(long)]
    pub(super) out: PathBuf,
}

#[derive(Args, Debug)]
pub(super) struct ImportArgs {
    /// Incident files or directories (walked for .csv, .jsonl, .json, .yaml, .md, CODEOWNERS)
    #[arg(required = true)]
    pub(super) paths: Vec<PathBuf>,
    /// A catalog file or directory (Backstage YAML, CODEOWNERS, catalog CSV); repeat the flag
    /// for several (`--catalog a.yaml --catalog CODEOWNERS`), so it never takes the paths after it
    #[arg(long, value_name = "PATH", action = clap::ArgAction::Append)]
    pub(super) catalog: Vec<PathBuf>,
    /// Field mapping for files not in recur's format (YAML)
    #[arg(long)]
    pub(super) mapping: Option<PathBuf>,
    /// Aliases file mapping other spellings to one name (YAML); `aliases.yaml` in an imported
    /// directory is used too
    #[arg(long)]
    pub(super) aliases: Vec<PathBuf>,
    /// Read every incident file as this tool's export instead of detecting the tool by content
    #[arg(long, value_name = "TOOL", value_parser = clap::builder::PossibleValuesParser::new(recur::ingest::tools::names()))]
    pub(super) from: Option<String>,
    /// Fail (and leave the store unchanged) if any record is rejected
    #[arg(long)]
    pub(super) strict: bool,
    /// Read only the files in folders whose path (relative to the folder given) matches this
    /// glob; repeat the flag for several (`--include '**/*.csv' --include 'pd/*.json'`)
    #[arg(long, value_name = "GLOB", action = clap::ArgAction::Append)]
    pub(super) include: Vec<String>,
    /// Skip the files (and folders) in folders whose relative path matches this glob; repeat
    /// the flag for several (`--exclude 'archive/**' --exclude '*.bak.json'`)
    #[arg(long, value_name = "GLOB", action = clap::ArgAction::Append)]
    pub(super) exclude: Vec<String>,
    /// Fail at once when another import is writing the store, instead of waiting for it
    #[arg(long)]
    pub(super) no_wait: bool,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

#[derive(Args, Debug)]
pub(super) struct StatsArgs {
    /// DAFF timings (detect, acknowledge, mitigate, resolve), repeat and finalisation rates per group
    #[arg(long, value_enum)]
    pub(super) by: Option<ByArg>,
    #[command(flatten)]
    pub(super) query: QueryArgs,
}

/// The period of an analysis or report.
#[derive(Args, Debug)]
pub(super) struct PeriodArgs {
    /// Start of the period (a date or RFC 3339 time, inclusive; years 1900 to 9999)
    #[arg(long)]
    pub(super) since: Option<String>,
    /// End of the period (exclusive; years 1900 to 9999)
    #[arg(long)]
    pub(super) until: Option<String>,
    /// A calendar quarter, e.g. 2024Q3
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub(super) quarter: Option<String>,
}

impl PeriodArgs {
    pub(super) fn period(&self) -> Result<recur::analysis::period::Period, String> {
        recur::analysis::period::Period::from_args(
            self.since.as_deref(),
            self.until.as_deref(),
            self.quarter.as_deref(),
        )
        .map_err(|e| e.to_string())
    }
}

/// A team's view: the incidents in scope (docs/analyses.md, "Filters").
#[derive(Args, Debug, Clone, Default)]
pub(super) struct FilterArgs {
    /// Only incidents this team owns or responded to, or that hit a service it owns in the
    /// catalog (repeatable; any of them)
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    pub(super) team: Vec<String>,
    /// Only incidents that hit this service (repeatable; any of them)
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    pub(super) service: Vec<String>,
    /// Only incidents that involve this component (repeatable; any of them)
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    pub(super) component: Vec<String>,
}

impl FilterArgs {
    pub(super) fn filter(&self) -> recur::analysis::scope::Filter {
        recur::analysis::scope::Filter {
            teams: self.team.clone(),
            services: self.service.clone(),
            components: self.component.clone(),
        }
    }
}

/// The period and output options of every analysis.
#[derive(Args, Debug)]
pub(super) struct QueryArgs {
    #[command(flatten)]
    pub(super) period: PeriodArgs,
    #[command(flatten)]
    pub(super) filter: FilterArgs,
    /// Print how each figure is defined
    #[arg(long)]
    pub(super) explain: bool,
    /// "Now", for overdue follow-ups (default: the end of the period, or the latest record for
    /// all time; never the wall clock, so outputs are reproducible)
    #[arg(long)]
    pub(super) now: Option<String>,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

#[derive(Args, Debug)]
pub(super) struct HotspotsArgs {
    /// How many hotspots to show
    #[arg(long, default_value_t = 10)]
    pub(super) top: usize,
    /// A class is systemic when it hit at least this many services
    #[arg(long, default_value_t = 3)]
    pub(super) min_services: usize,
    #[command(flatten)]
    pub(super) query: QueryArgs,
}

impl QueryArgs {
    pub(super) fn into_query(self) -> Result<recur::Query, String> {
        let period = self.period.period()?;
        let now = parse_now(self.now.as_deref())?;
        Ok(recur::Query {
            period,
            explain: self.explain,
            now,
            format: self.format.into(),
        })
    }
}

#[derive(Args, Debug)]
pub(super) struct RejectedArgs {
    /// Include warnings (imported records with something odd, such as timestamps out of order)
    #[arg(long)]
    pub(super) warnings: bool,
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(super) format: FormatArg,
}

/// Output format.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(super) enum FormatArg {
    /// Tables for people, fitted to the terminal (100 columns when not a terminal)
    Table,
    /// Every figure of the result, with the incident ids behind it (docs/analyses.md)
    Json,
    /// The tables as CSV, one value per cell, safe to open in a spreadsheet
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(super) enum ByArg {
    Quarter,
    Service,
    Team,
    Cluster,
    Severity,
}

impl From<ByArg> for GroupBy {
    fn from(b: ByArg) -> Self {
        match b {
            ByArg::Quarter => GroupBy::Quarter,
            ByArg::Service => GroupBy::Service,
            ByArg::Team => GroupBy::Team,
            ByArg::Cluster => GroupBy::Cluster,
            ByArg::Severity => GroupBy::Severity,
        }
    }
}
