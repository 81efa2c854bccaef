//! The number literals of a JSON text as written, in document order, so that a number serde_json
//! would round (`1.10`, an integer beyond 2^64) can be kept as its digits.

/// Walks a JSON text from the start, handing out each number literal once, in order.
///
/// serde_json visits a document's values in the order they are written, so the n-th number it
/// reports is the n-th literal this finds (strings are skipped, keys are always strings).
#[derive(Debug, Clone, Copy)]
pub struct Literals<'s> {
    text: &'s str,
    at: usize,
}

impl<'s> Literals<'s> {
    /// Literals of `text` after byte `at` (where an earlier walk stopped).
    pub fn resume(text: &'s str, at: usize) -> Literals<'s> {
        Literals { text, at }
    }

    /// The byte after the last literal handed out.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The next number literal after the last one handed out; `None` past the end.
    pub fn next_number(&mut self) -> Option<&'s str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => i = string_end(bytes, i + 1),
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < bytes.len() && is_number_byte(bytes[i]) {
                        i += 1;
                    }
                    self.at = i;
                    return self.text.get(start..i);
                }
                _ => i += 1,
            }
        }
        self.at = i;
        None
    }
}

/// The index after the closing quote of a string whose contents start at `i`.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

fn is_number_byte(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
}

#[cfg(test)]
mod tests {
    use super::Literals;

    #[test]
    fn numbers_come_in_order_and_strings_are_skipped() {
        let mut l = Literals::resume(
            r#"{"a1":"x\"2",-1.10,"b":[3e5, 123456789012345678901234567890]}"#,
            0,
        );
        let all: Vec<_> = std::iter::from_fn(|| l.next_number()).collect();
        assert_eq!(all, ["-1.10", "3e5", "123456789012345678901234567890"]);
    }
}
