//! `recur why INCIDENT`: the one more "why" for one incident. Its class; where else that class
//! struck, and whom; the shared components on the path and whether anyone owns them; whether any
//! follow-up fixed the class rather than the service; and what to finalise, in one sentence.

use super::context;
use crate::analysis::Analysis;
use crate::error::{RecurError, Result};
use crate::model::{Incident, Timestamp};
use crate::output::{Table, View};
use crate::runner::Runner;
use serde_json::json;

fn day(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The incident `id` names: exactly, else the one id equal to it but for case (`inc-1062` is
/// `INC-1062`); else an error that names the closest ids.
fn find(a: &Analysis<'_>, id: &str) -> Result<usize> {
    if let Some(index) = a.index_of(id) {
        return Ok(index);
    }
    let folded: Vec<usize> = (0..a.data.incidents.len())
        .filter(|i| a.data.incidents[*i].id.eq_ignore_ascii_case(id))
        .collect();
    if let [only] = folded[..] {
        return Ok(only);
    }
    let wanted = id.to_lowercase();
    let mut near: Vec<(usize, &str)> = a
        .data
        .incidents
        .iter()
        .map(|i| {
            (
                strsim::levenshtein(&i.id.to_lowercase(), &wanted),
                i.id.as_str(),
            )
        })
        .filter(|(d, _)| *d <= 2)
        .collect();
    near.sort_unstable();
    let hint = match &near[..] {
        [] => "recur stats shows what it holds".to_string(),
        some => format!(
            "did you mean {}?",
            some.iter()
                .take(3)
                .map(|(_, id)| *id)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(RecurError::NotFound(format!(
        "no incident {id:?} in the store ({hint})"
    )))
}

/// Builds the screen for one incident.
/// `all`: every past incident of the class, not only the latest ten.
pub fn view(a: &Analysis<'_>, id: &str, all: bool) -> Result<View> {
    let index = find(a, id)?;
    let incident = &a.data.incidents[index];
    let mut header = vec![format!(
        "{}  {}  ({}, {}, {}{})",
        incident.id,
        incident.title,
        incident
            .severity
            .map_or("no severity".to_string(), |s| s.label().to_string()),
        day(incident.started_at),
        incident.services.join(", "),
        incident
            .team
            .as_ref()
            .map(|t| format!("; {t}"))
            .unwrap_or_default()
    )];
    if let Some(url) = &incident.url {
        header.push(format!("postmortem: {url}"));
    }
    header.push(format!(
        "cause: {}",
        incident.root_cause.as_deref().unwrap_or("(none given)")
    ));
    let basis = &a.clustering.basis[index];
    let (links_table, links_json) = super::declared::links(a, incident);
    let incident_json = json!({"id": incident.id, "title": incident.title,
        "started_at": incident.started_at.to_rfc3339(), "services": incident.services,
        "team": incident.team, "root_cause": incident.root_cause, "url": incident.url,
        "links": links_json});
    let cluster = match a.clustering.cluster_of(index) {
        Some(c) if !c.crumb => c,
        _ => {
            header.push(match basis {
                crate::cluster::Basis::NoCause => {
                    "no cause stated: no sentence of its cause, title or factors names one \
                     (status updates and \"cause unknown\" do not)"
                        .into()
                }
                _ => {
                    "unclassified: no other incident in the store has a cause like this one".into()
                }
            });
            return Ok(View {
                json: json!({"incident": incident_json, "cluster": null, "basis": basis}),
                header,
                tables: links_table.into_iter().collect(),
                ..View::default()
            });
        }
    };
    let ctx = context::of_class(
        a,
        cluster,
        Some(&incident.id),
        usize::MAX,
        if all {
            usize::MAX
        } else {
            super::context::PAST_SHOWN
        },
    );
    header.push(ctx.summary.clone());
    header.push(format!("evidence: {}", basis.describe()));

    // This incident's follow-ups.
    let verdicts_of = |i: &Incident| a.index_of(&i.id).map(|ix| a.verdicts(ix)).unwrap_or(&[]);
    let mut follow_table = Table::new(
        &format!("follow-ups of {}", incident.id),
        &["action", "status", "scope", "why"],
    );
    let mut own = Vec::new();
    for (action, v) in incident.actions.iter().zip(verdicts_of(incident)) {
        follow_table.row(vec![
            action.title.as_str().into(),
            action.status.as_str().into(),
            v.scope.as_str().into(),
            v.evidence.join("; ").into(),
        ]);
        own.push(json!({"title": action.title, "status": action.status, "scope": v.scope, "basis": v.basis, "evidence": v.evidence}));
    }
    let mut footer = ctx.footer.clone();
    let json = json!({
        "incident": incident_json,
        "basis": basis,
        "cluster": ctx.json["cluster"],
        "other_incidents": ctx.json["other_incidents"],
        "shared_components": ctx.json["shared_components"],
        "followups": own,
        "class_followups": ctx.json["class_followups"],
        "suggestion": ctx.json["suggestion"],
    });
    let mut tables = ctx.tables;
    tables.extend(links_table);
    if !incident.actions.is_empty() {
        tables.push(follow_table);
    } else {
        footer.insert(0, format!("{} has no follow-ups.", incident.id));
    }
    Ok(View {
        json,
        header,
        tables,
        footer,
        csv: None,
    })
}

/// `recur why INCIDENT`.
pub(crate) fn command(
    run: &Runner<'_>,
    incident: &str,
    all: bool,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    run.analysis("why", crate::store::Load::Everything, format, out, |a| {
        view(a, incident, all)
    })
}
