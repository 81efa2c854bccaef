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

    /// Opens `rel` for writing a part at a time (parents made as needed); see [`OutputFile`].
    pub fn create(&self, rel: &str) -> Result<OutputFile> {
        OutputFile::create(&self.root.join(rel))
    }
}

/// A file being written, buffered; [`OutputFile::finish`] flushes it and names it.
pub struct OutputFile {
    path: PathBuf,
    out: BufWriter<std::fs::File>,
}

impl OutputFile {
    fn create(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| RecurError::io(parent, e))?;
        }
        let file = std::fs::File::create(path).map_err(|e| RecurError::io(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
        })
    }

    /// Flushes the file; returns its path.
    pub fn finish(mut self) -> Result<PathBuf> {
        self.out
            .flush()
            .map_err(|e| RecurError::io(&self.path, e))?;
        Ok(self.path)
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Writes one file at `path` (parents made as needed) with `render`.
pub fn write_file(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<PathBuf> {
    let mut out = OutputFile::create(path)?;
    render(&mut out)?;
    out.finish()
}
