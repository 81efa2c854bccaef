//! Telling a JSON file of incidents from the other JSON a folder of exports holds (a
//! `manifest.json`, a `baseline.json`, a tool's configuration): a file found by walking a folder
//! whose objects name none of the fields recur reads is skipped with the reason, rather than
//! read as records that are all rejected.

use super::FieldReader;
use serde_json::Value;

/// Why the JSON text holds no incident records, or `None` when it may (or is not valid JSON,
/// which the JSON importer then reports).
pub fn no_incident_records(text: &str, fields: &FieldReader<'_>) -> Option<String> {
    let doc: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    let records: Vec<&Value> = match &doc {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let reads_a_field = |r: &&Value| {
        r.as_object()
            .is_some_and(|o| o.keys().any(|k| fields.reads(k)))
    };
    if records.iter().any(reads_a_field) {
        return None;
    }
    Some(format!(
        "no incident records: {}, naming none of the fields recur reads; skipped (name the file \
         itself to read it anyway)",
        describe(&doc)
    ))
}

/// `an object with keys a, b, c`, `an array of 2 objects with keys a, b`, `an array of 3 numbers`.
fn describe(doc: &Value) -> String {
    let keys = |v: &Value| {
        let mut names: Vec<&str> = v
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let more = names.len().saturating_sub(6);
        names.truncate(6);
        let list = names.join(", ");
        if more > 0 {
            format!("{list}, … ({more} more)")
        } else {
            list
        }
    };
    match doc {
        Value::Object(o) if o.is_empty() => "an empty object".into(),
        Value::Object(_) => format!("an object with keys {}", keys(doc)),
        Value::Array(items) if items.is_empty() => "an empty array".into(),
        Value::Array(items) => match items.first() {
            Some(first @ Value::Object(_)) => {
                format!(
                    "an array of {} objects with keys {}",
                    items.len(),
                    keys(first)
                )
            }
            _ => format!("an array of {} values that are no objects", items.len()),
        },
        _ => "a single value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_naming_no_incident_field_are_told_apart() {
        let fields = FieldReader::new(None);
        let manifest = r#"{"version": 3, "files": ["a.csv"]}"#;
        let reason = no_incident_records(manifest, &fields).unwrap();
        assert!(
            reason.contains("an object with keys version, files"),
            "{reason}"
        );
        assert!(no_incident_records(r#"[{"title": "x"}]"#, &fields).is_none());
        assert!(no_incident_records("{not json", &fields).is_none());
        assert!(no_incident_records("[1, 2]", &fields).is_some());
    }
}
