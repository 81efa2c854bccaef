//! `recur gaps`: where incident work stopped at Fix. Recurring classes without a completed
//! systemic follow-up (and why), incidents with no follow-up, overdue follow-ups, the
//! finalisation rate, and each finalised class's incident rate before and after its fix.

use crate::analysis::Analysis;
use crate::analysis::gaps::{EXPLAIN, gaps};
use crate::analysis::period::Period;
use crate::model::Timestamp;
use crate::output::{Cell, Table, View};
use serde_json::json;

/// Builds the report; `now` decides what is overdue.
pub fn view(a: &Analysis<'_>, period: &Period, now: Timestamp, explain: bool) -> View {
    let g = gaps(a, period, now);
    let open: Vec<_> = g.classes.iter().filter(|c| !c.finalised()).collect();
    let mut gap_table = Table::new(
        &format!("finalisation gaps, {}", period.describe()),
        &["cluster", "incidents", "services", "follow-ups", "reason"],
    );
    for c in &open {
        gap_table.row(vec![
            c.cluster_id.into(),
            Cell::from(c.incidents.len()),
            Cell::from(c.services.len()),
            Cell::from(c.followups.len()),
            c.reasons.join("; ").into(),
        ]);
    }
    let mut proof = Table::new(
        "finalising pays: incidents per quarter before and after the systemic fix",
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
        let svcs = |list: &[&crate::model::Incident]| {
            list.iter()
                .flat_map(|i| i.services.iter())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        proof.row(vec![
            b.cluster_id.into(),
            b.fixed_at.format("%Y-%m-%d").to_string().into(),
            Cell::Float(b.rate_before()),
            Cell::Float(b.rate_after()),
            Cell::from(svcs(&b.before)),
            Cell::from(svcs(&b.after)),
        ]);
    }
    let rate = g.finalisation_rate();
    let json = json!({
        "period": period.describe(),
        "finalisation_rate": rate,
        "recurring_classes": g.classes.len(),
        "finalised_classes": g.classes.iter().filter(|c| c.finalised()).map(|c| json!({
            "cluster_id": c.cluster_id, "label": c.label,
            "fix": c.systemic_done.map(|(a, _)| a.title.as_str()),
            "fixed_at": c.systemic_done.map(|(_, t)| t.to_rfc3339()),
        })).collect::<Vec<_>>(),
        "gaps": open.iter().map(|c| json!({
            "cluster_id": c.cluster_id,
            "label": c.label,
            "services": c.services,
            "incident_ids": c.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            "reason": c.reasons.first(),
            "reasons": c.reasons,
            "followups": c.followups.iter().map(|j| json!({
                "incident_id": j.incident.id, "title": j.action.title, "status": j.action.status,
                "scope": j.verdict.scope, "basis": j.verdict.basis, "evidence": j.verdict.evidence,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "incidents_without_followups": g.without_followups.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        "overdue_followups": g.overdue.iter().map(|(i, x)| json!({
            "incident_id": i.id, "title": x.title, "owner": x.owner, "due_at": x.due_at.map(|t| t.to_rfc3339()),
        })).collect::<Vec<_>>(),
        "before_after": g.before_after.iter().map(|b| json!({
            "cluster_id": b.cluster_id, "label": b.label, "fix": b.fix, "fixed_at": b.fixed_at.to_rfc3339(),
            "incidents_per_quarter_before": (b.rate_before() * 100.0).round() / 100.0,
            "incidents_per_quarter_after": (b.rate_after() * 100.0).round() / 100.0,
            "incident_ids_before": b.before.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            "incident_ids_after": b.after.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let footer = vec![
        format!(
            "finalisation rate: {} ({} of {} recurring classes have a completed systemic follow-up)",
            rate.map_or("n/a".into(), |r| format!("{:.0}%", r * 100.0)),
            g.classes.iter().filter(|c| c.finalised()).count(),
            g.classes.len()
        ),
        format!(
            "{} incidents have no follow-up; {} follow-ups are overdue (as of {})",
            g.without_followups.len(),
            g.overdue.len(),
            now.format("%Y-%m-%d")
        ),
    ];
    let mut tables = vec![gap_table];
    if !g.before_after.is_empty() {
        tables.push(proof);
    }
    View {
        json,
        header: crate::output::explain_lines(EXPLAIN, explain),
        tables,
        footer,
    }
}
