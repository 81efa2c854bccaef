//! What a postmortem's body states outside its prose sections: a block of key-value lines
//! ("**Date:** 2024-03-04", "Severity: SEV2", "Affected services: checkout, payments", or a
//! two-column table of them) and a timeline, whose entries give the phase times.
//!
//! A key-value line gives a field by its key. A timeline entry is a line, list item or table row
//! that starts with a time; its first entry is the start, and the first entry whose text says
//! a phase happened ("alert fired", "acknowledged", "rolled back", "resolved") gives that phase.
//! Each phase is read from its own entry only: none is inferred from another.

use super::clock::{Clock, zone_in};
use super::headings::is_timeline;
use crate::model::{Timestamp, Zone};
use serde_json::{Map, Value, json};

/// Key (letters only, lower case) → what its value gives.
const KEYS: &[(&str, Key)] = &[
    ("date", Key::Day),
    ("incident date", Key::Day),
    ("date of incident", Key::Day),
    ("start", Key::Time("started_at")),
    ("started", Key::Time("started_at")),
    ("start time", Key::Time("started_at")),
    ("started at", Key::Time("started_at")),
    ("incident start", Key::Time("started_at")),
    ("impact start", Key::Time("started_at")),
    ("impact started", Key::Time("started_at")),
    ("start of impact", Key::Time("started_at")),
    ("outage start", Key::Time("started_at")),
    ("began", Key::Time("started_at")),
    ("detected", Key::Time("detected_at")),
    ("detected at", Key::Time("detected_at")),
    ("detection", Key::Time("detected_at")),
    ("detection time", Key::Time("detected_at")),
    ("time detected", Key::Time("detected_at")),
    ("first alert", Key::Time("detected_at")),
    ("acknowledged", Key::Time("acknowledged_at")),
    ("acknowledged at", Key::Time("acknowledged_at")),
    ("ack", Key::Time("acknowledged_at")),
    ("mitigated", Key::Time("mitigated_at")),
    ("mitigated at", Key::Time("mitigated_at")),
    ("mitigation", Key::Time("mitigated_at")),
    ("impact end", Key::Time("mitigated_at")),
    ("impact ended", Key::Time("mitigated_at")),
    ("end of impact", Key::Time("mitigated_at")),
    ("recovered", Key::Time("mitigated_at")),
    ("service restored", Key::Time("mitigated_at")),
    ("outage end", Key::Time("mitigated_at")),
    ("end", Key::Time("mitigated_at")),
    ("ended", Key::Time("mitigated_at")),
    ("end time", Key::Time("mitigated_at")),
    ("resolved", Key::Time("resolved_at")),
    ("resolved at", Key::Time("resolved_at")),
    ("resolution time", Key::Time("resolved_at")),
    ("closed", Key::Time("resolved_at")),
    ("closed at", Key::Time("resolved_at")),
    ("severity", Key::Text("severity")),
    ("sev", Key::Text("severity")),
    ("severity level", Key::Text("severity")),
    ("incident severity", Key::Text("severity")),
    ("priority", Key::Text("severity")),
    ("affected services", Key::List("services")),
    ("affected service", Key::List("services")),
    ("services affected", Key::List("services")),
    ("services", Key::List("services")),
    ("service", Key::List("services")),
    ("affected systems", Key::List("services")),
    ("systems affected", Key::List("services")),
    ("affected components", Key::List("components")),
    ("components", Key::List("components")),
    ("component", Key::List("components")),
    ("team", Key::Text("team")),
    ("owning team", Key::Text("team")),
    ("responsible team", Key::Text("team")),
    ("incident id", Key::Id),
    ("incident number", Key::Id),
    ("id", Key::Id),
    ("root cause", Key::Text("root_cause")),
    ("trigger", Key::Text("trigger")),
];

