//! Reading tool JSON: values by dotted path, texts of strings or numbers, and the timestamp
//! formats the tools write.

use crate::model::{Timestamp, time::parse_timestamp};
use chrono::{DateTime, NaiveDateTime};
use serde_json::Value;

/// The value at a dotted path (`service.summary`, `fields.status.name`); `None` for null.
pub fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for part in path.split('.') {
        cur = cur.get(part)?;
    }
    (!cur.is_null()).then_some(cur)
}

/// A text at a path: a non-empty string (trimmed), or a number or boolean written out. `?` and
/// `\N` are null (ServiceNow audit logs, pg dumps).
pub fn text(v: &Value, path: &str) -> Option<String> {
    match at(v, path)? {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A cell value as text, with the nulls tools write (`?`, `\N`, `null`) as `None`.
pub fn clean(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && !matches!(t, "?" | "\\N" | "null" | "NULL")).then(|| t.to_string())
}

/// The first text found at any of the paths.
pub fn first_text(v: &Value, paths: &[&str]) -> Option<String> {
    paths.iter().find_map(|p| text(v, p))
}

/// The items of an array at a path (empty when absent).
pub fn items<'a>(v: &'a Value, path: &str) -> &'a [Value] {
    match at(v, path) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

/// The texts at `field` of each item of the array at `path` (`teams` / `summary`).
pub fn texts_of(v: &Value, path: &str, field: &str) -> Vec<String> {
    items(v, path)
        .iter()
        .filter_map(|item| {
            if field.is_empty() {
                match item {
                    Value::String(s) => clean(s),
                    _ => None,
                }
            } else {
                text(item, field)
            }
        })
        .collect()
}

/// A timestamp in any of the forms the tools write: RFC 3339, `YYYY-MM-DD HH:MM[:SS[.f]]`
/// (taken as UTC, as the tools' APIs document), `dd-mm-yyyy HH:MM` and `dd/mm/yyyy HH:MM`
/// (ServiceNow and Jira exports, day first), `dd/Mon/yy h:mm AM` (Jira, English months; see
/// [`super::jira`] for localised ones), or milliseconds since the epoch.
pub fn timestamp(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    if let Some(ts) = parse_timestamp(t) {
        return Some(ts);
    }
    if let Ok(dt) = DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(dt.to_utc());
    }
    for format in [
        "%d-%m-%Y %H:%M",
        "%d-%m-%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return Some(naive.and_utc());
        }
    }
    if t.len() >= 12 && t.chars().all(|c| c.is_ascii_digit()) {
        return t
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_millis);
    }
    None
}

/// A timestamp at a path.
pub fn time(v: &Value, path: &str) -> Option<Timestamp> {
    text(v, path).and_then(|t| timestamp(&t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_reach_into_objects_and_skip_nulls() {
        let v = json!({"service": {"summary": "API"}, "n": 4, "x": null, "q": "?"});
        assert_eq!(text(&v, "service.summary").as_deref(), Some("API"));
        assert_eq!(text(&v, "n").as_deref(), Some("4"));
        assert_eq!(text(&v, "x"), None);
        assert_eq!(text(&v, "q"), None, "? is null");
    }

    #[test]
    fn tool_timestamps_parse_to_utc() {
        let want = parse_timestamp("2023-09-20T17:00:00Z");
        assert_eq!(timestamp("2023-09-20T10:00:00-07:00"), want);
        assert_eq!(timestamp("20-09-2023 17:00"), want);
        assert_eq!(timestamp("20/09/2023 17:00"), want);
        assert_eq!(timestamp("20/Sep/23 5:00 PM"), want);
        assert_eq!(timestamp("2023-09-20T17:00:00.000+0000"), want);
        assert_eq!(timestamp("1695229200000"), want);
        assert_eq!(timestamp("soon"), None);
    }
}
