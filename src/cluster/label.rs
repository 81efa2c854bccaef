//! Finished clusters: members, the taxonomy class they map to (when most of them match it), a
//! label people can read, an id that is deterministic for the same input and settings, and for
//! each incident the evidence that put it there.

use super::leader::Group;
use super::prepare::Prepared;
use super::taxonomy::Taxonomy;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How strong the text behind an incident's assignment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    RootCause,
    /// No root cause: title, contributing factors and trigger stood in.
    TitleAndFactors,
}

/// Why an incident is in its cluster, or in none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum Basis {
    /// Its text contains a phrase of the cluster's class.
    Phrase { phrase: String },
    /// Its words are those of the cluster's core wording.
    Words,
    /// Its wording joined the cluster by meaning: cosine of its group to the cluster's centroid.
    Meaning { similarity: f32 },
    /// Nothing else is like it: a cluster of one, unclassified.
    Alone,
    /// No sentence states a cause (empty, a template, or "cause unknown").
    NoCause,
    /// Put there (or merged there) by the curation file.
    Curated,
    /// Its cluster was marked "not a class" in the curation file.
    NotAClass,
    /// Joined the cluster of an incident it is declared linked to (`duplicate of INC-7`,
    /// `problem PRB-1, with INC-7`): see `links`.
    DeclaredLink { detail: String },
}

impl Basis {
    /// The kind as a word (`phrase`, `words`, `meaning`, `alone`, `no_cause`, `curated`,
    /// `not_a_class`, `declared_link`) and its detail (the phrase, or the similarity to two decimals): how the
    /// store and the tables write it.
    pub fn parts(&self) -> (&'static str, Option<String>) {
        match self {
            Basis::Phrase { phrase } => ("phrase", Some(phrase.clone())),
            Basis::Words => ("words", None),
            Basis::Meaning { similarity } => ("meaning", Some(format!("{similarity:.2}"))),
            Basis::Alone => ("alone", None),
            Basis::NoCause => ("no_cause", None),
            Basis::Curated => ("curated", None),
            Basis::NotAClass => ("not_a_class", None),
            Basis::DeclaredLink { detail } => ("declared_link", Some(detail.clone())),
        }
    }

    /// The inverse of [`Basis::parts`]; `None` for a kind it does not know.
    pub fn from_parts(kind: &str, detail: Option<String>) -> Option<Self> {
        Some(match (kind, detail) {
            ("phrase", Some(phrase)) => Basis::Phrase { phrase },
            ("words", _) => Basis::Words,
            ("meaning", Some(s)) => Basis::Meaning {
                similarity: s.parse().unwrap_or(0.0),
            },
            ("alone", _) => Basis::Alone,
            ("no_cause", _) => Basis::NoCause,
            ("curated", _) => Basis::Curated,
            ("not_a_class", _) => Basis::NotAClass,
            ("declared_link", Some(detail)) => Basis::DeclaredLink { detail },
            _ => return None,
        })
    }

    /// One line for people: `phrase "connection pool"`, `meaning (0.71)`.
    pub fn describe(&self) -> String {
        match self {
            Basis::Phrase { phrase } => format!("phrase \"{phrase}\""),
            Basis::Words => "same wording".into(),
            Basis::Meaning { similarity } => format!("similar meaning ({similarity:.2})"),
            Basis::Alone => "unclassified: nothing similar".into(),
            Basis::NoCause => "no cause stated".into(),
            Basis::Curated => "placed by the curation file".into(),
            Basis::NotAClass => "unclassified: its cluster is marked not a class".into(),
            Basis::DeclaredLink { detail } => format!("declared link: {detail}"),
        }
    }
}

/// One cluster of incidents with the same class of cause.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// `connection-pool`, `certificate-expiry-2`, `x-ssh-key`: deterministic.
    pub id: String,
    pub label: String,
    /// The taxonomy class key, when most members match it.
    pub class: Option<String>,
    /// Incident indices, ascending.
    #[serde(skip)]
    pub members: Vec<usize>,
    /// The most characteristic words (as most often written).
    pub top_terms: Vec<String>,
    /// Members assigned on title and factors only.
    pub weak_members: usize,
    /// A cluster of one incident with no class: unclassified, kept out of hotspots and reports.
    pub crumb: bool,
    /// Renamed or merged by the curation file.
    pub curated: bool,
}

