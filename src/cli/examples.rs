//! The example section of each command's `--help`.

pub(super) const EXAMPLES_IMPORT: &str = "Examples:\n  recur import data/sample\n  recur import --catalog catalog.yaml --catalog CODEOWNERS incidents.csv postmortems/\n  recur import --mapping pagerduty.yaml --strict exports/pagerduty.csv\n  recur import exports/ --include '**/*.csv' --exclude 'archive/**'\n  recur rejected            # what was not imported, and why";
pub(super) const EXAMPLES_STATS: &str = "Examples:\n  recur stats\n  recur stats --by quarter\n  recur stats --by team --quarter 2025Q4 --format csv > teams.csv";
pub(super) const EXAMPLES_HOTSPOTS: &str = "Examples:\n  recur hotspots\n  recur hotspots --quarter 2025Q4 --top 5\n  recur hotspots --min-services 5 --explain\n  recur hotspots --format json | jq '.[0].incident_ids'";
pub(super) const EXAMPLES_OWNERS: &str = "Examples:\n  recur owners\n  recur owners --since 2025-01-01 --explain\n  recur --catch-all shared,platform owners --format csv";
pub(super) const EXAMPLES_GAPS: &str = "Examples:\n  recur gaps\n  recur gaps --quarter 2025Q4\n  recur gaps --now 2026-01-15 --format json   # overdue as of a date";
pub(super) const EXAMPLES_REJECTED: &str =
    "Examples:\n  recur rejected\n  recur rejected --warnings --format csv > rejected.csv";
pub(super) const EXAMPLES_CLUSTERS: &str = "Examples:\n  recur clusters\n  recur clusters --explain --min-size 5\n  recur clusters --suggest      # classes to add to a taxonomy";
pub(super) const EXAMPLES_WHY: &str = "Examples:\n  recur why INC-1062\n  recur why INC-1062 --all     # every past incident of its class\n  recur why inc-1062 --format json\n  recur why --text \"database connections were exhausted\"";
pub(super) const EXAMPLES_SIMILAR: &str = "Examples:\n  recur similar \"checkout latency after a config push\"\n  recur similar --top 5 certificate expired on the gateway";
pub(super) const EXAMPLES_REPORT: &str = "Examples:\n  recur report                                  # all time, into reports/all-time/\n  recur report --quarter 2025Q4 --out reports/2025Q4\n  recur report --since 2025-01-01 --until 2025-07-01 --format html\n  recur report --quarter 2025Q4 --now 2026-01-10   # overdue as of that day";
pub(super) const EXAMPLES_CHART: &str = "Examples:\n  recur chart --list\n  recur chart hotspots --out hotspots.png\n  recur chart daff-timings --quarter 2025Q4 --width 1400 --height 700 --out daff.svg";
pub(super) const EXAMPLES_EXPORT: &str = "Examples:\n  recur export --graph dot --view summary --out summary.dot && dot -Tsvg summary.dot > summary.svg\n  recur export --graph dot --view class connection-pool --out pool.dot\n  recur export --graph graphml --view component orders-db --out orders-db.graphml\n  recur export --graph dot --out graph.dot          # everything: every incident and follow-up\n  recur export --graph graphml --out graph.graphml\n  recur export --tables parquet --out tables/";
pub(super) const EXAMPLES_EVAL: &str = "Examples:\n  recur generate --incidents 5000 --out /tmp/corpus\n  recur --store /tmp/s import /tmp/corpus/input\n  recur --store /tmp/s eval --truth /tmp/corpus/truth.csv";
pub(super) const EXAMPLES_GENERATE: &str =
    "Examples:\n  recur generate --incidents 100000 --seed 7 --out /tmp/corpus-100k";
