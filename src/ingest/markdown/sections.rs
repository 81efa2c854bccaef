//! The body of a postmortem: its sections ("Root cause", "Contributing factors", "Trigger",
//! "Action items" … in their common variants) read into the fields they fill.

use super::headings::field_of_heading;
use crate::ingest::limits;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value, json};

/// A section of the body: its heading and what stands under it.
#[derive(Debug, Default)]
pub(super) struct Section {
    level: u8,
    heading: String,
    paragraphs: Vec<String>,
    /// List items, with their checkbox state when they have one.
    items: Vec<(Option<bool>, String)>,
    /// Table rows, the header row first.
    table: Vec<Vec<String>>,
}

/// The body's sections; `None` when it has more than [`limits::MAX_SECTIONS`] headings (what
/// is kept of each heading would be many times the text it came from).
pub(super) fn parse_sections(body: &str) -> Option<Vec<Section>> {
    let mut sections = vec![Section::default()];
    let mut buf = String::new();
    let mut item_depth = 0usize;
    let mut checked: Option<bool> = None;
    let mut row: Vec<String> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(body, options) {
        let current = sections.len() - 1;
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell)
                if item_depth == 0 =>
            {
                buf.clear();
            }
            Event::End(TagEnd::Heading(_)) if sections.len() > limits::MAX_SECTIONS => {
                return None;
            }
            Event::End(TagEnd::Heading(level)) => {
                sections.push(Section {
                    level: level as u8,
                    heading: buf.trim().to_string(),
                    ..Section::default()
                });
                buf.clear();
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                let text = buf.trim().to_string();
                if !text.is_empty() {
                    sections[current].paragraphs.push(text);
                }
                buf.clear();
            }
            Event::End(TagEnd::Paragraph) => buf.push(' '),
            Event::Start(Tag::Item) => {
                if item_depth > 0 {
                    flush_item(&mut sections[current], &mut buf, &mut checked);
                }
                item_depth += 1;
                buf.clear();
            }
            Event::End(TagEnd::Item) => {
                flush_item(&mut sections[current], &mut buf, &mut checked);
                item_depth = item_depth.saturating_sub(1);
            }
            Event::TaskListMarker(done) => checked = Some(done),
            Event::End(TagEnd::TableCell) => {
                row.push(buf.trim().to_string());
                buf.clear();
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                sections[current].table.push(std::mem::take(&mut row));
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    Some(sections)
}

fn flush_item(section: &mut Section, buf: &mut String, checked: &mut Option<bool>) {
    let text = buf.trim().to_string();
    if !text.is_empty() {
        section.items.push((checked.take(), text));
    }
    buf.clear();
}

/// The fields the body gives, keyed by recur field name.
pub(super) fn body_fields(sections: &[Section]) -> Map<String, Value> {
    let mut out = Map::new();
    // Only a level-1 heading that is the body's first heading is its title.
    if let Some(title) = sections
        .iter()
        .find(|s| s.level > 0)
        .filter(|s| s.level == 1 && !s.heading.is_empty())
    {
        out.insert("title".into(), json!(title.heading));
    }
    let mut i = 0;
    while i < sections.len() {
        let Some(field) = field_of_heading(&sections[i].heading) else {
            i += 1;
            continue;
        };
        // A recognised section takes in the deeper sub-sections below it.
        let level = sections[i].level;
        let mut end = i + 1;
        while end < sections.len() && sections[end].level > level {
            end += 1;
        }
        let group = &sections[i..end];
        let value = match field {
            "actions" => actions_of(group),
            "contributing_factors" => {
                let items: Vec<&str> = group
                    .iter()
                    .flat_map(|s| s.items.iter().map(|(_, t)| t.as_str()))
                    .collect();
                if items.is_empty() {
                    json!(all_text(group))
                } else {
                    json!(items)
                }
            }
            _ => json!(all_text(group)),
        };
        match (out.get_mut(field), value) {
            (_, Value::String(s)) if s.is_empty() => {}
            (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
            (None, Value::Array(v)) if v.is_empty() => {}
            (None, value) => {
                out.insert(field.into(), value);
            }
            (Some(_), _) => {}
        }
        i = end;
    }
    out
}

fn all_text(group: &[Section]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for s in group {
        parts.extend(s.paragraphs.iter().map(String::as_str));
        parts.extend(s.items.iter().map(|(_, t)| t.as_str()));
    }
    parts.join(" ")
}

fn actions_of(group: &[Section]) -> Value {
    let mut actions = Vec::new();
    for s in group {
        if let Some((header, rows)) = s.table.split_first() {
            let keys: Vec<Option<&str>> = header.iter().map(|h| column_key(h)).collect();
            for row in rows {
                let mut obj = Map::new();
                for (key, cell) in keys.iter().zip(row) {
                    if let Some(key) = key
                        && !cell.is_empty()
                    {
                        obj.insert((*key).into(), json!(cell));
                    }
                }
                if !obj.is_empty() {
                    actions.push(Value::Object(obj));
                }
            }
        }
        for (checked, text) in &s.items {
            let mut obj = Map::new();
            obj.insert("title".into(), json!(text));
            if let Some(done) = checked {
                obj.insert("status".into(), json!(if *done { "done" } else { "open" }));
            }
            actions.push(Value::Object(obj));
        }
    }
    Value::Array(actions)
}

/// The action field a table column feeds.
fn column_key(header: &str) -> Option<&'static str> {
    match header.trim().to_lowercase().as_str() {
        "action" | "title" | "item" | "task" | "description" | "action item" | "follow-up"
        | "follow up" => Some("title"),
        "owner" | "assignee" | "team" | "owner team" => Some("owner"),
        "status" | "state" | "done" => Some("status"),
        "due" | "due date" | "due_at" | "deadline" => Some("due_at"),
        "completed" | "completed at" | "completed_at" | "done at" => Some("completed_at"),
        "scope" => Some("scope"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "# Checkout outage\n\n## Summary\nBad.\n\n## Root Cause(s)\nThe pool leaked.\n\n### Details\n- conns never closed\n\n## Contributing factors\n- no alert\n- manual renewal\n\n## Trigger\nA deploy.\n\n## Action items\n| Action | Owner | Status | Due |\n|---|---|---|---|\n| Fix pool | Team A | done | 2024-01-01 |\n\n## Follow-ups\n- [x] add alert\n- [ ] write runbook\n";

    #[test]
    fn body_sections_fill_fields_with_heading_variants() {
        let map = body_fields(&parse_sections(BODY).unwrap());
        assert_eq!(map["title"], json!("Checkout outage"));
        assert_eq!(
            map["root_cause"],
            json!("The pool leaked. conns never closed")
        );
        assert_eq!(
            map["contributing_factors"],
            json!(["no alert", "manual renewal"])
        );
        assert_eq!(map["trigger"], json!("A deploy."));
        assert_eq!(
            map["actions"],
            json!([
                {"title": "Fix pool", "owner": "Team A", "status": "done", "due_at": "2024-01-01"},
                {"title": "add alert", "status": "done"},
                {"title": "write runbook", "status": "open"}
            ]),
            "both action sections are read"
        );
    }

    #[test]
    fn checklists_become_actions_with_status() {
        let sections =
            parse_sections("## Follow-ups\n- [x] add alert\n- [ ] write runbook\n").unwrap();
        assert_eq!(
            body_fields(&sections)["actions"],
            json!([{"title": "add alert", "status": "done"}, {"title": "write runbook", "status": "open"}])
        );
    }

    #[test]
    fn only_a_leading_h1_is_the_title() {
        let later =
            body_fields(&parse_sections("Intro.\n\n## Details\n\ntext\n\n# Appendix\n").unwrap());
        assert!(later.get("title").is_none());
        let leading = body_fields(&parse_sections("# Real title\n\n## Root cause\nx\n").unwrap());
        assert_eq!(leading["title"], json!("Real title"));
    }

    #[test]
    fn a_body_of_more_headings_than_the_limit_is_refused() {
        let at = "#\n".repeat(limits::MAX_SECTIONS);
        assert!(parse_sections(&at).is_some());
        let over = "#\n".repeat(limits::MAX_SECTIONS + 1);
        assert!(parse_sections(&over).is_none());
    }
}
