#!/usr/bin/env bash
# Compare studyguide's typesetting of the example guide with typst's.
#
# Builds the example's `guide` output with studyguide, converts the Markdown
# it was typeset from (guide.md) to typst markup, and sets it with typst on
# the same fonts (fonts/: Gentium Book Plus, Noto Sans Mono, no system
# fonts), paper (A4), margins (22/26/24/26 mm), size (10.5 pt), leading
# (1.32, baseline to baseline), justification and en-US hyphenation. Then
# prints a side-by-side table of page count, mean foot emptiness, share of
# hyphenated lines, consecutive hyphen pairs, straight quotes (all from
# scripts/page_quality.py) and wall time: the median of RUNS whole-process
# runs of `studyguide build --output guide` and of the typst compile.
#
# typst comes from PyPI (`pip install typst`), which ships the compiler as a
# Python module with no command-line program, so the typst time is that of
# a whole `python3 -c 'import typst; typst.compile(...)'` process: it
# includes Python's start and the module's import. The compile alone, as
# timed inside that process, is printed below the table.
#
# The Markdown is converted by the small converter below (pandoc 2.x, the
# one Debian 12 ships, has no typst writer). It covers what the templates
# emit: the front matter title block, # and ## headings, paragraphs with
# **bold**, *italic*, `code` and links, bullet and numbered lists (nested by
# indentation), fenced code blocks and pipe tables; HTML comments are
# dropped. Anything else passes through as escaped text.
#
# Usage: scripts/compare-typst.sh [RUNS]    (default 5)
# Needs: bash, python3, poppler-utils, and the typst Python package
# (installed with pip if missing). Work files and both PDFs are left in
# out/compare-typst/ (guide.md, guide.typ, studyguide.pdf, typst.pdf).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
repo=$PWD
bin=$repo/target/release/studyguide
[ -x "$bin" ] || cargo build --release --quiet
python3 -c 'import typst' 2>/dev/null || python3 -m pip install --quiet typst
command -v pdftotext >/dev/null || { echo "needs pdftotext (poppler-utils)" >&2; exit 1; }

work=$repo/out/compare-typst
rm -rf "$work"
mkdir -p "$work"
# Build in a copy of the example so the repository's out/ and lock file stay
# as they are.
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp guide.toml "$src/"
[ -f guide.lock ] && cp guide.lock "$src/"
cp -r questions "$src/"
[ -d templates ] && cp -r templates "$src/"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { echo "${EPOCHREALTIME/,/.}"; }

# --- studyguide -------------------------------------------------------------
: > "$work/studyguide.times"
for _ in $(seq "$runs"); do
  t0=$(now)
  "$bin" build --quiet --output guide --out "$src/out" "$src/guide.toml"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >> "$work/studyguide.times"
done
cp "$src/out/guide.pdf" "$work/studyguide.pdf"
cp "$src/out/guide.md" "$work/guide.md"

# --- Markdown to typst ------------------------------------------------------
python3 - "$work/guide.md" "$work/guide.typ" <<'PY'
import re, sys

src, dst = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
text = re.sub(r"<!--.*?-->\n?", "", text, flags=re.S)

meta = {}
m = re.match(r"---\n(.*?)\n---\n", text, re.S)
if m:
    for line in m.group(1).splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip().strip('"')
    text = text[m.end():]

SPECIAL = set('\\*_`#$<>@[]~/=')

def esc(s):
    out = []
    for i, c in enumerate(s):
        if c in SPECIAL or (c == "-" and (s[i + 1:i + 2] == "-" or i == 0)) or (c == "+" and i == 0):
            out.append("\\" + c)
        elif c == "." and s[i + 1:i + 3] == "..":
            out.append("\\.")
        else:
            out.append(c)
    return "".join(out)

def tstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

INLINE = re.compile(r"(`+)(.+?)\1|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|\*(.+?)\*")

