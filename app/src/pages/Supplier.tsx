import {
  claimAllBatches,
  CONSENT_TEXT_PREFIX,
  consentProblems,
  hardwareHashHex,
  IO_STAKING_PROGRAM_ID,
  MAX_CLAIM_ALL_DEVICES,
  parseConsent,
  requiredStake,
  type Consent,
} from "@io-network/client";
import { useConnection, useWallet } from "@solana/wallet-adapter-react";
import { LAMPORTS_PER_SOL, PublicKey } from "@solana/web3.js";
import { useState } from "react";
import { describeRentalTerms, isRented, loadDevices, stakeBalance, USDC_DECIMALS, type DeviceView } from "../lib/devices";
import { formatDuration, formatIO, formatMultiplier, parseIO, shortKey } from "../lib/format";
import { settleFirst, toBig, useChainNow, useNetwork, usePoll, type Network } from "../lib/network";
import { humanError, send } from "../lib/tx";
import { TxStatusLine, useTransaction } from "../lib/useTransaction";

async function balances(network: Network, owner: PublicKey) {
  const [lamports, token] = await Promise.all([
    network.connection.getBalance(owner),
    network.connection
      .getTokenAccountBalance(network.builders.ownerToken(owner))
      .then((b) => BigInt(b.value.amount))
      .catch(() => 0n),
  ]);
  return { lamports, io: token };
}

async function rpcCall(url: string, method: string, params: unknown[]) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const answer = await response.json();
  if (answer.error) throw new Error(answer.error.message);
  return answer.result;
}

export function SupplierPage() {
  const network = useNetwork();
  const wallet = useWallet();
  const owner = wallet.publicKey;
  if (!owner) {
    return (
      <section aria-labelledby="supplier-title">
        <h1 id="supplier-title">Supply a GPU</h1>
        <p>Connect a wallet (Phantom, Solflare, Backpack or any Wallet Standard wallet) to register and stake devices.</p>
      </section>
    );
  }
  return <Supplier network={network} owner={owner} />;
}

function Supplier({ network, owner }: { network: Network; owner: PublicKey }) {
  const now = useChainNow();
  const wallet = usePoll(() => balances(network, owner), 3_000, [owner.toBase58()]);
  // A program-account scan is the RPC's heaviest read: every 10 s, and at once after each transaction.
  const devices = usePoll(() => loadDevices(network, { owner: owner.toBase58() }), 10_000, [owner.toBase58()]);
  const refresh = () => (wallet.refresh(), devices.refresh());
  const [faucetMessage, setFaucetMessage] = useState<string>();
  const empty = wallet.data && wallet.data.lamports === 0;

  async function faucet() {
    setFaucetMessage("Funding…");
    try {
      await rpcCall(network.config.rpc, "requestAirdrop", [owner.toBase58(), 2 * LAMPORTS_PER_SOL]);
      await rpcCall(network.config.rpc, "surfnet_setTokenAccount", [
        owner.toBase58(),
        network.mint.toBase58(),
        { amount: (10_000n * 10n ** 8n).toString() },
      ]);
      setFaucetMessage("Funded: 2 SOL and at least 10,000 IO (local chain only).");
      refresh();
    } catch (error) {
      setFaucetMessage(humanError(error, { rpc: network.config.rpc }));
    }
  }

  return (
    <section aria-labelledby="supplier-title">
      <h1 id="supplier-title">My devices</h1>
      <div className="stats">
        <div className="stat" data-stat="wallet-sol">
          <div className="stat-label">SOL</div>
          <div className="stat-value">{wallet.data ? formatIO(BigInt(wallet.data.lamports), 9) : "…"}</div>
        </div>
        <div className="stat" data-stat="wallet-io" data-base-units={wallet.data?.io.toString()}>
          <div className="stat-label">IO in wallet</div>
          <div className="stat-value">{wallet.data ? formatIO(wallet.data.io) : "…"}</div>
        </div>
      </div>
      {wallet.error && <p className="warning" role="status">{wallet.error}</p>}
      {empty && (
        <p className="warning" role="status">
          This wallet holds no SOL, so it cannot pay network fees yet.
          {network.config.cheatcodes ? " On the local chain, use the faucet." : " Add SOL to it first."}
        </p>
      )}
      {network.config.cheatcodes && (
        <p>
          <button type="button" onClick={faucet}>
            Local faucet: 2 SOL and 10,000 IO
          </button>{" "}
          {faucetMessage && (
            <span role="status" data-faucet-status>
              {faucetMessage}
            </span>
          )}
        </p>
      )}
      <ClaimAll network={network} devices={devices.data ?? []} onDone={refresh} />
      {devices.error && <p className="warning" role="status">{devices.error}</p>}
      {devices.data?.length === 0 && <p>No devices yet: register one below.</p>}
      {(devices.data ?? []).map((device) => (
        <DeviceCard key={device.address} network={network} device={device} now={now} onDone={refresh} />
      ))}
      <RegisterForm network={network} owner={owner} now={now} onDone={refresh} />
      <CoStaking network={network} owner={owner} onDone={refresh} />
      <MyCases network={network} owner={owner} now={now} />
    </section>
  );
}

