//! Sentences that carry no cause: status-page templates ("We are investigating reports of
//! degraded performance", "This incident has been resolved", "We will provide an update"), found
//! from the corpus itself, and statements that no cause is known yet ("Root cause not yet
//! determined"). Both are dropped before anything is compared; a text with nothing else left has
//! no cause stated.
//!
//! A sentence (names and numbers masked) is a template when it repeats across the corpus and
//! either (a) it mostly stands beside other, specific text, as a template does beside the real
//! update, or (b) it is in a tenth of all incidents. A sentence that matches a class of the
//! taxonomy is never a template: many incidents may really share one cause sentence.

use super::normalize::{Normalizer, lemma};
use super::phrases::PhraseIndex;
use std::collections::{HashMap, HashSet};

/// Phrases that say no cause is known, or only that work is going on. Matched on the words of a
/// sentence (lemmas, stop words kept: "not identified" is not "identified"), and only in short
/// sentences (see [`NON_CAUSE_SLACK`]) that name no class.
const NON_CAUSE: &[&str] = &[
    "under investigation",
    "being investigated",
    "are investigating",
    "is investigating",
    "currently investigating",
    "still investigating",
    "investigation ongoing",
    "investigation is ongoing",
    "investigation continues",
    "not yet determined",
    "not yet identified",
    "not yet known",
    "not identified",
    "not determined",
    "not known",
    "unknown",
    "to be determined",
    "tbd",
    "n a",
    "no cause recorded",
    "no root cause",
    "without rca",
    "rca to follow",
    "postmortem to follow",
    "pending postmortem",
    "pending rca",
    "to be added",
    "see ticket",
    "see the ticket",
    "see postmortem",
    "duplicate of",
    "no longer reproducible",
    "could not reproduce",
    "resolved",
    "mitigated",
    "recovered on its own",
    "recovered",
    "restored",
    "operating normally",
    "provide an update",
    "provide updates",
    "further updates",
    "next update",
    "keep users updated",
    "continue to monitor",
    "monitoring the results",
    "monitoring",
    "publish a full postmortem",
    "full postmortem",
    "gathering data",
    "closing",
    // Status-page register: what users see, not why.
    "we are experiencing",
    "we are seeing",
    "are experiencing issues",
    "experiencing degraded",
    "may not be able to",
    "may experience",
    "we have identified the issue",
    "identified the issue",
    "working on a fix",
    "working on mitigation",
    "attempting to mitigate",
    "applied a mitigation",
    "deploying a fix",
    "rolling out a fix",
    "seeing recovery",
    "signs of recovery",
];

/// A non-cause phrase drops a sentence of at most this many words beyond its own.
const NON_CAUSE_SLACK: usize = 8;

/// The words of a sentence as non-cause phrases are matched: lemmas, stop words kept.
pub fn plain_lemmas(words: &[String]) -> Vec<String> {
    words.iter().map(|w| lemma(w)).collect()
}

/// Finds sentences without a cause.
pub struct Boilerplate {
    templates: HashSet<String>,
    non_cause: PhraseIndex,
    lengths: Vec<usize>,
}

/// The shape of a sentence: its masked words, digits folded, so that "Degraded performance for
/// Actions" and "… for Pages" (names masked) or "40 minutes" and "12 minutes" are one template.
pub fn shape(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            out.push('#');
        } else {
            out.push_str(w);
        }
    }
    out
}

/// One sentence as the detector sees it.
pub struct Sentence {
    pub shape: String,
    /// Whether a taxonomy class matches it.
    pub names_class: bool,
}

