# Stammkunde: `make demo` and `make test` work on a fresh machine; missing
# tools are installed on first use and skipped after that.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
WASM := wasm32-unknown-unknown
# The CLI must match the wasm-bindgen crate pinned in Cargo.toml exactly.
WB_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
# wasm-opt comes from the npm package binaryen (pinned in js/package-lock.json);
# Debian's older wasm-opt breaks wasm-bindgen's externref table. Features are
# named rather than --all-features so the output stays loadable everywhere.
WASM_OPT := js/node_modules/.bin/wasm-opt
WASM_OPT_FEATURES := --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
	--enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
	--disable-background-networking --disable-component-update --disable-sync --no-first-run

.PHONY: help deps deps-rust deps-storefront deps-browser deps-js deps-sql types build release demo test lint lint-js test-native test-wasm test-js test-e2e test-sql bench fuzz clean

help:
	@echo "make demo   build and serve the demo storefront and admin on http://127.0.0.1:$(PORT)"
	@echo "make test   lint, native tests, wasm tests in Chromium, JS tests, end-to-end tests"
	@echo "make build  build dist/ (script-tag build, admin components, ESM package)"
	@echo "make release  build, then release/stammkunde-<version>/ (+ .tar.gz): script-tag files, SRI hashes, snippets per shop system, npm package"
	@echo "make bench  benchmarks (native, Chromium, sizes with budgets), written to BENCHMARKS.md"
	@echo "make fuzz   fuzz the order readers and models, FUZZ_SECONDS per target (default 30)"

# ---- tools -------------------------------------------------------------
deps: deps-rust deps-storefront deps-browser deps-js

deps-rust:
	@rustup target list --installed | grep -qx $(WASM) || rustup target add $(WASM)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WB_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WB_VERSION) (about 3 minutes, once)"; \
		cargo install wasm-bindgen-cli --version $(WB_VERSION); \
	fi

# The storefront wasm, which every shop visitor downloads, is built with a
# pinned nightly that rebuilds the standard library with panics as a bare
# trap: std's panic message formatting goes, 1,244 B gzip of 11,185 (the
# wasm already aborts on a panic). Without that toolchain (rustup offline)
# the stable build is used and `make bench` reports the size over budget.
STOREFRONT_NIGHTLY := nightly-2026-05-20
deps-storefront:
	@rustup toolchain list | grep -q '^$(STOREFRONT_NIGHTLY)' || \
		rustup toolchain install $(STOREFRONT_NIGHTLY) --profile minimal --component rust-src || \
		echo "warning: $(STOREFRONT_NIGHTLY) could not be installed; the storefront wasm is built with stable, about 1.2 KB gzip larger"
STOREFRONT_CARGO = $(shell rustup toolchain list | grep -q '^$(STOREFRONT_NIGHTLY)' && echo +$(STOREFRONT_NIGHTLY))
STOREFRONT_FLAGS = $(if $(STOREFRONT_CARGO),-Z build-std=std$(comma)panic_abort --config 'target.$(WASM).rustflags=["-Cpanic=immediate-abort"$(comma)"-Zunstable-options"]')
comma := ,

deps-browser:
	@need=""; \
	command -v chromium >/dev/null || need="$$need chromium"; \
	command -v chromedriver >/dev/null || need="$$need chromium-driver"; \
	if [ -n "$$need" ]; then \
		echo "installing$$need from Debian"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; \
	fi

deps-js: js/node_modules/.package-lock.json

# The SQL tests: DuckDB and sqlglot (BigQuery parser) from PyPI in a venv
# under target/, PostgreSQL from Debian (the test starts its own cluster).
SQL_VENV := target/sql-venv
SQL_PY_PACKAGES := duckdb==2.0.1 sqlglot==30.31.0
deps-sql: $(SQL_VENV)/.installed
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing postgresql from Debian"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi

$(SQL_VENV)/.installed: Makefile
	@if ! python3 -m venv $(SQL_VENV) >/dev/null 2>&1; then \
		echo "installing python3-venv from Debian"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv >/dev/null; \
		rm -rf $(SQL_VENV) && python3 -m venv $(SQL_VENV); \
	fi
	$(SQL_VENV)/bin/pip install -q --disable-pip-version-check $(SQL_PY_PACKAGES)
	@touch $@

js/node_modules/.package-lock.json: js/package-lock.json js/package.json
	cd js && npm ci --no-audit --no-fund
	@touch $@

