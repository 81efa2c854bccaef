//! The one place that names and opens output files: a folder (made when first written to)
//! into which renderers write through `&mut dyn Write`.

use crate::error::{RecurError, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A folder of output files.
pub struct OutputDir {
    root: PathBuf,
}

impl OutputDir {
    /// Files under `root`.
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
        }
    }

    /// Writes `rel` (a path under the folder, parents made as needed) with `render`; returns
    /// the file's path.
    pub fn write(
        &self,
        rel: &str,
        render: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<PathBuf> {
        write_file(&self.root.join(rel), render)
    }
}

/// Writes one file at `path` (parents made as needed) with `render`.
pub fn write_file(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<PathBuf> {
    let io = |e: std::io::Error| RecurError::io(path, e);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| RecurError::io(parent, e))?;
    }
    let mut out = BufWriter::new(std::fs::File::create(path).map_err(io)?);
    render(&mut out)?;
    out.flush().map_err(io)?;
    Ok(path.to_path_buf())
}
