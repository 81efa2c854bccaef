//! `recur owners`: shared components and whether anyone really owns them.

use crate::analysis::Analysis;
use crate::analysis::owners::{EXPLAIN, ownership_gaps};
use crate::analysis::period::Period;
use crate::output::{Cell, Table, View};
use serde_json::json;

/// Builds the listing, not-owned first.
pub fn view(a: &Analysis<'_>, period: &Period, explain: bool) -> View {
    let rows = ownership_gaps(a, period);
    let mut table = Table::new(
        &format!("shared components, {}", period.describe()),
        &[
            "component",
            "ownership",
            "owners",
            "dependents",
            "incidents",
            "services hit",
        ],
    );
    for r in &rows {
        table.row(vec![
            r.component.as_str().into(),
            r.status.as_str().into(),
            crate::analysis::ownership::claims_text(&r.claims).into(),
            Cell::from(r.dependents.len()),
            Cell::from(r.incident_ids.len()),
            Cell::from(r.services_hit.len()),
        ]);
    }
    let gaps = rows.iter().filter(|r| r.status.is_gap()).count();
    let json = json!(
        rows.iter()
            .map(|r| json!({
                "component": r.component,
                "status": r.status,
                "owners": r.claims,
                "dependents": r.dependents,
                "services_hit": r.services_hit,
                "incident_ids": r.incident_ids,
            }))
            .collect::<Vec<_>>()
    );
    View {
        json,
        header: crate::output::explain_lines(EXPLAIN, explain),
        tables: vec![table],
        footer: vec![format!(
            "{gaps} of {} shared components are not owned by exactly one team",
            rows.len()
        )],
    }
}
