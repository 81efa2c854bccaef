//! The embedded store: what `import` writes and every query reads.
//!
//! Layout: `<dir>/CURRENT` names the live generation, `<dir>/gen-NNNNNN/` holds `meta.json` and
//! one Parquet file per table. A write builds a new generation beside the live one and then
//! replaces `CURRENT` by an atomic rename, so a killed import leaves the previous store readable
//! and unchanged. `meta.json` carries the format version; an unknown version is an error.

mod clusters;
mod columns;
mod merge;
mod tables;
mod vectors;

pub use merge::{KindCounts, Summary, merge};

use crate::error::{RecurError, Result};
use crate::ingest::Rejection;
use crate::model::{CatalogEntity, Incident};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The store format this recur reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Everything the store holds.
#[derive(Debug, Default, Clone)]
pub struct StoreData {
    /// Sorted by id; each with its actions.
    pub incidents: Vec<Incident>,
    /// Sorted by source file, then name.
    pub catalog: Vec<CatalogEntity>,
    /// Rejections and warnings of the files last imported, in reading order.
    pub notes: Vec<Rejection>,
    /// Read with `Load::WithoutActions`: every incident's `actions` is empty whatever the store
    /// holds, so this data must not be judged for follow-ups nor written back.
    pub without_actions: bool,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    format_version: u32,
    written_by: String,
    incidents: usize,
    actions: usize,
    catalog_entities: usize,
    notes: usize,
}

/// What to read of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    Everything,
    /// Incidents without their follow-up actions (each incident's `actions` stays empty): for
    /// the analyses that never look at follow-ups, which then load in about half the time.
    WithoutActions,
}

/// A store directory.
pub struct Store {
    dir: PathBuf,
}

const TABLES: [&str; 4] = ["incidents", "actions", "catalog", "rejections"];

