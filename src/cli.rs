//! Command-line flags (clap) and their translation into the library's typed options. No clap
//! type crosses into the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use recur::commands::import::ImportOptions;
use recur::commands::stats::GroupBy;
use recur::output::Format;
use recur::{Command, Global};
use std::path::PathBuf;

/// Find the incidents your organisation keeps having: recurring cause classes across services,
/// shared components nobody owns, and follow-ups that only fixed one service.
#[derive(Parser, Debug)]
#[command(name = "recur", version, about, long_about = None)]
pub struct Cli {
    /// Store directory [env: RECUR_STORE] [default: .recur]
    #[arg(
        long,
        global = true,
        env = "RECUR_STORE",
        default_value = ".recur",
        hide_env = true,
        hide_default_value = true
    )]
    store: PathBuf,
    /// No progress bars
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Taxonomy of cause classes replacing or extending the built-in one (YAML)
    #[arg(long, global = true)]
    taxonomy: Option<PathBuf>,
    /// Curation of the clusters (rename, merge, move, not a class; YAML, see docs/clustering.md)
    /// [env: RECUR_CURATION] [default: curation.yaml in the store directory, when present]
    #[arg(long, global = true, env = "RECUR_CURATION", hide_env = true)]
    curation: Option<PathBuf>,
    /// Print the wall time of each stage on stderr
    #[arg(long, global = true)]
    timings: bool,
    /// Owner names that mean nobody in particular, comma-separated, replacing the built-in list
    /// (shared, platform-all, everyone, engineering, …; see `recur owners --explain`)
    #[arg(long, global = true, value_delimiter = ',', value_name = "NAMES")]
    catch_all: Option<Vec<String>>,
    #[command(subcommand)]
    command: Sub,
}

#[derive(Subcommand, Debug)]
enum Sub {
    /// Import incidents, follow-ups and the service catalog into the store
    Import(ImportArgs),
    /// What the store holds; with --by, DAFF timings and trends per group
    Stats(StatsArgs),
    /// Cause classes recurring across services, ranked, with the shared components on their path
    Hotspots(HotspotsArgs),
    /// Shared components and whether anyone really owns them
    Owners(QueryArgs),
    /// Recurring classes only ever fixed locally; incidents without and overdue follow-ups
    Gaps(QueryArgs),
    /// List the records imports rejected, with file, line, field and reason
    Rejected(RejectedArgs),
    /// List cause clusters: label, class, reach, first and last seen
    Clusters(ClustersArgs),
    /// One more "why" for an incident: its class, where else it struck, who owns the path
    Why(WhyArgs),
    /// Past incidents most like a description (during an incident): their class, path, owners
    Similar(SimilarArgs),
    /// Write the report: HTML, Markdown and JSON, with charts (SVG, PNG) and tables (CSV)
    Report(ReportArgs),
    /// Draw a chart as SVG or PNG (by the file extension); --list shows the charts
    Chart(ChartArgs),
    /// Export the knowledge graph (DOT, GraphML, JSON) or the tables (CSV, Parquet, JSON)
    Export(ExportArgs),
    /// Score the clusters against known classes (ARI, AMI, homogeneity, completeness, …)
    Eval(EvalArgs),
    /// Write a synthetic corpus with known cause classes (for evaluation and benchmarks)
    Generate(GenerateArgs),
}

#[derive(Args, Debug)]
struct ClustersArgs {
    /// Only clusters with at least this many incidents
    #[arg(long, default_value_t = 2)]
    min_size: usize,
    /// Show the evidence behind each cluster: matched phrases, same wording, similar meaning
    #[arg(long)]
    explain: bool,
    /// Propose taxonomy classes (label, phrases, examples) for large clusters it does not name
    #[arg(long, conflicts_with = "explain")]
    suggest: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct WhyArgs {
    /// The incident id
    #[arg(required_unless_present = "text", conflicts_with = "text")]
    incident: Option<String>,
    /// A description instead of an incident: the same as `recur similar TEXT`
    #[arg(long)]
    text: Option<String>,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct SimilarArgs {
    /// What is happening or what broke, in your words (quote it, or give several words)
    #[arg(required = true)]
    text: Vec<String>,
    /// How many past incidents to list
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct ReportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// Output directory [default: reports/<period>]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Formats to write, comma-separated
    #[arg(long, default_value = "html,md,json")]
    format: String,
    /// Generation time printed in the report and used for overdue follow-ups (default: none, so
    /// the same store gives byte-identical files)
    #[arg(long)]
    now: Option<String>,
}

#[derive(Args, Debug)]
struct ChartArgs {
    /// The chart (see --list)
    #[arg(required_unless_present = "list")]
    name: Option<String>,
    /// List the charts
    #[arg(long)]
    list: bool,
    /// Output file, .svg or .png (default NAME.svg)
    #[arg(long)]
    out: Option<PathBuf>,
    /// Width in pixels
    #[arg(long, default_value_t = 1000)]
    width: u32,
    /// Height in pixels
    #[arg(long, default_value_t = 600)]
    height: u32,
    #[command(flatten)]
    query: QueryArgs,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["graph", "tables"])))]
