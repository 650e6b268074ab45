// Standard clients against a real `io-localnet --serve`: web3.js (legacy and v0,
// confirmed over the WebSocket), the Anchor TS client on the IDL, the supplier's journey with
// the real GPU worker binary (SIMULATED GPUs), a program error by name, an event read back.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import anchor from "@anchor-lang/core";
import {
  Connection,
  Ed25519Program,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  SYSVAR_INSTRUCTIONS_PUBKEY,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import { getAccount } from "@solana/spl-token";

import {
  Addresses,
  PaymentsInstructions,
  SupplierInstructions,
  hourlySplit,
  customErrorCode,
  eventAuthority,
  hardwareHashHex,
  IO_STAKING_PROGRAM_ID,
  parseConsent,
  errorName,
  programs,
  requiredStake,
  stakingCoder,
  PUBLISHED_GPU_MODELS,
} from "../dist/index.js";
import {
  chainNow,
  rpcCall,
  simulatedHardwareHash,
  startLocalnet,
  startWorker,
  until,
  workerConsent,
} from "./harness.mjs";

const { AnchorProvider, Wallet } = anchor;

let localnet;
let connection;

before(async () => {
  localnet = await startLocalnet({ devices: 3, epochSeconds: 4 });
  connection = new Connection(localnet.rpc, { commitment: "confirmed", wsEndpoint: localnet.ws });
});

after(async () => {
  // web3.js reconnects its WebSocket forever: close it before the node goes away.
  if (connection?._rpcWebSocket) {
    connection._rpcWebSocket.reconnect = false;
    connection._rpcWebSocket.close();
  }
  if (localnet) {
    const { code, output } = await localnet.stop();
    assert.equal(code, 0, output);
    assert.match(output, /stopped/);
  }
});

async function fundedWallet(sol = 10) {
  const wallet = Keypair.generate();
  const signature = await connection.requestAirdrop(wallet.publicKey, sol * LAMPORTS_PER_SOL);
  const latest = await connection.getLatestBlockhash();
  await connection.confirmTransaction({ signature, ...latest });
  return wallet;
}

/** The program error's name in whatever sending a transaction threw. */
const nameOf = (error) => errorName(customErrorCode(error) ?? -1);

/** A consent validity on the accelerated clock (900 chain seconds a wall second): a week. */
const VALIDITY_SECONDS = 7n * 86_400n;

function providerFor(wallet) {
  return new AnchorProvider(connection, new Wallet(wallet), { commitment: "confirmed" });
}

test("SOL: airdrop, then legacy and v0 transfers confirmed over the WebSocket", async () => {
  const alice = await fundedWallet(5);
  assert.equal(await connection.getBalance(alice.publicKey), 5 * LAMPORTS_PER_SOL);
  const bob = Keypair.generate().publicKey;

  const legacy = new Transaction().add(
    SystemProgram.transfer({ fromPubkey: alice.publicKey, toPubkey: bob, lamports: 1_000_000 }),
  );
  await sendAndConfirmTransaction(connection, legacy, [alice]);

  const latest = await connection.getLatestBlockhash();
  const message = new TransactionMessage({
    payerKey: alice.publicKey,
    recentBlockhash: latest.blockhash,
    instructions: [SystemProgram.transfer({ fromPubkey: alice.publicKey, toPubkey: bob, lamports: 2_000_000 })],
  }).compileToV0Message();
  const v0 = new VersionedTransaction(message);
  v0.sign([alice]);
  const signature = await connection.sendTransaction(v0);
  const confirmed = await connection.confirmTransaction({ signature, ...latest });
  assert.equal(confirmed.value.err, null);

  assert.equal(await connection.getBalance(bob), 3_000_000);
  assert.equal(await connection.getBalance(alice.publicKey), 5 * LAMPORTS_PER_SOL - 3_000_000 - 2 * 5_000);
  const fetched = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 });
  assert.equal(fetched.version, 0);
  assert.equal(fetched.meta.fee, 5_000);
});

test("Anchor: config, pool and devices read through the client typed on the IDL", async () => {
  const { staking } = programs(providerFor(Keypair.generate()));
  const addresses = new Addresses(new PublicKey(localnet.mint));
  const config = await staking.account.stakingConfig.fetch(addresses.config);
  assert.equal(config.mint.toBase58(), localnet.mint);
  assert.equal(config.params.baseStakePerGpu.toString(), "20000000000");
  const pool = await staking.account.rewardPool.fetch(addresses.rewardPool);
  assert.ok(pool.totalEmitted.gtn(0) || pool.lastClosedEpoch === 0);
  const devices = await staking.account.device.all();
  assert.equal(devices.length, 3);
  const models = await staking.account.gpuModel.all();
  assert.equal(models.length, PUBLISHED_GPU_MODELS.length);
});