/** A model's name: UTF-8, zero-padded to 32 bytes on chain. */
function modelName(bytes: number[]): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(Uint8Array.from(end === -1 ? bytes : bytes.slice(0, end)));
}

function AmountInput({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} placeholder="IO" />
    </>
  );
}

function parsed(text: string): { amount?: bigint; error?: string } {
  if (!text.trim()) return {};
  try {
    const amount = parseIO(text);
    return amount > 0n ? { amount } : { error: "Enter more than zero" };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const U64_MAX = 2n ** 64n - 1n;

/** A rental floor as typed, in `unit` base units: 0 is allowed (not for rent in that mint). */
function parsedFloor(text: string, decimals: number, unit: string): { amount?: bigint; error?: string } {
  if (!text.trim()) return {};
  try {
    const amount = parseIO(text, decimals, unit);
    return amount <= U64_MAX ? { amount } : { error: `That is more ${unit} than the program can record` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Base units as the floor's input shows them, without thousands separators. */
const floorText = (amount: bigint, decimals?: number) => formatIO(amount, decimals).replace(/,/g, "");

function DeviceCard({ network, device, now, onDone }: { network: Network; device: DeviceView; now?: number; onDone: () => void }) {
  const wallet = useWallet();
  const tx = useTransaction(onDone);
  const [stakeText, setStakeText] = useState("");
  const [overflowText, setOverflowText] = useState("");
  const [offerAmount, setOfferAmount] = useState("");
  const [offerShare, setOfferShare] = useState("");
  const [usdcFloorText, setUsdcFloorText] = useState(() => floorText(device.minUsdcPerHour, USDC_DECIMALS));
  const [ioFloorText, setIoFloorText] = useState(() => floorText(device.minIoPerHour));
  const owner = wallet.publicKey!;
  const key = new PublicKey(device.deviceKey);
  const address = new PublicKey(device.address);
  const stake = parsed(stakeText);
  const overflow = parsed(overflowText);
  const offer = parsed(offerAmount);
  const usdcFloor = parsedFloor(usdcFloorText, USDC_DECIMALS, "USDC");
  const ioFloor = parsedFloor(ioFloorText, 8, "IO");
  const termsChanged =
    usdcFloor.amount !== undefined &&
    ioFloor.amount !== undefined &&
    (usdcFloor.amount !== device.minUsdcPerHour || ioFloor.amount !== device.minIoPerHour);
  const floorError = usdcFloor.error ?? ioFloor.error;
  // Counted as the program counts it: the co-stake helps cover the requirement.
  const { shortfall, overflow: above } = stakeBalance(device, now);
  const unstaking = device.status === "Unstaking";
  const unlocked = unstaking && now !== undefined && device.unlocksAt !== undefined && now >= device.unlocksAt;
  const context = { now, unlocksAt: device.unlocksAt };
  const rented = isRented(device, now);
  const shareBps = Math.round(Number(offerShare) * 100);
  return (
    <article className="card" data-device={device.deviceKey} aria-label={`Device ${device.deviceKey}`}>
      <h2>
        <a href={`#/device/${device.deviceKey}`}>Device {shortKey(device.deviceKey)}</a>{" "}
        <span className={`badge ${device.active ? "badge-active" : ""}`} data-field="state">
          {device.status === "Staking" ? (device.active ? "Active" : "Staking") : device.status}
        </span>
      </h2>
      <dl className="facts">
        <dt>GPUs</dt>
        <dd>
          {device.gpuCount} × {formatMultiplier(device.multiplierCenti)} ({device.rewardClass})
        </dd>
        <dt>Stake / required</dt>
        <dd data-field="stake">
          {formatIO(device.stake)} / {formatIO(device.required)} IO
        </dd>
        <dt>Streak</dt>
        <dd data-field="streak">{device.streak}</dd>
        <dt>Unclaimed</dt>
        <dd data-field="pending" data-base-units={device.pendingRewards.toString()}>
          {formatIO(device.pendingRewards)} IO
        </dd>
        <dt>Rental terms</dt>
        <dd
          data-field="rental-terms"
          data-min-usdc-per-hour={device.minUsdcPerHour.toString()}
          data-min-io-per-hour={device.minIoPerHour.toString()}
        >
          {describeRentalTerms(device)}
        </dd>
        {rented && (
          <>
            <dt>Rented</dt>
            <dd data-field="rented">for {formatDuration(device.rentedUntil - now!)} more: no unstake before</dd>
          </>
        )}
        {unstaking && device.unlocksAt !== undefined && (
          <>
            <dt>Cooldown</dt>
            <dd data-field="cooldown">
              {now === undefined ? "…" : unlocked ? "over: withdraw now" : `ends in ${formatDuration(device.unlocksAt - now)}`}
            </dd>
          </>
        )}
      </dl>
      {device.status === "Staking" && (
        <div className="actions">
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (stake.amount)
                tx.run("Stake", async () => ({ instructions: [await network.builders.stake(owner, key, stake.amount!)] })).then(
                  (ok) => ok && setStakeText(""),
                );
            }}
          >
            <AmountInput id={`stake-${device.deviceKey}`} label={shortfall > 0n ? `Stake (${formatIO(shortfall)} IO missing)` : "Top up stake"} value={stakeText} onChange={setStakeText} />
            <button type="submit" disabled={tx.busy || !stake.amount}>
              Stake
            </button>
            {shortfall > 0n && (
              <button type="button" onClick={() => setStakeText(formatIO(shortfall).replace(/,/g, ""))}>
                Fill the shortfall
              </button>
            )}
            {stake.error && <span className="warning">{stake.error}</span>}
          </form>
          {above > 0n && (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (overflow.amount)
                  tx.run("Withdraw overflow", async () => ({
                    instructions: [await network.builders.withdrawOverflow(owner, key, overflow.amount!)],
                  })).then((ok) => ok && setOverflowText(""));
              }}
            >
              <AmountInput id={`overflow-${device.deviceKey}`} label={`Withdraw overflow (up to ${formatIO(above)} IO)`} value={overflowText} onChange={setOverflowText} />
              <button type="submit" disabled={tx.busy || !overflow.amount}>
                Withdraw overflow
              </button>
            </form>
          )}
          <div className="row">
            <button
              type="button"
              disabled={tx.busy || device.pendingRewards === 0n}
              onClick={() => tx.run("Claim", async () => ({ instructions: [...(await settleFirst(network, key)), await network.builders.claimRewards(owner, key)] }))}
            >
              Claim {formatIO(device.pendingRewards)} IO
            </button>
            <button
              type="button"
              className="danger"
              disabled={tx.busy || device.stake === 0n || rented}
              onClick={() => {
                if (window.confirm("Unstake? The stake stays locked for the 14-day cooldown and the device stops earning."))
                  tx.run("Unstake", async () => ({ instructions: [await network.builders.requestUnstake(owner, key)] }));
              }}
            >
              Unstake
            </button>
          </div>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (termsChanged)
                tx.run("Set rental terms", async () => ({
                  instructions: [await network.builders.setRentalTerms(owner, key, usdcFloor.amount!, ioFloor.amount!)],
                }));
            }}
          >
            <span id={`terms-hint-${device.deviceKey}`}>Rent for at least (0 = not for rent):</span>
            <label htmlFor={`usdc-floor-${device.deviceKey}`}>USDC per hour</label>
            <input
              id={`usdc-floor-${device.deviceKey}`}
              inputMode="decimal"
              value={usdcFloorText}
              onChange={(e) => setUsdcFloorText(e.target.value)}
              placeholder="USDC"
              aria-describedby={`terms-hint-${device.deviceKey}`}
              aria-invalid={usdcFloor.error ? true : undefined}
            />
            <label htmlFor={`io-floor-${device.deviceKey}`}>IO per hour</label>
            <input
              id={`io-floor-${device.deviceKey}`}
              inputMode="decimal"
              value={ioFloorText}
              onChange={(e) => setIoFloorText(e.target.value)}
              placeholder="IO"
              aria-describedby={`terms-hint-${device.deviceKey}`}
              aria-invalid={ioFloor.error ? true : undefined}
            />
            <button type="submit" disabled={tx.busy || !termsChanged}>
              Set rental terms
            </button>
            {floorError && <span className="warning">{floorError}</span>}
          </form>
          {!device.hasCoStakeOffer && device.coStake === 0n ? (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (offer.amount && shareBps > 0)
                  tx.run("Create co-staking offer", async () => ({
                    instructions: [await network.builders.createCoStakeOffer(owner, key, offer.amount!, shareBps)],
                  }));
              }}
            >
              <AmountInput id={`offer-${device.deviceKey}`} label="Co-stake wanted" value={offerAmount} onChange={setOfferAmount} />
              <label htmlFor={`share-${device.deviceKey}`}>Co-staker's share (%)</label>
              <input id={`share-${device.deviceKey}`} inputMode="decimal" value={offerShare} onChange={(e) => setOfferShare(e.target.value)} />
              <button type="submit" disabled={tx.busy || !offer.amount || !(shareBps > 0 && shareBps <= 10_000)}>
                Offer co-staking
              </button>
            </form>
          ) : device.coStake === 0n ? (
            <div className="row">
              <span>A co-staking offer is open.</span>
              <button
                type="button"
                disabled={tx.busy}
                onClick={() => tx.run("Cancel co-staking offer", async () => ({ instructions: [await network.builders.cancelCoStakeOffer(owner, address)] }))}
              >
                Cancel offer
              </button>
            </div>
          ) : (
            <p>Co-staked by {shortKey(device.coStaker)}: {formatIO(device.coStake)} IO.</p>
          )}
        </div>
      )}
      {unstaking && (
        <div className="row">
          <button
            type="button"
            disabled={tx.busy || !unlocked}
            onClick={() => tx.run("Withdraw", async () => ({ instructions: [await network.builders.withdraw(owner, key)] }), context)}
          >
            Withdraw {formatIO(device.stake)} IO
          </button>
          {device.pendingRewards > 0n && (
            <button
              type="button"
              disabled={tx.busy}
              onClick={() => tx.run("Claim", async () => ({ instructions: [...(await settleFirst(network, key)), await network.builders.claimRewards(owner, key)] }))}
            >
              Claim {formatIO(device.pendingRewards)} IO
            </button>
          )}
        </div>
      )}
      <TxStatusLine status={tx.status} />
    </article>
  );
}

