//! The quarterly report: `report.html` (self-contained), `report.md`, `report.json`, plus
//! `charts/` (SVG and PNG) and `tables/` (CSV and Parquet), all from one [`Findings`] value: the
//! documents render its [`ReportData`] selection, each format one [`ReportWriter`].

pub mod data;
mod render;
mod rows;

pub use data::ReportData;

use crate::analysis::Analysis;
use crate::analysis::findings::Findings;
use crate::chart::{ChartData, ChartFormat, ChartKind, render as render_chart};
use crate::error::{RecurError, Result};
use crate::export::{self, CsvExporter};
use crate::model::Timestamp;
use crate::output::files::OutputDir;
use crate::progress::{Progress, Timings};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

impl ReportFormat {
    /// Reads `html`, `md`, `json`.
    pub fn parse(text: &str) -> Result<Self> {
        match text.trim() {
            "html" => Ok(Self::Html),
            "md" | "markdown" => Ok(Self::Markdown),
            "json" => Ok(Self::Json),
            other => Err(RecurError::Invalid(format!(
                "unknown report format {other:?} (expected html, md or json)"
            ))),
        }
    }
}

/// A chart of the report, drawn in memory: the HTML inlines its SVG.
pub struct DrawnChart {
    pub kind: ChartKind,
    pub svg: String,
}

/// One way to write the report.
pub trait ReportWriter {
    /// The file it writes in the report directory.
    fn file_name(&self) -> &'static str;
    /// Renders the report into `out`.
    fn render(&self, data: &ReportData, charts: &[DrawnChart], out: &mut dyn Write) -> Result<()>;
}

fn writer(format: ReportFormat) -> &'static dyn ReportWriter {
    match format {
        ReportFormat::Html => &render::Html,
        ReportFormat::Markdown => &render::Markdown,
        ReportFormat::Json => &render::Json,
    }
}

/// Chart size in the report.
const CHART_SIZE: (u32, u32) = (1000, 560);

/// What report to write, and where.
pub struct ReportRequest<'r> {
    /// Printed as the generation time when given (otherwise the files are byte-identical for
    /// the same store).
    pub stamp: Option<Timestamp>,
    pub dir: &'r Path,
    pub formats: &'r [ReportFormat],
}

/// Writes the report of `findings` (the records' tables come from `a`); returns the files
/// written.
pub fn write_report(
    a: &Analysis<'_>,
    findings: &Findings,
    request: &ReportRequest<'_>,
    timings: &Timings,
    progress: Progress,
) -> Result<Vec<PathBuf>> {
    let ReportRequest {
        stamp,
        dir,
        formats,
    } = *request;
    let files = OutputDir::new(dir);
    let bar = progress.parts("report", 4);
    // Each part is timed (`--timings`) and counted on the bar.
    let part = |name: &str| {
        bar.set_message(name.to_string());
        bar.inc(1);
    };
    part("charts");
    let data = ReportData::new(findings, stamp);
    let chart_data = ChartData::from_findings(findings);
    let mut written = Vec::new();
    let mut drawn = Vec::new();
    timings.stage("report / charts", || -> Result<()> {
        for kind in ChartKind::ALL {
            for format in [ChartFormat::Svg, ChartFormat::Png] {
                let bytes = render_chart(kind, &chart_data, format, CHART_SIZE.0, CHART_SIZE.1)?;
                let name = format!("charts/{}.{}", kind.name(), format.extension());
                written.push(files.write(&name, |out| {
                    out.write_all(&bytes)
                        .map_err(|e| RecurError::io(&dir.join(&name), e))
                })?);
                if format == ChartFormat::Svg {
                    drawn.push(DrawnChart {
                        kind,
                        svg: String::from_utf8_lossy(&bytes).into_owned(),
                    });
                }
            }
        }
        Ok(())
    })?;
    part("tables");
    let tables = timings.stage("report / tables", || {
        export::write_tables(
            a,
            findings,
            &[&CsvExporter, &export::ParquetExporter],
            &OutputDir::new(&dir.join("tables")),
        )
    })?;
    written.extend(tables);
    part("documents");
    timings.stage("report / documents", || -> Result<()> {
        for format in formats {
            let w = writer(*format);
            written.push(files.write(w.file_name(), |out| w.render(&data, &drawn, out))?);
        }
        Ok(())
    })?;
    part("done");
    bar.finish_and_clear();
    Ok(written)
}
