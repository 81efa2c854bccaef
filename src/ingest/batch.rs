//! `Batch`: everything one import read, before it is merged into the store.

use super::rejection::{Level, RecordKind, Rejection};
use crate::model::{Action, CatalogEntity, Incident, SourceRef};
use std::collections::HashMap;

/// How many records of each kind were read (imported or rejected).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadCounts {
    pub incidents: usize,
    pub actions: usize,
    pub catalog: usize,
    /// Files that could not be read at all; each counts as one rejected record.
    pub files: usize,
}

/// What an import read: valid records, rejections and warnings. What was read in all is counted
/// from these (see [`Batch::read`]): every record read is either kept here or rejected here.
#[derive(Debug, Default)]
pub struct Batch {
    pub incidents: Vec<Incident>,
    /// Actions from `actions.csv` files, attached to their incidents when merged.
    pub loose_actions: Vec<(Action, SourceRef)>,
    pub catalog: Vec<CatalogEntity>,
    /// Rejections (level error) and warnings, in reading order.
    pub notes: Vec<Rejection>,
    /// Every file read, as displayed.
    pub files: Vec<String>,
    /// Paths found but not read (a link looping back, a file already read through another
    /// path), as displayed; each import that finds them replaces their warnings.
    pub skipped: Vec<String>,
    /// Source fields no recur field reads, with how many records had them (one warning per file).
    pub unknown_fields: std::collections::BTreeMap<String, usize>,
}

impl Batch {
    /// Appends another batch (files are merged in a fixed order, so results are deterministic).
    pub fn append(&mut self, other: Batch) {
        self.incidents.extend(other.incidents);
        self.loose_actions.extend(other.loose_actions);
        self.catalog.extend(other.catalog);
        self.notes.extend(other.notes);
        self.files.extend(other.files);
        self.skipped.extend(other.skipped);
        debug_assert!(other.unknown_fields.is_empty(), "flushed per file");
    }

    /// Notes the fields of a record that recur does not read.
    pub fn note_unknown_fields<'a>(
        &mut self,
        names: impl Iterator<Item = &'a str>,
        reader: &super::FieldReader<'_>,
    ) {
        for name in names {
            if !reader.reads(name) {
                *self.unknown_fields.entry(name.to_string()).or_default() += 1;
            }
        }
    }

    /// Turns the unknown fields noted for `file` into one warning.
    pub fn flush_unknown_fields(&mut self, file: &str) {
        if self.unknown_fields.is_empty() {
            return;
        }
        let list: Vec<String> = std::mem::take(&mut self.unknown_fields)
            .into_iter()
            .map(|(name, n)| {
                let records = format!("{n} record{}", if n == 1 { "" } else { "s" });
                match super::suggest::field_for(&name) {
                    Some(field) => format!("{name} ({records}; did you mean {field}?)"),
                    None => format!("{name} ({records})"),
                }
            })
            .collect();
        self.notes.push(Rejection::warning(RecordKind::File, file, "").reason(format!(
            "fields recur does not read were ignored: {} (see docs/formats.md, or map them with --mapping)",
            list.join(", ")
        )));
    }

    /// Records a whole file that could not be read.
    pub fn reject_file(
        &mut self,
        file: &str,
        location: impl Into<String>,
        reason: impl Into<String>,
    ) {
        self.notes
            .push(Rejection::error(RecordKind::File, file, location).reason(reason));
    }

    /// How many records of each kind were read: those kept plus those rejected. Loose actions
    /// rejected when merged are counted from the notes they add, so this holds before and after.
    pub fn read(&self) -> ReadCounts {
        let errors = |kind: RecordKind| self.rejections().filter(|n| n.kind == kind).count();
        ReadCounts {
            incidents: self.incidents.len() + errors(RecordKind::Incident),
            actions: self
                .incidents
                .iter()
                .map(|i| i.actions.len())
                .sum::<usize>()
                + self.loose_actions.len()
                + errors(RecordKind::Action),
            catalog: self.catalog.len() + errors(RecordKind::Catalog),
            files: errors(RecordKind::File),
        }
    }

    /// Adds a validated incident record: the incident or its rejection, and its notes.
    pub fn add_built(&mut self, built: super::build::Built) {
        self.notes.extend(built.notes);
        match built.incident {
            Ok(incident) => self.incidents.push(incident),
            Err(rejection) => self.notes.push(rejection),
        }
    }

    /// Rejections (not warnings).
    pub fn rejections(&self) -> impl Iterator<Item = &Rejection> {
        self.notes.iter().filter(|n| n.level == Level::Error)
    }

    /// Rejects the second and later incidents with an id already read in this import.
    pub fn reject_duplicate_ids(&mut self) {
        let mut first_seen: HashMap<String, SourceRef> =
            HashMap::with_capacity(self.incidents.len());
        let mut kept = Vec::with_capacity(self.incidents.len());
        for incident in std::mem::take(&mut self.incidents) {
            if let Some(first) = first_seen.get(&incident.id) {
                let reason = format!("duplicate id, first read at {first}");
                self.notes.push(
                    Rejection::error(
                        RecordKind::Incident,
                        &incident.source.file,
                        &incident.source.location,
                    )
                    .id(Some(&incident.id))
                    .field("id")
                    .reason(reason),
                );
                for (i, _) in incident.actions.iter().enumerate() {
                    self.notes.push(
                        Rejection::error(
                            RecordKind::Action,
                            &incident.source.file,
                            &incident.source.location,
                        )
                        .id(Some(&incident.id))
                        .field(format!("actions[{}]", i + 1))
                        .reason("its incident was rejected"),
                    );
                }
            } else {
                first_seen.insert(incident.id.clone(), incident.source.clone());
                kept.push(incident);
            }
        }
        self.incidents = kept;
    }
}