function ClaimAll({ network, devices, onDone }: { network: Network; devices: DeviceView[]; onDone: () => void }) {
  const wallet = useWallet();
  const { connection } = useConnection();
  const [progress, setProgress] = useState<string>();
  const [busy, setBusy] = useState(false);
  const claimable = devices.filter((d) => d.pendingRewards > 0n);
  const total = claimable.reduce((sum, d) => sum + d.pendingRewards, 0n);
  // The outcome of the last run stays on screen even once nothing is left to claim.
  if (claimable.length < 2 && !progress) return null;
  async function claimAll() {
    if (busy || !wallet.publicKey || !wallet.signTransaction) return;
    setBusy(true);
    const batches = claimAllBatches(claimable.map((d) => new PublicKey(d.address)), MAX_CLAIM_ALL_DEVICES);
    let sent: string | undefined;
    try {
      for (const [i, batch] of batches.entries()) {
        setProgress(`Batch ${i + 1} of ${batches.length}: waiting for your wallet…`);
        sent = undefined;
        const instruction = await network.builders.claimAll(wallet.publicKey, batch);
        const signer = { publicKey: wallet.publicKey, signTransaction: wallet.signTransaction };
        await send(connection, signer, [instruction], (signature) => (sent = signature));
        setProgress(`Batch ${i + 1} of ${batches.length} confirmed.`);
      }
      setProgress(`Claimed ${claimable.length} devices in ${batches.length} transaction(s).`);
    } catch (error) {
      const why = humanError(error, { rpc: network.config.rpc, signature: sent });
      setProgress(`Claim all stopped: ${why} Confirmed batches stay claimed.`);
    } finally {
      setBusy(false);
      onDone();
    }
  }
  return (
    <div className="row">
      {claimable.length >= 2 && (
        <button type="button" disabled={busy} onClick={claimAll}>
          Claim all: {formatIO(total)} IO from {claimable.length} devices
        </button>
      )}
      {progress && <span role="status">{progress}</span>}
    </div>
  );
}

