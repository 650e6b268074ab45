// Latency of web3.js `sendAndConfirmTransaction` (a SOL transfer, confirmed over the
// WebSocket) against `io-localnet --serve`. Prints p50, p90, p99. Goal: p50 < 20 ms.
//   npm run bench --workspace clients/ts   (IO_BENCH_TRANSFERS=500 for more samples)
import {
  Connection, Keypair, LAMPORTS_PER_SOL, SystemProgram, Transaction, sendAndConfirmTransaction,
} from "@solana/web3.js";

import { startLocalnet } from "../test/harness.mjs";

const transfers = Number(process.env.IO_BENCH_TRANSFERS ?? 200);
const localnet = await startLocalnet({ devices: 3, epochSeconds: 60 });
const connection = new Connection(localnet.rpc, { commitment: "confirmed", wsEndpoint: localnet.ws });
const payer = Keypair.generate();
const airdrop = await connection.requestAirdrop(payer.publicKey, 10 * LAMPORTS_PER_SOL);
await connection.confirmTransaction({ signature: airdrop, ...(await connection.getLatestBlockhash()) });

const samples = [];
for (let i = 0; i < transfers; i += 1) {
  const tx = new Transaction().add(
    SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1_000_000 + i }),
  );
  const started = performance.now();
  await sendAndConfirmTransaction(connection, tx, [payer]);
  samples.push(performance.now() - started);
}
samples.sort((a, b) => a - b);
const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
console.log(`sendAndConfirmTransaction against localnet --serve, ${transfers} SOL transfers (debug build):`);
console.log(`  p50 ${at(0.5)} ms   p90 ${at(0.9)} ms   p99 ${at(0.99)} ms   max ${samples.at(-1).toFixed(1)} ms`);
console.log(`  goal: p50 under 20 ms -> ${Number(at(0.5)) < 20 ? "met" : "NOT met"}`);
connection._rpcWebSocket.reconnect = false;
connection._rpcWebSocket.close();
await localnet.stop();
