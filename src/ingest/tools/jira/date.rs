//! Jira's CSV dates in the languages of its web UI: `dd/MMM/yy h:mm a` with the month's short
//! name in the exporting user's language (`12/ene/24 10:05 AM`, `12/févr./24 10:05`,
//! `12.Jan.24 10:05`, `12/out/24 10:05 p. m.`), and day-first numeric dates (`12/01/2024 10:05`,
//! `12.01.2024 10:05`). The file does not say the zone: times are taken as UTC.

use super::headers::fold;
use crate::ingest::tools::value::timestamp;
use crate::model::Timestamp;
use chrono::NaiveDate;

/// Month names, short and long, in English, Spanish, German, French and Portuguese (folded:
/// lower case without accents or dots), by month number.
const MONTHS: [&[&str]; 12] = [
    &[
        "jan", "ene", "janv", "january", "enero", "januar", "janvier", "janeiro",
    ],
    &[
        "feb",
        "fev",
        "fevr",
        "febr",
        "february",
        "febrero",
        "februar",
        "fevrier",
        "fevereiro",
    ],
    &["mar", "mrz", "mars", "marz", "march", "marzo", "marco"],
    &["apr", "abr", "avr", "april", "abril", "avril"],
    &["may", "mai", "mayo", "maio"],
    &["jun", "juni", "juin", "june", "junio", "junho"],
    &["jul", "juli", "juil", "july", "julio", "juillet", "julho"],
    &["aug", "ago", "aout", "august", "agosto"],
    &[
        "sep",
        "sept",
        "set",
        "september",
        "septiembre",
        "setiembre",
        "septembre",
        "setembro",
    ],
    &[
        "oct", "okt", "out", "october", "octubre", "oktober", "octobre", "outubro",
    ],
    &["nov", "november", "noviembre", "novembre", "novembro"],
    &[
        "dec",
        "dic",
        "dez",
        "december",
        "diciembre",
        "dezember",
        "decembre",
        "dezembro",
    ],
];

/// A Jira date in any of the forms above (or any form [`timestamp`] reads).
pub fn parse(text: &str) -> Option<Timestamp> {
    timestamp(text).or_else(|| localised(text))
}

fn localised(text: &str) -> Option<Timestamp> {
    let t = fold(text);
    let (date, time) = t.split_once(char::is_whitespace).unwrap_or((&t, ""));
    let parts: Vec<&str> = date
        .split(['/', '.', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let day: u32 = day.parse().ok()?;
    let month = month_number(month)?;
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    let (hour, minute, second) = clock(time)?;
    NaiveDate::from_ymd_opt(year, month, day)?
        .and_hms_opt(hour, minute, second)
        .map(|dt| dt.and_utc())
}

/// The month of a name or number.
fn month_number(token: &str) -> Option<u32> {
    if let Ok(n) = token.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    MONTHS
        .iter()
        .position(|names| names.contains(&token))
        .map(|i| i as u32 + 1)
}

/// `h:mm[:ss]` with an optional AM/PM marker (`PM`, `p. m.`, `nachm.`); none is midnight.
fn clock(time: &str) -> Option<(u32, u32, u32)> {
    let time = time.trim();
    if time.is_empty() {
        return Some((0, 0, 0));
    }
    let (digits, marker) = time.split_once(char::is_whitespace).unwrap_or((time, ""));
    let mut fields = digits.split(':').map(|p| p.parse::<u32>().ok());
    let hour = fields.next()??;
    let minute = fields.next()??;
    let second = fields.next().unwrap_or(Some(0))?;
    if fields.next().is_some() {
        return None;
    }
    let marker: String = marker.chars().filter(|c| c.is_alphabetic()).collect();
    let hour = match marker.as_str() {
        "" => hour,
        "am" | "vorm" if (1..=12).contains(&hour) => hour % 12,
        "pm" | "nachm" if (1..=12).contains(&hour) => hour % 12 + 12,
        _ => return None,
    };
    (hour < 24 && minute < 60 && second < 60).then_some((hour, minute, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_month_names_and_markers_read_as_utc() {
        let want = timestamp("2024-01-12T22:05:00Z");
        for text in [
            "12/ene/24 10:05 PM",
            "12/ene./24 10:05 p. m.",
            "12.Jan.24 22:05",
            "12/janv./24 22:05",
            "12/jan/2024 10:05 PM",
            "12.01.2024 22:05",
            "12/01/2024 22:05",
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
        assert_eq!(
            parse("12/févr./24 09:00"),
            timestamp("2024-02-12T09:00:00Z")
        );
        assert_eq!(
            parse("3/Mär/24 12:30 AM"),
            timestamp("2024-03-03T00:30:00Z")
        );
        assert_eq!(parse("1/out/25 4:51 PM"), timestamp("2025-10-01T16:51:00Z"));
        for bad in [
            "12/foo/24 10:05",
            "32/ene/24 10:05",
            "12/ene/24 13:05 PM",
            "soon",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
