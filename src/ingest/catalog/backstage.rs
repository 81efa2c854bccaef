//! Backstage `catalog-info.yaml` entities (`Component`, `Resource`, `System`, `Group`).

use super::{entity_ref_name, owner_names};
use crate::ingest::limits;
use crate::ingest::{Batch, InputFile, RecordKind, Rejection};
use crate::model::{Aliases, CatalogEntity, EntityKind, OwnerSource};
use serde_json::Value;
use std::collections::HashSet;

/// Adds one YAML document (already parsed) to the batch as a catalog entity, or rejects it.
pub fn add_document(
    value: &Value,
    file: &InputFile,
    location: String,
    aliases: &Aliases,
    out: &mut Batch,
) {
    if value.is_null() {
        return;
    }
    let name = value.pointer("/metadata/name").and_then(Value::as_str);
    if let Some((field, bytes)) = limits::oversized_value(value) {
        out.notes.push(
            Rejection::error(RecordKind::Catalog, &file.name, location)
                .id(name)
                .field(field)
                .reason(limits::field_reason(bytes)),
        );
        return;
    }
    if let Some(kind) = value.pointer("/kind").and_then(scalar_text)
        && EntityKind::parse(&kind).is_none()
    {
        // Location, API, Domain, User…: ordinary in a catalog, nothing recur uses.
        out.notes.push(
            Rejection::warning(RecordKind::Catalog, &file.name, location)
                .id(name)
                .field("kind")
                .reason(format!("{}; ignored", unused_kind(&kind))),
        );
        return;
    }
    match entity(value, aliases) {
        Ok(mut entity) => {
            entity.source_file = file.name.clone();
            entity.location = location;
            out.catalog.push(entity);
        }
        Err((field, reason)) => {
            out.notes.push(
                Rejection::error(RecordKind::Catalog, &file.name, location)
                    .id(name)
                    .field(field)
                    .reason(reason),
            );
        }
    }
}

fn entity(value: &Value, aliases: &Aliases) -> Result<CatalogEntity, (String, String)> {
    let text_at = |pointer: &str| value.pointer(pointer).and_then(scalar_text);
    let kind_text =
        text_at("/kind").ok_or(("kind".to_string(), "required, missing or empty".to_string()))?;
    let kind =
        EntityKind::parse(&kind_text).ok_or(("kind".to_string(), unused_kind(&kind_text)))?;
    let raw_name = text_at("/metadata/name").ok_or((
        "metadata.name".to_string(),
        "required, missing or empty".to_string(),
    ))?;
    let name = aliases.resolve(&raw_name).ok_or((
        "metadata.name".to_string(),
        format!("not a usable name: {raw_name:?}"),
    ))?;
    let owners = match value.pointer("/spec/owner") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let mut all = Vec::new();
            let mut seen = HashSet::new();
            for item in items.iter().filter_map(scalar_text) {
                for o in owner_names(&item, aliases) {
                    if seen.insert(o.clone()) {
                        all.push(o);
                    }
                }
            }
            all
        }
        Some(v) => match scalar_text(v) {
            Some(text) => owner_names(&text, aliases),
            None => {
                return Err((
                    "spec.owner".into(),
                    "expected a text or a list of texts".into(),
                ));
            }
        },
    };
    let mut depends_on = Vec::new();
    let mut seen = HashSet::new();
    for pointer in ["/spec/dependsOn", "/spec/consumesApis"] {
        if let Some(Value::Array(items)) = value.pointer(pointer) {
            for item in items.iter().filter_map(scalar_text) {
                if let Some(dep) = aliases.resolve(entity_ref_name(&item))
                    && seen.insert(dep.clone())
                {
                    depends_on.push(dep);
                }
            }
        }
    }
    Ok(CatalogEntity {
        name,
        kind,
        entity_type: text_at("/spec/type").map(|t| t.to_lowercase()),
        owners,
        depends_on,
        system: text_at("/spec/system").and_then(|s| aliases.resolve(entity_ref_name(&s))),
        source: OwnerSource::Backstage,
        source_file: String::new(),
        location: String::new(),
    })
}

/// Why an entity of `kind` is not read.
fn unused_kind(kind: &str) -> String {
    format!("kind {kind:?} is not used by recur (it reads Component, Resource, System and Group)")
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_owner_references_lists_and_dependencies() {
        let v = json!({"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
            "metadata": {"name": "Checkout API"},
            "spec": {"type": "service", "owner": ["group:default/team-a", "team-b"],
                     "dependsOn": ["resource:default/postgres-monolith", "component:auth-lib"]}});
        let e = entity(&v, &Aliases::default()).unwrap();
        assert_eq!(e.name, "checkout-api");
        assert_eq!(e.owners, ["team-a", "team-b"]);
        assert_eq!(e.depends_on, ["postgres-monolith", "auth-lib"]);
        assert_eq!(e.entity_type.as_deref(), Some("service"));
    }

    #[test]
    fn a_missing_owner_stays_missing() {
        let v = json!({"apiVersion": "backstage.io/v1alpha1", "kind": "Resource",
            "metadata": {"name": "postgres-monolith"}, "spec": {"type": "database"}});
        assert!(entity(&v, &Aliases::default()).unwrap().owners.is_empty());
    }

    #[test]
    fn unknown_kinds_are_not_entities_and_name_the_kind() {
        let v = json!({"apiVersion": "backstage.io/v1alpha1", "kind": "Location", "metadata": {"name": "x"}});
        let (field, reason) = entity(&v, &Aliases::default()).unwrap_err();
        assert_eq!(field, "kind");
        assert!(reason.contains("\"Location\""), "{reason}");
    }
}
