//! Phrase matching on lemmatised terms: a phrase matches a sentence when all its terms occur in
//! that sentence, in any order, close together (within a few terms of each other). Words far apart
//! ("we switched over … the job failed") or in different sentences are not a phrase.

use std::collections::HashMap;

/// How far (in terms) the other terms of a phrase may be from its first term, beyond the
/// phrase's own length.
const SLACK: usize = 3;

/// Phrases, indexed by their first term.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    phrases: Vec<Vec<String>>,
    by_first: HashMap<String, Vec<usize>>,
}

impl PhraseIndex {
    /// An index of phrases given as terms; an empty phrase never matches.
    pub fn new(phrases: Vec<Vec<String>>) -> Self {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in phrases.iter().enumerate() {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        Self { phrases, by_first }
    }

    /// Indices of the phrases that match one sentence's terms (in order), ascending.
    pub fn hits(&self, terms: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            let Some(candidates) = self.by_first.get(term) else {
                continue;
            };
            for &p in candidates {
                let phrase = &self.phrases[p];
                let reach = phrase.len() + SLACK;
                let lo = i.saturating_sub(reach);
                let hi = (i + reach + 1).min(terms.len());
                let window = &terms[lo..hi];
                if phrase[1..].iter().all(|t| window.contains(t)) {
                    out.push(p);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn terms_match_in_any_order_when_close() {
        let idx = PhraseIndex::new(vec![terms("connection pool"), terms("dns")]);
        assert_eq!(idx.hits(&terms("pool connection exhaust")), [0]);
        assert_eq!(
            idx.hits(&terms("database connection never releas back pool")),
            [0]
        );
        assert_eq!(idx.hits(&terms("dns resolver")), [1]);
        assert!(idx.hits(&terms("resolv")).is_empty());
    }

    #[test]
    fn distant_terms_are_not_a_phrase() {
        let idx = PhraseIndex::new(vec![terms("switch failure")]);
        let far = terms("switch traffic region b then hour later nightly job report failure");
        assert!(idx.hits(&far).is_empty());
        assert_eq!(idx.hits(&terms("core switch failure")), [0]);
    }
}
