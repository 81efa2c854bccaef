//! Timestamps: what recur accepts as a time, and the UTC instant it keeps.

use super::Zone;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// An instant in UTC.
pub type Timestamp = DateTime<Utc>;

/// Parses RFC 3339 (`2024-03-04T10:15:00Z`, with any offset), `2024-03-04 10:15[:00]` and
/// `2024-03-04T10:15[:00]` (taken as UTC), or a plain date `2024-03-04` (midnight UTC).
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    parse_timestamp_in::<&str>(text, &[], Zone::utc())
}

/// Like [`parse_timestamp`], but a time written without an offset is wall-clock time in `zone`,
/// and the `formats` (chrono `strftime` patterns, tried in order) are tried before recur's own.
/// A text with an offset keeps its offset.
pub fn parse_timestamp_in<S: AsRef<str>>(
    text: &str,
    formats: &[S],
    zone: Zone,
) -> Option<Timestamp> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&Utc));
    }
    // RFC 3339 with a space instead of `T` and an offset.
    if let Ok(dt) = DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%:z") {
        return Some(dt.with_timezone(&Utc));
    }
    for format in formats.iter().map(AsRef::as_ref) {
        if let Ok(dt) = DateTime::parse_from_str(t, format) {
            return Some(dt.with_timezone(&Utc));
        }
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return zone.instant(naive);
        }
        if let Ok(date) = NaiveDate::parse_from_str(t, format) {
            return zone.instant(date.and_hms_opt(0, 0, 0)?);
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return zone.instant(naive);
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .or_else(|| partial_date(t))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|naive| zone.instant(naive))
}

/// A partial date, `2018-08` or `2019`: the first day of that month or year (approximate).
fn partial_date(t: &str) -> Option<NaiveDate> {
    let (year, month) = match t.split_once('-') {
        Some((y, m)) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            (y, m.parse().ok()?)
        }
        Some(_) => return None,
        None => (t, 1),
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, 1)
}

/// Whether a timestamp text is a partial date (`2018-08`, `2019`), which reads as approximate.
pub fn is_partial_date(text: &str) -> bool {
    partial_date(text.trim()).is_some()
}

/// Milliseconds since the Unix epoch, the store's representation.
pub fn to_millis(ts: Timestamp) -> i64 {
    ts.timestamp_millis()
}

/// The inverse of [`to_millis`].
pub fn from_millis(ms: i64) -> Option<Timestamp> {
    DateTime::from_timestamp_millis(ms)
}

/// `2024Q3` for a timestamp.
pub fn quarter_label(ts: Timestamp) -> String {
    use chrono::Datelike;
    format!("{}Q{}", ts.year(), (ts.month0() / 3) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_are_the_start_of_their_month_or_year() {
        assert_eq!(parse_timestamp("2018-08"), parse_timestamp("2018-08-01"));
        assert_eq!(parse_timestamp("2019"), parse_timestamp("2019-01-01"));
        assert!(is_partial_date("2019") && is_partial_date(" 2018-08 "));
        assert!(!is_partial_date("2018-08-02") && parse_timestamp("2018-13").is_none());
        assert!(parse_timestamp("219").is_none() && parse_timestamp("2018-8").is_none());
    }

    #[test]
    fn accepts_rfc3339_with_offsets_and_plain_dates() {
        let utc = parse_timestamp("2024-03-04T10:15:00Z").unwrap();
        assert_eq!(parse_timestamp("2024-03-04T11:15:00+01:00"), Some(utc));
        assert_eq!(parse_timestamp("2024-03-04 10:15:00"), Some(utc));
        assert_eq!(parse_timestamp("2024-03-04 10:15"), Some(utc));
        assert_eq!(
            parse_timestamp("2024-03-04").unwrap().to_rfc3339(),
            "2024-03-04T00:00:00+00:00"
        );
    }

    #[test]
    fn rejects_words_and_impossible_dates() {
        for t in ["yesterday", "2024-13-01", "2024-02-30", "04/03/2024", ""] {
            assert_eq!(parse_timestamp(t), None, "{t}");
        }
    }

    #[test]
    fn quarters_are_labelled_by_calendar_quarter() {
        assert_eq!(
            quarter_label(parse_timestamp("2024-09-30").unwrap()),
            "2024Q3"
        );
        assert_eq!(
            quarter_label(parse_timestamp("2024-10-01").unwrap()),
            "2024Q4"
        );
    }

    #[test]
    fn millis_round_trip() {
        let ts = parse_timestamp("2023-01-02T03:04:05.678Z").unwrap();
        assert_eq!(from_millis(to_millis(ts)), Some(ts));
    }
}
