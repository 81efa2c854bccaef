//! An exported table before it is written: its typed columns, and its rows built a part at a
//! time, so that a million incidents are never held as cells all at once.

use crate::error::Result;
use crate::output::Cell;
use std::ops::Range;

/// The type of a column, the same in every format (`docs/exports.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    /// Numbers, rates (fractions) and minutes.
    Number,
    /// An instant, UTC.
    Time,
    Bool,
    /// A list of names.
    List,
}

/// How many records (incidents) one part of a large table is built from.
pub const PART: usize = 16_384;

type BuildRows<'a> = dyn Fn(Range<usize>) -> Vec<Vec<Cell>> + Sync + 'a;

enum Rows<'a> {
    /// A small table, built whole.
    Built(Vec<Vec<Cell>>),
    /// The rows of `items` records, built [`PART`] records at a time.
    Parts {
        items: usize,
        build: Box<BuildRows<'a>>,
    },
}

/// A table to export.
pub struct Source<'a> {
    pub title: &'static str,
    pub columns: Vec<(&'static str, Kind)>,
    rows: Rows<'a>,
}

impl<'a> Source<'a> {
    /// A table of rows already built.
    pub fn built(
        title: &'static str,
        columns: &[(&'static str, Kind)],
        rows: Vec<Vec<Cell>>,
    ) -> Self {
        Self {
            title,
            columns: columns.to_vec(),
            rows: Rows::Built(rows),
        }
    }

    /// A table of the rows of `items` records, `build` making the rows of a range of them.
    pub fn parts(
        title: &'static str,
        columns: &[(&'static str, Kind)],
        items: usize,
        build: impl Fn(Range<usize>) -> Vec<Vec<Cell>> + Sync + 'a,
    ) -> Self {
        Self {
            title,
            columns: columns.to_vec(),
            rows: Rows::Parts {
                items,
                build: Box::new(build),
            },
        }
    }

    /// The column names.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|c| c.0)
    }

    /// Hands the rows to `write` a part at a time, in order; a table with no rows hands none.
    pub fn each_part(&self, mut write: impl FnMut(&[Vec<Cell>]) -> Result<()>) -> Result<()> {
        match &self.rows {
            Rows::Built(rows) if rows.is_empty() => Ok(()),
            Rows::Built(rows) => write(rows),
            Rows::Parts { items, build } => {
                let mut start = 0;
                while start < *items {
                    let end = (start + PART).min(*items);
                    let rows = build(start..end);
                    if !rows.is_empty() {
                        write(&rows)?;
                    }
                    start = end;
                }
                Ok(())
            }
        }
    }

    /// Every row at once (for tests and small tables).
    pub fn all_rows(&self) -> Result<Vec<Vec<Cell>>> {
        let mut all = Vec::new();
        self.each_part(|rows| {
            all.extend_from_slice(rows);
            Ok(())
        })?;
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_every_record_once_in_order() {
        let n = PART * 2 + 7;
        let t = Source::parts("t", &[("n", Kind::Int)], n, |r| {
            r.map(|i| vec![Cell::Int(i as i64)]).collect()
        });
        let mut sizes = Vec::new();
        let mut next = 0;
        t.each_part(|rows| {
            sizes.push(rows.len());
            for row in rows {
                assert_eq!(row[0], Cell::Int(next));
                next += 1;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(sizes, vec![PART, PART, 7]);
        assert_eq!(next as usize, n);
        let empty = Source::built("e", &[("n", Kind::Int)], Vec::new());
        assert!(empty.all_rows().unwrap().is_empty());
    }
}
