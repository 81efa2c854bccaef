//! CSV: incidents (recur's columns, or any columns through a mapping), `actions.csv`, and catalog
//! CSV, told apart by the header. Rows are validated in parallel, in chunks, as they stream in.

use super::batch::Batch;
use super::build::{self, Context};
use super::csv_rows::{Next, Rows};
use super::limits;
use super::record::{CsvHeader, CsvRow};
use super::rejection::{RecordKind, Rejection};
use super::{Importer, InputFile};
use crate::ingest::catalog;
use crate::model::SourceRef;
use rayon::prelude::*;

/// The CSV importer.
pub struct Csv;

/// Rows validated together; bounds memory while letting both cores work.
const CHUNK_ROWS: usize = 32_768;

/// What a CSV file holds, from its header.
#[derive(Debug, PartialEq, Eq)]
enum Content {
    Incidents,
    Actions,
    Catalog,
}

fn content_of(header: &CsvHeader, file: &InputFile, ctx: Context<'_>) -> Content {
    let has_id = ctx.fields.sources_of("id").iter().any(|s| header.has(s));
    if file.catalog_only
        || (!has_id && header.has("name") && (header.has("owner") || header.has("kind")))
    {
        Content::Catalog
    } else if !has_id && header.has("incident_id") {
        Content::Actions
    } else {
        Content::Incidents
    }
}

impl Importer for Csv {
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch) {
        let mut reader = Rows::new(&file.text);
        let mut first = ::csv::StringRecord::new();
        let header = match reader.next(&mut first) {
            Ok(Next::Row) => CsvHeader::new(&first),
            Ok(Next::End) => CsvHeader::new(&::csv::StringRecord::new()),
            Ok(Next::Oversized { bytes, .. }) => {
                return out.reject_file(&file.name, "line 1", limits::field_reason(bytes));
            }
            Err(e) => {
                return out.reject_file(&file.name, "line 1", format!("unreadable header: {e}"));
            }
        };
        if header.names.iter().all(String::is_empty) {
            return out.reject_file(&file.name, "line 1", "empty file: no header row");
        }
        match content_of(&header, file, ctx) {
            Content::Catalog => catalog::csv::read(file, &header, reader, ctx.aliases, out),
            Content::Actions => read_actions(file, &header, reader, ctx, out),
            Content::Incidents => read_incidents(file, &header, reader, ctx, out),
        }
    }
}

/// Reads rows in chunks; `convert` turns a chunk of (line, row) into the batch.
fn for_each_chunk(
    file: &InputFile,
    header: &CsvHeader,
    mut reader: Rows<'_>,
    kind: RecordKind,
    out: &mut Batch,
    progress: &crate::progress::FileProgress,
    mut convert: impl FnMut(&[(String, ::csv::StringRecord)], &mut Batch),
) {
    let mut chunk: Vec<(String, ::csv::StringRecord)> = Vec::with_capacity(CHUNK_ROWS.min(1024));
    let mut row = ::csv::StringRecord::new();
    let mut lines = super::lines::LineCounter::new(&file.text);
    let mut records = 0usize;
    let duplicate = header.duplicate();
    loop {
        let next = match reader.next(&mut row) {
            Ok(Next::End) => break,
            Ok(next) => next,
            Err(e) => {
                let line = lines.record_line(row.position().map_or(0, |p| p.byte()));
                out.notes.push(
                    Rejection::error(kind, &file.name, format!("line {line}"))
                        .reason(format!("unreadable row: {e}")),
                );
                continue;
            }
        };
        let end = reader.offset();
        let record = Some(records + 1);
        if reject_unclosed_quote(file, &row, end, record, kind, &mut lines, out) {
            break;
        }
        let oversized = matches!(next, Next::Oversized { .. });
        if !oversized && row.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line, or a row of empty cells: no record
        }
        records += 1;
        // The file line (the reader counts records, not lines) and the record number.
        let line = format!(
            "line {} (record {records})",
            lines.record_line(row.position().map_or(0, |p| p.byte()))
        );
        let rejection = || {
            Rejection::error(kind, &file.name, line.clone())
                .id(row.get(0).filter(|s| !s.is_empty()))
        };
        if let Next::Oversized { field, bytes } = next {
            out.notes.push(
                rejection()
                    .field(header.name_of(field))
                    .reason(limits::field_reason(bytes)),
            );
            continue;
        }
        if row.len() != header.names.len() {
            out.notes.push(rejection().reason(format!(
                "expected {} fields as in the header, found {}",
                header.names.len(),
                row.len()
            )));
            continue;
        }
        if let Some((name, reason)) = &duplicate {
            out.notes
                .push(rejection().field(name.clone()).reason(reason.clone()));
            continue;
        }
        chunk.push((line, row.clone()));
        if chunk.len() >= CHUNK_ROWS {
            convert(&chunk, out);
            chunk.clear();
            progress.reached(reader.offset());
        }
    }
    if !chunk.is_empty() {
        convert(&chunk, out);
    }
}

