# The two commands of the README, and their parts.
#   make run    the main job: the web app built, then the whole system on the embedded local
#               chain kept running (chain + JSON-RPC, keeper, SIMULATED workers, indexer, the
#               app at http://127.0.0.1:8080/); Ctrl-C stops it
#   make test   everything CI runs after fmt, clippy and the IDL check: cargo's tests, then the
#               TypeScript client's Node suite and the app's browser tests (Debian's Chromium),
#               each against a real `io-keeper localnet --serve`
#   make summary   the batch run: 48 simulated hours on the embedded chain, then a summary
.PHONY: run app summary test test-rust test-js

run: app
	cargo run -p io-keeper -- localnet --serve

# npm ci only when the lockfile changed since the last install.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

app: node_modules/.package-lock.json
	npm run build

summary:
	cargo run -p io-keeper -- localnet

test: test-rust test-js

test-rust:
	cargo test --workspace

# The JS suites run the binaries `cargo test` builds (target/debug/io-keeper, io-worker);
# `--no-run` builds them with the same features, so after test-rust it is a no-op.
test-js:
	cargo test --workspace --no-run
	npm ci --no-audit --no-fund
	npm test
