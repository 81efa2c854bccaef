//! Command-line flags (clap) and their translation into the library's typed options. No clap
//! type crosses into the library.

mod args;
mod examples;

use args::*;
use clap::{Parser, Subcommand};
use examples::*;
use recur::commands::import::ImportOptions;
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