/// Rejects the last record of the file when a quote in it never closes (the reader then reads
/// every line after it into that field), and each line it swallowed; true if so. `end` is the
/// reader's position after the row; `record` its number, when locations show one.
pub(super) fn reject_unclosed_quote(
    file: &InputFile,
    row: &::csv::StringRecord,
    end: u64,
    record: Option<usize>,
    kind: RecordKind,
    lines: &mut super::lines::LineCounter<'_>,
    out: &mut Batch,
) -> bool {
    let text = &file.text;
    let start = row.position().map_or(0, |p| p.byte());
    if usize::try_from(end).map_or(true, |e| e < text.len()) {
        return false; // only a quote that never closes runs to the end of the file
    }
    let start = usize::try_from(start).unwrap_or(0).min(text.len());
    let Some(opened) = super::quote::unclosed_quote(&text.as_bytes()[start..]) else {
        return false;
    };
    let record_line = lines.record_line(start as u64);
    let quote_line = lines.line_at((start + opened) as u64);
    let swallowed = super::quote::lines_after(text, start + opened, quote_line);
    let n = swallowed.len();
    let location = match record {
        Some(n) => format!("line {record_line} (record {n})"),
        None => format!("line {record_line}"),
    };
    out.notes.push(
        Rejection::error(kind, &file.name, location)
            .id(row.get(0).filter(|s| !s.is_empty() && !s.contains('\n')))
            .reason(format!(
                "a quote opened on line {quote_line} never closes; the {n} line{} after it {} read as part of it",
                if n == 1 { "" } else { "s" },
                if n == 1 { "was" } else { "were" },
            )),
    );
    for line in swallowed {
        out.notes.push(
            Rejection::error(kind, &file.name, format!("line {line}")).reason(format!(
                "read as part of the quote opened on line {quote_line}, which never closes"
            )),
        );
    }
    true
}

fn read_incidents(
    file: &InputFile,
    header: &CsvHeader,
    reader: Rows<'_>,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    let unread: Vec<&str> = header
        .names
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty() && !ctx.fields.reads(n))
        .collect();
    let unread: Vec<String> = unread.into_iter().map(super::suggest::describe).collect();
    if !unread.is_empty() {
        out.notes.push(Rejection::warning(RecordKind::File, &file.name, "line 1").reason(format!(
            "columns recur does not read were ignored: {} (see docs/formats.md, or map them with --mapping)",
            unread.join(", ")
        )));
    }
    for_each_chunk(
        file,
        header,
        reader,
        RecordKind::Incident,
        out,
        ctx.progress,
        |chunk, out| {
            let built: Vec<build::Built> = chunk
                .par_iter()
                .map(|(line, row)| {
                    let source = SourceRef {
                        file: file.name.clone(),
                        location: line.clone(),
                    };
                    build::incident(&CsvRow { header, row }, ctx, source)
                })
                .collect();
            for b in built {
                out.add_built(b);
            }
        },
    );
}

fn read_actions(
    file: &InputFile,
    header: &CsvHeader,
    reader: Rows<'_>,
    ctx: Context<'_>,
    out: &mut Batch,
) {
    for_each_chunk(
        file,
        header,
        reader,
        RecordKind::Action,
        out,
        ctx.progress,
        |chunk, out| {
            for (line, row) in chunk {
                let record = CsvRow { header, row };
                let location = line.clone();
                match build::action(&record, None, ctx.aliases) {
                    Ok(action) => out.loose_actions.push((
                        action,
                        SourceRef {
                            file: file.name.clone(),
                            location,
                        },
                    )),
                    Err((field, reason)) => out.notes.push(
                        Rejection::error(RecordKind::Action, &file.name, location)
                            .id(row
                                .get(header.position("incident_id").unwrap_or(usize::MAX))
                                .filter(|s| !s.is_empty()))
                            .field(field)
                            .reason(reason),
                    ),
                }
            }
        },
    );
}
