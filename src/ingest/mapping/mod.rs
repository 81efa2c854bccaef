//! Field mapping: which source field (CSV column, JSON/YAML key, front-matter key) feeds which
//! recur field, for files that are not in recur's own format. See `docs/formats.md`.

mod spec;
mod transform;

use super::record::{Raw, Record};
use crate::error::RecurError;
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use transform::Transform;

/// Every field recur reads from an incident record.
pub const INCIDENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "severity",
    "started_at",
    "detected_at",
    "acknowledged_at",
    "mitigated_at",
    "resolved_at",
    "services",
    "components",
    "contributing_factors",
    "tags",
    "root_cause",
    "trigger",
    "team",
    "url",
    "links",
    "actions",
];

/// Fields that hold one value: given several sources, the first one present is used.
const SINGLE_VALUE_FIELDS: &[&str] = &[
    "id",
    "severity",
    "started_at",
    "detected_at",
    "acknowledged_at",
    "mitigated_at",
    "resolved_at",
    "team",
    "url",
];

/// How one recur field is fed.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// From one or more source fields, optionally split on a separator, with a default.
    From {
        sources: Vec<String>,
        split: Option<String>,
        default: Option<Value>,
        /// `first_of`: only the first source with a non-empty value is read, even for lists.
        first: bool,
        /// Lookups, date formats and zones applied to what is read.
        transform: Transform,
    },
    /// A fixed value for every record.
    Fixed(Value),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    fields: BTreeMap<String, Value>,
    #[serde(default)]
    keep_unmapped: bool,
}

impl Rule {
    /// Reads from these sources, as written, with nothing else.
    fn from_sources(sources: Vec<String>) -> Self {
        Rule::From {
            sources,
            split: None,
            default: None,
            first: false,
            transform: Transform::default(),
        }
    }
}

/// A loaded mapping.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    rules: BTreeMap<String, Rule>,
    keep_unmapped: bool,
}

impl Mapping {
    /// Reads a mapping file (YAML).
    pub fn load(path: &Path) -> Result<Self, RecurError> {
        let text = std::fs::read_to_string(path).map_err(|e| RecurError::io(path, e))?;
        Self::parse(&text).map_err(|reason| RecurError::Mapping {
            file: path.display().to_string(),
            reason,
        })
    }

    /// Parses mapping YAML; the error names the offending field.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: MappingFile = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        let mut rules = BTreeMap::new();
        for (field, spec) in file.fields {
            if !INCIDENT_FIELDS.contains(&field.as_str()) {
                return Err(format!(
                    "`{field}` is not a recur field (known: {})",
                    INCIDENT_FIELDS.join(", ")
                ));
            }
            let rule = spec::rule_of(&field, spec).map_err(|e| format!("`{field}`: {e}"))?;
            rules.insert(field, rule);
        }
        Ok(Self {
            rules,
            keep_unmapped: file.keep_unmapped,
        })
    }

    /// The source names a recur field reads from (for header detection and unknown-field checks).
    pub fn sources_of(&self, field: &str) -> Vec<String> {
        match self.rules.get(field) {
            Some(Rule::From { sources, .. }) => sources.clone(),
            Some(Rule::Fixed(_)) => Vec::new(),
            None if self.keep_unmapped => vec![field.to_string()],
            None => Vec::new(),
        }
    }

    /// Every source name the mapping reads.
    pub fn all_sources(&self) -> Vec<String> {
        INCIDENT_FIELDS
            .iter()
            .flat_map(|f| self.sources_of(f))
            .collect()
    }
}

/// Reads recur fields out of records, through a mapping or by their own names.
#[derive(Debug, Clone, Copy, Default)]
pub struct FieldReader<'m> {
    mapping: Option<&'m Mapping>,
}

impl<'m> FieldReader<'m> {
    /// A reader that maps through `mapping`, or reads recur's own names when `None`.
    pub fn new(mapping: Option<&'m Mapping>) -> Self {
        Self { mapping }
    }

