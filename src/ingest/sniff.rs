//! Telling a JSON file of incidents from the other JSON a folder of exports holds (a
//! `manifest.json`, a `baseline.json`, a tool's configuration): a file found by walking a folder
//! whose objects name none of the fields recur reads is skipped with the reason, rather than
//! read as records that are all rejected.

use super::FieldReader;
use serde_json::Value;

/// Why the JSON text holds no incident records, or `None` when it may (or is not valid JSON,
/// which the JSON importer then reports).
pub fn no_incident_records(text: &str, fields: &FieldReader<'_>) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The first key recur reads ends the scan: a file of incidents is not parsed twice.
    let mut de = serde_json::Deserializer::from_str(text);
    match serde::de::DeserializeSeed::deserialize(Probe { fields, top: true }, &mut de) {
        Ok(()) => {}
        Err(_) => return None, // a field recur reads, or no valid JSON
    }
    let doc: Value = serde_json::from_str(text).ok()?;
    Some(format!(
        "no incident records: {}, naming none of the fields recur reads; skipped (name the file \
         itself to read it anyway)",
        describe(&doc)
    ))
}

/// Walks a document (an object, or an array of records) and fails as soon as a record names a
/// field `fields` reads; everything else is skipped unread.
#[derive(Clone, Copy)]
struct Probe<'a, 'f> {
    fields: &'a FieldReader<'f>,
    /// At the document's top: an array here holds records, deeper it is skipped.
    top: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for Probe<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Probe<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let item = Probe { top: false, ..self };
        while match self.top {
            true => seq.next_element_seed(item)?.is_some(),
            false => seq.next_element::<serde::de::IgnoredAny>()?.is_some(),
        } {}
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if self.fields.reads(&key) {
                return Err(A::Error::custom("names a field recur reads"));
            }
            map.next_value::<serde::de::IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
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
