//! The semantic stage: lexical groups (pure, but one class worded five ways is five groups) are
//! merged by the meaning of their texts. Each group is a point, its vector the mean of its
//! representative texts' embeddings; average linkage joins points while the mean distance between
//! two clusters stays under a threshold taken from the corpus's own distances (a low quantile of
//! all pairwise distances, clamped), so that a corpus whose texts all sound alike (status pages)
//! does not collapse into one cluster. The taxonomy steers: two groups the taxonomy puts in the
//! same class are one cluster, two it puts in different classes never merge.

use crate::embed::cosine;
use rayon::prelude::*;

/// A lexical group as the semantic stage sees it.
pub struct Point {
    /// Unit vector (empty when the group has no embedded text: it then stays as it is).
    pub vector: Vec<f32>,
    /// Incidents in the group.
    pub size: usize,
    /// The taxonomy class most of its incidents match, if any.
    pub class: Option<usize>,
}

/// Threshold settings (see `Settings`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cut {
    /// Quantile of the pairwise distances (weighted by incidents) that sets the threshold.
    pub quantile: f32,
    /// The threshold never goes below this cosine distance…
    pub min_distance: f32,
    /// …nor above this one.
    pub max_distance: f32,
    /// Points linked at most (the largest); the others join their nearest cluster or stay apart.
    pub max_points: usize,
    /// Added to the distance of a point that stands for one incident: a lone wording needs to be
    /// closer to join (a wrong merge gives confident wrong advice; a missed one only less reach).
    pub lone_penalty: f32,
}

/// Distance that stands for "never merge" (cosine distances lie in 0..=2).
const APART: f32 = 4.0;

/// The result: a cluster number per point.
pub struct Linked {
    pub cluster_of: Vec<usize>,
    /// Per point: its cosine to the centroid of its cluster (1 for a point alone).
    pub similarity: Vec<f32>,
}

/// Cosine distance between two points' vectors, plus the penalty when either stands for one
/// incident (`b_size` is the other side's size: a point's or a cluster's).
fn meaning_distance(a: &Point, b: &[f32], b_size: usize, cut: &Cut) -> f32 {
    let lone = if a.size == 1 || b_size == 1 {
        cut.lone_penalty
    } else {
        0.0
    };
    1.0 - cosine(&a.vector, b) + lone
}

/// The distance linkage uses: the taxonomy's verdict where both points have a class, else their
/// meaning distance.
fn distance(a: &Point, b: &Point, cut: &Cut) -> f32 {
    match (a.class, b.class) {
        (Some(x), Some(y)) if x == y => 0.0,
        (Some(_), Some(_)) => APART,
        _ => {
            let d = meaning_distance(a, &b.vector, b.size, cut);
            // Linkage needs a total order: anything not a number never merges.
            if d.is_finite() { d } else { APART }
        }
    }
}

/// Points with the corpus's mean direction (weighted by incidents) taken out of their vectors,
/// renormalised. All sentence embeddings share a large common component, more so for texts of one
/// register (status updates): without it, distances measure what differs within this corpus.
fn centred(points: &[Point]) -> Vec<Point> {
    let dim = points.iter().map(|p| p.vector.len()).max().unwrap_or(0);
    let mut mean = vec![0.0f32; dim];
    let mut total = 0.0f32;
    for p in points.iter().filter(|p| p.vector.len() == dim) {
        for (m, x) in mean.iter_mut().zip(&p.vector) {
            *m += x * p.size as f32;
        }
        total += p.size as f32;
    }
    if total > 0.0 {
        mean.iter_mut().for_each(|m| *m /= total);
    }
    points
        .iter()
        .map(|p| {
            let mut vector: Vec<f32> = if p.vector.len() == dim {
                p.vector.iter().zip(&mean).map(|(x, m)| x - m).collect()
            } else {
                Vec::new()
            };
            crate::embed::normalize(&mut vector);
            Point {
                vector,
                size: p.size,
                class: p.class,
            }
        })
        .collect()
}

