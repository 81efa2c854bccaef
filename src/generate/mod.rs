//! Synthetic incident corpora with known cause classes, for the clustering evaluation and the
//! benchmarks: `input/incidents.csv`, `input/actions.csv` (recur's CSV format),
//! `input/catalog.yaml` (Backstage) and, outside `input/`, `truth.csv` (incident id → true class).
//! Deterministic for a seed.

mod classes;
mod noise;

pub use classes::{CLASSES, ClassSpec};

use crate::error::{RecurError, Result};
use crate::ingest::mapping::INCIDENT_FIELDS;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use std::io::{BufWriter, Write};
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusSpec {
    pub incidents: usize,
    pub seed: u64,
    /// Share of incidents whose root cause is left empty (title and factors remain).
    pub empty_cause_rate: f64,
}

impl CorpusSpec {
    /// A corpus of `incidents` with the default noise.
    pub fn new(incidents: usize, seed: u64) -> Self {
        Self {
            incidents,
            seed,
            empty_cause_rate: 0.04,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CorpusInfo {
    pub incidents: usize,
    pub actions: usize,
    pub services: usize,
    pub classes: usize,
}

/// The columns of the generated `incidents.csv`, in the order each row is written: the incident
/// fields recur reads up to `team`; a generated incident has no `url` or `links`, and its
/// `actions` go to `actions.csv`.
const COLUMNS: &[&str] = INCIDENT_FIELDS.split_at(15).0;

const SERVICE_STEMS: &[&str] = &[
    "payments",
    "checkout",
    "search",
    "orders",
    "billing",
    "identity",
    "catalog",
    "cart",
    "shipping",
    "inventory",
    "pricing",
    "reviews",
    "notifications",
    "accounts",
    "ledger",
    "reporting",
    "media",
    "recommendations",
    "loyalty",
    "fraud",
    "support",
    "onboarding",
    "messaging",
    "maps",
];
const SERVICE_SUFFIXES: &[&str] = &["api", "worker", "service", "gateway", "web", "consumer"];
const TEAMS: &[&str] = &[
    "team-payments",
    "team-checkout",
    "team-search",
    "team-identity",
    "team-platform",
    "team-data",
    "team-mobile",
    "team-growth",
    "team-edge",
    "team-logistics",
    "team-core",
    "team-sre",
];

fn service_names(count: usize) -> Vec<String> {
    let mut names = Vec::with_capacity(count);
    'outer: for round in 0.. {
        for suffix in SERVICE_SUFFIXES {
            for stem in SERVICE_STEMS {
                if names.len() == count {
                    break 'outer;
                }
                names.push(if round == 0 {
                    format!("{stem}-{suffix}")
                } else {
                    format!("{stem}-{suffix}-{round}")
                });
            }
        }
    }
    names
}

/// Writes a corpus into `dir` (created if needed).
pub fn write_corpus(spec: &CorpusSpec, dir: &Path) -> Result<CorpusInfo> {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).map_err(|e| RecurError::io(&input, e))?;
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let services = service_names((spec.incidents / 400).clamp(40, 1200));
    // Each class recurs across its own set of services; big classes across many.
    let class_services: Vec<Vec<usize>> = CLASSES
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let spread = (services.len() / (2 + i / 3)).max(3);
            (0..spread)
                .map(|_| rng.random_range(0..services.len()))
                .collect()
        })
        .collect();
    let weights: Vec<f64> = (0..CLASSES.len())
        .map(|i| 1.0 / (1.0 + i as f64 * 0.35))
        .collect();
    let total_weight: f64 = weights.iter().sum();

    fn io(path: &Path) -> impl Fn(std::io::Error) -> RecurError + '_ {
        move |e| RecurError::io(path, e)
    }
    fn csv_err(path: &Path) -> impl Fn(csv::Error) -> RecurError + '_ {
        move |e| RecurError::io(path, std::io::Error::other(e))
    }
    let inc_path = input.join("incidents.csv");
    let act_path = input.join("actions.csv");
    let truth_path = dir.join("truth.csv");
    let mut inc = csv::Writer::from_writer(BufWriter::new(
        std::fs::File::create(&inc_path).map_err(io(&inc_path))?,
    ));
    let mut act = csv::Writer::from_writer(BufWriter::new(
        std::fs::File::create(&act_path).map_err(io(&act_path))?,
    ));
    let mut truth = BufWriter::new(std::fs::File::create(&truth_path).map_err(io(&truth_path))?);
    inc.write_record(COLUMNS).map_err(csv_err(&inc_path))?;
    act.write_record([
        "incident_id",
        "title",
        "owner",
        "status",
        "due_at",
        "completed_at",
        "scope",
    ])
    .map_err(csv_err(&act_path))?;
    writeln!(truth, "incident_id,class").map_err(io(&truth_path))?;

    let start = chrono::DateTime::parse_from_rfc3339("2023-01-01T00:00:00Z")
        .map_err(|e| RecurError::Invalid(e.to_string()))?
        .to_utc();
    let span_minutes = 3 * 365 * 24 * 60;
    let mut actions = 0usize;
    for n in 0..spec.incidents {
        let mut pick = rng.random_range(0.0..total_weight);
        let class_index = weights
            .iter()
            .position(|w| {
                pick -= w;
                pick < 0.0
            })
            .unwrap_or(CLASSES.len() - 1);
        let class = &CLASSES[class_index];
        let service = &services[*class_services[class_index].choose(&mut rng).unwrap_or(&0)];
        let component = class.components.choose(&mut rng).copied().unwrap_or("");
        let number = rng.random_range(2..200).to_string();
        let fill = |t: &str| {
            t.replace("{svc}", service)
                .replace("{comp}", component)
                .replace("{n}", &number)
        };
        let cause = if rng.random_bool(spec.empty_cause_rate) {
            String::new()
        } else {
            let base = fill(class.causes.choose(&mut rng).copied().unwrap_or(""));
            noise::roughen(&base, service, &mut rng)
        };
        let title = fill(class.titles.choose(&mut rng).copied().unwrap_or(""));
        let started = start + chrono::Duration::minutes(rng.random_range(0..span_minutes));
        let detected = started + chrono::Duration::minutes(rng.random_range(1..45));
        let acked = detected + chrono::Duration::minutes(rng.random_range(1..20));
        let mitigated = acked + chrono::Duration::minutes(rng.random_range(5..360));
        let resolved = mitigated + chrono::Duration::minutes(rng.random_range(10..1440));
        let ts = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let id = format!("GEN-{n:07}");
        let severity = ["SEV2", "SEV3", "SEV3", "SEV4", "SEV4", "P2", "high", "low"]
            .choose(&mut rng)
            .copied()
            .unwrap_or("SEV3");
        let factor = class.factors.choose(&mut rng).copied().unwrap_or("");
        // Neutral tags only: the class must never leak into the input.
        let tags = ["customer-facing", "internal", "customer-facing;tier-1", ""]
            .choose(&mut rng)
            .copied()
            .unwrap_or("");
        let team = TEAMS[(class_index + n % 3) % TEAMS.len()];
        // As many cells as COLUMNS, which the compiler checks.
        let row: [&str; COLUMNS.len()] = [
            id.as_str(),
            &title,
            severity,
            &ts(started),
            &ts(detected),
            &ts(acked),
            &ts(mitigated),
            &ts(resolved),
            service,
            component,
            factor,
            tags,
            &cause,
            "",
            team,
        ];
        inc.write_record(row).map_err(csv_err(&inc_path))?;
        writeln!(truth, "{id},{}", class.key).map_err(io(&truth_path))?;
        for _ in 0..rng.random_range(0..3) {
            let systemic = rng.random_bool(0.1);
            let list = if systemic {
                class.systemic_actions
            } else {
                class.local_actions
            };
            let title = fill(list.choose(&mut rng).copied().unwrap_or("Follow up"));
            let done = rng.random_bool(0.6);
            let due = ts(started + chrono::Duration::days(30));
            let completed = if done {
                ts(started + chrono::Duration::days(rng.random_range(1..60)))
            } else {
                String::new()
            };
            act.write_record([
                id.as_str(),
                &title,
                team,
                if done { "done" } else { "open" },
                &due,
                &completed,
                "",
            ])
            .map_err(csv_err(&act_path))?;
            actions += 1;
        }
    }
    inc.flush().map_err(io(&inc_path))?;
    act.flush().map_err(io(&act_path))?;
    truth.flush().map_err(io(&truth_path))?;
    write_catalog(&input.join("catalog.yaml"), &services, &class_services)?;
    Ok(CorpusInfo {
        incidents: spec.incidents,
        actions,
        services: services.len(),
        classes: CLASSES.len(),
    })
}