impl Store {
    /// The store at `dir` (which need not exist yet).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn error(&self, reason: impl Into<String>) -> RecurError {
        RecurError::Store {
            dir: self.dir.display().to_string(),
            reason: reason.into(),
        }
    }

    /// The live generation's directory, or `None` for a store never written.
    fn current(&self) -> Result<Option<PathBuf>> {
        let pointer = self.dir.join("CURRENT");
        match fs::read_to_string(&pointer) {
            Ok(name) => {
                let name = name.trim();
                if !name.starts_with("gen-") || name.contains(['/', '\\']) {
                    return Err(
                        self.error(format!("CURRENT names {name:?}, which is not a generation"))
                    );
                }
                Ok(Some(self.dir.join(name)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.dir.is_dir()
                    && fs::read_dir(&self.dir)
                        .map_err(|e| RecurError::io(&self.dir, e))?
                        .next()
                        .is_some()
                {
                    return Err(
                        self.error("not a recur store (no CURRENT file); choose another --store")
                    );
                }
                Ok(None)
            }
            Err(e) => Err(RecurError::io(&pointer, e)),
        }
    }

    /// True when the store has been written at least once.
    pub fn exists(&self) -> Result<bool> {
        Ok(self.current()?.is_some())
    }

    /// Reads the whole store; an empty store when it was never written.
    pub fn load(&self) -> Result<StoreData> {
        self.load_with(Load::Everything)
    }

    /// Reads the store, with or without the follow-up actions; an empty store when it was never
    /// written.
    pub fn load_with(&self, what: Load) -> Result<StoreData> {
        let Some(generation) = self.current()? else {
            return Ok(StoreData::default());
        };
        let meta_path = generation.join("meta.json");
        let meta_text =
            fs::read_to_string(&meta_path).map_err(|e| RecurError::io(&meta_path, e))?;
        let meta: serde_json::Value = serde_json::from_str(&meta_text)
            .map_err(|e| self.error(format!("meta.json is not valid JSON: {e}")))?;
        let version = meta
            .get("format_version")
            .and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(FORMAT_VERSION)) {
            let found = version.map_or("none".to_string(), |v| v.to_string());
            return Err(self.error(format!(
                "store format version {found}, but this recur reads version {FORMAT_VERSION}; re-import into a new --store, or use the recur that wrote it"
            )));
        }
        let read = |table: &str| read_table(&generation.join(format!("{table}.parquet")));
        let wrap = |e: RecurError| match e {
            RecurError::Store { reason, .. } => self.error(reason),
            other => other,
        };
        // The tables are independent: read and convert them on both cores.
        let (incidents, (catalog, notes)) = rayon::join(
            || {
                let (inc, act) = rayon::join(
                    || read("incidents"),
                    || {
                        (what == Load::Everything)
                            .then(|| read("actions"))
                            .transpose()
                    },
                );
                tables::incidents_from(&inc?, act?.as_ref()).map_err(wrap)
            },
            || {
                rayon::join(
                    || {
                        read("catalog")
                            .and_then(|df| tables::catalog_from(&df))
                            .map_err(wrap)
                    },
                    || {
                        read("rejections")
                            .and_then(|df| tables::notes_from(&df))
                            .map_err(wrap)
                    },
                )
            },
        );
        let (incidents, catalog, notes) = (incidents?, catalog?, notes?);
        Ok(StoreData {
            incidents,
            catalog,
            notes,
            without_actions: what == Load::WithoutActions,
        })
    }

    /// Writes `data` as the new live generation, atomically.
    pub fn save(&self, data: &StoreData) -> Result<()> {
        fs::create_dir_all(&self.dir).map_err(|e| RecurError::io(&self.dir, e))?;
        let previous = self.current()?;
        let next_number = previous
            .as_ref()
            .and_then(|p| {
                p.file_name()?
                    .to_str()?
                    .strip_prefix("gen-")?
                    .parse::<u64>()
                    .ok()
            })
            .map_or(1, |n| n + 1);
        let name = format!("gen-{next_number:06}");
        let staging = self.dir.join(format!(".{name}.tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| RecurError::io(&staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| RecurError::io(&staging, e))?;
        self.write_generation(&staging, data)?;
        let target = self.dir.join(&name);
        fs::rename(&staging, &target).map_err(|e| RecurError::io(&target, e))?;
        let pointer_tmp = self
            .dir
            .join(format!(".CURRENT.tmp-{}", std::process::id()));
        write_synced(&pointer_tmp, format!("{name}\n").as_bytes())?;
        let pointer = self.dir.join("CURRENT");
        fs::rename(&pointer_tmp, &pointer).map_err(|e| RecurError::io(&pointer, e))?;
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        self.remove_stale(&name);
        Ok(())
    }

    fn write_generation(&self, dir: &Path, data: &StoreData) -> Result<()> {
        let write = |table: &str, build: &(dyn Fn() -> Result<DataFrame> + Sync)| -> Result<()> {
            let path = dir.join(format!("{table}.parquet"));
            let file = write_table(&path, build()?)?;
            file.sync_all().map_err(|e| RecurError::io(&path, e))
        };
        // Each table is built and written on its own; the two large ones in parallel.
        let (a, b) = rayon::join(
            || write(TABLES[0], &|| tables::incidents_frame(&data.incidents)),
            || write(TABLES[1], &|| tables::actions_frame(&data.incidents)),
        );
        a?;
        b?;
        write(TABLES[2], &|| tables::catalog_frame(&data.catalog))?;
        write(TABLES[3], &|| tables::notes_frame(&data.notes))?;
        let meta = Meta {
            format_version: FORMAT_VERSION,
            written_by: format!("recur {}", env!("CARGO_PKG_VERSION")),
            incidents: data.incidents.len(),
            actions: data.incidents.iter().map(|i| i.actions.len()).sum(),
            catalog_entities: data.catalog.len(),
            notes: data.notes.len(),
        };
        let text = serde_json::to_string_pretty(&meta).map_err(|e| self.error(e.to_string()))?;
        write_synced(&dir.join("meta.json"), text.as_bytes())
    }

    /// Removes generations other than `keep` and staging leftovers of killed imports.
    fn remove_stale(&self, keep: &str) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let stale_gen = name.starts_with("gen-") && name != keep;
            let leftover = name.starts_with(".gen-") || name.starts_with(".CURRENT.tmp-");
            if stale_gen || leftover {
                let path = entry.path();
                let _ = if path.is_dir() {
                    fs::remove_dir_all(&path)
                } else {
                    fs::remove_file(&path)
                };
            }
        }
    }
}

/// Reads one Parquet table of the store.
fn read_table(path: &Path) -> Result<DataFrame> {
    let file = File::open(path).map_err(|e| RecurError::io(path, e))?;
    ParquetReader::new(file)
        .finish()
        .map_err(|e| RecurError::table(format!("reading {}", path.display()), e))
}

/// Writes one Parquet table of the store (Snappy); returns the file, for callers that sync it.
fn write_table(path: &Path, mut df: DataFrame) -> Result<File> {
    let mut file = File::create(path).map_err(|e| RecurError::io(path, e))?;
    ParquetWriter::new(&mut file)
        .with_compression(ParquetCompression::Snappy)
        .finish(&mut df)
        .map_err(|e| RecurError::table(format!("writing {}", path.display()), e))?;
    Ok(file)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = File::create(path).map_err(|e| RecurError::io(path, e))?;
    file.write_all(bytes).map_err(|e| RecurError::io(path, e))?;
    file.sync_all().map_err(|e| RecurError::io(path, e))
}
