// The web app in Debian's Chromium (playwright-core), against a real `io-localnet
// --serve`: the explorer's figures and charts against the schedule, a supplier's whole journey
// with an injected Wallet Standard wallet, a declined signature and a lost RPC, screenshots of
// every page at desktop and phone width, the bundle size and the first load.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, test } from "node:test";

import anchor from "@anchor-lang/core";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { chromium } from "playwright-core";

import {
  Addresses,
  IO_STAKING_PROGRAM_ID,
  formatAmount,
  parseConsent,
  programs,
  schedule,
  stakingCoder,
  LAST_EPOCH,
  PUBLISHED_GPU_MODELS,
} from "@io-network/client";
import {
  ROOT,
  chainNow,
  rpcCall,
  simulatedHardwareHash,
  startLocalnet,
  startWorker,
  until,
  workerConsent,
} from "../../clients/ts/test/harness.mjs";
import { injectTestWallet } from "./wallet.mjs";

const { AnchorProvider, BN, Wallet } = anchor;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const DIST = join(ROOT, "app", "dist");
const SHOTS = process.env.IO_SCREENSHOTS ?? join(ROOT, "target", "screenshots");
const PAGES = [
  ["network", "#/"],
  ["schedule", "#/schedule"],
  ["epochs", "#/epochs"],
  ["devices", "#/devices"],
  ["slashing", "#/slashing"],
  ["supplier", "#/supplier"],
];

