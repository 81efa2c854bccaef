//! A team's view: the `--team`, `--service` and `--component` filters, and which incidents they
//! put in scope. Every analysis counts only in-scope incidents; the clustering stays the
//! clustering of the whole store.

use crate::error::{RecurError, Result};
use crate::model::{EntityKind, Incident, canonical_name};
use crate::store::StoreData;
use std::collections::{BTreeSet, HashSet};

/// The names given to `--team`, `--service` and `--component` (each repeatable).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub teams: Vec<String>,
    pub services: Vec<String>,
    pub components: Vec<String>,
}

impl Filter {
    /// True when no filter was given: every incident is in scope.
    pub fn is_empty(&self) -> bool {
        self.teams.is_empty() && self.services.is_empty() && self.components.is_empty()
    }

    /// `team payments`, `services api, web; component orders-db`, for titles.
    pub fn describe(&self) -> String {
        let part = |one: &str, many: &str, names: &[String]| {
            let names: BTreeSet<String> = names.iter().map(|n| canonical_name(n)).collect();
            let kind = if names.len() == 1 { one } else { many };
            let names = names.into_iter().collect::<Vec<_>>().join(", ");
            format!("{kind} {names}")
        };
        [
            ("team", "teams", &self.teams),
            ("service", "services", &self.services),
            ("component", "components", &self.components),
        ]
        .into_iter()
        .filter(|(_, _, names)| !names.is_empty())
        .map(|(one, many, names)| part(one, many, names.as_slice()))
        .collect::<Vec<_>>()
        .join("; ")
    }

    /// Which incidents are in scope, one flag per incident of the store (`None` without a
    /// filter). A name the store does not know is an error with the closest known names.
    pub fn mask(&self, data: &StoreData) -> Result<Option<Vec<bool>>> {
        if self.is_empty() {
            return Ok(None);
        }
        let known = Known::of(data);
        let teams = resolve("--team", &self.teams, &known.teams)?;
        let services = resolve("--service", &self.services, &known.services)?;
        let components = resolve("--component", &self.components, &known.components)?;
        // Services a given team owns in the catalog.
        let owned: HashSet<&str> = data
            .catalog
            .iter()
            .filter(|e| e.kind == EntityKind::Component)
            .filter(|e| e.owners.iter().any(|o| teams.contains(o.as_str())))
            .map(|e| e.name.as_str())
            .collect();
        let touches =
            |names: &[String], set: &HashSet<&str>| names.iter().any(|n| set.contains(n.as_str()));
        let in_scope = |i: &Incident| {
            (services.is_empty() || touches(&i.services, &services))
                && (components.is_empty() || touches(&i.components, &components))
                && (teams.is_empty()
                    || i.team.as_deref().is_some_and(|t| teams.contains(t))
                    || touches(&i.services, &owned))
        };
        Ok(Some(data.incidents.iter().map(in_scope).collect()))
    }
}

/// The names the store holds, per kind.
struct Known<'a> {
    teams: BTreeSet<&'a str>,
    services: BTreeSet<&'a str>,
    components: BTreeSet<&'a str>,
}

impl<'a> Known<'a> {
    fn of(data: &'a StoreData) -> Self {
        let mut k = Known {
            teams: BTreeSet::new(),
            services: BTreeSet::new(),
            components: BTreeSet::new(),
        };
        for i in &data.incidents {
            k.teams.extend(i.team.as_deref());
            k.services.extend(i.services.iter().map(String::as_str));
            k.components.extend(i.components.iter().map(String::as_str));
        }
        for e in &data.catalog {
            k.teams.extend(e.owners.iter().map(String::as_str));
            match e.kind {
                EntityKind::Group => {
                    k.teams.insert(&e.name);
                }
                EntityKind::Component => {
                    k.services.insert(&e.name);
                }
                EntityKind::Resource => {
                    k.components.insert(&e.name);
                }
                EntityKind::System => {}
            }
            k.components.extend(e.depends_on.iter().map(String::as_str));
        }
        k
    }
}

/// The canonical names of `given`, each one the store knows (`flag` names the option in errors).
fn resolve<'k>(
    flag: &str,
    given: &[String],
    known: &BTreeSet<&'k str>,
) -> Result<HashSet<&'k str>> {
    let mut out = HashSet::new();
    for raw in given {
        let name = canonical_name(raw);
        match known.get(name.as_str()) {
            Some(k) => {
                out.insert(*k);
            }
            None => return Err(unknown(flag, raw, &name, known)),
        }
    }
    Ok(out)
}

/// The error for a name the store does not hold, with up to three close ones.
fn unknown(flag: &str, raw: &str, name: &str, known: &BTreeSet<&str>) -> RecurError {
    let mut near: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (strsim::levenshtein(k, name), *k))
        .filter(|(d, k)| *d <= 2.max(name.len() / 3) || k.contains(name))
        .collect();
    near.sort_unstable();
    let what = flag.trim_start_matches('-');
    let hint = match &near[..] {
        [] if known.is_empty() => format!("the store names no {what}"),
        [] => format!("recur stats lists the {what}s it holds"),
        some => format!(
            "did you mean {}?",
            some.iter()
                .take(3)
                .map(|(_, k)| *k)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    RecurError::Usage(format!(
        "{flag} {raw:?}: no {what} of that name in the store ({hint})"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_each_kind_in_order_with_canonical_names() {
        let f = Filter {
            teams: vec!["Payments".into()],
            services: vec!["web".into(), "API".into()],
            components: vec![],
        };
        assert_eq!(f.describe(), "team payments; services api, web");
        assert!(Filter::default().is_empty());
    }
}
