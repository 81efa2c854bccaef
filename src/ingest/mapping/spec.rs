//! How a mapping file writes one rule, and its checking into a [`Rule`].

use super::Rule;
use super::transform::Transform;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A rule written as a map: `{ from | first_of | value, split, default, map, format, zone }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleMap {
    from: Option<OneOrMany>,
    first_of: Option<Vec<String>>,
    value: Option<Value>,
    split: Option<String>,
    default: Option<Value>,
    map: Option<BTreeMap<String, LookupValue>>,
    format: Option<OneOrMany>,
    zone: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A lookup's replacement: text, or a number or boolean read as the text YAML shows.
#[derive(Deserialize)]
#[serde(untagged)]
enum LookupValue {
    Text(String),
    Other(Value),
}

/// The rule for recur field `field` from what the mapping file wrote; the error says what is
/// wrong with it (the caller names the field).
pub(super) fn rule_of(field: &str, spec: Value) -> Result<Rule, String> {
    let lower = |s: String| s.trim().to_lowercase();
    let spec = match spec {
        Value::String(s) => return Ok(Rule::from_sources(vec![lower(s)])),
        Value::Array(items) => {
            let sources = items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(lower(s)),
                    other => Err(format!("a source name must be text, found {other}")),
                })
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Rule::from_sources(sources));
        }
        Value::Object(_) => serde_json::from_value::<RuleMap>(spec).map_err(|e| e.to_string())?,
        other => {
            return Err(format!(
                "expected a source name, a list of them, or a map, found {other}"
            ));
        }
    };
    let transform = Transform::new(
        field,
        spec.map.map(|m| {
            m.into_iter()
                .map(|(k, v)| match v {
                    LookupValue::Text(t) => (k, t),
                    LookupValue::Other(v) => (k, v.to_string()),
                })
                .collect()
        }),
        spec.format.map(OneOrMany::into_vec).unwrap_or_default(),
        spec.zone,
    )?;
    match (spec.from, spec.first_of, spec.value) {
        (None, None, Some(value)) => {
            if spec.split.is_some() || spec.default.is_some() || !transform.is_identity() {
                return Err("`value` is a fixed value: it takes no other key".to_string());
            }
            Ok(Rule::Fixed(value))
        }
        (Some(from), None, None) => Ok(Rule::From {
            sources: from.into_vec().into_iter().map(lower).collect(),
            split: spec.split,
            default: spec.default,
            first: false,
            transform,
        }),
        (None, Some(first_of), None) => Ok(Rule::From {
            sources: first_of.into_iter().map(lower).collect(),
            split: spec.split,
            default: spec.default,
            first: true,
            transform,
        }),
        _ => Err("give exactly one of `from`, `first_of` and `value`".to_string()),
    }
}
