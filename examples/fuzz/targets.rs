//! The fuzz targets: what each one feeds its input to, and the invariants it checks.

use crate::mutate::Rng;
use recur::commands::import::ImportOptions;
use recur::ingest::{ImportRequest, Mapping};
use recur::model::Aliases;
use recur::store::{Load, Store, StoreData};
use std::path::{Path, PathBuf};

/// What a target reads its input as.
enum Reader {
    /// An incident or catalog file with this name; `true` when named by `--catalog`.
    Importer(&'static str, bool),
    Mapping,
    Aliases,
    Taxonomy,
    /// A store with one of its files replaced by the input.
    Store(PathBuf),
}

pub struct Target {
    reader: Reader,
    seeds: Vec<Vec<u8>>,
    work: PathBuf,
    /// For the store target: the files of the pristine store, by path relative to it.
    pristine: Vec<(PathBuf, Vec<u8>)>,
    /// For the store target: which pristine file the current input replaces.
    replaced: usize,
}

fn files_named(dir: &Path, wanted: &dyn Fn(&str) -> bool, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_named(&path, wanted, out);
        } else if wanted(&path.file_name().unwrap_or_default().to_string_lossy())
            && let Ok(bytes) = std::fs::read(&path)
        {
            out.push(bytes);
        }
    }
}

impl Target {
    pub fn new(name: &str, root: &Path, work: &Path) -> Option<Self> {
        let fixtures = root.join("tests/fixtures");
        let mut seeds = Vec::new();
        let ends = |ext: &'static str| move |n: &str| n.to_lowercase().ends_with(ext);
        let reader = match name {
            "csv" => {
                files_named(&fixtures, &ends(".csv"), &mut seeds);
                Reader::Importer("input.csv", false)
            }
            "json" => {
                files_named(&fixtures, &ends(".json"), &mut seeds);
                Reader::Importer("input.json", false)
            }
            "jsonl" => {
                files_named(&fixtures, &ends(".jsonl"), &mut seeds);
                Reader::Importer("input.jsonl", false)
            }
            "yaml" => {
                files_named(&fixtures, &ends(".yaml"), &mut seeds);
                Reader::Importer("input.yaml", false)
            }
            "catalog" => {
                files_named(&fixtures, &|n| n.starts_with("catalog"), &mut seeds);
                Reader::Importer("input.yaml", true)
            }
            "markdown" => {
                files_named(&fixtures, &ends(".md"), &mut seeds);
                Reader::Importer("input.md", false)
            }
            "codeowners" => {
                files_named(&fixtures, &|n| n == "CODEOWNERS", &mut seeds);
                Reader::Importer("CODEOWNERS", true)
            }
            "mapping" => {
                files_named(&fixtures, &|n| n == "mapping.yaml", &mut seeds);
                // The shipped mappings use every rule form (first_of, map, format, zone).
                let shipped = root.join("data/mappings");
                files_named(&shipped, &|n| n.ends_with(".yaml"), &mut seeds);
                Reader::Mapping
            }
            "aliases" => {
                files_named(&fixtures, &|n| n == "aliases.yaml", &mut seeds);
                Reader::Aliases
            }
            "taxonomy" => {
                seeds.push(std::fs::read(root.join("src/cluster/taxonomy.yaml")).ok()?);
                Reader::Taxonomy
            }
            "store" => Reader::Store(pristine_store(&fixtures.join("formats"), work)?),
            _ => return None,
        };
        let mut target = Self {
            reader,
            seeds,
            work: work.to_path_buf(),
            pristine: Vec::new(),
            replaced: 0,
        };
        if let Reader::Store(dir) = &target.reader {
            target.pristine = store_files(dir);
            target.seeds = target.pristine.iter().map(|(_, b)| b.clone()).collect();
        }
        (!target.seeds.is_empty()).then_some(target)
    }

    pub fn seeds(&self) -> &[Vec<u8>] {
        &self.seeds
    }

