//! `recur hotspots`: cause classes recurring across services, ranked by a documented score,
//! with the shared components on their path and who owns them.

use crate::analysis::Analysis;
use crate::analysis::hotspots::{EXPLAIN, Hotspot, hotspots};
use crate::analysis::period::Period;
use crate::output::{Cell, Table, View};
use crate::runner::Runner;

/// The terminal table of the best `top` systemic hotspots.
pub fn table(rows: &[&Hotspot], period: &Period) -> Table {
    let mut table = Table::new(
        &format!("systemic hotspots, {}", period.describe()),
        &[
            "#",
            "cluster",
            "score",
            "incidents",
            "services",
            "teams",
            "shared components (ownership)",
        ],
    );
    for h in rows {
        let comps: Vec<String> = h
            .components
            .iter()
            .take(2)
            .map(|c| format!("{} ({})", c.name, c.status.as_str()))
            .collect();
        table.row(vec![
            h.rank.map_or(Cell::Empty, Cell::from),
            h.cluster_id.as_str().into(),
            Cell::Float(h.score),
            Cell::from(h.score_parts.incidents),
            Cell::from(h.score_parts.services),
            Cell::from(h.score_parts.teams),
            if comps.is_empty() {
                Cell::Empty
            } else {
                comps.join(", ").into()
            },
        ]);
    }
    table
}

/// Builds the ranking: systemic classes only (two or more incidents on at least `min_services`
/// services), best `top`.
pub fn view(
    a: &Analysis<'_>,
    period: &Period,
    top: usize,
    min_services: usize,
    explain: bool,
) -> View {
    let all = hotspots(a, period, min_services);
    let systemic: Vec<&Hotspot> = all.iter().filter(|h| h.systemic).take(top).collect();
    let recurring = all.iter().filter(|h| h.recurring).count();
    let footer = vec![
        format!(
            "{} of {recurring} recurring classes in the period are systemic (at least {min_services} services)",
            all.iter().filter(|h| h.systemic).count(),
        ),
        "`--explain` defines the score; `--format json` lists the incidents behind each row".into(),
    ];
    View::of(
        &systemic,
        EXPLAIN,
        explain,
        vec![table(&systemic, period)],
        footer,
    )
}

/// `recur hotspots`.
pub(crate) fn command(
    run: &Runner<'_>,
    query: &crate::Query,
    top: usize,
    min_services: usize,
    out: &mut dyn std::io::Write,
) -> crate::Result<()> {
    run.analysis(
        "hotspots",
        crate::store::Load::WithoutActions,
        query.format,
        out,
        |a| Ok(view(a, &query.period, top, min_services, query.explain)),
    )
}
