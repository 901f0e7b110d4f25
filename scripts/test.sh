#!/usr/bin/env bash
# Every test layer, fastest feedback first. Run through `make test`, which installs the tools.
#   1. format and lints (native and wasm32)
#   2. native tests: parser, dates, sanitizer, corpus comparison (cargo test); compare.py
#      against the release feed2json (at least 97%); the CORS proxy Worker under node
#   3. browser tests: tests/web.rs in headless Chromium (wasm-bindgen-test)
#   4. the release build (the app, the widget and the single file), their sizes (the widget's
#      budget is enforced), and end-to-end specs against them (playwright-core)
#   5. the smoke specs (tests/e2e/smoke.mjs) in each engine: Chromium, Firefox ESR, WebKitGTK
set -euo pipefail
cd "$(dirname "$0")/.."

declare -a timings=()
step() {
  local name=$1
  shift
  printf '\n==== %s\n' "$name"
  local start=$SECONDS
  "$@"
  timings+=("$(printf '%-44s %4ss' "$name" $((SECONDS - start)))")
}

step "cargo fmt --check" cargo fmt --check
step "clippy (native)" cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
step "native tests" cargo test --quiet
step "corpus: compare.py against feed2json (scripts/corpus.sh)" scripts/corpus.sh
step "CORS proxy worker (node)" node --test deploy/cors-proxy/
step "browser tests (wasm-bindgen-test)" cargo test --target wasm32-unknown-unknown --test web
# RILLET_DIST and RILLET_SINGLE (where to build, and what the end-to-end specs open) default
# to dist/ and dist-single/rillet.html.
dist=${RILLET_DIST:-dist}
single=${RILLET_SINGLE:-dist-single/rillet.html}
step "release build (app and widget: scripts/build.sh)" scripts/build.sh "$dist"
step "single-file build (scripts/single-file.mjs)" node scripts/single-file.mjs "$single"
step "dist sizes" node scripts/sizes.mjs "$dist" "$single"
step "end-to-end (playwright-core)" node --test --test-concurrency=1 tests/e2e/
step "smoke in Chromium (playwright-core)" env RILLET_ENGINES=chromium node --test tests/e2e/smoke.mjs
step "smoke in Firefox ESR (puppeteer-core, BiDi)" env RILLET_ENGINES=firefox node --test tests/e2e/smoke.mjs
step "smoke in WebKitGTK (WebKitWebDriver)" env RILLET_ENGINES=webkit node --test tests/e2e/smoke.mjs

printf '\n==== timings\n'
printf '%s\n' "${timings[@]}"
