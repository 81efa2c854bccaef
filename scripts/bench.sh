#!/usr/bin/env bash
# Benchmarks recur on generated corpora, each command as a whole process (wall seconds and peak
# memory from /usr/bin/time, median of RUNS runs), plus recur's own per-stage --timings:
#   import           a new store from the corpus (incidents.csv, actions.csv, catalog.yaml)
#   clustering       `recur clusters` with no stored clustering (load, cluster, store, print), the
#                    sentence vectors of earlier runs kept in the store
#   first clustering the same with no stored vectors either (every representative text embedded)
#   similar          `recur similar TEXT` on the imported store (live lookup)
#   hotspots, why    queries on the imported store, reading the stored clustering
#   report           the full report (HTML, Markdown, JSON, 12 charts, 12 tables), stored clustering
#   end to end       import into a new store, then the report (which clusters): what a user runs
# Usage: scripts/bench.sh [SIZES...]   (default: 10000 100000 1000000; RUNS=3; BENCH_DIR=/tmp/recur-bench)
# Needs a release build; this script builds one (the first compiles polars: about 18 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a sizes <<< "${*:-10000 100000 1000000}"
runs="${RUNS:-3}"
# shellcheck source=bench-common.sh
source scripts/bench-common.sh

# measure LABEL COMMAND...: runs it $runs times, prints the median wall time and peak memory.
measure() {
  local label=$1; shift
  local walls=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" \
      || { cat "$work/stderr.txt"; exit 1; }
    read -r wall kb < "$work/time.txt"
    walls+=("$wall"); mems+=("$kb")
  done
  local wall kb
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  kb=$(printf '%s\n' "${mems[@]}" | sort -n | tail -n 1)
  printf '%-14s %8.2f s  %6d MiB   (median of %d; runs: %s)\n' "$label" "$wall" "$((kb / 1024))" "$runs" "${walls[*]}"
}

# stages LABEL COMMAND...: one run with --timings, its stage lines.
stages() {
  local label=$1; shift
  echo "  stages of $label:"
  "$@" > /dev/null 2> "$work/stderr.txt"
  grep '^timing:' "$work/stderr.txt" | sed 's/^timing: /    /'
}

for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  store="$work/store-$n"
  first=$(sed -n 2p "$corpus/input/incidents.csv" | cut -d, -f1)
  echo "== $n incidents ($corpus)"
  measure "end to end" sh -c "rm -rf '$store' && '$bin' --store '$store' --quiet import '$corpus/input' && '$bin' --store '$store' --quiet report --out '$work/report-$n'"
  measure "import" sh -c "rm -rf '$store' && '$bin' --store '$store' --quiet import '$corpus/input'"
  measure "first clustering" sh -c "rm -rf '$store/clusters' '$store/vectors.bin' && '$bin' --store '$store' --quiet clusters"
  measure "clustering" sh -c "rm -rf '$store/clusters' && '$bin' --store '$store' --quiet clusters"
  measure "similar" "$bin" --store "$store" --quiet similar "database connections were exhausted" --top 5
  measure "hotspots" "$bin" --store "$store" --quiet hotspots
  measure "why" "$bin" --store "$store" --quiet why "$first"
  measure "report" "$bin" --store "$store" --quiet report --out "$work/report-$n"
  rm -rf "$store"
  stages "import" "$bin" --store "$store" --quiet --timings import "$corpus/input"
  stages "report (clustering afresh)" "$bin" --store "$store" --quiet --timings report --out "$work/report-$n"
  stages "hotspots" "$bin" --store "$store" --quiet --timings hotspots
  "$bin" --store "$store" --quiet eval --truth "$corpus/truth.csv" | tail -n 1
done
