//! Value transforms a mapping rule may apply to what it reads: a lookup that rewrites values
//! (`map:`), and for timestamps the formats they are written in (`format:`) and the zone of
//! times written without an offset (`zone:`).

use super::super::record::Raw;
use crate::model::{Zone, time::parse_timestamp_in};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What a rule does to each value it reads, after reading and splitting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transform {
    /// Source value (trimmed, lower case) → the value recur reads instead.
    lookup: BTreeMap<String, String>,
    /// `strftime` patterns a timestamp may be written in, tried before recur's own.
    formats: Vec<String>,
    /// The zone of timestamps written without an offset.
    zone: Option<Zone>,
}

/// The recur fields that hold a timestamp.
const TIMESTAMP_FIELDS: &[&str] = &[
    "started_at",
    "detected_at",
    "acknowledged_at",
    "mitigated_at",
    "resolved_at",
];

impl Transform {
    /// Checks and builds the transform of recur field `field`.
    pub fn new(
        field: &str,
        lookup: Option<BTreeMap<String, String>>,
        formats: Vec<String>,
        zone: Option<String>,
    ) -> Result<Self, String> {
        let is_time = TIMESTAMP_FIELDS.contains(&field);
        if !is_time && (!formats.is_empty() || zone.is_some()) {
            return Err(format!(
                "`{field}`: `format` and `zone` apply to timestamps only ({})",
                TIMESTAMP_FIELDS.join(", ")
            ));
        }
        if let Some(bad) = formats.iter().find(|f| !has_date_parts(f)) {
            return Err(format!(
                "`{field}`: format {bad:?} has no day, month and year (%d, %m or %b, %Y or %y)"
            ));
        }
        let zone = zone
            .map(|z| Zone::parse(&z).map_err(|e| format!("`{field}`: {e}")))
            .transpose()?;
        let lookup = lookup
            .unwrap_or_default()
            .into_iter()
            .map(|(from, to)| (from.trim().to_lowercase(), to))
            .collect();
        Ok(Self {
            lookup,
            formats,
            zone,
        })
    }

    /// Whether the transform changes anything.
    pub fn is_identity(&self) -> bool {
        self.lookup.is_empty() && self.formats.is_empty() && self.zone.is_none()
    }

    /// The value after the lookup and, for a timestamp, rewritten in RFC 3339. A timestamp no
    /// format reads is left as written, so that validation names it.
    pub fn apply<'a>(&self, raw: Raw<'a>) -> Raw<'a> {
        if self.is_identity() {
            return raw;
        }
        match raw {
            Raw::Text(text) => Raw::Text(self.apply_text(text)),
            Raw::List(items) => Raw::List(items.into_iter().map(|i| self.apply(i)).collect()),
            other => other,
        }
    }

    fn apply_text<'a>(&self, text: Cow<'a, str>) -> Cow<'a, str> {
        let looked_up = (!self.lookup.is_empty())
            .then(|| self.lookup.get(&text.trim().to_lowercase()))
            .flatten();
        let text = match looked_up {
            Some(to) => Cow::Owned(to.clone()),
            None => text,
        };
        if self.formats.is_empty() && self.zone.is_none() {
            return text;
        }
        if crate::model::time::is_partial_date(&text) {
            return text; // read (and warned about) as approximate by validation
        }
        let zone = self.zone.unwrap_or_else(Zone::utc);
        match parse_timestamp_in(&text, &self.formats, zone) {
            Some(ts) => Cow::Owned(ts.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
            None => text,
        }
    }
}

/// Whether a `strftime` pattern names a full date (a format without one would read a time of
/// day as some arbitrary day).
fn has_date_parts(format: &str) -> bool {
    let has = |specs: &[&str]| specs.iter().any(|s| format.contains(s));
    (has(&["%d", "%e"]) && has(&["%m", "%b", "%B", "%h"]) && has(&["%Y", "%y"]))
        || has(&["%F", "%D", "%s", "%+", "%c"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Raw<'_> {
        Raw::Text(Cow::Borrowed(t))
    }

    #[test]
    fn a_lookup_rewrites_matching_values_case_insensitively_and_keeps_the_rest() {
        let lookup = BTreeMap::from([("Critical".to_string(), "SEV1".to_string())]);
        let t = Transform::new("severity", Some(lookup), vec![], None).unwrap();
        assert_eq!(t.apply(text(" critical ")), text("SEV1"));
        assert_eq!(t.apply(text("minor")), text("minor"));
        assert_eq!(
            t.apply(Raw::List(vec![text("CRITICAL"), text("x")])),
            Raw::List(vec![text("SEV1"), text("x")])
        );
    }

    #[test]
    fn formats_and_zones_give_rfc3339_and_leave_what_they_cannot_read() {
        let t = Transform::new(
            "started_at",
            None,
            vec!["%d/%m/%Y %H:%M".into()],
            Some("America/New_York".into()),
        )
        .unwrap();
        assert_eq!(
            t.apply(text("04/03/2024 10:15")),
            text("2024-03-04T15:15:00Z")
        );
        // recur's own forms still read, in the zone when they have no offset
        assert_eq!(
            t.apply(text("2024-07-04 10:15")),
            text("2024-07-04T14:15:00Z")
        );
        assert_eq!(
            t.apply(text("2024-07-04T10:15:00+02:00")),
            text("2024-07-04T08:15:00Z")
        );
        assert_eq!(t.apply(text("yesterday")), text("yesterday"));
        assert_eq!(
            t.apply(text("2019")),
            text("2019"),
            "partial dates stay for validation"
        );
    }

    #[test]
    fn formats_and_zones_on_other_fields_or_without_a_date_are_errors() {
        let err = Transform::new("title", None, vec!["%d".into()], None).unwrap_err();
        assert!(err.contains("`title`"), "{err}");
        let err = Transform::new("started_at", None, vec!["%H:%M".into()], None).unwrap_err();
        assert!(err.contains("\"%H:%M\""), "{err}");
        let err =
            Transform::new("started_at", None, vec![], Some("Nowhere/Town".into())).unwrap_err();
        assert!(
            err.contains("`started_at`") && err.contains("Nowhere/Town"),
            "{err}"
        );
    }
}
