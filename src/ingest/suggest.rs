//! "Did you mean": the recur field a source column probably meant, for the warning about columns
//! recur does not read.

use super::mapping::INCIDENT_FIELDS;

/// Common column names of other tools and the recur field they usually mean.
const SYNONYMS: &[(&str, &str)] = &[
    ("date", "started_at"),
    ("start", "started_at"),
    ("start_time", "started_at"),
    ("start_date", "started_at"),
    ("opened", "started_at"),
    ("opened_at", "started_at"),
    ("created", "started_at"),
    ("created_at", "started_at"),
    ("begin", "started_at"),
    ("detected", "detected_at"),
    ("acked_at", "acknowledged_at"),
    ("ack_time", "acknowledged_at"),
    ("mitigated", "mitigated_at"),
    ("end", "resolved_at"),
    ("end_time", "resolved_at"),
    ("resolved", "resolved_at"),
    ("closed_at", "resolved_at"),
    ("service", "services"),
    ("service_name", "services"),
    ("product", "services"),
    ("system", "services"),
    ("component", "components"),
    ("sev", "severity"),
    ("priority", "severity"),
    ("impact", "severity"),
    ("urgency", "severity"),
    ("name", "title"),
    ("summary", "title"),
    ("subject", "title"),
    ("headline", "title"),
    ("cause", "root_cause"),
    ("rootcause", "root_cause"),
    ("reason", "root_cause"),
    ("owner", "team"),
    ("owning_team", "team"),
    ("team_name", "team"),
    ("group", "team"),
    ("tag", "tags"),
    ("label", "tags"),
    ("labels", "tags"),
    ("factors", "contributing_factors"),
    ("contributing_factor", "contributing_factors"),
    ("key", "id"),
    ("number", "id"),
    ("incident_id", "id"),
    ("follow_ups", "actions"),
    ("action_items", "actions"),
    ("permalink", "url"),
    ("postmortem_url", "url"),
];

/// The recur field `column` most likely means, if any: a known synonym, or a field within a
/// small spelling distance.
pub fn field_for(column: &str) -> Option<&'static str> {
    let key: String = column
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let key = key.trim_matches('_');
    if key.is_empty() {
        return None;
    }
    if let Some((_, field)) = SYNONYMS.iter().find(|(s, _)| *s == key) {
        return Some(field);
    }
    INCIDENT_FIELDS
        .iter()
        .map(|f| (*f, strsim::jaro_winkler(key, f)))
        .filter(|(_, score)| *score >= 0.88)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(f, _)| f)
}

/// `date (did you mean started_at?)`, or the name alone.
pub fn describe(column: &str) -> String {
    match field_for(column) {
        Some(field) => format!("{column} (did you mean {field}?)"),
        None => column.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_name_the_recur_field() {
        assert_eq!(field_for("date"), Some("started_at"));
        assert_eq!(field_for("Service"), Some("services"));
        assert_eq!(field_for("start-time"), Some("started_at"));
        assert_eq!(field_for("resolvd_at"), Some("resolved_at"));
        assert_eq!(field_for("root cause"), Some("root_cause"));
        assert_eq!(field_for("Postmortem URL"), Some("url"));
    }

    #[test]
    fn unrelated_columns_get_no_suggestion() {
        assert_eq!(field_for("notes"), None);
        assert_eq!(field_for("archive_url"), None);
        assert_eq!(describe("zzz"), "zzz");
    }
}
