//! The cause taxonomy: named classes with phrases that recognise them. Built in
//! (`taxonomy.yaml` next to this file), replaceable or extensible with `--taxonomy FILE`.
//! It steers clustering (a matched class is one feature among the words) and names clusters;
//! it never forces two texts together on one shared word.

use super::normalize::Normalizer;
use crate::error::{RecurError, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

const BUILT_IN: &str = include_str!("taxonomy.yaml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    /// `extend` (default): add to / override the built-in classes by key; `replace`: use only these.
    #[serde(default)]
    mode: Option<String>,
    classes: Vec<ClassFile>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct ClassFile {
    key: String,
    label: String,
    phrases: Vec<String>,
}

/// One class of cause.
#[derive(Debug, Clone)]
pub struct CauseClass {
    pub key: String,
    pub label: String,
    /// Phrases as given, for explanations.
    pub phrases: Vec<String>,
}

/// A loaded taxonomy, with phrases normalised for matching.
pub struct Taxonomy {
    pub classes: Vec<CauseClass>,
    /// Stemmed phrase terms, by class.
    stemmed: Vec<Vec<Vec<String>>>,
    /// First term of a phrase → (class, phrase) pairs to check.
    by_first_term: HashMap<String, Vec<(usize, usize)>>,
}

impl Taxonomy {
    /// The built-in taxonomy, optionally replaced or extended by a user file.
    pub fn load(user_file: Option<&Path>) -> Result<Self> {
        let built_in: TaxonomyFile = serde_saphyr::from_str(BUILT_IN)
            .map_err(|e| RecurError::Invalid(format!("built-in taxonomy: {e}")))?;
        let mut classes = built_in.classes;
        if let Some(path) = user_file {
            let text = std::fs::read_to_string(path).map_err(|e| RecurError::io(path, e))?;
            let user: TaxonomyFile = serde_saphyr::from_str(&text).map_err(|e| {
                RecurError::Invalid(format!(
                    "{}: invalid taxonomy: {}",
                    path.display(),
                    e.without_snippet()
                ))
            })?;
            match user.mode.as_deref() {
                Some("replace") => classes = user.classes,
                None | Some("extend") => {
                    for class in user.classes {
                        match classes.iter_mut().find(|c| c.key == class.key) {
                            Some(existing) => *existing = class,
                            None => classes.push(class),
                        }
                    }
                }
                Some(other) => {
                    return Err(RecurError::Invalid(format!(
                        "{}: invalid taxonomy: mode {other:?} (expected extend or replace)",
                        path.display()
                    )));
                }
            }
        }
        Ok(Self::build(classes))
    }

    fn build(files: Vec<ClassFile>) -> Self {
        let plain = Normalizer::new(&[], &HashSet::new());
        let mut stemmed = Vec::with_capacity(files.len());
        let mut by_first_term: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (ci, class) in files.iter().enumerate() {
            // A phrase of several words that normalises to one term would match on one generic
            // word ("vendor outage" → "vendor"): such phrases are left out (see `collapsed`).
            let phrases: Vec<Vec<String>> = class
                .phrases
                .iter()
                .map(|p| {
                    let terms = plain.stem_phrase(p);
                    if collapses(p, &terms) {
                        Vec::new()
                    } else {
                        terms
                    }
                })
                .collect();
            for (pi, terms) in phrases.iter().enumerate() {
                if let Some(first) = terms.first() {
                    by_first_term
                        .entry(first.clone())
                        .or_default()
                        .push((ci, pi));
                }
            }
            stemmed.push(phrases);
        }
        let classes = files
            .into_iter()
            .map(|c| CauseClass {
                key: c.key,
                label: c.label,
                phrases: c.phrases,
            })
            .collect();
        Self {
            classes,
            stemmed,
            by_first_term,
        }
    }

    /// Phrases left out because several words normalised to one term, as `class: phrase`.
    pub fn collapsed(&self) -> Vec<String> {
        let plain = Normalizer::new(&[], &HashSet::new());
        self.classes
            .iter()
            .flat_map(|c| {
                c.phrases
                    .iter()
                    .filter(|p| collapses(p, &plain.stem_phrase(p)))
                    .map(move |p| format!("{}: {p}", c.key))
            })
            .collect()
    }

    /// Every word of every phrase, lower-cased and unstemmed (trusted by the speller, never
    /// masked as an entity name).
    pub fn vocabulary(&self) -> HashSet<String> {
        self.classes
            .iter()
            .flat_map(|c| c.phrases.iter())
            .flat_map(|p| Normalizer::words(p))
            .collect()
    }

    /// Classes whose phrases match a set of stemmed terms, with how many phrases matched.
    pub fn matches(&self, terms: &HashSet<&str>) -> Vec<(usize, usize)> {
        let mut hits: HashMap<usize, HashSet<usize>> = HashMap::new();
        for term in terms {
            let Some(candidates) = self.by_first_term.get(*term) else {
                continue;
            };
            for &(ci, pi) in candidates {
                if self.stemmed[ci][pi]
                    .iter()
                    .all(|t| terms.contains(t.as_str()))
                {
                    hits.entry(ci).or_default().insert(pi);
                }
            }
        }
        let mut out: Vec<(usize, usize)> = hits.into_iter().map(|(c, p)| (c, p.len())).collect();
        out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// True when a phrase of several words normalises to at most one term.
fn collapses(phrase: &str, terms: &[String]) -> bool {
    Normalizer::words(phrase).len() > 1 && terms.len() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes_of(tax: &Taxonomy, text: &str) -> Vec<String> {
        let n = Normalizer::new(&[], &HashSet::new());
        let terms = n.stem_phrase(text);
        let set: HashSet<&str> = terms.iter().map(String::as_str).collect();
        tax.matches(&set)
            .into_iter()
            .map(|(c, _)| tax.classes[c].key.clone())
            .collect()
    }

    #[test]
    fn paraphrases_of_pool_exhaustion_match_the_class() {
        let tax = Taxonomy::load(None).unwrap();
        for text in [
            "connection pool exhausted",
            "DB connections were never released back to the pool",
            "leaked pg conns after deploy",
            "too many open connections to postgres",
        ] {
            assert_eq!(
                classes_of(&tax, text).first().map(String::as_str),
                Some("connection-pool"),
                "{text}"
            );
        }
    }

    #[test]
    fn no_built_in_phrase_collapses_to_one_generic_term() {
        assert_eq!(
            Taxonomy::load(None).unwrap().collapsed(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn one_shared_generic_word_is_not_a_match() {
        let tax = Taxonomy::load(None).unwrap();
        assert_eq!(
            classes_of(&tax, "the connection to the vendor was slow"),
            Vec::<String>::new()
        );
        assert!(classes_of(&tax, "we rolled back the deploy").is_empty());
    }

    #[test]
    fn a_user_file_extends_or_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.yaml");
        std::fs::write(&path, "classes:\n  - key: kafka-rebalance\n    label: Kafka rebalance\n    phrases: [rebalance storm]\n").unwrap();
        let extended = Taxonomy::load(Some(&path)).unwrap();
        assert!(extended.classes.len() > 20);
        assert_eq!(
            classes_of(&extended, "a rebalance storm hit the cluster"),
            ["kafka-rebalance"]
        );
        std::fs::write(
            &path,
            "mode: replace\nclasses:\n  - key: only\n    label: Only\n    phrases: [pool]\n",
        )
        .unwrap();
        assert_eq!(Taxonomy::load(Some(&path)).unwrap().classes.len(), 1);
    }
}
