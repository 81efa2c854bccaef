//! Is a follow-up local (fixes this one service) or systemic (fixes the class)? An explicit
//! `scope` wins; otherwise the text is read for signals, and naming a shared component counts
//! towards systemic while naming only the incident's own service counts towards local. Ties are
//! local: a fix is assumed to stop at the service that broke unless it says otherwise.
//! The rules are listed in `docs/analyses.md`; every verdict carries its evidence.

use crate::cluster::normalize::Normalizer;
use crate::model::{Action, Scope};
use serde::Serialize;
use std::collections::HashSet;

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
    "move",
    "moved",
];

/// A verdict with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub scope: Scope,
    /// `explicit` (the input said so) or `inferred`.
    pub basis: &'static str,
    /// Why, in short phrases: `says "for all services"`, `names shared component postgres-main`.
    pub evidence: Vec<String>,
}

/// What the classifier knows besides the action.
pub struct Context<'a> {
    /// Components used by two or more services.
    pub shared_components: &'a HashSet<String>,
    /// The services the action's incident affected.
    pub incident_services: &'a [String],
}

fn words(text: &str) -> Vec<String> {
    Normalizer::words(text)
}

fn contains_seq(words: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(p.len())
        .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

/// Classifies one follow-up.
pub fn classify(action: &Action, ctx: &Context<'_>) -> Verdict {
    if let Some(scope) = action.scope {
        return Verdict {
            scope,
            basis: "explicit",
            evidence: vec![format!("scope given as {}", scope.as_str())],
        };
    }
    let w = words(&action.title);
    let joined = w.join("-");
    let mut systemic: Vec<String> = SYSTEMIC
        .iter()
        .filter(|p| contains_seq(&w, p))
        .map(|p| format!("says \"{p}\""))
        .collect();
    let mut local: Vec<String> = LOCAL
        .iter()
        .filter(|p| contains_seq(&w, p))
        .map(|p| format!("says \"{p}\""))
        .collect();
    let mut shared: Vec<&String> = ctx
        .shared_components
        .iter()
        .filter(|c| joined.contains(c.as_str()))
        .collect();
    shared.sort();
    systemic.extend(shared.iter().map(|c| format!("names shared component {c}")));
    let own: Vec<&String> = ctx
        .incident_services
        .iter()
        .filter(|s| joined.contains(s.as_str()))
        .collect();
    if shared.is_empty() {
        local.extend(
            own.iter()
                .map(|s| format!("names only its own service {s}")),
        );
    }
    let scope = if systemic.len() > local.len() {
        Scope::Systemic
    } else {
        Scope::Local
    };
    let mut evidence = if scope == Scope::Systemic {
        systemic
    } else {
        local
    };
    if evidence.is_empty() {
        evidence.push("no sign that it reaches beyond the service that broke".into());
    }
    Verdict {
        scope,
        basis: "inferred",
        evidence,
    }
}
