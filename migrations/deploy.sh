#!/usr/bin/env bash
# Bootstrap the IO protocol on a cluster after `anchor deploy`: the same idempotent logic as
# `io-keeper init` (running it again changes nothing and says so).
#
# Required environment:
#   IO_MINT                    the IO mint (8 decimals, exactly 500,000,000 IO minted)
#   IO_MINT_AUTHORITY_KEYPAIR  its current mint authority (handed to io-emission here)
#   IO_ADMIN_KEYPAIR           admin of both programs
#   IO_GENESIS_TIMESTAMP       start of epoch 1 (unix seconds)
#   IO_KEEPERS                 comma-separated keeper operator keys to admit
#   IO_SLASHER, IO_ARBITER     two different keys
# Optional: IO_RPC_URL and IO_KEYPAIR (fee payer); default to the Solana CLI config.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release -p io-keeper -- init "$@"