/// Links points; `points` need not be sorted.
pub fn link(points: &[Point], cut: &Cut) -> Linked {
    let points = &centred(points)[..];
    let mut order: Vec<usize> = (0..points.len())
        .filter(|&i| !points[i].vector.is_empty())
        .collect();
    order.sort_by(|a, b| points[*b].size.cmp(&points[*a].size).then(a.cmp(b)));
    let tail = order.split_off(order.len().min(cut.max_points));
    let head = order;
    let n = head.len();
    let threshold = threshold(points, &head, cut);

    // Union-find over head points, following the dendrogram up to the threshold.
    let mut parent: Vec<usize> = (0..points.len()).collect();
    if n >= 2 {
        let rows: Vec<Vec<f32>> = (0..n - 1)
            .into_par_iter()
            .map(|i| {
                (i + 1..n)
                    .map(|j| distance(&points[head[i]], &points[head[j]], cut))
                    .collect()
            })
            .collect();
        let mut condensed: Vec<f32> = rows.into_iter().flatten().collect();
        let dendrogram = kodama::linkage(&mut condensed, n, kodama::Method::Average);
        // Label of each dendrogram cluster → a head point in it.
        let mut member: Vec<usize> = (0..n).map(|i| head[i]).collect();
        for step in dendrogram.steps() {
            let (a, b) = (member[step.cluster1], member[step.cluster2]);
            member.push(a);
            if step.dissimilarity <= threshold {
                union(&mut parent, a, b);
            }
        }
    }
    let mut cluster_of: Vec<usize> = (0..points.len()).map(|i| find(&mut parent, i)).collect();

    // Centroids of the linked clusters, for the tail and the similarities.
    let dim = points.iter().map(|p| p.vector.len()).max().unwrap_or(0);
    let mut sums: std::collections::HashMap<usize, (Vec<f32>, Option<usize>)> =
        std::collections::HashMap::new();
    for &i in &head {
        let entry = sums
            .entry(cluster_of[i])
            .or_insert_with(|| (vec![0.0; dim], points[i].class));
        for (s, x) in entry.0.iter_mut().zip(&points[i].vector) {
            *s += x * points[i].size as f32;
        }
        if entry.1.is_none() {
            entry.1 = points[i].class;
        }
    }
    let mut centroids: Vec<(usize, Vec<f32>, Option<usize>)> = sums
        .into_iter()
        .map(|(root, (mut v, class))| {
            crate::embed::normalize(&mut v);
            (root, v, class)
        })
        .collect();
    centroids.sort_by_key(|c| c.0);
    let attach: Vec<Option<usize>> = tail
        .par_iter()
        .map(|&i| {
            let p = &points[i];
            centroids
                .iter()
                .filter(|(_, _, class)| match (class, p.class) {
                    (Some(a), Some(b)) => *a == b,
                    _ => true,
                })
                // A cluster is never a lone wording: only the point's own size counts.
                .map(|(root, v, _)| (*root, meaning_distance(p, v, usize::MAX, cut)))
                .filter(|(_, d)| *d <= threshold)
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
                .map(|(root, _)| root)
        })
        .collect();
    for (&i, target) in tail.iter().zip(attach) {
        if let Some(root) = target {
            cluster_of[i] = root;
        }
    }
    let similarity = (0..points.len())
        .map(|i| {
            centroids
                .binary_search_by_key(&cluster_of[i], |c| c.0)
                .ok()
                .filter(|_| !points[i].vector.is_empty())
                .map_or(1.0, |c| cosine(&centroids[c].1, &points[i].vector))
        })
        .collect();
    Linked {
        cluster_of,
        similarity,
    }
}

/// The distance threshold: the `quantile` of the distances between the head points (a lone point's
/// penalty included, so that a corpus of lone wordings, such as long postmortems, is not held to a
/// stricter bar than one of repeated wordings), each pair weighing the product of their
/// incidents, clamped to the configured range.
fn threshold(points: &[Point], head: &[usize], cut: &Cut) -> f32 {
    const BINS: usize = 400;
    let n = head.len();
    if n < 2 {
        return cut.min_distance;
    }
    let histogram = (0..n - 1)
        .into_par_iter()
        .fold(
            || vec![0f64; BINS],
            |mut h, i| {
                let a = &points[head[i]];
                for &j in &head[i + 1..] {
                    let b = &points[j];
                    let d = meaning_distance(a, &b.vector, b.size, cut).clamp(0.0, 2.0);
                    let bin = ((d / 2.0) * (BINS as f32 - 1.0)) as usize;
                    h[bin] += (a.size * b.size) as f64;
                }
                h
            },
        )
        .reduce(
            || vec![0f64; BINS],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let total: f64 = histogram.iter().sum();
    let mut seen = 0.0;
    let mut value = 2.0;
    for (bin, w) in histogram.iter().enumerate() {
        seen += w;
        if seen >= total * cut.quantile as f64 {
            value = (bin as f32 + 1.0) / (BINS as f32 - 1.0) * 2.0;
            break;
        }
    }
    value.clamp(cut.min_distance, cut.max_distance)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(v: &[f32], size: usize, class: Option<usize>) -> Point {
        let mut vector = v.to_vec();
        crate::embed::normalize(&mut vector);
        Point {
            vector,
            size,
            class,
        }
    }

    const CUT: Cut = Cut {
        quantile: 0.3,
        min_distance: 0.05,
        max_distance: 0.5,
        max_points: 100,
        lone_penalty: 0.0,
    };

    #[test]
    fn close_points_merge_and_far_ones_stay_apart() {
        let points = vec![
            point(&[1.0, 0.05, 0.0], 3, None),
            point(&[1.0, 0.0, 0.05], 2, None),
            point(&[0.0, 1.0, 0.0], 4, None),
            point(&[0.05, 1.0, 0.0], 1, None),
            point(&[0.0, 0.0, 1.0], 1, None),
        ];
        let l = link(&points, &CUT);
        assert_eq!(l.cluster_of[0], l.cluster_of[1]);
        assert_eq!(l.cluster_of[2], l.cluster_of[3]);
        assert_ne!(l.cluster_of[0], l.cluster_of[2]);
        assert_ne!(l.cluster_of[4], l.cluster_of[0]);
        assert_ne!(l.cluster_of[4], l.cluster_of[2]);
    }

    #[test]
    fn the_taxonomy_joins_and_separates() {
        let points = vec![
            point(&[1.0, 0.0], 3, Some(1)),
            point(&[0.0, 1.0], 3, Some(1)),
            point(&[1.0, 0.01], 3, Some(2)),
        ];
        let l = link(&points, &CUT);
        assert_eq!(l.cluster_of[0], l.cluster_of[1]);
        assert_ne!(l.cluster_of[0], l.cluster_of[2]);
    }

    #[test]
    fn points_beyond_the_cap_join_their_nearest_cluster() {
        let cut = Cut {
            max_points: 2,
            ..CUT
        };
        let points = vec![
            point(&[1.0, 0.0, 0.0], 5, None),
            point(&[0.0, 1.0, 0.0], 5, None),
            point(&[1.0, 0.02, 0.0], 1, None),
            point(&[0.0, 0.0, 1.0], 1, None),
        ];
        let l = link(&points, &cut);
        assert_eq!(l.cluster_of[2], l.cluster_of[0]);
        assert_ne!(l.cluster_of[3], l.cluster_of[0]);
        assert_ne!(l.cluster_of[3], l.cluster_of[1]);
    }
}
