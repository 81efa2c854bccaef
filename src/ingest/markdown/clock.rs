//! Reading the times a postmortem's body writes: full timestamps, dates, and times of day that
//! take their date from the incident's day (rolling over at midnight), in the zone the text
//! names ("10:15 PDT", "Timeline (all times UTC)", "all times Pacific").

use crate::model::time::{is_partial_date, parse_timestamp_in};
use crate::model::{Timestamp, Zone};
use chrono::{Duration, FixedOffset, NaiveDate, NaiveTime};

/// Date-and-time forms postmortems write, besides recur's own (RFC 3339, `2024-03-04 10:15`).
const DATE_TIMES: &[&str] = &[
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %H:%M",
    "%b %d, %Y, %H:%M",
    "%B %d, %Y, %H:%M",
    "%b %d %Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %I:%M %p",
    "%Y-%m-%d %I:%M %p",
];

/// Date forms.
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%a, %b %d, %Y",
];

/// Times of day.
const TIMES: &[&str] = &["%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I:%M:%S %p"];

/// Abbreviations of zones with one meaning in incident write-ups, and their offsets in minutes.
const ABBREVIATIONS: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("EEST", 180),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
    ("JST", 540),
    ("KST", 540),
    ("SGT", 480),
    ("AEST", 600),
    ("AEDT", 660),
];

/// US region names ("all times Pacific") and the zone they follow, daylight saving included.
const REGIONS: &[(&str, &str)] = &[
    ("pacific", "America/Los_Angeles"),
    ("mountain", "America/Denver"),
    ("central", "America/Chicago"),
    ("eastern", "America/New_York"),
];

/// The day and zone times of day are read on, and the last time read (for midnight).
pub(super) struct Clock {
    day: Option<NaiveDate>,
    zone: Zone,
    last: Option<Timestamp>,
}

impl Clock {
    pub fn new(day: Option<NaiveDate>, zone: Zone) -> Self {
        Self {
            day,
            zone,
            last: None,
        }
    }

    pub fn day(&self) -> Option<NaiveDate> {
        self.day
    }

    pub fn set_day(&mut self, day: NaiveDate) {
        self.day = Some(day);
    }

    pub fn set_zone(&mut self, zone: Zone) {
        self.zone = zone;
    }

    /// A date alone (`2024-03-04`, `March 4, 2024`), or the date of a full timestamp.
    pub fn day_of(&self, text: &str) -> Option<NaiveDate> {
        let t = clean(text);
        DATES
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
            .or_else(|| self.full(t).map(|ts| self.zone.local(ts).date()))
    }

    /// A time: a full timestamp (which sets the day), or a time of day on the current day. A
    /// time of day more than 12 hours before the last one read is on the next day.
    pub fn read(&mut self, text: &str) -> Option<Timestamp> {
        let t = clean(text);
        if let Some(ts) = self.full(t) {
            self.day = Some(self.zone.local(ts).date());
            self.last = Some(ts);
            return Some(ts);
        }
        let day = self.day?;
        let mut ts = self.read_on(day, t)?;
        if let Some(last) = self.last
            && ts + Duration::hours(12) < last
        {
            let next = day.succ_opt()?;
            ts = self.read_on(next, t)?;
            self.day = Some(next);
        }
        self.last = Some(ts);
        Some(ts)
    }

    /// A time of day on `day`, in its own zone (`10:15 PDT`) or the clock's.
    pub fn read_on(&self, day: NaiveDate, text: &str) -> Option<Timestamp> {
        let (t, zone) = split_zone(clean(text), self.zone);
        let time = TIMES
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(t, f).ok())?;
        zone.instant(day.and_time(time))
    }

    /// The time a line starts with and the rest of the line: `10:15 UTC — alert fired`,
    /// `2024-03-04 10:15: deploy`, `[10:15] paged`.
    pub fn leading(&mut self, line: &str) -> Option<(Timestamp, String)> {
        let words: Vec<&str> = line.split_whitespace().collect();
        for n in (1..=words.len().min(6)).rev() {
            let candidate = words[..n].join(" ");
            let candidate = candidate.trim_end_matches([':', ',', '-', '–', '—', '|', '.']);
            if candidate.is_empty()
                || !candidate
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '[' || c == '(')
            {
                continue;
            }
            if let Some(ts) = self.read(candidate) {
                let rest = words[n..].join(" ");
                let rest = rest.trim_start_matches([':', '-', '–', '—', '|', ' ']);
                return Some((ts, rest.to_string()));
            }
        }
        None
    }

    /// A timestamp with its date: an offset of its own, a zone after it, else the clock's zone.
    fn full(&self, t: &str) -> Option<Timestamp> {
        if is_partial_date(t) || !t.contains(':') {
            return None; // "2019" or a date alone is no time
        }
        let (t, zone) = split_zone(t, self.zone);
        parse_timestamp_in(t, DATE_TIMES, zone)
    }
}

