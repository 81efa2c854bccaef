//! `recur stats`: what the store holds, counted by quarter, service, team and severity
//! (aggregated with polars).

use crate::error::{RecurError, Result};
use crate::ingest::Level;
use crate::model::time::quarter_label;
use crate::output::{Cell, Table, View};
use crate::runner::Runner;
use crate::store::StoreData;
use polars::prelude::*;
use serde_json::json;
use std::collections::BTreeSet;

pub use crate::analysis::timings::GroupBy;

/// The dimensions of the overview, in the order they are shown.
const OVERVIEW: [GroupBy; 4] = [
    GroupBy::Quarter,
    GroupBy::Service,
    GroupBy::Team,
    GroupBy::Severity,
];

/// Groups are ordered by key (quarter, severity) or by count (the others).
fn by_key(by: GroupBy) -> bool {
    matches!(by, GroupBy::Quarter | GroupBy::Severity)
}

/// Incident counts per group value; an incident with several services counts once for each.
pub fn count_by(data: &StoreData, by: GroupBy) -> Result<Vec<(String, u32)>> {
    let keys: Vec<String> = match by {
        GroupBy::Quarter => data
            .incidents
            .iter()
            .map(|i| quarter_label(i.started_at))
            .collect(),
        GroupBy::Service => data
            .incidents
            .iter()
            .flat_map(|i| i.services.iter().cloned())
            .collect(),
        GroupBy::Team => data
            .incidents
            .iter()
            .map(|i| i.team.clone().unwrap_or_else(|| "(no team)".into()))
            .collect(),
        GroupBy::Severity => data
            .incidents
            .iter()
            .map(|i| {
                i.severity
                    .map_or("(unset)".into(), |s| s.label().to_string())
            })
            .collect(),
        GroupBy::Cluster => {
            return Err(RecurError::Invalid(
                "the overview does not count by cluster; use `recur stats --by cluster`".into(),
            ));
        }
    };
    let err = |e| RecurError::table(format!("counting incidents by {}", by.name()), e);
    let df = DataFrame::new(keys.len(), vec![Column::new("key".into(), keys)]).map_err(err)?;
    let sort = if by_key(by) {
        df.lazy()
            .group_by([col("key")])
            .agg([len().alias("n")])
            .sort(["key"], SortMultipleOptions::default())
    } else {
        df.lazy()
            .group_by([col("key")])
            .agg([len().alias("n")])
            .sort_by_exprs(
                [col("n"), col("key")],
                SortMultipleOptions::default().with_order_descending_multi([true, false]),
            )
    };
    let out = sort.collect().map_err(err)?;
    let keys = out
        .column("key")
        .and_then(|c| c.str().cloned())
        .map_err(err)?;
    let counts = out
        .column("n")
        .and_then(|c| c.cast(&DataType::UInt32))
        .map_err(err)?;
    let counts = counts.u32().map_err(err)?;
    Ok(keys
        .iter()
        .zip(counts.iter())
        .map(|(k, n)| (k.unwrap_or_default().to_string(), n.unwrap_or_default()))
        .collect())
}

/// Builds the stats view: totals, then one table per requested dimension.
pub fn view(data: &StoreData, only: Option<GroupBy>) -> Result<View> {
    let actions: usize = data.incidents.iter().map(|i| i.actions.len()).sum();
    let services: BTreeSet<&str> = data
        .incidents
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect();
    let teams: BTreeSet<&str> = data
        .incidents
        .iter()
        .filter_map(|i| i.team.as_deref())
        .collect();
    let rejected = data
        .notes
        .iter()
        .filter(|n| n.level == Level::Error)
        .count();
    let warnings = data.notes.len() - rejected;
    let first = data.incidents.iter().map(|i| i.started_at).min();
    let last = data.incidents.iter().map(|i| i.started_at).max();
    let mut json = json!({
        "incidents": data.incidents.len(),
        "actions": actions,
        "catalog_entities": data.catalog.len(),
        "services": services.len(),
        "teams": teams.len(),
        "rejected": rejected,
        "warnings": warnings,
        "first_started_at": first.map(|t| t.to_rfc3339()),
        "last_started_at": last.map(|t| t.to_rfc3339()),
    });
    let coverage = crate::analysis::coverage::Coverage::of(&data.incidents);
    json["daff_coverage"] = serde_json::to_value(&coverage).unwrap_or_default();
    let mut tables = Vec::new();
    for by in OVERVIEW
        .into_iter()
        .filter(|b| only.is_none_or(|o| o == *b))
    {
        let counts = count_by(data, by)?;
        let mut table = Table::new(
            &format!("incidents by {}", by.name()),
            &["group", "incidents"],
        );
        for (key, n) in &counts {
            table.row(vec![key.as_str().into(), Cell::Int(i64::from(*n))]);
        }
        json[format!("by_{}", by.name())] = counts
            .iter()
            .map(|(k, n)| json!({"group": k, "incidents": n}))
            .collect::<Vec<_>>()
            .into();
        tables.push(table);
    }
    let span = match (first, last) {
        (Some(f), Some(l)) => format!(", {} to {}", f.format("%Y-%m-%d"), l.format("%Y-%m-%d")),
        _ => String::new(),
    };
    let footer = vec![format!(
        "{} incidents{span}; {} actions; {} services; {} teams; {} catalog rows; {} rejected, {} warnings",
        data.incidents.len(),
        actions,
        services.len(),
        teams.len(),
        data.catalog.len(),
        rejected,
        warnings
    )];
    let mut footer = footer;
    footer.push(coverage.line());
    Ok(View {
        header: Vec::new(),
        json,
        tables,
        footer,
        csv: None,
    })
}

