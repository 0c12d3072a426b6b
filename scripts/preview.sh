#!/usr/bin/env bash
# Renders the README previews from real outputs of the example guide:
#   docs/preview.png                 first page of the study guide
#   docs/preview-candidate.png       the candidate copy, page 1
#   docs/preview-interviewer.png     the interviewer kit, page 1
#   docs/preview-cheatsheet.png      the two-page cheat sheet, page 1
#   docs/preview-cards-*.png         a front and a back sheet of flash cards
#   docs/preview-columns.png         a page of the guide set in two columns
#   docs/preview-diagram.png         a page with a PNG and an SVG diagram
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
./target/release/studyguide build
pdftoppm -r 70 -png -f 1 -l 1 -singlefile out/guide.pdf docs/preview
pdftoppm -r 50 -png -f 1 -l 1 -singlefile out/cheatsheet.pdf docs/preview-cheatsheet
pdftoppm -r 40 -png -f 1 -l 1 -singlefile out/flashcards.pdf docs/preview-cards-front
pdftoppm -r 40 -png -f 2 -l 2 -singlefile out/flashcards.pdf docs/preview-cards-back
pdftoppm -r 40 -png -f 1 -l 1 -singlefile out/candidate.pdf docs/preview-candidate
pdftoppm -r 40 -png -f 1 -l 1 -singlefile out/interviewer.pdf docs/preview-interviewer

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -e "s|\"questions/|\"$PWD/questions/|" \
    -e 's/^font_size = 10.5$/font_size = 9.5\ncolumns = 2\ncolumn_rule = true\ntoc = true/' \
    guide.toml > "$tmp/guide.toml"
./target/release/studyguide build --allow-outside --config "$tmp/guide.toml" --out "$tmp/out"
pdftoppm -r 70 -png -f 5 -l 5 -singlefile "$tmp/out/guide.pdf" docs/preview-columns

root=$PWD
cp -r tests/fixtures/images "$tmp/images"
(cd "$tmp/images" && "$root/target/release/studyguide" build --output handout)
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$tmp/images/out/handout.pdf" docs/preview-diagram
echo "wrote docs/preview*.png"
