//! `recur report`: the period's findings, computed once, written as `report.html`,
//! `report.md`, `report.json`, `charts/` and `tables/` into `reports/<period>/` (or `--out`).

use crate::analysis::findings::{Findings, Request};
use crate::analysis::period::Period;
use crate::error::Result;
use crate::model::Timestamp;
use crate::output::{Format, View};
use crate::report::{ReportFormat, ReportRequest, write_report};
use crate::runner::Runner;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Services a class must hit to be systemic in the report.
const MIN_SERVICES: usize = crate::analysis::classes::DEFAULT_MIN_SERVICES;

/// Writes the report of `period`; `now`, when given, is stated as the generation time and used
/// as "now" (otherwise "now" is the end of the period, or of the data, and the files are
/// byte-identical for the same store).
pub(crate) fn command(
    run: &Runner<'_>,
    period: &Period,
    now: Option<Timestamp>,
    dir: Option<&Path>,
    formats: &[ReportFormat],
    out: &mut dyn Write,
) -> Result<()> {
    run.analysis(
        "report",
        crate::store::Load::Everything,
        Format::Table,
        out,
        |a| {
            let findings = run.timings.stage("report / findings", || {
                Findings::compute(
                    a,
                    &Request {
                        period: *period,
                        now: a.now_for(period, now),
                        min_services: MIN_SERVICES,
                    },
                )
            });
            let dir = dir
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("reports").join(period.slug()));
            let written = write_report(
                a,
                &findings,
                &ReportRequest {
                    stamp: now,
                    dir: &dir,
                    formats,
                },
                run.timings,
                run.progress,
            )?;
            // Freeing a million incidents' findings is left to the end of the process.
            crate::runner::release(run.global, findings);
            Ok(View {
                footer: vec![format!(
                    "wrote {} files into {}",
                    written.len(),
                    dir.display()
                )],
                ..View::default()
            })
        },
    )
}
