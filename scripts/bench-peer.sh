#!/usr/bin/env bash
# recur against the Python pipeline in ../shared/peer (pandas + rapidfuzz or TF-IDF, connected
# components) on the same generated corpora: whole-process wall time and peak memory of each, and
# both tools' adjusted Rand index against the generator's truth. The peer gets 10 minutes a run.
# Usage: scripts/bench-peer.sh VENV [SIZES...]   (default sizes: 10000 20000 50000 100000)
#   VENV: a Python venv with the peer's requirements (python3 -m venv VENV &&
#         VENV/bin/pip install -r ../shared/peer/requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$1; shift
read -r -a sizes <<< "${*:-10000 20000 50000 100000}"
peer="${PEER_DIR:-../shared/peer}/peer_baseline.py"
# shellcheck source=bench-common.sh
source scripts/bench-common.sh
timed() { # OUT_FILE COMMAND...: "wall_s peak_kb" into OUT_FILE (empty when killed)
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$out" "$@" > /dev/null 2>&1 || true
}
for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  store="$work/peer-store-$n"
  rm -rf "$store"
  timed "$work/recur.txt" sh -c "'$bin' --store '$store' --quiet import '$corpus/input' && '$bin' --store '$store' --quiet hotspots"
  recur_ari=$("$bin" --store "$store" --quiet eval --truth "$corpus/truth.csv" | tail -n 1)
  echo "== $n: recur (import + hotspots) $(cat "$work/recur.txt") -- $recur_ari"
  for mode in rapidfuzz tfidf; do
    out="$work/peer-$n-$mode"
    timed "$work/peer.txt" timeout -s KILL 600 "$venv/bin/python" "$peer" \
      --incidents "$corpus/input/incidents.csv" --catalog "$corpus/input/catalog.yaml" \
      --actions "$corpus/input/actions.csv" --out "$out" --mode "$mode"
    if [ -f "$out/assignments.csv" ] && [ -s "$work/peer.txt" ]; then
      echo "   peer $mode: $(cat "$work/peer.txt") -- $("$venv/bin/python" scripts/score_peer.py "$corpus/truth.csv" "$out/assignments.csv")"
    else
      echo "   peer $mode: did not finish within 10 minutes"
    fi
    rm -f "$out/assignments.csv"
  done
done
