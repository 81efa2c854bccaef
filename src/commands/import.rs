//! `recur import`: read files, validate, merge into the store, report what happened.

use crate::error::{RecurError, Result};
use crate::ingest::{self, ImportRequest, Level, Mapping};
use crate::output::{Cell, Format, Table, View, sanitize};
use crate::progress::{Progress, Timings};
use crate::runner::Runner;
use crate::store::{KindCounts, Store, StoreData, Summary, Wait, merge};
use std::io::Write;
use std::path::PathBuf;

/// What `recur import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub paths: Vec<PathBuf>,
    pub catalog: Vec<PathBuf>,
    pub mapping: Option<PathBuf>,
    pub aliases: Vec<PathBuf>,
    /// `--from TOOL`: the tool whose export every incident file is (detected when `None`).
    pub from: Option<String>,
    pub strict: bool,
    /// `--include` / `--exclude`: globs choosing the files read from folders.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub format: Format,
    /// What to do when another import holds the store's lock.
    pub wait: Wait,
}

/// Rejections printed on stderr before "… and N more".
const SHOWN_ON_STDERR: usize = 50;

/// Runs an import; returns the summary (also printed to `out` in the chosen format) and the
/// store's new content.
pub fn run(
    options: &ImportOptions,
    store: &Store,
    progress: Progress,
    timings: &Timings,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(Summary, StoreData)> {
    let mapping = options.mapping.as_deref().map(Mapping::load).transpose()?;
    let mut alias_files = options.aliases.clone();
    alias_files.extend(ingest::aliases_in(&options.paths));
    alias_files.extend(ingest::aliases_in(&options.catalog));
    let aliases = ingest::aliases::load(&alias_files)?;
    let filter = ingest::walk::Filter::new(&options.include, &options.exclude)?;
    let request = ImportRequest {
        filter: &filter,
        paths: &options.paths,
        catalog_paths: &options.catalog,
        mapping: mapping.as_ref(),
        aliases: &aliases,
        from: match options.from.as_deref() {
            None => None,
            Some(name) => Some(ingest::tools::by_name(name).ok_or_else(|| {
                RecurError::Invalid(format!(
                    "--from: unknown tool {name:?} (expected one of {})",
                    ingest::tools::names().join(", ")
                ))
            })?),
        },
    };
    let batch = timings.stage("read and validate", || {
        ingest::read_paths(&request, &progress)
    })?;
    let files_read: std::collections::HashSet<String> =
        batch.files.iter().chain(&batch.skipped).cloned().collect();
    // Held until the new generation is live, so that two imports never merge into the same
    // generation and lose each other's records.
    let lock = store.lock(options.wait, &mut || {
        let _ = writeln!(
            err,
            "waiting for another import into {} to finish…",
            store.dir().display()
        );
    })?;
    let existing = timings.stage("load store", || store.load())?;
    let (data, summary) = timings.stage("merge", || merge(existing, batch));

    let notes: Vec<_> = data
        .notes
        .iter()
        .filter(|n| files_read.contains(&n.file))
        .collect();
    let io = |e: std::io::Error| RecurError::io(std::path::Path::new("<stderr>"), e);
    for (shown, note) in notes.iter().enumerate() {
        if shown == SHOWN_ON_STDERR {
            writeln!(
                err,
                "… and {} more (`recur rejected --warnings` lists them all)",
                notes.len() - shown
            )
            .map_err(io)?;
            break;
        }
        let label = if note.level == Level::Error {
            "rejected"
        } else {
            "warning"
        };
        writeln!(
            err,
            "{label}: {}",
            sanitize::for_terminal(&note.to_string())
        )
        .map_err(io)?;
    }
    if options.strict && summary.rejected > 0 {
        return Err(RecurError::Strict {
            count: summary.rejected,
        });
    }
    // A first import writes the store even when it holds nothing, so that queries find it.
    if summary.store_changed || !store.exists()? {
        let spinner = progress.spinner("writing the store");
        timings.stage("write store", || store.save(&data, &lock))?;
        spinner.finish_and_clear();
    }
    crate::output::print(&view(&summary, store), options.format, out)
        .map_err(|e| RecurError::io(std::path::Path::new("<stdout>"), e))?;
    if summary.read > 0 && summary.imported == 0 {
        return Err(RecurError::AllRejected {
            count: summary.rejected,
        });
    }
    Ok((summary, data))
}

fn view(s: &Summary, store: &Store) -> View {
    let mut table = Table::new(
        "",
        &[
            "records",
            "read",
            "imported",
            "new",
            "updated",
            "unchanged",
            "rejected",
        ],
    );
    let row = |name: &str, k: &KindCounts| -> Vec<Cell> {
        vec![
            name.into(),
            k.read.into(),
            k.imported.into(),
            k.new.into(),
            k.updated.into(),
            k.unchanged.into(),
            k.rejected.into(),
        ]
    };
    table.row(row("incidents", &s.incidents));
    table.row(row("actions", &s.actions));
    table.row(row("catalog", &s.catalog));
    if s.unreadable_files > 0 {
        table.row(vec![
            "unreadable files".into(),
            s.unreadable_files.into(),
            0usize.into(),
            0usize.into(),
            0usize.into(),
            0usize.into(),
            s.unreadable_files.into(),
        ]);
    }
    let total = KindCounts {
        read: s.read,
        imported: s.imported,
        new: s.new,
        updated: s.updated,
        unchanged: s.unchanged,
        rejected: s.rejected,
    };
    table.row(row("total", &total));
    let state = if s.store_changed {
        "written"
    } else {
        "unchanged, nothing written"
    };
    let footer = vec![format!(
        "{} file(s) read, {} warning(s); store {} ({})",
        s.files,
        s.warnings,
        store.dir().display(),
        state
    )];
    let mut json = serde_json::to_value(s).unwrap_or_default();
    if let Some(obj) = json.as_object_mut() {
        obj.insert("store".into(), store.dir().display().to_string().into());
    }
    View {
        header: Vec::new(),
        json,
        tables: vec![table],
        footer,
        csv: None,
    }
}

/// `recur import`: runs the import, then frees nothing the process is about to drop.
pub(crate) fn command(
    run: &Runner<'_>,
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    self::run(options, run.store, run.progress, run.timings, out, err)
        .map(|(_, data)| crate::runner::release(run.global, data))
}
