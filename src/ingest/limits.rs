//! Size limits on what one record may hold. A text value (a cell, a string, a list item, a
//! field's name) over [`MAX_FIELD_BYTES`] rejects its record, and a Markdown postmortem over
//! [`MAX_POSTMORTEM_BYTES`] or with more than [`MAX_SECTIONS`] headings is rejected whole, each
//! with the reason, before anything is built from it: memory stays in proportion to what is kept,
//! and no later stage (clustering, the report) is handed a gigabyte of root cause.

use serde_json::{Map, Value};

/// The most one text value may hold: 1 MiB, some 250 pages of prose.
pub const MAX_FIELD_BYTES: usize = 1 << 20;

/// The most one Markdown postmortem file may hold: 4 MiB (a written postmortem is a few KiB).
pub const MAX_POSTMORTEM_BYTES: usize = 4 << 20;

/// The most headings one Markdown postmortem may have.
pub const MAX_SECTIONS: usize = 10_000;

/// The rejection reason for a value of `bytes` bytes.
pub fn field_reason(bytes: usize) -> String {
    format!("{bytes} bytes, over the limit of {MAX_FIELD_BYTES} bytes (1 MiB) one field may hold")
}

/// The first text in a cell row longer than [`MAX_FIELD_BYTES`]: `(column name, bytes)`.
/// Cells beyond the header are named `column N`.
pub fn oversized_cell<'a>(
    names: &[String],
    cells: impl IntoIterator<Item = &'a str>,
) -> Option<(String, usize)> {
    cells
        .into_iter()
        .enumerate()
        .find(|(_, c)| c.len() > MAX_FIELD_BYTES)
        .map(|(i, c)| (super::record::column_name(names, i), c.len()))
}

/// The first text in a JSON value (a string, a number as written, or an object key) longer than
/// [`MAX_FIELD_BYTES`]: `(path, bytes)`, the path as `actions[2].title`. The value's depth is
/// bounded by its parser, so the walk is too.
pub fn oversized_value(value: &Value) -> Option<(String, usize)> {
    walk(value, &mut String::new())
}

/// [`oversized_value`] of an object's fields.
pub fn oversized_value_in(map: &Map<String, Value>) -> Option<(String, usize)> {
    walk_fields(map, &mut String::new())
}

fn walk(value: &Value, path: &mut String) -> Option<(String, usize)> {
    let len = path.len();
    let found = match value {
        Value::String(s) if s.len() > MAX_FIELD_BYTES => Some((path.clone(), s.len())),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            path.truncate(len);
            path.push_str(&format!("[{}]", i + 1));
            walk(item, path)
        }),
        Value::Object(map) => walk_fields(map, path),
        _ => None,
    };
    path.truncate(len);
    found
}

fn walk_fields(map: &Map<String, Value>, path: &mut String) -> Option<(String, usize)> {
    let len = path.len();
    let found = map.iter().find_map(|(key, item)| {
        path.truncate(len);
        if key.len() > MAX_FIELD_BYTES {
            return Some((format!("{path}(a field name)"), key.len()));
        }
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        walk(item, path)
    });
    path.truncate(len);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_value_at_the_limit_passes_and_one_byte_more_is_named_by_its_path() {
        let at = "x".repeat(MAX_FIELD_BYTES);
        let over = "x".repeat(MAX_FIELD_BYTES + 1);
        assert_eq!(oversized_value(&json!({"title": at, "tags": ["a"]})), None);
        let v = json!({"id": "A", "actions": [{"title": "ok"}, {"title": over}]});
        assert_eq!(
            oversized_value(&v),
            Some(("actions[2].title".to_string(), MAX_FIELD_BYTES + 1))
        );
    }

    #[test]
    fn a_cell_over_the_limit_names_its_column_or_its_position() {
        let names = vec!["id".to_string(), "root_cause".to_string()];
        let big = "y".repeat(MAX_FIELD_BYTES + 5);
        assert_eq!(
            oversized_cell(&names, ["A", big.as_str()]),
            Some(("root_cause".to_string(), MAX_FIELD_BYTES + 5))
        );
        assert_eq!(
            oversized_cell(&names, ["A", "b", big.as_str()]).map(|f| f.0),
            Some("column 3".to_string())
        );
        assert_eq!(oversized_cell(&names, ["A", "b"]), None);
    }
}
