#!/usr/bin/env python3
"""Imports a deck written by an `anki` output into a fresh, throwaway Anki
collection with Anki's own importer (the `anki` package from PyPI:
`pip install anki`), twice, and fails unless every line became a note in
its subdeck with its guid and tags, and the second import added nothing.

    scripts/anki-import-check.py out/deck.txt
"""
import os
import sys
import tempfile

from anki.collection import Collection, ImportCsvRequest


def main(path: str) -> int:
    path = os.path.abspath(path)
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "check.anki2"))
        meta = col.get_csv_metadata(path=path, delimiter=None)
        log = col.import_csv(ImportCsvRequest(path=path, metadata=meta)).log
        problems = []
        if len(log.new) != len(rows):
            problems.append(f"{len(log.new)} new notes for {len(rows)} lines")
        for kind in ("conflicting", "missing_notetype", "missing_deck", "empty_first_field"):
            if len(getattr(log, kind)):
                problems.append(f"{len(getattr(log, kind))} notes rejected as {kind}")
        for guid, deck, _front, _back, tags in rows:
            ids = col.find_notes(f'"deck:{deck}"')
            notes = [col.get_note(n) for n in ids]
            note = next((n for n in notes if n.guid == guid), None)
            if note is None:
                problems.append(f"{guid}: not in deck {deck!r}")
            elif sorted(note.tags) != sorted(tags.split()):
                problems.append(f"{guid}: tags {note.tags} instead of {tags.split()}")
        again = col.import_csv(ImportCsvRequest(path=path, metadata=meta)).log
        if len(again.new):
            problems.append(f"a second import added {len(again.new)} notes")
        cards = col.card_count()
        col.close()
    for p in problems[:20]:
        print(f"anki-import-check: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"anki-import-check: {len(rows)} notes imported into {cards} cards; a second import added none")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
