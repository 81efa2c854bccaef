#!/usr/bin/env bash
# Opens a report in headless Chromium and saves a screenshot, to check by eye what a reader sees.
# Usage: scripts/screenshot-report.sh [REPORT_DIR] [OUT.png]   (default reports/example, report.png)
# Installs Debian's chromium when it is missing (needs root and the Debian registry).
set -euo pipefail
report="${1:-reports/example}/report.html"
out="${2:-report.png}"
[ -f "$report" ] || { echo "no $report: run recur report first" >&2; exit 1; }
if ! command -v chromium >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1280,2400 --screenshot="$out" \
  "file://$(realpath "$report")" 2>/dev/null
[ -s "$out" ] || { echo "no screenshot written" >&2; exit 1; }
echo "wrote $out"
