//! Typed reading of raw field values: text, lists, timestamps, severity and names, each with a
//! reason when the value does not fit.

use super::record::{Raw, truncate};
use crate::model::{Aliases, Severity, Timestamp, canonical_name, time::parse_timestamp};

/// The list separator in CSV cells and in list fields given as one string.
pub const LIST_SEPARATOR: char = ';';

/// A field value as one text; a list of texts is joined with `"; "`.
pub fn text(raw: Option<Raw<'_>>) -> Result<Option<String>, String> {
    match raw {
        None => Ok(None),
        Some(Raw::Text(t)) => Ok(Some(t.trim().to_string())),
        Some(Raw::List(items)) => {
            let parts: Vec<String> = items
                .into_iter()
                .map(|i| text(Some(i)))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect();
            Ok((!parts.is_empty()).then(|| parts.join("; ")))
        }
        Some(Raw::Object(_)) => Err("expected text, found an object".to_string()),
    }
}

/// A field value that must be one text (an id, a timestamp): a list is an error.
pub fn scalar(raw: Option<Raw<'_>>) -> Result<Option<String>, String> {
    match raw {
        Some(Raw::List(items)) if items.len() > 1 => Err(format!(
            "expected one value, found a list of {}",
            items.len()
        )),
        other => text(other),
    }
}

/// A list field: texts are split on `;`, lists are flattened, blanks dropped.
pub fn list(raw: Option<Raw<'_>>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    push_items(raw, &mut out)?;
    Ok(out)
}

fn push_items(raw: Option<Raw<'_>>, out: &mut Vec<String>) -> Result<(), String> {
    match raw {
        None => {}
        Some(Raw::Text(t)) => out.extend(
            t.split(LIST_SEPARATOR)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        ),
        Some(Raw::List(items)) => {
            for item in items {
                push_items(Some(item), out)?;
            }
        }
        Some(Raw::Object(_)) => return Err("expected a list of texts, found an object".into()),
    }
    Ok(())
}

/// A list of names, canonicalised through the aliases; duplicates removed, input order kept.
pub fn names(raw: Option<Raw<'_>>, aliases: &Aliases) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    // A set beside the list: a record naming 100,000 services is not checked in O(n²).
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for item in list(raw)? {
        if let Some(name) = aliases.resolve(&item)
            && seen.insert(name.clone())
        {
            out.push(name);
        }
    }
    Ok(out)
}

/// One name, canonicalised through the aliases.
pub fn name(raw: Option<Raw<'_>>, aliases: &Aliases) -> Result<Option<String>, String> {
    Ok(scalar(raw)?.and_then(|t| aliases.resolve(&t)))
}

/// The items of a list of names that name nothing (no letter or digit, such as `---`), which
/// [`names`] drops.
pub fn unnamed_items(raw: Option<Raw<'_>>) -> Vec<String> {
    let items = list(raw).unwrap_or_default();
    items
        .into_iter()
        .filter(|i| canonical_name(i).is_empty())
        .collect()
}

/// The value of a name field that names nothing, which [`name`] drops.
pub fn unnamed_value(raw: Option<Raw<'_>>) -> Option<String> {
    scalar(raw)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty() && canonical_name(t).is_empty())
}

/// A timestamp field.
pub fn timestamp(raw: Option<Raw<'_>>) -> Result<Option<Timestamp>, String> {
    match scalar(raw)? {
        None => Ok(None),
        Some(t) => parse_timestamp(&t).map(Some).ok_or_else(|| {
            format!(
                "not a timestamp: {:?} (expected RFC 3339 such as 2024-03-04T10:15:00Z, or a date 2024-03-04)",
                truncate(&t, 40)
            )
        }),
    }
}

/// The severity field.
pub fn severity(raw: Option<Raw<'_>>) -> Result<Option<Severity>, String> {
    match scalar(raw)? {
        None => Ok(None),
        Some(t) => Severity::parse(&t).map(Some).ok_or_else(|| {
            format!(
                "unknown severity {:?} (expected SEV1-SEV5, P1-P5, critical, high, medium, low or info)",
                truncate(&t, 40)
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn t(s: &str) -> Option<Raw<'_>> {
        Some(Raw::Text(Cow::Borrowed(s)))
    }

    #[test]
    fn list_cells_split_on_semicolons_and_drop_blanks() {
        assert_eq!(list(t(" a ; b;;c ")).unwrap(), ["a", "b", "c"]);
        assert!(list(None).unwrap().is_empty());
    }

    #[test]
    fn names_are_canonical_and_unique() {
        let aliases = Aliases::new([("payments-api", vec!["pay-api".to_string()])]);
        assert_eq!(
            names(t("Payments API; payments_api; pay-api; Search"), &aliases).unwrap(),
            ["payments-api", "search"]
        );
    }

    #[test]
    fn a_long_list_of_names_keeps_the_first_of_each_in_order() {
        // Every name twice, interleaved: s0, s1, s0, s2, s1, s3, … as one record might list them.
        let n: usize = 50_000;
        let items: Vec<String> = (0..n)
            .flat_map(|i| [format!("s{i}"), format!("s{}", i.saturating_sub(1))])
            .collect();
        let text = items.join(";");
        let got = names(t(&text), &Aliases::default()).unwrap();
        assert_eq!(got.len(), n);
        assert!(got.iter().enumerate().all(|(i, s)| *s == format!("s{i}")));
    }

    #[test]
    fn names_without_a_letter_or_digit_are_found_as_unnamed() {
        assert_eq!(unnamed_items(t("api; ---; !!!; web")), ["---", "!!!"]);
        assert_eq!(unnamed_value(t("---")), Some("---".to_string()));
        assert_eq!(unnamed_value(t("sre")), None);
        assert_eq!(unnamed_value(t("  ")), None);
    }

    #[test]
    fn bad_timestamps_and_severities_name_the_value() {
        let err = timestamp(t("yesterday")).unwrap_err();
        assert!(err.starts_with("not a timestamp: \"yesterday\""), "{err}");
        let err = severity(t("urgent")).unwrap_err();
        assert!(err.starts_with("unknown severity \"urgent\""), "{err}");
    }

    #[test]
    fn ids_must_be_a_single_value() {
        let two = Some(Raw::List(vec![
            Raw::Text("a".into()),
            Raw::Text("b".into()),
        ]));
        assert!(scalar(two).unwrap_err().contains("list of 2"));
    }
}
