#!/usr/bin/env bash
# The parser benchmark of issue 3, run by `make bench-parse`:
#   1. native: parse_feed against a bare quick-xml loop, in the release profile (opt-level
#      "z", what ships) and the bench profile (opt-level 3); MB/s and the ratio;
#   2. browser: parse_feed compiled to wasm (release profile) against DOMParser and
#      feedsmith, in one page of headless Chromium, in the same run; times and ratios.
# Inputs: the default feed, and a 5 MB, 1 000-item feed that bench_native generates from it.
# BENCH_WASM_O3=1 also builds the wasm at opt-level 3 and times it beside the release build.
# Honours CARGO_TARGET_DIR. Sends nothing beyond 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
out=$target/bench-parse
rm -rf "$out"
mkdir -p "$out"

printf '==== native\n'
cargo run -q --release --example bench_native -- --label 'release, opt-level "z"' --write "$out/data"
echo
cargo run -q --profile bench --example bench_native -- --label 'bench, opt-level 3'

# Both profiles put their wasm in the same place (bench inherits release's directory).
wasm_build() {
  local profile=$1 dir=$2
  cargo build -q --profile "$profile" --target wasm32-unknown-unknown --example bench_wasm
  wasm-bindgen --target web --out-dir "$out/$dir" \
    "$target/wasm32-unknown-unknown/release/examples/bench_wasm.wasm"
}
printf '\n==== browser (building the wasm and the feedsmith bundle)\n'
wasm_build release pkg-release
if [[ "${BENCH_WASM_O3:-}" == 1 ]]; then
  wasm_build bench pkg-opt3
fi
esbuild bench/feedsmith.js --bundle --format=esm --minify --log-level=warning \
  --outfile="$out/feedsmith.js"
node bench/parse.mjs "$out"
