//! Clustering quality against known classes: adjusted Rand index, mutual information normalised
//! and adjusted for chance (arithmetic-mean normalisation, as scikit-learn's default),
//! homogeneity (each cluster holds one class) and completeness (each class is one cluster).

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

impl Contingency {
    /// Entropies of the truth and of the prediction, and their mutual information (nats).
    fn information(&self) -> (f64, f64, f64) {
        let entropy = |counts: &[f64]| -> f64 {
            counts
                .iter()
                .filter(|v| **v > 0.0)
                .map(|v| -(v / self.n) * (v / self.n).ln())
                .sum()
        };
        let mi: f64 = self
            .cells
            .iter()
            .map(|((a, b), v)| (v / self.n) * ((self.n * v) / (self.rows[*a] * self.cols[*b])).ln())
            .sum();
        (entropy(&self.rows), entropy(&self.cols), mi)
    }
}

/// Normalised mutual information (arithmetic mean of the two entropies).
pub fn normalized_mutual_information<
    A: std::hash::Hash + Eq + Clone,
    B: std::hash::Hash + Eq + Clone,
>(
    truth: &[A],
    predicted: &[B],
) -> f64 {
    let (ht, hp, mi) = contingency(truth, predicted).information();
    if ht == 0.0 && hp == 0.0 {
        return 1.0;
    }
    mi / ((ht + hp) / 2.0)
}

/// Every score of one clustering against the truth.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    pub adjusted_rand_index: f64,
    pub adjusted_mutual_information: f64,
    pub normalized_mutual_information: f64,
    pub homogeneity: f64,
    pub completeness: f64,
}

/// All scores at once.
pub fn scores<A: std::hash::Hash + Eq + Clone, B: std::hash::Hash + Eq + Clone>(
    truth: &[A],
    predicted: &[B],
) -> Scores {
    let c = contingency(truth, predicted);
    let (ht, hp, mi) = c.information();
    let ratio = |num: f64, den: f64| if den <= 0.0 { 1.0 } else { num / den };
    let emi = expected_mutual_information(&c);
    let mean = (ht + hp) / 2.0;
    Scores {
        adjusted_rand_index: adjusted_rand_index(truth, predicted),
        adjusted_mutual_information: if (mean - emi).abs() < 1e-12 {
            1.0
        } else {
            (mi - emi) / (mean - emi)
        },
        normalized_mutual_information: normalized_mutual_information(truth, predicted),
        // H(C|K) = H(C) - MI, so homogeneity = MI / H(C); likewise completeness = MI / H(K).
        homogeneity: ratio(mi, ht),
        completeness: ratio(mi, hp),
    }
}

/// The mutual information two random labellings with these class and cluster sizes have on
/// average (Vinh, Epps and Bailey 2010), from log-factorials.
fn expected_mutual_information(c: &Contingency) -> f64 {
    let n = c.n as usize;
    let mut ln_fact = vec![0.0f64; n + 1];
    for i in 1..=n {
        ln_fact[i] = ln_fact[i - 1] + (i as f64).ln();
    }
    let nf = c.n;
    let mut emi = 0.0;
    for &a in &c.rows {
        let ai = a as usize;
        for &b in &c.cols {
            let bj = b as usize;
            let lo = (ai + bj).saturating_sub(n).max(1);
            let hi = ai.min(bj);
            let fixed = ln_fact[ai] + ln_fact[bj] + ln_fact[n - ai] + ln_fact[n - bj] - ln_fact[n];
            for nij in lo..=hi {
                let x = nij as f64;
                let term = (x / nf) * ((nf * x) / (a * b)).ln();
                let log_p = fixed
                    - ln_fact[nij]
                    - ln_fact[ai - nij]
                    - ln_fact[bj - nij]
                    - ln_fact[n - ai - bj + nij];
                emi += term * log_p.exp();
            }
        }
    }
    emi
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
        // scikit-learn: adjusted_mutual_info_score([0,0,1,1,2,2], [0,0,1,2,2,2]) = 0.50236…,
        // homogeneity_score([0,0,1,1], [0,0,1,2]) = 1.0, completeness_score(…) = 0.6666…
        let s = scores(&[0, 0, 1, 1, 2, 2], &[0, 0, 1, 2, 2, 2]);
        assert!(
            (s.adjusted_mutual_information - 0.502_360_7).abs() < 1e-6,
            "{s:?}"
        );
        let s = scores(&[0, 0, 1, 1], &[0, 0, 1, 2]);
        assert!((s.homogeneity - 1.0).abs() < 1e-9);
        assert!((s.completeness - 2.0 / 3.0).abs() < 1e-6, "{s:?}");
        let s = scores(&[0, 0, 1, 1], &[0, 1, 0, 1]);
        assert!((s.adjusted_mutual_information + 0.5).abs() < 1e-6, "{s:?}");
    }
}
