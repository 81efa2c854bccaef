//! `recur export`: the knowledge graph (DOT, GraphML, JSON) into a file, and the tables (the
//! records and the all-time findings) into a folder, for analysts.

use crate::analysis::findings::{Findings, Request};
use crate::analysis::period::Period;
use crate::error::Result;
use crate::export::{self, GraphFormat, GraphView, TableFormat};
use crate::output::files::OutputDir;
use crate::output::{Format, View};
use crate::runner::Runner;
use std::io::Write;
use std::path::Path;

/// Writes the graph to `path`, or the tables into the folder `path`.
pub(crate) fn command(
    run: &Runner<'_>,
    graph: Option<(GraphFormat, &GraphView)>,
    tables: Option<TableFormat>,
    path: &Path,
    out: &mut dyn Write,
) -> Result<()> {
    run.analysis(
        "export",
        crate::store::Load::Everything,
        Format::Table,
        out,
        |a| {
            let mut written = Vec::new();
            // The views and the tables read the all-time findings.
            let needed = tables.is_some() || graph.is_some_and(|g| *g.1 != GraphView::Full);
            let findings = needed.then(|| {
                let period = Period::default();
                Findings::compute(
                    a,
                    &Request {
                        period,
                        now: a.now_for(&period, None),
                        min_services: crate::analysis::classes::DEFAULT_MIN_SERVICES,
                    },
                )
            });
            match (graph, &findings) {
                (Some((format, GraphView::Full)), _) => {
                    written.push(export::write_graph(a.graph(), format, path)?);
                }
                (Some((format, which)), Some(f)) => {
                    let g = export::view(a, f, which)?;
                    written.push(export::write_graph(&g, format, path)?);
                }
                _ => {}
            }
            if let (Some(format), Some(f)) = (tables, &findings) {
                written.extend(export::write_tables(
                    a,
                    f,
                    &[export::exporter(format)],
                    &OutputDir::new(path),
                )?);
            }
            Ok(View {
                footer: written
                    .iter()
                    .map(|f| format!("wrote {}", f.display()))
                    .collect(),
                ..View::default()
            })
        },
    )
}
