//! Words below the level of terms: the sentences of a text, and the lemma of a word.
//!
//! A lemma strips inflections only (plural, past, progressive: `connections` → `connection`,
//! `expired` → `expir`, `retries` → `retry`), never derivations: `resolved` and `resolver`,
//! `provide` and `provider`, `operating` and `operator`, `failed` and `failure` stay apart. A
//! stemmer that folds them together turns "This incident has been resolved" into DNS evidence.

/// The lemma of a lower-cased word: its inflection (plural, past, progressive) removed, and a
/// final `e`, so that `expire`, `expires`, `expired` and `expiring` share one key. Derived words
/// keep their own key (`resolver` is not `resolve`).
pub fn lemma(word: &str) -> String {
    let w = word;
    let n = w.len();
    if n <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    let has_vowel = |s: &str| s.chars().any(|c| "aeiouy".contains(c));
    let undouble = |s: &str| -> String {
        let b = s.as_bytes();
        let k = b.len();
        if k >= 3 && b[k - 1] == b[k - 2] && !b"aeiouylsz".contains(&b[k - 1]) {
            s[..k - 1].to_string()
        } else {
            s.to_string()
        }
    };
    let base = if n > 4 && (w.ends_with("ies") || w.ends_with("ied")) {
        format!("{}y", &w[..n - 3])
    } else if w.ends_with("sses")
        || (n > 4
            && (w.ends_with("ches")
                || w.ends_with("shes")
                || w.ends_with("xes")
                || w.ends_with("zes")))
    {
        w[..n - 2].to_string()
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..n - 1].to_string()
    } else if n > 4 && w.ends_with("ed") && !w.ends_with("eed") && has_vowel(&w[..n - 2]) {
        undouble(&w[..n - 2])
    } else if n > 5 && w.ends_with("ing") && has_vowel(&w[..n - 3]) {
        undouble(&w[..n - 3])
    } else {
        w.to_string()
    };
    if base.len() >= 4 && base.ends_with('e') && !base.ends_with("ee") {
        base[..base.len() - 1].to_string()
    } else {
        base
    }
}

/// The sentences of a text: split after `.`, `!`, `?` or `;` followed by a space, and at line
/// breaks (`v4.21.8` and `api.example.com` stay whole).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'\n' | b'\r' => Some(i),
            b'.' | b'!' | b'?' | b';' => bytes
                .get(i + 1)
                .is_none_or(|n| n.is_ascii_whitespace())
                .then_some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let rest = text[start.min(text.len())..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_strip_inflections_only() {
        for (a, b) in [
            ("expired", "expire"),
            ("expires", "expiring"),
            ("retries", "retry"),
            ("retried", "retry"),
            ("stopped", "stop"),
            ("caches", "cache"),
            ("processes", "process"),
            ("connections", "connection"),
        ] {
            assert_eq!(lemma(a), lemma(b), "{a} / {b}");
        }
        for (a, b) in [
            ("resolved", "resolver"),
            ("provide", "provider"),
            ("operating", "operator"),
            ("failed", "failure"),
            ("collection", "connection"),
        ] {
            assert_ne!(lemma(a), lemma(b), "{a} / {b}");
        }
        assert_eq!(lemma("string"), "string");
        assert_eq!(lemma("status"), "status");
    }

    #[test]
    fn sentences_split_at_stops_but_not_inside_versions_or_hosts() {
        assert_eq!(
            sentences("Deployed v4.21.8 to api.example.com. It failed!\nRolled back; ok"),
            [
                "Deployed v4.21.8 to api.example.com.",
                "It failed!",
                "Rolled back;",
                "ok"
            ]
        );
        assert!(sentences("  ").is_empty());
    }
}
