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

use super::phrases::PhraseIndex;
use super::{normalize::Normalizer, words::lemma};
#[cfg(test)]
use std::collections::HashMap;

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
    /// By shape id: a template of this corpus.
    templates: Vec<bool>,
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

impl Boilerplate {
    /// Learns the templates of a corpus: per incident, the shape ids of its sentences;
    /// `names_class[shape]` says whether a sentence of that shape matches a taxonomy class.
    pub fn learn(incidents: &[Vec<u32>], names_class: &[bool]) -> Self {
        let n = incidents.len();
        let shapes = names_class.len();
        let mut df = vec![0usize; shapes];
        let mut seen = vec![usize::MAX; shapes];
        for (i, sentences) in incidents.iter().enumerate() {
            for &s in sentences {
                if seen[s as usize] != i {
                    seen[s as usize] = i;
                    df[s as usize] += 1;
                }
            }
        }
        let frequent = (n / 100).max(5);
        let very_frequent = (n / 10).max(10);
        let candidate = |s: u32| df[s as usize] >= frequent;
        // How often each candidate stands beside a sentence that is not a candidate.
        let mut beside = vec![0usize; shapes];
        seen.iter_mut().for_each(|x| *x = usize::MAX);
        for (i, sentences) in incidents.iter().enumerate() {
            if sentences.iter().any(|s| !candidate(*s)) {
                for &s in sentences.iter().filter(|s| candidate(**s)) {
                    if seen[s as usize] != i {
                        seen[s as usize] = i;
                        beside[s as usize] += 1;
                    }
                }
            }
        }
        let templates = (0..shapes)
            .map(|s| {
                df[s] >= frequent
                    && !names_class[s]
                    && (df[s] >= very_frequent || beside[s] * 10 >= df[s] * 3)
            })
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
    pub fn is_empty_sentence(&self, shape: u32, names_class: bool, lemmas: &[String]) -> bool {
        if names_class {
            return false;
        }
        if self.templates.get(shape as usize).copied().unwrap_or(false) {
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

    /// A corpus of sentences: shapes interned, as `prepare` does.
    #[derive(Default)]
    struct Corpus {
        shapes: HashMap<String, u32>,
        incidents: Vec<Vec<u32>>,
    }

    impl Corpus {
        fn add(&mut self, sentences: &[&str]) {
            let ids = sentences
                .iter()
                .map(|s| {
                    let shape = shape(&Normalizer::words(s));
                    let next = self.shapes.len() as u32;
                    *self.shapes.entry(shape).or_insert(next)
                })
                .collect();
            self.incidents.push(ids);
        }

        fn learn(&self) -> Boilerplate {
            Boilerplate::learn(&self.incidents, &vec![false; self.shapes.len()])
        }

        /// Whether `text` (one sentence) carries no cause in this corpus.
        fn empty(&self, b: &Boilerplate, text: &str) -> bool {
            let words = Normalizer::words(text);
            let id = self.shapes.get(&shape(&words)).copied().unwrap_or(u32::MAX);
            b.is_empty_sentence(id, false, &plain_lemmas(&words))
        }
    }

    /// A distinct word per number (`aa`, `ab`, …): numbers alone are folded into one shape.
    fn word(i: usize) -> String {
        format!(
            "{}{}",
            (b'a' + (i / 20) as u8) as char,
            (b'a' + (i % 20) as u8) as char
        )
    }

    #[test]
    fn status_page_templates_are_found_and_specific_updates_kept() {
        let mut c = Corpus::default();
        for i in 0..40 {
            let specific = format!("A bad index on table {} slowed queries.", word(i));
            c.add(&[
                "We are looking into reports of degraded performance.",
                &specific,
                "Thanks for your patience.",
            ]);
        }
        let b = c.learn();
        assert!(c.empty(&b, "We are looking into reports of degraded performance."));
        assert!(c.empty(&b, "Thanks for your patience."));
        assert!(!c.empty(
            &b,
            &format!("A bad index on table {} slowed queries.", word(3))
        ));
    }

    #[test]
    fn a_cause_sentence_many_incidents_share_is_not_a_template() {
        let mut c = Corpus::default();
        for _ in 0..20 {
            c.add(&["The nightly export job double-ran after a retry."]);
        }
        for i in 0..200 {
            c.add(&[&format!("Cause {} words {}", word(i), word(i + 1))]);
        }
        let b = c.learn();
        assert!(!c.empty(&b, "The nightly export job double-ran after a retry."));
    }

    #[test]
    fn a_frequent_sentence_that_names_a_class_is_never_a_template() {
        let mut c = Corpus::default();
        for i in 0..40 {
            c.add(&[
                "Connection pool exhausted.",
                &format!("On host {}.", word(i)),
            ]);
        }
        let names: Vec<bool> = {
            let mut v = vec![false; c.shapes.len()];
            v[c.shapes["connection pool exhausted"] as usize] = true;
            v
        };
        let b = Boilerplate::learn(&c.incidents, &names);
        let words = Normalizer::words("Connection pool exhausted.");
        let id = c.shapes["connection pool exhausted"];
        assert!(!b.is_empty_sentence(id, true, &plain_lemmas(&words)));
    }

    #[test]
    fn short_statements_that_no_cause_is_known_carry_none() {
        let c = Corpus::default();
        let b = c.learn();
        for text in [
            "Root cause not yet determined.",
            "Cause unknown.",
            "We will provide an update in 30 minutes.",
            "This incident has been resolved.",
            "Recovered on its own after 12 minutes; cause not identified.",
        ] {
            for part in crate::cluster::words::sentences(text) {
                assert!(c.empty(&b, part), "{text}: {part}");
            }
        }
        assert!(!c.empty(&b, "We identified a poison message in the orders queue"));
        assert!(!c.empty(
            &b,
            "An unknown host error from the payment gateway after the vendor moved its endpoint and nobody updated the allow list"
        ));
    }
}
