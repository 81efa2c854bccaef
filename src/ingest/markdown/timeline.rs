//! A postmortem's timeline: entries that start with a time, and the phase each one's text says
//! happened ("alert fired", "acknowledged", "rolled back", "resolved").

use super::clock::{Clock, zone_in};
use super::facts::Line;
use super::keys::table_cells;
use crate::model::{Timestamp, Zone};

/// Words that say an entry is a phase, by phase, checked in this order.
pub(super) const PHASE_WORDS: &[(&str, &[&str])] = &[
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

/// The phase an entry's text says happened, if any (the first listed in [`PHASE_WORDS`]).
pub(super) fn phase_of(text: &str) -> Option<&'static str> {
    let text = text.to_lowercase();
    PHASE_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(field, _)| *field)
}

/// The timeline's entries: (time, what happened), in the order written.
pub(super) fn timeline(lines: &[Line], clock: &mut Clock) -> Vec<(Timestamp, String)> {
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
