# The two commands of the README, and their parts.
#   make run    the main job: the whole system on the embedded local chain (a summary)
#   make serve  the same chain kept running for wallets and standard clients (Ctrl-C stops it)
#   make test   everything CI runs after fmt, clippy and the IDL check: cargo's tests, then the
#               TypeScript client's Node suite against a real `io-keeper localnet --serve`
.PHONY: run serve test test-rust test-ts

run:
	cargo run -p io-keeper -- localnet

serve:
	cargo run -p io-keeper -- localnet --serve

test: test-rust test-ts

test-rust:
	cargo test --workspace

# The Node suite runs the binaries `cargo test` builds (target/debug/io-keeper, io-worker);
# `--no-run` builds them with the same features, so after test-rust it is a no-op.
test-ts:
	cargo test --workspace --no-run
	npm ci --no-audit --no-fund
	npm test