    /// Picks the seed to mutate (for the store: also which of its files the input replaces).
    pub fn pick(&mut self, rng: &mut Rng) -> usize {
        self.replaced = rng.below(self.seeds.len());
        self.replaced
    }

    /// Runs one input; `Err` when an invariant does not hold.
    pub fn run(&self, input: &[u8]) -> Result<(), String> {
        match &self.reader {
            Reader::Importer(name, catalog) => import(&self.work.join(name), input, *catalog),
            Reader::Mapping => {
                let _ = Mapping::parse(&String::from_utf8_lossy(input));
                Ok(())
            }
            Reader::Aliases => {
                let path = self.work.join("aliases.yaml");
                std::fs::write(&path, input).map_err(|e| e.to_string())?;
                let _ = recur::ingest::aliases::load(&[&path]);
                Ok(())
            }
            Reader::Taxonomy => {
                let path = self.work.join("taxonomy.yaml");
                std::fs::write(&path, input).map_err(|e| e.to_string())?;
                let _ = recur::cluster::Taxonomy::load(Some(&path));
                Ok(())
            }
            Reader::Store(dir) => {
                for (i, (rel, bytes)) in self.pristine.iter().enumerate() {
                    let content = if i == self.replaced { input } else { bytes };
                    std::fs::write(dir.join(rel), content).map_err(|e| e.to_string())?;
                }
                let store = Store::at(dir);
                let _ = store.load_with(Load::Everything);
                let _ = store.load_with(Load::WithoutActions);
                Ok(())
            }
        }
    }
}

/// Imports one file as `recur import` reads it; the counts must reconcile.
fn import(path: &Path, input: &[u8], catalog: bool) -> Result<(), String> {
    std::fs::write(path, input).map_err(|e| e.to_string())?;
    let paths = [path.to_path_buf()];
    let aliases = Aliases::default();
    let filter = recur::ingest::walk::Filter::default();
    let request = ImportRequest {
        paths: if catalog { &[] } else { &paths },
        catalog_paths: if catalog { &paths } else { &[] },
        mapping: None,
        aliases: &aliases,
        from: None,
        filter: &filter,
    };
    let batch = recur::ingest::read_paths(&request, &recur::progress::Progress::hidden())
        .map_err(|e| format!("error on a readable file: {e}"))?;
    let (_, s) = recur::store::merge(StoreData::default(), batch);
    if s.read != s.imported + s.rejected {
        return Err(format!(
            "read {} != imported {} + rejected {}",
            s.read, s.imported, s.rejected
        ));
    }
    Ok(())
}

/// A store imported from `fixtures` under `work/store`.
fn pristine_store(fixtures: &Path, work: &Path) -> Option<PathBuf> {
    let dir = work.join("store");
    let options = ImportOptions {
        paths: vec![fixtures.to_path_buf()],
        ..ImportOptions::default()
    };
    let global = recur::Global {
        store: dir.clone(),
        quiet: true,
        taxonomy: None,
        curation: None,
        timings: false,
        exit_after: false,
        catch_all: None,
        filter: Default::default(),
    };
    recur::run(
        &recur::Command::Import(options),
        &global,
        &mut std::io::sink(),
        &mut std::io::sink(),
    )
    .ok()?;
    Some(dir)
}

/// The files of a store (CURRENT and the live generation's), relative to it.
fn store_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(current) = std::fs::read_to_string(dir.join("CURRENT")) else {
        return out;
    };
    out.push((PathBuf::from("CURRENT"), current.clone().into_bytes()));
    let generation = PathBuf::from(current.trim());
    if let Ok(entries) = std::fs::read_dir(dir.join(&generation)) {
        let mut names: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        names.sort();
        for path in names {
            if let (Some(name), Ok(bytes)) = (path.file_name(), std::fs::read(&path)) {
                out.push((generation.join(name), bytes));
            }
        }
    }
    out
}
