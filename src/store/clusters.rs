//! Stored clusterings: a query clusters the incidents once and keeps the result beside the
//! store's generations, under the key of its inputs (`cluster::cache_key`), in
//! `<store>/clusters/<key>/`: `clusters.parquet` (one row per cluster) and `assignment.parquet`
//! (one row per incident, in store order: the index of its cluster, or null, and the basis of the
//! assignment: `basis` with its `detail`, the phrase or the similarity; `rep`, the index of the
//! text that stands for it in `reps.parquet`, the texts the semantic stage embedded). A key covers the
//! causes, the masked names, the taxonomy and the settings, so a stale entry is never read: it
//! simply has another key. An entry is written to a temporary directory and renamed into place,
//! so readers see a whole entry or none; the few most recently used entries are kept.

use super::columns::{self as col, read_list, read_opt_text, read_opt_u32, read_text, read_u32};
use super::{Store, read_table, write_table};
use crate::cluster::{Basis, Cluster, Clustering};
use crate::error::{RecurError, Result};
use polars::prelude::*;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// How many stored clusterings are kept (one per taxonomy or settings in use, in practice).
const KEEP: usize = 4;

impl Store {
    fn clusters_dir(&self) -> PathBuf {
        self.dir().join("clusters")
    }

    /// The clustering stored under `key`, if there is one for `incidents` incidents. A damaged
    /// entry is an error (callers cluster afresh and store the result again).
    pub fn load_clustering(&self, key: &str, incidents: usize) -> Result<Option<Clustering>> {
        let dir = self.clusters_dir().join(key);
        if !dir.join("assignment.parquet").is_file() {
            return Ok(None);
        }
        let clusters = clusters_from(&read_table(&dir.join("clusters.parquet"))?)?;
        let table = read_table(&dir.join("assignment.parquet"))?;
        let assignment = read_opt_u32(&table, "cluster")?;
        let basis = bases_from(&table)?;
        let rep_of: Vec<Option<u32>> = read_opt_u32(&table, "rep")?;
        let reps = read_text(&read_table(&dir.join("reps.parquet"))?, "text")?;
        if assignment.len() != incidents
            || basis.len() != incidents
            || rep_of.iter().flatten().any(|r| *r as usize >= reps.len())
            || assignment
                .iter()
                .flatten()
                .any(|c| *c as usize >= clusters.len())
        {
            return Err(self.damaged(&dir, "the assignment does not match the store"));
        }
        // Touch the entry so that pruning keeps the ones in use.
        let _ = File::open(dir.join("assignment.parquet"))
            .and_then(|f| f.set_modified(std::time::SystemTime::now()));
        let mut clusters = clusters;
        let assignment: Vec<Option<usize>> = assignment
            .into_iter()
            .map(|c| c.map(|c| c as usize))
            .collect();
        for (incident, c) in assignment.iter().enumerate() {
            if let Some(c) = c {
                clusters[*c].members.push(incident);
            }
        }
        Ok(Some(Clustering {
            clusters,
            assignment,
            basis,
            reps,
            rep_of,
            curation_notes: Vec::new(),
            link_notes: Vec::new(),
        }))
    }

    /// Stores a clustering under `key`, then removes all but the most recently used entries.
    pub fn save_clustering(&self, key: &str, clustering: &Clustering) -> Result<()> {
        let root = self.clusters_dir();
        let target = root.join(key);
        if target.is_dir() {
            return Ok(());
        }
        let staging = root.join(format!(".{key}.tmp-{}", std::process::id()));
        fs::create_dir_all(&staging).map_err(|e| RecurError::io(&staging, e))?;
        write_table(
            &staging.join("clusters.parquet"),
            clusters_frame(clustering)?,
        )?;
        write_table(
            &staging.join("assignment.parquet"),
            assignment_frame(clustering)?,
        )?;
        let reps = DataFrame::new(
            clustering.reps.len(),
            vec![col::text(
                "text",
                clustering.reps.iter().map(String::as_str),
            )],
        )
        .map_err(|e| RecurError::table("building the representatives table", e))?;
        write_table(&staging.join("reps.parquet"), reps)?;
        if let Err(e) = fs::rename(&staging, &target) {
            let _ = fs::remove_dir_all(&staging);
            // Another process stored the same key meanwhile: its entry is as good as ours.
            if !target.is_dir() {
                return Err(RecurError::io(&target, e));
            }
        }
        prune(&root, KEEP);
        Ok(())
    }

