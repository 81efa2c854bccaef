//! YAML: one or many documents. Each document is an incident, a list of incidents, a map with an
//! `incidents:` list, or (with `apiVersion: backstage.io/…`) a catalog entity. Documents are parsed
//! one by one, so a broken document is reported with its line and the others still import.

use super::batch::Batch;
use super::build::Context;
use super::duplicates::{Checked, YamlSeed};
use super::json::{add_checked, kind_of};
use super::{Importer, InputFile};
use crate::ingest::catalog;
use serde::de::DeserializeSeed;
use serde_json::Value;

/// `.yaml` / `.yml`.
pub struct Yaml;

/// One YAML document of a multi-document file.
pub struct Document<'a> {
    /// 1-based position in the file.
    pub number: usize,
    /// 1-based line of the document's first line.
    pub first_line: usize,
    pub text: &'a str,
}

/// Splits a file at `---` lines (and `...` end markers). A `---` always starts a document in
/// YAML, except inside a quoted scalar spanning lines, which incident files do not use.
pub fn documents(text: &str) -> Vec<Document<'_>> {
    let mut docs = Vec::new();
    let mut start_byte = 0;
    let mut start_line = 1;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        let is_marker = bare == "---" || bare.starts_with("--- ") || bare == "...";
        if is_marker {
            push_doc(&mut docs, &text[start_byte..offset], start_line);
            start_byte = offset + line.len();
            start_line = i + 2;
            if bare.starts_with("--- ") {
                // `--- value` puts content on the marker line itself.
                start_byte = offset + 4;
                start_line = i + 1;
            }
        }
        offset += line.len();
    }
    push_doc(&mut docs, &text[start_byte..], start_line);
    docs
}

fn push_doc<'a>(docs: &mut Vec<Document<'a>>, text: &'a str, first_line: usize) {
    let is_blank = text.lines().all(|l| {
        l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim_start().starts_with('%')
    });
    if !is_blank {
        docs.push(Document {
            number: docs.len() + 1,
            first_line,
            text,
        });
    }
}

/// Parses one document into a JSON value; the error carries the absolute line and a message.
/// Scalars keep the text written (`007`, `no`), as in [`parse_checked`].
pub fn parse_document(doc: &Document<'_>) -> Result<Value, (usize, String)> {
    let options = options_for(doc.text);
    with_source(doc.text, || {
        serde_saphyr::from_str_with_options::<AsWritten>(doc.text, options)
    })
    .map(|c| c.0.value)
    .map_err(|e| located(doc, &e))
}

/// Parses one document, noting keys repeated in a mapping (which YAML forbids) instead of
/// failing on them, so that only the record holding one is rejected.
pub fn parse_checked(doc: &Document<'_>) -> Result<Checked, (usize, String)> {
    let mut options = options_for(doc.text);
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    with_source(doc.text, || {
        serde_saphyr::from_str_with_options::<AsWritten>(doc.text, options)
    })
    .map(|c| c.0)
    .map_err(|e| located(doc, &e))
}

/// Alias replays allowed in one document: what an alias may add beyond the text itself.
/// A billion-laughs bomb needs many more and is refused after this many events.
pub const MAX_ALIAS_REPLAYED_EVENTS: usize = 100_000;

/// Parser limits for one document. What the text itself holds is bounded by its size (a node
/// takes at least one byte, an event at most two per node), so the size budgets grow with the
/// document and a large honest file imports; alias expansion, the only way a short text can
/// make a huge value, keeps a fixed cap ([`MAX_ALIAS_REPLAYED_EVENTS`]).
fn options_for(text: &str) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(text.len());
    budget.max_events = budget.max_events.max(text.len().saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(text.len());
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_REPLAYED_EVENTS;
    options
}

thread_local! {
    /// The document being parsed, for [`AsWritten`] to take scalars' text from.
    static SOURCE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Runs `parse` with `text` as the source [`AsWritten`] reads scalars from.
fn with_source<T>(text: &str, parse: impl FnOnce() -> T) -> T {
    SOURCE.with(|s| *s.borrow_mut() = text.to_string());
    let result = parse();
    SOURCE.with(|s| s.borrow_mut().clear());
    result
}

/// A checked value whose scalars YAML 1.1 would type (`007`, `1.10`, `no`, `0x1F`, `on`) are
/// the text written, not a number or boolean. serde-saphyr takes no seed, hence [`SOURCE`].
struct AsWritten(Checked);

impl<'de> serde::Deserialize<'de> for AsWritten {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = SOURCE.with(|s| s.borrow().clone());
        YamlSeed(Some(&source)).deserialize(d).map(AsWritten)
    }
}

