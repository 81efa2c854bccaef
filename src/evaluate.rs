//! Clustering quality against known classes: adjusted Rand index and normalised mutual
//! information (arithmetic-mean normalisation, as scikit-learn's default).

use std::collections::HashMap;

/// The contingency counts of two labellings of the same items.
struct Contingency {
    cells: HashMap<(usize, usize), f64>,
    rows: Vec<f64>,
    cols: Vec<f64>,
    n: f64,
}

fn dense<T: std::hash::Hash + Eq + Clone>(labels: &[T]) -> (Vec<usize>, usize) {
    let mut ids: HashMap<T, usize> = HashMap::new();
    let dense = labels
        .iter()
        .map(|l| {
            let next = ids.len();
            *ids.entry(l.clone()).or_insert(next)
        })
        .collect();
    (dense, ids.len())
}

fn contingency<A: std::hash::Hash + Eq + Clone, B: std::hash::Hash + Eq + Clone>(
    truth: &[A],
    predicted: &[B],
) -> Contingency {
    let (t, nt) = dense(truth);
    let (p, np) = dense(predicted);
    let mut cells = HashMap::new();
    let mut rows = vec![0.0; nt];
    let mut cols = vec![0.0; np];
    for (a, b) in t.iter().zip(&p) {
        *cells.entry((*a, *b)).or_insert(0.0) += 1.0;
        rows[*a] += 1.0;
        cols[*b] += 1.0;
    }
    Contingency {
        cells,
        rows,
        cols,
        n: t.len() as f64,
    }
}

fn pairs(x: f64) -> f64 {
    x * (x - 1.0) / 2.0
}

/// Adjusted Rand index: 1 for identical partitions, about 0 for random ones.
pub fn adjusted_rand_index<A: std::hash::Hash + Eq + Clone, B: std::hash::Hash + Eq + Clone>(
    truth: &[A],
    predicted: &[B],
) -> f64 {
    let c = contingency(truth, predicted);
    let index: f64 = c.cells.values().map(|v| pairs(*v)).sum();
    let a: f64 = c.rows.iter().map(|v| pairs(*v)).sum();
    let b: f64 = c.cols.iter().map(|v| pairs(*v)).sum();
    let expected = a * b / pairs(c.n);
    let max = (a + b) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

/// Normalised mutual information (arithmetic mean of the two entropies).
pub fn normalized_mutual_information<
    A: std::hash::Hash + Eq + Clone,
    B: std::hash::Hash + Eq + Clone,
>(
    truth: &[A],
    predicted: &[B],
) -> f64 {
    let c = contingency(truth, predicted);
    let entropy = |counts: &[f64]| -> f64 {
        counts
            .iter()
            .filter(|v| **v > 0.0)
            .map(|v| -(v / c.n) * (v / c.n).ln())
            .sum()
    };
    let (ht, hp) = (entropy(&c.rows), entropy(&c.cols));
    if ht == 0.0 && hp == 0.0 {
        return 1.0;
    }
    let mi: f64 = c
        .cells
        .iter()
        .map(|((a, b), v)| (v / c.n) * ((c.n * v) / (c.rows[*a] * c.cols[*b])).ln())
        .sum();
    mi / ((ht + hp) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_and_relabelled_partitions_score_one() {
        assert!((adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]) - 1.0).abs() < 1e-12);
        assert!((normalized_mutual_information(&[0, 0, 1, 1], &[5, 5, 3, 3]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn matches_reference_values() {
        // Reference values from scikit-learn's documentation examples.
        assert!((adjusted_rand_index(&[0, 0, 1, 2], &[0, 0, 1, 1]) - 0.571_428_571).abs() < 1e-6);
        assert!((normalized_mutual_information(&[0, 0, 1, 1], &[0, 0, 1, 2]) - 0.8).abs() < 1e-6);
        assert!(adjusted_rand_index(&[0, 0, 0, 0], &[0, 1, 2, 3]).abs() < 1e-12);
    }
}
