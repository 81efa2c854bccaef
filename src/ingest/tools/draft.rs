//! `Draft`: a tool's record rewritten in recur's field names, with the warnings about what could
//! not be taken from it.

use crate::model::{Severity, Timestamp};
use serde_json::{Map, Value};

/// An incident record in recur's field names, ready for validation.
#[derive(Debug, Default)]
pub struct Draft {
    map: Map<String, Value>,
    actions: Vec<Value>,
    warnings: Vec<String>,
}

impl Draft {
    /// An empty draft.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a text field when there is a value.
    pub fn text(&mut self, field: &str, value: Option<String>) -> &mut Self {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            self.map.insert(field.into(), Value::String(v));
        }
        self
    }

    /// True when the field has a value.
    pub fn has(&self, field: &str) -> bool {
        self.map.contains_key(field)
    }

    /// Sets a timestamp field when there is a value.
    pub fn time(&mut self, field: &str, value: Option<Timestamp>) -> &mut Self {
        if let Some(ts) = value {
            self.map
                .insert(field.into(), Value::String(ts.to_rfc3339()));
        }
        self
    }

    /// Sets a timestamp field from text the tool wrote; text that is no timestamp is a warning
    /// (the phase stays unmeasured) rather than a rejection of the whole incident, except for
    /// `started_at`, which validation then reports as missing.
    pub fn time_text(&mut self, field: &str, value: Option<String>) -> &mut Self {
        if let Some(t) = value {
            match super::value::timestamp(&t) {
                Some(ts) => {
                    self.time(field, Some(ts));
                }
                // Validation names the value of a start that is no timestamp.
                None if field == "started_at" => {
                    self.text(field, Some(t));
                }
                None => self.warn(format!("{field}: not a timestamp: {t:?}; left empty")),
            }
        }
        self
    }

    /// Adds items to a list field (duplicates and blanks dropped).
    pub fn list(&mut self, field: &str, values: impl IntoIterator<Item = String>) -> &mut Self {
        let entry = self
            .map
            .entry(field.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = entry {
            for v in values {
                let v = v.trim().to_string();
                if !v.is_empty() && !items.iter().any(|i| i.as_str() == Some(&v)) {
                    items.push(Value::String(v));
                }
            }
        }
        self
    }

    /// Sets the severity when the tool's value is one recur knows; otherwise keeps it as the tag
    /// `severity:VALUE` and warns, so that the incident is not rejected for a label.
    pub fn severity(&mut self, value: Option<String>) -> &mut Self {
        if let Some(v) = value {
            if Severity::parse(&v).is_some() {
                self.text("severity", Some(v));
            } else if let Some(level) = leading_level(&v) {
                self.text("severity", Some(level));
            } else {
                self.list("tags", [format!("severity:{v}")]);
            }
        }
        self
    }

    /// Adds a follow-up action.
    pub fn action(
        &mut self,
        title: Option<String>,
        owner: Option<String>,
        status: Option<&str>,
        due_at: Option<Timestamp>,
        completed_at: Option<Timestamp>,
    ) -> &mut Self {
        let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
            return self;
        };
        let mut a = Map::new();
        a.insert("title".into(), Value::String(title));
        if let Some(o) = owner {
            a.insert("owner".into(), Value::String(o));
        }
        if let Some(s) = status {
            a.insert("status".into(), Value::String(s.into()));
        }
        if let Some(d) = due_at {
            a.insert("due_at".into(), Value::String(d.to_rfc3339()));
        }
        if let Some(c) = completed_at {
            a.insert("completed_at".into(), Value::String(c.to_rfc3339()));
        }
        self.actions.push(Value::Object(a));
        self
    }

    /// A warning shown with the imported incident.
    pub fn warn(&mut self, text: String) {
        self.warnings.push(text);
    }

    /// The record and its warnings.
    pub fn into_parts(mut self) -> (Map<String, Value>, Vec<String>) {
        if !self.actions.is_empty() {
            self.map.insert(
                "actions".into(),
                Value::Array(std::mem::take(&mut self.actions)),
            );
        }
        // Empty lists are absent values.
        self.map
            .retain(|_, v| !matches!(v, Value::Array(items) if items.is_empty()));
        (self.map, self.warnings)
    }
}

/// `1 - Critical` (ServiceNow), `SEV2 - Major`: the level before a dash.
fn leading_level(value: &str) -> Option<String> {
    let first = value.split([' ', '-', ':']).find(|p| !p.is_empty())?;
    Severity::parse(first).map(|_| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_severities_become_tags_and_numbered_ones_are_read() {
        let mut d = Draft::new();
        d.severity(Some("1 - Critical".into()));
        d.list("tags", ["a".to_string(), "a".to_string()]);
        let (map, _) = d.into_parts();
        assert_eq!(map["severity"], "1");
        assert_eq!(map["tags"], serde_json::json!(["a"]));
        let mut d = Draft::new();
        d.severity(Some("whoa".into()));
        let (map, _) = d.into_parts();
        assert_eq!(map["tags"], serde_json::json!(["severity:whoa"]));
        assert!(map.get("severity").is_none());
    }
}