pub(super) struct LabelInput<'a> {
    pub prepared: &'a [Option<Prepared>],
    /// Distinct term set → its incidents.
    pub members: &'a [&'a Vec<usize>],
    /// Distinct term set → (class, phrases matched).
    pub class_matches: &'a [Vec<(usize, usize)>],
    /// Incident → (class, phrase) hits.
    pub hits: &'a [Vec<(usize, usize)>],
    pub taxonomy: &'a Taxonomy,
    pub terms_by_id: &'a [&'a str],
    pub class_base: u32,
}

/// The class of a set of groups: the one most of its members' phrases name, when those members
/// are at least `voters` of all its incidents and most of them agree.
fn majority_class<'g>(
    groups: impl Iterator<Item = &'g Group>,
    input: &LabelInput<'_>,
    voters: f32,
) -> Option<usize> {
    let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
    let mut size = 0;
    let mut voting = 0;
    for g in groups {
        for t in &g.texts {
            let n = input.members[*t].len();
            size += n;
            if let Some(&(c, _)) = input.class_matches[*t].first() {
                *votes.entry(c).or_default() += n;
                voting += n;
            }
        }
    }
    votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .filter(|(_, v)| **v * 2 >= voting && voting as f32 >= voters * size as f32)
        .map(|(c, _)| *c)
}

/// The class of one lexical group (for the semantic stage's steer): named by at least half of
/// its incidents.
pub(super) fn group_class(group: &Group, input: &LabelInput<'_>) -> Option<usize> {
    majority_class(std::iter::once(group), input, 0.5)
}

/// Turns clusters (each a list of lexical groups, with each group's similarity to the cluster)
/// into labelled clusters ordered by size (largest first) then id, and each member's basis.
pub(super) fn finish(
    clusters: Vec<Vec<Group>>,
    similarity: Vec<Vec<f32>>,
    input: &LabelInput<'_>,
) -> (Vec<Cluster>, Vec<(usize, Basis)>) {
    let mut bases: Vec<(usize, Basis)> = Vec::new();
    let mut drafts: Vec<(Cluster, usize)> = clusters
        .into_iter()
        .zip(similarity)
        .map(|(groups, sims)| {
            // A cluster merged by meaning keeps the class its phrase-matching members agree on
            // when they are a third of it or more.
            let class = majority_class(groups.iter(), input, 0.33);
            let core = (0..groups.len())
                .max_by(|a, b| {
                    groups[*a]
                        .weight
                        .total_cmp(&groups[*b].weight)
                        .then(b.cmp(a))
                })
                .unwrap_or(0);
            let placed: Vec<(usize, usize)> = groups
                .iter()
                .enumerate()
                .flat_map(|(gi, g)| {
                    g.texts
                        .iter()
                        .flat_map(move |t| input.members[*t].iter().map(move |m| (*m, gi)))
                })
                .collect();
            let crumb = class.is_none() && placed.len() == 1;
            for &(m, gi) in &placed {
                let phrase = class.and_then(|c| {
                    input.hits[m]
                        .iter()
                        .find(|(hc, _)| *hc == c)
                        .map(|(_, p)| input.taxonomy.classes[c].phrases[*p].clone())
                });
                let basis = match phrase {
                    _ if crumb => Basis::Alone,
                    Some(phrase) => Basis::Phrase { phrase },
                    None if gi == core => Basis::Words,
                    None => Basis::Meaning {
                        similarity: (sims[gi] * 100.0).round() / 100.0,
                    },
                };
                bases.push((m, basis));
            }
            let mut members: Vec<usize> = placed.iter().map(|p| p.0).collect();
            members.sort_unstable();
            let top_terms = top_terms(&groups, &members, input);
            let weak = members
                .iter()
                .filter(|m| {
                    input.prepared[**m]
                        .as_ref()
                        .is_some_and(|p| p.strength == Evidence::TitleAndFactors)
                })
                .count();
            let (label, base_id) = match class {
                Some(c) => (
                    input.taxonomy.classes[c].label.clone(),
                    input.taxonomy.classes[c].key.clone(),
                ),
                None => {
                    let text = representative(&groups[core], input);
                    let label = short(&text, 72);
                    let id = format!("x-{}", slug(&label));
                    (label, id)
                }
            };
            let size = members.len();
            let cluster = Cluster {
                id: base_id,
                label,
                class: class.map(|c| input.taxonomy.classes[c].key.clone()),
                members,
                top_terms,
                weak_members: weak,
                crumb,
                curated: false,
            };
            (cluster, size)
        })
        .collect();
    drafts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.id.cmp(&b.0.id))
            .then(a.0.members.cmp(&b.0.members))
    });
    let mut seen: HashMap<String, usize> = HashMap::new();
    let clusters = drafts
        .into_iter()
        .map(|(mut c, _)| {
            let n = seen.entry(c.id.clone()).or_default();
            *n += 1;
            if *n > 1 {
                c.id = format!("{}-{}", c.id, n);
            }
            c
        })
        .collect();
    (clusters, bases)
}

