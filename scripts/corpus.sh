#!/usr/bin/env bash
# The corpus comparison exactly as issue 3 states it: the shared compare.py against the release
# `feed2json`, on every feed of ../shared/corpus. Fails below 97% of feeds agreeing field by
# field. (tests/parse_corpus.rs holds the same rule inside `cargo test`, with the first
# differences of each failing feed, for quick feedback while working on the parser.)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --example feed2json
out=$(python3 ../shared/corpus/compare.py "target/release/examples/feed2json {file}" --exit-zero --show 5)
printf '%s\n' "$out" | tail -25
last=$(printf '%s\n' "$out" | tail -1)
if [[ ! $last =~ ^corpus:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  echo "corpus: compare.py printed no summary" >&2
  exit 1
fi
passed=${BASH_REMATCH[1]}
failed=${BASH_REMATCH[2]}
total=$((passed + failed))
awk -v p="$passed" -v t="$total" 'BEGIN { printf "corpus: %d of %d feeds agree (%.1f%%; at least 97%% needed)\n", p, t, 100 * p / t }'
if ((total == 0 || passed * 100 < total * 97)); then
  echo "corpus: below 97%" >&2
  exit 1
fi
