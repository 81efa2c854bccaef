# Shared by the bench scripts (sourced, from the repository root): builds the release binary and
# sets `bin` (its path) and `work` (where corpora, stores and outputs go: BENCH_DIR, default
# /tmp/recur-bench). `corpus N` generates the corpus of N incidents once and prints its folder.
cargo build --release --quiet
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" = /* ]] || target="$(pwd)/$target"
bin="$target/release/recur"
work="${BENCH_DIR:-/tmp/recur-bench}"
mkdir -p "$work"
corpus() {
  local dir="$work/corpus-$1"
  [ -f "$dir/truth.csv" ] || "$bin" generate --incidents "$1" --out "$dir" > /dev/null
  echo "$dir"
}