test("io-payments: the config, its fee vaults and the SIMULATED reservations read through the client", async () => {
  const { payments } = programs(providerFor(Keypair.generate()));
  const addresses = new Addresses(new PublicKey(localnet.mint));
  const config = await payments.account.paymentsConfig.fetch(addresses.paymentsConfig);
  const published = localnet.manifest.payments;
  assert.equal(addresses.paymentsConfig.toBase58(), published.config);
  assert.equal(config.usdcMint.toBase58(), published.usdc_mint);
  assert.equal(addresses.feeVault(config.usdcMint).toBase58(), published.usdc_fee_vault);
  assert.equal(config.params.discountBps, 200);
  // The keeper's SIMULATED renters: each reservation sits at the renter's (renter, nonce) PDA.
  const reservations = await payments.account.reservation.all();
  assert.ok(reservations.length >= 1);
  for (const { publicKey, account } of reservations) {
    assert.equal(addresses.reservation(account.renter, BigInt(account.nonce.toString())).toBase58(), publicKey.toBase58());
  }
  assert.ok(BigInt(config.usdc.deposited.toString()) >= BigInt(config.usdc.paid.toString()));
});

test("a renter reserves a device in IO, anyone settles the hours ended, the renter cancels the rest", async () => {
  const renter = await fundedWallet(10);
  const mint = new PublicKey(localnet.mint);
  const { staking, payments } = programs(providerFor(renter));
  const builders = new PaymentsInstructions(payments, mint);
  const IO = 10n ** 8n;
  const paid = await rpcCall(localnet.rpc, "surfnet_setTokenAccount", [renter.publicKey.toBase58(), localnet.mint, { amount: (100n * IO).toString() }]);
  const renterToken = new PublicKey(paid.account);
  // A SIMULATED device, still staking and no longer rented by the keeper's SIMULATED renters
  // (their hours end within seconds of the accelerated clock); its owner's associated IO
  // account receives the pay.
  const { publicKey: device, account: deviceState } = await until("a device nobody rents", async () => {
    const now = await chainNow(localnet.rpc);
    return (await staking.account.device.all()).find(
      ({ account }) =>
        "staking" in account.status && account.openCases === 0 && BigInt(account.rentedUntil.toString()) <= now,
    );
  }, 120_000, 500);
  const owner = deviceState.owner;
  const supplier = await rpcCall(localnet.rpc, "surfnet_setTokenAccount", [owner.toBase58(), localnet.mint, { amount: "0" }]);
  const supplierToken = new PublicKey(supplier.account);
  const supplierBefore = (await getAccount(connection, supplierToken)).amount;

  // 3 hours at 1 IO: no fees in IO.
  assert.deepEqual(hourlySplit(IO, false), { renterPays: IO, supplierGets: IO, fees: 0n });
  assert.deepEqual(hourlySplit(2_000_000n, true), { renterPays: 2_005_000n, supplierGets: 1_955_000n, fees: 50_000n });
  const reserve = await builders.reserve(renter.publicKey, 1n, device, mint, 3, IO, renterToken);
  await sendAndConfirmTransaction(connection, new Transaction().add(reserve), [renter]);
  const reservation = builders.addresses.reservation(renter.publicKey, 1n);
  assert.equal((await getAccount(connection, builders.addresses.escrow(reservation))).amount, 3n * IO);
  // io-staking recorded the end of the paid hours on the device; a second rental is refused.
  const rented = await staking.account.device.fetch(device);
  const starts = BigInt((await payments.account.reservation.fetch(reservation)).startsAt.toString());
  assert.equal(BigInt(rented.rentedUntil.toString()), starts + 3n * 3_600n);
  await assert.rejects(
    sendAndConfirmTransaction(
      connection,
      new Transaction().add(await builders.reserve(renter.publicKey, 2n, device, mint, 1, IO, renterToken)),
      [renter],
    ),
    (error) => {
      assert.equal(nameOf(error), "DeviceAlreadyRented", String(error));
      return true;
    },
  );

  // An hour of the accelerated clock is a few seconds: anyone (here a fresh payer) settles it.
  const settler = await fundedWallet(1);
  await until("an hour to end and be settled", async () => {
    try {
      const settle = await builders.settle(reservation, mint, supplierToken, renter.publicKey);
      await sendAndConfirmTransaction(connection, new Transaction().add(settle), [settler]);
      return true;
    } catch (error) {
      if (errorName(customErrorCode(error) ?? -1) !== "NothingToSettle") throw error;
      return false;
    }
  }, 60_000, 500);
  const settled = (await getAccount(connection, supplierToken)).amount - supplierBefore;
  assert.ok(settled >= IO && settled % IO === 0n, `paid ${settled}`);

  // The renter cancels: the hours begun are paid, the rest comes back, both accounts close.
  const cancel = await builders.cancel(reservation, device, mint, supplierToken, renter.publicKey, renterToken);
  await sendAndConfirmTransaction(connection, new Transaction().add(cancel), [renter]);
  assert.equal(await connection.getAccountInfo(reservation), null);
  // The rental now ends with the hour begun, no later than booked.
  const shortened = BigInt((await staking.account.device.fetch(device)).rentedUntil.toString());
  assert.ok(shortened > starts && shortened <= starts + 3n * 3_600n && (shortened - starts) % 3_600n === 0n, String(shortened));
  const supplierPaid = (await getAccount(connection, supplierToken)).amount - supplierBefore;
  const renterSpent = 100n * IO - (await getAccount(connection, renterToken)).amount;
  assert.equal(renterSpent, supplierPaid, "IO pays no fees: what the renter spent is what the supplier got");
  assert.ok(supplierPaid >= settled && supplierPaid <= 3n * IO);
});

