//! The quarterly report: `report.html` (self-contained), `report.md`, `report.json`, plus
//! `charts/` (SVG and PNG) and `tables/` (CSV). One [`ReportData`] feeds every format; each format
//! is one [`ReportWriter`].

pub mod data;
mod render;

pub use data::ReportData;

use crate::analysis::Analysis;
use crate::analysis::period::Period;
use crate::chart::data::Inputs;
use crate::chart::{ChartData, ChartKind, render as render_chart};
use crate::error::{RecurError, Result};
use crate::export::{self, CsvExporter};
use crate::model::Timestamp;
use crate::progress::{Progress, Timings};
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

/// One way to write the report.
pub trait ReportWriter {
    /// The file it writes in the report directory.
    fn file_name(&self) -> &'static str;
    /// Renders the report.
    fn render(&self, data: &ReportData, dir: &Path) -> Result<String>;
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
    pub period: &'r Period,
    /// "Now" for overdue follow-ups and open periods.
    pub now: Timestamp,
    /// Printed as the generation time when given (otherwise the files are byte-identical for
    /// the same store).
    pub stamp: Option<Timestamp>,
    pub dir: &'r Path,
    pub formats: &'r [ReportFormat],
}

/// Writes the report; returns the files written.
pub fn write_report(
    a: &Analysis<'_>,
    request: &ReportRequest<'_>,
    timings: &Timings,
    progress: Progress,
) -> Result<Vec<PathBuf>> {
    let ReportRequest {
        period,
        now,
        stamp,
        dir,
        formats,
    } = *request;
    std::fs::create_dir_all(dir).map_err(|e| RecurError::io(dir, e))?;
    let bar = progress.parts("report", 7);
    // Each part is timed (`--timings`) and counted on the bar.
    let part = |name: &str| {
        bar.set_message(name.to_string());
        bar.inc(1);
    };
    timings.stage("report / follow-up verdicts", || a.prepare());
    part("analyses");
    let inputs = timings.stage("report / analyses", || Inputs::new(a, period, now))?;
    part("summary");
    let data = timings.stage("report / summary", || {
        ReportData::new(a, &inputs, period, now, stamp)
    })?;
    part("chart data");
    let chart_data = timings.stage("report / chart data", || {
        ChartData::from_inputs(a, period, &inputs)
    });
    part("charts");
    let mut written = Vec::new();
    timings.stage("report / charts", || -> Result<()> {
        for kind in ChartKind::ALL {
            for ext in ["svg", "png"] {
                let path = dir.join("charts").join(format!("{}.{ext}", kind.name()));
                render_chart(kind, &chart_data, &path, CHART_SIZE.0, CHART_SIZE.1)?;
                written.push(path);
            }
        }
        Ok(())
    })?;
    part("tables");
    let tables = timings.stage("report / tables", || {
        export::write_tables(
            a,
            &inputs,
            &[&CsvExporter, &export::ParquetExporter],
            &dir.join("tables"),
        )
    })?;
    written.extend(tables);
    part("documents");
    timings.stage("report / documents", || -> Result<()> {
        for format in formats {
            let w = writer(*format);
            let path = dir.join(w.file_name());
            let text = w.render(&data, dir)?;
            std::fs::write(&path, text).map_err(|e| RecurError::io(&path, e))?;
            written.push(path);
        }
        Ok(())
    })?;
    part("done");
    bar.finish_and_clear();
    Ok(written)
}