/// The parser's error at its absolute line in the file, with a message.
fn located(doc: &Document<'_>, e: &serde_saphyr::Error) -> (usize, String) {
    {
        let (line, column) = e.location().map_or((doc.first_line, 0), |l| {
            (
                doc.first_line + (l.line() as usize).saturating_sub(1),
                l.column() as usize,
            )
        });
        let message = e.without_snippet().to_string();
        let message = without_position(&message);
        let at = if column > 0 {
            format!(" at column {column}")
        } else {
            String::new()
        };
        (line, format!("invalid YAML{at}: {message}"))
    }
}

/// The parser's message without the position it adds (relative to the document, so
/// misleading); recur prints the position in the file itself.
fn without_position(message: &str) -> &str {
    let first = message.lines().next().unwrap_or(message);
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    match first
        .strip_prefix("line ")
        .and_then(|rest| rest.find(": ").map(|i| &rest[i + 2..]))
    {
        Some(rest) => rest,
        None => first,
    }
}

/// True when a document is a Backstage catalog entity.
pub fn is_backstage(value: &Value) -> bool {
    value
        .get("apiVersion")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("backstage.io"))
}

impl Importer for Yaml {
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let docs = documents(&file.text);
        if docs.is_empty() {
            return out.reject_file(&file.name, "", "empty file: no YAML document");
        }
        for doc in &docs {
            let location = if docs.len() == 1 {
                format!("line {}", doc.first_line)
            } else {
                format!("document {} (line {})", doc.number, doc.first_line)
            };
            let checked = match parse_checked(doc) {
                Ok(c) => c,
                Err((line, reason)) => {
                    let where_ = if docs.len() == 1 {
                        format!("line {line}")
                    } else {
                        format!("document {} (line {line})", doc.number)
                    };
                    out.reject_file(&file.name, where_, reason);
                    continue;
                }
            };
            let value = &checked.value;
            if file.catalog_only || is_backstage(value) {
                if let Some(reason) = checked.duplicate_reason() {
                    out.reject_file(&file.name, location, reason);
                    continue;
                }
                catalog::backstage::add_document(value, file, location, ctx.aliases, out);
                continue;
            }
            match value {
                Value::Null => {}
                Value::Array(items) => add_items(&checked, "", items, file, &location, ctx, out),
                Value::Object(map) if map.get("incidents").is_some_and(Value::is_array) => {
                    if let Some(Value::Array(items)) = map.get("incidents") {
                        add_items(&checked, "incidents", items, file, &location, ctx, out);
                    }
                }
                Value::Object(_) => add_checked(&checked, file, location, ctx, out),
                other => {
                    out.notes.push(
                        super::Rejection::error(super::RecordKind::Incident, &file.name, location)
                            .reason(format!(
                                "expected an incident (a map), found {}",
                                kind_of(other)
                            )),
                    );
                }
            }
        }
    }
}

/// Adds the incidents of a list found at `prefix` of a document, each rejected if it repeats
/// a key.
fn add_items(
    doc: &Checked,
    prefix: &str,
    items: &[Value],
    file: &InputFile,
    location: &str,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    for (i, item) in items.iter().enumerate() {
        let item = doc.part(&format!("{prefix}[{i}]"), item);
        add_checked(&item, file, format!("{location} item {}", i + 1), ctx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_documents_and_tracks_their_first_lines() {
        let text = "---\nid: a\n---\n# comment only\n---\nid: b\ntitle: x\n...\n";
        let docs = documents(text);
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].number, docs[0].first_line), (1, 2));
        assert_eq!((docs[1].number, docs[1].first_line), (2, 6));
        assert!(docs[1].text.contains("title: x"));
    }

    #[test]
    fn scalars_yaml_1_1_would_type_keep_the_text_written() {
        let text = "id: 007\nv: 1.10\ntitle: no\nhex: 0x1F\nservices: [y, n, on, off]\nn: ~\nq: \"yes\"\nnested:\n  - {a: &x 1e3}\n  - *x\n";
        let doc = &documents(text)[0];
        let expected = serde_json::json!({
            "id": "007", "v": "1.10", "title": "no", "hex": "0x1F",
            "services": ["y", "n", "on", "off"], "n": null, "q": "yes",
            "nested": [{"a": "1e3"}, "1e3"],
        });
        assert_eq!(parse_checked(doc).unwrap().value, expected);
        assert_eq!(parse_document(doc).unwrap(), expected);
    }

    #[test]
    fn a_syntax_error_is_reported_at_its_line_in_the_file() {
        let text = "id: a\n---\nid: b\ntitle: [unclosed\n";
        let docs = documents(text);
        let (line, reason) = parse_document(&docs[1]).unwrap_err();
        assert!((3..=5).contains(&line), "line {line}");
        assert!(reason.starts_with("invalid YAML at column"), "{reason}");
        assert!(
            !reason.contains("line"),
            "only the absolute line is given: {reason}"
        );
    }
}
