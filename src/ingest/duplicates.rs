//! Reading JSON (and YAML) values while noting keys that appear twice in one object, which
//! serde_json's `Value` would silently collapse to the last one.

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
        let mut duplicates = Vec::new();
        let value = Node {
            path: String::new(),
            duplicates: &mut duplicates,
        }
        .deserialize(d)?;
        Ok(Checked { value, duplicates })
    }
}

/// One value at `path`; repeated keys are pushed to `duplicates`.
struct Node<'a> {
    path: String,
    duplicates: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
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
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
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
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let path = format!("{}[{}]", self.path, items.len());
            let seed = Node {
                path,
                duplicates: &mut *self.duplicates,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
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
            let seed = Node {
                path,
                duplicates: &mut *self.duplicates,
            };
            let value = access.next_value_seed(seed)?;
            map.entry(key).or_insert(value);
        }
        Ok(Value::Object(map))
    }
}

/// Parses JSON text into a checked value.
pub fn from_json(text: &str) -> serde_json::Result<Checked> {
    let mut de = serde_json::Deserializer::from_str(text);
    let checked = CheckedSeed.deserialize(&mut de)?;
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
        assert!(
            c.duplicate_reason()
                .unwrap()
                .starts_with("duplicate field \"a\" (and 1 more)")
        );
    }
}
