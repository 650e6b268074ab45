# The two commands of the README, and their parts.
#   make run    the web app built, then the whole system on the embedded local chain kept
#               running (chain + JSON-RPC, keeper, SIMULATED workers, indexer, the app at
#               http://127.0.0.1:8080/); Ctrl-C stops it
#   make test   everything CI runs after fmt, clippy and the generated-files check: cargo's
#               tests, then the TypeScript client's Node suite and the app's browser tests
#               (Debian's Chromium, installed here when missing), each against a real
#               `io-localnet --serve`
#   make summary   the batch run: 48 simulated hours on the embedded chain, then a summary
.PHONY: run app summary test test-rust test-js browser

TARGET ?= $(or $(CARGO_TARGET_DIR),target)

# `cargo test --no-run` builds io-localnet with the features the test build unified, so right
# after `make test` it compiles nothing (a plain `cargo run -p` could resolve features anew).
run: app
	cargo test -q --workspace --no-run
	$(TARGET)/debug/io-localnet --serve

# npm ci only when the lockfile changed since the last install.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

# The app (and the client it imports) is rebuilt only when a source changed.
APP_SOURCES := $(shell find app/src app/index.html app/vite.config.ts app/tsconfig.json clients/ts/src idl -type f 2>/dev/null)
app: app/dist/index.html
app/dist/index.html: node_modules/.package-lock.json $(APP_SOURCES)
	npm run build
	@touch $@

summary:
	cargo run -p io-localnet

test: test-rust test-js

test-rust:
	cargo test --workspace

# The JS suites run the binaries `cargo test` builds (target/debug/io-localnet, io-keeper,
# io-worker); `--no-run` builds them with the same profile, so after test-rust it is a no-op.
test-js: browser node_modules/.package-lock.json
	cargo test --workspace --no-run
	npm test

# Debian's Chromium for the browser tests (playwright-core drives it; it never downloads one).
browser:
	@sh tools/ensure-chromium.sh
