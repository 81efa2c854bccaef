//! From incidents to the text that stands for each one's cause: the evidence (root cause, else
//! title, contributing factors and trigger), split into sentences; names masked; misspellings
//! corrected; sentences without a cause (templates, "cause unknown") dropped. What is left is
//! compared by its terms (lexical stage) and by its meaning (semantic stage).

use super::boilerplate::{Boilerplate, plain_lemmas, shape};
use super::label::Evidence;
use super::spelling::Speller;
use super::taxonomy::Taxonomy;
use super::{normalize::Normalizer, words::sentences};
use crate::model::Incident;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// One incident's cause, ready to compare.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub strength: Evidence,
    /// The kept sentences' words with names masked, misspellings corrected and numbers dropped:
    /// what the semantic stage embeds (a service's name or a duration says nothing of the class).
    pub meaning: String,
    /// Masked, corrected words of the kept sentences (for labels' surface words).
    pub words: Vec<String>,
    /// Terms of each kept sentence, in order (for phrases and the lexical stage).
    pub sentences: Vec<Vec<String>>,
    /// The taxonomy's (class, phrase) pairs the kept sentences match, sorted.
    pub hits: Vec<(usize, usize)>,
}

/// The text that stands for an incident's cause, and how strong it is.
pub fn evidence(incident: &Incident) -> (String, Evidence) {
    match incident
        .root_cause
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(cause) => (cause.to_string(), Evidence::RootCause),
        None => {
            let mut text = incident.title.clone();
            for factor in &incident.contributing_factors {
                text.push_str(". ");
                text.push_str(factor);
            }
            if let Some(trigger) = &incident.trigger {
                text.push_str(". ");
                text.push_str(trigger);
            }
            (text, Evidence::TitleAndFactors)
        }
    }
}

/// Prepares every incident; `None` where no sentence states a cause. `is_word` says which words
/// are real words (never corrected). Each distinct sentence (names masked) is worked on once,
/// however many incidents repeat it.
pub fn prepare(
    incidents: &[Incident],
    normalizer: &Normalizer,
    taxonomy: &Taxonomy,
    is_word: &(dyn Fn(&str) -> bool + Sync),
    bar: &indicatif::ProgressBar,
) -> Vec<Option<Prepared>> {
    let (strengths, drafts): (Vec<Evidence>, Vec<Vec<Vec<String>>>) = incidents
        .par_iter()
        .map(|i| {
            bar.inc(1);
            let (text, strength) = evidence(i);
            let words = sentences(&text)
                .into_iter()
                .map(|s| normalizer.mask(Normalizer::words(s)))
                .filter(|w| !w.is_empty())
                .collect();
            (strength, words)
        })
        .unzip();

    // Distinct sentences, and how often each occurs.
    let mut index: HashMap<&[String], u32> = HashMap::new();
    let mut distinct: Vec<&[String]> = Vec::new();
    let mut occurrences: Vec<usize> = Vec::new();
    let ids: Vec<Vec<u32>> = drafts
        .iter()
        .map(|sentences| {
            sentences
                .iter()
                .map(|words| {
                    let id = *index.entry(words.as_slice()).or_insert_with(|| {
                        distinct.push(words.as_slice());
                        occurrences.push(0);
                        (distinct.len() - 1) as u32
                    });
                    occurrences[id as usize] += 1;
                    id
                })
                .collect()
        })
        .collect();
    drop(index);

    let mut counts: HashMap<String, usize> = HashMap::new();
    for (words, n) in distinct.iter().zip(&occurrences) {
        for w in words.iter() {
            match counts.get_mut(w) {
                Some(c) => *c += n,
                None => {
                    counts.insert(w.clone(), *n);
                }
            }
        }
    }
    let vocabulary: HashSet<String> = taxonomy.vocabulary();
    let speller = Speller::learn(&counts, &vocabulary, is_word);
    drop(counts);

    // Per distinct sentence: corrected words, terms, whether it names a class, plain lemmas.
    let parsed: Vec<Sentence> = distinct
        .par_iter()
        .map(|words| {
            let corrected: Vec<String> = words
                .iter()
                .map(|w| speller.correct(w).to_string())
                .collect();
            let terms = normalizer.terms(&corrected);
            let hits = taxonomy.phrase_hits(std::slice::from_ref(&terms));
            let lemmas = plain_lemmas(&corrected);
            Sentence {
                shape: shape(words),
                corrected,
                terms,
                names_class: !hits.is_empty(),
                hits,
                lemmas,
            }
        })
        .collect();
    // Shapes interned; a shape names a class when any of its sentences does.
    let mut shape_index: HashMap<&str, u32> = HashMap::new();
    let mut shape_names_class: Vec<bool> = Vec::new();
    let shape_of: Vec<u32> = parsed
        .iter()
        .map(|p| {
            let id = *shape_index.entry(p.shape.as_str()).or_insert_with(|| {
                shape_names_class.push(false);
                (shape_names_class.len() - 1) as u32
            });
            shape_names_class[id as usize] |= p.names_class;
            id
        })
        .collect();
    let by_shape: Vec<Vec<u32>> = ids
        .iter()
        .map(|s| s.iter().map(|id| shape_of[*id as usize]).collect())
        .collect();
    let boilerplate = Boilerplate::learn(&by_shape, &shape_names_class);
    drop(by_shape);
    let empty: Vec<bool> = parsed
        .par_iter()
        .zip(&shape_of)
        .map(|(p, shape)| {
            p.terms.is_empty() || boilerplate.is_empty_sentence(*shape, p.names_class, &p.lemmas)
        })
        .collect();

    ids.par_iter()
        .zip(strengths)
        .map(|(sentence_ids, strength)| {
            let mut meaning = String::new();
            let mut words = Vec::new();
            let mut kept = Vec::new();
            let mut hits = Vec::new();
            for id in sentence_ids
                .iter()
                .map(|i| *i as usize)
                .filter(|i| !empty[*i])
            {
                let p = &parsed[id];
                for w in p
                    .corrected
                    .iter()
                    .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                {
                    if !meaning.is_empty() {
                        meaning.push(' ');
                    }
                    meaning.push_str(w);
                }
                words.extend(p.corrected.iter().cloned());
                kept.push(p.terms.clone());
                hits.extend_from_slice(&p.hits);
            }
            hits.sort_unstable();
            hits.dedup();
            (!kept.is_empty()).then_some(Prepared {
                strength,
                meaning,
                words,
                sentences: kept,
                hits,
            })
        })
        .collect()
}

/// One distinct sentence, worked on.
struct Sentence {
    shape: String,
    corrected: Vec<String>,
    terms: Vec<String>,
    names_class: bool,
    hits: Vec<(usize, usize)>,
    lemmas: Vec<String>,
}
