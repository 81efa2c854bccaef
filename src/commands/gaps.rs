//! `recur gaps`: where incident work stopped at Fix. Recurring classes without a completed
//! systemic follow-up (and why), incidents with no follow-up, overdue follow-ups, the
//! finalisation rate, and each finalised class's incident rate before and after its fix.

use crate::analysis::Analysis;
use crate::analysis::gaps::{EXPLAIN, gaps};
use crate::analysis::period::Period;
use crate::model::Timestamp;
use crate::output::{Cell, Table, View, count};
use crate::runner::Runner;

/// Builds the report; `now` decides what is overdue (and, when earlier than the end of the
/// period, which follow-ups count as done).
pub fn view(a: &Analysis<'_>, period: &Period, now: Timestamp, explain: bool) -> View {
    let g = gaps(a, period, now);
    let mut gap_table = Table::new(
        &format!("finalisation gaps, {}", period.describe()),
        &["cluster", "incidents", "services", "follow-ups", "reason"],
    );
    for c in g.gaps() {
        gap_table.row(vec![
            c.cluster_id.as_str().into(),
            Cell::from(c.incident_ids.len()),
            Cell::from(c.services.len()),
            Cell::from(c.followups.total),
            c.reasons.join("; ").into(),
        ]);
    }
    let mut proof = Table::new(
        "finalising pays: incidents per quarter before and after the first systemic fix",
        &[
            "cluster",
            "fixed on",
            "before /q",
            "after /q",
            "services before",
            "services after",
        ],
    );
    for b in &g.before_after {
        proof.row(vec![
            b.cluster_id.as_str().into(),
            Cell::Time(b.fixed_at),
            Cell::Float(b.incidents_per_quarter_before),
            Cell::Float(b.incidents_per_quarter_after),
            Cell::from(b.services_before),
            Cell::from(b.services_after),
        ]);
    }
    let footer = vec![
        format!(
            "finalisation rate: {} ({} of {} recurring classes have a completed systemic follow-up)",
            Cell::rate(g.finalisation_rate).display(),
            g.finalised_classes,
            g.recurring_classes
        ),
        format!(
            "{} no follow-up; {} overdue (as of {})",
            count(g.incidents_without_followups.len(), "incident")
                + if g.incidents_without_followups.len() == 1 {
                    " has"
                } else {
                    " have"
                },
            count(g.overdue_followups.len(), "follow-up")
                + if g.overdue_followups.len() == 1 {
                    " is"
                } else {
                    " are"
                },
            Cell::Time(now).display()
        ),
    ];
    let mut tables = vec![gap_table];
    if !g.before_after.is_empty() {
        tables.push(proof);
    }
    View::of(&g, EXPLAIN, explain, tables, footer)
}

/// `recur gaps`.
pub(crate) fn command(
    run: &Runner<'_>,
    query: &crate::Query,
    out: &mut dyn std::io::Write,
) -> crate::Result<()> {
    run.analysis(
        "gaps",
        crate::store::Load::Everything,
        query.format,
        out,
        |a| {
            let now = a.now_for(&query.period, query.now);
            Ok(view(a, &query.period, now, query.explain))
        },
    )
}
