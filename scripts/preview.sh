#!/usr/bin/env bash
# Renders the README preview from the real example output:
# builds the example guide, then turns its first page into docs/preview.png.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet -- build
pdftoppm -r 70 -png -f 1 -l 1 -singlefile out/guide.pdf docs/preview
echo "wrote docs/preview.png"
