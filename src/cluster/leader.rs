//! Leader clustering: distinct cause texts, most frequent first, each joins the most similar
//! existing cluster (cosine to its centroid at or above the threshold) or starts a new one.
//! Candidates come from an inverted index of the clusters' features (blocking), so a text is
//! compared with the few clusters that share an informative feature with it, never with all.

use super::vector::{Centroid, SparseVec};
use std::collections::HashMap;

/// A cluster under construction.
pub struct Group {
    pub centroid: Centroid,
    /// Indices of the distinct texts in the group.
    pub texts: Vec<usize>,
    /// Incidents in the group.
    pub weight: f32,
}

/// How many candidate clusters are scored for one text, at most.
const MAX_CANDIDATES: usize = 64;

/// Clusters `vectors` (distinct texts) visited in `order`, each weighing `counts[i]` incidents.
pub fn cluster(
    vectors: &[SparseVec],
    counts: &[usize],
    order: &[usize],
    threshold: f32,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut shared: HashMap<u32, u32> = HashMap::new();
    for &t in order {
        let v = &vectors[t];
        if v.is_empty() {
            continue;
        }
        shared.clear();
        for (feature, _) in &v.0 {
            if let Some(list) = postings.get(feature) {
                for &g in list {
                    *shared.entry(g).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u32)> = shared.iter().map(|(g, n)| (*g, *n)).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(MAX_CANDIDATES);
        let best = candidates
            .iter()
            .map(|(g, _)| (*g, groups[*g as usize].centroid.cosine(v)))
            .filter(|(_, sim)| *sim >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let g = match best {
            Some((g, _)) => g as usize,
            None => {
                groups.push(Group {
                    centroid: Centroid::default(),
                    texts: Vec::new(),
                    weight: 0.0,
                });
                groups.len() - 1
            }
        };
        let count = counts[t] as f32;
        let group = &mut groups[g];
        for (feature, _) in &v.0 {
            if !group.centroid.sum.contains_key(feature) {
                postings.entry(*feature).or_default().push(g as u32);
            }
        }
        group.centroid.add(v, count);
        group.texts.push(t);
        group.weight += count;
    }
    groups
}

/// Merges groups whose centroids are at least `threshold` alike, largest first.
pub fn merge_similar(mut groups: Vec<Group>, threshold: f32) -> Vec<Group> {
    groups.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.texts.cmp(&b.texts)));
    let mut merged: Vec<Group> = Vec::with_capacity(groups.len());
    for group in groups {
        let target = merged
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m.centroid.cosine_with(&group.centroid)))
            .filter(|(_, sim)| *sim >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match target {
            Some((i, _)) => {
                let m = &mut merged[i];
                m.centroid.absorb(&group.centroid);
                m.texts.extend(group.texts);
                m.weight += group.weight;
            }
            None => merged.push(group),
        }
    }
    merged
}
