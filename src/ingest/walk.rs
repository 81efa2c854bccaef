//! Finding the files to read under the paths of an import: each directory entered and each file
//! listed once (by canonical path), so symbolic link loops end and nothing is read twice; only
//! regular files are listed, since a FIFO or device could make the read wait forever.

use super::rejection::{RecordKind, Rejection};
use crate::error::{RecurError, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The files found so far, and warnings about what was skipped.
#[derive(Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Rejection>,
    /// Canonical paths of the directories entered and the files listed, with the path each was
    /// first found at.
    seen: HashMap<PathBuf, PathBuf>,
}

impl Walk {
    /// Adds the files under `path`: itself if a file, else every known file below it, sorted,
    /// hidden entries skipped.
    pub fn add(&mut self, path: &Path) -> Result<()> {
        let meta = std::fs::metadata(path).map_err(|e| RecurError::io(path, e))?;
        if !meta.is_dir() {
            self.add_file(path);
            return Ok(());
        }
        let mut ancestors = Vec::new();
        self.add_dir(path, &mut ancestors)
            .map_err(|e| RecurError::io(path, e))
    }

    /// Lists a regular file unless it was listed already (through another path or link); a
    /// FIFO, socket or device is skipped, since reading it could wait forever.
    fn add_file(&mut self, path: &Path) {
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            let reason = "not a regular file (a FIFO, socket or device); skipped";
            return self.skip(path, reason.into());
        }
        let Ok(real) = std::fs::canonicalize(path) else {
            // A dangling link is listed, and reported as unreadable when read.
            return self.files.push(path.to_path_buf());
        };
        match self.seen.get(&real) {
            Some(first) => {
                let reason = format!("already read as {}; skipped", first.display());
                self.skip(path, reason);
            }
            None => {
                self.seen.insert(real, path.to_path_buf());
                self.files.push(path.to_path_buf());
            }
        }
    }

    /// Walks a directory not entered yet; `ancestors` holds the canonical paths being walked.
    /// Only `path` itself failing to open is an error: a folder or entry below it that cannot
    /// be read is reported (see [`Self::unreadable`]) and the rest is walked.
    fn add_dir(&mut self, path: &Path, ancestors: &mut Vec<PathBuf>) -> std::io::Result<()> {
        let real = std::fs::canonicalize(path)?;
        if ancestors.contains(&real) {
            self.skip(
                path,
                format!(
                    "a symbolic link loop: it leads back to {}, which is being read; skipped",
                    self.seen.get(&real).unwrap_or(&real).display()
                ),
            );
            return Ok(());
        }
        if let Some(first) = self.seen.get(&real) {
            let reason = format!("directory already read as {}; skipped", first.display());
            self.skip(path, reason);
            return Ok(());
        }
        self.seen.insert(real.clone(), path.to_path_buf());
        let mut entries: Vec<PathBuf> = Vec::new();
        for entry in std::fs::read_dir(path)? {
            match entry {
                Ok(e) => entries.push(e.path()),
                Err(e) => self.unreadable(path, "folder entry", &e),
            }
        }
        entries.retain(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        });
        entries.sort();
        ancestors.push(real);
        for entry in entries {
            if entry.is_dir() {
                if let Err(e) = self.add_dir(&entry, ancestors) {
                    self.unreadable(&entry, "folder", &e);
                }
            } else if super::is_documentation(&entry) {
                // README, LICENSE, CHANGELOG: prose about the folder, never a postmortem.
            } else if super::is_aliases_file(&entry) {
                // Used as the aliases file of the import (see `aliases_in`), not read as records.
            } else if super::is_known(&entry) {
                self.add_file(&entry);
            }
        }
        ancestors.pop();
        Ok(())
    }

    /// Rejects a folder (or an entry of one) that could not be listed, naming it: its files
    /// were not read, the rest of the import goes on.
    fn unreadable(&mut self, path: &Path, what: &str, e: &std::io::Error) {
        self.warnings.push(
            Rejection::error(RecordKind::File, &path.display().to_string(), "").reason(format!(
                "unreadable {what}: {e}; the files in it were not read"
            )),
        );
    }

    /// Notes a path that was not read, and why.
    fn skip(&mut self, path: &Path, reason: String) {
        self.warnings.push(
            Rejection::warning(RecordKind::File, &path.display().to_string(), "").reason(reason),
        );
    }
}
