//! Ingest: files in, a [`Batch`] of validated records and rejections out.
//!
//! Each input format has one file here implementing [`Importer`]; [`read_paths`] walks the paths,
//! picks an importer per file, reads files in parallel and merges their batches in path order.

pub mod aliases;
mod batch;
pub mod build;
pub mod catalog;
mod csv;
mod csv_rows;
mod declared;
mod duplicates;
pub mod fields;
mod json;
pub(crate) mod limits;
mod lines;
mod literals;
pub mod mapping;
mod markdown;
mod quote;
pub mod record;
mod rejection;
mod sniff;
mod suggest;
pub mod tools;
pub mod walk;
mod yaml;

pub use batch::{Batch, ReadCounts};
pub use build::Context;
pub use mapping::{FieldReader, Mapping};
pub use rejection::{Level, RecordKind, Rejection};

use crate::error::Result;
use crate::model::Aliases;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One file to read, with its text already checked to be UTF-8.
pub struct InputFile {
    pub path: PathBuf,
    /// The path as shown in messages.
    pub name: String,
    pub text: String,
    /// True when named by `--catalog`: read as catalog whatever its content.
    pub catalog_only: bool,
}

/// One input format.
pub trait Importer: Sync {
    /// Reads one file into `out`: records, rejections, warnings and read counts.
    fn read(&self, file: &InputFile, ctx: Context<'_>, out: &mut Batch);
}

/// What to import and how.
pub struct ImportRequest<'a> {
    pub paths: &'a [PathBuf],
    pub catalog_paths: &'a [PathBuf],
    pub mapping: Option<&'a Mapping>,
    pub aliases: &'a Aliases,
    /// `--from TOOL`: read every incident file as this tool's export instead of detecting.
    pub from: Option<&'static dyn tools::ToolImporter>,
    /// `--include` / `--exclude`: which files found in folders are read.
    pub filter: &'a walk::Filter,
}

/// Reads every file under the requested paths.
pub fn read_paths(
    request: &ImportRequest<'_>,
    progress: &crate::progress::Progress,
) -> Result<Batch> {
    let mut files: Vec<(walk::Found, bool)> = Vec::new();
    let mut skipped = Vec::new();
    for (paths, catalog_only) in [(request.paths, false), (request.catalog_paths, true)] {
        let mut walk = walk::Walk::new(request.filter);
        for path in paths {
            walk.add(path)?;
        }
        files.extend(walk.files.into_iter().map(|f| (f, catalog_only)));
        skipped.extend(walk.warnings);
    }
    let fields = FieldReader::new(request.mapping);
    let sizes: Vec<u64> = files
        .iter()
        .map(|(f, _)| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
        .collect();
    let bar = progress.bytes("reading", sizes.iter().sum());
    let batches: Vec<Batch> = files
        .par_iter()
        .zip(&sizes)
        .map(|((found, catalog_only), size)| {
            let file_progress = crate::progress::FileProgress::new(&bar);
            let ctx = Context {
                fields,
                aliases: request.aliases,
                progress: &file_progress,
            };
            let batch = read_file(found, *catalog_only, request.from, ctx);
            file_progress.reached(*size);
            batch
        })
        .collect();
    bar.finish_and_clear();
    let mut all = Batch {
        skipped: skipped.iter().map(|n| n.file.clone()).collect(),
        notes: skipped,
        ..Batch::default()
    };
    for batch in batches {
        all.append(batch);
    }
    all.reject_duplicate_ids();
    Ok(all)
}

fn read_file(
    found: &walk::Found,
    catalog_only: bool,
    from: Option<&'static dyn tools::ToolImporter>,
    ctx: Context<'_>,
) -> Batch {
    let path = found.path.as_path();
    let name = path.display().to_string();
    let mut batch = Batch {
        files: vec![name.clone()],
        ..Batch::default()
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            batch.reject_file(&name, "", format!("cannot read: {e}"));
            return batch;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            batch.reject_file(
                &name,
                format!("line {line}"),
                format!(
                    "invalid UTF-8 at column {column} (byte {}); save the file as UTF-8",
                    valid.len()
                ),
            );
            return batch;
        }
    };
    let file = InputFile {
        path: path.to_path_buf(),
        name,
        text,
        catalog_only,
    };
    if !catalog_only && let Some(tool) = from.or_else(|| tools::detect(&file)) {
        tool.read(&file, ctx, &mut batch);
        return batch;
    }
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if found.in_folder
        && !catalog_only
        && is_json
        && let Some(reason) = sniff::no_incident_records(&file.text, &ctx.fields)
    {
        batch.files.clear();
        batch.skipped.push(file.name.clone());
        batch
            .notes
            .push(Rejection::warning(RecordKind::File, &file.name, "").reason(reason));
        return batch;
    }
    let importer = match found.markdown {
        true => Some(&markdown::Markdown as &dyn Importer),
        false => importer_for(path, catalog_only),
    };
    match importer {
        Some(importer) => {
            importer.read(&file, ctx, &mut batch);
            batch.flush_unknown_fields(&file.name);
        }
        None => batch.reject_file(
            &file.name,
            "",
            "unknown file type (expected .csv, .jsonl, .json, .yaml, .yml, .md or CODEOWNERS)",
        ),
    }
    batch
}

/// The importer for a file, by name and extension.
fn importer_for(path: &Path, catalog_only: bool) -> Option<&'static dyn Importer> {
    let file_name = path.file_name()?.to_string_lossy().to_lowercase();
    if file_name == "codeowners" {
        return Some(&catalog::Codeowners);
    }
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "csv" => Some(&csv::Csv),
        "jsonl" | "ndjson" if !catalog_only => Some(&json::JsonLines),
        "json" if !catalog_only => Some(&json::Json),
        "yaml" | "yml" => Some(&yaml::Yaml),
        "md" | "markdown" if !catalog_only => Some(&markdown::Markdown),
        _ => None,
    }
}

/// True when a file has a name recur reads.
fn is_known(path: &Path) -> bool {
    importer_for(path, false).is_some()
}

/// README, LICENSE and CHANGELOG files (any extension), skipped when walking a directory.
fn is_documentation(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| {
        matches!(
            s.to_string_lossy().to_lowercase().as_str(),
            "readme" | "license" | "changelog" | "contributing"
        )
    })
}

/// `aliases.yaml` / `aliases.yml` in an imported directory is that directory's aliases file.
fn is_aliases_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        matches!(
            n.to_string_lossy().to_lowercase().as_str(),
            "aliases.yaml" | "aliases.yml"
        )
    })
}

/// The aliases files found directly in the given directories (sorted).
pub fn aliases_in(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_dir())
        .flat_map(|dir| ["aliases.yaml", "aliases.yml"].map(|n| dir.join(n)))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}
