//! Unclosed CSV quotes: a quote that never closes makes the CSV reader read the rest of the file
//! as one field, so the rows after it would vanish; this finds such a quote so they are reported.

/// Where a CSV field is, while scanning.
#[derive(Clone, Copy)]
enum State {
    StartField,
    InField,
    InQuoted,
    QuoteInQuoted,
}

/// The byte offset in `text` of a quote that opens a field and never closes, if any (the same
/// quoting rules as the CSV reader: a quote opens only at the start of a field, `""` inside a
/// quoted field is a literal quote).
pub fn unclosed_quote(text: &[u8]) -> Option<usize> {
    let mut state = State::StartField;
    let mut opened = 0;
    for (i, &b) in text.iter().enumerate() {
        let ends_field = matches!(b, b',' | b'\n' | b'\r');
        state = match state {
            State::StartField if b == b'"' => {
                opened = i;
                State::InQuoted
            }
            State::StartField | State::InField | State::QuoteInQuoted if ends_field => {
                State::StartField
            }
            State::StartField | State::InField => State::InField,
            State::InQuoted if b == b'"' => State::QuoteInQuoted,
            State::InQuoted => State::InQuoted,
            State::QuoteInQuoted if b == b'"' => State::InQuoted,
            State::QuoteInQuoted => State::InField,
        };
    }
    matches!(state, State::InQuoted).then_some(opened)
}

/// The 1-based numbers of the non-blank lines after the line holding byte `at` of `text`.
pub fn lines_after(text: &str, at: usize, line_of_at: u64) -> Vec<u64> {
    let rest = text.get(at..).unwrap_or("");
    rest.split('\n')
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| line_of_at + i as u64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_that_never_closes_is_found_where_it_opens() {
        assert_eq!(unclosed_quote(b"a,\"b\nc,d\n"), Some(2));
        assert_eq!(unclosed_quote(b"\"x\ny\",\"b\nc"), Some(6));
    }

    #[test]
    fn closed_escaped_and_mid_field_quotes_are_not_unclosed() {
        assert_eq!(unclosed_quote(b"a,\"b\nc\",d\n"), None);
        assert_eq!(unclosed_quote(b"a,\"say \"\"hi\"\"\",d\n"), None);
        assert_eq!(unclosed_quote(b"a,5\" pipe,d\n"), None);
        assert_eq!(unclosed_quote(b"a,\"b\"c\"d,e\n"), None);
    }

    #[test]
    fn lines_after_skip_blank_lines() {
        let text = "h\na,\"b\nc\n\nd\n";
        assert_eq!(lines_after(text, 4, 2), vec![3, 5]);
    }
}
