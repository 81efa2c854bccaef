//! Upsert: a freshly read [`Batch`] merged into what the store holds, counting what is new,
//! updated, unchanged and rejected so that read = imported + rejected for every kind of record.
//!
//! Incidents are upserted by id (history is never dropped by a re-import). An incident's actions
//! are replaced as a set when it, or `actions.csv` rows for it, are imported again. A catalog file
//! is a snapshot: re-importing it replaces every row that came from it. Rejections of a file are
//! replaced when the file is read again.

use super::StoreData;
use crate::ingest::{Batch, Level, RecordKind, Rejection};
use crate::model::{Action, CatalogEntity, EntityKind};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Counts for one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub read: usize,
    pub imported: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

impl KindCounts {
    fn add(&mut self, o: &KindCounts) {
        self.read += o.read;
        self.imported += o.imported;
        self.new += o.new;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.rejected += o.rejected;
    }

    /// True when read = imported + rejected.
    pub fn reconciles(&self) -> bool {
        self.read == self.imported + self.rejected
            && self.imported == self.new + self.updated + self.unchanged
    }
}

/// What an import did. The top-level counts add up the three kinds and unreadable files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub read: usize,
    pub imported: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    pub warnings: usize,
    /// Files read.
    pub files: usize,
    /// Files that could not be read at all (each counted as one rejected record).
    pub unreadable_files: usize,
    pub incidents: KindCounts,
    pub actions: KindCounts,
    pub catalog: KindCounts,
    /// False when the store already held exactly this (nothing was written).
    pub store_changed: bool,
}

fn errors_of(notes: &[Rejection], kind: RecordKind) -> usize {
    notes
        .iter()
        .filter(|n| n.level == Level::Error && n.kind == kind)
        .count()
}

/// Counts a new action list against the old one of the same incident; the old actions are
/// looked up by title, so 100,000 actions are not compared pairwise.
fn count_actions(old: &[Action], new: &[Action], counts: &mut KindCounts) {
    let mut by_title: HashMap<&str, Vec<&Action>> = HashMap::new();
    for o in old {
        by_title.entry(o.title.as_str()).or_default().push(o);
    }
    for action in new {
        counts.imported += 1;
        let same_title = by_title.get(action.title.as_str());
        if same_title.is_some_and(|olds| olds.iter().any(|o| o.same_content(action))) {
            counts.unchanged += 1;
        } else if same_title.is_some() {
            counts.updated += 1;
        } else {
            counts.new += 1;
        }
    }
}

fn same_actions(a: &[Action], b: &[Action]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_content(y))
}

