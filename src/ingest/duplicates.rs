//! Reading JSON (and YAML) values while noting keys that appear twice in one object, which
//! serde_json's `Value` would silently collapse to the last one.

use super::literals::Literals;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// A value as read, and the paths of the keys repeated in it (`title`, `actions[0].owner`).
#[derive(Debug, Default)]
pub struct Checked {
    pub value: Value,
    pub duplicates: Vec<String>,
}

impl Checked {
    /// The rejection reason when a key was repeated: `duplicate field "title": …`.
    pub fn duplicate_reason(&self) -> Option<String> {
        let first = self.duplicates.first()?;
        let more = match self.duplicates.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        Some(format!(
            "duplicate field {first:?}{more}: a field may appear only once in a record"
        ))
    }
}

impl Checked {
    /// The part of the value at `prefix` (`[2]`, `incidents[0]`), with the repeated keys
    /// found in it.
    pub fn part(&self, prefix: &str, value: &Value) -> Checked {
        let duplicates = self
            .duplicates
            .iter()
            .filter_map(|d| d.strip_prefix(prefix))
            .filter(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            .map(|rest| rest.trim_start_matches('.').to_string())
            .collect();
        Checked {
            value: value.clone(),
            duplicates,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
        CheckedSeed.deserialize(d)
    }
}

/// Reads one value, noting repeated keys.
pub struct CheckedSeed;

impl<'de> DeserializeSeed<'de> for CheckedSeed {
    type Value = Checked;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Checked, D::Error> {
        YamlSeed(None).deserialize(d)
    }
}

/// Reads one value, noting repeated keys; with the YAML source text, a scalar YAML would type
/// as a number or boolean (`007`, `1.10`, `no`, `0x1F`) is kept as the text written.
pub struct YamlSeed<'s>(pub Option<&'s str>);

impl<'de> DeserializeSeed<'de> for YamlSeed<'_> {
    type Value = Checked;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Checked, D::Error> {
        let mut duplicates = Vec::new();
        let value = Node {
            path: String::new(),
            duplicates: &mut duplicates,
            source: self.0,
            numbers: None,
        }
        .deserialize(d)?;
        Ok(Checked { value, duplicates })
    }
}

/// Reads one JSON value of `text`, noting repeated keys; a number serde_json would round
/// (`1.10`, `1e3`, an integer beyond 2^64) is kept as the text written. `cursor` is where the
/// number literals of `text` were read up to, shared by the values of one array.
pub struct JsonSeed<'a> {
    pub text: &'a str,
    pub cursor: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for JsonSeed<'_> {
    type Value = Checked;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Checked, D::Error> {
        let mut duplicates = Vec::new();
        let value = Node {
            path: String::new(),
            duplicates: &mut duplicates,
            source: None,
            numbers: Some((self.text, self.cursor)),
        }
        .deserialize(d)?;
        Ok(Checked { value, duplicates })
    }
}

/// One value at `path`; repeated keys are pushed to `duplicates`.
struct Node<'a> {
    path: String,
    duplicates: &'a mut Vec<String>,
    /// The YAML text being read, to take scalars from as written.
    source: Option<&'a str>,
    /// The JSON text being read and where its number literals were read up to.
    numbers: Option<(&'a str, &'a mut usize)>,
}

impl Node<'_> {
    /// A child at `path`, sharing the repeated keys and the JSON literal cursor.
    fn child(&mut self, path: String) -> Node<'_> {
        Node {
            path,
            duplicates: &mut *self.duplicates,
            source: self.source,
            numbers: self.numbers.as_mut().map(|(t, c)| (*t, &mut **c)),
        }
    }

    /// `read` as serde_json gave it, or, when its JSON literal reads differently, that literal.
    fn number(self, read: Value) -> Value {
        let Some((text, cursor)) = self.numbers else {
            return read;
        };
        let mut literals = Literals::resume(text, *cursor);
        let written = literals.next_number();
        *cursor = literals.at();
        match written {
            Some(w) if !reads_as(&read, w) => Value::String(w.to_string()),
            _ => read,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.source.is_some() {
            // serde-saphyr answers this name with the value and where it was written.
            d.deserialize_newtype_struct("__yaml_spanned", Spanned(self))
        } else {
            d.deserialize_any(self)
        }
    }
}

