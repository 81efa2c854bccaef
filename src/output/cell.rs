//! One value of a table, typed: the terminal shows it for people (`44%`, `7h 24m`,
//! `2024-07-01`), while CSV, JSON and Parquet keep the number, the time or the list itself.

use crate::model::Timestamp;

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text: sanitised for each output, guarded against formulas in CSV.
    Text(String),
    Int(i64),
    /// A number, shown with one decimal; exported in full.
    Float(f64),
    /// A share between 0 and 1, shown as a percentage; exported as the fraction.
    Rate(f64),
    /// A duration in minutes, shown as `43m`, `7.4h` or `2.1d`; exported as minutes.
    Minutes(f64),
    /// An instant, shown as its UTC day; exported as RFC 3339 (a timestamp column in Parquet).
    Time(Timestamp),
    /// Yes or no: `yes`/`no` on a terminal, `true`/`false` in files.
    Bool(bool),
    /// Names, shown joined with commas; a list column in Parquet and JSON, `;`-joined in CSV.
    List(Vec<String>),
    Empty,
}

impl Cell {
    /// The value as a person reads it in a terminal table.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) => format!("{f:.1}"),
            Cell::Rate(r) => format!("{:.0}%", r * 100.0),
            Cell::Minutes(m) => minutes_text(*m),
            Cell::Time(t) => t.format("%Y-%m-%d").to_string(),
            Cell::List(l) => l.join(", "),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.into(),
            Cell::Empty => String::new(),
        }
    }

    /// The value as CSV writes it (before any formula guard, which only text gets).
    pub fn exported(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) | Cell::Rate(f) | Cell::Minutes(f) => f.to_string(),
            Cell::Time(t) => t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            Cell::List(l) => l.join(";"),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }

    /// The value as JSON.
    pub fn json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Cell::Text(t) => Value::from(t.as_str()),
            Cell::Int(n) => Value::from(*n),
            Cell::Float(f) | Cell::Rate(f) | Cell::Minutes(f) => Value::from(*f),
            Cell::Time(_) => Value::from(self.exported()),
            Cell::List(l) => Value::from(l.clone()),
            Cell::Bool(b) => Value::from(*b),
            Cell::Empty => Value::Null,
        }
    }

    /// True for the cells a terminal right-aligns.
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            Cell::Int(_) | Cell::Float(_) | Cell::Rate(_) | Cell::Minutes(_)
        )
    }

    /// A number or empty.
    pub fn float(v: Option<f64>) -> Self {
        v.map_or(Cell::Empty, Cell::Float)
    }

    /// A share or empty.
    pub fn rate(v: Option<f64>) -> Self {
        v.map_or(Cell::Empty, Cell::Rate)
    }

    /// Minutes or empty.
    pub fn minutes(v: Option<f64>) -> Self {
        v.map_or(Cell::Empty, Cell::Minutes)
    }

    /// An instant or empty.
    pub fn time(v: Option<Timestamp>) -> Self {
        v.map_or(Cell::Empty, Cell::Time)
    }

    /// A list of names.
    pub fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Self {
        Cell::List(items.into_iter().map(|s| s.as_ref().to_string()).collect())
    }
}

/// `43m`, `7.4h`, `2.1d`: short enough for a column of eight.
fn minutes_text(m: f64) -> String {
    let m = m.max(0.0);
    if m < 59.5 {
        format!("{m:.0}m")
    } else if m < 1440.0 {
        format!("{:.1}h", m / 60.0)
    } else {
        format!("{:.1}d", m / 1440.0)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Int(n as i64)
    }
}
impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Self {
        s.map_or(Cell::Empty, Cell::Text)
    }
}
impl From<Option<&str>> for Cell {
    fn from(s: Option<&str>) -> Self {
        s.map_or(Cell::Empty, |t| Cell::Text(t.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_see_units_and_files_keep_numbers() {
        assert_eq!(Cell::Rate(0.4375).display(), "44%");
        assert_eq!(Cell::Rate(0.4375).exported(), "0.4375");
        assert_eq!(Cell::Minutes(444.0).display(), "7.4h");
        assert_eq!(Cell::Minutes(444.0).exported(), "444");
        assert_eq!(Cell::Minutes(42.6).display(), "43m");
        assert_eq!(Cell::Minutes(3000.0).display(), "2.1d");
        assert_eq!(Cell::Int(-7).exported(), "-7");
        assert_eq!(Cell::list(["a", "b"]).exported(), "a;b");
        assert_eq!(Cell::list(["a", "b"]).display(), "a, b");
        let t = crate::model::time::parse_timestamp("2024-07-01T10:00:00Z").unwrap();
        assert_eq!(Cell::Time(t).display(), "2024-07-01");
        assert_eq!(Cell::Time(t).exported(), "2024-07-01T10:00:00Z");
    }
}
