//! The phrase lists the follow-up classifier reads for, split into words once and indexed by
//! first word so that a title is read once, whatever the length of the lists.

use std::collections::HashMap;

/// Word sequences that say a fix reaches beyond one service.
const SYSTEMIC: &[&str] = &[
    "all services",
    "every service",
    "each service",
    "across services",
    "all teams",
    "every team",
    "all clusters",
    "every cluster",
    "all hosts",
    "every host",
    "fleet",
    "fleet wide",
    "org wide",
    "organisation wide",
    "organization wide",
    "company wide",
    "platform wide",
    "platform",
    "shared",
    "standard",
    "standardise",
    "standardize",
    "standardised",
    "standardized",
    "guideline",
    "guidelines",
    "policy",
    "lint",
    "linter",
    "linting",
    "library",
    "module",
    "sdk",
    "template",
    "base image",
    "golden path",
    "paved road",
    "guardrail",
    "guardrails",
    "framework",
    "by default",
    "default for",
    "for all",
    "for every",
    "everywhere",
    "central",
    "centralise",
    "centralize",
    "owner for",
    "assign an owner",
    "assign owner",
    "ownership",
    "detection for",
    "alerting for every",
    "check in ci",
    "ci check",
    "admission",
    "enforce",
    "mandatory",
    "all consumers",
    "all vendors",
    "every topic",
    "all tier",
    "default",
    "defaults",
    "across",
    "every",
    "each",
    "for any",
    "require",
    "requires",
    "required",
    "checklist",
    "pre merge",
    "pipeline",
    "scaffolding",
    "scaffold",
    "out of the box",
    "bootstrap",
    "base ami",
    "helm chart",
    "game day",
    "game days",
    "audit",
    "service catalog",
    "contract tests",
    "monitoring stack",
    "in the org",
];

/// Word sequences typical of a fix to one service.
const LOCAL: &[&str] = &[
    "restart",
    "restarted",
    "reboot",
    "resize",
    "resized",
    "scale up",
    "scaled up",
    "add replicas",
    "increase",
    "raise",
    "bump",
    "redeploy",
    "redeployed",
    "roll back",
    "rollback",
    "rolled back",
    "revert",
    "reverted",
    "patch",
    "patched",
    "hotfix",
    "renew",
    "renewed",
    "clean up",
    "cleanup",
    "fix typo",
    "flush",
    "manually",
    "one off",
    "temporary",
    "workaround",
    "calendar reminder",
    "kill",
    "killed",
    "lower",
    "reduce",
    "tune",
    "tuned",
    "investigate",
    "document",
    "split",
];

/// A phrase list, split into words once and indexed by first word.
pub(super) struct PhraseList {
    phrases: Vec<(&'static str, Vec<&'static str>)>,
    by_first_word: HashMap<&'static str, Vec<usize>>,
}

impl PhraseList {
    fn new(list: &[&'static str]) -> Self {
        let phrases: Vec<(&'static str, Vec<&'static str>)> =
            list.iter().map(|p| (*p, p.split(' ').collect())).collect();
        let mut by_first_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, (_, seq)) in phrases.iter().enumerate() {
            by_first_word.entry(seq[0]).or_default().push(i);
        }
        Self {
            phrases,
            by_first_word,
        }
    }

    /// The phrases that occur in `words`, as evidence, in list order.
    pub(super) fn found(&self, words: &[String]) -> Vec<String> {
        let mut hits: Vec<usize> = Vec::new();
        for (at, word) in words.iter().enumerate() {
            for &p in self.by_first_word.get(word.as_str()).into_iter().flatten() {
                let seq = &self.phrases[p].1;
                let rest = &words[at..];
                if rest.len() >= seq.len() && rest.iter().zip(seq).all(|(a, b)| a == b) {
                    hits.push(p);
                }
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter()
            .map(|p| format!("says \"{}\"", self.phrases[p].0))
            .collect()
    }
}

pub(super) struct Phrases {
    pub systemic: PhraseList,
    pub local: PhraseList,
}

pub(super) fn phrases() -> &'static Phrases {
    static PHRASES: std::sync::OnceLock<Phrases> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| Phrases {
        systemic: PhraseList::new(SYSTEMIC),
        local: PhraseList::new(LOCAL),
    })
}
