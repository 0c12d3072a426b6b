#!/usr/bin/env bash
# Renders the README previews from real outputs:
#   docs/preview.png          first page of the example guide
#   docs/preview-columns.png  a page of the same guide set in two columns
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
./target/release/studyguide build
pdftoppm -r 70 -png -f 1 -l 1 -singlefile out/guide.pdf docs/preview

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -e "s|\"questions/|\"$PWD/questions/|" \
    -e 's/^font_size = 10.5$/font_size = 9.5\ncolumns = 2\ncolumn_rule = true\ntoc = true/' \
    guide.toml > "$tmp/guide.toml"
./target/release/studyguide build --allow-outside --config "$tmp/guide.toml" --out "$tmp/out"
pdftoppm -r 70 -png -f 5 -l 5 -singlefile "$tmp/out/guide.pdf" docs/preview-columns
echo "wrote docs/preview.png and docs/preview-columns.png"
