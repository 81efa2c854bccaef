//! The store's sentence vectors (`<store>/vectors.bin`): every text embedded so far, keyed by the
//! text, so that a text is embedded once in the life of a store. Written to a temporary file and
//! renamed into place; a damaged or foreign file is ignored (the vectors are computed again).

use super::Store;
use crate::embed::VectorCache;
use crate::error::{RecurError, Result};
use std::fs;
use std::path::PathBuf;

impl Store {
    fn vectors_path(&self) -> PathBuf {
        self.dir().join("vectors.bin")
    }

    /// The vectors of `model` computed so far (empty when there are none or the file is not
    /// usable).
    pub fn load_vectors(&self, model: &str, dim: usize) -> VectorCache {
        fs::read(self.vectors_path())
            .ok()
            .and_then(|bytes| VectorCache::from_bytes(&bytes, model, dim))
            .unwrap_or_else(|| VectorCache::new(model, dim))
    }

    /// Writes the vectors when some were added since they were read.
    pub fn save_vectors(&self, cache: &VectorCache) -> Result<()> {
        if cache.added() == 0 {
            return Ok(());
        }
        let path = self.vectors_path();
        let staging = self
            .dir()
            .join(format!(".vectors.bin.tmp-{}", std::process::id()));
        fs::write(&staging, cache.to_bytes()).map_err(|e| RecurError::io(&staging, e))?;
        fs::rename(&staging, &path).map_err(|e| {
            let _ = fs::remove_file(&staging);
            RecurError::io(&path, e)
        })
    }
}
