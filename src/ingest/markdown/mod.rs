//! Markdown postmortems: YAML front matter holds the fields; where it lacks one, the body's
//! sections ("Root cause", "Contributing factors", "Trigger", "Action items" …) fill it.

mod clock;
mod facts;
mod headings;
mod keys;
mod sections;
mod timeline;

use crate::ingest::batch::Batch;
use crate::ingest::build::{self, Context};
use crate::ingest::fields;
use crate::ingest::limits;
use crate::ingest::rejection::{RecordKind, Rejection};
use crate::ingest::yaml::{Document, parse_document};
use crate::ingest::{Importer, InputFile};
use crate::model::SourceRef;
use serde_json::{Map, Value};

/// `.md` / `.markdown`.
pub struct Markdown;

/// Splits `---\n…\n---` front matter from the body; `None` when there is none.
fn split_front_matter(text: &str) -> FrontMatter<'_> {
    let text = text.trim_start_matches('\u{feff}');
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return FrontMatter::None;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return FrontMatter::Found(&rest[..offset], &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    FrontMatter::Unclosed
}

/// What a postmortem starts with.
#[derive(Debug, PartialEq)]
enum FrontMatter<'a> {
    None,
    /// Opened with `---` and never closed.
    Unclosed,
    /// The front matter and the body.
    Found(&'a str, &'a str),
}

impl Importer for Markdown {
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        if file.text.len() > limits::MAX_POSTMORTEM_BYTES {
            return out.reject_file(
                &file.name,
                "",
                format!(
                    "{} bytes, over the limit of {} bytes (4 MiB) one Markdown postmortem may hold",
                    file.text.len(),
                    limits::MAX_POSTMORTEM_BYTES
                ),
            );
        }
        let (front, body) = match split_front_matter(&file.text) {
            FrontMatter::Found(front, body) => (front, body),
            FrontMatter::None => ("", file.text.as_str()),
            FrontMatter::Unclosed => {
                return out.reject_file(
                    &file.name,
                    "line 1",
                    "front matter opened with --- is never closed (expected a --- line after the fields)",
                );
            }
        };
        let Some(sections) = sections::parse_sections(body) else {
            return out.reject_file(
                &file.name,
                "",
                format!(
                    "more than {} headings, over the limit one Markdown postmortem may have",
                    limits::MAX_SECTIONS
                ),
            );
        };
        let body_map = sections::body_fields(&sections);
        let has_postmortem_sections = body_map.keys().any(|k| k != "title");
        // Without front matter the body's facts decide whether the file is an incident at all.
        let bare_facts = front
            .trim()
            .is_empty()
            .then(|| facts::body_facts(body, None));
        let states_facts = bare_facts.as_ref().is_some_and(|f| {
            f.timeline_entries > 0 || (f.fields.contains_key("started_at") && f.fields.len() >= 2)
        });
        if bare_facts.is_some() && !has_postmortem_sections && !states_facts {
            out.notes.push(
                Rejection::warning(RecordKind::File, &file.name, "line 1")
                    .reason("no front matter and no postmortem sections: not read as an incident"),
            );
            return;
        }
        let front_map = if front.trim().is_empty() {
            Map::new()
        } else {
            let doc = Document {
                number: 1,
                first_line: 2,
                text: front,
            };
            match parse_document(&doc) {
                Ok(Value::Object(map)) => map,
                Ok(other) => {
                    out.notes.push(
                        Rejection::error(RecordKind::Incident, &file.name, "front matter").reason(
                            format!(
                                "front matter must be a map of fields, found {}",
                                super::json::kind_of(&other)
                            ),
                        ),
                    );
                    return;
                }
                Err((line, reason)) => {
                    out.reject_file(
                        &file.name,
                        format!("line {line}"),
                        format!("front matter: {reason}"),
                    );
                    return;
                }
            }
        };
        out.note_unknown_fields(front_map.keys().map(String::as_str), &ctx.fields);
        let source = SourceRef {
            file: file.name.clone(),
            location: "front matter".into(),
        };
        let mut body_map = body_map;
        // Key-value lines and the timeline fill what neither the front matter nor a section
        // gives; a timeline of times without a date is dated by the front matter's start.
        let front_start = ctx
            .fields
            .get_from_sources(&front_map, "started_at")
            .and_then(|raw| fields::timestamp(Some(raw)).ok().flatten());
        let facts = bare_facts.unwrap_or_else(|| facts::body_facts(body, front_start));
        for (field, value) in facts.fields {
            body_map.entry(field).or_insert(value);
        }
        if ctx.fields.get_from_sources(&front_map, "id").is_none()
            && !body_map.contains_key("id")
            && let Some(id) = id_from_path(&file.name)
        {
            out.notes.push(
                Rejection::warning(RecordKind::Incident, &file.name, "front matter")
                    .field("id")
                    .reason(format!(
                        "no id in the front matter or the body; the file name {id:?} is the id"
                    )),
            );
            body_map.insert("id".into(), Value::String(id));
        }
        if !body_map.contains_key("title")
            && ctx.fields.get_from_sources(&front_map, "title").is_none()
            && let Some(title) = title_from_file_name(&file.name)
        {
            // No title in the front matter nor a leading `# Title`: the file name stands in.
            out.notes.push(
                Rejection::warning(RecordKind::Incident, &file.name, "front matter")
                    .field("title")
                    .reason(format!(
                        "no title in the front matter or a leading heading; the file name {title:?} is the title"
                    )),
            );
            body_map.insert("title".into(), Value::String(title));
        }
        let built = build::incident_with_fallback(&front_map, Some(&body_map), ctx, source);
        out.add_built(built);
    }
}

