//! The key of a clustering: a digest of everything the result depends on, so that a stored
//! assignment is used only while it is still right. It covers every incident's id and cause texts
//! (root cause, title, contributing factors, trigger) in store order, the names that are masked,
//! the taxonomy, the settings and the algorithm's version. Any change to one of them gives another
//! key, and the clusters are computed afresh.

use super::{Settings, Taxonomy};
use crate::model::Incident;
use rayon::prelude::*;

/// Bump when a change to the clustering code changes its results for the same input.
pub const ALGORITHM_VERSION: u32 = 2;

/// Incidents hashed per task: large enough that combining the chunk digests costs nothing.
const CHUNK: usize = 16_384;

/// A 32-hex-digit digest of the clustering's inputs.
pub fn cache_key(
    incidents: &[Incident],
    entity_names: &[String],
    taxonomy: &Taxonomy,
    settings: &Settings,
) -> String {
    let chunks: Vec<blake3::Hash> = incidents
        .par_chunks(CHUNK)
        .map(|chunk| {
            // Fields are gathered in a buffer and hashed at once (hashing many tiny pieces one
            // call each costs more than the hashing itself).
            let mut buf = Buffer(Vec::with_capacity(chunk.len() * 160));
            for i in chunk {
                buf.field(&i.id);
                buf.field(i.root_cause.as_deref().unwrap_or("\u{0}none"));
                buf.field(&i.title);
                buf.list(&i.contributing_factors);
                buf.field(i.trigger.as_deref().unwrap_or("\u{0}none"));
            }
            blake3::hash(&buf.0)
        })
        .collect();
    let mut h = blake3::Hasher::new();
    h.update(b"recur clustering");
    h.update(&ALGORITHM_VERSION.to_le_bytes());
    h.update(&(incidents.len() as u64).to_le_bytes());
    for c in &chunks {
        h.update(c.as_bytes());
    }
    let mut buf = Buffer(Vec::new());
    buf.list(entity_names);
    for class in &taxonomy.classes {
        buf.field(&class.key);
        buf.field(&class.label);
        buf.list(&class.phrases);
    }
    h.update(&buf.0);
    for value in [
        settings.join_threshold,
        settings.merge_threshold,
        settings.class_weight,
        settings.cut.quantile,
        settings.cut.min_distance,
        settings.cut.max_distance,
        settings.cut.lone_penalty,
    ] {
        h.update(&value.to_bits().to_le_bytes());
    }
    for value in [
        settings.cut.max_points,
        settings.texts_per_group,
        settings.embed_budget,
    ] {
        h.update(&(value as u64).to_le_bytes());
    }
    h.finalize().to_hex()[..32].to_string()
}

/// Bytes to hash: length-prefixed fields, so that `ab`+`c` and `a`+`bc` differ.
struct Buffer(Vec<u8>);

impl Buffer {
    fn field(&mut self, text: &str) {
        self.0.extend_from_slice(&(text.len() as u64).to_le_bytes());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn list(&mut self, items: &[String]) {
        self.0
            .extend_from_slice(&(items.len() as u64).to_le_bytes());
        for item in items {
            self.field(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incident(id: &str, cause: &str) -> Incident {
        crate::cluster::tests::incident(id, "checkout", cause)
    }

    fn key_of(incidents: &[Incident], settings: &Settings) -> String {
        let taxonomy = Taxonomy::load(None).unwrap();
        cache_key(incidents, &["checkout".into()], &taxonomy, settings)
    }

    #[test]
    fn the_same_input_gives_the_same_key() {
        let a = vec![
            incident("I-1", "pool exhausted"),
            incident("I-2", "cert expired"),
        ];
        assert_eq!(
            key_of(&a, &Settings::default()),
            key_of(&a.clone(), &Settings::default())
        );
        assert_eq!(key_of(&a, &Settings::default()).len(), 32);
    }

    #[test]
    fn a_changed_cause_order_or_setting_changes_the_key() {
        let a = vec![
            incident("I-1", "pool exhausted"),
            incident("I-2", "cert expired"),
        ];
        let base = key_of(&a, &Settings::default());
        let mut reworded = a.clone();
        reworded[1].root_cause = Some("cert expired!".into());
        assert_ne!(key_of(&reworded, &Settings::default()), base);
        let mut no_cause = a.clone();
        no_cause[0].root_cause = None;
        assert_ne!(key_of(&no_cause, &Settings::default()), base);
        let mut factor = a.clone();
        factor[0].contributing_factors = vec!["retry storm".into()];
        assert_ne!(key_of(&factor, &Settings::default()), base);
        let reversed: Vec<Incident> = a.iter().rev().cloned().collect();
        assert_ne!(key_of(&reversed, &Settings::default()), base);
        let looser = Settings {
            join_threshold: 0.41,
            ..Settings::default()
        };
        assert_ne!(key_of(&a, &looser), base);
    }

    #[test]
    fn the_taxonomy_and_masked_names_are_part_of_the_key() {
        let a = vec![incident("I-1", "pool exhausted")];
        let taxonomy = Taxonomy::load(None).unwrap();
        let settings = Settings::default();
        let base = cache_key(&a, &["checkout".into()], &taxonomy, &settings);
        assert_ne!(
            cache_key(
                &a,
                &["checkout".into(), "billing".into()],
                &taxonomy,
                &settings
            ),
            base
        );
        let mut other = Taxonomy::load(None).unwrap();
        other.classes[0].phrases.push("a new phrase".into());
        assert_ne!(cache_key(&a, &["checkout".into()], &other, &settings), base);
    }
}
