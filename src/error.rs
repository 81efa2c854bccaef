//! The errors that stop a command. Bad *records* are not errors: they become
//! [`crate::ingest::Rejection`]s and the run goes on.

use std::path::Path;
use thiserror::Error;

/// Everything that makes a recur command fail. Messages are lower-case and name the file.
#[derive(Debug, Error)]
pub enum RecurError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A mapping file is not usable.
    #[error("{file}: invalid mapping: {reason}")]
    Mapping { file: String, reason: String },
    /// An aliases file is not usable.
    #[error("{file}: invalid aliases file: {reason}")]
    Aliases { file: String, reason: String },
    /// The store directory holds something this recur cannot read.
    #[error("store {dir}: {reason}")]
    Store { dir: String, reason: String },
    /// `--strict` was given and records were rejected.
    #[error("{count} record(s) rejected and --strict was given; the store was not changed")]
    Strict { count: usize },
    /// Records were read and every one was rejected: nothing was imported.
    #[error(
        "all {count} record(s) read were rejected, nothing was imported (`recur rejected` lists why)"
    )]
    AllRejected { count: usize },
    /// A query named something the store does not have.
    #[error("{0}")]
    NotFound(String),
    /// Polars failed while writing or reading a table.
    #[error("{context}: {source}")]
    Table {
        context: String,
        #[source]
        source: polars::error::PolarsError,
    },
    /// A user-supplied value (a period, a format list) is not valid.
    #[error("{0}")]
    Invalid(String),
    /// A command-line value the store cannot answer (an unknown `--team`): exit code 2.
    #[error("{0}")]
    Usage(String),
}

impl RecurError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.display().to_string(),
            source,
        }
    }

    /// A polars error with what was being done.
    pub fn table(context: impl Into<String>, source: polars::error::PolarsError) -> Self {
        Self::Table {
            context: context.into(),
            source,
        }
    }
}

/// Result with [`RecurError`].
pub type Result<T, E = RecurError> = std::result::Result<T, E>;
