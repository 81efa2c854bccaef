//! The semantic stage's inputs and outputs: which texts stand for each lexical group (its most
//! frequent wordings, within the budget of new texts), their vectors (from the store's cache, or
//! the model), the groups as points for [`link`], and the groups of each cluster it makes.

use super::semantic::{Point, link};
use super::{Settings, label, leader};
use crate::embed::{self, Embedder, VectorCache};
use crate::error::Result;
use std::collections::{BTreeMap, HashMap};

/// The meaning side of clustering: a model and the vectors it already computed.
pub struct Semantic<'a> {
    pub model: &'a dyn Embedder,
    pub cache: &'a mut VectorCache,
    /// Counts texts as they are embedded.
    pub bar: indicatif::ProgressBar,
}

/// Lexical groups merged by the meaning of their texts: the groups of each final cluster, with
/// each group's cosine to its cluster's centroid.
pub(super) type Merged = (Vec<Vec<leader::Group>>, Vec<Vec<f32>>);

/// Also sets, per incident, the representative text that stands for it (`rep_of`) and returns
/// the representative texts.
pub(super) fn merge_by_meaning(
    groups: Vec<leader::Group>,
    input: &label::LabelInput<'_>,
    settings: &Settings,
    semantic: Semantic<'_>,
    rep_of: &mut [Option<u32>],
) -> Result<(Merged, Vec<String>)> {
    // Representative texts: each group's most frequent wordings, largest groups first, within
    // the budget of new texts.
    let mut by_size: Vec<usize> = (0..groups.len()).collect();
    by_size.sort_by(|a, b| {
        groups[*b]
            .weight
            .total_cmp(&groups[*a].weight)
            .then(a.cmp(b))
    });
    let mut reps: Vec<Vec<&str>> = vec![Vec::new(); groups.len()];
    let mut new_texts = 0;
    for &g in &by_size {
        let mut texts: Vec<usize> = groups[g].texts.clone();
        texts.sort_by(|a, b| {
            input.members[*b]
                .len()
                .cmp(&input.members[*a].len())
                .then(a.cmp(b))
        });
        for t in texts.into_iter().take(settings.texts_per_group) {
            let Some(p) = input.prepared[input.members[t][0]].as_ref() else {
                continue;
            };
            let known = semantic
                .cache
                .get(&embed::TextKey::of(&p.meaning))
                .is_some();
            if !known {
                if new_texts >= settings.embed_budget {
                    continue;
                }
                new_texts += 1;
            }
            reps[g].push(p.meaning.as_str());
        }
    }
    let flat: Vec<&str> = reps.iter().flatten().copied().collect();
    let mut index: HashMap<&str, u32> = HashMap::new();
    for (i, t) in flat.iter().enumerate() {
        index.entry(t).or_insert(i as u32);
    }
    for (g, group_reps) in groups.iter().zip(&reps) {
        let Some(first) = group_reps.first().map(|t| index[t]) else {
            continue;
        };
        for t in &g.texts {
            for &m in input.members[*t] {
                let own = input.prepared[m]
                    .as_ref()
                    .and_then(|p| index.get(p.meaning.as_str()).copied());
                rep_of[m] = Some(own.unwrap_or(first));
            }
        }
    }
    let vectors = embed::vectors_for(&flat, semantic.model, semantic.cache, &semantic.bar)?;
    semantic.bar.finish_and_clear();
    let dim = semantic.model.dim();
    let mut next = vectors.iter();
    let points: Vec<Point> = groups
        .iter()
        .zip(&reps)
        .map(|(g, r)| {
            let vs: Vec<&[f32]> = next.by_ref().take(r.len()).map(Vec::as_slice).collect();
            Point {
                vector: if vs.is_empty() {
                    Vec::new()
                } else {
                    embed::mean(&vs, dim)
                },
                size: g.weight as usize,
                class: label::group_class(g, input),
            }
        })
        .collect();
    let linked = link(&points, &settings.cut);
    let mut slots: BTreeMap<usize, (Vec<leader::Group>, Vec<f32>)> = BTreeMap::new();
    for (i, g) in groups.into_iter().enumerate() {
        let slot = slots.entry(linked.cluster_of[i]).or_default();
        slot.0.push(g);
        slot.1.push(linked.similarity[i]);
    }
    let texts = flat.iter().map(|t| (*t).to_string()).collect();
    Ok((slots.into_values().unzip(), texts))
}