/// Brackets and emphasis around a time dropped.
fn clean(text: &str) -> &str {
    text.trim()
        .trim_matches(['[', ']', '(', ')', '*', '_'])
        .trim()
}

/// A trailing zone (`10:15 PDT`, `10:15 UTC+2`) split off; else the default zone.
fn split_zone(text: &str, default: Zone) -> (&str, Zone) {
    if let Some((head, last)) = text.rsplit_once(' ')
        && let Some(zone) = zone_token(last)
    {
        return (head.trim_end(), zone);
    }
    (text, default)
}

/// A zone written as one token: an abbreviation (`PDT`), `UTC+2` / `GMT-07:00`, or an IANA name.
fn zone_token(token: &str) -> Option<Zone> {
    let t = token.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';'));
    let upper = t.to_uppercase();
    for prefix in ["UTC", "GMT"] {
        if let Some(offset) = upper.strip_prefix(prefix)
            && (offset.starts_with('+') || offset.starts_with('-'))
        {
            return Zone::parse(offset).ok();
        }
    }
    if let Some((_, minutes)) = ABBREVIATIONS.iter().find(|(a, _)| *a == upper) {
        return FixedOffset::east_opt(minutes * 60).map(Zone::Fixed);
    }
    if t.contains('/') {
        return Zone::parse(t).ok();
    }
    None
}

/// The zone a remark names: "Timeline (all times PDT)", "All times are US Pacific".
pub(super) fn zone_in(text: &str) -> Option<Zone> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '[' | ']'))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.iter().find_map(|t| zone_token(t)).or_else(|| {
        tokens.iter().find_map(|t| {
            let lower = t.trim_matches('.').to_lowercase();
            REGIONS
                .iter()
                .find(|(r, _)| *r == lower)
                .and_then(|(_, name)| Zone::parse(name).ok())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn times_of_day_take_the_day_and_roll_over_at_midnight() {
        let mut c = Clock::new(day("2024-03-04"), Zone::utc());
        assert_eq!(
            c.read("23:50").unwrap().to_rfc3339(),
            "2024-03-04T23:50:00+00:00"
        );
        assert_eq!(
            c.read("23:40").unwrap().to_rfc3339(),
            "2024-03-04T23:40:00+00:00"
        );
        assert_eq!(
            c.read("00:10").unwrap().to_rfc3339(),
            "2024-03-05T00:10:00+00:00"
        );
        assert_eq!(
            c.read("1:05 AM PST").unwrap().to_rfc3339(),
            "2024-03-05T09:05:00+00:00"
        );
    }

    #[test]
    fn without_a_day_a_time_of_day_is_not_read() {
        let mut c = Clock::new(None, Zone::utc());
        assert_eq!(c.read("10:15"), None);
        assert!(
            c.read("Mar 4, 2024 10:15").is_some(),
            "a full timestamp sets the day"
        );
        assert_eq!(
            c.read("10:20").unwrap().to_rfc3339(),
            "2024-03-04T10:20:00+00:00"
        );
    }

    #[test]
    fn leading_times_split_from_their_text() {
        let mut c = Clock::new(day("2024-03-04"), Zone::utc());
        let (ts, rest) = c.leading("10:15 UTC — alert fired").unwrap();
        assert_eq!(
            (ts.to_rfc3339().as_str(), rest.as_str()),
            ("2024-03-04T10:15:00+00:00", "alert fired")
        );
        let (ts, rest) = c.leading("[2024-03-05 09:00] deploy: v2").unwrap();
        assert_eq!(
            (ts.to_rfc3339().as_str(), rest.as_str()),
            ("2024-03-05T09:00:00+00:00", "deploy: v2")
        );
        assert_eq!(c.leading("We paged at some point"), None);
        assert_eq!(c.leading("2019 was a bad year"), None);
    }

    #[test]
    fn zones_are_found_in_remarks() {
        assert_eq!(
            zone_in("Timeline (all times PDT)"),
            FixedOffset::east_opt(-7 * 3600).map(Zone::Fixed)
        );
        assert_eq!(
            zone_in("All times UTC+2"),
            FixedOffset::east_opt(7200).map(Zone::Fixed)
        );
        assert_eq!(
            zone_in("all times are US Pacific"),
            Zone::parse("America/Los_Angeles").ok()
        );
        assert_eq!(zone_in("Timeline"), None);
    }
}