let localnet;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), "the app is built (npm run build --workspace app)");
  assert.ok(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.env.IO_APP_DIR = DIST;
  localnet = await startLocalnet({ devices: 2, epochSeconds: 4 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (localnet) {
    const { code } = await localnet.stop();
    assert.equal(code, 0);
  }
});

const H100 = PUBLISHED_GPU_MODELS.find((m) => m.name === "H100");

/**
 * A device key file for the worker (it stays with the worker: the page never sees it) and the
 * consent `io-worker register` prints for it, SIMULATED GPUs `seed`, registered by `owner`.
 */
async function deviceConsent(owner, seed, { expiresIn = 7n * 86_400n, out } = {}) {
  const device = Keypair.generate();
  const keyFile = join(localnet.ledger, `device-${seed}-${device.publicKey.toBase58().slice(0, 8)}.json`);
  writeFileSync(keyFile, JSON.stringify(Array.from(device.secretKey)));
  // The chain's clock runs 900 times the wall's: a week of it is about 11 minutes.
  const expiresAt = (await chainNow(localnet.rpc)) + expiresIn;
  const { text } = workerConsent({
    owner: owner.toBase58(),
    config: new Addresses(new PublicKey(localnet.mint)).config.toBase58(),
    modelId: H100.id,
    keypairPath: keyFile,
    seed,
    expiresAt,
    extra: out ? ["--out", out] : [],
  });
  return { device, keyFile, text };
}

/** Dollar-free I/O: a page whose console errors are kept for the failure message. */
async function open(context, hash = "#/") {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto(`${localnet.keeper}/${hash}`);
  return { page, errors };
}

/**
 * Waits for a transaction's outcome in `container`: its "confirmed" line, or its failure, which
 * is thrown with the message the page showed.
 */
async function confirmed(container, label, timeout = 30_000) {
  // Anchored: "Claim" must not match "Claim co-stake rewards: confirmed." in the same container.
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const done = container.getByText(`${label}: confirmed.`, { exact: true });
  const failed = container.getByText(new RegExp(`^${escaped} failed:`));
  await done.or(failed).first().waitFor({ timeout });
  if (await failed.count()) throw new Error(await failed.first().innerText());
  return done;
}

test("bundle size (gzip) and the first load, printed", async () => {
  const assets = readdirSync(join(DIST, "assets"));
  let raw = 0;
  let gzip = 0;
  for (const name of assets) {
    const bytes = readFileSync(join(DIST, "assets", name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const started = Date.now();
  const { page } = await open(context);
  await page.getByText(/of \d+/).first().waitFor({ timeout: 30_000 }); // active devices read from chain
  const interactive = Date.now() - started;
  const navigation = await page.evaluate(() => {
    const [entry] = performance.getEntriesByType("navigation");
    return { domContentLoaded: Math.round(entry.domContentLoadedEventEnd), load: Math.round(entry.loadEventEnd) };
  });
  console.log(
    `app bundle: ${assets.length} files, ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip; ` +
      `first load: DOMContentLoaded ${navigation.domContentLoaded} ms, load ${navigation.load} ms, ` +
      `network figures on screen after ${interactive} ms`,
  );
  assert.ok(gzip < 1_024 * 1_024, "the app stays under 1 MiB gzip");
  await context.close();
});

test("the explorer shows the published figures and charts whose points are the schedule", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors } = await open(context, "#/schedule");
  const published = page.getByTestId("published-figures");
  await published.waitFor();
  assert.match(await published.innerText(), /4,566\.21/);
  assert.match(await published.innerText(), /4,566\.15/);
  assert.match(await published.innerText(), /4,566\.08/);
  assert.equal(await page.locator("[data-epoch-exact='1']").innerText(), "4,566.21004566 (rounds to 4,566.21)");
  // The reconciliation of the prose with the exact figures.
  const reconcile = await page.locator(".reconcile").innerText();
  for (const phrase of ["8% at the start", "12.165% less each year", "0.68% at the end", "0.701%", "11.454%"]) {
    assert.ok(reconcile.includes(phrase), phrase);
  }

  // Each chart's points (its data table) against the schedule computed here, epoch by epoch.
  const rows = await page.locator("[data-chart-table='per-epoch'] tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
  );
  const yearly = await page.locator("[data-chart-table='per-year'] tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
  );
  const supply = await page.locator("[data-chart-table='supply'] tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
  );
  const io = (units) => {
    const [whole, fraction] = formatAmount(units).split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    const trimmed = fraction.replace(/0+$/, "");
    return trimmed ? `${grouped}.${trimmed}` : grouped;
  };
  const expectedWeekly = new Map();
  const expectedYearly = [];
  let yearSum = 0n;
  let total = 0n;
  for (const { epoch, emission, cumulative } of schedule()) {
    if ((epoch - 1) % 168 === 0 || epoch === LAST_EPOCH) expectedWeekly.set(epoch, io(emission));
    yearSum += emission;
    if (epoch % 8_760 === 0 || epoch === LAST_EPOCH) {
      expectedYearly.push([io(yearSum), io(500_000_000n * 10n ** 8n + cumulative)]);
      yearSum = 0n;
    }
    total = cumulative;
  }
  assert.equal(rows.length, expectedWeekly.size);
  for (const [epoch, value] of rows) assert.equal(value, expectedWeekly.get(Number(epoch)), `epoch ${epoch}`);
  assert.equal(yearly.length, 21, "20 years and the final 119 epochs");
  yearly.forEach(([year, value], i) => assert.equal(value, expectedYearly[i][0], `year ${year}`));
  supply.slice(1).forEach(([year, value], i) => assert.equal(value, expectedYearly[i][1], `supply, year ${year}`));
  assert.equal(supply.at(-1)[1], io(500_000_000n * 10n ** 8n + total));

  // The network page: epoch 1's mint in the recent epochs once it has closed.
  await page.goto(`${localnet.keeper}/#/epochs`);
  await page.locator("[data-epoch='1']").waitFor({ timeout: 60_000 });
  assert.match(await page.locator("[data-epoch='1']").innerText(), /4,566\.21004566/);
  // Its ballot: the local keeper, alone in the quorum, voted for the root that finalized.
  await until("epoch 1's ballot", async () =>
    /^1 of 1 keepers for root [0-9a-f]{4}…[0-9a-f]{4}$/.test(await page.locator("[data-epoch='1'] [data-field='ballot']").innerText()), 30_000);

  // The fees-and-burns panel: the keeper's SIMULATED renters pay by the hour, and fees accrue
  // as hours are settled, priced by the oracle account the keeper moves.
  await page.goto(`${localnet.keeper}/#/`);
  const panel = page.getByRole("region", { name: "Fees and burns" });
  await panel.waitFor();
  const stat = (id) => panel.locator(`[data-stat='${id}'] .stat-value`);
  await until("fees from settled hours", async () => /[1-9]/.test(await stat("usdc-fees").innerText()), 60_000);
  assert.match(await stat("usdc-fees").innerText(), /^\d[\d,]*\.\d+ USDC$|^\d[\d,]* USDC$/);
  assert.match(await stat("io-price").innerText(), /^\d+(\.\d+)? USD/);
  assert.match(await stat("buyback-share").innerText(), /% of fees · .* USDC left to spend/);
  assert.ok(Number(await stat("reservations").innerText()) >= 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a supplier's journey: connect, register, stake, active, claim, unstake, withdraw", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors } = await open(context, "#/supplier");
  const { keypair: owner, control } = await injectTestWallet(page);
  await page.reload();
  await page.getByRole("button", { name: /Select Wallet/i }).click();
  await page.getByRole("button", { name: /Test Wallet/ }).click();
  await page.getByRole("heading", { name: "My devices" }).waitFor();

  // An empty wallet is told so, then the local faucet funds it.
  await page.getByText("holds no SOL").waitFor();
  await page.getByRole("button", { name: /Local faucet/ }).click();
  await page.getByText(/^Funded:/).waitFor();

  // Register with the consent `io-worker register` prints on the GPU machine (SIMULATED GPUs):
  // the page shows the command with this wallet and this deployment filled in, decodes the
  // pasted line, and the wallet alone signs; the device key never reaches the page.
  const config = new Addresses(new PublicKey(localnet.mint)).config.toBase58();
  const form = page.locator("form[aria-labelledby='register-title']");
  const command = form.locator("[data-field='register-command']");
  assert.match(await command.innerText(), new RegExp(`^io-worker register --owner ${owner.publicKey.toBase58()} --config ${config} --model-id <MODEL_ID> `));
  await form.getByLabel("GPU model (for the command)").selectOption({ label: `H100 (10.00x), id ${H100.id}` });
  assert.match(await command.innerText(), new RegExp(`--model-id ${H100.id} --device-keypair`));
  const consentBox = form.getByLabel(/^Consent/);
  const submit = form.getByRole("button", { name: "Register and stake" });

  // Not a consent, another wallet's, an expired one: said, and nothing can be signed.
  await consentBox.fill("io-consent-v1:1234");
  await form.getByText(/This is not a consent: not consent text/).waitFor();
  assert.ok(await submit.isDisabled());
  const forSomeoneElse = await deviceConsent(Keypair.generate().publicKey, 78);
  await consentBox.fill(forSomeoneElse.text);
  await form.locator("[data-problem='wrongOwner']").waitFor();
  assert.match(await form.locator("[data-problem='wrongOwner']").innerText(), /not .*Connect that wallet, or run the command again/);
  assert.ok(await submit.isDisabled());
  const expired = await deviceConsent(owner.publicKey, 79, { expiresIn: -60n });
  await consentBox.fill(expired.text);
  await form.locator("[data-problem='expired']").waitFor();
  assert.equal(await form.locator("[data-problem]").count(), 1);
  assert.ok(await submit.isDisabled());

  const hash = simulatedHardwareHash(1, 77).toString("hex");
  const { device, keyFile, text } = await deviceConsent(owner.publicKey, 77);
  await consentBox.fill(`\n  ${text}\n`);
  await form.locator("[data-consent]").waitFor();
  assert.equal(await form.locator("[data-problem]").count(), 0);
  assert.equal(await form.locator("[data-field='device-key']").innerText(), device.publicKey.toBase58());
  assert.equal(await form.locator("[data-field='model']").innerText(), "H100 (10.00x)");
  assert.equal(await form.locator("[data-field='gpu-count']").innerText(), "1");
  assert.equal(await form.locator("[data-field='hardware-hash']").innerText(), hash, "the hash `io-worker probe --inspect` prints");
  assert.match(await form.locator("[data-field='expires']").innerText(), /UTC \(in \d+ days?/);
  const required = await page.locator("[data-field='required-stake']").getAttribute("data-base-units");
  assert.equal(required, (200n * 10n * 10n ** 8n).toString(), "200 IO x 1 GPU x 10.00");
  const signedBeforeRegister = control.signed;
  await submit.click();
  await confirmed(page, "Register and stake");
  assert.equal(control.signed - signedBeforeRegister, 1, "one transaction, signed by the wallet alone");
  assert.equal(await consentBox.inputValue(), "", "the form is cleared for the next device");
  await page.screenshot({ path: join(SHOTS, "supplier-registered.png"), fullPage: true });

  const card = page.locator(`[data-device='${device.publicKey.toBase58()}']`);
  await card.waitFor();
  assert.match(await card.locator("[data-field='stake']").innerText(), /^2,000 \/ 2,000 IO$/);

  // Rental terms: a new device is not for rent; its owner sets the least a renter pays per hour,
  // in either mint (0: not in that one), and the card shows what the chain holds.
  const terms = card.locator("[data-field='rental-terms']");
  assert.equal(await terms.innerText(), "Not for rent");
  const setTerms = card.getByRole("button", { name: "Set rental terms" });
  assert.ok(await setTerms.isDisabled(), "nothing to send until the terms change");
  await card.getByLabel("USDC per hour", { exact: true }).fill("2.5");
  await card.getByLabel("IO per hour", { exact: true }).fill("3");
  await setTerms.click();
  await confirmed(card, "Set rental terms");
  await until("the terms to show", async () => (await terms.innerText()) === "At least 2.5 USDC or 3 IO per hour", 30_000);
  const reader = programs(new AnchorProvider(new Connection(localnet.rpc, "confirmed"), new Wallet(Keypair.generate()), {}));
  const onChain = await reader.staking.account.device.fetch(new Addresses(new PublicKey(localnet.mint)).device(device.publicKey));
  assert.equal(onChain.minUsdcPerHour.toString(), "2500000");
  assert.equal(onChain.minIoPerHour.toString(), (3n * 10n ** 8n).toString());
  await card.getByLabel("USDC per hour", { exact: true }).fill("0");
  await setTerms.click();
  await confirmed(card, "Set rental terms");
  await until("USDC refused", async () => (await terms.innerText()) === "At least 3 IO per hour (not for rent in USDC)", 30_000);
  assert.equal(await terms.getAttribute("data-min-usdc-per-hour"), "0");

  // The real worker binary heartbeats; five attested epochs make the device active.
  const worker = startWorker(localnet.keeper, keyFile, 1, 77);
  try {
    await until("the device to be active", async () => (await card.locator("[data-field='state']").innerText()) === "Active", 150_000);
    await until("rewards to be credited", async () => BigInt(await card.locator("[data-field='pending']").getAttribute("data-base-units")) > 0n, 60_000);
  } finally {
    await worker.stop();
  }

  // Claim: the wallet's IO grows by exactly what was credited and paid.
  const rpc = new Connection(localnet.rpc, "confirmed");
  const ownerToken = new PublicKey(
    (await rpc.getTokenAccountsByOwner(owner.publicKey, { mint: new PublicKey(localnet.mint) })).value[0].pubkey,
  );
  const balance = async () => BigInt((await rpc.getTokenAccountBalance(ownerToken)).value.amount);
  const before = await balance();
  const shown = BigInt(await card.locator("[data-field='pending']").getAttribute("data-base-units"));
  await card.getByRole("button", { name: /^Claim / }).click();
  const claimLine = await confirmed(card, "Claim");
  const signature = await claimLine.getAttribute("data-signature");
  const fetched = await rpc.getTransaction(signature, { maxSupportedTransactionVersion: 0 });
  const claimed = fetched.meta.innerInstructions
    .flatMap((group) => group.instructions)
    .map((ix) => {
      const data = Buffer.from(decodeBase58(ix.data));
      return stakingCoder.events.decode(data.subarray(8).toString("base64"));
    })
    .find((event) => event?.name === "RewardsClaimed");
  const paid = BigInt(claimed.data.amount.toString());
  assert.ok(paid >= shown, "paid what the page showed, plus any epoch attested meanwhile");
  // The claim went behind a settle built from the keeper's proof, in the same transaction (a
  // no-op when the keeper settled the device from that root already; a bad proof would fail).
  const message = fetched.transaction.message;
  const names = message.compiledInstructions.map((ix) => {
    const data = Buffer.from(ix.data);
    return message.staticAccountKeys[ix.programIdIndex].toBase58() === IO_STAKING_PROGRAM_ID.toBase58()
      ? stakingCoder.instruction.decode(data)?.name
      : "other";
  });
  assert.deepEqual(names.slice(-2), ["settle", "claim_rewards"]);
  assert.equal((await balance()) - before, paid, "the wallet changed by exactly the credited amount");

  // A declined signature: a clear message, nothing sent, the device untouched.
  const signedBefore = control.signed;
  control.rejectNext = true;
  await card.getByRole("button", { name: "Unstake" }).click();
  await card.getByText(/Unstake failed: You declined the request in your wallet\. Nothing was sent\./).waitFor();
  assert.equal(control.signed, signedBefore);
  assert.equal(await card.locator("[data-field='state']").innerText(), "Active");

  // A lost RPC: the stake form keeps its entry, and the message says what happened.
  await card.getByLabel(/Top up stake/).fill("5");
  await page.route(`${localnet.rpc}/**`, (route) => route.abort("connectionrefused"));
  await page.route(localnet.rpc, (route) => route.abort("connectionrefused"));
  await card.getByRole("button", { name: "Stake", exact: true }).click();
  await card.getByText(/Stake failed: The network \(.*\) cannot be reached\. Nothing was sent and your entries are kept/).waitFor();
  assert.equal(await card.getByLabel(/Top up stake/).inputValue(), "5");
  await page.screenshot({ path: join(SHOTS, "supplier-rpc-lost.png"), fullPage: true });
  await page.unroute(`${localnet.rpc}/**`);
  await page.unroute(localnet.rpc);
  await card.getByRole("button", { name: "Stake", exact: true }).click();
  await confirmed(card, "Stake");
  await until("the top-up to show", async () => /^2,005 \//.test(await card.locator("[data-field='stake']").innerText()));

  // Unstake: the 14-day countdown is shown; withdrawing early names the time left.
  await card.getByRole("button", { name: "Unstake" }).click();
  await confirmed(card, "Unstake");
  await until("the countdown", async () => /ends in 1[34] days/.test((await card.locator("[data-field='cooldown']").innerText().catch(() => ""))));
  await page.screenshot({ path: join(SHOTS, "supplier-cooldown.png"), fullPage: true });
  assert.ok(await card.getByRole("button", { name: /^Withdraw / }).isDisabled());

  // Move the chain's clock 14 days on, then withdraw the whole stake.
  await rpcCall(localnet.rpc, "surfnet_timeTravel", [{ seconds: 14 * 86_400 + 60 }]);
  await until("the cooldown to end", async () => /over/.test(await card.locator("[data-field='cooldown']").innerText()), 30_000);
  const beforeWithdraw = await balance();
  await card.getByRole("button", { name: /^Withdraw / }).click();
  await confirmed(card, "Withdraw");
  assert.equal((await balance()) - beforeWithdraw, 2_005n * 10n ** 8n, "the whole stake came back");
  assert.deepEqual(errors, []);
  await context.close();
});

/** A page with its own injected wallet, connected and funded by the local faucet. */
async function supplierPage(context) {
  const { page, errors } = await open(context, "#/supplier");
  const wallet = await injectTestWallet(page);
  await page.reload();
  await page.getByRole("button", { name: /Select Wallet/i }).click();
  await page.getByRole("button", { name: /Test Wallet/ }).click();
  await page.getByRole("heading", { name: "My devices" }).waitFor();
  await page.getByRole("button", { name: /Local faucet/ }).click();
  // The faucet's line says "Funded: …" or why not; anything else after 30 s is reported as is.
  const line = page.locator("[data-faucet-status]");
  await until("the faucet", async () => !/Funding/.test((await line.textContent()) ?? "Funding"), 30_000).catch(
    () => undefined,
  );
  const said = (await line.textContent()) ?? "(no faucet line)";
  if (!said.startsWith("Funded:")) throw new Error(`the faucet said: ${said}`);
  return { page, errors, ...wallet };
}

/**
 * Registers a device (H100 x 1, SIMULATED hash `seed`) and stakes it, through the form, from
 * the consent file `io-worker register --out` writes.
 */
async function registerThroughForm(page, owner, seed) {
  const out = join(localnet.ledger, `consent-${seed}.txt`);
  const { device, keyFile, text } = await deviceConsent(owner.publicKey, seed, { out });
  assert.equal(readFileSync(out, "utf8"), `${text}\n`);
  const form = page.locator("form[aria-labelledby='register-title']");
  await form.getByLabel(/consent file/).setInputFiles(out);
  await until("the consent to be read", async () => (await form.getByLabel(/^Consent/).inputValue()) === text, 10_000);
  assert.equal(await form.locator("[data-field='device-key']").innerText(), device.publicKey.toBase58());
  assert.ok(parseConsent(text).deviceKey.equals(device.publicKey));
  await form.getByRole("button", { name: "Register and stake" }).click();
  await confirmed(form, "Register and stake");
  const card = page.locator(`[data-device='${device.publicKey.toBase58()}']`);
  await card.waitFor({ timeout: 30_000 });
  return { device, keyFile, card };
}

test("co-staking between two wallets, claim-all in one batch, and an appeal", async () => {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await supplierPage(ownerContext);
  const first = await registerThroughForm(owner.page, owner.keypair, 91);
  const second = await registerThroughForm(owner.page, owner.keypair, 92);
  const workers = [startWorker(localnet.keeper, first.keyFile, 1, 91), startWorker(localnet.keeper, second.keyFile, 1, 92)];
  try {
    // The owner offers 100 IO of co-stake for 10% on the first device, cancels, offers again.
    const offer = async () => {
      await first.card.getByLabel("Co-stake wanted").fill("100");
      await first.card.getByLabel(/Co-staker's share/).fill("10");
      await first.card.getByRole("button", { name: "Offer co-staking" }).click();
      await confirmed(first.card, "Create co-staking offer");
    };
    await offer();
    await first.card.getByRole("button", { name: "Cancel offer" }).click();
    await confirmed(first.card, "Cancel co-staking offer");
    await offer();

    // Another wallet accepts it; its 100 IO leave its wallet for the stake vault.
    const coContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const co = await supplierPage(coContext);
    const coWallet = co.page.locator("[data-stat='wallet-io']");
    // The faucet's 10,000 IO must be on screen before the balance is read as the "before".
    await until(
      "the co-staker's funded balance",
      async () => BigInt((await coWallet.getAttribute("data-base-units")) ?? "0") >= 10_000n * 10n ** 8n,
    );
    const coBefore = BigInt(await coWallet.getAttribute("data-base-units"));
    const costaking = co.page.getByRole("region", { name: "Co-staking" });
    await costaking.getByText(/co-stake 100 IO for 10\.00% of its rewards/).waitFor({ timeout: 15_000 });
    await costaking.getByRole("button", { name: "Accept" }).click();
    await confirmed(costaking, "Accept co-staking offer");
    await until(
      "the co-stake to leave the wallet",
      async () => BigInt(await coWallet.getAttribute("data-base-units")) === coBefore - 100n * 10n ** 8n,
    );
    await costaking.getByText(/My co-stake on .*: 100 IO/).waitFor();
    await owner.page.screenshot({ path: join(SHOTS, "supplier-co-staked.png"), fullPage: true });

    // Both devices earn; one claim-all pays both in one transaction.
    for (const { card } of [first, second]) {
      await until(
        "credited rewards",
        async () => BigInt(await card.locator("[data-field='pending']").getAttribute("data-base-units")) > 0n,
        150_000,
      );
    }
    const claimAll = owner.page.getByRole("button", { name: /^Claim all: .* from 2 devices$/ });
    await claimAll.click();
    await owner.page.getByText("Claimed 2 devices in 1 transaction(s).").waitFor({ timeout: 30_000 });

    // The co-staker asks to leave; the wait before withdrawing is shown.
    await costaking.getByRole("button", { name: "Exit" }).click();
    await confirmed(costaking, "Request co-stake exit");
    await costaking.getByText(/withdrawable in \d+ days/).waitFor({ timeout: 15_000 });
    await coContext.close();
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }

  // The slasher opens a case on the second device; its owner appeals from the app.
  const slasher = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(join(localnet.ledger, "slasher.json")))));
  const connection = new Connection(localnet.rpc, "confirmed");
  const provider = new AnchorProvider(connection, new Wallet(slasher), { commitment: "confirmed" });
  const { staking } = programs(provider);
  const addresses = new Addresses(new PublicKey(localnet.mint));
  const pool = await staking.account.rewardPool.fetch(addresses.rewardPool);
  const caseId = BigInt(pool.casesOpened.toString());
  await staking.methods
    .openCase({ amount: new BN(10n ** 8n), reason: { inadequateService: {} }, evidenceHash: Array(32).fill(7) })
    .accountsPartial({
      slasher: slasher.publicKey,
      config: addresses.config,
      rewardPool: addresses.rewardPool,
      device: addresses.device(second.device.publicKey),
      case: addresses.slashCase(caseId),
    })
    .rpc();
  const cases = owner.page.getByRole("region", { name: "Slash cases on my stake" });
  await cases.waitFor({ timeout: 15_000 });
  await cases.getByText(/appeal within 30 days|appeal within 29 days/).waitFor();
  await cases.getByLabel(/Your statement/).fill("The GPU was up; see the attached logs.");
  await cases.getByRole("button", { name: "Appeal" }).click();
  await confirmed(cases, "Appeal");
  const appealed = await staking.account.slashCase.fetch(addresses.slashCase(caseId));
  assert.ok("appealed" in appealed.status, JSON.stringify(appealed.status));
  assert.deepEqual(owner.errors, []);
  await ownerContext.close();
});

test("screenshots of every page, desktop and 375 px", async () => {
  for (const [label, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 375, height: 812 }],
  ]) {
    const context = await browser.newContext({ viewport });
    const { page, errors } = await open(context);
    for (const [name, hash] of PAGES) {
      await page.goto(`${localnet.keeper}/${hash}`);
      await page.locator("main h1").waitFor();
      await page.waitForTimeout(500);
      // Nothing wider than the screen at 375 px: the page scrolls vertically only.
      if (label === "phone") {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name} is ${overflow}px wider than the phone`);
      }
      await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
    }
    // A device page too (one of localnet's own devices).
    await page.goto(`${localnet.keeper}/#/devices`);
    const link = page.locator("[data-testid='devices'] a").first();
    await link.waitFor();
    await link.click();
    await page.getByRole("heading", { name: "Settlements and rewards" }).waitFor();
    await page.screenshot({ path: join(SHOTS, `device-${label}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }
  console.log(`screenshots: ${SHOTS}`);
});

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
function decodeBase58(text) {
  let value = 0n;
  for (const char of text) value = value * 58n + BigInt(ALPHABET.indexOf(char));
  const bytes = [];
  while (value > 0n) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  for (const char of text) {
    if (char !== "1") break;
    bytes.unshift(0);
  }
  return bytes;
}
