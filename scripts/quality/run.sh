#!/usr/bin/env bash
# Build every quality set with one recur binary, score it, and print one Markdown table.
# Usage: scripts/quality/run.sh        env: RECUR (binary), PY (python with requirements.txt), OUT
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export RECUR="${RECUR:-$HOME/.cache/recur-target/debug/recur}"
PY="${PY:-/tmp/qvenv/bin/python}"
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in the repository
OUT="${OUT:-/tmp/recur-quality/sets}"
[ -x "$RECUR" ] || { echo "no recur binary at $RECUR" >&2; exit 1; }
# Snapshot the binary so a rebuild during the run cannot mix two versions.
mkdir -p "$OUT"
built="$(date -r "$RECUR" '+%F %T')"
cp "$RECUR" "$OUT/recur.bin" && RECUR="$OUT/recur.bin"

"$PY" "$HERE/sets.py" --out "$OUT"

# One JSON line per row: set name, then score.py's and baseline.py's results merged.
rows="$(mktemp)"
trap 'rm -f "$rows"' EXIT
row() { # NAME SETDIR [TRUTH]
  local name="$1" csv="$2/export/incidents.csv" truth="${3:-}" s b='{}'
  [ -f "$csv" ] || return 0
  s="$("$PY" "$HERE/score.py" "$csv" ${truth:+"$truth"} --json)"
  [ -z "$truth" ] || b="$("$PY" "$HERE/baseline.py" "$csv" "$truth" --json)"
  "$PY" -c 'import json,sys; print(json.dumps({"set": sys.argv[1], **json.loads(sys.argv[2]), **json.loads(sys.argv[3])}))' \
    "$name" "$s" "$b" >>"$rows"
  # Cross-check score.py against recur's own eval on the same store.
  [ -z "$truth" ] || "$PY" -c '
import json, sys
mine, theirs = json.loads(sys.argv[2]), json.loads(sys.argv[3])
for k, t in [("ari", "adjusted_rand_index"), ("ami", "adjusted_mutual_information"), ("unclassified_share", "unclassified_share")]:
    if abs(mine[k] - theirs[t]) > 1e-6:
        print(f"warning: {sys.argv[1]}: score.py {k} {mine[k]:.4f} but recur eval says {theirs[t]:.4f}", file=sys.stderr)' \
    "$name" "$s" "$("$RECUR" -q --store "$2/store" eval --truth "$truth" --format json)"
}
row icco "$OUT/icco" "$OUT/icco/truth.csv"
row icco-single "$OUT/icco" "$OUT/icco/truth-single.csv"
row github-status "$OUT/github-status"
row synthetic "$OUT/synthetic" "$OUT/synthetic/truth.csv"
row blind "$OUT/blind" "$OUT/blind/truth.csv"   # absent when data/blind is

echo
echo "$("$RECUR" --version), binary built $built"
echo
"$PY" - "$rows" <<'EOF'
import json, sys
cols = ["set", "incidents", "classes", "clusters", "ARI", "AMI", "baseline AMI", "AMI/baseline",
        "homogeneity", "completeness", "largest cluster share", "unclassified share"]
print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
for line in open(sys.argv[1]):
    r = json.loads(line)
    f = lambda k: f"{r[k]:.3f}" if k in r else "–"
    ratio = f"{r['ami'] / r['baseline_ami']:.2f}" if r.get("baseline_ami", 0) > 0 else "–"
    print(f"| {r['set']} | {r['incidents']} | {r.get('classes', '–')} | {r['clusters']} | {f('ari')} | {f('ami')}"
          f" | {f('baseline_ami')} | {ratio} | {f('homogeneity')} | {f('completeness')}"
          f" | {r['largest_cluster_share']:.1%} | {r['unclassified_share']:.1%} (no cause {r['no_cause_share']:.1%}) |")
EOF

echo
echo "github-status, 10 largest clusters:"
"$PY" "$HERE/score.py" "$OUT/github-status/export/incidents.csv" | sed -n '/^| cluster/,$p'
