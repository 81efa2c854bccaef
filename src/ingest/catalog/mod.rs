//! The service catalog: who owns what and what depends on what, from Backstage
//! `catalog-info.yaml`, `CODEOWNERS` and CSV. Each source yields [`CatalogEntity`] rows; several
//! sources may describe the same entity, and later stages notice when their owners disagree.
//!
//! [`CatalogEntity`]: crate::model::CatalogEntity

pub mod backstage;
mod codeowners;
pub mod csv;

pub use codeowners::Codeowners;

use crate::model::Aliases;

/// Splits an owner field naming several teams (`"team-a, team-b"`, `"team-a; team-b"`) and
/// strips Backstage entity references (`group:default/team-a` → `team-a`).
pub fn owner_names(raw: &str, aliases: &Aliases) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for part in raw.split([',', ';']) {
        if let Some(name) = aliases.resolve(entity_ref_name(part.trim()))
            && seen.insert(name.clone())
        {
            out.push(name);
        }
    }
    out
}

/// The name part of a Backstage entity reference: `kind:namespace/name`, `kind:name`,
/// `namespace/name`, or a bare name; a leading `@` and a GitHub `org/` are dropped.
pub fn entity_ref_name(reference: &str) -> &str {
    let r = reference.trim().trim_start_matches('@');
    let r = r.split_once(':').map_or(r, |(_, rest)| rest);
    r.rsplit_once('/').map_or(r, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_references_reduce_to_names() {
        assert_eq!(entity_ref_name("group:default/team-a"), "team-a");
        assert_eq!(
            entity_ref_name("resource:postgres-monolith"),
            "postgres-monolith"
        );
        assert_eq!(entity_ref_name("@acme/platform"), "platform");
        assert_eq!(entity_ref_name("team-b"), "team-b");
    }

    #[test]
    fn several_owners_in_one_field_stay_several() {
        let a = Aliases::default();
        assert_eq!(
            owner_names("group:default/Team A, team_b; team-a", &a),
            ["team-a", "team-b"]
        );
        assert!(owner_names("", &a).is_empty());
    }
}
