// A keeper's API from TypeScript: the leaf and proof `settle` needs, fetched from any keeper
// (docs/keeper.md, "What a keeper serves"). A keeper only serves; the proof is checked on chain
// against the quorum's finalized root, so trusting the answer costs nothing but a failed
// transaction.
import { PublicKey } from "@solana/web3.js";

import type { LeafProof } from "./client.js";

/** A leaf as a keeper serves it, with the root it belongs to and who served it. */
export interface ServedLeaf extends LeafProof {
  device: PublicKey;
  root: Uint8Array;
  leafCount: number;
  keeper: string;
}

/** Every keeper asked failed; `failures` says why, keeper by keeper. */
export class NoKeeperServed extends Error {
  constructor(readonly failures: { keeper: string; reason: string }[]) {
    super(`no keeper served the proof: ${failures.map((f) => `${f.keeper}: ${f.reason}`).join("; ") || "no keeper given"}`);
    this.name = "NoKeeperServed";
  }
}

function unhex(value: unknown, bytes: number, what: string): Uint8Array {
  if (typeof value !== "string" || value.length !== bytes * 2 || !/^[0-9a-f]*$/.test(value)) {
    throw new Error(`${what}: expected ${bytes} bytes of lowercase hex`);
  }
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = parseInt(value.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function count(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new Error(`${what}: expected a u32`);
  }
  return value;
}

/** Parses a keeper's `GET /v1/proofs/{device}` answer; throws on anything malformed. */
export function parseServedLeaf(json: unknown, keeper: string): ServedLeaf {
  if (typeof json !== "object" || json === null) throw new Error("not a JSON object");
  const body = json as Record<string, unknown>;
  if (!Array.isArray(body.proof) || body.proof.length > 20) throw new Error("proof: expected at most 20 nodes");
  let device: PublicKey;
  try {
    device = new PublicKey(String(body.device));
  } catch {
    throw new Error("device: not a base58 address");
  }
  return {
    device,
    epoch: count(body.epoch, "epoch"),
    uptime: unhex(body.uptime, 90, "uptime"),
    index: count(body.index, "index"),
    proof: body.proof.map((node, i) => unhex(node, 32, `proof[${i}]`)),
    root: unhex(body.root, 32, "root"),
    leafCount: count(body.leaf_count, "leaf_count"),
    keeper,
  };
}

export interface FetchLeafOptions {
  /** A root other than the latest (the chain accepts the latest and the one before it). */
  epoch?: number;
  /** Per keeper; a keeper slower than this is skipped. Default 5 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * `device`'s (the device account's) leaf in the latest final root, from the first of `keepers`
 * (base URLs, e.g. the keeper set's) that serves it: one that is down, slow, does not know the
 * root or answers something malformed is skipped for the next.
 */
export async function fetchLeafProof(
  keepers: readonly string[],
  device: PublicKey,
  options: FetchLeafOptions = {},
): Promise<ServedLeaf> {
  const get = options.fetch ?? fetch;
  const failures: { keeper: string; reason: string }[] = [];
  for (const keeper of keepers) {
    const base = keeper.replace(/\/+$/, "");
    const query = options.epoch === undefined ? "" : `?epoch=${options.epoch}`;
    try {
      const response = await get(`${base}/v1/proofs/${device.toBase58()}${query}`, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      const body: unknown = await response.json();
      if (!response.ok) {
        const reason = (body as { error?: unknown })?.error;
        failures.push({ keeper, reason: `${response.status} ${typeof reason === "string" ? reason : "error"}` });
        continue;
      }
      const leaf = parseServedLeaf(body, keeper);
      if (!leaf.device.equals(device)) throw new Error("the leaf of another device");
      return leaf;
    } catch (error) {
      failures.push({ keeper, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new NoKeeperServed(failures);
}
