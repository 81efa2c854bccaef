//! The period an analysis looks at: `--since`, `--until`, or `--quarter 2024Q3`.

use crate::error::{RecurError, Result};
use crate::model::Timestamp;
use crate::model::time::parse_timestamp;
use chrono::{Datelike, NaiveDate};

/// The years a command-line date may name: wide enough for any record, narrow enough that the
/// arithmetic on periods (the previous period, a year earlier, trailing quarters) cannot overflow.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Parses the date or time given to `flag` (`--since`, `--until`, `--now`), within
/// [`SUPPORTED_YEARS`].
pub fn parse_flag_time(flag: &str, text: &str) -> Result<Timestamp> {
    let t = parse_timestamp(text).ok_or_else(|| {
        RecurError::Invalid(format!(
            "{flag} {text:?} is not a date (expected 2024-07-01 or RFC 3339)"
        ))
    })?;
    check_year(flag, text, t.year())?;
    Ok(t)
}

/// Refuses a year outside [`SUPPORTED_YEARS`], naming the flag and its value.
fn check_year(flag: &str, text: &str, year: i32) -> Result<()> {
    if SUPPORTED_YEARS.contains(&year) {
        return Ok(());
    }
    Err(RecurError::Invalid(format!(
        "{flag} {text:?} is out of range: years {} to {} are supported",
        SUPPORTED_YEARS.start(),
        SUPPORTED_YEARS.end()
    )))
}

/// A half-open time range `[since, until)`; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Period {
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
}

impl Period {
    /// From the command-line values; `--quarter` may not be combined with the others.
    pub fn from_args(
        since: Option<&str>,
        until: Option<&str>,
        quarter: Option<&str>,
    ) -> Result<Self> {
        if let Some(q) = quarter {
            if since.is_some() || until.is_some() {
                return Err(RecurError::Invalid(
                    "--quarter cannot be combined with --since or --until".into(),
                ));
            }
            return Self::quarter(q);
        }
        let parse = |flag: &str, v: Option<&str>| -> Result<Option<Timestamp>> {
            v.map(|t| parse_flag_time(flag, t)).transpose()
        };
        let p = Self {
            since: parse("--since", since)?,
            until: parse("--until", until)?,
        };
        if let (Some(s), Some(u)) = (p.since, p.until)
            && s >= u
        {
            return Err(RecurError::Invalid("--since must be before --until".into()));
        }
        Ok(p)
    }

