//! Sparse weighted term vectors and the cosine between them.

/// Feature id → weight, sorted by id, unit length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec(pub Vec<(u32, f32)>);

impl SparseVec {
    /// Builds from unsorted (id, weight) pairs, summing duplicates, scaled to unit length.
    pub fn normalized(mut pairs: Vec<(u32, f32)>) -> Self {
        pairs.sort_unstable_by_key(|p| p.0);
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(pairs.len());
        for (id, w) in pairs {
            match merged.last_mut() {
                Some(last) if last.0 == id => last.1 += w,
                _ => merged.push((id, w)),
            }
        }
        let norm = merged.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for p in &mut merged {
                p.1 /= norm;
            }
        }
        Self(merged)
    }

    /// Dot product with another sorted vector.
    pub fn dot(&self, other: &SparseVec) -> f32 {
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        let (a, b) = (&self.0, &other.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// True when there are no features.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The running sum of the vectors of a cluster, for cosine against its centroid.
#[derive(Debug, Clone, Default)]
pub struct Centroid {
    pub sum: std::collections::HashMap<u32, f32>,
    norm_sq: f32,
}

impl Centroid {
    /// Cosine between a unit vector and this centroid.
    pub fn cosine(&self, v: &SparseVec) -> f32 {
        if self.norm_sq <= 0.0 {
            return 0.0;
        }
        let dot: f32 =
            v.0.iter()
                .map(|(id, w)| w * self.sum.get(id).copied().unwrap_or(0.0))
                .sum();
        dot / self.norm_sq.sqrt()
    }

    /// Adds `count` copies of a unit vector.
    pub fn add(&mut self, v: &SparseVec, count: f32) {
        let dot: f32 =
            v.0.iter()
                .map(|(id, w)| w * self.sum.get(id).copied().unwrap_or(0.0))
                .sum();
        // |s + c·v|² = |s|² + 2c(s·v) + c²|v|², with |v| = 1.
        self.norm_sq += 2.0 * count * dot + count * count;
        for (id, w) in &v.0 {
            *self.sum.entry(*id).or_default() += w * count;
        }
    }

    /// Adds another centroid (merging two clusters).
    pub fn absorb(&mut self, other: &Centroid) {
        for (id, w) in &other.sum {
            *self.sum.entry(*id).or_default() += w;
        }
        self.norm_sq = self.sum.values().map(|w| w * w).sum();
    }

    /// Cosine between two centroids.
    pub fn cosine_with(&self, other: &Centroid) -> f32 {
        if self.norm_sq <= 0.0 || other.norm_sq <= 0.0 {
            return 0.0;
        }
        let (small, large) = if self.sum.len() <= other.sum.len() {
            (self, other)
        } else {
            (other, self)
        };
        let dot: f32 = small
            .sum
            .iter()
            .map(|(id, w)| w * large.sum.get(id).copied().unwrap_or(0.0))
            .sum();
        dot / (self.norm_sq.sqrt() * other.norm_sq.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_identical_and_disjoint_vectors() {
        let a = SparseVec::normalized(vec![(1, 1.0), (2, 1.0)]);
        let b = SparseVec::normalized(vec![(3, 2.0)]);
        assert!((a.dot(&a) - 1.0).abs() < 1e-6);
        assert_eq!(a.dot(&b), 0.0);
        let mut c = Centroid::default();
        c.add(&a, 3.0);
        assert!((c.cosine(&a) - 1.0).abs() < 1e-5);
        c.add(&b, 3.0);
        assert!((c.cosine(&a) - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-5);
    }
}
