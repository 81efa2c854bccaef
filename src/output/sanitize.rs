//! Making incident text safe for where it is shown: terminals (no control characters or escape
//! sequences), documents (reports), and spreadsheets (no formulas). Every output drops the same
//! characters: controls other than tab and line feed, and bidi overrides and isolates.

use std::borrow::Cow;

/// Whether `c` is a bidirectional override, embedding or isolate (U+202A–U+202E,
/// U+2066–U+2069), which can make text read differently from what it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text with what no output may carry removed: controls (ESC of terminal escape sequences, BEL,
/// NUL, C1) and bidi controls go; a carriage return becomes a line feed (or goes, before one);
/// U+2028 and U+2029 become spaces, or `line_break` where the text may not break lines; tabs
/// and line feeds become `line_break` too. Text that needs none of it is returned as it is.
fn clean(text: &str, line_break: Option<char>) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}');
    let breaks = |c: char| matches!(c, '\n' | '\t') && line_break.is_some();
    if !text
        .chars()
        .any(|c| (unsafe_char(c) && !matches!(c, '\n' | '\t')) || breaks(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push(line_break.unwrap_or('\n')),
            '\t' => out.push(line_break.unwrap_or('\t')),
            '\u{2028}' | '\u{2029}' => out.push(line_break.unwrap_or(' ')),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal: control characters (including ESC of ANSI sequences) and bidi
/// controls removed, line breaks, separators and tabs turned into spaces.
pub fn for_terminal(text: &str) -> String {
    clean(text, Some(' ')).into_owned()
}

/// Text for a document (report.md, report.html): controls other than tab and line feed and
/// bidi controls removed, a carriage return read as a line break, U+2028 and U+2029 as spaces.
pub fn for_document(text: &str) -> Cow<'_, str> {
    clean(text, None)
}

/// A CSV cell that a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`,
/// `@`, tab or line break gets a leading `'`. Characters are dropped as in a document (CSV is
/// often printed to a terminal); a carriage return is read as a line break. Text that needs
/// neither is returned as it is, without a copy.
pub fn for_csv(text: &str) -> Cow<'_, str> {
    let formula = |t: &str| matches!(t.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\n'));
    let clean = for_document(text);
    if formula(&clean) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_loses_escape_sequences_and_controls() {
        assert_eq!(for_terminal("a\u{1b}[31mred\u{7}\nb"), "a[31mred b");
        assert_eq!(for_terminal("x\u{202e}y\u{2066}z\u{2028}w"), "xyz w");
    }

    #[test]
    fn documents_keep_line_feeds_and_tabs_but_no_escape_or_bidi_control() {
        assert_eq!(
            for_document("a\u{1b}]8;;u\u{7}b\r\nc\rd\te\u{202e}f\u{2029}g"),
            "a]8;;ub\nc\nd\tef g"
        );
        assert!(matches!(for_document("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_cells_lose_carriage_returns_and_bidi_controls() {
        assert_eq!(for_csv("a\rb\u{202e}c\u{2069}"), "a\nbc");
        assert_eq!(for_csv("\u{202e}=1"), "'=1");
    }

    #[test]
    fn formula_prefixes_are_neutralised() {
        assert_eq!(for_csv("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(for_csv("+1"), "'+1");
        assert_eq!(for_csv("-cmd"), "'-cmd");
        assert_eq!(for_csv("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(for_csv("plain"), "plain");
    }
}
