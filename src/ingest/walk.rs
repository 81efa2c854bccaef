//! Finding the files to read under the paths of an import: each directory entered and each file
//! listed once (by canonical path), so symbolic link loops end and nothing is read twice; only
//! regular files are listed, since a FIFO or device could make the read wait forever.
//! `--include` / `--exclude` globs choose among the files found in a folder, matched against
//! the path relative to the folder named (files named on the command line are always read).

use super::rejection::{RecordKind, Rejection};
use crate::error::{RecurError, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file to read, and whether it was found by walking a folder (rather than named).
pub struct Found {
    pub path: PathBuf,
    pub in_folder: bool,
    /// A file with no extension in a folder of postmortems, whose text starts like one: read
    /// as Markdown.
    pub markdown: bool,
}

/// Which files found in folders are read: those matching an `--include` glob (all when there
/// is none) and no `--exclude` glob.
#[derive(Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    /// The filter of `--include` and `--exclude` globs; a bad glob is a usage error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self> {
        Ok(Self {
            include: set("--include", include)?,
            exclude: set("--exclude", exclude)?,
        })
    }

    /// True when the file at `relative` (to the folder named) is to be read.
    fn reads(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(relative)) && !self.excludes(relative)
    }

    fn excludes(&self, relative: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|s| s.is_match(relative))
    }
}

fn set(flag: &str, globs: &[String]) -> Result<Option<GlobSet>> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g)
            .map_err(|e| RecurError::Invalid(format!("{flag} {g:?}: not a glob: {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| RecurError::Invalid(format!("{flag}: {e}")))
}

/// The files found so far, and warnings about what was skipped.
pub struct Walk<'f> {
    pub files: Vec<Found>,
    pub warnings: Vec<Rejection>,
    filter: &'f Filter,
    /// The folder named on the command line being walked (globs match below it).
    root: PathBuf,
    /// Canonical paths of the directories entered and the files listed, with the path each was
    /// first found at.
    seen: HashMap<PathBuf, PathBuf>,
}

impl<'f> Walk<'f> {
    /// An empty walk choosing files with `filter`.
    pub fn new(filter: &'f Filter) -> Self {
        Self {
            files: Vec::new(),
            warnings: Vec::new(),
            filter,
            root: PathBuf::new(),
            seen: HashMap::new(),
        }
    }

    /// Adds the files under `path`: itself if a file, else every known file below it, sorted,
    /// hidden entries skipped.
    pub fn add(&mut self, path: &Path) -> Result<()> {
        let meta = std::fs::metadata(path).map_err(|e| RecurError::io(path, e))?;
        if !meta.is_dir() {
            self.add_file(path, false, false);
            return Ok(());
        }
        self.root = path.to_path_buf();
        let mut ancestors = Vec::new();
        self.add_dir(path, &mut ancestors)
            .map_err(|e| RecurError::io(path, e))
    }

    /// Lists a regular file unless it was listed already (through another path or link); a
    /// FIFO, socket or device is skipped, since reading it could wait forever.
    fn add_file(&mut self, path: &Path, in_folder: bool, markdown: bool) {
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            let reason = "not a regular file (a FIFO, socket or device); skipped";
            return self.skip(path, reason.into());
        }
        let Ok(real) = std::fs::canonicalize(path) else {
            // A dangling link is listed, and reported as unreadable when read.
            return self.files.push(Found {
                path: path.to_path_buf(),
                in_folder,
                markdown,
            });
        };
        match self.seen.get(&real) {
            Some(first) => {
                let reason = format!("already read as {}; skipped", first.display());
                self.skip(path, reason);
            }
            None => {
                self.seen.insert(real, path.to_path_buf());
                self.files.push(Found {
                    path: path.to_path_buf(),
                    in_folder,
                    markdown,
                });
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
        // A folder holding Markdown postmortems may hold some without an extension too.
        let postmortems = entries.iter().any(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
        });
        ancestors.push(real);
        for entry in entries {
            let relative = entry
                .strip_prefix(&self.root)
                .unwrap_or(&entry)
                .to_path_buf();
            if entry.is_dir() {
                if self.filter.excludes(&relative) {
                    continue;
                }
                if let Err(e) = self.add_dir(&entry, ancestors) {
                    self.unreadable(&entry, "folder", &e);
                }
            } else if super::is_documentation(&entry) {
                // README, LICENSE, CHANGELOG: prose about the folder, never a postmortem.
            } else if super::is_aliases_file(&entry) {
                // Used as the aliases file of the import (see `aliases_in`), not read as records.
            } else if super::is_known(&entry) && self.filter.reads(&relative) {
                self.add_file(&entry, true, false);
            } else if postmortems
                && entry.extension().is_none()
                && self.filter.reads(&relative)
                && starts_like_markdown(&entry)
            {
                self.add_file(&entry, true, true);
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

/// Whether a file's first bytes open a postmortem: front matter (`---`) or a heading (`# `).
fn starts_like_markdown(path: &Path) -> bool {
    use std::io::Read;
    // Only a regular file is opened: a FIFO would wait for a writer.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 64];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let text = String::from_utf8_lossy(&head[..n]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("---\n") || text.starts_with("---\r\n") || text.starts_with("# ")
}