struct ExportArgs {
    /// Export the knowledge graph in this format to the file --out
    #[arg(long, value_enum)]
    graph: Option<GraphArg>,
    /// Export the tables in this format into the directory --out
    #[arg(long, value_enum)]
    tables: Option<TablesArg>,
    /// Output file (graph) or directory (tables)
    #[arg(long)]
    out: PathBuf,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum GraphArg {
    Dot,
    Graphml,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum TablesArg {
    Csv,
    Parquet,
    Json,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// CSV of incident_id,class (as written by `recur generate`)
    #[arg(long)]
    truth: PathBuf,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// Number of incidents
    #[arg(long, default_value_t = 10_000)]
    incidents: usize,
    /// Random seed (the same seed gives the same corpus)
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output directory
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args, Debug)]
struct ImportArgs {
    /// Incident files or directories (walked for .csv, .jsonl, .json, .yaml, .md, CODEOWNERS)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A catalog file or directory (Backstage YAML, CODEOWNERS, catalog CSV); repeat the flag
    /// for several (`--catalog a.yaml --catalog CODEOWNERS`), so it never takes the paths after it
    #[arg(long, value_name = "PATH", action = clap::ArgAction::Append)]
    catalog: Vec<PathBuf>,
    /// Field mapping for files not in recur's format (YAML)
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Aliases file mapping other spellings to one name (YAML); `aliases.yaml` in an imported
    /// directory is used too
    #[arg(long)]
    aliases: Vec<PathBuf>,
    /// Fail (and leave the store unchanged) if any record is rejected
    #[arg(long)]
    strict: bool,
    /// Fail at once when another import is writing the store, instead of waiting for it
    #[arg(long)]
    no_wait: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct StatsArgs {
    /// DAFF timings (detect, acknowledge, mitigate, resolve), repeat and finalisation rates per group
    #[arg(long, value_enum)]
    by: Option<ByArg>,
    #[command(flatten)]
    query: QueryArgs,
}

/// The period of an analysis or report.
#[derive(Args, Debug)]
struct PeriodArgs {
    /// Start of the period (a date or RFC 3339 time, inclusive)
    #[arg(long)]
    since: Option<String>,
    /// End of the period (exclusive)
    #[arg(long)]
    until: Option<String>,
    /// A calendar quarter, e.g. 2024Q3
    #[arg(long, conflicts_with_all = ["since", "until"])]
    quarter: Option<String>,
}

impl PeriodArgs {
    fn period(&self) -> Result<recur::analysis::period::Period, String> {
        recur::analysis::period::Period::from_args(
            self.since.as_deref(),
            self.until.as_deref(),
            self.quarter.as_deref(),
        )
        .map_err(|e| e.to_string())
    }
}

/// A `--now` value.
fn parse_now(now: Option<&str>) -> Result<Option<recur::model::Timestamp>, String> {
    now.map(|t| {
        recur::model::time::parse_timestamp(t).ok_or_else(|| format!("--now {t:?} is not a date"))
    })
    .transpose()
}

/// The period and output options of every analysis.
#[derive(Args, Debug)]
struct QueryArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// Print how each figure is defined
    #[arg(long)]
    explain: bool,
    /// "Now", for overdue follow-ups and open periods (default: the current time)
    #[arg(long)]
    now: Option<String>,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct HotspotsArgs {
    /// How many hotspots to show
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// A class is systemic when it hit at least this many services
    #[arg(long, default_value_t = 3)]
    min_services: usize,
    #[command(flatten)]
    query: QueryArgs,
}

impl QueryArgs {
    fn into_query(self) -> Result<recur::Query, String> {
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
struct RejectedArgs {
    /// Include warnings (imported records with something odd, such as timestamps out of order)
    #[arg(long)]
    warnings: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

/// Output format.
#[derive(ValueEnum, Clone, Copy, Debug)]
enum FormatArg {
    Table,
    Json,
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
enum ByArg {
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

impl Cli {
    /// The library command and the global options; an error for values clap cannot check.
    pub fn into_command(self) -> Result<(Command, Global), String> {
        let global = Global {
            store: self.store,
            quiet: self.quiet,
            taxonomy: self.taxonomy,
            curation: self.curation,
            timings: self.timings,
            catch_all: self.catch_all.map(|names| {
                names
                    .iter()
                    .map(|n| n.trim().to_lowercase())
                    .filter(|n| !n.is_empty())
                    .collect()
            }),
            exit_after: true,
        };
        let command = match self.command {
            Sub::Import(a) => Command::Import(ImportOptions {
                paths: a.paths,
                catalog: a.catalog,
                mapping: a.mapping,
                aliases: a.aliases,
                strict: a.strict,
                format: a.format.into(),
                wait: if a.no_wait {
                    recur::store::Wait::Fail
                } else {
                    recur::store::Wait::Block
                },
            }),
            Sub::Stats(a) => Command::Stats {
                by: a.by.map(Into::into),
                query: a.query.into_query()?,
            },
            Sub::Hotspots(a) => Command::Hotspots {
                query: a.query.into_query()?,
                top: a.top,
                min_services: a.min_services,
            },
            Sub::Owners(a) => Command::Owners {
                query: a.into_query()?,
            },
            Sub::Gaps(a) => Command::Gaps {
                query: a.into_query()?,
            },
            Sub::Rejected(a) => Command::Rejected {
                warnings: a.warnings,
                format: a.format.into(),
            },
            Sub::Clusters(a) => Command::Clusters {
                min_size: a.min_size,
                explain: a.explain,
                suggest: a.suggest,
                format: a.format.into(),
            },
            Sub::Why(a) => match (a.incident, a.text) {
                (_, Some(text)) => Command::Similar {
                    text,
                    top: 10,
                    format: a.format.into(),
                },
                (Some(incident), None) => Command::Why {
                    incident,
                    format: a.format.into(),
                },
                (None, None) => return Err("why: give an incident id or --text".into()),
            },
            Sub::Similar(a) => Command::Similar {
                text: a.text.join(" "),
                top: a.top,
                format: a.format.into(),
            },
            Sub::Report(a) => Command::Report {
                period: a.period.period()?,
                now: parse_now(a.now.as_deref())?,
                out: a.out,
                formats: a
                    .format
                    .split(',')
                    .map(|f| recur::report::ReportFormat::parse(f).map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?,
            },
            Sub::Chart(a) => Command::Chart {
                kind: match (a.list, a.name) {
                    (true, _) | (false, None) => None,
                    (false, Some(name)) => {
                        Some(recur::chart::ChartKind::parse(&name).map_err(|e| e.to_string())?)
                    }
                },
                out: a.out,
                width: a.width,
                height: a.height,
                query: a.query.into_query()?,
            },
            Sub::Export(a) => Command::Export {
                graph: a.graph.map(|g| match g {
                    GraphArg::Dot => recur::export::GraphFormat::Dot,
                    GraphArg::Graphml => recur::export::GraphFormat::Graphml,
                    GraphArg::Json => recur::export::GraphFormat::Json,
                }),
                tables: a.tables.map(|t| match t {
                    TablesArg::Csv => recur::export::TableFormat::Csv,
                    TablesArg::Parquet => recur::export::TableFormat::Parquet,
                    TablesArg::Json => recur::export::TableFormat::Json,
                }),
                out: a.out,
            },
            Sub::Eval(a) => Command::Eval {
                truth: a.truth,
                format: a.format.into(),
            },
            Sub::Generate(a) => Command::Generate {
                spec: recur::generate::CorpusSpec::new(a.incidents, a.seed),
                out: a.out,
            },
        };
        Ok((command, global))
    }
}