test("a supplier registers, stakes, is attested and credited, settles from a keeper's proof and claims to the base unit, and is refused an early withdrawal by name", async () => {
  const owner = await fundedWallet(10);
  const mint = new PublicKey(localnet.mint);
  const { staking } = programs(providerFor(owner));
  const supplier = new SupplierInstructions(staking, mint);
  const addresses = supplier.addresses;

  // IO from the local faucet (a transfer from the genesis treasury).
  const config = await staking.account.stakingConfig.fetch(addresses.config);
  const h100 = PUBLISHED_GPU_MODELS.find((m) => m.name === "H100");
  const required = requiredStake(BigInt(config.params.baseStakePerGpu.toString()), 1, h100.multiplierCenti);
  const faucet = await rpcCall(localnet.rpc, "surfnet_setTokenAccount", [
    owner.publicKey.toBase58(), localnet.mint, { amount: required.toString() },
  ]);
  const ownerToken = new PublicKey(faucet.account);
  assert.equal((await getAccount(connection, ownerToken)).amount, required);

  // The device key is the worker's and stays with it: `io-worker register` (the real binary,
  // SIMULATED GPUs) signs the consent, and the owner's wallet alone signs the transaction.
  const deviceKey = Keypair.generate();
  const keypairPath = join(localnet.ledger, "device.json");
  writeFileSync(keypairPath, JSON.stringify(Array.from(deviceKey.secretKey)));
  const expiresAt = (await chainNow(localnet.rpc)) + VALIDITY_SECONDS;
  const consentFor = (consentOwner, path, seed) =>
    workerConsent({
      owner: consentOwner.toBase58(),
      config: addresses.config.toBase58(),
      modelId: h100.id,
      keypairPath: path,
      seed,
      expiresAt,
    });
  const { text, printed } = consentFor(owner.publicKey, keypairPath, 4242);
  const consent = parseConsent(text);
  assert.ok(consent.deviceKey.equals(deviceKey.publicKey));
  assert.ok(consent.owner.equals(owner.publicKey));
  assert.ok(consent.config.equals(addresses.config));
  assert.ok(consent.programId.equals(IO_STAKING_PROGRAM_ID));
  assert.equal(consent.modelId, h100.id);
  assert.equal(consent.gpuCount, 1);
  assert.equal(consent.expiresAt, expiresAt);
  // The same probe as `io-worker probe --inspect`: the same hardware hash.
  const hardwareHash = simulatedHardwareHash(1, 4242);
  assert.equal(hardwareHashHex(consent), hardwareHash.toString("hex"));
  assert.match(printed, new RegExp(`hardware hash\\s+${hardwareHash.toString("hex")}`));
  assert.match(printed, /SIMULATED/);

  const registration = await supplier.registerDevice(owner.publicKey, text);
  assert.equal(registration.length, 2);
  assert.ok(registration[0].programId.equals(Ed25519Program.programId));
  const tx = new Transaction().add(
    ...registration,
    await supplier.stake(owner.publicKey, deviceKey.publicKey, required, ownerToken),
  );
  await sendAndConfirmTransaction(connection, tx, [owner]);
  const devicePda = addresses.device(deviceKey.publicKey);
  let device = await staking.account.device.fetch(devicePda);
  assert.equal(device.stake.toString(), required.toString());
  assert.deepEqual(Array.from(device.hardwareHash), Array.from(hardwareHash));
  assert.ok(device.owner.equals(owner.publicKey));
  assert.equal(device.rentedUntil.toString(), "0");
  const marker = await connection.getAccountInfo(addresses.hardwareMarker(hardwareHash));
  assert.ok(marker?.owner.equals(IO_STAKING_PROGRAM_ID), "the hardware marker exists");

  // Rented only on its owner's terms: none at first (not for rent), then the owner's floors;
  // a stranger cannot set them.
  assert.equal(device.minUsdcPerHour.toString(), "0");
  assert.equal(device.minIoPerHour.toString(), "0");
  const IO = 10n ** 8n;
  const renter = await fundedWallet(2);
  const renterFunds = await rpcCall(localnet.rpc, "surfnet_setTokenAccount", [
    renter.publicKey.toBase58(), localnet.mint, { amount: (10n * IO).toString() },
  ]);
  const renterToken = new PublicKey(renterFunds.account);
  const rentals = new PaymentsInstructions(programs(providerFor(renter)).payments, mint);
  const reserveAt = async (price) =>
    sendAndConfirmTransaction(
      connection,
      new Transaction().add(await rentals.reserve(renter.publicKey, 1n, devicePda, mint, 1, price, renterToken)),
      [renter],
    );
  const refusedAs = (name) => (error) => {
    assert.equal(nameOf(error), name, String(error));
    return true;
  };
  await assert.rejects(reserveAt(IO), refusedAs("NotForRent"));
  await sendAndConfirmTransaction(
    connection,
    new Transaction().add(await supplier.setRentalTerms(owner.publicKey, deviceKey.publicKey, 2_000_000n, 2n * IO)),
    [owner],
  );
  device = await staking.account.device.fetch(devicePda);
  assert.equal(device.minUsdcPerHour.toString(), "2000000");
  assert.equal(device.minIoPerHour.toString(), (2n * IO).toString());
  await assert.rejects(reserveAt(IO), refusedAs("BelowRentalTerms"));
  const intruder = await fundedWallet(1);
  await assert.rejects(
    sendAndConfirmTransaction(
      connection,
      new Transaction().add(await supplier.setRentalTerms(intruder.publicKey, deviceKey.publicKey, 1n, 1n)),
      [intruder],
    ),
    refusedAs("NotDeviceOwner"),
  );
  assert.equal((await staking.account.device.fetch(devicePda)).minIoPerHour.toString(), (2n * IO).toString());

  // The same GPUs under a second device key: refused by name.
  const twinKey = Keypair.generate();
  const twinPath = join(localnet.ledger, "device-twin.json");
  writeFileSync(twinPath, JSON.stringify(Array.from(twinKey.secretKey)));
  const twin = consentFor(owner.publicKey, twinPath, 4242);
  assert.equal(hardwareHashHex(parseConsent(twin.text)), hardwareHash.toString("hex"));
  await assert.rejects(
    sendAndConfirmTransaction(connection, new Transaction().add(...(await supplier.registerDevice(owner.publicKey, twin.text))), [owner]),
    (error) => {
      assert.equal(nameOf(error), "HardwareAlreadyRegistered", String(error));
      return true;
    },
  );
  assert.equal(await connection.getAccountInfo(addresses.device(twinKey.publicKey)), null);

  // A consent for someone else's wallet: the client refuses to build it, and a transaction
  // built by hand anyway is refused by the program, by name.
  const stranger = Keypair.generate().publicKey;
  const elsewhere = consentFor(stranger, twinPath, 4343);
  await assert.rejects(supplier.registerDevice(owner.publicKey, elsewhere.text), /not /);
  const foreign = parseConsent(elsewhere.text);
  const byHand = await staking.methods
    .registerDevice({ deviceKey: foreign.deviceKey, gpuCount: foreign.gpuCount, hardwareHash: Array.from(foreign.hardwareHash) })
    .accountsPartial({
      owner: owner.publicKey,
      config: addresses.config,
      rewardPool: addresses.rewardPool,
      gpuModel: addresses.gpuModel(foreign.modelId),
      device: addresses.device(foreign.deviceKey),
      hardwareMarker: addresses.hardwareMarker(foreign.hardwareHash),
      instructions: SYSVAR_INSTRUCTIONS_PUBKEY,
      systemProgram: SystemProgram.programId,
      eventAuthority: eventAuthority(IO_STAKING_PROGRAM_ID),
      program: IO_STAKING_PROGRAM_ID,
    })
    .instruction();
  const verifyForeign = Ed25519Program.createInstructionWithPublicKey({
    publicKey: foreign.deviceKey.toBytes(),
    message: foreign.message,
    signature: foreign.signature,
  });
  await assert.rejects(
    sendAndConfirmTransaction(connection, new Transaction().add(verifyForeign, byHand), [owner]),
    (error) => {
      assert.equal(nameOf(error), "ConsentWrongOwner", String(error));
      return true;
    },
  );
  // Without the Ed25519 instruction right before it: no consent.
  await assert.rejects(
    sendAndConfirmTransaction(connection, new Transaction().add(byHand), [owner]),
    (error) => {
      assert.equal(nameOf(error), "ConsentMissing", String(error));
      return true;
    },
  );

  // The real worker binary heartbeats on the accelerated clock; the keeper votes its uptime root and settles it.
  const worker = startWorker(localnet.keeper, keypairPath, 1, 4242);
  try {
    device = await until("the device to be active and credited", async () => {
      const state = await staking.account.device.fetch(devicePda);
      return state.active && state.totalCredited.gtn(0) ? state : null;
    }, 150_000, 500);
  } finally {
    await worker.stop();
  }
  assert.match(worker.output(), /heartbeat accepted/);

  // Claim behind a settle from the keeper's proof (a keeper that is down is skipped): the
  // wallet's balance changes by exactly what the program paid.
  const before = (await getAccount(connection, ownerToken)).amount;
  const claimedBefore = BigInt((await staking.account.device.fetch(devicePda)).totalClaimed.toString());
  const { keepers } = await (await fetch(`${localnet.keeper}/v1/config`)).json();
  assert.deepEqual(keepers, [localnet.keeper], "the quorum's URLs, published in /v1/config");
  const settle = await supplier.settleFromKeepers(deviceKey.publicKey, ["http://127.0.0.1:9", ...keepers]);
  const claim = new Transaction().add(
    settle,
    await supplier.claimRewards(owner.publicKey, deviceKey.publicKey, ownerToken),
  );
  const claimSignature = await sendAndConfirmTransaction(connection, claim, [owner]);
  const afterClaim = await staking.account.device.fetch(devicePda);
  const paid = BigInt(afterClaim.totalClaimed.toString()) - claimedBefore;
  assert.ok(paid > 0n);
  assert.equal((await getAccount(connection, ownerToken)).amount - before, paid);

  // The program's event, read back from the transaction (an emit_cpi inner instruction).
  const landed = await connection.getTransaction(claimSignature, { maxSupportedTransactionVersion: 0 });
  const events = landed.meta.innerInstructions
    .flatMap((group) => group.instructions)
    .map((ix) => {
      const data = Buffer.from(anchor.utils.bytes.bs58.decode(ix.data));
      return stakingCoder.events.decode(data.subarray(8).toString("base64"));
    })
    .filter(Boolean);
  const claimed = events.find((e) => e.name === "RewardsClaimed");
  assert.ok(claimed, JSON.stringify(events.map((e) => e.name)));
  assert.equal(BigInt(claimed.data.amount.toString()), paid);

  // Unstake, then withdraw before the 14-day cooldown: refused, by name.
  await sendAndConfirmTransaction(
    connection,
    new Transaction().add(await supplier.requestUnstake(owner.publicKey, deviceKey.publicKey, ownerToken)),
    [owner],
  );
  await assert.rejects(
    staking.methods
      .withdraw()
      .accountsPartial({
        owner: owner.publicKey,
        config: addresses.config,
        rewardPool: addresses.rewardPool,
        device: devicePda,
        ownerToken,
        stakeVault: addresses.stakeVault,
      })
      .rpc(),
    (error) => {
      assert.equal(error.error?.errorCode?.code, "CooldownNotOver", String(error));
      assert.equal(errorName(customErrorCode(error)), "CooldownNotOver");
      return true;
    },
  );

  // Fourteen days later (the cheatcode), the withdrawal goes through.
  await rpcCall(localnet.rpc, "surfnet_timeTravel", [{ seconds: 14 * 86_400 + 60 }]);
  const stakeBefore = (await getAccount(connection, ownerToken)).amount;
  await sendAndConfirmTransaction(
    connection,
    new Transaction().add(await supplier.withdraw(owner.publicKey, deviceKey.publicKey, ownerToken)),
    [owner],
  );
  assert.equal((await getAccount(connection, ownerToken)).amount - stakeBefore, required);
});

test("the keeper prints a line per epoch whose root is final", async () => {
  await until("an epoch line", () => /epoch \d+ root final: \d+ devices settled/.test(localnet.output()), 30_000);
});