    /// The value feeding recur field `field`.
    pub fn get<'a>(&self, record: &'a dyn Record, field: &str) -> Option<Raw<'a>>
    where
        'm: 'a,
    {
        self.get_from_sources(record, field)
            .or_else(|| self.default_of(field))
    }

    /// The mapping's `default` for a recur field, if it has one.
    pub fn default_of<'a>(&self, field: &str) -> Option<Raw<'a>>
    where
        'm: 'a,
    {
        match self.mapping?.rules.get(field)? {
            Rule::From {
                default, transform, ..
            } => default
                .as_ref()
                .and_then(Raw::from_value)
                .map(|raw| transform.apply(raw)),
            Rule::Fixed(_) => None,
        }
    }

    /// The value from the record's own sources, without the mapping's default (so that a
    /// postmortem body can fill the field before the default does).
    pub fn get_from_sources<'a>(&self, record: &'a dyn Record, field: &str) -> Option<Raw<'a>>
    where
        'm: 'a,
    {
        let Some(mapping) = self.mapping else {
            return record.get(field);
        };
        let raw = read_sources(mapping, record, field)?;
        match mapping.rules.get(field) {
            Some(Rule::From { transform, .. }) => Some(transform.apply(raw)),
            _ => Some(raw),
        }
    }

    /// The source names recur field `field` is read from.
    pub fn sources_of(&self, field: &str) -> Vec<String> {
        match self.mapping {
            None => vec![field.to_string()],
            Some(m) => m.sources_of(field),
        }
    }

    /// Whether a source field name is read by this reader (for unknown-field warnings).
    pub fn reads(&self, source: &str) -> bool {
        match self.mapping {
            None => INCIDENT_FIELDS.contains(&source),
            Some(m) => {
                m.all_sources().iter().any(|s| s == source)
                    || (m.keep_unmapped && INCIDENT_FIELDS.contains(&source))
            }
        }
    }
}

/// What the record's sources hold for recur field `field`, before the rule's transform.
fn read_sources<'a>(mapping: &'a Mapping, record: &'a dyn Record, field: &str) -> Option<Raw<'a>> {
    match mapping.rules.get(field) {
        None if mapping.keep_unmapped => record.get(field),
        None => None,
        Some(Rule::Fixed(value)) => Raw::from_value(value),
        Some(Rule::From {
            sources,
            split,
            first: true,
            ..
        }) => {
            // `first_of`: the first source holding a non-empty value, whatever the field.
            let raw = sources
                .iter()
                .filter_map(|s| record.get(s))
                .find(|raw| !raw_is_empty(raw))?;
            match split {
                Some(sep) => Some(Raw::List(split_raw(raw, sep))),
                None => Some(raw),
            }
        }
        Some(Rule::From { sources, split, .. }) => {
            if SINGLE_VALUE_FIELDS.contains(&field) {
                // Several sources for one value: the first one present wins.
                return sources.iter().find_map(|s| record.get(s));
            }
            let mut found: Vec<Raw<'a>> = sources.iter().filter_map(|s| record.get(s)).collect();
            if let Some(sep) = split {
                found = found
                    .into_iter()
                    .flat_map(|raw| split_raw(raw, sep))
                    .collect();
            }
            match found.len() {
                0 => None,
                1 if split.is_none() => found.pop(),
                _ => Some(Raw::List(found)),
            }
        }
    }
}

/// Whether a value holds nothing: blank text, or a list of nothing.
fn raw_is_empty(raw: &Raw<'_>) -> bool {
    match raw {
        Raw::Text(t) => t.trim().is_empty(),
        Raw::List(items) => items.iter().all(raw_is_empty),
        _ => false,
    }
}

