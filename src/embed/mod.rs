//! Sentence embeddings: cause texts as unit vectors whose cosine says how alike their meanings
//! are, so that "the JVM spent its time collecting garbage" lands beside "long GC pauses" although
//! they share no word.
//!
//! [`Embedder`] is the extension point; [`MiniLm`] is the built-in model (all-MiniLM-L6-v2, run on
//! the CPU, weights compiled into the binary: see `models/all-minilm-l6-v2/PROVENANCE.md`).
//! [`VectorCache`] keeps every vector computed, keyed by its text, so that a text is embedded once
//! in the life of a store.

mod cache;
mod minilm;

pub use cache::{TextKey, VectorCache};
pub use minilm::MiniLm;

use crate::error::Result;
use rayon::prelude::*;

/// Texts per forward pass of the model.
const BATCH: usize = 32;

/// Turns texts into unit vectors of a fixed dimension.
pub trait Embedder: Send + Sync {
    /// Length of every vector.
    fn dim(&self) -> usize;
    /// A name and version that changes whenever the vectors would (part of cache keys).
    fn id(&self) -> &str;
    /// One unit vector per text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
}

/// Cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Scales a vector to unit length (a zero vector stays zero).
pub fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// The unit mean of several unit vectors (their centroid direction).
pub fn mean(vectors: &[&[f32]], dim: usize) -> Vec<f32> {
    let mut out = vec![0.0; dim];
    for v in vectors {
        for (o, x) in out.iter_mut().zip(v.iter()) {
            *o += x;
        }
    }
    normalize(&mut out);
    out
}

/// Vectors for texts: from the cache when known, else computed by the model (counted on `bar`)
/// and added to the cache.
pub fn vectors_for(
    texts: &[&str],
    model: &dyn Embedder,
    cache: &mut VectorCache,
    bar: &indicatif::ProgressBar,
) -> Result<Vec<Vec<f32>>> {
    let keys: Vec<TextKey> = texts.iter().map(|t| TextKey::of(t)).collect();
    let mut missing: Vec<usize> = (0..texts.len())
        .filter(|&i| cache.get(&keys[i]).is_none())
        .collect();
    missing.sort_by_key(|&i| keys[i]);
    missing.dedup_by_key(|i| keys[*i]);
    // Similar lengths in one batch waste less on padding.
    missing.sort_by_key(|&i| (texts[i].len(), keys[i]));
    bar.set_length(missing.len() as u64);
    // Batches run side by side: one forward pass keeps about one core busy.
    let batches: Vec<Vec<Vec<f32>>> = missing
        .par_chunks(BATCH)
        .map(|chunk| {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let out = model.embed(&batch);
            bar.inc(chunk.len() as u64);
            out
        })
        .collect::<Result<_>>()?;
    for (chunk, out) in missing.chunks(BATCH).zip(batches) {
        for (&i, v) in chunk.iter().zip(out) {
            cache.insert(keys[i], v);
        }
    }
    Ok(keys
        .iter()
        .map(|k| cache.get(k).map(<[f32]>::to_vec).unwrap_or_default())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_unit_vectors_is_a_unit_vector() {
        let a = [1.0, 0.0];
        let b = [0.0, 1.0];
        let m = mean(&[&a, &b], 2);
        assert!((cosine(&m, &m) - 1.0).abs() < 1e-6);
        assert!((m[0] - m[1]).abs() < 1e-6);
    }
}
