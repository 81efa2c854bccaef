//! The shape every input format is reduced to before validation: a record whose fields can be
//! looked up by name. CSV rows and JSON/YAML/front-matter objects both implement [`Record`], so
//! field mapping and validation are written once.

use serde_json::{Map, Value};
use std::borrow::Cow;

/// A raw field value, before it is known what recur field it feeds.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw<'a> {
    Text(Cow<'a, str>),
    List(Vec<Raw<'a>>),
    Object(&'a Map<String, Value>),
}

impl<'a> Raw<'a> {
    /// Converts a JSON value; `None` for null, empty text and empty lists.
    pub fn from_value(value: &'a Value) -> Option<Raw<'a>> {
        match value {
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(Raw::Text(Cow::Borrowed(s.as_str()))),
            Value::Number(n) => Some(Raw::Text(Cow::Owned(n.to_string()))),
            Value::Bool(b) => Some(Raw::Text(Cow::Owned(b.to_string()))),
            Value::Array(items) => {
                let list: Vec<Raw<'a>> = items.iter().filter_map(Raw::from_value).collect();
                (!list.is_empty()).then_some(Raw::List(list))
            }
            Value::Object(map) => Some(Raw::Object(map)),
        }
    }

    /// Short description of the value for error messages.
    pub fn describe(&self) -> String {
        match self {
            Raw::Text(t) => format!("{:?}", truncate(t, 60)),
            Raw::List(items) => format!("a list of {}", items.len()),
            Raw::Object(_) => "an object".to_string(),
        }
    }
}

/// Shortens text for messages, on a character boundary.
pub fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max_chars).collect();
        format!("{cut}…")
    }
}

/// A record whose fields can be looked up by name.
pub trait Record {
    /// The value of a field; `None` when absent or empty.
    fn get(&self, name: &str) -> Option<Raw<'_>>;
    /// The names of the fields the record has, in input order.
    fn field_names(&self) -> Vec<String>;
    /// The first value longer than [`super::limits::MAX_FIELD_BYTES`]: `(field, bytes)`.
    fn oversized(&self) -> Option<(String, usize)>;
}

impl Record for Map<String, Value> {
    fn get(&self, name: &str) -> Option<Raw<'_>> {
        self.get(name).and_then(Raw::from_value)
    }

    fn field_names(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }

    fn oversized(&self) -> Option<(String, usize)> {
        super::limits::oversized_value_in(self)
    }
}

/// A CSV row seen through its header.
pub struct CsvRow<'a> {
    pub header: &'a CsvHeader,
    pub row: &'a csv::StringRecord,
}

/// The name of the column at `index` (0-based) of a header: `column N` beyond it, or where the
/// header's own name is over the size limit.
pub fn column_name(names: &[String], index: usize) -> String {
    names
        .get(index)
        .filter(|n| n.len() <= super::limits::MAX_FIELD_BYTES)
        .cloned()
        .unwrap_or_else(|| format!("column {}", index + 1))
}

/// Column names of a CSV file and their positions.
#[derive(Debug, Clone)]
pub struct CsvHeader {
    pub names: Vec<String>,
    index: std::collections::HashMap<String, usize>,
}

impl CsvHeader {
    /// Builds from the header row; names are trimmed and lower-cased, and a UTF-8 byte-order
    /// mark is dropped.
    pub fn new(row: &csv::StringRecord) -> Self {
        let names: Vec<String> = row
            .iter()
            .map(|n| n.trim_start_matches('\u{feff}').trim().to_lowercase())
            .collect();
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        Self { names, index }
    }

    /// The position of a column.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The first name the header repeats and why a row under it is rejected (only one of the
    /// columns could be read): `(name, reason)`. Names compare after trimming and lower-casing.
    pub fn duplicate(&self) -> Option<(String, String)> {
        let mut first_of: std::collections::HashMap<&str, usize> = Default::default();
        self.names.iter().enumerate().find_map(|(i, name)| {
            let first = *first_of.entry(name.as_str()).or_insert(i);
            (first != i && !name.is_empty()).then(|| {
                let reason = format!(
                    "duplicate field {name:?}: columns {} and {} of the header both name it, and a field may appear only once in a record",
                    first + 1,
                    i + 1
                );
                (name.clone(), reason)
            })
        })
    }

    /// The name of the column at `index` (0-based); `column N` beyond the header.
    pub fn name_of(&self, index: usize) -> String {
        column_name(&self.names, index)
    }

    /// True when the header has this column.
    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }
}

impl Record for CsvRow<'_> {
    fn get(&self, name: &str) -> Option<Raw<'_>> {
        let i = self.header.position(name)?;
        let cell = self.row.get(i)?.trim();
        (!cell.is_empty()).then_some(Raw::Text(Cow::Borrowed(cell)))
    }

    fn field_names(&self) -> Vec<String> {
        self.header.names.clone()
    }

    fn oversized(&self) -> Option<(String, usize)> {
        super::limits::oversized_cell(&self.header.names, self.row.iter())
    }
}
