#!/usr/bin/env bash
# Imports each tool's folder of real exports (default: ../shared/real/exports beside the repo)
# into a fresh temporary store and prints, per folder: files, records read, imported, rejected,
# which DAFF phases the imported incidents have, and the first rejection reasons. Never writes into the repository or the samples.
#
#   scripts/import-real-exports.sh [EXPORTS_DIR]
#
# Uses $RECUR when set, else the debug binary in $CARGO_TARGET_DIR (or target/), building it if
# missing. Needs jq.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
exports="${1:-$here/../../shared/real/exports}"
[ -d "$exports" ] || { echo "no exports folder: $exports" >&2; exit 1; }
target="${CARGO_TARGET_DIR:-$here/../target}"
recur="${RECUR:-$target/debug/recur}"
if [ ! -x "$recur" ]; then
    (cd "$here/.." && cargo build --locked --quiet)
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

printf '%-12s %5s %5s %8s %8s %8s   (incident records)\n' tool files read imported rejected warnings
for dir in "$exports"/*/; do
    tool="$(basename "$dir")"
    store="$scratch/$tool"
    summary="$("$recur" --quiet --store "$store" import "$dir" --format json 2>"$scratch/$tool.err" || true)"
    if [ -z "$summary" ]; then
        # Every record rejected: the import refuses to write, so the counts come from stderr.
        files="$(find "$dir" -type f \( -name '*.json' -o -name '*.csv' \) | wc -l)"
        rejected="$(grep -c '^rejected:' "$scratch/$tool.err" || true)"
        warnings="$(grep -c '^warning:' "$scratch/$tool.err" || true)"
        printf '%-12s %5s %5s %8s %8s %8s  (nothing imported)\n' "$tool" "$files" "$rejected" 0 "$rejected" "$warnings"
    else
        jq -r --arg tool "$tool" \
            '[$tool, .files, .incidents.read, .incidents.imported, .incidents.rejected, .warnings] | @tsv' \
            <<<"$summary" | awk -F'\t' '{ printf "%-12s %5s %5s %8s %8s %8s\n", $1, $2, $3, $4, $5, $6 }'
        # Which DAFF phases the tool's export measured, over the incidents imported.
        "$recur" --quiet --store "$store" stats --format json 2>/dev/null | jq -r '
            .daff_coverage | "    DAFF coverage of \(.incidents): " +
            ([.phases[] | "\(.phase) \(.with_timestamp)"] | join(", "))' || true
    fi
    grep '^rejected:' "$scratch/$tool.err" | sed "s|$dir||" | cut -c1-200 | head -3 | sed 's/^/    /' || true
    grep -E '^error|panicked' "$scratch/$tool.err" | head -3 | sed 's/^/    /' || true
done