    /// `2024Q3` → 2024-07-01 to 2024-10-01.
    pub fn quarter(label: &str) -> Result<Self> {
        let bad = || {
            RecurError::Invalid(format!(
                "--quarter {label:?} is not a quarter (expected e.g. 2024Q3)"
            ))
        };
        let (year, q) = label
            .trim()
            .to_uppercase()
            .split_once('Q')
            .map(|(y, q)| (y.to_string(), q.to_string()))
            .ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) {
            return Err(bad());
        }
        check_year("--quarter", label, year)?;
        let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1).ok_or_else(bad)?;
        let end = if q == 4 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)
        }
        .ok_or_else(bad)?;
        Ok(Self {
            since: start.and_hms_opt(0, 0, 0).map(|d| d.and_utc()),
            until: end.and_hms_opt(0, 0, 0).map(|d| d.and_utc()),
        })
    }

    /// True when `t` is inside.
    pub fn contains(&self, t: Timestamp) -> bool {
        self.since.is_none_or(|s| t >= s) && self.until.is_none_or(|u| t < u)
    }

    /// The period of the same length just before this one (for "change from the previous
    /// period"); `None` when either end is open.
    pub fn previous(&self) -> Option<Self> {
        let (s, u) = (self.since?, self.until?);
        // Quarters have different lengths: step back by calendar quarter when this is one.
        if s.day() == 1 && u.day() == 1 && (s.month() - 1) % 3 == 0 && (u - s).num_days() <= 92 {
            let (y, m) = if s.month() == 1 {
                (s.year() - 1, 10)
            } else {
                (s.year(), s.month() - 3)
            };
            let start = NaiveDate::from_ymd_opt(y, m, 1)?
                .and_hms_opt(0, 0, 0)?
                .and_utc();
            return Some(Self {
                since: Some(start),
                until: Some(s),
            });
        }
        Some(Self {
            since: Some(s.checked_sub_signed(u - s)?),
            until: Some(s),
        })
    }

    /// The same period a year earlier (for "the same quarter a year ago"); `None` when either
    /// end is open.
    pub fn year_earlier(&self) -> Option<Self> {
        let back = |t: Timestamp| t.checked_sub_months(chrono::Months::new(12));
        Some(Self {
            since: Some(back(self.since?)?),
            until: Some(back(self.until?)?),
        })
    }

    /// The part of this period inside `other`.
    pub fn within(&self, other: &Period) -> Self {
        let earlier = |a: Option<Timestamp>, b: Option<Timestamp>| match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => a.or(b),
        };
        Self {
            // `None` (open) is the earliest start, so the later start is the max.
            since: self.since.max(other.since),
            until: earlier(self.until, other.until),
        }
    }

    /// The trend window of a report: the `n` calendar quarters ending with the period's last
    /// quarter, or the period itself when it is longer (or open at its end).
    pub fn trailing_quarters(&self, n: u32) -> Self {
        let Some(until) = self.until else {
            return *self;
        };
        let Some(last) = until.checked_sub_signed(chrono::Duration::seconds(1)) else {
            return *self;
        };
        let months_back = (last.month0() % 3) + 3 * n.saturating_sub(1);
        let start = NaiveDate::from_ymd_opt(last.year(), last.month(), 1)
            .and_then(|d| d.checked_sub_months(chrono::Months::new(months_back)))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        Self {
            since: match (start, self.since) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            },
            until: Some(until),
        }
    }

    /// A name for a folder: `2024Q3` for a calendar quarter, `2024-07-01_2024-09-30`, `all-time`.
    pub fn slug(&self) -> String {
        if let (Some(s), Some(u)) = (self.since, self.until)
            && Self::quarter(&crate::model::time::quarter_label(s)).is_ok_and(|q| q == *self)
        {
            let _ = u;
            return crate::model::time::quarter_label(s);
        }
        self.describe().replace(" to ", "_").replace(' ', "-")
    }

    /// `2024-07-01 to 2024-09-30`, `since 2024-07-01`, `all time`.
    pub fn describe(&self) -> String {
        let day = |t: Timestamp| t.format("%Y-%m-%d").to_string();
        match (self.since, self.until) {
            (Some(s), Some(u)) => {
                format!("{} to {}", day(s), day(u - chrono::Duration::seconds(1)))
            }
            (Some(s), None) => format!("since {}", day(s)),
            (None, Some(u)) => format!("until {}", day(u - chrono::Duration::seconds(1))),
            (None, None) => "all time".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_has_a_year_earlier_and_eight_trailing_quarters() {
        let q = Period::quarter("2025Q4").unwrap();
        assert_eq!(q.year_earlier(), Some(Period::quarter("2024Q4").unwrap()));
        let t = q.trailing_quarters(8);
        assert_eq!(t.since, Period::quarter("2024Q1").unwrap().since);
        assert_eq!(t.until, q.until);
        // A period longer than the window keeps its own start; an open one stays open.
        let long = Period::quarter("2020Q1")
            .unwrap()
            .within(&Period::default());
        let long = Period {
            until: q.until,
            ..long
        };
        assert_eq!(long.trailing_quarters(8).since, long.since);
        assert_eq!(Period::default().trailing_quarters(8), Period::default());
        let part = Period::from_args(Some("2025-11-15"), None, None).unwrap();
        assert_eq!(q.within(&part).since, part.since);
        assert_eq!(q.within(&part).until, q.until);
    }

    #[test]
    fn quarters_parse_to_half_open_ranges() {
        let q = Period::quarter("2024Q4").unwrap();
        assert!(q.contains(parse_timestamp("2024-12-31T23:59:59Z").unwrap()));
        assert!(!q.contains(parse_timestamp("2025-01-01").unwrap()));
        assert!(Period::quarter("2024Q5").is_err());
        assert_eq!(q.describe(), "2024-10-01 to 2024-12-31");
        assert_eq!(q.previous().unwrap(), Period::quarter("2024Q3").unwrap());
        assert_eq!(
            Period::quarter("2024Q1").unwrap().previous().unwrap(),
            Period::quarter("2023Q4").unwrap()
        );
    }

    #[test]
    fn since_must_precede_until() {
        assert!(Period::from_args(Some("2024-02-01"), Some("2024-01-01"), None).is_err());
        assert!(Period::from_args(Some("2024-01-01"), None, Some("2024Q1")).is_err());
    }
}
