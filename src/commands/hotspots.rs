//! `recur hotspots`: cause classes recurring across services, ranked by a documented score,
//! with the shared components on their path and who owns them.

use crate::analysis::Analysis;
use crate::analysis::hotspots::{EXPLAIN, hotspots};
use crate::analysis::period::Period;
use crate::output::{Cell, Table, View};
use serde_json::json;

/// Builds the ranking: systemic classes only (at least `min_services` services), best `top`.
pub fn view(
    a: &Analysis<'_>,
    period: &Period,
    top: usize,
    min_services: usize,
    explain: bool,
) -> View {
    let all = hotspots(a, period, min_services);
    let systemic: Vec<_> = all.iter().filter(|h| h.systemic).take(top).collect();
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
    let mut rows = Vec::new();
    for (rank, h) in systemic.iter().enumerate() {
        let comps: Vec<String> = h
            .components
            .iter()
            .take(2)
            .map(|c| format!("{} ({})", c.name, c.status.as_str()))
            .collect();
        table.row(vec![
            Cell::from(rank + 1),
            h.cluster_id.into(),
            Cell::Float(h.score),
            Cell::from(h.incidents.len()),
            Cell::from(h.services.len()),
            Cell::from(h.teams.len()),
            if comps.is_empty() {
                "-".into()
            } else {
                comps.join(", ").into()
            },
        ]);
        rows.push(json!({
            "rank": rank + 1,
            "cluster_id": h.cluster_id,
            "label": h.label,
            "class": h.class,
            "score": (h.score * 100.0).round() / 100.0,
            "score_parts": {"services": h.services.len(), "teams": h.teams.len(), "incidents": h.incidents.len(),
                            "severity": (h.severity * 1000.0).round() / 1000.0, "recency": (h.recency * 1000.0).round() / 1000.0,
                            "impact_hours": (h.impact_hours * 10.0).round() / 10.0},
            "services": h.services,
            "teams": h.teams,
            "components": h.components.iter().map(|c| json!({
                "component": c.name, "ownership": c.status, "owners": c.claims, "incidents": c.incidents, "services": c.services
            })).collect::<Vec<_>>(),
            "incident_ids": h.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            "first_seen": h.incidents.first().map(|i| i.started_at.to_rfc3339()),
            "last_seen": h.incidents.last().map(|i| i.started_at.to_rfc3339()),
        }));
    }
    let header = crate::output::explain_lines(EXPLAIN, explain);
    View {
        json: json!(rows),
        header,
        tables: vec![table],
        footer: vec![format!(
            "{} of {} classes in the period hit at least {min_services} services; `--explain` defines the score, `--format json` lists the incidents behind each row",
            all.iter().filter(|h| h.systemic).count(),
            all.len()
        )],
    }
}