# ---- build -------------------------------------------------------------
build: deps-rust deps-storefront deps-browser deps-js types
	rm -rf dist target/gen && mkdir -p dist target/gen
	cargo $(STOREFRONT_CARGO) build --release --target $(WASM) --lib --no-default-features --features storefront --target-dir target/storefront $(STOREFRONT_FLAGS)
	wasm-bindgen --target web --out-dir target/gen/storefront --out-name stammkunde \
		target/storefront/$(WASM)/release/stammkunde.wasm
	# The admin worker's build and the ESM package share a target directory
	# (same dependencies); each wasm is taken right after its build. Both use
	# the speed profile `admin` (Cargo.toml says why).
	cargo build --profile admin --target $(WASM) --lib --no-default-features --features admin --target-dir target/admin
	wasm-bindgen --target web --no-typescript --out-dir dist/admin-engine --out-name stammkunde \
		target/admin/$(WASM)/admin/stammkunde.wasm
	cp target/admin/$(WASM)/admin/stammkunde.wasm target/gen/admin.wasm # for make bench
	cargo build --profile admin --target $(WASM) --lib --target-dir target/admin
	wasm-bindgen --target web --out-dir dist/pkg --out-name stammkunde \
		target/admin/$(WASM)/admin/stammkunde.wasm
	# wasm-opt validates its input; js/tools/sizes.mjs validates the output.
	# The small storefront wasm is optimised for size until nothing shrinks
	# (--converge), after flattening and re-building its control flow
	# (--flatten --rereloop: about 90 B less gzip than -Oz alone); the admin
	# and package wasm for speed (-O3).
	for f in target/gen/storefront/stammkunde_bg.wasm dist/admin-engine/stammkunde_bg.wasm dist/pkg/stammkunde_bg.wasm; do \
		$(WASM_OPT) $$([ "$$f" != target/gen/storefront/stammkunde_bg.wasm ] && echo -O3 || echo --flatten --rereloop -Oz -Oz --converge) \
			$(WASM_OPT_FEATURES) --strip-debug --strip-producers --strip-target-features "$$f" -o "$$f.opt"; \
		mv "$$f.opt" "$$f"; \
	done
	node js/tools/build.mjs

# Operators need no Rust toolchain: a versioned folder and archive with the
# script-tag files, their SRI hashes, a snippet per shop system and the ESM
# package as an npm pack tarball (js/tools/release.mjs).
release: build
	node js/tools/release.mjs

# The TypeScript declarations of the data types, generated from the Rust
# types (ts-rs, native only); the bindings include src/bind/types.d.ts.
types:
	STAMMKUNDE_WRITE_TYPES=1 cargo test --quiet --features ts --test typescript

demo: build
	PORT=$(PORT) node js/tools/serve.mjs

# ---- test --------------------------------------------------------------
test: lint test-native test-sql test-wasm build lint-js test-js test-e2e
	@echo "make test: all passed"

lint: deps-rust
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --no-default-features -- -D warnings
	cargo clippy --target $(WASM) --lib --tests -- -D warnings
	cargo clippy --target $(WASM) --lib --no-default-features --features storefront -- -D warnings
	cargo clippy --target $(WASM) --lib --no-default-features --features admin -- -D warnings

# JS: ESLint over every script, tsc over the shipped sources (JSDoc types).
# After build: tsc reads the generated .d.ts files in dist/.
lint-js: build
	js/node_modules/.bin/eslint -c js/eslint.config.mjs js tests/e2e tests/bench
	js/node_modules/.bin/tsc -p js/tsconfig.json

test-native:
	cargo test --all-targets
	cargo test --features ts --test typescript # src/bind/types.d.ts is not stale
	cargo test --doc
	cargo test --profile large-data --test large_data -- --ignored

# The generated SQL on DuckDB and PostgreSQL equals the engine (CDNOW
# sample and demo data); the BigQuery SQL parses with sqlglot.
test-sql: deps-sql
	cargo build --bin stammkunde
	$(SQL_VENV)/bin/python tests/sql/check.py --bin target/debug/stammkunde

test-wasm: deps-rust deps-browser
	@printf '{"goog:chromeOptions":{"binary":"/usr/bin/chromium","args":[%s]}}\n' \
		"$$(printf '"%s",' $(CHROMIUM_FLAGS) | sed 's/,$$//')" > webdriver.json
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
		cargo test --target $(WASM) --test web

test-js: build
	node --test js/test/

test-e2e: build
	node --test --test-concurrency=1 --test-timeout=900000 tests/e2e/

# Benchmarks: criterion natively, then Chromium, sizes, BENCHMARKS.md.
# Timings are reported, never asserted; an exceeded size budget fails.
# WAREHOUSE_ORDERS (default 10 M) sizes the command line vs DuckDB run;
# WAREHOUSE_ORDERS=0 skips it.
WAREHOUSE_ORDERS ?= 10000000
bench: build deps-sql
	rm -rf target/bench && mkdir -p target/bench && date +%s > target/bench/started
	CRITERION_HOME=$(CURDIR)/target/bench/criterion cargo bench --profile bench-unwind --bench native
	if [ "$(WAREHOUSE_ORDERS)" != 0 ]; then \
		cargo build --profile bench-unwind --bin stammkunde && \
		$(SQL_VENV)/bin/python tests/bench/warehouse.py --bin target/bench-unwind/stammkunde --orders $(WAREHOUSE_ORDERS); \
	fi
	node tests/bench/run.mjs

# ---- fuzz --------------------------------------------------------------
# Each target runs FUZZ_SECONDS (default 30); FUZZ_TARGETS narrows the set.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?=
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf dist target/gen webdriver.json
