//! `recur clusters`: each cause cluster with its class, reach (services, teams, components), span
//! in time, and example cause texts; with `--explain`, the evidence behind each (matched phrases,
//! same wording, similar meaning); and what is left unclassified.

use crate::analysis::Analysis;
use crate::analysis::period::Period;
use crate::cluster::Basis;
use crate::output::{Cell, Table, View};
use crate::runner::Runner;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// How the members of a cluster got there.
#[derive(Default)]
struct EvidenceCounts<'a> {
    phrases: BTreeMap<&'a str, usize>,
    words: usize,
    meaning: usize,
    min_similarity: Option<f32>,
    curated: usize,
    linked: usize,
}

impl EvidenceCounts<'_> {
    fn text(&self) -> String {
        let mut parts = Vec::new();
        let by_phrase: usize = self.phrases.values().sum();
        if by_phrase > 0 {
            let mut top: Vec<(&&str, &usize)> = self.phrases.iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let names: Vec<String> = top
                .iter()
                .take(2)
                .map(|(p, _)| format!("\"{p}\""))
                .collect();
            parts.push(format!("{by_phrase} by phrase ({})", names.join(", ")));
        }
        if self.words > 0 {
            parts.push(format!("{} same wording", self.words));
        }
        if self.meaning > 0 {
            parts.push(format!(
                "{} by meaning (≥ {:.2})",
                self.meaning,
                self.min_similarity.unwrap_or(0.0)
            ));
        }
        if self.linked > 0 {
            parts.push(format!("{} by declared link", self.linked));
        }
        if self.curated > 0 {
            parts.push(format!("{} curated", self.curated));
        }
        parts.join("; ")
    }
}

/// Builds the listing of clusters with at least `min_size` incidents (`explain`: with the
/// evidence column).
pub fn view(a: &Analysis<'_>, min_size: usize, explain: bool) -> View {
    let mut table = Table::new(
        "",
        &[
            "cluster",
            "label",
            "incidents",
            "services",
            "teams",
            "first",
            "last",
        ],
    );
    if explain {
        table.headers.push("evidence".into());
    }
    let mut rows = Vec::new();
    for (ci, c) in a.clustering.clusters.iter().enumerate() {
        // Under a filter the classes stay; only their in-scope members count.
        let members: Vec<usize> = c
            .members
            .iter()
            .copied()
            .filter(|m| a.in_scope(*m))
            .collect();
        if members.len() < min_size.max(1) {
            continue;
        }
        let incidents: Vec<&crate::model::Incident> =
            members.iter().map(|m| &a.data.incidents[*m]).collect();
        let services: BTreeSet<&str> = incidents
            .iter()
            .flat_map(|i| i.services.iter().map(String::as_str))
            .collect();
        let teams: BTreeSet<&str> = incidents.iter().filter_map(|i| i.team.as_deref()).collect();
        let components: BTreeSet<&str> = incidents
            .iter()
            .flat_map(|i| i.components.iter().map(String::as_str))
            .collect();
        let first = incidents.iter().map(|i| i.started_at).min();
        let last = incidents.iter().map(|i| i.started_at).max();
        let mut examples: Vec<&str> = Vec::new();
        for i in &incidents {
            if let Some(rc) = i.root_cause.as_deref()
                && !examples.contains(&rc)
            {
                examples.push(rc);
            }
            if examples.len() == 3 {
                break;
            }
        }
        let day = |t: Option<crate::model::Timestamp>| {
            t.map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let mut evidence = EvidenceCounts::default();
        for m in &members {
            match &a.clustering.basis[*m] {
                Basis::Phrase { phrase } => *evidence.phrases.entry(phrase).or_default() += 1,
                Basis::Words | Basis::Alone => evidence.words += 1,
                Basis::Meaning { similarity } => {
                    evidence.meaning += 1;
                    evidence.min_similarity = Some(
                        evidence
                            .min_similarity
                            .map_or(*similarity, |s| s.min(*similarity)),
                    );
                }
                Basis::Curated => evidence.curated += 1,
                Basis::DeclaredLink { .. } => evidence.linked += 1,
                Basis::NoCause | Basis::NotAClass => {}
            }
        }
        let mut row = vec![
            c.id.as_str().into(),
            c.label.as_str().into(),
            Cell::from(members.len()),
            Cell::from(services.len()),
            Cell::from(teams.len()),
            day(first).into(),
            day(last).into(),
        ];
        if explain {
            row.push(evidence.text().into());
        }
        table.row(row);
        rows.push(json!({
            "id": c.id,
            "label": c.label,
            "class": c.class,
            "incidents": members.len(),
            "incident_ids": incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            "services": services,
            "teams": teams,
            "components": components,
            "first_seen": first.map(|t| t.to_rfc3339()),
            "last_seen": last.map(|t| t.to_rfc3339()),
            "top_terms": c.top_terms,
            "weak_members": c.weak_members,
            "examples": examples,
            "rank": ci + 1,
            "evidence": {
                "by_phrase": evidence.phrases,
                "same_wording": evidence.words,
                "by_meaning": evidence.meaning,
                "min_similarity": evidence.min_similarity,
                "curated": evidence.curated,
                "declared_link": evidence.linked,
            },
        }));
    }
    let shown = rows.len();
    let alone = a
        .clustering
        .clusters
        .iter()
        .filter(|c| c.crumb && c.members.iter().any(|m| a.in_scope(*m)))
        .count();
    let count = |b: fn(&Basis) -> bool| {
        (a.clustering.basis.iter().enumerate())
            .filter(|(m, x)| b(x) && a.in_scope(*m))
            .count()
    };
    let no_cause = count(|b| *b == Basis::NoCause);
    let not_a_class = count(|b| *b == Basis::NotAClass);
    let recurring = a
        .clustering
        .clusters
        .iter()
        .filter(|c| !c.crumb)
        .filter(|c| crate::analysis::classes::in_period(a, &c.members, &Period::default()).1)
        .count();
    let mut footer = vec![
        format!(
            "{shown} cluster(s) with at least {min_size} incident(s), of {} in all; `--format json` lists members and examples",
            a.clustering.clusters.len()
        ),
        format!(
            "{recurring} recurring classes (two or more incidents on two or more services, all time), as `recur hotspots` and the report count them"
        ),
        format!(
            "unclassified: {alone} incident(s) like no other, {no_cause} with no cause stated{}",
            if not_a_class > 0 {
                format!(", {not_a_class} in clusters curated as not a class")
            } else {
                String::new()
            }
        ),
    ];
    if explain {
        footer.push(
            "evidence: \"by phrase\" = the text has a phrase of the class; \"same wording\" = the \
             cluster's own words; \"by meaning\" = joined by sentence similarity (cosine to the \
             cluster's centre); \"by declared link\" = a duplicate of, or of one problem \
             record with, a member placed by its text"
                .into(),
        );
    }
    footer.extend(a.clustering.link_notes.iter().cloned());
    footer.extend(a.clustering.curation_notes.iter().cloned());
    View {
        header: Vec::new(),
        json: json!(rows),
        tables: vec![table],
        footer,
        csv: None,
    }
}

/// `recur clusters` (and `--suggest`).
pub(crate) fn command(
    run: &Runner<'_>,
    min_size: usize,
    explain: bool,
    suggest: bool,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> crate::Result<()> {
    run.analysis(
        "clusters",
        crate::store::Load::WithoutActions,
        format,
        out,
        |a| {
            Ok(if suggest {
                super::suggest::view(a)
            } else {
                view(a, min_size, explain)
            })
        },
    )
}
