//! Analyses over the store: everything a query needs once the incidents are clustered.

use crate::cluster::{self, Clustering, Settings, Taxonomy};
use crate::model::EntityKind;
use crate::store::StoreData;
use std::collections::{BTreeSet, HashMap};

/// The store's data with its clustering, shared by the query commands.
pub struct Analysis<'a> {
    pub data: &'a StoreData,
    pub clustering: Clustering,
    pub taxonomy: Taxonomy,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Analysis<'a> {
    /// Clusters the store's incidents.
    pub fn new(data: &'a StoreData, taxonomy: Taxonomy, settings: &Settings) -> Self {
        let names = entity_names(data);
        let clustering = cluster::cluster(&data.incidents, &names, &taxonomy, settings);
        let by_id = data
            .incidents
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        Self {
            data,
            clustering,
            taxonomy,
            by_id,
        }
    }

    /// The index of an incident by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// Names masked in cause texts: services (from incidents and the catalog) and teams.
pub fn entity_names(data: &StoreData) -> Vec<String> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for i in &data.incidents {
        names.extend(i.services.iter().map(String::as_str));
        names.extend(i.team.as_deref());
    }
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
