// Settling a device from its leaf, built without a chain: the accounts io-staking's `settle`
// names, no signer, and the leaf and proof in the data as the program reads them.
import assert from "node:assert/strict";
import { test } from "node:test";

import anchor from "@anchor-lang/core";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";

import { Addresses, IO_STAKING_PROGRAM_ID, SupplierInstructions, programs } from "../dist/index.js";

const { AnchorProvider, Wallet } = anchor;
const mint = new PublicKey(new Uint8Array(32).fill(7));

test("settle: no signer, the ring from the config, the leaf and a depth-20 proof", async () => {
  const connection = new Connection("http://127.0.0.1:9");
  const { staking } = programs(new AnchorProvider(connection, new Wallet(Keypair.generate()), {}));
  const supplier = new SupplierInstructions(staking, mint);
  const addresses = new Addresses(mint);
  const device = Keypair.generate().publicKey;
  const rpwRing = Keypair.generate().publicKey;
  const uptime = new Uint8Array(90).fill(0xff);
  const proof = Array.from({ length: 20 }, (_, i) => new Uint8Array(32).fill(i));
  const ix = await supplier.settle(device, rpwRing, { epoch: 1234, uptime, index: 1_048_575, proof });

  assert.ok(ix.programId.equals(IO_STAKING_PROGRAM_ID));
  assert.deepEqual(ix.keys.filter((k) => k.isSigner), []);
  const named = (pubkey) => ix.keys.find((k) => k.pubkey.equals(pubkey));
  assert.ok(named(device)?.isWritable);
  assert.ok(named(addresses.rewardPool)?.isWritable);
  assert.equal(named(rpwRing)?.isWritable, false);
  assert.equal(named(addresses.keeperSet)?.isWritable, false);
  // Discriminator, epoch, 90-byte uptime, index, then the proof's length and nodes.
  assert.equal(ix.data.length, 8 + 4 + 90 + 4 + 4 + 20 * 32);
  const decoded = staking.coder.instruction.decode(ix.data);
  assert.equal(decoded.name, "settle");
  assert.equal(decoded.data.epoch, 1234);
  assert.equal(decoded.data.index, 1_048_575);
  assert.equal(decoded.data.proof.length, 20);
  assert.deepEqual(Array.from(decoded.data.proof[19]), Array(32).fill(19));
});

test("the keeper set and each epoch's ballot are PDAs of the config", () => {
  const addresses = new Addresses(mint);
  const [keeperSet] = PublicKey.findProgramAddressSync(
    [Buffer.from("keeper_set"), addresses.config.toBuffer()],
    IO_STAKING_PROGRAM_ID,
  );
  assert.ok(addresses.keeperSet.equals(keeperSet));
  const epoch = Buffer.alloc(4);
  epoch.writeUInt32LE(42);
  const [ballot] = PublicKey.findProgramAddressSync(
    [Buffer.from("ballot"), addresses.config.toBuffer(), epoch],
    IO_STAKING_PROGRAM_ID,
  );
  assert.ok(addresses.ballot(42).equals(ballot));
});

test("a keeper's proof answer is parsed strictly, and the next keeper is asked when one fails", async () => {
  const { fetchLeafProof, parseServedLeaf, NoKeeperServed } = await import("../dist/index.js");
  const device = Keypair.generate().publicKey;
  const served = {
    device: device.toBase58(),
    epoch: 7,
    root: "ab".repeat(32),
    leaf_count: 2,
    index: 1,
    uptime: "01" + "00".repeat(89),
    proof: ["cd".repeat(32)],
  };
  const leaf = parseServedLeaf(served, "k");
  assert.equal(leaf.epoch, 7);
  assert.equal(leaf.uptime[0], 1);
  assert.equal(leaf.proof.length, 1);
  for (const [field, value] of [
    ["uptime", "00"],
    ["root", "zz".repeat(32)],
    ["proof", ["cd".repeat(31)]],
    ["proof", Array(21).fill("cd".repeat(32))],
    ["index", -1],
    ["epoch", 1.5],
    ["device", "not a key"],
  ]) {
    assert.throws(() => parseServedLeaf({ ...served, [field]: value }, "k"), undefined, field);
  }

  const asked = [];
  const fake = async (url) => {
    asked.push(url);
    if (url.startsWith("http://down")) throw new TypeError("fetch failed");
    if (url.startsWith("http://stale")) return new Response(JSON.stringify({ error: "unknown_epoch" }), { status: 404 });
    if (url.startsWith("http://liar")) return Response.json({ ...served, device: Keypair.generate().publicKey.toBase58() });
    return Response.json(served);
  };
  const got = await fetchLeafProof(["http://down", "http://stale/", "http://liar", "http://good"], device, { fetch: fake });
  assert.equal(got.keeper, "http://good");
  assert.equal(asked.length, 4);
  assert.equal(asked[1], `http://stale/v1/proofs/${device.toBase58()}`);
  await assert.rejects(fetchLeafProof(["http://down", "http://stale"], device, { fetch: fake }), (error) => {
    assert.ok(error instanceof NoKeeperServed);
    assert.deepEqual(error.failures.map((f) => f.reason), ["fetch failed", "404 unknown_epoch"]);
    return true;
  });
});
