//! Misspellings: a rare word within a small edit distance of a frequent word of the corpus is
//! read as that word (`conection` → `connection`). A word of the dictionary is never rewritten
//! (`collection` stays `collection`, however rare). Decided once per distinct word, not per text.

use std::collections::{HashMap, HashSet};

/// Corrections for the words of a corpus.
pub struct Speller {
    fixes: HashMap<String, String>,
}

/// A word seen at least this often is taken as correctly spelled.
const TRUSTED_COUNT: usize = 3;

impl Speller {
    /// Learns corrections from word counts; `known` words (the taxonomy's) are always trusted,
    /// and a word for which `is_word` holds is never corrected.
    pub fn learn(
        counts: &HashMap<String, usize>,
        known: &HashSet<String>,
        is_word: &dyn Fn(&str) -> bool,
    ) -> Self {
        let trusted: Vec<(&str, usize)> = {
            let mut v: Vec<(&str, usize)> = counts
                .iter()
                .filter(|(w, n)| **n >= TRUSTED_COUNT || known.contains(*w))
                .map(|(w, n)| (w.as_str(), *n))
                .collect();
            v.extend(
                known
                    .iter()
                    .filter(|w| !counts.contains_key(*w))
                    .map(|w| (w.as_str(), 0)),
            );
            // Most frequent first, then alphabetical: the first match within the distance wins.
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            v
        };
        let mut buckets: HashMap<(char, usize), Vec<&str>> = HashMap::new();
        for (w, _) in &trusted {
            if let Some(first) = w.chars().next() {
                buckets
                    .entry((first, w.chars().count()))
                    .or_default()
                    .push(w);
            }
        }
        let trusted_set: HashSet<&str> = trusted.iter().map(|(w, _)| *w).collect();
        let rank: HashMap<&str, usize> = trusted
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (*w, i))
            .collect();
        let mut fixes = HashMap::new();
        for word in counts.keys() {
            let len = word.chars().count();
            if len < 5
                || trusted_set.contains(word.as_str())
                || is_word(word)
                || word.chars().any(|c| c.is_ascii_digit())
            {
                continue;
            }
            let Some(first) = word.chars().next() else {
                continue;
            };
            let max_edits = if len >= 8 { 2 } else { 1 };
            let best = (len.saturating_sub(max_edits)..=len + max_edits)
                .filter_map(|l| buckets.get(&(first, l)))
                .flatten()
                .filter(|candidate| strsim::damerau_levenshtein(word, candidate) <= max_edits)
                .min_by_key(|candidate| {
                    (
                        strsim::damerau_levenshtein(word, candidate),
                        rank.get(*candidate).copied().unwrap_or(usize::MAX),
                    )
                });
            if let Some(fix) = best {
                fixes.insert(word.clone(), (*fix).to_string());
            }
        }
        Self { fixes }
    }

    /// The corrected word (or the word itself).
    pub fn correct<'a>(&'a self, word: &'a str) -> &'a str {
        self.fixes.get(word).map_or(word, String::as_str)
    }

    /// How many distinct words are corrected.
    pub fn len(&self) -> usize {
        self.fixes.len()
    }

    /// True when nothing is corrected.
    pub fn is_empty(&self) -> bool {
        self.fixes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_misspellings_map_to_frequent_words() {
        let counts: HashMap<String, usize> = [
            ("connection", 40),
            ("conection", 1),
            ("exhausted", 9),
            ("exausted", 1),
            ("certificate", 5),
        ]
        .into_iter()
        .map(|(w, n)| (w.to_string(), n))
        .collect();
        let s = Speller::learn(&counts, &HashSet::new(), &|_| false);
        assert_eq!(s.correct("conection"), "connection");
        assert_eq!(s.correct("exausted"), "exhausted");
        assert_eq!(s.correct("connection"), "connection");
    }

    #[test]
    fn short_words_and_distant_words_are_left_alone() {
        let counts: HashMap<String, usize> = [
            ("cache", 10),
            ("cachet", 1),
            ("disk", 10),
            ("dusk", 1),
            ("memory", 10),
            ("mystery", 1),
        ]
        .into_iter()
        .map(|(w, n)| (w.to_string(), n))
        .collect();
        let s = Speller::learn(&counts, &HashSet::new(), &|_| false);
        assert_eq!(s.correct("dusk"), "dusk", "too short to judge");
        assert_eq!(
            s.correct("mystery"),
            "mystery",
            "not within one edit of memory"
        );
    }

    #[test]
    fn a_real_word_is_never_rewritten() {
        let counts: HashMap<String, usize> = [
            ("connection".to_string(), 40),
            ("collection".to_string(), 1),
            ("conection".to_string(), 1),
        ]
        .into();
        let dictionary = |w: &str| w == "connection" || w == "collection";
        let s = Speller::learn(&counts, &HashSet::new(), &dictionary);
        assert_eq!(s.correct("collection"), "collection");
        assert_eq!(s.correct("conection"), "connection");
    }
}
