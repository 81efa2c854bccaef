//! `recur owners`: shared components and whether anyone really owns them; components incidents
//! name that the catalog does not know are listed apart.

use crate::analysis::Analysis;
use crate::analysis::owners::{ComponentRow, EXPLAIN, ownership_gaps};
use crate::analysis::period::Period;
use crate::output::{Cell, Table, View};
use crate::runner::Runner;
use std::collections::BTreeSet;

fn table(title: &str, rows: &[ComponentRow]) -> Table {
    let mut table = Table::new(
        title,
        &[
            "component",
            "ownership",
            "owners",
            "dependents",
            "incidents",
            "services hit",
        ],
    );
    for r in rows {
        let teams: BTreeSet<&str> = r.owners.iter().map(|c| c.team.as_str()).collect();
        table.row(vec![
            r.component.as_str().into(),
            r.status.as_str().into(),
            Cell::list(teams),
            Cell::from(r.dependents.len()),
            Cell::from(r.incident_ids.len()),
            Cell::from(r.services_hit.len()),
        ]);
    }
    table
}

/// Builds the listing, not-owned first.
pub fn view(a: &Analysis<'_>, period: &Period, explain: bool) -> View {
    let o = ownership_gaps(a, period);
    let gaps = o.gaps().count();
    let mut tables = vec![table(
        &format!("shared components, {}", period.describe()),
        &o.shared,
    )];
    let mut footer = vec![format!(
        "{gaps} of {} shared components in the catalog are not owned by exactly one team",
        o.shared.len()
    )];
    if !o.not_in_catalog.is_empty() {
        tables.push(table(
            "not in the catalog: shared components only incidents name",
            &o.not_in_catalog,
        ));
        footer.push(format!(
            "{} shared components are named by incidents but absent from the catalog: add them to it",
            o.not_in_catalog.len()
        ));
    }
    View::of(&o, EXPLAIN, explain, tables, footer)
}

/// `recur owners`.
pub(crate) fn command(
    run: &Runner<'_>,
    query: &crate::Query,
    out: &mut dyn std::io::Write,
) -> crate::Result<()> {
    run.analysis(
        "ownership",
        crate::store::Load::WithoutActions,
        query.format,
        out,
        |a| Ok(view(a, &query.period, query.explain)),
    )
}
