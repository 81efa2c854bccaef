//! Making incident text safe for where it is shown: terminals (no control characters or escape
//! sequences) and spreadsheets (no formulas).

use std::borrow::Cow;

/// Text for a terminal: control characters (including ESC of ANSI sequences) removed, line
/// breaks and tabs turned into spaces.
pub fn for_terminal(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            // Bidirectional overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// A CSV cell that a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`,
/// `@`, tab or carriage return gets a leading `'`. Control characters other than tab and line
/// breaks are removed (CSV is often printed to a terminal). Text that needs neither is
/// returned as it is, without a copy.
pub fn for_csv(text: &str) -> Cow<'_, str> {
    let kept = |c: &char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    let formula = |t: &str| matches!(t.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if text.chars().all(|c| kept(&c)) && !formula(text) {
        return Cow::Borrowed(text);
    }
    let clean: String = text.chars().filter(kept).collect();
    if formula(&clean) {
        Cow::Owned(format!("'{clean}"))
    } else {
        Cow::Owned(clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_loses_escape_sequences_and_controls() {
        assert_eq!(for_terminal("a\u{1b}[31mred\u{7}\nb"), "a[31mred b");
        assert_eq!(for_terminal("x\u{202e}y"), "xy");
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
