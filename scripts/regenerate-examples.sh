#!/usr/bin/env bash
# Regenerates the committed example reports from data/sample, the way the tests check them
# (tests/cli/report.rs and quarterly.rs compare a fresh report with these folders):
#   reports/example/          recur report            (all time)
#   reports/example-2025Q4/   recur report --quarter 2025Q4
# Run it after a change that alters what a report says, and read the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/recur"
store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT
"$bin" --store "$store" --quiet import data/sample >/dev/null
for spec in "example:" "example-2025Q4:--quarter 2025Q4"; do
  dir="reports/${spec%%:*}"
  args="${spec#*:}"
  rm -rf "$dir"
  # shellcheck disable=SC2086 # the period arguments are meant to split
  "$bin" --store "$store" --quiet report $args --out "$dir"
  echo "wrote $dir"
done