/// `recur stats --by X`: DAFF timings and trends per group.
pub fn daff_view(
    a: &crate::analysis::Analysis<'_>,
    period: &crate::analysis::period::Period,
    by: GroupBy,
    now: crate::model::Timestamp,
    explain: bool,
) -> Result<View> {
    use crate::analysis::timings::{EXPLAIN, METRICS, by_group};
    let groups = by_group(a, period, by, now);
    let mut table = Table::new(
        &format!(
            "DAFF timings by {}, {} (median / p90)",
            by.name(),
            period.describe()
        ),
        &[
            "group", "n", "detect", "ack", "mitigate", "resolve", "repeat", "final.", "change",
        ],
    );
    let mut headers = vec!["group".to_string(), "incidents".to_string()];
    for m in METRICS {
        headers.push(format!("{m}_median_minutes"));
        headers.push(format!("{m}_p90_minutes"));
    }
    headers.extend(["repeat_rate", "finalisation_rate", "change"].map(String::from));
    let mut csv = Table {
        title: table.title.clone(),
        headers,
        rows: Vec::new(),
    };
    for g in &groups {
        let mut row: Vec<Cell> = vec![g.group.as_str().into(), Cell::from(g.incidents)];
        let mut values: Vec<Cell> = row.clone();
        for (median, p90) in g.minutes {
            let (m, p) = (Cell::minutes(median), Cell::minutes(p90));
            row.push(format!("{}/{}", or_dash(&m), or_dash(&p)).into());
            values.extend([m, p]);
        }
        let tail = [
            Cell::Rate(g.repeat_rate),
            Cell::rate(g.finalisation_rate),
            g.change.map_or(Cell::Empty, Cell::Int),
        ];
        row.extend(tail.iter().cloned());
        values.extend(tail);
        table.row(row);
        csv.row(values);
    }
    Ok(View {
        json: json!({"by": by.name(), "period": period.describe(), "groups": groups}),
        header: crate::output::explain_lines(EXPLAIN, explain),
        tables: vec![table],
        footer: vec!["`--explain` defines each figure; `--format csv` and `json` give minutes and fractions, and json the incident ids behind each group".into()],
        csv: Some(csv),
    })
}

fn or_dash(c: &Cell) -> String {
    match c {
        Cell::Empty => "-".into(),
        other => other.display(),
    }
}

/// `recur stats`: what the store holds.
pub(crate) fn command(
    run: &Runner<'_>,
    query: &crate::Query,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let mut data = run.timings.stage("load store", || {
        crate::runner::load_existing(run.store, crate::store::Load::Everything)
    })?;
    let filter = &run.global.filter;
    // A team's view: what the store holds about the incidents in scope.
    if let Some(mask) = filter.mask(&data)? {
        let mut keep = mask.into_iter();
        data.incidents.retain(|_| keep.next().unwrap_or(false));
    }
    let mut shown = view(&data, None)?;
    if !filter.is_empty() {
        shown.json["filter"] = filter.describe().into();
        shown.header.push(format!("filter: {}", filter.describe()));
    }
    let printed = crate::runner::print(&shown, query.format, out);
    crate::runner::release(run.global, data);
    printed
}

/// `recur stats --by X`: DAFF timings and trends per group.
pub(crate) fn by_command(
    run: &Runner<'_>,
    by: GroupBy,
    query: &crate::Query,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    // The finalisation rate reads follow-ups.
    run.analysis(
        "timings",
        crate::store::Load::Everything,
        query.format,
        out,
        |a| {
            let now = a.now_for(&query.period, query.now);
            daff_view(a, &query.period, by, now, query.explain)
        },
    )
}
