//! `recur similar "free text"` (and `recur why --text`): during an incident, the past incidents
//! whose causes mean the most nearly the same (id, date, services, title, similarity, cluster),
//! then what recur knows about their class: where it struck, the shared components on its path and
//! who owns them, and whether a follow-up fixed the class.
//!
//! The text is embedded once; past incidents are compared through the texts the clustering
//! embedded (each incident's own wording or its wording group's), whose vectors the store keeps.

use super::context;
use crate::analysis::{Analysis, entity_names};
use crate::cluster::{normalize::Normalizer, words::sentences};
use crate::embed::{Embedder, TextKey, VectorCache, cosine};
use crate::error::{RecurError, Result};
use crate::output::{Cell, Table, View};
use crate::runner::Runner;
use serde_json::json;
use std::collections::BTreeMap;

/// Below this cosine a neighbour is listed but not taken as the same class.
const SAME_CLASS: f32 = 0.5;

/// Candidates re-ranked by their own wording, per incident listed.
const RERANK: usize = 3;

/// Services listed under the class (the most hit).
const SERVICES_SHOWN: usize = 8;

/// The text as the clustering embeds causes: names masked, numbers dropped.
fn meaning(normalizer: &Normalizer, text: &str) -> String {
    normalizer
        .mask(Normalizer::words(text))
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `top` most similar past incidents to `text`, and their class.
pub fn view(
    a: &Analysis<'_>,
    vectors: &VectorCache,
    model: &dyn Embedder,
    text: &str,
    top: usize,
) -> Result<View> {
    let normalizer = Normalizer::new(&entity_names(a.data), &a.taxonomy.vocabulary());
    let query = meaning(&normalizer, text);
    if query.is_empty() {
        return Err(RecurError::Invalid(
            "similar: the text has no words to compare (give a cause, a symptom or an error)"
                .into(),
        ));
    }
    let q = model.embed(&[query.as_str()])?.pop().unwrap_or_default();
    let rep_similarity: Vec<Option<f32>> = a
        .clustering
        .reps
        .iter()
        .map(|r| vectors.get(&TextKey::of(r)).map(|v| cosine(&q, v)))
        .collect();
    let mut ranked: Vec<(usize, f32)> = a
        .clustering
        .rep_of
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.and_then(|r| rep_similarity.get(r as usize).copied().flatten())
                .map(|s| (i, s))
        })
        .collect();
    let incidents = &a.data.incidents;
    ranked.sort_by(|x, y| {
        y.1.total_cmp(&x.1)
            .then(incidents[y.0].started_at.cmp(&incidents[x.0].started_at))
            .then(incidents[x.0].id.cmp(&incidents[y.0].id))
    });
    // The nearest wording groups' incidents, re-ranked by their own wording.
    ranked.truncate(top.saturating_mul(RERANK));
    let own: Vec<String> = ranked
        .iter()
        .map(|(i, _)| meaning(&normalizer, &crate::cluster::evidence(&incidents[*i]).0))
        .collect();
    let missing: Vec<&str> = own
        .iter()
        .filter(|t| !t.is_empty() && vectors.get(&TextKey::of(t)).is_none())
        .map(String::as_str)
        .collect();
    let fresh = model.embed(&missing)?;
    let fresh: std::collections::HashMap<&str, Vec<f32>> = missing.into_iter().zip(fresh).collect();
    for ((_, s), t) in ranked.iter_mut().zip(&own) {
        let v = vectors
            .get(&TextKey::of(t))
            .or(fresh.get(t.as_str()).map(Vec::as_slice));
        if let Some(v) = v {
            *s = cosine(&q, v);
        }
    }
    ranked.sort_by(|x, y| {
        y.1.total_cmp(&x.1)
            .then(incidents[y.0].started_at.cmp(&incidents[x.0].started_at))
            .then(incidents[x.0].id.cmp(&incidents[y.0].id))
    });
    ranked.truncate(top);

    let mut header = vec![format!("past incidents most like: {}", one_line(text, 90))];
    let hits = a.taxonomy.matches(
        &sentences(text)
            .into_iter()
            .map(|s| normalizer.phrase_terms(s))
            .collect::<Vec<_>>(),
    );
    if let Some((class, _)) = hits.first() {
        header.push(format!(
            "the taxonomy reads it as: {}",
            a.taxonomy.classes[*class].label
        ));
    }
    let mut table = Table::new(
        "",
        &[
            "#",
            "incident",
            "date",
            "services",
            "title",
            "similarity",
            "cluster",
        ],
    );
    let mut rows = Vec::new();
    for (rank, (i, s)) in ranked.iter().enumerate() {
        let incident = &incidents[*i];
        let cluster = a.clustering.cluster_of(*i).filter(|c| !c.crumb);
        table.row(vec![
            Cell::from(rank + 1),
            incident.id.as_str().into(),
            incident.started_at.format("%Y-%m-%d").to_string().into(),
            incident.services.join(", ").into(),
            one_line(&incident.title, 48).into(),
            format!("{s:.2}").into(),
            cluster
                .map_or("unclassified".into(), |c| c.id.clone())
                .into(),
        ]);
        rows.push(json!({
            "id": incident.id, "started_at": incident.started_at.to_rfc3339(),
            "services": incident.services, "title": incident.title, "similarity": s,
            "cluster": cluster.map(|c| &c.id), "class": cluster.and_then(|c| c.class.as_ref()),
            "root_cause": incident.root_cause,
        }));
    }
    // The class: the cluster the close neighbours share most (similarity-weighted).
    let mut votes: BTreeMap<usize, f32> = BTreeMap::new();
    for (i, s) in ranked.iter().filter(|(_, s)| *s >= SAME_CLASS) {
        if let Some(c) = a.clustering.assignment[*i].filter(|c| !a.clustering.clusters[*c].crumb) {
            *votes.entry(c).or_default() += s;
        }
    }
    let best = votes
        .iter()
        .max_by(|x, y| x.1.total_cmp(y.1).then(y.0.cmp(x.0)))
        .map(|(c, _)| &a.clustering.clusters[*c]);
    let mut tables = vec![table];
    let mut footer = Vec::new();
    let class_json = match best {
        Some(cluster) => {
            let ctx = context::of_class(a, cluster, None, SERVICES_SHOWN, context::PAST_SHOWN);
            header.push(format!(
                "likely class: {}",
                ctx.summary.trim_start_matches("class: ")
            ));
            tables.extend(ctx.tables);
            footer = ctx.footer;
            ctx.json
        }
        None => {
            footer.push(if ranked.is_empty() {
                "nothing to compare with: the store has no embedded causes (run a query such as \
                 `recur clusters` once after importing)"
                    .into()
            } else {
                format!(
                    "no past incident is close enough (similarity ≥ {SAME_CLASS}) to name a class: \
                     this may be new"
                )
            });
            serde_json::Value::Null
        }
    };
    Ok(View {
        json: json!({"query": text, "neighbours": rows, "class": class_json}),
        header,
        tables,
        footer,
        csv: None,
    })
}

/// A text on one line, cut at `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// `recur similar TEXT` (and `why --text`).
pub(crate) fn command(
    run: &Runner<'_>,
    text: &str,
    top: usize,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> crate::Result<()> {
    let model = crate::embed::MiniLm::shared()?;
    run.analysis(
        "similar",
        crate::store::Load::Everything,
        format,
        out,
        |a| {
            let vectors = run.store.load_vectors(model.id(), model.dim());
            view(a, &vectors, model, text, top)
        },
    )
}