/// An id from a file path: the file's stem, with its folder's name before a stem that names
/// no incident (`2024-03-04-db/postmortem.md` → `2024-03-04-db/postmortem`).
fn id_from_path(name: &str) -> Option<String> {
    let path = std::path::Path::new(name);
    let stem = path.file_stem()?.to_string_lossy().trim().to_string();
    if stem.is_empty() {
        return None;
    }
    const GENERIC: &[&str] = &[
        "readme",
        "index",
        "postmortem",
        "post-mortem",
        "incident",
        "report",
        "retro",
        "retrospective",
        "pir",
        "rca",
        "summary",
    ];
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|p| p.to_string_lossy().to_string());
    match parent {
        Some(dir) if GENERIC.contains(&stem.to_lowercase().as_str()) => {
            Some(format!("{dir}/{stem}"))
        }
        _ => Some(stem),
    }
}

/// A title from a file name: its stem, with `-` and `_` read as spaces.
fn title_from_file_name(name: &str) -> Option<String> {
    let stem = std::path::Path::new(name).file_stem()?.to_string_lossy();
    let title = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_path_makes_an_id() {
        assert_eq!(
            id_from_path("pm/2024-05-db.md").as_deref(),
            Some("2024-05-db")
        );
        assert_eq!(
            id_from_path("pm/2024-05-db/postmortem.md").as_deref(),
            Some("2024-05-db/postmortem")
        );
        assert_eq!(id_from_path("README.md").as_deref(), Some("README"));
    }

    #[test]
    fn a_file_name_makes_a_title() {
        assert_eq!(
            title_from_file_name("dir/2024-05-db_pool-outage.md").as_deref(),
            Some("2024 05 db pool outage")
        );
    }

    #[test]
    fn front_matter_is_split_from_the_body() {
        assert_eq!(
            split_front_matter("---\nid: a\n---\n# T\n"),
            FrontMatter::Found("id: a\n", "# T\n")
        );
        assert_eq!(split_front_matter("# no front matter\n"), FrontMatter::None);
        assert_eq!(
            split_front_matter("---\nid: a\n# T\n"),
            FrontMatter::Unclosed
        );
    }
}
