#!/usr/bin/env bash
# Whole-process benchmarks:
#   example   the example guide, its `guide` output only
#   all       the example guide, all its outputs (five PDFs and the Anki deck)
#   q25 q500 q5000
#             synthetic banks of 25, 500 and 5,000 questions
#             (`studyguide bench-bank`, seed 1: guidance of about 60 words and
#             answers of about 150)
#   render500k
#             `studyguide render` of a 500 KB Markdown file: the Markdown
#             studyguide writes for 300 synthetic questions (seed 2)
#   pack400   `studyguide build` of a pack (`studyguide pack`) of the example
#             guide with two copies of its `guide` output, each with
#             `variants = 200` (the most one output may have): 400 outputs,
#             of which only those in flight are held in memory
#
# Prints, per case: the median wall time and median peak RSS over RUNS
# runs, pages, PDF bytes (of the first PDF), the median wall time per page,
# and the median time of each stage (from `build --timings`; `render` has no
# stages). Needs only bash and a Rust toolchain: wall time comes from bash's
# clock, peak memory from the build itself (Linux /proc); for `render`, from
# GNU time when it is installed (`-` otherwise).
#
# Usage: scripts/bench.sh [RUNS] [CASES...]
#   default 7 runs and the cases example all q25 q500 q5000 render500k
#   pack400; e.g. scripts/bench.sh 11 example q500
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(example all q25 q500 q5000 render500k pack400)
cargo build --release --quiet
bin=$PWD/target/release/studyguide
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The example guide's settings, with only its `guide` output, plus `$1`
# (extra keys for that output); with `$2`, a second copy of that output by
# that name.
example_guide() {
  sed -n '1,/^\[\[output\]\]/p' guide.toml | sed '$d'
  printf '[[output]]\nname = "guide"\n%s' "$1"
  [ -z "${2:-}" ] || printf '\n[[output]]\nname = "%s"\n%s' "$2" "$1"
}

setup() { # case → folder with guide.toml (or doc.md)
  local dir=$tmp/$1
  mkdir -p "$dir"
  case $1 in
    example | all | pack400)
      mkdir -p "$dir/questions"
      cp questions/senior-backend.toml "$dir/questions/"
      case $1 in
        example) example_guide "" > "$dir/guide.toml" ;;
        all)
          cp guide.toml "$dir/guide.toml"
          cp -r assets "$dir/"
          ;;
        pack400)
          example_guide $'variants = 200\n' copy > "$dir/source.toml"
          "$bin" pack -q -o "$dir/guide.toml" "$dir/source.toml"
          ;;
      esac
      ;;
    render500k)
      "$bin" bench-bank --questions 300 --seed 2 > "$dir/bank.toml"
      printf 'title = "Render"\nbanks = ["bank.toml"]\n\n[[output]]\nname = "doc"\n' > "$dir/guide.toml"
      "$bin" build -q "$dir/guide.toml"
      mv "$dir/out/doc.md" "$dir/doc.md"
      rm -rf "$dir/out"
      ;;
    q*)
      "$bin" bench-bank --questions "${1#q}" --seed 1 > "$dir/bank.toml"
      printf 'title = "Bench %s"\nbanks = ["bank.toml"]\n\n[[output]]\nname = "bench"\n' "${1#q}" > "$dir/guide.toml"
      ;;
  esac
  echo "$dir"
}

# One timed run of a case; appends `wall MS`, the stage times and `rss MB`
# to its log.
run() { # case dir log
  local start end
  start=$EPOCHREALTIME
  if [ "$1" = render500k ]; then
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f 'rss %M' -o "$tmp/rss.txt" "$bin" render "$2/doc.md" -o "$2/out/doc.pdf" > "$tmp/out.txt" 2> "$tmp/err.txt"
    else
      "$bin" render "$2/doc.md" -o "$2/out/doc.pdf" > "$tmp/out.txt" 2> "$tmp/err.txt"
    fi
  elif ! "$bin" build "$2/guide.toml" --timings > "$tmp/out.txt" 2> "$tmp/err.txt"; then
    echo "bench: case $1 failed to build:" >&2
    cat "$tmp/err.txt" >&2
    exit 1
  fi
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN {printf "wall %.1f\n", (e - s) * 1000}' >> "$3"
  awk '$NF=="ms" && $1!="wall" {print $1, $2} /^peak RSS/ {print "rss", $3}' "$tmp/err.txt" >> "$3"
  if [ "$1" = render500k ] && [ -f "$tmp/rss.txt" ]; then
    awk '$1=="rss" {printf "rss %.1f\n", $2 / 1024}' "$tmp/rss.txt" >> "$3"
  fi
}

stages=(load select render parse layout guard pdf write)
printf '%-10s %9s %8s %6s %10s %8s |' case "wall ms" "RSS MB" pages "PDF bytes" "ms/page"
printf ' %7s' "${stages[@]}"
printf '  (stage medians, ms)\n'
for name in "${cases[@]}"; do
  dir=$(setup "$name")
  mkdir -p "$dir/out"
  log=$tmp/$name.log
  : > "$log"
  for _ in $(seq "$runs"); do
    run "$name" "$dir" "$log"
  done
  pick() { awk -v k="$1" '$1==k {print $2}' "$log" | median; }
  pdfs=("$dir"/out/*.pdf)
  pdf=${pdfs[0]}
  # Pages from the last run's report ("wrote out/x.pdf (12 pages, ...)").
  pages=$(cat "$tmp/out.txt" "$tmp/err.txt" | sed -n 's/.*\.pdf (\([0-9]*\) page.*/\1/p' | awk '{n += $1} END {print n + 0}')
  wall=$(pick wall)
  rss=$(pick rss)
  printf '%-10s %9.1f %8s %6s %10s %8.2f |' "$name" "$wall" "${rss:--}" "$pages" "$(wc -c < "$pdf")" \
    "$(awk -v w="$wall" -v p="$pages" 'BEGIN {print (p > 0 ? w / p : 0)}')"
  for s in "${stages[@]}"; do
    v=$(pick "$s")
    if [ -n "$v" ]; then printf ' %7.1f' "$v"; else printf ' %7s' -; fi
  done
  printf '\n'
  rm -rf "$dir"
done
