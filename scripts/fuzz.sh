#!/usr/bin/env bash
# Runs every fuzz target (examples/fuzz) for a fixed time and prints runs, panics, crashes (the
# process died, e.g. a stack overflow), invariant failures and hangs per target; findings are saved under target/fuzz-findings/TARGET/.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET=600] [PARALLEL=2] [TARGET...]
#
# Each target runs in chunks of at most 120 s with a new seed each, so a hang (which stops a
# chunk) does not end the target's time. Run it under `nice -n 19` on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
parallel="${2:-2}"
shift $(( $# > 2 ? 2 : $# )) || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv json jsonl yaml catalog markdown codeowners mapping aliases taxonomy store)
fi
cargo build --quiet --example fuzz
bin="${CARGO_TARGET_DIR:-target}/debug/examples/fuzz"
copy="$(mktemp -d)/fuzz"
cp "$bin" "$copy"   # later builds do not change the binary under a running fuzz
log_dir="target/fuzz-logs"
mkdir -p "$log_dir"

run_target() {
  local target="$1" left="$seconds" seed=1 chunk
  : > "$log_dir/$target.log"
  while [ "$left" -gt 0 ]; do
    chunk=$(( left < 120 ? left : 120 ))
    local status=0
    FUZZ_KEEP_LAST=1 "$copy" "$target" "$chunk" "$seed" >> "$log_dir/$target.log" 2>> "$log_dir/$target.err" || status=$?
    # 3: the harness stopped on a hang (it printed it). Anything else: the process died (a stack
    # overflow aborts without unwinding); its input is the last one kept.
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
      cp "target/fuzz-findings/$target/last.input" "target/fuzz-findings/$target/crash-seed$seed.input" 2>/dev/null || true
      echo "target=$target seconds=$chunk crashes=1 (exit $status; input saved as target/fuzz-findings/$target/crash-seed$seed.input)" >> "$log_dir/$target.log"
    fi
    left=$(( left - chunk ))
    seed=$(( seed + 1 ))
  done
  awk -v t="$target" '
    /^target=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] += kv[2] } }
    END { printf "%-11s seconds=%d runs=%d panics=%d crashes=%d invariant_failures=%d hangs=%d\n",
          t, v["seconds"], v["runs"], v["panics"], v["crashes"], v["invariant_failures"], v["hangs"] }
  ' "$log_dir/$target.log"
}

export -f run_target
export seconds copy log_dir
printf '%s\n' "${targets[@]}" | xargs -P "$parallel" -I{} bash -c 'run_target {}' | sort
