//! Running a query: load the store, cluster it (or read the stored clustering), build a view,
//! print it. `lib.rs` dispatches the commands; this is what the query commands share.

use crate::error::{RecurError, Result};
use crate::options::Global;
use crate::output::{self, Format};
use crate::progress::{self, Progress};
use crate::store::{self, Store};
use crate::{analysis, cluster};
use std::io::Write;

/// Prints a view on stdout.
pub(crate) fn print(view: &output::View, format: Format, out: &mut dyn Write) -> Result<()> {
    output::print(view, format, out)
        .map_err(|e| RecurError::io(std::path::Path::new("<stdout>"), e))
}

/// What a query needs to load, analyse and print.
pub(crate) struct Runner<'r> {
    pub store: &'r Store,
    pub global: &'r Global,
    pub progress: Progress,
    pub timings: &'r progress::Timings,
}

impl Runner<'_> {
    /// Loads the store (`load`: with follow-ups only for the views that read them), clusters
    /// it, builds a view as stage `stage`, prints it.
    pub(crate) fn analysis(
        &self,
        stage: &str,
        load: store::Load,
        format: Format,
        out: &mut dyn Write,
        build: impl FnOnce(&analysis::Analysis<'_>) -> Result<output::View>,
    ) -> Result<()> {
        let spinner = self.progress.spinner("loading the store");
        let data = self
            .timings
            .stage("load store", || load_existing(self.store, load))?;
        spinner.finish_and_clear();
        let analysis = analyse(self.store, &data, self.global, self.progress, self.timings)?;
        let printed = self
            .timings
            .stage(stage, || build(&analysis))
            .and_then(|view| print(&view, format, out));
        release(self.global, analysis);
        release(self.global, data);
        printed
    }
}

/// The store's incidents clustered with the global settings: the stored clustering when its key
/// (causes, names, taxonomy, settings) still matches, else clustered afresh and stored.
fn analyse<'a>(
    store: &Store,
    data: &'a store::StoreData,
    global: &Global,
    progress: Progress,
    timings: &progress::Timings,
) -> Result<analysis::Analysis<'a>> {
    let taxonomy = cluster::Taxonomy::load(global.taxonomy.as_deref())?;
    let settings = cluster::Settings::default();
    let names = analysis::entity_names(data);
    let key = timings.stage("cluster key", || {
        cluster::cache_key(&data.incidents, &names, &taxonomy, &settings)
    });
    // A damaged stored clustering is not fatal: cluster afresh and store it again.
    let stored = timings
        .stage("load stored clusters", || {
            store.load_clustering(&key, data.incidents.len())
        })
        .ok()
        .flatten();
    let mut clustering = match stored {
        Some(clustering) => clustering,
        None => {
            use crate::embed::Embedder;
            let model = crate::embed::MiniLm::shared()?;
            let mut vectors = timings.stage("load vectors", || {
                store.load_vectors(model.id(), model.dim())
            });
            let bar = progress.bar("clustering", data.incidents.len() as u64);
            let semantic = cluster::Semantic {
                model,
                cache: &mut vectors,
                bar: progress.bar("embedding causes", 0),
            };
            let clustering = timings.stage("cluster causes", || {
                cluster::cluster_with_progress(
                    &data.incidents,
                    &names,
                    &taxonomy,
                    &settings,
                    Some(semantic),
                    &bar,
                )
            })?;
            bar.finish_and_clear();
            // Vectors are a cache: failing to keep them costs time next run, nothing else.
            let _ = timings.stage("store vectors", || store.save_vectors(&vectors));
            // A read-only store still answers; it only clusters again next time.
            let _ = timings.stage("store clusters", || {
                store.save_clustering(&key, &clustering)
            });
            clustering
        }
    };
    clustering.link_notes = timings.stage("declared links", || {
        cluster::links::apply(&mut clustering, &data.incidents)
    });
    let (path, required) = match &global.curation {
        Some(path) => (path.clone(), true),
        None => (store.dir().join("curation.yaml"), false),
    };
    if let Some(curation) = cluster::Curation::load(&path, required)? {
        clustering.curation_notes = timings.stage("curation", || {
            curation.apply(&mut clustering, &data.incidents)
        });
    }
    let mut analysis = analysis::Analysis::with_clustering(data, clustering, taxonomy);
    if let Some(names) = &global.catch_all {
        analysis.catch_all = names.clone();
    }
    analysis.set_scope(&global.filter)?;
    Ok(analysis)
}

/// Drops a large value, or skips freeing it when the process is about to exit anyway.
pub(crate) fn release<T>(global: &Global, value: T) {
    if global.exit_after {
        std::mem::forget(value);
    }
}

/// Loads the store, or says how to create one.
pub(crate) fn load_existing(store: &Store, what: store::Load) -> Result<store::StoreData> {
    if !store.exists()? {
        return Err(RecurError::NotFound(format!(
            "no store at {}: run `recur import PATH...` first, or point --store / RECUR_STORE at one",
            store.dir().display()
        )));
    }
    store.load_with(what)
}
