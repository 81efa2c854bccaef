#!/usr/bin/env bash
# Benchmarks recur on generated corpora: import, then clustering, each as a whole process
# (wall seconds and peak memory from /usr/bin/time), with recur's own per-stage --timings.
# Usage: scripts/bench.sh [SIZES...]   (default: 10000 100000 1000000). Needs a release build;
# this script builds one (the first release build compiles polars: about 18 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/recur"
work="${BENCH_DIR:-/tmp/recur-bench}"
mkdir -p "$work"
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
  read -r wall kb < "$work/time.txt"
  printf '%-28s %8.2f s %8.0f MiB\n' "$label" "$wall" "$((kb / 1024))"
  grep '^timing:' "$work/stderr.txt" | sed 's/^/    /' || true
}
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  [ -f "$corpus/truth.csv" ] || "$bin" generate --incidents "$n" --out "$corpus" > /dev/null
  rm -rf "$corpus/store"
  measure "import $n" "$bin" --store "$corpus/store" --quiet --timings import "$corpus/input"
  measure "clusters $n" "$bin" --store "$corpus/store" --quiet --timings clusters
  "$bin" --store "$corpus/store" --quiet eval --truth "$corpus/truth.csv" | tail -n 1
done
