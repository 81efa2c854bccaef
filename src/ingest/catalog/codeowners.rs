//! `CODEOWNERS`: path patterns and their owners. The component is the last path segment of the
//! pattern that is not a glob (`/libs/db-pool/ @org/platform` → `db-pool`, owned by `platform`).

use super::entity_ref_name;
use crate::ingest::limits;
use crate::ingest::{Batch, Context, Importer, InputFile, RecordKind, Rejection};
use crate::model::{CatalogEntity, EntityKind, OwnerSource};

/// The CODEOWNERS importer.
pub struct Codeowners;

/// The component a pattern names, if any.
fn component_of(pattern: &str) -> Option<&str> {
    pattern
        .split('/')
        .rev()
        .find(|seg| !seg.is_empty() && !seg.contains(['*', '?', '[']))
}

impl Importer for Codeowners {
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        for (i, raw_line) in file.text.lines().enumerate() {
            let line = raw_line.split('#').next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('[') {
                continue; // blank, comment, or a GitLab section header
            }
            let location = format!("line {}", i + 1);
            if line.len() > limits::MAX_FIELD_BYTES {
                out.notes.push(
                    Rejection::error(RecordKind::Catalog, &file.name, location)
                        .reason(limits::field_reason(line.len())),
                );
                continue;
            }
            let mut parts = line.split_whitespace();
            let pattern = parts.next().unwrap_or_default();
            let mut owners: Vec<String> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for owner in parts {
                if let Some(name) = ctx.aliases.resolve(entity_ref_name(owner))
                    && seen.insert(name.clone())
                {
                    owners.push(name);
                }
            }
            let Some(name) = component_of(pattern).and_then(|c| ctx.aliases.resolve(c)) else {
                out.notes.push(
                    Rejection::error(RecordKind::Catalog, &file.name, location)
                        .field("pattern")
                        .reason(format!(
                            "pattern {pattern:?} names no component (only globs)"
                        )),
                );
                continue;
            };
            out.catalog.push(CatalogEntity {
                name,
                kind: EntityKind::Component,
                entity_type: None,
                owners,
                depends_on: Vec::new(),
                system: None,
                source: OwnerSource::Codeowners,
                source_file: file.name.clone(),
                location,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_component_is_the_last_plain_segment() {
        assert_eq!(component_of("/libs/db-pool/"), Some("db-pool"));
        assert_eq!(component_of("services/checkout/**/*.go"), Some("checkout"));
        assert_eq!(component_of("*"), None);
    }
}
