#!/usr/bin/env bash
# Whole-process build benchmarks on the example guide (one output) and on
# synthetic banks of 25, 500 and 5,000 questions (`studyguide bench-bank`,
# seed 1: guidance of about 60 words and answers of about 150).
#
# Prints, per case: the median wall time and median peak RSS over RUNS
# builds, pages, PDF bytes, and the median time of each stage (from
# `build --timings`). Needs only bash and a Rust toolchain: wall time comes
# from bash's clock, peak memory from the build itself (Linux /proc).
#
# Usage: scripts/bench.sh [RUNS] [CASES...]   (default 7 runs, all cases)
#   e.g. scripts/bench.sh 11 example q500
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(example q25 q500 q5000)
cargo build --release --quiet
bin=$PWD/target/release/studyguide
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

setup() { # case → folder with guide.toml
  local dir=$tmp/$1
  mkdir -p "$dir"
  if [ "$1" = example ]; then
    mkdir -p "$dir/questions"
    cp questions/senior-backend.toml "$dir/questions/"
    # The example's settings, with only its `guide` output.
    sed -n '1,/^\[\[output\]\]/p' guide.toml | sed '$d' > "$dir/guide.toml"
    printf '[[output]]\nname = "guide"\n' >> "$dir/guide.toml"
  else
    "$bin" bench-bank --questions "${1#q}" --seed 1 > "$dir/bank.toml"
    printf 'title = "Bench %s"\nbanks = ["bank.toml"]\n\n[[output]]\nname = "bench"\n' "${1#q}" > "$dir/guide.toml"
  fi
  echo "$dir"
}

stages=(load select render parse layout guard pdf write)
printf '%-8s %9s %8s %6s %10s |' case "wall ms" "RSS MB" pages "PDF bytes"
printf ' %7s' "${stages[@]}"
printf '  (stage medians, ms)\n'
for name in "${cases[@]}"; do
  dir=$(setup "$name")
  log=$tmp/$name.log
  : > "$log"
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME
    "$bin" build "$dir/guide.toml" --timings > "$tmp/out.txt" 2> "$tmp/err.txt"
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" 'BEGIN {printf "wall %.1f\n", (e - s) * 1000}' >> "$log"
    awk '$NF=="ms" && $1!="wall" {print $1, $2} /^peak RSS/ {print "rss", $3}' "$tmp/err.txt" >> "$log"
  done
  pick() { awk -v k="$1" '$1==k {print $2}' "$log" | median; }
  pdf=$(ls "$dir"/out/*.pdf | head -1)
  pages=$(cat "$tmp/out.txt" "$tmp/err.txt" | sed -n 's/.*\.pdf (\([0-9]*\) page.*/\1/p' | head -1)
  printf '%-8s %9.1f %8.1f %6s %10s |' "$name" "$(pick wall)" "$(pick rss)" "${pages:-?}" "$(wc -c < "$pdf")"
  for s in "${stages[@]}"; do printf ' %7.1f' "$(pick "$s")"; done
  printf '\n'
done