impl Boilerplate {
    /// Learns the templates of a corpus: per incident, its sentences.
    pub fn learn(incidents: &[Vec<Sentence>]) -> Self {
        let n = incidents.len();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for sentences in incidents {
            let distinct: HashSet<&str> = sentences.iter().map(|s| s.shape.as_str()).collect();
            for s in distinct {
                *df.entry(s).or_default() += 1;
            }
        }
        let frequent = (n / 100).max(5);
        let very_frequent = (n / 10).max(10);
        let candidate = |s: &str| df.get(s).is_some_and(|d| *d >= frequent);
        // How often each candidate stands beside a sentence that is not a candidate.
        let mut beside: HashMap<&str, usize> = HashMap::new();
        for sentences in incidents {
            let specific = sentences.iter().any(|s| !candidate(&s.shape));
            if specific {
                let distinct: HashSet<&str> = sentences
                    .iter()
                    .map(|s| s.shape.as_str())
                    .filter(|s| candidate(s))
                    .collect();
                for s in distinct {
                    *beside.entry(s).or_default() += 1;
                }
            }
        }
        let names_class: HashSet<&str> = incidents
            .iter()
            .flatten()
            .filter(|s| s.names_class)
            .map(|s| s.shape.as_str())
            .collect();
        let templates = df
            .iter()
            .filter(|(s, d)| {
                **d >= frequent
                    && !names_class.contains(*s)
                    && (**d >= very_frequent
                        || beside.get(*s).copied().unwrap_or(0) * 10 >= **d * 3)
            })
            .map(|(s, _)| (*s).to_string())
            .collect();
        let phrases: Vec<Vec<String>> = NON_CAUSE
            .iter()
            .map(|p| plain_lemmas(&Normalizer::words(p)))
            .collect();
        let lengths = phrases.iter().map(Vec::len).collect();
        Self {
            templates,
            non_cause: PhraseIndex::new(phrases),
            lengths,
        }
    }

    /// Whether a sentence carries no cause: a template of this corpus, or a short statement that
    /// no cause is known, naming no class. `lemmas` are its words' lemmas, stop words kept.
    pub fn is_empty_sentence(&self, sentence: &Sentence, lemmas: &[String]) -> bool {
        if sentence.names_class {
            return false;
        }
        if self.templates.contains(&sentence.shape) {
            return true;
        }
        self.non_cause
            .hits(lemmas)
            .iter()
            .any(|p| lemmas.len() <= self.lengths[*p] + NON_CAUSE_SLACK)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> (Sentence, Vec<String>) {
        let words = Normalizer::words(text);
        let terms = plain_lemmas(&words);
        (
            Sentence {
                shape: shape(&words),
                names_class: false,
            },
            terms,
        )
    }

    /// A distinct word per number (`ab`, `ac`, …): numbers alone are folded into one shape.
    fn word(i: usize) -> String {
        format!(
            "{}{}",
            (b'a' + (i / 20) as u8) as char,
            (b'a' + (i % 20) as u8) as char
        )
    }

    #[test]
    fn status_page_templates_are_found_and_specific_updates_kept() {
        let mut corpus = Vec::new();
        for i in 0..40 {
            corpus.push(vec![
                sentence("We are investigating reports of degraded performance.").0,
                sentence(&format!("A bad index on table {} slowed queries.", word(i))).0,
                sentence("This incident has been resolved.").0,
            ]);
        }
        let b = Boilerplate::learn(&corpus);
        let (s, t) = sentence("This incident has been resolved.");
        assert!(b.is_empty_sentence(&s, &t));
        let (s, t) = sentence(&format!("A bad index on table {} slowed queries.", word(3)));
        assert!(!b.is_empty_sentence(&s, &t));
    }

    #[test]
    fn a_cause_sentence_many_incidents_share_is_not_a_template() {
        let corpus: Vec<Vec<Sentence>> = (0..20)
            .map(|_| vec![sentence("The nightly export job double-ran after a retry.").0])
            .chain((0..200).map(|i| vec![sentence(&format!("Cause {i} words {i}")).0]))
            .collect();
        let b = Boilerplate::learn(&corpus);
        let (s, t) = sentence("The nightly export job double-ran after a retry.");
        assert!(!b.is_empty_sentence(&s, &t));
    }

    #[test]
    fn short_statements_that_no_cause_is_known_carry_none() {
        let b = Boilerplate::learn(&[]);
        for text in [
            "Root cause not yet determined.",
            "Cause unknown.",
            "We will provide an update in 30 minutes.",
            "This incident has been resolved.",
            "Recovered on its own after 12 minutes; cause not identified.",
        ] {
            for part in crate::cluster::normalize::sentences(text) {
                let (s, t) = sentence(part);
                assert!(b.is_empty_sentence(&s, &t), "{text}: {part}");
            }
        }
        let (s, t) = sentence("We identified a poison message in the orders queue");
        assert!(!b.is_empty_sentence(&s, &t));
        let (s, t) = sentence(
            "An unknown host error from the payment gateway after the vendor moved its endpoint",
        );
        assert!(!b.is_empty_sentence(&s, &t));
    }
}
