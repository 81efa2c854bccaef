//! File lines from byte offsets: a CSV reader counts records, not lines (blank lines and quoted
//! line breaks are not counted), so rejections name the line found from the record's byte offset.

/// Counts line breaks up to increasing byte offsets of one text.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line a record starting at `byte` is on: the reader's offset can point at the blank
    /// lines before it, which are skipped.
    pub fn record_line(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while self
            .bytes
            .get(at)
            .is_some_and(|b| matches!(b, b'\n' | b'\r'))
        {
            at += 1;
        }
        self.line_at(at as u64)
    }

    /// The 1-based line of `byte`. Offsets are expected in increasing order; an earlier offset
    /// restarts the count from the beginning.
    pub fn line_at(&mut self, byte: u64) -> u64 {
        let target = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if target < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let breaks = self.bytes[self.offset..target]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += breaks as u64;
        self.offset = target;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_every_break_before_the_offset() {
        let text = "h\na\n\n\"x\ny\"\nb\n";
        let mut c = LineCounter::new(text);
        assert_eq!(c.line_at(0), 1);
        assert_eq!(c.line_at(2), 2);
        assert_eq!(c.line_at(5), 4);
        assert_eq!(c.line_at(11), 6);
        assert_eq!(c.line_at(2), 2, "an earlier offset restarts");
        assert_eq!(c.line_at(10_000), 7, "past the end stops at the end");
        let mut c = LineCounter::new(text);
        assert_eq!(
            c.record_line(4),
            4,
            "the blank line before a record is skipped"
        );
    }
}
