//! Analyses over the store: everything a query needs once the incidents are clustered.

pub mod changes;
pub mod classes;
pub mod coverage;
pub mod findings;
pub mod followup;
pub mod gaps;
pub mod hotspots;
pub mod owners;
pub mod ownership;
pub mod path;
pub mod period;
pub mod proposal;
pub mod recommend;
pub mod scope;
pub mod timings;
pub mod trend;

use crate::cluster::{self, Clustering, Settings, Taxonomy};
use crate::graph::KnowledgeGraph;
use crate::model::EntityKind;
use crate::progress::Timings;
use crate::store::StoreData;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// The store's data with its clustering and graph, shared by the query commands.
pub struct Analysis<'a> {
    pub data: &'a StoreData,
    pub clustering: Clustering,
    pub taxonomy: Taxonomy,
    /// Built on first use: not every query needs it.
    graph: OnceLock<KnowledgeGraph>,
    /// The catalog part of the graph, which is all most analyses ask (built on first use).
    catalog: OnceLock<KnowledgeGraph>,
    /// Components two or more services depend on (catalog) or hit in incidents, and the same
    /// names ready to be found in follow-up texts (on first use).
    shared: OnceLock<(HashSet<String>, followup::SharedNames)>,
    /// Each incident's follow-up verdicts, judged on first use (a query about one class judges
    /// only that class's follow-ups).
    verdicts: OnceLock<Vec<OnceLock<Vec<followup::Verdict>>>>,
    /// Whether each incident's class had an earlier incident (on first use).
    repeats: OnceLock<Vec<bool>>,
    /// Owner names that mean nobody in particular.
    pub catch_all: Vec<String>,
    /// Incidents are in id order (as the store keeps them): ids are found by binary search.
    sorted_ids: bool,
    /// Otherwise, an index by id (on first use).
    by_id: OnceLock<HashMap<String, usize>>,
    /// Which incidents the `--team`/`--service`/`--component` filters keep (`None`: all).
    scope: Option<Vec<bool>>,
    /// The filters, as titles name them (`team payments`); `None` without a filter.
    pub scope_label: Option<String>,
}

impl<'a> Analysis<'a> {
    /// Clusters the store's incidents.
    pub fn new(
        data: &'a StoreData,
        taxonomy: Taxonomy,
        settings: &Settings,
        timings: &Timings,
    ) -> crate::Result<Self> {
        let names = entity_names(data);
        let clustering = timings.stage("cluster causes", || {
            cluster::cluster(&data.incidents, &names, &taxonomy, settings)
        })?;
        Ok(Self::with_clustering(data, clustering, taxonomy))
    }

    /// The analyses over a clustering already made (one read from the store).
    pub fn with_clustering(
        data: &'a StoreData,
        clustering: Clustering,
        taxonomy: Taxonomy,
    ) -> Self {
        let sorted_ids = data.incidents.is_sorted_by(|a, b| a.id < b.id);
        Self {
            data,
            clustering,
            taxonomy,
            graph: OnceLock::new(),
            catalog: OnceLock::new(),
            shared: OnceLock::new(),
            verdicts: OnceLock::new(),
            repeats: OnceLock::new(),
            catch_all: ownership::CATCH_ALL_OWNERS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            sorted_ids,
            by_id: OnceLock::new(),
            scope: None,
            scope_label: None,
        }
    }

    /// Narrows every analysis to the incidents `filter` puts in scope (the clustering stays).
    pub fn set_scope(&mut self, filter: &scope::Filter) -> crate::Result<()> {
        self.scope = filter.mask(self.data)?;
        self.scope_label = self.scope.as_ref().map(|_| filter.describe());
        Ok(())
    }

    /// True when the incident is in scope of the filters (always, without one).
    pub fn in_scope(&self, incident: usize) -> bool {
        self.scope.as_ref().is_none_or(|m| m[incident])
    }

    /// True when the incident is in scope and started in the period: what every figure counts.
    pub fn counts(&self, period: &period::Period, incident: usize) -> bool {
        period.contains(self.data.incidents[incident].started_at) && self.in_scope(incident)
    }

    /// The knowledge graph (built on first use).
    pub fn graph(&self) -> &KnowledgeGraph {
        self.graph
            .get_or_init(|| KnowledgeGraph::build(self.data, &self.clustering))
    }

    /// The catalog part of the graph, for catalog questions (owners, dependencies, dependents):
    /// it answers them as the whole graph does, and is built in milliseconds on first use.
    pub fn catalog(&self) -> &KnowledgeGraph {
        self.catalog
            .get_or_init(|| KnowledgeGraph::build_catalog(self.data))
    }

    /// Components two or more services depend on (catalog) or hit in incidents.
    pub fn shared_components(&self) -> &HashSet<String> {
        &self.shared_with_names().0
    }

    fn shared_with_names(&self) -> &(HashSet<String>, followup::SharedNames) {
        self.shared.get_or_init(|| {
            let shared = shared_components(self.data);
            let names = followup::SharedNames::new(&shared);
            (shared, names)
        })
    }

