#!/usr/bin/env bash
# The release build: the app (index.html) and the widget (embed.html) in one folder, with the
# service worker's precache list written for exactly those files.
#
#   scripts/build.sh [DIST_DIR]   release build into DIST_DIR (default dist/)
#   scripts/build.sh serve        Trunk's dev server on http://127.0.0.1:8080: the app only
#                                 (no widget, no service worker); `make build` builds them
#
# Trunk builds one HTML page per run and empties its dist folder each time, so the widget is
# built into a folder of its own and copied in: its hashed file names never collide with the
# app's, and the files both pages use (tokens.css) are the same bytes under the same name.
# Trunk's post-build hook (scripts/externalize-loader.mjs) runs for both pages.
set -euo pipefail
cd "$(dirname "$0")/.."
export TRUNK_OFFLINE=true

if [[ "${1:-}" == serve ]]; then
  # Trunk's live-reload script is inline, which the page's Content-Security-Policy forbids.
  exec trunk serve --no-autoreload
fi

dist=${1:-dist}
embed_dist="${CARGO_TARGET_DIR:-target}/trunk-embed"

trunk build --release --dist "$dist"
trunk build embed.html --html-output embed.html --release --dist "$embed_dist"
cp -R "$embed_dist"/. "$dist"/
node scripts/finish-dist.mjs "$dist"
