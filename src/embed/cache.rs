//! Vectors already computed, keyed by their text: a text is embedded once in the life of a store.
//! Serialised as a flat file (the store writes it next to its tables): a header naming the model,
//! then per text its 16-byte key and the vector as float16.

use half::f16;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"RECURVEC";
const VERSION: u32 = 1;

/// The key of a text: the first 16 bytes of its BLAKE3 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextKey([u8; 16]);

impl TextKey {
    pub fn of(text: &str) -> Self {
        let hash = blake3::hash(text.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&hash.as_bytes()[..16]);
        Self(key)
    }
}

/// Vectors by text key, for one model.
#[derive(Debug, Default)]
pub struct VectorCache {
    model: String,
    dim: usize,
    vectors: HashMap<TextKey, Vec<f32>>,
    /// Vectors added since the cache was read (so it needs writing).
    added: usize,
}

impl VectorCache {
    /// An empty cache for a model's vectors.
    pub fn new(model: &str, dim: usize) -> Self {
        Self {
            model: model.to_string(),
            dim,
            ..Self::default()
        }
    }

    pub fn get(&self, key: &TextKey) -> Option<&[f32]> {
        self.vectors.get(key).map(Vec::as_slice)
    }

    /// Adds a vector, rounded to float16 as it is stored: a vector read back from the store and
    /// one just computed are then the same, and so are the clusters made from them.
    pub fn insert(&mut self, key: TextKey, vector: Vec<f32>) {
        if vector.len() != self.dim {
            return;
        }
        let rounded = vector
            .into_iter()
            .map(|x| f16::from_f32(x).to_f32())
            .collect();
        if self.vectors.insert(key, rounded).is_none() {
            self.added += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// Vectors added since it was read.
    pub fn added(&self) -> usize {
        self.added
    }

    /// The serialised cache (keys in order, so the same vectors give the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.vectors.len() * (16 + 2 * self.dim));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.model.len() as u32).to_le_bytes());
        out.extend_from_slice(self.model.as_bytes());
        out.extend_from_slice(&(self.vectors.len() as u64).to_le_bytes());
        let mut keys: Vec<&TextKey> = self.vectors.keys().collect();
        keys.sort_unstable();
        for key in keys {
            out.extend_from_slice(&key.0);
            for x in &self.vectors[key] {
                out.extend_from_slice(&f16::from_f32(*x).to_le_bytes());
            }
        }
        out
    }

    /// Reads a serialised cache. `None` when the bytes are not a cache of this model (another
    /// model, another version, or damaged): the caller then starts empty and recomputes.
    pub fn from_bytes(bytes: &[u8], model: &str, dim: usize) -> Option<Self> {
        let mut r = Reader(bytes);
        if r.take(8)? != MAGIC || r.u32()? != VERSION || r.u32()? as usize != dim {
            return None;
        }
        let name_len = r.u32()? as usize;
        if r.take(name_len)? != model.as_bytes() {
            return None;
        }
        let count = usize::try_from(r.u64()?).ok()?;
        let record = 16 + 2 * dim;
        if r.0.len() != count.checked_mul(record)? {
            return None;
        }
        let mut vectors = HashMap::with_capacity(count);
        for chunk in r.0.chunks_exact(record) {
            let mut key = [0u8; 16];
            key.copy_from_slice(&chunk[..16]);
            let v: Vec<f32> = chunk[16..]
                .chunks_exact(2)
                .map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32())
                .collect();
            // recur never writes a NaN or an infinity: such a file is not recur's.
            if v.iter().any(|x| !x.is_finite()) {
                return None;
            }
            vectors.insert(TextKey(key), v);
        }
        Some(Self {
            model: model.to_string(),
            dim,
            vectors,
            added: 0,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_models_and_damage() {
        let mut c = VectorCache::new("m", 2);
        c.insert(TextKey::of("a"), vec![0.6, 0.8]);
        c.insert(TextKey::of("b"), vec![1.0, 0.0]);
        c.insert(TextKey::of("wrong length"), vec![1.0]);
        let bytes = c.to_bytes();
        let back = VectorCache::from_bytes(&bytes, "m", 2).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back.added(), 0);
        let a = back.get(&TextKey::of("a")).unwrap();
        assert!((a[0] - 0.6).abs() < 1e-3 && (a[1] - 0.8).abs() < 1e-3);
        assert!(VectorCache::from_bytes(&bytes, "other", 2).is_none());
        assert!(VectorCache::from_bytes(&bytes[..bytes.len() - 1], "m", 2).is_none());
        assert!(VectorCache::from_bytes(b"RECURVEC", "m", 2).is_none());
        assert!(VectorCache::from_bytes(&[], "m", 2).is_none());
        let mut nan = bytes.clone();
        let last = nan.len() - 2;
        nan[last..].copy_from_slice(&f16::NAN.to_le_bytes());
        assert!(VectorCache::from_bytes(&nan, "m", 2).is_none());
    }
}
