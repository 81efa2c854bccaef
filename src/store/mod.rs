//! The embedded store: what `import` writes and every query reads.
//!
//! Layout: `<dir>/CURRENT` names the live generation, `<dir>/gen-NNNNNN/` holds `meta.json` and
//! one Parquet file per table. A write builds a new generation beside the live one and then
//! replaces `CURRENT` by an atomic rename, so a killed import leaves the previous store readable
//! and unchanged. `meta.json` carries the format version; an unknown version is an error.

mod clusters;
mod columns;
mod damage;
pub mod fault;
pub mod lock;
mod merge;
mod tables;
mod vectors;

pub use lock::{StoreLock, Wait};
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
                let foreign = self.dir.is_dir()
                    && fs::read_dir(&self.dir)
                        .map_err(|e| RecurError::io(&self.dir, e))?
                        .flatten()
                        .any(|e| !is_recur_entry(&e.file_name().to_string_lossy()));
                if foreign {
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
        let Some(mut generation) = self.current()? else {
            return Ok(StoreData::default());
        };
        // Readers take no lock: an import that commits meanwhile removes the generation being
        // read, so a failed read of a generation that is no longer live is tried again.
        for _ in 0..3 {
            let result = self.load_generation(&generation, what);
            match self.current()? {
                Some(now) if result.is_err() && now != generation => generation = now,
                _ => return result,
            }
        }
        self.load_generation(&generation, what)
    }

    fn load_generation(&self, generation: &Path, what: Load) -> Result<StoreData> {
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

    /// Takes the store's exclusive write lock (see [`lock`]); an import holds it from before it
    /// loads the store until [`Store::save`] has returned.
    pub fn lock(&self, wait: Wait, waiting: &mut dyn FnMut()) -> Result<StoreLock> {
        lock::acquire(&self.dir, wait, waiting)
    }

    /// Writes `data` as the new live generation, atomically; `_lock` proves the caller holds
    /// the write lock. The steps, each a point where a crash leaves a store this function
    /// repairs on its next call (docs/store.md gives the argument):
    /// locked → repaired → staging-created → tables-written → staged → renamed →
    /// pointer-written → switched → cleaned.
    pub fn save(&self, data: &StoreData, _lock: &StoreLock) -> Result<()> {
        fault::point("locked", &self.dir)?;
        let previous = self.current()?;
        let live = previous
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().to_string());
        self.remove_stale(live.as_deref())?;
        fault::point("repaired", &self.dir)?;
        let next_number = live
            .as_deref()
            .and_then(|n| n.strip_prefix("gen-")?.parse::<u64>().ok())
            .map_or(1, |n| n + 1);
        let name = format!("gen-{next_number:06}");
        let staging = self.dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let written = self.stage_and_switch(data, &name, &staging);
        if written.is_err() {
            // A failed write (a full disk, say) must not keep its partial copy of the store.
            let _ = fs::remove_dir_all(&staging);
            let target = self.dir.join(&name);
            if self.current()?.as_deref() != Some(target.as_path()) {
                let _ = fs::remove_dir_all(&target);
            }
            return written;
        }
        // The new generation is live: a cleanup that fails now is repaired by the next write.
        let _ = self.remove_stale(Some(&name));
        fault::point("cleaned", &self.dir)
    }

    /// Writes the generation under `staging`, renames it to `name` and points `CURRENT` at it.
    fn stage_and_switch(&self, data: &StoreData, name: &str, staging: &Path) -> Result<()> {
        fs::create_dir_all(staging).map_err(|e| RecurError::io(staging, e))?;
        fault::point("staging-created", &self.dir)?;
        self.write_generation(staging, data)?;
        sync_dir(staging)?;
        fault::point("staged", &self.dir)?;
        let target = self.dir.join(name);
        fs::rename(staging, &target).map_err(|e| RecurError::io(&target, e))?;
        sync_dir(&self.dir)?;
        fault::point("renamed", &self.dir)?;
        let pointer_tmp = self
            .dir
            .join(format!(".CURRENT.tmp-{}", std::process::id()));
        write_synced(&pointer_tmp, format!("{name}\n").as_bytes())?;
        fault::point("pointer-written", &self.dir)?;
        let pointer = self.dir.join("CURRENT");
        fs::rename(&pointer_tmp, &pointer).map_err(|e| RecurError::io(&pointer, e))?;
        sync_dir(&self.dir)?;
        fault::point("switched", &self.dir)
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
        fault::point("tables-written", &self.dir)?;
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

    /// Removes every generation other than `keep` and the leftovers of interrupted writes
    /// (staging folders, `CURRENT` temp files). Only called with the write lock held, so nothing
    /// removed here is being written by another import.
    fn remove_stale(&self, keep: Option<&str>) -> Result<()> {
        let entries = fs::read_dir(&self.dir).map_err(|e| RecurError::io(&self.dir, e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let removable = is_recur_entry(&name) && name != "CURRENT" && name != lock::LOCK_FILE;
            if !removable || Some(name.as_str()) == keep {
                continue; // the live generation, clusters/, vectors.bin, curation.yaml, …
            }
            let path = entry.path();
            let removed = match entry.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
                _ => fs::remove_file(&path),
            };
            match removed {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(RecurError::io(&path, e)),
            }
        }
        Ok(())
    }
}

/// True for the names recur itself creates at the top of a store: `CURRENT`, `LOCK`,
/// generations, their staging folders and `CURRENT` temp files.
fn is_recur_entry(name: &str) -> bool {
    name == "CURRENT"
        || name == lock::LOCK_FILE
        || name.strip_prefix("gen-").is_some_and(is_generation_number)
        || (name.starts_with(".gen-") && name.contains(".tmp-"))
        || name.starts_with(".CURRENT.tmp-")
}

fn is_generation_number(digits: &str) -> bool {
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Makes a directory's entries (a rename, a new file) durable.
fn sync_dir(dir: &Path) -> Result<()> {
    match File::open(dir) {
        Ok(d) => d.sync_all().map_err(|e| RecurError::io(dir, e)),
        Err(e) => Err(RecurError::io(dir, e)),
    }
}

/// Reads one Parquet table of the store. A damaged file is an error naming it, whether the
/// reader reports the damage or panics on it (as polars does when a garbled page decodes to
/// columns of unequal length: see [`damage`]).
fn read_table(path: &Path) -> Result<DataFrame> {
    let file = File::open(path).map_err(|e| RecurError::io(path, e))?;
    damage::catch(|| ParquetReader::new(file).finish())
        .map_err(|()| {
            RecurError::Invalid(format!(
                "reading {}: the file is damaged (its data cannot be decoded); restore it from a backup or import again into a new store",
                path.display()
            ))
        })?
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