    fn damaged(&self, dir: &Path, reason: &str) -> RecurError {
        RecurError::Store {
            dir: self.dir().display().to_string(),
            reason: format!("stored clustering {}: {reason}", dir.display()),
        }
    }
}

fn clusters_frame(c: &Clustering) -> Result<DataFrame> {
    let k = &c.clusters;
    let columns = vec![
        col::text("id", k.iter().map(|x| x.id.as_str())),
        col::text("label", k.iter().map(|x| x.label.as_str())),
        col::opt_text("class", k.iter().map(|x| x.class.as_deref())),
        col::list("top_terms", k.iter().map(|x| x.top_terms.as_slice())),
        Column::new(
            "weak_members".into(),
            k.iter()
                .map(|x| x.weak_members as u32)
                .collect::<Vec<u32>>(),
        ),
        Column::new(
            "crumb".into(),
            k.iter().map(|x| u32::from(x.crumb)).collect::<Vec<u32>>(),
        ),
    ];
    DataFrame::new(k.len(), columns)
        .map_err(|e| RecurError::table("building the clusters table", e))
}

fn assignment_frame(c: &Clustering) -> Result<DataFrame> {
    let column = Column::new(
        "cluster".into(),
        c.assignment
            .iter()
            .map(|a| a.map(|x| x as u32))
            .collect::<Vec<Option<u32>>>(),
    );
    let (kinds, details): (Vec<&str>, Vec<Option<String>>) =
        c.basis.iter().map(Basis::parts).unzip();
    let rep = Column::new("rep".into(), c.rep_of.clone());
    let columns = vec![
        column,
        rep,
        col::text("basis", kinds.into_iter()),
        col::opt_text("detail", details.iter().map(Option::as_deref)),
    ];
    DataFrame::new(c.assignment.len(), columns)
        .map_err(|e| RecurError::table("building the assignment table", e))
}

fn bases_from(df: &DataFrame) -> Result<Vec<Basis>> {
    let kinds = read_text(df, "basis")?;
    let details = read_opt_text(df, "detail")?;
    kinds
        .into_iter()
        .zip(details)
        .map(|(kind, detail)| {
            Basis::from_parts(&kind, detail).ok_or_else(|| {
                RecurError::Invalid(format!("stored clustering: unknown basis {kind:?}"))
            })
        })
        .collect()
}

fn clusters_from(df: &DataFrame) -> Result<Vec<Cluster>> {
    let ids = read_text(df, "id")?;
    let labels = read_text(df, "label")?;
    let classes = read_opt_text(df, "class")?;
    let terms = read_list(df, "top_terms")?;
    let weak = read_u32(df, "weak_members")?;
    let crumb = read_u32(df, "crumb")?;
    Ok(ids
        .into_iter()
        .zip(labels)
        .zip(classes)
        .zip(terms)
        .zip(weak.into_iter().zip(crumb))
        .map(
            |((((id, label), class), top_terms), (weak, crumb))| Cluster {
                id,
                label,
                class,
                members: Vec::new(),
                top_terms,
                weak_members: weak as usize,
                crumb: crumb != 0,
                curated: false,
            },
        )
        .collect())
}

/// Keeps the `keep` most recently used entries (and no leftovers of interrupted writes).
fn prune(root: &Path, keep: usize) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    let mut dated: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            // Another process may be writing it right now: only remove old leftovers.
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if old {
                let _ = fs::remove_dir_all(&path);
            }
            continue;
        }
        let used = fs::metadata(path.join("assignment.parquet"))
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        dated.push((used, path));
    }
    dated.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (_, path) in dated.into_iter().skip(keep) {
        let _ = fs::remove_dir_all(path);
    }
}
