# Rillet's two commands: `make serve` and `make test`. Both install what they need first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk must never try to download tools or check for updates.
export TRUNK_OFFLINE := true
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TERM_COLOR := never

.PHONY: help setup setup-test serve build single-file test lint test-native test-browser test-e2e sizes clean bench bench-parse

help:
	@echo "make serve   install what is missing, then serve the app on http://127.0.0.1:8080"
	@echo "make test    install what is missing (Chromium too), then run every test layer"
	@echo "make build   the release build in dist/: the app, the widget, the service worker"
	@echo "make single-file  the whole app in one HTML file: dist-single/rillet.html"
	@echo "make bench   the app benchmark (first paint, long tasks, memory, Lighthouse)"

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

# Trunk's dev server, the app only (README, "Hosting"); scripts/build.sh explains why.
serve: setup
	@scripts/build.sh serve

build: setup
	@scripts/build.sh

single-file: setup
	node scripts/single-file.mjs

test: setup-test
	@scripts/test.sh

# The app benchmark (README, "Benchmarks"): first paint, long tasks, memory and Lighthouse of
# the release build in headless Chromium, beside the plain-JS reference in bench/reference/.
bench: setup-test
	@scripts/build.sh
	node bench/app.mjs

# The parser benchmark (README, "Benchmarks"): native, then wasm in headless Chromium.
bench-parse: setup-test
	@bench/run.sh

clean:
	cargo clean
	rm -rf dist dist-single