/// Merges `batch` into `existing`.
pub fn merge(existing: StoreData, mut batch: Batch) -> (StoreData, Summary) {
    let mut s = Summary {
        files: batch.files.len(),
        ..Summary::default()
    };
    let StoreData {
        mut incidents,
        catalog,
        notes,
        without_actions,
    } = existing;
    assert!(
        !without_actions,
        "a store read without its actions cannot be merged: the actions would be lost"
    );
    let mut changed = false;
    let stored_at: HashMap<String, usize> = incidents
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.clone(), i))
        .collect();

    let read = batch.read();
    // Loose actions (actions.csv) join their incident, in this batch or in the store.
    let batch_at: HashMap<String, usize> = batch
        .incidents
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.clone(), i))
        .collect();
    let mut replacements: HashMap<String, Vec<Action>> = HashMap::new();
    for (action, source) in std::mem::take(&mut batch.loose_actions) {
        if let Some(&i) = batch_at.get(&action.incident_id) {
            batch.incidents[i].actions.push(action);
        } else if stored_at.contains_key(&action.incident_id) {
            replacements
                .entry(action.incident_id.clone())
                .or_default()
                .push(action);
        } else {
            batch.notes.push(
                Rejection::error(RecordKind::Action, &source.file, &source.location)
                    .id(Some(&action.incident_id))
                    .field("incident_id")
                    .reason(format!(
                        "incident {} is neither in this import nor in the store",
                        action.incident_id
                    )),
            );
        }
    }

    for incident in std::mem::take(&mut batch.incidents) {
        s.incidents.imported += 1;
        match stored_at.get(&incident.id) {
            None => {
                s.incidents.new += 1;
                count_actions(&[], &incident.actions, &mut s.actions);
                incidents.push(incident);
                changed = true;
            }
            Some(&i) => {
                count_actions(&incidents[i].actions, &incident.actions, &mut s.actions);
                if incidents[i].same_content(&incident) {
                    s.incidents.unchanged += 1;
                } else {
                    s.incidents.updated += 1;
                    incidents[i] = incident;
                    changed = true;
                }
            }
        }
    }
    for (id, actions) in replacements {
        let i = stored_at[&id];
        count_actions(&incidents[i].actions, &actions, &mut s.actions);
        if !same_actions(&incidents[i].actions, &actions) {
            incidents[i].actions = actions;
            changed = true;
        }
    }
    incidents.sort_by(|a, b| a.id.cmp(&b.id));

    // Catalog: the files read replace their rows.
    let files: HashSet<&str> = batch.files.iter().map(String::as_str).collect();
    batch
        .catalog
        .sort_by(|a, b| a.source_file.cmp(&b.source_file));
    batch.notes.sort_by(|a, b| a.file.cmp(&b.file));
    let (old_rows, mut kept): (Vec<_>, Vec<_>) = catalog
        .into_iter()
        .partition(|e| files.contains(e.source_file.as_str()));
    // The first old row of each file, name and kind, found without a search per entity.
    let mut old_at: HashMap<(&str, &str, EntityKind), &CatalogEntity> = HashMap::new();
    for o in &old_rows {
        old_at
            .entry((o.source_file.as_str(), o.name.as_str(), o.kind))
            .or_insert(o);
    }
    for entity in &batch.catalog {
        s.catalog.imported += 1;
        let key = (
            entity.source_file.as_str(),
            entity.name.as_str(),
            entity.kind,
        );
        match old_at.get(&key) {
            None => s.catalog.new += 1,
            Some(o) if o.same_content(entity) => s.catalog.unchanged += 1,
            Some(_) => s.catalog.updated += 1,
        }
    }
    let catalog_changed = old_rows.len() != batch.catalog.len()
        || old_rows
            .iter()
            .zip(&batch.catalog)
            .any(|(a, b)| !a.same_content(b));
    kept.extend(std::mem::take(&mut batch.catalog));
    kept.sort_by(|a, b| a.source_file.cmp(&b.source_file));

    // Rejections and warnings: the files read (or skipped) replace theirs.
    let skipped: HashSet<&str> = batch.skipped.iter().map(String::as_str).collect();
    let (old_notes, mut kept_notes): (Vec<_>, Vec<_>) = notes
        .into_iter()
        .partition(|n| files.contains(n.file.as_str()) || skipped.contains(n.file.as_str()));
    let notes_changed = old_notes != batch.notes;
    s.incidents.read = read.incidents;
    s.actions.read = read.actions;
    s.catalog.read = read.catalog;
    s.incidents.rejected = errors_of(&batch.notes, RecordKind::Incident);
    s.actions.rejected = errors_of(&batch.notes, RecordKind::Action);
    s.catalog.rejected = errors_of(&batch.notes, RecordKind::Catalog);
    s.unreadable_files = errors_of(&batch.notes, RecordKind::File);
    s.warnings = batch
        .notes
        .iter()
        .filter(|n| n.level == Level::Warning)
        .count();
    kept_notes.extend(batch.notes);
    kept_notes.sort_by(|a, b| a.file.cmp(&b.file));

    let mut total = KindCounts::default();
    for kind in [&s.incidents, &s.actions, &s.catalog] {
        total.add(kind);
    }
    s.read = total.read + s.unreadable_files;
    s.rejected = total.rejected + s.unreadable_files;
    s.imported = total.imported;
    s.new = total.new;
    s.updated = total.updated;
    s.unchanged = total.unchanged;
    s.store_changed = changed || catalog_changed || notes_changed;
    debug_assert!(
        [&s.incidents, &s.actions, &s.catalog]
            .iter()
            .all(|k| k.reconciles()),
        "counts must reconcile: {s:?}"
    );
    let data = StoreData {
        incidents,
        catalog: kept,
        notes: kept_notes,
        without_actions: false,
    };
    (data, s)
}
