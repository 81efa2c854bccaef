//! Names of services, components and teams: one spelling per entity.
//!
//! `Payments API`, `payments-api` and `payments_api` are one service. An aliases file maps other
//! spellings (`pay-api`, `main-db`) to the canonical one.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, Unicode-normalised (NFKC), with every run of separators (space, `_`, `-`, `.`,
/// `/`, `:` …) turned into one `-`, trimmed. An empty result means "no name".
pub fn canonical_name(raw: &str) -> String {
    if raw.is_ascii() {
        return canonical_ascii(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut pending_dash = false;
    for c in raw.nfkc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// [`canonical_name`] for ASCII text, which NFKC leaves unchanged: no normalisation pass.
fn canonical_ascii(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_dash = false;
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Alternative spellings, each mapped to a canonical name.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    to_canonical: HashMap<String, String>,
}

impl Aliases {
    /// Builds from `(canonical, [alias...])` pairs; all sides are canonicalised first.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, Vec<String>)>) -> Self {
        let mut to_canonical = HashMap::new();
        for (target, aliases) in pairs {
            let target = canonical_name(target);
            for alias in aliases {
                let alias = canonical_name(&alias);
                if !alias.is_empty() && alias != target {
                    to_canonical.insert(alias, target.clone());
                }
            }
        }
        Self { to_canonical }
    }

    /// The canonical name for a raw spelling, after aliases; `None` when it is empty.
    pub fn resolve(&self, raw: &str) -> Option<String> {
        let name = canonical_name(raw);
        if name.is_empty() {
            return None;
        }
        Some(self.to_canonical.get(&name).cloned().unwrap_or(name))
    }

    /// Number of alias spellings known.
    pub fn len(&self) -> usize {
        self.to_canonical.len()
    }

    /// True when no alias is known.
    pub fn is_empty(&self) -> bool {
        self.to_canonical.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_service_unify() {
        for raw in [
            "Payments API",
            "payments-api",
            "payments_api",
            " PAYMENTS  api ",
            "payments.api",
        ] {
            assert_eq!(canonical_name(raw), "payments-api", "{raw}");
        }
    }

    #[test]
    fn unicode_is_normalised_and_kept() {
        assert_eq!(canonical_name("Zürich Gateway"), "zürich-gateway");
        assert_eq!(canonical_name("ＡＰＩ"), "api");
        assert_eq!(canonical_name("--"), "");
    }

    #[test]
    fn aliases_map_to_the_canonical_name() {
        let aliases = Aliases::new([(
            "postgres-monolith",
            vec!["Main DB".into(), "pg_main".into()],
        )]);
        assert_eq!(
            aliases.resolve("main-db").as_deref(),
            Some("postgres-monolith")
        );
        assert_eq!(
            aliases.resolve("PG Main").as_deref(),
            Some("postgres-monolith")
        );
        assert_eq!(aliases.resolve("Other").as_deref(), Some("other"));
        assert_eq!(aliases.resolve("  "), None);
    }
}
