// Starts a real `io-localnet --serve` process for the tests, on free ports, and stops it.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
export const IO_KEEPER = join(TARGET, "debug", "io-keeper");
export const IO_LOCALNET = join(TARGET, "debug", "io-localnet");
export const IO_WORKER = join(TARGET, "debug", "io-worker");

/** A free loopback port whose successor is free too (the WebSocket goes there). */
async function freePortPair() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    if (port >= 65_000) continue;
    const next = await new Promise((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port + 1, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (next) return port;
  }
}

/** Starts localnet --serve; resolves once it prints its URLs. */
export async function startLocalnet({ devices = 3, epochSeconds = 2 } = {}) {
  const rpcPort = await freePortPair();
  const keeperPort = await freePortPair();
  const ledger = mkdtempSync(join(tmpdir(), "io-localnet-"));
  const child = spawn(
    IO_LOCALNET,
    [
      "--serve",
      "--devices", String(devices),
      "--epoch-seconds", String(epochSeconds),
      "--rpc-listen", `127.0.0.1:${rpcPort}`,
      "--listen", `127.0.0.1:${keeperPort}`,
      "--ledger", ledger,
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_LOG: "warn" } },
  );
  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk) => { errors += chunk; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`localnet did not start:\n${output}\n${errors}`)), 120_000);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ctrl-C stops it.")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`localnet exited with ${code}:\n${output}\n${errors}`));
    });
  });
  const mint = /IO mint\s+(\w+)/.exec(output)[1];
  return {
    rpc: `http://127.0.0.1:${rpcPort}`,
    ws: `ws://127.0.0.1:${rpcPort + 1}`,
    keeper: `http://127.0.0.1:${keeperPort}`,
    ledger,
    mint,
    /** `localnet.json`: every address and role key of this deployment. */
    manifest: JSON.parse(readFileSync(join(ledger, "localnet.json"), "utf8")),
    output: () => output,
    /** Ctrl-C, then the exit code and everything it printed. */
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGINT");
      const code = await exited;
      return { code, output };
    },
  };
}

/** A JSON-RPC call by hand (for the cheatcodes). */
export async function rpcCall(url, method, params = []) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

/** What `io-worker probe --inspect` prints for a SIMULATED GPU set: its hardware hash. */
export function simulatedHardwareHash(gpus, seed) {
  const printed = execFileSync(IO_WORKER, [
    "probe", "--inspect", "--simulate", String(gpus), "--simulate-seed", String(seed),
  ]).toString();
  return Buffer.from(/hardware hash\s+([0-9a-f]{64})/.exec(printed)[1], "hex");
}

/** The chain's clock (the Clock sysvar): unix seconds, as a bigint. */
export async function chainNow(rpc) {
  const info = await rpcCall(rpc, "getAccountInfo", [
    "SysvarC1ock11111111111111111111111111111111",
    { encoding: "base64", commitment: "confirmed" },
  ]);
  return Buffer.from(info.value.data[0], "base64").readBigInt64LE(32);
}

/**
 * What `io-worker register` prints for a SIMULATED GPU set: the device key in `keypairPath`
 * consents to being registered by `owner` on `config` as model `modelId`. Returns the consent
 * line and everything printed.
 */
export function workerConsent({ owner, config, modelId, keypairPath, gpus = 1, seed, expiresAt, extra = [] }) {
  const args = [
    "register",
    "--owner", String(owner),
    "--config", String(config),
    "--model-id", String(modelId),
    "--device-keypair", keypairPath,
    "--simulate", String(gpus),
    "--simulate-seed", String(seed),
    ...(expiresAt === undefined ? [] : ["--expires-at", String(expiresAt)]),
    ...extra,
  ];
  const printed = execFileSync(IO_WORKER, args).toString();
  const lines = printed.split("\n").filter((line) => line.startsWith("io-consent-v1:"));
  if (lines.length !== 1) throw new Error(`io-worker register printed ${lines.length} consent lines:\n${printed}`);
  return { text: lines[0], printed };
}

/** Runs the GPU worker binary (SIMULATED GPUs) for `keypairPath` against the keeper. */
export function startWorker(keeper, keypairPath, gpus, seed) {
  const child = spawn(
    IO_WORKER,
    [
      "probe",
      "--simulate", String(gpus),
      "--simulate-seed", String(seed),
      "--keeper-url", keeper,
      "--device-keypair", keypairPath,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; });
  child.stderr.on("data", (chunk) => { output += chunk; });
  return {
    output: () => output,
    stop: () => new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGINT");
    }),
  };
}

export async function until(what, check, timeoutMs = 90_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