/// True when `value` is a number printed exactly as `written`.
fn reads_as(value: &Value, written: &str) -> bool {
    let Value::Number(n) = value else {
        return false;
    };
    let shown = n.to_string();
    shown == written
}

/// A YAML value read with its location: a number or boolean becomes its source text.
struct Spanned<'a>(Node<'a>);

impl<'de> Visitor<'de> for Spanned<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let node = self.0;
        let source = node.source.unwrap_or_default();
        let Some(marker) = access.next_key::<String>()? else {
            return Ok(Value::Object(Map::new()));
        };
        if marker != "__serde_saphyr_private_spanned" {
            return Err(serde::de::Error::custom(
                "internal error: YAML value read without its location",
            ));
        }
        access.next_value::<serde::de::IgnoredAny>()?;
        let mut value = None;
        let mut defined: Option<serde_saphyr::Location> = None;
        let mut node = Some(node);
        while let Some(key) = access.next_key::<String>()? {
            match key.as_str() {
                "value" => match node.take() {
                    Some(n) => value = Some(access.next_value_seed(Unspanned(n))?),
                    None => return Err(serde::de::Error::duplicate_field("value")),
                },
                "defined" => defined = Some(access.next_value()?),
                "referenced" => {
                    access.next_value::<serde_saphyr::Location>()?;
                }
                _ => {
                    access.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        let value = value.ok_or_else(|| serde::de::Error::missing_field("value"))?;
        if !matches!(value, Value::Bool(_) | Value::Number(_)) {
            return Ok(value);
        }
        let span = defined.map(|l| l.span());
        let written = span
            .and_then(|s| Some((s.byte_offset()? as usize, s.byte_len()? as usize)))
            .and_then(|(start, len)| source.get(start..start.checked_add(len)?))
            .map(str::trim);
        Ok(match written {
            Some(text) if !text.is_empty() => Value::String(text.to_string()),
            _ => value,
        })
    }
}

/// The value inside a location wrapper: its children are again read with their locations.
struct Unspanned<'a>(Node<'a>);

impl<'de> DeserializeSeed<'de> for Unspanned<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(self.number(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(self.number(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(self.number(Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let path = format!("{}[{}]", self.path, items.len());
            match seq.next_element_seed(self.child(path))? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if map.contains_key(&key) {
                self.duplicates.push(path.clone());
            }
            let value = access.next_value_seed(self.child(path))?;
            map.entry(key).or_insert(value);
        }
        Ok(Value::Object(map))
    }
}

/// Parses JSON text into a checked value.
pub fn from_json(text: &str) -> serde_json::Result<Checked> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut cursor = 0;
    let checked = JsonSeed {
        text,
        cursor: &mut cursor,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(checked)
}

#[cfg(test)]
mod tests {
    #[test]
    fn repeated_keys_are_noted_with_their_path() {
        let c = super::from_json(r#"{"a":1,"a":2,"b":[{"c":1,"c":2}]}"#).unwrap();
        assert_eq!(c.duplicates, ["a", "b[0].c"]);
        assert_eq!(c.value["a"], 1);
        let big = super::from_json(r#"{"id":123456789012345678901234567890,"v":[1.10,2.5]}"#);
        let big = big.unwrap().value;
        assert_eq!(big["id"], "123456789012345678901234567890");
        assert_eq!(big["v"], serde_json::json!(["1.10", 2.5]));
        assert!(
            c.duplicate_reason()
                .unwrap()
                .starts_with("duplicate field \"a\" (and 1 more)")
        );
    }
}
