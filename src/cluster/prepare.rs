//! From incidents to the text that stands for each one's cause: the evidence (root cause, else
//! title, contributing factors and trigger), split into sentences; names masked; misspellings
//! corrected; sentences without a cause (templates, "cause unknown") dropped. What is left is
//! compared by its terms (lexical stage) and by its meaning (semantic stage).

use super::boilerplate::{Boilerplate, Sentence, plain_lemmas, shape};
use super::label::Evidence;
use super::normalize::{Normalizer, sentences};
use super::spelling::Speller;
use super::taxonomy::Taxonomy;
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

struct Draft {
    strength: Evidence,
    /// Each sentence's masked words.
    sentences: Vec<Vec<String>>,
}

/// Prepares every incident; `None` where no sentence states a cause. `is_word` says which words
/// are real words (never corrected).
pub fn prepare(
    incidents: &[Incident],
    normalizer: &Normalizer,
    taxonomy: &Taxonomy,
    is_word: &(dyn Fn(&str) -> bool + Sync),
    bar: &indicatif::ProgressBar,
) -> Vec<Option<Prepared>> {
    let texts: Vec<(String, Evidence)> = incidents.par_iter().map(evidence).collect();
    let drafts: Vec<Draft> = texts
        .par_iter()
        .map(|(text, strength)| Draft {
            strength: *strength,
            sentences: sentences(text)
                .into_iter()
                .map(|s| normalizer.mask(Normalizer::words(s)))
                .filter(|w| !w.is_empty())
                .collect(),
        })
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for d in &drafts {
        for words in &d.sentences {
            for w in words {
                if let Some(n) = counts.get_mut(w) {
                    *n += 1;
                } else {
                    counts.insert(w.clone(), 1);
                }
            }
        }
    }
    let vocabulary: HashSet<String> = taxonomy.vocabulary();
    let speller = Speller::learn(&counts, &vocabulary, is_word);
    // Per incident, per sentence: corrected words, terms, shape and whether it names a class.
    type Parsed = Vec<(Vec<String>, Vec<String>, Sentence)>;
    let parsed: Vec<Parsed> = drafts
        .par_iter()
        .map(|d| {
            bar.inc(1);
            d.sentences
                .iter()
                .map(|words| {
                    let corrected: Vec<String> = words
                        .iter()
                        .map(|w| speller.correct(w).to_string())
                        .collect();
                    let terms = normalizer.terms(&corrected);
                    let names_class = !taxonomy.matches(std::slice::from_ref(&terms)).is_empty();
                    let sentence = Sentence {
                        shape: shape(words),
                        names_class,
                    };
                    (corrected, terms, sentence)
                })
                .collect()
        })
        .collect();
    let boilerplate = {
        let view: Vec<Vec<Sentence>> = parsed
            .iter()
            .map(|p| {
                p.iter()
                    .map(|(_, _, s)| Sentence {
                        shape: s.shape.clone(),
                        names_class: s.names_class,
                    })
                    .collect()
            })
            .collect();
        Boilerplate::learn(&view)
    };
    drafts
        .par_iter()
        .zip(parsed)
        .map(|(d, parsed)| {
            let mut meaning = String::new();
            let mut words = Vec::new();
            let mut kept = Vec::new();
            for (corrected, terms, sentence) in parsed {
                if terms.is_empty()
                    || boilerplate.is_empty_sentence(&sentence, &plain_lemmas(&corrected))
                {
                    continue;
                }
                for w in corrected
                    .iter()
                    .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                {
                    if !meaning.is_empty() {
                        meaning.push(' ');
                    }
                    meaning.push_str(w);
                }
                words.extend(corrected);
                kept.push(terms);
            }
            (!kept.is_empty()).then_some(Prepared {
                strength: d.strength,
                meaning,
                words,
                sentences: kept,
            })
        })
        .collect()
}