/** The consent pasted or read from its file: parsed, or why not. */
function readConsent(text: string): { consent?: Consent; error?: string } {
  if (!text.trim()) return {};
  try {
    return { consent: parseConsent(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function RegisterForm({ network, owner, now, onDone }: { network: Network; owner: PublicKey; now?: number; onDone: () => void }) {
  const tx = useTransaction(onDone);
  // Governance may add a model or change the base stake while the page is open.
  const models = usePoll(() => network.staking.account.gpuModel.all(), 30_000, [network]);
  const config = usePoll(() => network.staking.account.stakingConfig.fetch(network.addresses.config), 30_000, [network]);
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string>();
  const [commandModel, setCommandModel] = useState<number>();
  const [stakeNow, setStakeNow] = useState(true);
  const sorted = [...(models.data ?? [])].sort((a, b) => a.account.modelId - b.account.modelId);
  const { consent, error: consentError } = readConsent(text);
  const model = consent && sorted.find((m) => m.account.modelId === consent.modelId)?.account;
  // The chain's clock where the page has read it (the local chain runs faster than the wall).
  const clock = now ?? Math.floor(Date.now() / 1000);
  const problems = consent
    ? consentProblems(consent, { programId: IO_STAKING_PROGRAM_ID, config: network.addresses.config, owner, now: clock })
    : [];
  const unknownModel = consent && models.data && !model;
  const required =
    consent && model && config.data
      ? requiredStake(toBig(config.data.params.baseStakePerGpu), consent.gpuCount, model.multiplierCenti)
      : undefined;
  const ready = consent && model && problems.length === 0 && (!stakeNow || required !== undefined);
  const command = [
    "io-worker register",
    `--owner ${owner.toBase58()}`,
    `--config ${network.addresses.config.toBase58()}`,
    `--model-id ${commandModel ?? "<MODEL_ID>"}`,
    "--device-keypair device.json",
  ].join(" ");

  async function readConsentFile(file: File | undefined) {
    setFileError(undefined);
    if (!file) return;
    try {
      const content = await file.text();
      // Either the --out file (the consent line alone) or the whole printout.
      const line = content.split(/\r?\n/).find((l) => l.trim().startsWith(CONSENT_TEXT_PREFIX));
      if (!line) throw new Error();
      setText(line.trim());
    } catch {
      setFileError(`That file holds no consent line (one starting ${CONSENT_TEXT_PREFIX}).`);
    }
  }

  return (
    <form
      className="card"
      aria-labelledby="register-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!consent || !ready) return;
        tx.run(stakeNow ? "Register and stake" : "Register", async () => {
          const instructions = await network.builders.registerDevice(owner, consent);
          if (stakeNow && required !== undefined) {
            instructions.push(await network.builders.stake(owner, consent.deviceKey, required));
          }
          return { instructions };
        }).then((ok) => ok && setText(""));
      }}
    >
      <h2 id="register-title">Register a device</h2>
      <p>
        On the GPU machine, run this command: the worker reads its GPUs and signs, with its device key, its consent to be
        registered by this wallet. The key never leaves that machine; here, only your wallet signs.
      </p>
      <div className="grid">
        <label htmlFor="command-model">GPU model (for the command)</label>
        <select id="command-model" value={commandModel ?? ""} onChange={(e) => setCommandModel(e.target.value === "" ? undefined : Number(e.target.value))}>
          <option value="">Choose…</option>
          {sorted.map(({ account }) => (
            <option key={account.modelId} value={account.modelId}>
              {modelName(account.name)} ({formatMultiplier(account.multiplierCenti)}), id {account.modelId}
            </option>
          ))}
        </select>
        <label htmlFor="register-command">Command to run on the GPU machine</label>
        <div className="row">
          <output id="register-command" className="mono" data-field="register-command">
            {command}
          </output>
          <button type="button" onClick={() => navigator.clipboard?.writeText(command).catch(() => undefined)}>
            Copy
          </button>
        </div>
        <label htmlFor="consent-text">Consent (the line io-worker register prints, starting {CONSENT_TEXT_PREFIX})</label>
        <textarea
          id="consent-text"
          className="mono"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={consentError ? true : undefined}
          aria-describedby={consentError ? "consent-error" : undefined}
        />
        <label htmlFor="consent-file">Or the consent file (io-worker register --out)</label>
        <input id="consent-file" type="file" accept=".txt,text/plain" onChange={(e) => readConsentFile(e.target.files?.[0])} />
        <label htmlFor="stake-now">Stake the requirement in the same transaction</label>
        <input id="stake-now" type="checkbox" checked={stakeNow} onChange={(e) => setStakeNow(e.target.checked)} />
      </div>
      {fileError && <p className="warning" role="status">{fileError}</p>}
      {consentError && (
        <p className="warning" role="status" id="consent-error">
          This is not a consent: {consentError}.
        </p>
      )}
      {consent && (
        <dl className="facts" data-consent>
          <dt>Device key</dt>
          <dd className="mono" data-field="device-key">{consent.deviceKey.toBase58()}</dd>
          <dt>Model</dt>
          <dd data-field="model">
            {model ? `${modelName(model.name)} (${formatMultiplier(model.multiplierCenti)})` : `id ${consent.modelId}`}
          </dd>
          <dt>GPUs</dt>
          <dd data-field="gpu-count">{consent.gpuCount}</dd>
          <dt>Hardware hash</dt>
          <dd className="mono" data-field="hardware-hash">{hardwareHashHex(consent)}</dd>
          <dt>Expires</dt>
          <dd data-field="expires">
            {new Date(Number(consent.expiresAt) * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")}
            {Number(consent.expiresAt) > clock && ` (in ${formatDuration(Number(consent.expiresAt) - clock)}${now === undefined ? "" : " of chain time"})`}
          </dd>
        </dl>
      )}
      {problems.length > 0 && (
        <div className="warning" role="alert" data-consent-problems>
          {problems.map((p) => (
            <p key={p.problem} data-problem={p.problem}>
              {p.message}{" "}
              {p.problem === "wrongOwner"
                ? "Connect that wallet, or run the command again with this wallet as --owner."
                : p.problem === "expired"
                  ? "Run the command again for a fresh one."
                  : "Run the command again with the config shown above."}
            </p>
          ))}
        </div>
      )}
      {consent && unknownModel && (
        <p className="warning" role="alert">
          GPU model id {consent.modelId} is not in this deployment's catalog: run the command again with one listed above.
        </p>
      )}
      {(models.error || config.error) && (
        <p className="warning" role="status">
          The GPU models or the staking parameters cannot be read: {models.error ?? config.error}
        </p>
      )}
      <p data-field="required-stake" data-base-units={required?.toString()}>
        Required stake: {required === undefined ? "paste a consent" : `${formatIO(required)} IO`}
      </p>
      <button type="submit" disabled={tx.busy || !ready}>
        {stakeNow ? "Register and stake" : "Register"}
      </button>
      <TxStatusLine status={tx.status} />
    </form>
  );
}

function CoStaking({ network, owner, onDone }: { network: Network; owner: PublicKey; onDone: () => void }) {
  const tx = useTransaction(onDone);
  const offers = usePoll(() => network.staking.account.coStakeOffer.all(), 10_000, [network]);
  const now = useChainNow();
  const mine = owner.toBase58();
  const open = (offers.data ?? []).filter((o) => "open" in o.account.status && o.account.owner.toBase58() !== mine);
  const held = (offers.data ?? []).filter((o) => o.account.coStaker.toBase58() === mine);
  return (
    <section className="card" aria-labelledby="costake-title">
      <h2 id="costake-title">Co-staking</h2>
      {open.length === 0 && held.length === 0 && <p>No open offers from other suppliers.</p>}
      {open.map(({ publicKey, account }) => (
        <div className="row" key={publicKey.toBase58()}>
          <span>
            Device {shortKey(account.device.toBase58())}: co-stake {formatIO(toBig(account.amount))} IO for{" "}
            {(account.shareBps / 100).toFixed(2)}% of its rewards
          </span>
          <button
            type="button"
            disabled={tx.busy}
            onClick={() =>
              tx.run("Accept co-staking offer", async () => ({
                instructions: [await network.builders.acceptCoStakeOffer(owner, account.device, toBig(account.amount), account.shareBps)],
              }))
            }
          >
            Accept
          </button>
        </div>
      ))}
      {held.map(({ publicKey, account }) => {
        const exiting = "exiting" in account.status;
        const unlocks = Number(account.unlocksAt.toString());
        return (
          <div className="row" key={publicKey.toBase58()}>
            <span>
              My co-stake on {shortKey(account.device.toBase58())}: {formatIO(toBig(account.amount))} IO
              {exiting && now !== undefined && (unlocks > now ? `, withdrawable in ${formatDuration(unlocks - now)}` : ", withdrawable now")}
            </span>
            <button
              type="button"
              disabled={tx.busy}
              onClick={() => tx.run("Claim co-stake rewards", async () => ({ instructions: [await network.builders.claimCoStakeRewards(owner, account.device)] }))}
            >
              Claim rewards
            </button>
            {!exiting ? (
              <button
                type="button"
                disabled={tx.busy}
                onClick={() => tx.run("Request co-stake exit", async () => ({ instructions: [await network.builders.requestCoStakeExit(owner, account.device)] }))}
              >
                Exit
              </button>
            ) : (
              <button
                type="button"
                disabled={tx.busy || now === undefined || unlocks > now}
                onClick={() =>
                  tx.run("Withdraw co-stake", async () => ({
                    instructions: [await network.builders.withdrawCoStake(owner, account.device, account.owner, owner)],
                  }))
                }
              >
                Withdraw co-stake
              </button>
            )}
          </div>
        );
      })}
      <TxStatusLine status={tx.status} />
    </section>
  );
}

function MyCases({ network, owner, now }: { network: Network; owner: PublicKey; now?: number }) {
  // A co-staker is slashed with the device, so it may appeal too.
  const cases = usePoll(
    async () =>
      (await network.staking.account.slashCase.all()).filter(
        (c) => c.account.owner.equals(owner) || c.account.coStaker.equals(owner),
      ),
    10_000,
    [owner.toBase58()],
  );
  if (!cases.data || cases.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="cases-title">
      <h2 id="cases-title">Slash cases on my stake</h2>
      {cases.data.map(({ publicKey, account }) => (
        <CaseRow key={publicKey.toBase58()} network={network} owner={owner} now={now} address={publicKey} account={account} />
      ))}
    </section>
  );
}

type SlashCaseAccount = Awaited<ReturnType<Network["staking"]["account"]["slashCase"]["all"]>>[number]["account"];

/** One case, with its own statement and transaction line, so two open cases never share a draft. */
function CaseRow({
  network,
  owner,
  now,
  address,
  account,
}: {
  network: Network;
  owner: PublicKey;
  now?: number;
  address: PublicKey;
  account: SlashCaseAccount;
}) {
  const tx = useTransaction();
  const [statement, setStatement] = useState("");
  const deadline = Number(account.appealDeadline.toString());
  const canAppeal = "open" in account.status && now !== undefined && now < deadline;
  const role = account.owner.equals(owner) ? "my device" : "my co-stake";
  return (
    <form
      className="row"
      data-case={account.caseId.toString()}
      onSubmit={(e) => {
        e.preventDefault();
        tx.run("Appeal", async () => {
          const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(statement)));
          return { instructions: [await network.builders.appealCase(owner, account.device, address, digest)] };
        });
      }}
    >
      <span>
        Case {account.caseId.toString()} ({role}): {formatIO(toBig(account.amount))} IO, {Object.keys(account.status)[0]}
        {canAppeal && `, appeal within ${formatDuration(deadline - now!)}`}
      </span>
      {canAppeal && (
        <>
          <label htmlFor={`statement-${address.toBase58()}`}>Your statement (its SHA-256 goes on chain)</label>
          <input id={`statement-${address.toBase58()}`} value={statement} onChange={(e) => setStatement(e.target.value)} />
          <button type="submit" disabled={tx.busy || !statement.trim()}>
            Appeal
          </button>
        </>
      )}
      <TxStatusLine status={tx.status} />
    </form>
  );
}
