//! `recur rejected`: the records the imports rejected (and, with `--warnings`, the warnings),
//! with file, location, field and reason.

use crate::error::Result;
use crate::ingest::Level;
use crate::output::{Cell, Table, View};
use crate::runner::Runner;
use crate::store::StoreData;

/// Builds the listing.
pub fn view(data: &StoreData, with_warnings: bool) -> Result<View> {
    let notes: Vec<_> = data
        .notes
        .iter()
        .filter(|n| with_warnings || n.level == Level::Error)
        .collect();
    let mut table = Table::new("", &["level", "where", "record", "id", "field", "reason"]);
    for n in &notes {
        table.row(vec![
            n.level.as_str().into(),
            n.place().into(),
            n.kind.as_str().into(),
            Cell::from(n.record_id.clone()),
            Cell::from(n.field.clone()),
            n.reason.as_str().into(),
        ]);
    }
    let errors = notes.iter().filter(|n| n.level == Level::Error).count();
    let footer = vec![format!(
        "{errors} rejected, {} warning(s)",
        notes.len() - errors
    )];
    Ok(View {
        header: Vec::new(),
        json: serde_json::to_value(&notes).unwrap_or_default(),
        tables: vec![table],
        footer,
        csv: None,
    })
}

/// `recur rejected`.
pub(crate) fn command(
    run: &Runner<'_>,
    warnings: bool,
    format: crate::output::Format,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let data = run.timings.stage("load store", || {
        crate::runner::load_existing(run.store, crate::store::Load::Everything)
    })?;
    crate::runner::print(&view(&data, warnings)?, format, out)
}
