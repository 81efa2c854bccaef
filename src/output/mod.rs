//! Query output: the same result as a terminal table, JSON or CSV. Commands build a [`View`]
//! (JSON for machines, tables for people and spreadsheets); this module prints it safely.

mod cell;
pub mod files;
pub mod sanitize;
mod words;
mod wrap;

pub use cell::Cell;
pub use words::count;

use comfy_table::{ContentArrangement, Table as Comfy, presets::UTF8_FULL_CONDENSED};
use serde_json::Value;
use std::io::Write;

/// How a query prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// The width tables are fitted to when stdout is not a terminal (a pipe, a file, a test); on a
/// terminal they fit its width.
pub const TABLE_WIDTH: u16 = 100;

/// The width to fit tables to: the terminal's, else [`TABLE_WIDTH`].
fn table_width() -> u16 {
    use std::io::IsTerminal;
    let terminal = std::io::stdout().is_terminal();
    terminal
        .then(|| Comfy::new().width())
        .flatten()
        .filter(|w| *w >= 40)
        .unwrap_or(TABLE_WIDTH)
}

/// One table: a title, column names, rows of cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with a title and headers.
    pub fn new(title: &str, headers: &[&str]) -> Self {
        Self {
            title: title.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

/// A command's result in both shapes.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub json: Value,
    /// Lines printed above the tables in table format only.
    pub header: Vec<String>,
    pub tables: Vec<Table>,
    /// Lines printed under the tables in table format only (hints, totals).
    pub footer: Vec<String>,
    /// What `--format csv` writes when the terminal table packs several values into a cell:
    /// the same figures, one value per cell, with full column names.
    pub csv: Option<Table>,
}

impl View {
    /// The view of one analysis: its serialised result as JSON, its definitions above the tables
    /// when `--explain` asks for them, then the tables and the footer.
    pub fn of(
        result: &impl serde::Serialize,
        definitions: &[&str],
        explain: bool,
        tables: Vec<Table>,
        footer: Vec<String>,
    ) -> Self {
        Self {
            json: serde_json::to_value(result).unwrap_or_default(),
            header: explain_lines(definitions, explain),
            tables,
            footer,
            csv: None,
        }
    }
}

/// The lines `--explain` adds above a table: the definitions, indented; nothing without it.
pub fn explain_lines(definitions: &[&str], explain: bool) -> Vec<String> {
    if explain {
        definitions.iter().map(|l| format!("  {l}")).collect()
    } else {
        Vec::new()
    }
}

/// Prints a view in the chosen format.
pub fn print(view: &View, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &view.json)?;
            writeln!(out)
        }
        Format::Csv => {
            // One CSV document: the main (first) table, plus the tables with the same columns,
            // behind a `table` column that says which table a row belongs to. Tables of another
            // shape are in the JSON output.
            let tables: Vec<&Table> = match &view.csv {
                Some(t) => vec![t],
                None => view.tables.iter().collect(),
            };
            let same_shape: Vec<&Table> = match tables.first() {
                Some(first) => tables
                    .iter()
                    .copied()
                    .filter(|t| t.headers == first.headers)
                    .collect(),
                None => Vec::new(),
            };
            let several = same_shape.len() > 1;
            let mut writer = csv::Writer::from_writer(out);
            if let Some(first) = tables.first() {
                let mut header: Vec<String> = Vec::new();
                if several {
                    header.push("table".into());
                }
                header.extend(first.headers.iter().cloned());
                writer.write_record(header.iter().map(|h| sanitize::for_csv(h).into_owned()))?;
            }
            for table in same_shape {
                for row in &table.rows {
                    if several {
                        writer.write_field(sanitize::for_csv(&table.title).as_bytes())?;
                    }
                    write_csv_row(&mut writer, row)?;
                }
            }
            writer.flush()
        }
        Format::Table => {
            for line in &view.header {
                writeln!(out, "{}", prose(line))?;
            }
            for (i, table) in view.tables.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                if !table.title.is_empty() {
                    writeln!(out, "{}", sanitize::for_terminal(&table.title))?;
                }
                writeln!(out, "{}", render_table(table))?;
            }
            for line in &view.footer {
                writeln!(out, "{}", prose(line))?;
            }
            Ok(())
        }
    }
}

/// A header or footer line, wrapped at word boundaries to the table width.
fn prose(line: &str) -> String {
    wrap::wrap(&sanitize::for_terminal(line), usize::from(table_width()))
}

/// Writes one table as CSV with neutralised text cells.
pub fn print_csv_table(table: &Table, out: impl Write) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(
        table
            .headers
            .iter()
            .map(|h| sanitize::for_csv(h).into_owned()),
    )?;
    for row in &table.rows {
        write_csv_row(&mut writer, row)?;
    }
    writer.flush()
}

/// Writes the cells as the rest of a CSV record (fields already written stay in front) and
/// ends the record.
pub fn write_csv_row<W: Write>(writer: &mut csv::Writer<W>, row: &[Cell]) -> csv::Result<()> {
    for c in row {
        writer.write_field(csv_cell(c).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

/// A CSV cell: numbers, times and empties as they are; text (and lists of names) guarded.
pub fn csv_cell(c: &Cell) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match c {
        Cell::Text(t) => sanitize::for_csv(t),
        Cell::List(_) => Cow::Owned(sanitize::for_csv(&c.exported()).into_owned()),
        other => Cow::Owned(other.exported()),
    }
}

fn render_table(table: &Table) -> String {
    let headers: Vec<String> = table
        .headers
        .iter()
        .map(|h| sanitize::for_terminal(h))
        .collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| sanitize::for_terminal(&c.display()))
                .collect()
        })
        .collect();
    // Each column's texts, header first: what its width is fitted to.
    let columns: Vec<Vec<&str>> = (0..headers.len())
        .map(|i| {
            std::iter::once(headers[i].as_str())
                .chain(rows.iter().filter_map(|r| r.get(i).map(String::as_str)))
                .collect()
        })
        .collect();
    let widths = wrap::column_widths(&columns, usize::from(table_width()));
    let fitted = |i: usize, text: &str| wrap::wrap(text, widths.get(i).copied().unwrap_or(1));
    let mut t = Comfy::new();
    // recur wraps the cells itself (at word boundaries), so comfy-table lays them out as given.
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().enumerate().map(|(i, h)| fitted(i, h)));
    for (row, texts) in table.rows.iter().zip(&rows) {
        t.add_row(row.iter().zip(texts).enumerate().map(|(i, (c, text))| {
            let cell = comfy_table::Cell::new(fitted(i, text));
            if c.is_number() {
                cell.set_alignment(comfy_table::CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    t.to_string()
}
