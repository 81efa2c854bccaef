//! Command-line flags (clap) and their translation into the library's typed options. No clap
//! type crosses into the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use recur::commands::import::ImportOptions;
use recur::commands::stats::GroupBy;
use recur::output::Format;
use recur::{Command, Global};
use std::io::Write;
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

// The example section of each command's --help.
const EXAMPLES_IMPORT: &str = "Examples:\n  recur import data/sample\n  recur import --catalog catalog.yaml --catalog CODEOWNERS incidents.csv postmortems/\n  recur import --mapping pagerduty.yaml --strict exports/pagerduty.csv\n  recur import exports/ --include '**/*.csv' --exclude 'archive/**'\n  recur rejected            # what was not imported, and why";
const EXAMPLES_STATS: &str = "Examples:\n  recur stats\n  recur stats --by quarter\n  recur stats --by team --quarter 2025Q4 --format csv > teams.csv";
const EXAMPLES_HOTSPOTS: &str = "Examples:\n  recur hotspots\n  recur hotspots --quarter 2025Q4 --top 5\n  recur hotspots --min-services 5 --explain\n  recur hotspots --format json | jq '.[0].incident_ids'";
const EXAMPLES_OWNERS: &str = "Examples:\n  recur owners\n  recur owners --since 2025-01-01 --explain\n  recur --catch-all shared,platform owners --format csv";
const EXAMPLES_GAPS: &str = "Examples:\n  recur gaps\n  recur gaps --quarter 2025Q4\n  recur gaps --now 2026-01-15 --format json   # overdue as of a date";
const EXAMPLES_REJECTED: &str =
    "Examples:\n  recur rejected\n  recur rejected --warnings --format csv > rejected.csv";
const EXAMPLES_CLUSTERS: &str = "Examples:\n  recur clusters\n  recur clusters --explain --min-size 5\n  recur clusters --suggest      # classes to add to a taxonomy";
const EXAMPLES_WHY: &str = "Examples:\n  recur why INC-1062\n  recur why INC-1062 --all     # every past incident of its class\n  recur why inc-1062 --format json\n  recur why --text \"database connections were exhausted\"";
const EXAMPLES_SIMILAR: &str = "Examples:\n  recur similar \"checkout latency after a config push\"\n  recur similar --top 5 certificate expired on the gateway";
const EXAMPLES_REPORT: &str = "Examples:\n  recur report                                  # all time, into reports/all-time/\n  recur report --quarter 2025Q4 --out reports/2025Q4\n  recur report --since 2025-01-01 --until 2025-07-01 --format html\n  recur report --quarter 2025Q4 --now 2026-01-10   # overdue as of that day";
const EXAMPLES_CHART: &str = "Examples:\n  recur chart --list\n  recur chart hotspots --out hotspots.png\n  recur chart daff-timings --quarter 2025Q4 --width 1400 --height 700 --out daff.svg";
const EXAMPLES_EXPORT: &str = "Examples:\n  recur export --graph dot --view summary --out summary.dot && dot -Tsvg summary.dot > summary.svg\n  recur export --graph dot --view class connection-pool --out pool.dot\n  recur export --graph graphml --view component orders-db --out orders-db.graphml\n  recur export --graph dot --out graph.dot          # everything: every incident and follow-up\n  recur export --graph graphml --out graph.graphml\n  recur export --tables parquet --out tables/";
const EXAMPLES_EVAL: &str = "Examples:\n  recur generate --incidents 5000 --out /tmp/corpus\n  recur --store /tmp/s import /tmp/corpus/input\n  recur --store /tmp/s eval --truth /tmp/corpus/truth.csv";
const EXAMPLES_GENERATE: &str =
    "Examples:\n  recur generate --incidents 100000 --seed 7 --out /tmp/corpus-100k";