def inline(s):
    out, pos = [], 0
    for m in INLINE.finditer(s):
        out.append(esc(s[pos:m.start()]))
        if m.group(1):
            out.append("#raw(" + tstr(m.group(2).strip()) + ")")
        elif m.group(3):
            out.append("#link(" + tstr(m.group(4)) + ")[" + inline(m.group(3)) + "]")
        elif m.group(5):
            out.append("#strong[" + inline(m.group(5)) + "]")
        else:
            out.append("#emph[" + inline(m.group(6)) + "]")
        pos = m.end()
    out.append(esc(s[pos:]))
    # A number and a dot at the start of a line would make a list item.
    res = "".join(out)
    return re.sub(r"^(\d+)\.", r"\1\\.", res)

out = ["#import \"style.typ\": *", "#show: guide.with("]
for k in ("title", "subtitle", "author"):
    if k in meta:
        out.append(f"  {k}: [{inline(meta[k])}],")
out.append(")\n")

lines = text.splitlines()
i = 0
LIST = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
while i < len(lines):
    line = lines[i]
    if not line.strip():
        i += 1
        continue
    if line.startswith("```"):
        lang = line[3:].strip()
        body = []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        i += 1
        fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", "\n".join(body))), default=0) + 1)
        out += [fence + lang] + body + [fence, ""]
        continue
    h = re.match(r"^(#{1,6})\s+(.*)$", line)
    if h:
        level, title = len(h.group(1)), h.group(2)
        q = re.match(r"^(\d+\.)\s+(.*)$", title) if level == 2 else None
        head = "=" * level + " " + (f"#qnum[{q.group(1)}]{inline(q.group(2))}" if q else inline(title))
        if level == 2 and out[-2:-1] and out[-2].startswith("= "):
            head = f"#first-question[\n{head}\n]"
        out += [head, ""]
        i += 1
        continue
    if line.lstrip().startswith("|") and i + 1 < len(lines) and re.match(r"^\s*\|?\s*:?-+", lines[i + 1]):
        def cells(row):
            return [c.strip() for c in row.strip().strip("|").split("|")]
        head = cells(line)
        i += 2
        rows = []
        while i < len(lines) and lines[i].lstrip().startswith("|"):
            rows.append(cells(lines[i]))
            i += 1
        body = ", ".join(f"[{inline(c)}]" for c in head)
        body += "".join(", " + ", ".join(f"[{inline(c)}]" for c in r) for r in rows)
        out += [f"#table(columns: {len(head)}, table.header({', '.join(f'[*{inline(c)}*]' for c in head)}), "
                + ", ".join(f"[{inline(c)}]" for r in rows for c in r) + ")", ""]
        continue
    if LIST.match(line):
        while i < len(lines) and lines[i].strip():
            lm = LIST.match(lines[i])
            if lm:
                indent = len(lm.group(1).expandtabs(4))
                marker = "-" if lm.group(2) in "-*+" else lm.group(2).rstrip(")").rstrip(".") + "."
                out.append(" " * indent + marker + " " + inline(lm.group(3)))
            else:  # continuation of the item above
                out.append(" " * (len(lines[i]) - len(lines[i].lstrip())) + inline(lines[i].strip()))
            i += 1
        out.append("")
        continue
    para = []
    while i < len(lines) and lines[i].strip() and not lines[i].startswith(("```", "#")) \
            and not LIST.match(lines[i]):
        para.append(inline(lines[i].strip()))
        i += 1
    out += [" ".join(para), ""]

