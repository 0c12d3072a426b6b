#!/usr/bin/env bash
# Whole-process build benchmarks on synthetic banks (25, 500 and 5,000
# questions, from `studyguide bench-bank`) and on the example guide.
# Prints, per case: median wall time, peak RSS, pages, PDF bytes and the
# time of each stage (from `build --timings`, summed over outputs).
# Needs /usr/bin/time (Debian: apt-get install time). Usage: scripts/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
cargo build --release --quiet
bin=$PWD/target/release/studyguide
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v /usr/bin/time >/dev/null || { echo "bench.sh needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

case_dir() { # name questions
  local dir=$tmp/$1
  mkdir -p "$dir"
  "$bin" bench-bank --questions "$2" --seed 1 > "$dir/bank.toml"
  printf 'title = "Bench %s"\nbanks = ["bank.toml"]\n\n[[output]]\nname = "bench"\n' "$2" > "$dir/guide.toml"
  echo "$dir"
}

example_dir() {
  local dir=$tmp/example
  mkdir -p "$dir/questions"
  cp questions/senior-backend.toml "$dir/questions/"
  sed -n '1,/^\[\[output\]\]/p' guide.toml | sed '$d' > "$dir/guide.toml"
  printf '[[output]]\nname = "guide"\n' >> "$dir/guide.toml"
  echo "$dir"
}

printf '%-14s %9s %9s %6s %10s | %s\n' case "wall ms" "RSS MB" pages "PDF bytes" "stage ms: load select render parse layout pdf write"
for spec in example:0 q25:25 q500:500 q5000:5000; do
  name=${spec%%:*}; n=${spec##*:}
  if [ "$name" = example ]; then dir=$(example_dir); else dir=$(case_dir "$name" "$n"); fi
  walls=(); rss=()
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f '%e %M' "$bin" build "$dir/guide.toml" --quiet >/dev/null; } 2>&1 | tail -1)
    walls+=("$(echo "$out" | awk '{print $1 * 1000}')")
    rss+=("$(echo "$out" | awk '{print $2 / 1024}')")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  mem=$(printf '%s\n' "${rss[@]}" | median)
  pdf=$(ls "$dir"/out/*.pdf | head -1)
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  bytes=$(stat -c %s "$pdf")
  stages=$("$bin" build "$dir/guide.toml" --quiet --timings 2>&1 | awk '$3=="ms" && $1!="wall" {printf "%s ", $2}')
  printf '%-14s %9.0f %9.1f %6s %10s | %s\n' "$name" "$wall" "$mem" "${pages:-?}" "$bytes" "$stages"
done
