//! Time zones for timestamps written without an offset: a fixed offset (`+02:00`, `UTC`) or an
//! IANA zone (`Europe/Berlin`), whose offset follows daylight saving time.

use super::Timestamp;
use chrono::{FixedOffset, NaiveDateTime, TimeZone, Utc};

/// The zone a timestamp without an offset is read in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    /// A fixed offset from UTC.
    Fixed(FixedOffset),
    /// An IANA zone.
    Named(chrono_tz::Tz),
}

impl Zone {
    /// UTC, the zone recur assumes when none is given.
    pub fn utc() -> Self {
        Zone::Fixed(FixedOffset::east_opt(0).expect("zero is a valid offset"))
    }

    /// Parses `UTC`, `Z`, an offset `+02:00` / `-0530`, or an IANA name `America/New_York`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("utc") || t == "Z" {
            return Ok(Self::utc());
        }
        if let Some(offset) = parse_offset(t) {
            return Ok(Zone::Fixed(offset));
        }
        t.parse::<chrono_tz::Tz>().map(Zone::Named).map_err(|_| {
            format!(
                "unknown time zone {t:?} (expected UTC, an offset such as +02:00, or an IANA name such as Europe/Berlin)"
            )
        })
    }

    /// The instant a wall-clock time in this zone stands for. A time that occurs twice (the hour
    /// the clocks go back) is the first; a time that does not exist (the hour they go forward)
    /// is read one hour later, the instant the clocks show it as.
    pub fn instant(&self, local: NaiveDateTime) -> Option<Timestamp> {
        match self {
            Zone::Fixed(offset) => offset
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
            Zone::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                        .earliest()
                })
                .map(|t| t.with_timezone(&Utc)),
        }
    }
}

impl Zone {
    /// The wall-clock time an instant shows in this zone.
    pub fn local(&self, ts: Timestamp) -> NaiveDateTime {
        match self {
            Zone::Fixed(offset) => ts.with_timezone(offset).naive_local(),
            Zone::Named(tz) => ts.with_timezone(tz).naive_local(),
        }
    }
}

/// `+02:00`, `+0200`, `-05:30`, `+2`: an offset of at most 18 hours.
fn parse_offset(t: &str) -> Option<FixedOffset> {
    let sign = match t.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = t[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        _ => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
    };
    if hours > 18 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn offsets_and_names_parse_and_unknown_zones_are_named_in_the_error() {
        assert_eq!(Zone::parse("UTC"), Ok(Zone::utc()));
        assert_eq!(
            Zone::parse("+02:00"),
            Ok(Zone::Fixed(FixedOffset::east_opt(7200).unwrap()))
        );
        assert_eq!(Zone::parse("-0530"), Zone::parse("-05:30"));
        assert!(matches!(Zone::parse("Europe/Berlin"), Ok(Zone::Named(_))));
        let err = Zone::parse("Mars/Olympus").unwrap_err();
        assert!(err.contains("\"Mars/Olympus\""), "{err}");
        assert!(Zone::parse("+25:00").is_err());
    }

    #[test]
    fn a_named_zone_follows_daylight_saving_time() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let winter = berlin.instant(local(2024, 1, 15, 10, 0)).unwrap();
        let summer = berlin.instant(local(2024, 7, 15, 10, 0)).unwrap();
        assert_eq!(winter.to_rfc3339(), "2024-01-15T09:00:00+00:00");
        assert_eq!(summer.to_rfc3339(), "2024-07-15T08:00:00+00:00");
    }

    #[test]
    fn ambiguous_and_skipped_wall_times_still_give_an_instant() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        // 2024-10-27 02:30 happens twice in Berlin: the first (summer time) is taken.
        let twice = berlin.instant(local(2024, 10, 27, 2, 30)).unwrap();
        assert_eq!(twice.to_rfc3339(), "2024-10-27T00:30:00+00:00");
        // 2024-03-31 02:30 does not exist: read as 03:30 summer time.
        let skipped = berlin.instant(local(2024, 3, 31, 2, 30)).unwrap();
        assert_eq!(skipped.to_rfc3339(), "2024-03-31T01:30:00+00:00");
    }
}
