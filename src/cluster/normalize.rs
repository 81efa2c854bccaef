//! Text normalisation for cause texts: Unicode and case folding, punctuation, abbreviation
//! expansion, masking of entity names (a service's name in the text is not evidence of the
//! class), stop words, and lemmas (`words.rs`).

use super::words::lemma;
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// Words as engineers abbreviate them, expanded before stemming.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("db", "database"),
    ("dbs", "database"),
    ("pg", "postgres"),
    ("postgresql", "postgres"),
    ("psql", "postgres"),
    ("conn", "connection"),
    ("conns", "connection"),
    ("cnx", "connection"),
    ("cfg", "configuration"),
    ("conf", "configuration"),
    ("config", "configuration"),
    ("configs", "configuration"),
    ("cert", "certificate"),
    ("certs", "certificate"),
    ("k8s", "kubernetes"),
    ("kube", "kubernetes"),
    ("oom", "out of memory"),
    ("oomkilled", "out of memory killed"),
    ("oomkill", "out of memory killed"),
    ("mem", "memory"),
    ("prod", "production"),
    ("env", "environment"),
    ("deps", "dependency"),
    ("dep", "dependency"),
    ("infra", "infrastructure"),
    ("auth", "authentication"),
    ("authn", "authentication"),
    ("msg", "message"),
    ("msgs", "message"),
    ("lb", "load balancer"),
    ("elb", "load balancer"),
    ("alb", "load balancer"),
    ("repl", "replication"),
    ("ssl", "tls"),
    ("https", "tls"),
    ("svc", "service"),
    ("vm", "virtual machine"),
    ("az", "availability zone"),
    ("ff", "feature flag"),
    ("ttl", "time to live"),
    ("tx", "transaction"),
    ("txn", "transaction"),
    ("txns", "transaction"),
];

/// Words that carry no evidence of a cause class.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "us",
    "via",
    "due",
    "caused",
    "cause",
    "causing",
    "led",
    "leading",
    "resulted",
    "result",
    "resulting",
    "issue",
    "issues",
    "problem",
    "problems",
    "incident",
    "incidents",
    "customer",
    "customers",
    "user",
    "users",
    "impact",
    "impacted",
    "service",
    "services",
    "system",
    "systems",
    "team",
    "teams",
    "root",
    "which",
    "several",
    "minutes",
    "minute",
    "hours",
    "hour",
    "about",
    "around",
    "approximately",
    "one",
    "two",
    "three",
    "new",
    "old",
    "made",
    "make",
    "got",
    "get",
    "went",
    "go",
    "going",
    "still",
    "even",
    "however",
    "thus",
];

/// Whether a word carries no evidence of a class (a stop word).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Turns cause texts into lemmatised terms.
pub struct Normalizer {
    abbreviations: HashMap<&'static str, &'static str>,
    stop: HashSet<&'static str>,
    /// Entity names to mask, as token sequences, keyed by their first token.
    masks: HashMap<String, Vec<Vec<String>>>,
}

impl Normalizer {
    /// A normaliser that masks the given entity names (canonical, `-`-separated), except
    /// single-word names that are also words of `protected` (the taxonomy's vocabulary).
    pub fn new(entity_names: &[String], protected: &HashSet<String>) -> Self {
        let mut masks: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for name in entity_names {
            let seq: Vec<String> = name
                .split('-')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if seq.is_empty()
                || (seq.len() == 1 && (protected.contains(&seq[0]) || seq[0].len() < 4))
            {
                continue;
            }
            masks.entry(seq[0].clone()).or_default().push(seq);
        }
        for list in masks.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        Self {
            abbreviations: ABBREVIATIONS.iter().copied().collect(),
            stop: STOP_WORDS.iter().copied().collect(),
            masks,
        }
    }

    /// Whether a word carries no evidence (a stop word).
    pub fn is_stop(&self, word: &str) -> bool {
        self.stop.contains(word)
    }

    /// Lower-cased words of a text, split on anything that is not a letter or digit.
    pub fn words(text: &str) -> Vec<String> {
        // NFKC leaves ASCII as it is: skip it (most texts are ASCII; same words either way).
        if text.is_ascii() {
            return text
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect();
        }
        Self::words_unicode(text)
    }

    fn words_unicode(text: &str) -> Vec<String> {
        let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Words with entity names removed (longest match first).
    pub fn mask(&self, words: Vec<String>) -> Vec<String> {
        if self.masks.is_empty() {
            return words;
        }
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let matched = self.masks.get(&words[i]).and_then(|seqs| {
                seqs.iter()
                    .find(|seq| words.len() - i >= seq.len() && words[i..i + seq.len()] == seq[..])
                    .map(Vec::len)
            });
            match matched {
                Some(len) => i += len,
                None => {
                    out.push(words[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// Abbreviations expanded, stop words and pure numbers dropped, the rest lemmatised.
    pub fn terms(&self, words: &[String]) -> Vec<String> {
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            // `v4` of `v4.21.8`: a release version is evidence of a deploy, its number is not.
            let is_version =
                w.len() > 1 && w.starts_with('v') && w[1..].chars().all(|c| c.is_ascii_digit());
            let expanded = if is_version {
                "version"
            } else {
                self.abbreviations
                    .get(w.as_str())
                    .copied()
                    .unwrap_or(w.as_str())
            };
            for part in expanded.split(' ') {
                if self.stop.contains(part)
                    || part.chars().all(|c| c.is_ascii_digit())
                    || part.len() < 2
                {
                    continue;
                }
                out.push(lemma(part));
            }
        }
        out
    }

    /// The terms of a phrase (for taxonomy phrases), expanding abbreviations first.
    pub fn phrase_terms(&self, phrase: &str) -> Vec<String> {
        self.terms(&Self::words(phrase))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_splits_as_unicode_folding_does(text in "[ -~]{0,60}") {
            proptest::prop_assert_eq!(Normalizer::words(&text), Normalizer::words_unicode(&text));
        }
    }

    fn norm(names: &[&str]) -> Normalizer {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        Normalizer::new(&names, &HashSet::new())
    }

    #[test]
    fn abbreviations_expand_and_words_lemmatise() {
        let n = norm(&[]);
        let t = n.terms(&Normalizer::words(
            "Leaked PG conns; DB connections never released!",
        ));
        assert_eq!(
            t,
            [
                "leak",
                "postgr",
                "connection",
                "databas",
                "connection",
                "never",
                "releas"
            ]
        );
    }

    #[test]
    fn service_names_in_the_text_are_masked() {
        let n = norm(&["checkout-api", "payments-api"]);
        let w = n.mask(Normalizer::words(
            "checkout-api: pool exhausted, Checkout API and payments api too",
        ));
        assert_eq!(w, ["pool", "exhausted", "and", "too"]);
    }

    #[test]
    fn short_or_protected_single_word_names_are_not_masked() {
        let protected: HashSet<String> = ["dns".to_string()].into();
        let n = Normalizer::new(&["dns".into(), "cart".into(), "api".into()], &protected);
        assert_eq!(n.mask(Normalizer::words("dns cart api")), ["dns", "api"]);
    }
}
