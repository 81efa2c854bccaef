//! JSON Lines (one incident object per line) and JSON (an array of incidents, one object, or
//! objects one per line). A truncated array still yields the records before the break.

use super::batch::Batch;
use super::build::{self, Context};
use super::duplicates::{self, Checked};
use super::rejection::{RecordKind, Rejection};
use super::{Importer, InputFile};
use crate::model::SourceRef;
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

/// `.jsonl` / `.ndjson`.
pub struct JsonLines;

/// `.json`.
pub struct Json;

impl Importer for JsonLines {
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        read_lines(file, ctx, out);
    }
}

impl Importer for Json {
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        match text_of(file).trim_start().chars().next() {
            None => out.reject_file(&file.name, "", "empty file"),
            Some('[') => read_array(file, ctx, out),
            Some('{') => {
                // One object, or JSON Lines saved as .json.
                match duplicates::from_json(text_of(file)) {
                    Ok(checked) => add_checked(&checked, file, "record 1".into(), ctx, out),
                    Err(_) => read_lines(file, ctx, out),
                }
            }
            Some(c) => out.reject_file(
                &file.name,
                "line 1",
                format!("expected a JSON array or object, found {c:?}"),
            ),
        }
    }
}

/// The file's text without a leading byte order mark, which JSON parsers refuse.
fn text_of(file: &InputFile) -> &str {
    file.text.strip_prefix('\u{feff}').unwrap_or(&file.text)
}

fn read_lines(file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
    for (i, line) in text_of(file).lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let location = format!("line {}", i + 1);
        match duplicates::from_json(line) {
            Ok(checked) => add_checked(&checked, file, location, ctx, out),
            Err(e) => {
                out.notes.push(
                    Rejection::error(RecordKind::Incident, &file.name, location).reason(format!(
                        "invalid JSON at column {}: {}",
                        e.column(),
                        strip_position(&e)
                    )),
                );
            }
        }
    }
}

/// serde_json's message without its own "at line L column C" suffix.
fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// Collects array elements one by one, so that the elements before a syntax error are kept;
/// the text is the array's, for the number literals as written.
struct Elements<'a>(&'a mut Vec<Checked>, &'a str);

impl<'de> DeserializeSeed<'de> for Elements<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of incident objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut cursor = 0;
        loop {
            let seed = duplicates::JsonSeed {
                text: self.1,
                cursor: &mut cursor,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => self.0.push(v),
                None => return Ok(()),
            }
        }
    }
}

fn read_array(file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
    let mut values = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text_of(file));
    let result = Elements(&mut values, text_of(file))
        .deserialize(&mut de)
        .and_then(|()| de.end());
    for (i, checked) in values.iter().enumerate() {
        add_checked(checked, file, format!("record {}", i + 1), ctx, out);
    }
    if let Err(e) = result {
        out.reject_file(
            &file.name,
            format!("line {} column {}", e.line(), e.column()),
            format!(
                "invalid JSON after record {}: {}; the records before it were read",
                values.len(),
                strip_position(&e)
            ),
        );
    }
}

/// Rejects a value that repeats a key (naming it), or validates it as [`add_value`] does.
pub fn add_checked(
    checked: &Checked,
    file: &InputFile,
    location: String,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    let Some(reason) = checked.duplicate_reason() else {
        return add_value(&checked.value, file, location, ctx, out);
    };
    out.notes.push(
        Rejection::error(RecordKind::Incident, &file.name, location)
            .id(checked.value.get("id").and_then(Value::as_str))
            .field(checked.duplicates[0].clone())
            .reason(reason),
    );
}

/// Validates one JSON value as an incident and adds the outcome to the batch.
pub fn add_value(
    value: &Value,
    file: &InputFile,
    location: String,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    let Some(map) = value.as_object() else {
        out.notes.push(
            Rejection::error(RecordKind::Incident, &file.name, location).reason(format!(
                "expected an incident object, found {}",
                kind_of(value)
            )),
        );
        return;
    };
    out.note_unknown_fields(map.keys().map(String::as_str), &ctx.fields);
    let source = SourceRef {
        file: file.name.clone(),
        location,
    };
    let built = build::incident(map, ctx, source);
    out.add_built(built);
}

/// `a list`, `a number`, … for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