/// The most frequent wording of a group, as written.
fn representative(group: &Group, input: &LabelInput<'_>) -> String {
    group
        .texts
        .iter()
        .max_by(|a, b| {
            input.members[**a]
                .len()
                .cmp(&input.members[**b].len())
                .then(b.cmp(a))
        })
        .and_then(|t| input.prepared[input.members[*t][0]].as_ref())
        .map(|p| {
            // Names masked and numbers dropped: the label speaks for the class, not one service.
            let mut chars = p.meaning.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// A text cut to at most `max` characters at a word boundary, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    let text = text.trim().trim_end_matches('.');
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// `ssh-key-rotation` from the first three words of a label that are not stop words (ASCII
/// letters and digits only).
fn slug(label: &str) -> String {
    let parts: Vec<String> = super::normalize::Normalizer::words(label)
        .into_iter()
        .filter(|w| !super::normalize::is_stop_word(w))
        .map(|t| {
            t.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .take(3)
        .collect();
    if parts.is_empty() {
        "cause".into()
    } else {
        parts.join("-")
    }
}

/// The most characteristic words of the clusters' centroids, as their members wrote them.
fn top_terms(groups: &[Group], members: &[usize], input: &LabelInput<'_>) -> Vec<String> {
    let mut weights: HashMap<u32, f32> = HashMap::new();
    for g in groups {
        for (id, w) in &g.centroid.sum {
            if *id < input.class_base {
                *weights.entry(*id).or_default() += w;
            }
        }
    }
    let mut features: Vec<(u32, f32)> = weights.into_iter().collect();
    features.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let lemmas: Vec<&str> = features
        .iter()
        .take(4)
        .map(|(id, _)| input.terms_by_id[*id as usize])
        .collect();
    surface_words(&lemmas, members, input)
}

/// For each lemma, the word its members most often wrote.
fn surface_words(lemmas: &[&str], members: &[usize], input: &LabelInput<'_>) -> Vec<String> {
    let mut seen: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for m in members.iter().take(500) {
        let Some(p) = input.prepared[*m].as_ref() else {
            continue;
        };
        for w in &p.words {
            let l = super::words::lemma(w);
            if let Some(s) = lemmas.iter().find(|s| **s == l) {
                *seen.entry(s).or_default().entry(w.as_str()).or_default() += 1;
            }
        }
    }
    lemmas
        .iter()
        .map(|s| {
            seen.get(s)
                .and_then(|words| {
                    words
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(w, _)| (*w).to_string())
                })
                .unwrap_or_else(|| (*s).to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_at_a_word() {
        assert_eq!(short("Disk full.", 72), "Disk full");
        let cut = short(
            "the nightly export job ran twice after a retry of the scheduler",
            30,
        );
        assert!(cut.ends_with('…') && cut.chars().count() <= 30, "{cut}");
        assert_eq!(
            slug("The SSH key of the deploy bot expired"),
            "ssh-key-deploy"
        );
        assert_eq!(slug("…"), "cause");
    }
}
