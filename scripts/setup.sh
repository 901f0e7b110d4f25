#!/usr/bin/env bash
# Installs what building Rillet needs, and with --test what testing it needs too.
# Idempotent: every step checks first, so a second run takes a second or two.
#
#   scripts/setup.sh          wasm32 target, trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   scripts/setup.sh --test   the same, plus the three browsers the tests run in, all Debian's:
#                             chromium and chromium-driver; firefox-esr; webkit2gtk-driver
#                             (WebKitWebDriver) with python3-gi and gir1.2-webkit2-4.1 for the
#                             test shell (tests/e2e/engines/webkit-shell.py), xvfb for its
#                             display, and openssl for the placeholder proxy's certificate
#
# Nothing is downloaded from outside the package registries: Trunk runs offline and finds
# wasm-bindgen and wasm-opt (npm binaryen 132) on PATH; playwright-core and puppeteer-core
# drive the system's browsers, never downloaded ones.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
export PATH="$HOME/.cargo/bin:$PATH"

# The slow installs (two cargo builds from source, and apt) run at once: each one's
# single-threaded stretches (a final crate, a link, a download) overlap the others' work.
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
declare -a jobs=()
background() {
  local name=$1
  shift
  "$@" >"$logs/$name.log" 2>&1 &
  jobs+=("$!:$name")
}

# The browsers, and what driving them needs (the header above says what each is for).
browser_packages=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb python3-gi
  gir1.2-webkit2-4.1 openssl)
install_browsers() {
  # Waits for the package lock if another install holds it, instead of failing.
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -qq)
  as_root "${apt[@]}" update
  as_root env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "$@"
}
if [[ $want_test -eq 1 ]]; then
  missing=()
  for package in "${browser_packages[@]}"; do
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" == installed ]] ||
      missing+=("$package")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    say "installing Debian packages: ${missing[*]}"
    background browsers install_browsers "${missing[@]}"
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (several minutes, once)"
  background trunk cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must be the exact wasm-bindgen version in Cargo.lock. Not --locked: its own
# lockfile pins a webpki-roots release the registry no longer serves.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]]; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes, once)"
  background wasm-bindgen cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# npm packages: binaryen 132's wasm-opt (Debian's 108 emits wasm Chromium rejects) and the test
# tools. `npm ci` only when package-lock.json changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ "$(cat node_modules/.rillet-lock-hash 2>/dev/null)" != "$lock_hash" ]]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >node_modules/.rillet-lock-hash
fi

failed=0
for job in "${jobs[@]}"; do
  name=${job#*:}
  if wait "${job%%:*}"; then
    say "$name installed"
  else
    say "installing $name failed; the end of its log:"
    tail -40 "$logs/$name.log"
    failed=1
  fi
done
[[ $failed -eq 0 ]] || exit 1
say "ready"
