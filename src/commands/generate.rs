//! `recur generate`: a synthetic corpus with planted cause classes, for tests and benchmarks.

use crate::error::{RecurError, Result};
use crate::generate::{CorpusSpec, write_corpus};
use std::io::Write;
use std::path::Path;

/// Writes the corpus into `dir` and says what it holds.
pub(crate) fn command(spec: &CorpusSpec, dir: &Path, out: &mut dyn Write) -> Result<()> {
    let info = write_corpus(spec, dir)?;
    writeln!(
        out,
        "wrote {} incidents ({} actions, {} services, {} classes) to {}: input/ (incidents.csv, actions.csv, catalog.yaml) and truth.csv; try `recur import DIR/input` then `recur eval --truth DIR/truth.csv`",
        info.incidents,
        info.actions,
        info.services,
        info.classes,
        dir.display()
    )
    .map_err(|e| RecurError::io(dir, e))
}
