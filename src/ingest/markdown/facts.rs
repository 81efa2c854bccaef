//! What a postmortem's body states outside its prose sections: a block of key-value lines
//! ("**Date:** 2024-03-04", "Severity: SEV2", "Affected services: checkout, payments", or a
//! two-column table of them) and a timeline, whose entries give the phase times.
//!
//! A key-value line gives a field by its key. A timeline entry is a line, list item or table row
//! that starts with a time; its first entry is the start, and the first entry whose text says
//! a phase happened ("alert fired", "acknowledged", "rolled back", "resolved") gives that phase.
//! Each phase is read from its own entry only: none is inferred from another.

use super::clock::Clock;
use super::headings::is_timeline;
use super::keys::{Key, key_value};
use super::timeline::{PHASE_WORDS, phase_of, timeline};
use crate::model::{Timestamp, Zone};
use serde_json::{Map, Value, json};

/// The fields a postmortem's key-value lines and timeline give, by recur name, and whether it
/// has a timeline with entries. `front_start` (the front matter's start, if any) dates a
/// timeline of times without a date.
pub(super) struct Facts {
    pub fields: Map<String, Value>,
    pub timeline_entries: usize,
}

/// Reads the facts of a body.
pub(super) fn body_facts(body: &str, front_start: Option<Timestamp>) -> Facts {
    let lines = plain_lines(body);
    let mut fields = Map::new();
    let mut clock = Clock::new(front_start.map(|t| t.date_naive()), Zone::utc());
    // Key-value lines first: they may give the day the timeline's times are on.
    let mut times: Vec<(&'static str, String)> = Vec::new();
    for line in lines.iter().filter(|l| !l.in_timeline) {
        let Some((key, value)) = key_value(&line.text) else {
            continue;
        };
        match key {
            Key::Day => {
                if let Some(day) = clock.day_of(&value) {
                    clock.set_day(day);
                }
            }
            Key::Time(field) => times.push((field, value)),
            Key::Text(field) => {
                fields.entry(field).or_insert_with(|| json!(value));
            }
            Key::List(field) => {
                let items: Vec<&str> = value
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if !items.is_empty() {
                    fields.entry(field).or_insert_with(|| json!(items));
                }
            }
            Key::Id => {
                if !value.contains(char::is_whitespace) {
                    fields.entry("id").or_insert_with(|| json!(value));
                }
            }
        }
    }
    for (field, value) in times {
        if let Some(ts) = clock.read(&value) {
            fields
                .entry(field)
                .or_insert_with(|| json!(ts.to_rfc3339()));
        }
    }
    let entries = timeline(&lines, &mut clock);
    if let Some((first, _)) = entries.iter().min_by_key(|(ts, _)| *ts) {
        fields
            .entry("started_at")
            .or_insert_with(|| json!(first.to_rfc3339()));
    }
    for (field, _) in PHASE_WORDS {
        let first = entries
            .iter()
            .filter(|(_, text)| phase_of(text) == Some(*field))
            .map(|(ts, _)| *ts)
            .min();
        if let Some(ts) = first {
            fields
                .entry(*field)
                .or_insert_with(|| json!(ts.to_rfc3339()));
        }
    }
    if let Some(day) = clock.day()
        && !fields.contains_key("started_at")
    {
        // A date alone: the start is that day (approximate; validation warns about none).
        fields.insert(
            "started_at".into(),
            json!(day.format("%Y-%m-%d").to_string()),
        );
    }
    Facts {
        fields,
        timeline_entries: entries.len(),
    }
}

/// A body line without Markdown decoration, and whether it stands in the timeline section.
pub(super) struct Line {
    pub text: String,
    pub in_timeline: bool,
    /// The timeline heading's zone remark, on the heading line itself.
    pub heading: Option<String>,
}

/// The body's lines outside code blocks, decoration stripped (list markers, emphasis, quote
/// marks), with the timeline section marked.
fn plain_lines(body: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut timeline_level: Option<usize> = None;
    for raw in body.lines() {
        let t = raw.trim();
        if let Some(marker) = fence {
            if t.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let level = t.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&level) && t[level..].starts_with([' ', '\t']) {
            let heading = t[level..].trim();
            if is_timeline(heading) {
                timeline_level = Some(level);
                out.push(Line {
                    text: String::new(),
                    in_timeline: true,
                    heading: Some(heading.to_string()),
                });
                continue;
            }
            if timeline_level.is_some_and(|l| level <= l) {
                timeline_level = None;
            }
            continue;
        }
        let text = t
            .trim_start_matches(['>', ' '])
            .trim_start_matches(['-', '*', '+', ' '])
            .replace(['*', '`'], "")
            .replace("__", "");
        if !text.trim().is_empty() {
            out.push(Line {
                text: text.trim().to_string(),
                in_timeline: timeline_level.is_some(),
                heading: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "\
**Date:** 2024-03-04
**Severity:** SEV2
- Affected services: checkout, payments

## Timeline (all times PST)

| Time | Event |
|---|---|
| 23:52 | Deploy of checkout v2.3 starts |
| 23:58 | Alert fired: error rate above 5% |
| 00:04 | On-call acknowledged the page |
| 00:31 | Rolled back to v2.2 |
| 01:05 | Incident resolved |

## Root cause
Text.
";

    #[test]
    fn key_values_and_a_timeline_give_fields_and_phases_across_midnight() {
        let f = body_facts(BODY, None);
        assert_eq!(f.timeline_entries, 5);
        let get = |k: &str| f.fields.get(k).cloned().unwrap_or(Value::Null);
        assert_eq!(get("severity"), json!("SEV2"));
        assert_eq!(get("services"), json!(["checkout", "payments"]));
        // PST is UTC-8: 23:52 on the 4th is 07:52 UTC on the 5th.
        assert_eq!(get("started_at"), json!("2024-03-05T07:52:00+00:00"));
        assert_eq!(get("detected_at"), json!("2024-03-05T07:58:00+00:00"));
        // After midnight the timeline is on the 5th (local).
        assert_eq!(get("acknowledged_at"), json!("2024-03-05T08:04:00+00:00"));
        assert_eq!(get("mitigated_at"), json!("2024-03-05T08:31:00+00:00"));
        assert_eq!(get("resolved_at"), json!("2024-03-05T09:05:00+00:00"));
    }

    #[test]
    fn list_timelines_with_full_dates_and_explicit_keys_win() {
        let body = "Start: 2024-05-01 09:00 UTC\n\n## Timeline\n\n- 2024-05-01 09:10 UTC - paged the on-call\n- 09:30 - service restored\n";
        let f = body_facts(body, None);
        assert_eq!(f.fields["started_at"], json!("2024-05-01T09:00:00+00:00"));
        assert_eq!(f.fields["detected_at"], json!("2024-05-01T09:10:00+00:00"));
        assert_eq!(f.fields["mitigated_at"], json!("2024-05-01T09:30:00+00:00"));
        assert!(
            !f.fields.contains_key("resolved_at"),
            "not stated, not inferred"
        );
        assert!(!f.fields.contains_key("acknowledged_at"));
    }

    #[test]
    fn prose_and_code_blocks_give_nothing() {
        let body = "We noticed at 10:00 that things broke.\n\n```\nStart: 2024-01-01\n```\n";
        let f = body_facts(body, None);
        assert!(f.fields.is_empty(), "{:?}", f.fields);
        assert_eq!(f.timeline_entries, 0);
    }
}