/// Backstage catalog: services depend on the components of the classes that hit them; some
/// components have no owner, some a catch-all, some several teams.
fn write_catalog(path: &Path, services: &[String], class_services: &[Vec<usize>]) -> Result<()> {
    let mut deps: Vec<Vec<&str>> = vec![Vec::new(); services.len()];
    for (class, members) in CLASSES.iter().zip(class_services) {
        for &s in members {
            for c in class.components {
                if !deps[s].contains(c) {
                    deps[s].push(c);
                }
            }
        }
    }
    let mut out = String::new();
    for (i, name) in services.iter().enumerate() {
        out.push_str(&format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\nspec:\n  type: service\n  owner: group:default/{}\n",
            TEAMS[i % TEAMS.len()]
        ));
        if !deps[i].is_empty() {
            out.push_str("  dependsOn:\n");
            for d in &deps[i] {
                out.push_str(&format!("    - resource:default/{d}\n"));
            }
        }
    }
    let mut components: Vec<&str> = CLASSES
        .iter()
        .flat_map(|c| c.components.iter().copied())
        .collect();
    components.sort_unstable();
    components.dedup();
    for (i, c) in components.iter().enumerate() {
        let owner = match i % 4 {
            0 => String::new(),
            1 => "  owner: group:default/shared\n".to_string(),
            2 => format!(
                "  owner: [group:default/{}, group:default/{}]\n",
                TEAMS[i % TEAMS.len()],
                TEAMS[(i + 1) % TEAMS.len()]
            ),
            _ => format!("  owner: group:default/{}\n", TEAMS[i % TEAMS.len()]),
        };
        out.push_str(&format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: {c}\nspec:\n  type: infrastructure\n{owner}"
        ));
    }
    std::fs::write(path, out).map_err(|e| RecurError::io(path, e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_columns_are_the_incident_fields_from_id_to_team() {
        assert_eq!(super::COLUMNS.first(), Some(&"id"));
        assert_eq!(super::COLUMNS.last(), Some(&"team"));
    }
}
