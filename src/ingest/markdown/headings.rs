//! Which heading is which: the section names postmortems use for a field or for their timeline,
//! in their common variants, and with a typo or two ("Root Casue", "Contributng factors").

/// Heading (letters only, lower case, single spaces) → the recur field its section fills.
const FIELD_HEADINGS: &[(&str, &str)] = &[
    ("root cause", "root_cause"),
    ("root causes", "root_cause"),
    ("cause", "root_cause"),
    ("causes", "root_cause"),
    ("what went wrong", "root_cause"),
    ("root cause analysis", "root_cause"),
    ("cause of the incident", "root_cause"),
    ("underlying cause", "root_cause"),
    ("why it happened", "root_cause"),
    ("contributing factors", "contributing_factors"),
    ("contributing factor", "contributing_factors"),
    ("contributing causes", "contributing_factors"),
    ("contributors", "contributing_factors"),
    ("trigger", "trigger"),
    ("triggers", "trigger"),
    ("what triggered it", "trigger"),
    ("triggering event", "trigger"),
    ("action items", "actions"),
    ("actions", "actions"),
    ("follow ups", "actions"),
    ("follow up", "actions"),
    ("followups", "actions"),
    ("follow up actions", "actions"),
    ("follow up items", "actions"),
    ("corrective actions", "actions"),
    ("corrective and preventive actions", "actions"),
    ("remediation", "actions"),
    ("remediations", "actions"),
    ("next steps", "actions"),
    ("lessons learned action items", "actions"),
    ("action items and follow ups", "actions"),
];

/// Headings of a timeline section.
const TIMELINE_HEADINGS: &[&str] = &[
    "timeline",
    "timeline of events",
    "incident timeline",
    "detailed timeline",
    "chronology",
    "sequence of events",
    "timeline and response",
];

/// The recur field a heading's section fills.
pub(super) fn field_of_heading(heading: &str) -> Option<&'static str> {
    let key = heading_key(heading);
    FIELD_HEADINGS
        .iter()
        .find(|(h, _)| *h == key)
        .or_else(|| FIELD_HEADINGS.iter().find(|(h, _)| near(&key, h)))
        .map(|(_, field)| *field)
}

/// Whether a heading opens the timeline ("Timeline", "Timeline (all times UTC)", "Chronology").
pub(super) fn is_timeline(heading: &str) -> bool {
    let key = heading_key(without_brackets(heading));
    TIMELINE_HEADINGS.iter().any(|h| *h == key || near(&key, h))
}

/// Letters only, lower case, single spaces; a trailing "(s)" dropped.
fn heading_key(heading: &str) -> String {
    let words: String = heading
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphabetic() { c } else { ' ' })
        .collect();
    let key = words.split_whitespace().collect::<Vec<_>>().join(" ");
    key.trim_end_matches(" s").to_string()
}

/// The heading without a bracketed remark: "Timeline (all times PDT)" → "Timeline".
fn without_brackets(heading: &str) -> &str {
    heading.split(['(', '[']).next().unwrap_or(heading)
}

/// A typo away from a known heading: one edit for headings of 7 to 11 letters, two from 12, and
/// the same first letter. Shorter headings must match exactly ("cause" is not "pause").
fn near(key: &str, known: &str) -> bool {
    if key.chars().next() != known.chars().next() {
        return false;
    }
    let allowed = match known.chars().count() {
        0..=6 => return false,
        7..=11 => 1,
        _ => 2,
    };
    strsim::damerau_levenshtein(key, known) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_typos_find_their_field() {
        assert_eq!(field_of_heading("Root Cause(s)"), Some("root_cause"));
        assert_eq!(field_of_heading("Root Casue"), Some("root_cause"));
        assert_eq!(
            field_of_heading("Contributng Factors"),
            Some("contributing_factors")
        );
        assert_eq!(field_of_heading("Acton items"), Some("actions"));
        assert_eq!(field_of_heading("Follow-ups"), Some("actions"));
    }

    #[test]
    fn short_or_distant_headings_do_not_match() {
        assert_eq!(field_of_heading("Pause"), None);
        assert_eq!(field_of_heading("Factions"), None);
        assert_eq!(field_of_heading("Summary"), None);
        assert_eq!(field_of_heading("Impact"), None);
    }

    #[test]
    fn timeline_headings_with_remarks_and_typos() {
        assert!(is_timeline("Timeline (all times PDT)"));
        assert!(is_timeline("Timelime"));
        assert!(is_timeline("Sequence of events"));
        assert!(!is_timeline("Time to detect"));
    }
}
