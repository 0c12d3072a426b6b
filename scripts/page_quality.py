#!/usr/bin/env python3
"""Measure the typographic page quality of a PDF.

Reads the word and line boxes that poppler's `pdftotext -bbox-layout` reports
and prints one line per metric (or a JSON object with --json):

  pages                  number of pages
  foot_emptiness_mean    per page, the share of the text area's height left
                         empty below the last line, averaged over all pages
                         but the last (the last page may end anywhere)
  body_lines             lines inside the text area (running headers and
                         footers outside it are not counted anywhere)
  mono_lines             body lines detected as monospace (code)
  hyphen_lines           non-monospace body lines ending in a hyphen
                         (U+002D or U+2010, or U+00AD, which typst writes
                         into the text layer for the hyphen it adds at a
                         break) after a letter
  hyphen_share           hyphen_lines / non-monospace body lines
  hyphen_pairs           pairs of consecutive hyphenated lines, in reading
                         order (a three-line ladder counts as two pairs)
  straight_quotes        count of ' and " in the body text

Text area: by default the page height less --top and --bottom (millimetres);
a line belongs to it when its vertical centre lies inside. Without margins
the area is detected: the topmost (bottommost) line of a page is taken as a
running header (footer) when it sits at the same height on at least half of
the pages and is set apart from the text below (above) it by a gap, and the
text area is the extent of all remaining lines.

Approximations, stated plainly:
  * The bottom of a line is the bottom of its glyph box as poppler computes
    it from the font's descent, not the baseline; two PDFs set in the same
    fonts compare fairly, absolute values include the descent.
  * pdftotext reports no font names, so monospace lines are recognised from
    glyph advances: a line whose words (two or more, of two or more
    characters) all have the same width per character (within 1.5%), and
    whose gaps between words are whole multiples of that width, is taken
    as monospace. A one-word code line is treated as proportional.
  * straight_quotes counts every ' and " in the body text, including code,
    where straight quotes are correct.

Usage:
  scripts/page_quality.py out/guide.pdf --top 22 --bottom 24
  scripts/page_quality.py out/guide.pdf --json
Needs Python 3 (standard library) and poppler-utils (pdftotext).
"""

import argparse
import json
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
# U+00AD: typst (and some other writers) map the hyphen they add at a
# break to the soft hyphen in the text layer; it prints as a hyphen.
HYPHENS = ("-", "\u2010", "\u00ad")