    /// The verdicts (local or systemic) of an incident's follow-ups, in action order, each
    /// judged once, on first use.
    pub fn verdicts(&self, incident: usize) -> &[followup::Verdict] {
        let all = self.verdicts.get_or_init(|| {
            (0..self.data.incidents.len())
                .map(|_| OnceLock::new())
                .collect()
        });
        debug_assert!(
            !self.data.without_actions,
            "follow-ups judged on a store loaded without them: load it with Load::Everything"
        );
        all[incident].get_or_init(|| {
            let i = &self.data.incidents[incident];
            let ctx = followup::Context {
                shared_components: &self.shared_with_names().1,
                incident_services: &i.services,
            };
            i.actions
                .iter()
                .map(|a| followup::classify(a, &ctx))
                .collect()
        })
    }

    /// Builds the catalog graph and judges every follow-up, side by side (for callers that will
    /// need both, such as a full report).
    pub fn prepare(&self) {
        rayon::join(
            || {
                self.catalog();
            },
            || {
                use rayon::prelude::*;
                (0..self.data.incidents.len())
                    .into_par_iter()
                    .for_each(|i| {
                        self.verdicts(i);
                    });
            },
        );
    }

    /// True when the incident's cause class had an earlier incident (computed once for all).
    pub fn is_repeat(&self, incident: usize) -> bool {
        self.repeats.get_or_init(|| timings::repeat_flags(self))[incident]
    }

    /// When the last incident started.
    pub fn last_started_at(&self) -> Option<crate::model::Timestamp> {
        self.data.incidents.iter().map(|i| i.started_at).max()
    }

    /// The latest time the store records (an incident's start, detection, mitigation or
    /// resolution, or a follow-up's completion): the "now" of an all-time output, so that
    /// outputs are reproducible and nothing recorded is in their future.
    pub fn latest_record(&self) -> Option<crate::model::Timestamp> {
        use rayon::prelude::*;
        self.data
            .incidents
            .par_iter()
            .filter_map(|i| {
                [
                    i.detected_at,
                    i.acknowledged_at,
                    i.mitigated_at,
                    i.resolved_at,
                ]
                .into_iter()
                .flatten()
                .chain(i.actions.iter().filter_map(|x| x.completed_at))
                .chain(std::iter::once(i.started_at))
                .max()
            })
            .max()
    }

    /// "Now" for a period's outputs: `now` when given, else the end of the period, else the
    /// latest time the store records.
    pub fn now_for(
        &self,
        period: &period::Period,
        now: Option<crate::model::Timestamp>,
    ) -> crate::model::Timestamp {
        now.or(period.until)
            .or_else(|| self.latest_record())
            .unwrap_or_default()
    }

    /// The incidents that started in the period, in store order.
    pub fn incidents_in(&self, period: &period::Period) -> Vec<&'a crate::model::Incident> {
        self.data
            .incidents
            .iter()
            .enumerate()
            .filter(|(ix, i)| period.contains(i.started_at) && self.in_scope(*ix))
            .map(|(_, i)| i)
            .collect()
    }

    /// The index of an incident by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        if self.sorted_ids {
            return self
                .data
                .incidents
                .binary_search_by(|i| i.id.as_str().cmp(id))
                .ok();
        }
        self.by_id
            .get_or_init(|| {
                self.data
                    .incidents
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (x.id.clone(), i))
                    .collect()
            })
            .get(id)
            .copied()
    }
}

/// Components that two or more services depend on (per the catalog), or whose incidents hit two
/// or more services. Read from the records directly, so that analyses need not build the graph.
fn shared_components(data: &StoreData) -> HashSet<String> {
    let mut reach: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let service_names: HashSet<&str> = data
        .incidents
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect();
    for e in &data.catalog {
        for dep in &e.depends_on {
            reach
                .entry(dep.as_str())
                .or_default()
                .insert(e.name.as_str());
        }
    }
    for i in &data.incidents {
        for c in &i.components {
            reach
                .entry(c.as_str())
                .or_default()
                .extend(i.services.iter().map(String::as_str));
        }
    }
    reach
        .into_iter()
        .filter(|(name, users)| users.len() >= 2 && !service_names.contains(name))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Names masked in cause texts: services (from incidents and the catalog) and teams.
pub fn entity_names(data: &StoreData) -> Vec<String> {
    use rayon::prelude::*;
    // A million incidents name a few hundred services and teams: gather them on both cores.
    let from_incidents: HashSet<&str> = data
        .incidents
        .par_iter()
        .fold(HashSet::new, |mut seen: HashSet<&str>, i| {
            seen.extend(i.services.iter().map(String::as_str));
            seen.extend(i.team.as_deref());
            seen
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    let mut names: BTreeSet<&str> = from_incidents.into_iter().collect();
    for e in &data.catalog {
        let is_service = e.kind == EntityKind::Component
            && e.entity_type
                .as_deref()
                .is_none_or(|t| t == "service" || t == "website");
        if is_service || e.kind == EntityKind::Group {
            names.insert(e.name.as_str());
        }
        names.extend(e.owners.iter().map(String::as_str));
    }
    names.into_iter().map(str::to_string).collect()
}
