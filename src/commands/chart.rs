//! `recur chart`: one chart of the period's findings as SVG or PNG (by the file extension), or
//! the list of charts.

use crate::analysis::findings::{Findings, Request};
use crate::chart::{ChartData, ChartFormat, ChartKind, render};
use crate::error::{RecurError, Result};
use crate::output::files::write_file;
use crate::output::{Format, Table, View};
use crate::runner::Runner;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Lists the charts.
pub(crate) fn list(format: Format, out: &mut dyn Write) -> Result<()> {
    let mut table = Table::new("", &["chart", "what it shows"]);
    for k in ChartKind::ALL {
        table.row(vec![k.name().into(), k.description().into()]);
    }
    let json = serde_json::json!(
        ChartKind::ALL
            .iter()
            .map(|k| serde_json::json!({"name": k.name(), "description": k.description()}))
            .collect::<Vec<_>>()
    );
    crate::runner::print(
        &View {
            json,
            tables: vec![table],
            ..View::default()
        },
        format,
        out,
    )
}

/// Draws `kind` into `path` (default `<kind>.svg`) at `size` pixels.
pub(crate) fn command(
    run: &Runner<'_>,
    kind: ChartKind,
    path: Option<&Path>,
    size: (u32, u32),
    query: &crate::Query,
    out: &mut dyn Write,
) -> Result<()> {
    let path = path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("{}.svg", kind.name())));
    let format = ChartFormat::of(&path)?;
    run.analysis(
        "chart",
        crate::store::Load::Everything,
        Format::Table,
        out,
        |a| {
            let findings = Findings::compute(
                a,
                &Request {
                    period: query.period,
                    now: a.now_for(&query.period, query.now),
                    min_services: crate::analysis::classes::DEFAULT_MIN_SERVICES,
                },
            );
            let bytes = render(
                kind,
                &ChartData::from_findings(&findings),
                format,
                size.0,
                size.1,
            )?;
            write_file(&path, |w| {
                w.write_all(&bytes).map_err(|e| RecurError::io(&path, e))
            })?;
            Ok(View {
                footer: vec![format!("wrote {}", path.display())],
                ..View::default()
            })
        },
    )
}
