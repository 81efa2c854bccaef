//! CSV records read from a file's text with each field's size bounded. The `csv` crate copies a
//! record into a buffer that doubles until the record fits, so a 1 GiB cell took some 4 GiB
//! beside the file's own gigabyte before it could be rejected. Here `csv_core` (the parser the
//! `csv` crate is built on, with the same dialect) reads field by field into a buffer that grows
//! to the limit at most: a field over [`MAX_FIELD_BYTES`] is counted, not kept, and its record comes back marked
//! oversized with its other fields, so that it is rejected with its reason and memory stays in
//! proportion to the largest field kept.

use super::limits::MAX_FIELD_BYTES;
use csv_core::ReadFieldResult;

/// The window the part of a field beyond the limit is parsed into and dropped.
const WINDOW: usize = 64 * 1024;

/// The first size of the buffer a field is parsed into; it doubles up to the limit as fields
/// need, and is kept for the next.
const FIRST_FIELD: usize = 4 * 1024;

/// What [`Rows::next`] read.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// A record, in the row given.
    Row,
    /// A record one of whose fields (the `field`th, 0-based) holds `bytes` bytes, over the limit;
    /// the row given holds the record's other fields and an empty one in its place.
    Oversized { field: usize, bytes: usize },
    /// No more records.
    End,
}

/// The records of one CSV text, in order.
pub struct Rows<'a> {
    core: csv_core::Reader,
    input: &'a [u8],
    pos: usize,
    window: Vec<u8>,
    field: Vec<u8>,
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            core: csv_core::Reader::new(),
            input: text.as_bytes(),
            pos: 0,
            window: vec![0; WINDOW],
            field: vec![0; FIRST_FIELD],
        }
    }

    /// The byte offset reading has reached (the end of the last record read).
    pub fn offset(&self) -> u64 {
        self.pos as u64
    }

    /// Reads the next record into `row`, its position set to the byte it starts at. `Err` holds
    /// why a record is unreadable (a field that is not UTF-8; text read from a `str` has none).
    pub fn next(&mut self, row: &mut csv::StringRecord) -> Result<Next, String> {
        let start = self.pos;
        let mut record = std::mem::take(row).into_byte_record();
        record.clear();
        let mut fields = 0usize;
        let mut oversized: Option<(usize, usize)> = None;
        // The bytes of the current field: in `field` up to the limit, counted only beyond it.
        let mut len = 0usize;
        loop {
            let input = &self.input[self.pos..];
            let (result, read, written) = if len < MAX_FIELD_BYTES {
                if len == self.field.len() {
                    let grown = (len * 2).clamp(FIRST_FIELD, MAX_FIELD_BYTES);
                    self.field.resize(grown, 0);
                }
                self.core.read_field(input, &mut self.field[len..])
            } else {
                self.core.read_field(input, &mut self.window)
            };
            self.pos += read;
            len += written;
            match result {
                // An empty input (the end of the text) makes the parser end the field.
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => continue,
                ReadFieldResult::Field { record_end } => {
                    if len > MAX_FIELD_BYTES {
                        oversized.get_or_insert((fields, len));
                        record.push_field(b"");
                    } else {
                        record.push_field(&self.field[..len]);
                    }
                    fields += 1;
                    len = 0;
                    if record_end {
                        break;
                    }
                }
                ReadFieldResult::End if fields == 0 => return Ok(Next::End),
                ReadFieldResult::End => break,
            }
        }
        let mut position = csv::Position::new();
        position.set_byte(start as u64);
        record.set_position(Some(position));
        *row = csv::StringRecord::from_byte_record(record)
            .map_err(|e| format!("a field is not UTF-8: {}", e.utf8_error()))?;
        Ok(match oversized {
            Some((field, bytes)) => Next::Oversized { field, bytes },
            None => Next::Row,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(Next, Vec<String>, u64)> {
        let mut rows = Rows::new(text);
        let mut row = csv::StringRecord::new();
        let mut out = Vec::new();
        loop {
            let next = rows.next(&mut row).unwrap();
            if next == Next::End {
                return out;
            }
            let byte = row.position().unwrap().byte();
            out.push((next, row.iter().map(str::to_string).collect(), byte));
        }
    }

    /// The records and their start bytes as the `csv` crate reads them.
    fn as_the_csv_crate_reads(text: &str) -> Vec<(Vec<String>, u64)> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                let byte = r.position().unwrap().byte();
                (r.iter().map(str::to_string).collect(), byte)
            })
            .collect()
    }

    fn as_rows_reads(text: &str) -> Vec<(Vec<String>, u64)> {
        all(text).into_iter().map(|r| (r.1, r.2)).collect()
    }

    #[test]
    fn records_read_as_the_csv_crate_reads_them() {
        let text = "\u{feff}a,b\r\n\"x,\"\"y\"\"\",2\n\n\"multi\nline\",3\nlast,";
        let got = as_rows_reads(text);
        assert_eq!(got, as_the_csv_crate_reads(text));
        assert_eq!(got[1].0, ["x,\"y\"", "2"]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_as_the_csv_crate_reads_it(text in "[a\",\r\n é]{0,300}") {
            proptest::prop_assert_eq!(as_rows_reads(&text), as_the_csv_crate_reads(&text));
        }
    }

    #[test]
    fn a_field_over_the_limit_is_counted_not_kept_and_the_next_record_reads() {
        let big = "z".repeat(MAX_FIELD_BYTES + 7);
        let text = format!("id,note\nA,\"{big}\"\nB,ok\n");
        let rows = all(&text);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1].0,
            Next::Oversized {
                field: 1,
                bytes: MAX_FIELD_BYTES + 7
            }
        );
        assert_eq!(rows[1].1, ["A", ""]);
        assert_eq!(rows[1].2, 8);
        assert_eq!(rows[2].0, Next::Row);
        assert_eq!(rows[2].1, ["B", "ok"]);
    }
}
