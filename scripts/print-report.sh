#!/usr/bin/env bash
# Prints a report to PDF with headless Chromium (A4, print CSS), to check the pages by eye:
# page 1 should carry the executive summary, definitions print expanded, headings keep with
# their content. Usage: scripts/print-report.sh [REPORT_DIR] [OUT.pdf]
# (default reports/example-2025Q4, report.pdf). Needs chromium (see screenshot-report.sh).
set -euo pipefail
report="${1:-reports/example-2025Q4}/report.html"
out="${2:-report.pdf}"
[ -f "$report" ] || { echo "no $report: run recur report first" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$out" \
  "file://$(realpath "$report")" 2>/dev/null
[ -s "$out" ] || { echo "no PDF written" >&2; exit 1; }
echo "wrote $out"