#[derive(Subcommand, Debug)]
enum Sub {
    /// Import incidents, follow-ups and the service catalog into the store
    #[command(after_help = EXAMPLES_IMPORT)]
    Import(ImportArgs),
    /// What the store holds; with --by, DAFF timings and trends per group
    #[command(after_help = EXAMPLES_STATS)]
    Stats(StatsArgs),
    /// Cause classes recurring across services, ranked, with the shared components on their path
    #[command(after_help = EXAMPLES_HOTSPOTS)]
    Hotspots(HotspotsArgs),
    /// Shared components and whether anyone really owns them
    #[command(after_help = EXAMPLES_OWNERS)]
    Owners(QueryArgs),
    /// Recurring classes only ever fixed locally; incidents without and overdue follow-ups
    #[command(after_help = EXAMPLES_GAPS)]
    Gaps(QueryArgs),
    /// List the records imports rejected, with file, line, field and reason
    #[command(after_help = EXAMPLES_REJECTED)]
    Rejected(RejectedArgs),
    /// List cause clusters: label, class, reach, first and last seen
    #[command(after_help = EXAMPLES_CLUSTERS)]
    Clusters(ClustersArgs),
    /// One more "why" for an incident: its class, where else it struck, who owns the path
    #[command(after_help = EXAMPLES_WHY)]
    Why(WhyArgs),
    /// Past incidents most like a description (during an incident): their class, path, owners
    #[command(after_help = EXAMPLES_SIMILAR)]
    Similar(SimilarArgs),
    /// Write the report: HTML, Markdown and JSON, with charts (SVG, PNG) and tables (CSV)
    #[command(after_help = EXAMPLES_REPORT)]
    Report(ReportArgs),
    /// Draw a chart as SVG or PNG (by the file extension); --list shows the charts
    #[command(after_help = EXAMPLES_CHART)]
    Chart(ChartArgs),
    /// Export the knowledge graph (DOT, GraphML, JSON) or the tables (CSV, Parquet, JSON)
    #[command(after_help = EXAMPLES_EXPORT)]
    Export(ExportArgs),
    /// Score the clusters against known classes (ARI, AMI, homogeneity, completeness, …)
    #[command(after_help = EXAMPLES_EVAL)]
    Eval(EvalArgs),
    /// Write a synthetic corpus with known cause classes (for evaluation and benchmarks)
    #[command(after_help = EXAMPLES_GENERATE)]
    Generate(GenerateArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "Examples:\n  recur completions bash > ~/.local/share/bash-completion/completions/recur\n  recur completions zsh > ~/.zfunc/_recur"
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), or write one page per command into --out
    #[command(
        after_help = "Examples:\n  recur man | man -l -\n  recur man --out /usr/local/share/man/man1"
    )]
    Man {
        /// Directory for recur.1 and one page per command (recur-import.1, …)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct ClustersArgs {
    /// Only clusters with at least this many incidents
    #[arg(long, default_value_t = 2)]
    min_size: usize,
    /// Show the evidence behind each cluster: matched phrases, same wording, similar meaning
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    filter: FilterArgs,
    /// Propose taxonomy classes (label, phrases, examples) for large clusters it does not name
    #[arg(long, conflicts_with = "explain")]
    suggest: bool,
    /// How to print the result
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
    /// List every past incident of the class, not only the latest ten
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    filter: FilterArgs,
    /// How to print the result
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
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct ReportArgs {
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output directory [default: reports/<period>]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Formats to write, comma-separated: html, md, json
    #[arg(long, default_value = "html,md,json")]
    format: String,
    /// Generation time printed in the report and used for overdue follow-ups (default: none, so
    /// the same store gives byte-identical files)
    #[arg(long)]
    now: Option<String>,
}

/// The chart sizes `--width` and `--height` accept, in pixels (larger ones overflow the plotter).
const CHART_PIXELS: std::ops::RangeInclusive<i64> = 100..=10_000;

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
    /// Width in pixels, 100 to 10000
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(CHART_PIXELS))]
    width: u32,
    /// Height in pixels, 100 to 10000
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(CHART_PIXELS))]
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
    /// Which graph: full (every incident and follow-up), summary (recurring classes, the shared
    /// components on their paths, their owners), class ID, or component NAME
    #[arg(long, num_args = 1..=2, value_names = ["VIEW", "NAME"], requires = "graph")]
    view: Vec<String>,
    /// Export the tables in this format into the directory --out
    #[arg(long, value_enum)]
    tables: Option<TablesArg>,
    /// Output file (graph) or directory (tables)
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum GraphArg {
    /// Graphviz (`dot -Tsvg`)
    Dot,
    /// GraphML (Gephi, networkx, yEd)
    Graphml,
    /// Nodes and edges as JSON
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum TablesArg {
    /// One .csv per table (spreadsheet-safe)
    Csv,
    /// One .parquet per table (typed columns: timestamps, lists)
    Parquet,
    /// One .json per table (an array of objects)
    Json,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// CSV of incident_id,class (as written by `recur generate`)
    #[arg(long)]
    truth: PathBuf,
    /// How to print the result
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
    /// Read every incident file as this tool's export instead of detecting the tool by content
    #[arg(long, value_name = "TOOL", value_parser = clap::builder::PossibleValuesParser::new(recur::ingest::tools::names()))]
    from: Option<String>,
    /// Fail (and leave the store unchanged) if any record is rejected
    #[arg(long)]
    strict: bool,
    /// Read only the files in folders whose path (relative to the folder given) matches this
    /// glob; repeat the flag for several (`--include '**/*.csv' --include 'pd/*.json'`)
    #[arg(long, value_name = "GLOB", action = clap::ArgAction::Append)]
    include: Vec<String>,
    /// Skip the files (and folders) in folders whose relative path matches this glob; repeat
    /// the flag for several (`--exclude 'archive/**' --exclude '*.bak.json'`)
    #[arg(long, value_name = "GLOB", action = clap::ArgAction::Append)]
    exclude: Vec<String>,
    /// Fail at once when another import is writing the store, instead of waiting for it
    #[arg(long)]
    no_wait: bool,
    /// How to print the result
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
    /// Start of the period (a date or RFC 3339 time, inclusive; years 1900 to 9999)
    #[arg(long)]
    since: Option<String>,
    /// End of the period (exclusive; years 1900 to 9999)
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

/// A team's view: the incidents in scope (docs/analyses.md, "Filters").
#[derive(Args, Debug, Clone, Default)]
struct FilterArgs {
    /// Only incidents this team owns or responded to, or that hit a service it owns in the
    /// catalog (repeatable; any of them)
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    team: Vec<String>,
    /// Only incidents that hit this service (repeatable; any of them)
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    service: Vec<String>,
    /// Only incidents that involve this component (repeatable; any of them)
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    component: Vec<String>,
}

impl FilterArgs {
    fn filter(&self) -> recur::analysis::scope::Filter {
        recur::analysis::scope::Filter {
            teams: self.team.clone(),
            services: self.service.clone(),
            components: self.component.clone(),
        }
    }
}

impl Sub {
    /// The filters a command was given (none for the commands without them).
    fn filter(&self) -> recur::analysis::scope::Filter {
        match self {
            Sub::Stats(a) => a.query.filter.filter(),
            Sub::Hotspots(a) => a.query.filter.filter(),
            Sub::Chart(a) => a.query.filter.filter(),
            Sub::Owners(a) | Sub::Gaps(a) => a.filter.filter(),
            Sub::Clusters(a) => a.filter.filter(),
            Sub::Why(a) => a.filter.filter(),
            Sub::Report(a) => a.filter.filter(),
            Sub::Export(a) => a.filter.filter(),
            _ => Default::default(),
        }
    }
}

/// A `--now` value.
fn parse_now(now: Option<&str>) -> Result<Option<recur::model::Timestamp>, String> {
    now.map(|t| recur::analysis::period::parse_flag_time("--now", t).map_err(|e| e.to_string()))
        .transpose()
}

/// The period and output options of every analysis.
#[derive(Args, Debug)]
struct QueryArgs {
    #[command(flatten)]
    period: PeriodArgs,
    #[command(flatten)]
    filter: FilterArgs,
    /// Print how each figure is defined
    #[arg(long)]
    explain: bool,
    /// "Now", for overdue follow-ups (default: the end of the period, or the latest record for
    /// all time; never the wall clock, so outputs are reproducible)
    #[arg(long)]
    now: Option<String>,
    /// How to print the result
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
    /// How to print the result
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
}

/// Output format.
#[derive(ValueEnum, Clone, Copy, Debug)]
enum FormatArg {
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
    /// Prints what the binary makes from its own flags, without the library (shell completions,
    /// the man page); `None` for every other command.
    pub fn print_generated(&self, out: &mut dyn Write) -> Option<std::io::Result<()>> {
        use clap::CommandFactory;
        match &self.command {
            Sub::Completions { shell } => {
                clap_complete::generate(*shell, &mut Cli::command(), "recur", out);
                Some(Ok(()))
            }
            Sub::Man { out: None } => Some(clap_mangen::Man::new(Cli::command()).render(out)),
            Sub::Man { out: Some(dir) } => Some(
                std::fs::create_dir_all(dir)
                    .and_then(|()| clap_mangen::generate_to(Cli::command(), dir))
                    .and_then(|()| writeln!(out, "wrote the man pages into {}", dir.display())),
            ),
            _ => None,
        }
    }

    /// The library command and the global options; an error for values clap cannot check.
    pub fn into_command(self) -> Result<(Command, Global), String> {
        let filter = self.command.filter();
        let global = Global {
            filter,
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
                from: a.from,
                strict: a.strict,
                include: a.include,
                exclude: a.exclude,
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
                    all: a.all,
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
                view: recur::export::GraphView::parse(&a.view).map_err(|e| e.to_string())?,
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
            Sub::Completions { .. } | Sub::Man { .. } => {
                return Err("completions and man pages are printed by the binary itself".into());
            }
        };
        Ok((command, global))
    }
}
