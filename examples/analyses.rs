//! Benchmark: every analysis on one store in one process (load, cluster, hotspots, ownership
//! gaps, finalisation gaps, DAFF timings by quarter), with each stage's wall time.
//!
//! cargo run --release --example analyses -- STORE_DIR
//! (time the whole process with `/usr/bin/time -v`; see docs/benchmarks.md)

use recur::analysis::{Analysis, gaps, hotspots, owners, period::Period, timings};
use recur::progress::Timings;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: analyses STORE_DIR")?;
    let t = Timings::new(true);
    let data = t.stage("load store", || recur::store::Store::at(&dir).load())?;
    let taxonomy = recur::cluster::Taxonomy::load(None)?;
    let a = Analysis::new(&data, taxonomy, &recur::cluster::Settings::default(), &t)?;
    let period = Period::default();
    let now = recur::model::time::parse_timestamp("2026-01-01").ok_or("date")?;
    t.stage("graph and follow-up verdicts", || a.prepare());
    let h = t.stage("hotspots", || hotspots::hotspots(&a, &period, 3).len());
    let o = t.stage("ownership gaps", || {
        owners::ownership_gaps(&a, &period).shared.len()
    });
    let g = t.stage("finalisation gaps", || {
        gaps::gaps(&a, &period, now).classes.len()
    });
    let q = t.stage("timings by quarter", || {
        timings::by_group(&a, &period, timings::GroupBy::Quarter, now).len()
    });
    println!(
        "{} incidents: {h} classes, {o} shared components, {g} recurring classes, {q} quarters",
        data.incidents.len()
    );
    for line in t.report() {
        println!("{line}");
    }
    // Leave the process without freeing a million records one by one.
    std::mem::forget(a);
    std::mem::forget(data);
    Ok(())
}