/// What a key-value line gives.
#[derive(Debug, Clone, Copy)]
enum Key {
    /// The incident's day: the date of time-only entries, and the start when nothing else is.
    Day,
    Time(&'static str),
    Text(&'static str),
    List(&'static str),
    Id,
}

/// Words that say an entry is a phase, by phase, checked in this order.
const PHASE_WORDS: &[(&str, &[&str])] = &[
    (
        "resolved_at",
        &[
            "resolved",
            "all clear",
            "incident closed",
            "closed the incident",
        ],
    ),
    (
        "mitigated_at",
        &[
            "mitigat",
            "rolled back",
            "roll back",
            "rollback",
            "reverted",
            "recovered",
            "restored",
            "failed over",
            "failover",
            "back to normal",
            "returned to normal",
            "stabilized",
            "stabilised",
            "workaround",
        ],
    ),
    (
        "acknowledged_at",
        &[
            "acknowledg",
            "acked",
            "on-call responded",
            "began investigating",
            "started investigating",
            "incident declared",
            "declared an incident",
            "engaged",
        ],
    ),
    (
        "detected_at",
        &[
            "alert",
            "paged",
            "detected",
            "noticed",
            "reported",
            "first report",
            "monitoring fired",
        ],
    ),
];

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

/// The phase an entry's text says happened, if any (the first listed in [`PHASE_WORDS`]).
fn phase_of(text: &str) -> Option<&'static str> {
    let text = text.to_lowercase();
    PHASE_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(field, _)| *field)
}

/// A body line without Markdown decoration, and whether it stands in the timeline section.
struct Line {
    text: String,
    in_timeline: bool,
    /// The timeline heading's zone remark, on the heading line itself.
    heading: Option<String>,
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

/// `Key: value`, or a two-cell table row `| Key | value |`, for a known key.
fn key_value(line: &str) -> Option<(Key, String)> {
    let (key, value) = match table_cells(line) {
        Some(cells) if cells.len() == 2 => (cells[0].clone(), cells[1].clone()),
        Some(_) => return None,
        None => {
            let (k, v) = line.split_once([':', '：'])?;
            (k.to_string(), v.to_string())
        }
    };
    let key: String = key
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphabetic() { c } else { ' ' })
        .collect();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    let value = value.trim().trim_end_matches(['.', ',']).trim().to_string();
    if value.is_empty() {
        return None;
    }
    KEYS.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, what)| (*what, value))
}

/// The cells of a table row (`| a | b |`); `None` for a line that is not one, and for the
/// separator row.
fn table_cells(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    if cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    {
        return None;
    }
    Some(cells)
}

/// The timeline's entries: (time, what happened), in the order written.
fn timeline(lines: &[Line], clock: &mut Clock) -> Vec<(Timestamp, String)> {
    let mut entries = Vec::new();
    for line in lines.iter().filter(|l| l.in_timeline) {
        if let Some(heading) = &line.heading {
            if let Some(zone) = zone_in(heading) {
                clock.set_zone(zone);
            }
            continue;
        }
        if let Some(zone) = all_times_remark(&line.text) {
            clock.set_zone(zone);
            continue;
        }
        let entry = match table_cells(&line.text) {
            Some(cells) => entry_of_cells(&cells, clock),
            None => clock.leading(&line.text),
        };
        if let Some((ts, text)) = entry {
            entries.push((ts, text));
        }
    }
    entries
}

/// A table row's entry: its first cell (or first two: date, time) is the time.
fn entry_of_cells(cells: &[String], clock: &mut Clock) -> Option<(Timestamp, String)> {
    let first = cells.first()?;
    if cells.len() >= 3
        && let Some(day) = clock.day_of(first)
        && let Some(ts) = clock.read_on(day, &cells[1])
    {
        return Some((ts, cells[2..].join(" ")));
    }
    let ts = clock.read(first)?;
    Some((ts, cells[1..].join(" ")))
}

/// "All times are in PDT." / "Times in UTC": the zone the timeline is written in.
fn all_times_remark(line: &str) -> Option<Zone> {
    let lower = line.to_lowercase();
    let remark = lower.starts_with("all times")
        || lower.starts_with("times are")
        || lower.starts_with("times in")
        || lower.starts_with("(all times");
    if remark { zone_in(line) } else { None }
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
