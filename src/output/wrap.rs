//! Fitting a terminal table to a width: how wide each column gets, and cell text wrapped at word
//! boundaries (a space, or after `-` or `/` between letters), so `elasticsearch-cluster` breaks as
//! `elasticsearch-` / `cluster` and never mid-word; only a word longer than its column breaks.

/// Characters a table adds around its cells: a border and a space each side per column, plus
/// the last border (`UTF8_FULL_CONDENSED` with default padding).
fn overhead(columns: usize) -> usize {
    3 * columns + 1
}

fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// The pieces of a line, each ending where a break is allowed: after a space, or after a `-`
/// or `/` between two letters (`elasticsearch-` / `cluster`, but never inside `2025-11-03` or
/// `INC-1391`).
fn pieces(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let letter = |k: Option<&(usize, char)>| k.is_some_and(|(_, c)| c.is_alphabetic());
    for (k, &(i, c)) in chars.iter().enumerate() {
        let joins_words = k > 0 && letter(chars.get(k - 1)) && letter(chars.get(k + 1));
        if c == ' ' || (matches!(c, '-' | '/') && joins_words) {
            let end = i + c.len_utf8();
            out.push(&line[start..end]);
            start = end;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// The longest piece of `text` (without its trailing space): the narrowest a column can be
/// without breaking a word.
fn longest_word(text: &str) -> usize {
    text.lines()
        .flat_map(pieces)
        .map(|p| width_of(p.trim_end_matches(' ')))
        .max()
        .unwrap_or(0)
}

fn longest_line(text: &str) -> usize {
    text.lines().map(width_of).max().unwrap_or(0)
}

/// The width of each column so that the table fits `total` characters: columns keep their
/// natural width when the table fits; otherwise each gets at least its longest word (when those
/// fit) and the rest is shared in proportion to what each still lacks.
pub fn column_widths(columns: &[Vec<&str>], total: usize) -> Vec<usize> {
    let natural: Vec<usize> = columns
        .iter()
        .map(|c| c.iter().map(|t| longest_line(t)).max().unwrap_or(0).max(1))
        .collect();
    let room = total
        .saturating_sub(overhead(columns.len()))
        .max(columns.len());
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let mut widths: Vec<usize> = columns
        .iter()
        .zip(&natural)
        .map(|(c, n)| {
            c.iter()
                .map(|t| longest_word(t))
                .max()
                .unwrap_or(0)
                .clamp(1, *n)
        })
        .collect();
    // Words too long for any layout: narrow the widest columns until the table fits.
    while widths.iter().sum::<usize>() > room {
        let Some(widest) = (0..widths.len()).max_by_key(|i| widths[*i]) else {
            break;
        };
        if widths[widest] <= 1 {
            break;
        }
        widths[widest] -= 1;
    }
    let mut spare = room.saturating_sub(widths.iter().sum());
    let lacking: usize = widths.iter().zip(&natural).map(|(w, n)| n - w.min(n)).sum();
    if let Some(per) = std::num::NonZeroUsize::new(lacking) {
        let share = spare;
        for (w, n) in widths.iter_mut().zip(&natural) {
            let add = (n.saturating_sub(*w) * share / per).min(spare);
            *w += add;
            spare -= add;
        }
        // What rounding left goes to the columns still short, left to right.
        for (w, n) in widths.iter_mut().zip(&natural) {
            let add = n.saturating_sub(*w).min(spare);
            *w += add;
            spare -= add;
        }
    }
    widths
}

/// `text` wrapped to `width` characters per line at word boundaries; a word longer than the
/// width is cut into pieces of the width.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for piece in pieces(line) {
            // The space ending `current` stays, inside the line.
            let fits = width_of(&current) + width_of(piece.trim_end_matches(' '));
            if !current.is_empty() && fits > width {
                lines.push(current.trim_end().to_string());
                current.clear();
            }
            let mut piece = piece;
            while width_of(piece.trim_end_matches(' ')) > width {
                let cut = piece
                    .char_indices()
                    .nth(width)
                    .map_or(piece.len(), |(i, _)| i);
                lines.push(piece[..cut].to_string());
                piece = &piece[cut..];
            }
            current.push_str(piece);
        }
        lines.push(current.trim_end().to_string());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_after_hyphens_and_spaces_never_inside_a_word() {
        assert_eq!(wrap("elasticsearch-cluster", 16), "elasticsearch-\ncluster");
        assert_eq!(wrap("orders-db, kafka-main", 12), "orders-db,\nkafka-main");
        assert_eq!(wrap("a/b/c", 2), "a/\nb/\nc");
        // Only a word longer than the column is cut.
        assert_eq!(wrap("abcdefgh", 3), "abc\ndef\ngh");
        assert_eq!(wrap("short", 10), "short");
        // Dates and ids are one word.
        assert_eq!(wrap("2025-11-03 INC-1391", 12), "2025-11-03\nINC-1391");
    }

    #[test]
    fn columns_keep_their_longest_word_when_the_table_must_narrow() {
        let long = "word ".repeat(40);
        let cols = vec![
            vec!["component", "elasticsearch-cluster"],
            vec!["title", long.as_str()],
        ];
        let w = column_widths(&cols, 60);
        assert!(w.iter().sum::<usize>() + overhead(2) <= 60, "{w:?}");
        assert!(w[0] >= "elasticsearch-".len(), "{w:?}");
        // A table that fits keeps its natural widths.
        assert_eq!(column_widths(&[vec!["ab", "abcd"]], 100), vec![4]);
    }
}
