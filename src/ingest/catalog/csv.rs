//! Catalog CSV for teams without Backstage: `name,kind,owner,depends_on[,type,system]`.

use super::owner_names;
use crate::ingest::csv_rows::{Next, Rows};
use crate::ingest::limits;
use crate::ingest::record::CsvHeader;
use crate::ingest::{Batch, InputFile, RecordKind, Rejection};
use crate::model::{Aliases, CatalogEntity, EntityKind, OwnerSource};

/// Reads the rows of a catalog CSV whose header was already read.
pub fn read(
    file: &InputFile,
    header: &CsvHeader,
    mut reader: Rows<'_>,
    aliases: &Aliases,
    out: &mut Batch,
) {
    let cell = |row: &::csv::StringRecord, name: &str| -> Option<String> {
        header
            .position(name)
            .and_then(|i| row.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut lines = crate::ingest::lines::LineCounter::new(&file.text);
    let mut row = ::csv::StringRecord::new();
    loop {
        let next = match reader.next(&mut row) {
            Ok(Next::End) => break,
            Ok(next) => next,
            Err(e) => {
                let line = lines.record_line(row.position().map_or(0, |p| p.byte()));
                out.notes.push(
                    Rejection::error(RecordKind::Catalog, &file.name, format!("line {line}"))
                        .reason(format!("unreadable row: {e}")),
                );
                continue;
            }
        };
        let end = reader.offset();
        let kind = RecordKind::Catalog;
        if crate::ingest::csv::reject_unclosed_quote(file, &row, end, None, kind, &mut lines, out) {
            break;
        }
        let location = format!(
            "line {}",
            lines.record_line(row.position().map_or(0, |p| p.byte()))
        );
        let reject = |field: &str, reason: String| {
            Rejection::error(RecordKind::Catalog, &file.name, &location)
                .id(row.get(0))
                .field(field)
                .reason(reason)
        };
        if let Next::Oversized { field, bytes } = next {
            out.notes
                .push(reject(&header.name_of(field), limits::field_reason(bytes)));
            continue;
        }
        if row.len() != header.names.len() {
            out.notes.push(reject(
                "",
                format!(
                    "expected {} fields as in the header, found {}",
                    header.names.len(),
                    row.len()
                ),
            ));
            continue;
        }
        let Some(name) = cell(&row, "name").and_then(|n| aliases.resolve(&n)) else {
            out.notes
                .push(reject("name", "required, missing or empty".into()));
            continue;
        };
        let kind_text = cell(&row, "kind").unwrap_or_else(|| "component".into());
        let Some(kind) = EntityKind::parse(&kind_text) else {
            out.notes.push(reject(
                "kind",
                format!("unknown kind {kind_text:?} (expected component, service, library, resource, system or group)"),
            ));
            continue;
        };
        let entity_type = cell(&row, "type").or_else(|| {
            let k = kind_text.to_lowercase();
            matches!(
                k.as_str(),
                "service" | "library" | "database" | "queue" | "cache"
            )
            .then_some(k)
        });
        out.catalog.push(CatalogEntity {
            name,
            kind,
            entity_type,
            owners: cell(&row, "owner")
                .map(|o| owner_names(&o, aliases))
                .unwrap_or_default(),
            depends_on: crate::ingest::fields::names(
                cell(&row, "depends_on").map(|d| crate::ingest::record::Raw::Text(d.into())),
                aliases,
            )
            .unwrap_or_default(),
            system: cell(&row, "system").and_then(|s| aliases.resolve(&s)),
            source: OwnerSource::Csv,
            source_file: file.name.clone(),
            location,
        });
    }
}