def read_pages(pdf):
    """[(width, height, [line, ...])], line = dict(y0, y1, x0, x1, words)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", pdf, "-"],
        check=True, capture_output=True,
    ).stdout
    # pdftotext writes an XHTML document; drop the namespace for simple paths.
    xml = xml.replace(b'xmlns="http://www.w3.org/1999/xhtml"', b"")
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = [
                (float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                for w in line.iter("word")
            ]
            if not words:
                continue
            lines.append({
                "y0": float(line.get("yMin")), "y1": float(line.get("yMax")),
                "x0": float(line.get("xMin")), "x1": float(line.get("xMax")),
                "words": words,
            })
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def is_mono(line):
    widths = [(x1 - x0) / len(t) for x0, x1, t in line["words"] if len(t) >= 2]
    if len(widths) < 2:
        return False
    mean = statistics.fmean(widths)
    if mean <= 0 or (max(widths) - min(widths)) / mean >= 0.015:
        return False
    # Unjustified code: every gap between words is a whole number of spaces.
    words = line["words"]
    for (_, end, _), (start, _, _) in zip(words, words[1:]):
        spaces = (start - end) / mean
        if spaces < 0.9 or abs(spaces - round(spaces)) > 0.08:
            return False
    return True


def ends_hyphenated(line):
    last = line["words"][-1][2]
    return len(last) >= 2 and last[-1] in HYPHENS and last[-2].isalpha()


def edge_band(pages, top):
    """The y (centre) of a running header (top=True) or footer, or None."""
    found = []
    for _, _, lines in pages:
        if len(lines) < 2:
            continue
        key = (lambda l: l["y0"]) if top else (lambda l: -l["y1"])
        ordered = sorted(lines, key=key)
        edge = ordered[0]
        group = [l for l in ordered if abs(key(l) - key(edge)) < 1.0]
        rest = [l for l in ordered if abs(key(l) - key(edge)) >= 1.0]
        if not rest:
            continue
        if top:
            gap = min(l["y0"] for l in rest) - max(l["y1"] for l in group)
        else:
            gap = min(l["y0"] for l in group) - max(l["y1"] for l in rest)
        if gap >= 2.0:
            found.append((edge["y0"] + edge["y1"]) / 2)
    if len(pages) < 2 or not found:
        return None
    mid = statistics.median(found)
    same = sum(1 for y in found if abs(y - mid) < 1.0)
    return mid if same * 2 >= len(pages) else None


def text_area(pages, top_mm, bottom_mm):
    if top_mm is not None and bottom_mm is not None:
        height = pages[0][1]
        return top_mm * MM, height - bottom_mm * MM, "margins"
    header = edge_band(pages, True)
    footer = edge_band(pages, False)
    body = []
    for _, _, lines in pages:
        for l in lines:
            c = (l["y0"] + l["y1"]) / 2
            if header is not None and abs(c - header) < 1.0:
                continue
            if footer is not None and abs(c - footer) < 1.0:
                continue
            body.append(l)
    if not body:
        return 0.0, pages[0][1], "detected"
    top = min(l["y0"] for l in body)
    bottom = max(l["y1"] for l in body)
    if top_mm is not None:
        top = top_mm * MM
    if bottom_mm is not None:
        bottom = pages[0][1] - bottom_mm * MM
    return top, bottom, "detected"


def measure(pdf, top_mm=None, bottom_mm=None):
    pages = read_pages(pdf)
    if not pages:
        raise SystemExit(f"{pdf}: no pages")
    top, bottom, how = text_area(pages, top_mm, bottom_mm)
    span = bottom - top
    emptiness = []
    sequence = []  # every body line of the document, in reading order
    for _, _, lines in pages:
        body = [l for l in lines if top <= (l["y0"] + l["y1"]) / 2 <= bottom]
        sequence.extend(body)
        if body:
            last = max(l["y1"] for l in body)
            emptiness.append(max(0.0, min(1.0, (bottom - last) / span)))
        else:
            emptiness.append(1.0)
    mono = [is_mono(l) for l in sequence]
    prose = [l for l, m in zip(sequence, mono) if not m]
    # A code line between two hyphenated lines breaks the pair.
    hyphenated = [not m and ends_hyphenated(l) for l, m in zip(sequence, mono)]
    pairs = sum(1 for a, b in zip(hyphenated, hyphenated[1:]) if a and b)
    quotes = sum(w[2].count("'") + w[2].count('"') for l in sequence for w in l["words"])
    return {
        "pdf": pdf,
        "pages": len(pages),
        "text_area_pt": [round(top, 2), round(bottom, 2)],
        "text_area_from": how,
        "foot_emptiness_mean": round(statistics.fmean(emptiness[:-1]), 4) if len(emptiness) > 1 else None,
        "foot_emptiness_pages": [round(e, 4) for e in emptiness],
        "body_lines": len(sequence),
        "mono_lines": len(sequence) - len(prose),
        "hyphen_lines": sum(hyphenated),
        "hyphen_share": round(sum(hyphenated) / len(prose), 4) if prose else 0.0,
        "hyphen_pairs": pairs,
        "straight_quotes": quotes,
    }


def main():
    ap = argparse.ArgumentParser(description="Measure a PDF's page quality.")
    ap.add_argument("pdf")
    ap.add_argument("--top", type=float, help="top margin in mm (default: detect)")
    ap.add_argument("--bottom", type=float, help="bottom margin in mm (default: detect)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    m = measure(args.pdf, args.top, args.bottom)
    if args.json:
        json.dump(m, sys.stdout, indent=2)
        print()
        return
    for key in ("pages", "foot_emptiness_mean", "body_lines", "mono_lines",
                "hyphen_lines", "hyphen_share", "hyphen_pairs", "straight_quotes"):
        print(f"{key} {m[key]}")
    print(f"text_area_pt {m['text_area_pt'][0]} {m['text_area_pt'][1]} ({m['text_area_from']})")


if __name__ == "__main__":
    main()
