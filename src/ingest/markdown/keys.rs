//! The key-value lines of a postmortem's body ("**Date:** 2024-03-04", "Severity: SEV2", or a
//! two-column table row): which keys recur knows and what each gives.

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
pub(super) enum Key {
    /// The incident's day: the date of time-only entries, and the start when nothing else is.
    Day,
    Time(&'static str),
    Text(&'static str),
    List(&'static str),
    Id,
}

/// `Key: value`, or a two-cell table row `| Key | value |`, for a known key.
pub(super) fn key_value(line: &str) -> Option<(Key, String)> {
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
pub(super) fn table_cells(line: &str) -> Option<Vec<String>> {
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
