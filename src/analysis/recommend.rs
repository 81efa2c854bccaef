//! What to finalise, in one sentence: the recommendation `why` and the report print.

use super::path::PathComponent;
use crate::model::Timestamp;

fn day(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// The one-sentence recommendation for a class: `label` hit `services` services (`only_service`
/// when just one); `components` are the shared components on its path, most involved first;
/// `systemic_done` is its first completed systemic follow-up and the incidents since.
pub fn finalisation(
    label: &str,
    services: usize,
    only_service: Option<&str>,
    components: &[PathComponent],
    systemic_done: Option<(&str, Timestamp, usize)>,
) -> String {
    if services < 2 {
        let svc = only_service.unwrap_or("one service");
        return format!(
            "{label} has hit only {svc} so far: a local fix may be enough, but give the class an owner if a second service is hit."
        );
    }
    if let Some((title, done_at, after)) = systemic_done {
        let tail = if after > 0 {
            format!(
                "{after} incident(s) since then show it did not reach every service: check adoption across all {services} services"
            )
        } else {
            format!("no incident since: keep it, and check that all {services} services adopted it")
        };
        return format!(
            "{label} has a completed systemic follow-up (\"{title}\", {}); {tail}.",
            day(done_at)
        );
    }
    match components.first() {
        Some(c) if c.status.is_gap() => format!(
            "{label} hit {services} services through {}, which {}: give it one owning team and fix the class there once (a shared module, a standard or a guardrail for every service) instead of patching each service.",
            c.name,
            c.status.describe(&c.claims)
        ),
        Some(c) => format!(
            "{label} hit {services} services through {}, which {}: ask them for one fix that covers all its dependents rather than another local patch.",
            c.name,
            c.status.describe(&c.claims)
        ),
        None => format!(
            "{label} hit {services} services with no shared component on record: name one owner for the class and agree a standard fix (library, lint or guardrail) for all services."
        ),
    }
}
