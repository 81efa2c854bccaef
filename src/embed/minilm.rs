//! all-MiniLM-L6-v2 on the CPU: WordPiece tokens (the model's own `tokenizer.json`), a 6-layer
//! BERT (candle), mean pooling over the real tokens, unit length: as the model was trained.

use super::{Embedder, normalize};
use crate::error::{RecurError, Result};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

const WEIGHTS: &[u8] = include_bytes!("../../models/all-minilm-l6-v2/model.f16.safetensors");
const TOKENIZER: &[u8] = include_bytes!("../../models/all-minilm-l6-v2/tokenizer.json");
const CONFIG: &str = include_str!("../../models/all-minilm-l6-v2/config.json");

/// Longer texts keep their first 64 word pieces (about 45 words): the cause is stated first, and
/// a forward pass costs in proportion to the pieces (the model was trained on up to 128).
const MAX_TOKENS: usize = 64;

/// The built-in sentence-embedding model.
pub struct MiniLm {
    model: BertModel,
    tokenizer: Tokenizer,
}

fn model_error(e: impl std::fmt::Display) -> RecurError {
    RecurError::Invalid(format!("embedding model: {e}"))
}

impl MiniLm {
    /// Loads the model compiled into the binary (about 0.2 s).
    pub fn load() -> Result<Self> {
        let config: Config = serde_json::from_str(CONFIG).map_err(model_error)?;
        let weights = VarBuilder::from_slice_safetensors(WEIGHTS, DType::F32, &Device::Cpu)
            .map_err(model_error)?;
        let model = BertModel::load(weights, &config).map_err(model_error)?;
        let mut tokenizer = Tokenizer::from_bytes(TOKENIZER).map_err(model_error)?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(model_error)?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        Ok(Self { model, tokenizer })
    }

    /// The model, loaded once per process.
    pub fn shared() -> Result<&'static MiniLm> {
        static MODEL: std::sync::OnceLock<std::result::Result<MiniLm, String>> =
            std::sync::OnceLock::new();
        MODEL
            .get_or_init(|| MiniLm::load().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| RecurError::Invalid(e.clone()))
    }

    /// Whether a word is a whole word of the model's vocabulary (a real word, in the sense the
    /// spelling corrector needs: it is never rewritten).
    pub fn knows_word(word: &str) -> bool {
        vocabulary().contains(word)
    }

    fn forward(&self, texts: &[&str]) -> candle_core::Result<Tensor> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(candle_core::Error::wrap)?;
        let rows = encodings.len();
        let width = encodings.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(rows * width);
        let mut mask = Vec::with_capacity(rows * width);
        for e in &encodings {
            ids.extend_from_slice(e.get_ids());
            mask.extend_from_slice(e.get_attention_mask());
        }
        let ids = Tensor::from_vec(ids, (rows, width), &Device::Cpu)?;
        let mask = Tensor::from_vec(mask, (rows, width), &Device::Cpu)?;
        let types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        let weights = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&weights)?.sum(1)?;
        let counts = weights.sum(1)?.clamp(1.0, f64::MAX)?;
        summed.broadcast_div(&counts)
    }
}

impl Embedder for MiniLm {
    fn dim(&self) -> usize {
        384
    }

    fn id(&self) -> &str {
        "all-MiniLM-L6-v2/f16/mean"
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let pooled = self.forward(texts).map_err(model_error)?;
        let mut rows: Vec<Vec<f32>> = pooled.to_vec2().map_err(model_error)?;
        rows.iter_mut().for_each(|r| normalize(r));
        Ok(rows)
    }
}

/// The whole words of the model's WordPiece vocabulary (no `##` pieces, no `[special]` tokens).
fn vocabulary() -> &'static std::collections::HashSet<String> {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let parsed: serde_json::Value = serde_json::from_slice(TOKENIZER).unwrap_or_default();
        parsed["model"]["vocab"]
            .as_object()
            .map(|vocab| {
                vocab
                    .keys()
                    .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_lowercase()))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::cosine;

    #[test]
    fn paraphrases_are_closer_than_unrelated_causes() {
        let m = MiniLm::load().unwrap();
        let v = m
            .embed(&[
                "long garbage-collection pauses stalled requests",
                "the JVM spent most of its time collecting garbage",
                "the TLS certificate on the load balancer expired",
            ])
            .unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].len(), 384);
        let same = cosine(&v[0], &v[1]);
        let other = cosine(&v[0], &v[2]);
        assert!(same > other + 0.2, "same {same}, other {other}");
    }

    #[test]
    fn a_batch_gives_the_vectors_of_single_texts() {
        let m = MiniLm::load().unwrap();
        let alone = m.embed(&["disk full"]).unwrap();
        let batch = m
            .embed(&[
                "disk full",
                "a much longer text about a connection pool that ran dry",
            ])
            .unwrap();
        assert!(cosine(&alone[0], &batch[0]) > 0.999);
    }

    #[test]
    fn real_words_are_known_and_typos_are_not() {
        assert!(MiniLm::knows_word("collection"));
        assert!(MiniLm::knows_word("connection"));
        assert!(!MiniLm::knows_word("conection"));
    }
}
