//! The cause taxonomy: named classes with phrases that recognise them. Built in
//! (`taxonomy.yaml` next to this file), replaceable or extensible with `--taxonomy FILE`.
//! It steers clustering (a matched class is one feature among the words) and names clusters;
//! it never forces two texts together on one shared word. Phrases match whole lemmas close
//! together in one sentence (see `phrases.rs`), never by a shared stem.

use super::normalize::Normalizer;
use super::phrases::PhraseIndex;
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
    /// Every phrase of every class, as terms.
    index: PhraseIndex,
    /// Phrase of the index → (class, phrase of the class).
    owner: Vec<(usize, usize)>,
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
        let mut all = Vec::new();
        let mut owner = Vec::new();
        for (ci, class) in files.iter().enumerate() {
            for (pi, p) in class.phrases.iter().enumerate() {
                // A phrase of several words that normalises to one term would match on one
                // generic word ("vendor outage" → "vendor"): such phrases are left out (see
                // `collapsed`).
                let terms = plain.phrase_terms(p);
                if !terms.is_empty() && !collapses(p, &terms) {
                    all.push(terms);
                    owner.push((ci, pi));
                }
            }
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
            index: PhraseIndex::new(all),
            owner,
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
                    .filter(|p| collapses(p, &plain.phrase_terms(p)))
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

    /// The (class, phrase) pairs that match a text given as its sentences' terms.
    pub fn phrase_hits(&self, sentences: &[Vec<String>]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = sentences
            .iter()
            .flat_map(|s| self.index.hits(s))
            .map(|p| self.owner[p])
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Classes whose phrases match a text (its sentences' terms), with how many distinct phrases
    /// matched, most first.
    pub fn matches(&self, sentences: &[Vec<String>]) -> Vec<(usize, usize)> {
        Self::classes_of(&self.phrase_hits(sentences))
    }

    /// The classes of (class, phrase) hits, with how many distinct phrases each, most first.
    pub fn classes_of(hits: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for (c, _) in hits {
            *counts.entry(*c).or_default() += 1;
        }
        let mut out: Vec<(usize, usize)> = counts.into_iter().collect();
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
        let sentences: Vec<Vec<String>> = super::super::words::sentences(text)
            .into_iter()
            .map(|s| n.phrase_terms(s))
            .collect();
        tax.matches(&sentences)
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
    fn words_that_only_share_a_stem_with_a_phrase_are_no_class() {
        let tax = Taxonomy::load(None).unwrap();
        for text in [
            "This incident has been resolved.",
            "We will provide an update as soon as we know more.",
            "The operating team saw an error in the dashboard.",
            "We switched over to the secondary region. An hour later the nightly report job failed.",
        ] {
            assert_eq!(classes_of(&tax, text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(classes_of(&tax, "the DNS resolver timed out"), ["dns"]);
        assert_eq!(
            classes_of(&tax, "a core switch failure"),
            ["network-partition"]
        );
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