open(dst, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY

cat > "$work/style.typ" <<'TYP'
// studyguide's `handout` settings, with its spacings measured off its PDF.
#let qnum(n) = { h(-14pt); box(width: 14pt, n) }  // number hung in the margin
#let guide(title: none, subtitle: none, author: none, body) = {
  set document(title: title)
  set page(
    paper: "a4",
    margin: (top: 22mm, right: 26mm, bottom: 24mm, left: 26mm),
    header-ascent: 4.6pt,
    footer-descent: 22.4pt,
    header: context {
      let here-page = here().page()
      if here-page > 1 {
        let before = query(selector(heading.where(level: 1)).before(here()))
        set text(size: 8.4pt, style: "italic")
        title
        h(1fr)
        if before.len() > 0 { before.last().body }
        v(-0.6em)
        line(length: 100%, stroke: 0.4pt)
      }
    },
    footer: context {
      set text(size: 8.4pt)
      align(center)[Page #counter(page).display() of #counter(page).final().first()]
    },
  )
  // Baseline to baseline 1.32 × 10.5 pt: a 1 em line box plus 0.32 em.
  set text(font: "Gentium Book Plus", size: 10.5pt, lang: "en", region: "us",
           hyphenate: true, top-edge: 0.8em, bottom-edge: -0.2em)
  set par(justify: true, leading: 0.32em, spacing: 1.42em)
  show raw: set text(font: "Noto Sans Mono", size: 9.1pt)
  set raw(theme: none)  // no syntax colouring, as in studyguide
  show raw.where(block: true): set par(justify: false)
  show raw.where(block: true): it => block(inset: (left: 4.7pt), it)
  set list(marker: [•], indent: 5.5pt, body-indent: 4.7pt, spacing: 0.61em)
  set enum(indent: 4.5pt, body-indent: 4.7pt, spacing: 0.61em)
  show heading: set text(hyphenate: false, weight: "bold")
  show heading: set par(justify: false)
  show heading.where(level: 1): set text(size: 15.75pt)
  show heading.where(level: 1): set block(above: 45.7pt, below: 10.4pt)
  show heading.where(level: 2): set text(size: 11.55pt)
  show heading.where(level: 2): set block(above: 34.6pt, below: 10.5pt)

  align(center)[
    #text(size: 21pt, weight: "bold", title) \
    #text(size: 12.6pt, style: "italic", subtitle) \
    #text(size: 10pt, author)
  ]
  line(length: 100%, stroke: 0.5pt)
  v(-23pt)
  body
}
// A question heading right after a section heading: less space above.
#let first-question(it) = block(above: 15pt, below: 10.5pt, sticky: true, it)
TYP

# --- typst --------------------------------------------------------------------
cat > "$work/compile.py" <<'PY'
import sys, time
import typst
t0 = time.perf_counter()
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]],
              ignore_system_fonts=True)
print(time.perf_counter() - t0)
PY
: > "$work/typst.times"
: > "$work/typst.inner"
for _ in $(seq "$runs"); do
  t0=$(now)
  python3 "$work/compile.py" "$work/guide.typ" "$work/typst.pdf" "$repo/fonts" >> "$work/typst.inner"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >> "$work/typst.times"
done

# --- measure and print ------------------------------------------------------
pq() { python3 scripts/page_quality.py --top 22 --bottom 24 --json "$1"; }
pq "$work/studyguide.pdf" > "$work/studyguide.json"
pq "$work/typst.pdf" > "$work/typst.json"
sg_time=$(median < "$work/studyguide.times")
ty_time=$(median < "$work/typst.times")
ty_inner=$(median < "$work/typst.inner")
python3 - "$work/studyguide.json" "$work/typst.json" "$sg_time" "$ty_time" "$runs" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ta, tb, runs = float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
rows = [
    ("pages", a["pages"], b["pages"]),
    ("mean foot emptiness (all pages but last)", f'{a["foot_emptiness_mean"]:.1%}', f'{b["foot_emptiness_mean"]:.1%}'),
    ("body lines", a["body_lines"], b["body_lines"]),
    ("hyphenated lines", f'{a["hyphen_share"]:.1%} ({a["hyphen_lines"]})', f'{b["hyphen_share"]:.1%} ({b["hyphen_lines"]})'),
    ("consecutive hyphen pairs", a["hyphen_pairs"], b["hyphen_pairs"]),
    ("straight quotes", a["straight_quotes"], b["straight_quotes"]),
    (f"wall time, median of {runs}", f"{ta * 1000:.0f} ms", f"{tb * 1000:.0f} ms"),
]
w = max(len(r[0]) for r in rows)
print(f'{"":{w}}  {"studyguide":>14}  {"typst":>14}')
for name, x, y in rows:
    print(f"{name:{w}}  {str(x):>14}  {str(y):>14}")
PY
echo "typst time includes Python start and import; the compile alone: $(awk -v t="$ty_inner" 'BEGIN {printf "%.0f", t * 1000}') ms (median)."
echo "PDFs and work files: ${work#"$repo"/}/"