fn split_raw<'a>(raw: Raw<'a>, sep: &str) -> Vec<Raw<'a>> {
    match raw {
        Raw::Text(t) => t
            .split(sep)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Raw::Text(Cow::Owned(s.to_string())))
            .collect(),
        Raw::List(items) => items.into_iter().flat_map(|i| split_raw(i, sep)).collect(),
        other => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(v: Value) -> serde_json::Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn maps_renamed_fields_lists_and_fixed_values() {
        let m = Mapping::parse(
            "fields:\n  id: uuid\n  services: product\n  tags: [categories, keywords]\n  team: { value: sre }\n  components: { from: systems, split: \",\" }\n",
        )
        .unwrap();
        let rec = record(
            json!({"uuid": "u-1", "product": "S3", "categories": ["cloud"],
            "keywords": ["dns", "ttl"], "systems": "db, cache"}),
        );
        let r = FieldReader::new(Some(&m));
        assert_eq!(r.get(&rec, "id"), Some(Raw::Text("u-1".into())));
        assert_eq!(r.get(&rec, "services"), Some(Raw::Text("S3".into())));
        assert_eq!(
            r.get(&rec, "tags"),
            Some(Raw::List(vec![
                Raw::List(vec![Raw::Text("cloud".into())]),
                Raw::List(vec![Raw::Text("dns".into()), Raw::Text("ttl".into())]),
            ]))
        );
        assert_eq!(r.get(&rec, "team"), Some(Raw::Text("sre".into())));
        assert_eq!(
            r.get(&rec, "components"),
            Some(Raw::List(vec![
                Raw::Text("db".into()),
                Raw::Text("cache".into())
            ]))
        );
        assert_eq!(r.get(&rec, "title"), None, "unmapped fields are not read");
    }

    #[test]
    fn defaults_apply_only_when_the_source_is_missing() {
        let m = Mapping::parse("fields:\n  started_at: { from: date, default: \"2020-01-01\" }\n")
            .unwrap();
        let r = FieldReader::new(Some(&m));
        let with = record(json!({"date": "2021-05-05"}));
        let without = record(json!({}));
        assert_eq!(
            r.get(&with, "started_at"),
            Some(Raw::Text("2021-05-05".into()))
        );
        assert_eq!(
            r.get(&without, "started_at"),
            Some(Raw::Text("2020-01-01".into()))
        );
    }

    #[test]
    fn several_sources_of_a_single_value_field_take_the_first_present() {
        let m = Mapping::parse("fields:\n  started_at: [start_time, fetched_at]\n").unwrap();
        let r = FieldReader::new(Some(&m));
        let both = record(json!({"start_time": "2021-01-01", "fetched_at": "2026-05-04"}));
        let fallback = record(json!({"fetched_at": "2026-05-04"}));
        assert_eq!(
            r.get(&both, "started_at"),
            Some(Raw::Text("2021-01-01".into()))
        );
        assert_eq!(
            r.get(&fallback, "started_at"),
            Some(Raw::Text("2026-05-04".into()))
        );
    }

    #[test]
    fn first_of_takes_the_first_non_empty_source_even_for_lists() {
        let m =
            Mapping::parse("fields:\n  services: { first_of: [product, company], split: \",\" }\n")
                .unwrap();
        let r = FieldReader::new(Some(&m));
        let blank = record(json!({"product": "", "company": "Acme"}));
        let both = record(json!({"product": "db, cache", "company": "Acme"}));
        assert_eq!(
            r.get(&blank, "services"),
            Some(Raw::List(vec![Raw::Text("Acme".into())]))
        );
        assert_eq!(
            r.get(&both, "services"),
            Some(Raw::List(vec![
                Raw::Text("db".into()),
                Raw::Text("cache".into())
            ]))
        );
        assert_eq!(r.get(&record(json!({"product": " "})), "services"), None);
    }

    #[test]
    fn lookups_formats_and_zones_apply_to_sources_and_defaults() {
        let m = Mapping::parse(concat!(
            "fields:\n",
            "  severity: { from: impact, map: { critical: SEV1, major: SEV2 } }\n",
            "  started_at: { from: created, format: \"%d/%m/%Y %H:%M\", zone: Europe/London,",
            " default: \"2024-07-01 09:00\" }\n",
        ))
        .unwrap();
        let r = FieldReader::new(Some(&m));
        let rec = record(json!({"impact": "Major", "created": "01/02/2024 09:30"}));
        assert_eq!(r.get(&rec, "severity"), Some(Raw::Text("SEV2".into())));
        assert_eq!(
            r.get(&rec, "started_at"),
            Some(Raw::Text("2024-02-01T09:30:00Z".into()))
        );
        assert_eq!(
            r.get(&record(json!({})), "started_at"),
            Some(Raw::Text("2024-07-01T08:00:00Z".into())),
            "the default is read in the zone too (summer time)"
        );
    }

    #[test]
    fn misspelt_or_conflicting_rule_keys_are_errors_naming_the_field() {
        let err = Mapping::parse("fields:\n  started_at: { from: d, formt: x }\n").unwrap_err();
        assert!(
            err.contains("`started_at`") && err.contains("formt"),
            "{err}"
        );
        let err = Mapping::parse("fields:\n  team: { from: a, value: b }\n").unwrap_err();
        assert!(
            err.contains("`team`") && err.contains("exactly one"),
            "{err}"
        );
        let err = Mapping::parse("fields:\n  title: { from: a, zone: UTC }\n").unwrap_err();
        assert!(err.contains("timestamps only"), "{err}");
    }

    #[test]
    fn unknown_target_fields_are_an_error_naming_the_field() {
        let err = Mapping::parse("fields:\n  servces: product\n").unwrap_err();
        assert!(err.contains("`servces` is not a recur field"), "{err}");
    }
}
