import { LAST_EPOCH } from "@io-network/client";
import { PublicKey } from "@solana/web3.js";
import { useMemo, useState } from "react";
import { LineChart } from "../lib/Chart";
import { loadDevice, loadDevices, isPublicKey, baseStake, type DeviceView } from "../lib/devices";
import { formatDuration, formatIO, formatMultiplier, formatTime, shortKey } from "../lib/format";
import { api, toBig, useChainNow, useNetwork, usePoll } from "../lib/network";
import { buybackBudget, burnShareBps, parsePriceUpdate, priceE8 } from "../lib/payments";
import { CAP_BASE_UNITS, scheduledThrough } from "../lib/scheduleData";
import { ballotSummary, type EpochBallotFields } from "../lib/ballot";
import { Stat, TableHead } from "../lib/ui";

interface EpochRow extends EpochBallotFields {
  epoch: number;
  minted?: string;
  emission?: string;
  active_devices?: number;
  enterprise?: { emission: string; total_weight: string; active_devices: number };
  community?: { emission: string; total_weight: string; active_devices: number };
  attested_devices: number;
  credited: string;
  closed_at?: number;
}

interface HistoryRow {
  /** The indexer's position for this row: unique, and the `before` cursor for the next page. */
  seq: number;
  kind: string;
  epoch?: number;
  time: number;
  signature: string;
  amount: string;
  forfeited: string;
  streak?: number;
  active?: boolean;
}

export function NetworkPage() {
  const network = useNetwork();
  const now = useChainNow();
  const state = usePoll(
    async () => {
      const [emission, pool] = await Promise.all([
        network.emission.account.emissionState.fetch(network.addresses.emissionState),
        network.staking.account.rewardPool.fetch(network.addresses.rewardPool),
      ]);
      return { emission, pool };
    },
    3_000,
    [network],
  );
  const genesis = network.config.genesis_timestamp;
  const epochNow = now === undefined ? undefined : Math.min(LAST_EPOCH, Math.max(0, Math.floor((now - genesis) / 3_600) + 1));
  const lastEnded = epochNow === undefined ? 0 : Math.max(0, epochNow - 1);
  const scheduled = useMemo(() => scheduledThrough(lastEnded), [lastEnded]);
  const data = state.data;
  const minted = data ? toBig(data.emission.cumulativeMinted) : undefined;
  return (
    <section aria-labelledby="network-title">
      <h1 id="network-title">Network now</h1>
      {state.error && <p className="warning" role="status">{state.error}</p>}
      <div className="stats">
        <Stat id="epoch" label="Epoch" value={epochNow === undefined ? "…" : epochNow.toLocaleString("en-US")} />
        <Stat
          id="next-epoch"
          label="Next epoch in"
          value={epochNow === undefined || now === undefined ? "…" : formatDuration(genesis + epochNow * 3_600 - now)}
        />
        <Stat id="minted" label="Minted" value={minted === undefined ? "…" : `${formatIO(minted)} IO`} />
        <Stat id="scheduled" label={`Schedule through epoch ${lastEnded}`} value={`${formatIO(scheduled)} IO`} />
        <Stat id="cap-left" label="Cap left" value={minted === undefined ? "…" : `${formatIO(CAP_BASE_UNITS - minted)} IO`} />
        <Stat id="burned" label="Burned (upheld slashes)" value={data ? `${formatIO(toBig(data.pool.totalBurned))} IO` : "…"} />
        <Stat id="staked" label="Staked" value={data ? `${formatIO(toBig(data.pool.totalStaked))} IO` : "…"} />
        <Stat id="active" label="Active devices" value={data ? `${data.pool.activeDevices} of ${data.pool.registeredDevices}` : "…"} />
      </div>
      <h2>Reward classes</h2>
      <table>
        <TableHead columns={["Class", "Active devices", "Weight", "Emitted to the class"]} />
        <tbody>
          {data &&
            (["Enterprise", "Community"] as const).map((name, i) => (
              <tr key={name} data-class={name}>
                <td>{name}</td>
                <td>{data.pool.classes[i].activeDevices}</td>
                <td>{data.pool.classes[i].totalWeight.toString()}</td>
                <td>{formatIO(toBig(data.pool.classes[i].emitted))} IO</td>
              </tr>
            ))}
        </tbody>
      </table>
      <FeesAndBurns />
      <RecentEpochs limit={10} />
    </section>
  );
}

/** io-payments: what renters paid, the fees, and the fees that bought IO back to burn it. */
function FeesAndBurns() {
  const network = useNetwork();
  const now = useChainNow();
  const payments = usePoll(
    async () => {
      const config = await network.payments.account.paymentsConfig.fetchNullable(network.addresses.paymentsConfig);
      const feed = network.config.payments?.price_update;
      const priceAccount = feed ? await network.connection.getAccountInfo(new PublicKey(feed)) : null;
      return { config, price: priceAccount ? parsePriceUpdate(priceAccount.data) : undefined };
    },
    5_000,
    [network],
  );
  const config = payments.data?.config;
  if (payments.data && !config) {
    return (
      <>
        <h2>Fees and burns</h2>
        <p>io-payments is not set up on this network.</p>
      </>
    );
  }
  const usdc = (value: { toString(): string }) => `${formatIO(toBig(value), 6)} USDC`;
  const price = payments.data?.price;
  const curve = config
    ? config.params.curve
        .slice(0, config.params.curveLen)
        .map((point: { priceE8: { toString(): string }; shareBps: number }) => ({
          priceE8: toBig(point.priceE8),
          shareBps: point.shareBps,
        }))
    : [];
  const share = price && curve.length ? burnShareBps(curve, priceE8(price)) : undefined;
  const budget =
    config && share !== undefined ? buybackBudget(toBig(config.usdc.fees), share, toBig(config.usdcBoughtBack)) : undefined;
  return (
    <section aria-labelledby="fees-title">
      <h2 id="fees-title">Fees and burns</h2>
      <p>
        Compute is paid by the hour in USDC (0.25% reservation fee from each side, 2% facilitation fee) or in IO (no
        fees). A share of the USDC fees, set by IO&apos;s price, buys IO back; the IO is burned.
      </p>
      {payments.error && <p className="warning" role="status">{payments.error}</p>}
      <div className="stats">
        <Stat id="reservations" label="Reservations" value={config ? config.nextReservationId.toString() : "…"} />
        <Stat id="usdc-paid" label="Paid to suppliers (USDC)" value={config ? usdc(config.usdc.paid) : "…"} />
        <Stat id="usdc-fees" label="Fees (USDC)" value={config ? usdc(config.usdc.fees) : "…"} />
        <Stat id="io-paid" label="Paid to suppliers (IO)" value={config ? `${formatIO(toBig(config.io.paid))} IO` : "…"} />
        <Stat id="bought-back" label="Fees spent on buy-backs" value={config ? usdc(config.usdcBoughtBack) : "…"} />
        <Stat id="io-burned" label="IO bought back and burned" value={config ? `${formatIO(toBig(config.ioBurned))} IO` : "…"} />
        <Stat
          id="io-price"
          label="IO price (oracle)"
          value={
            price
              ? `${formatIO(priceE8(price), 8)} USD${now !== undefined ? `, ${formatDuration(Math.max(0, now - price.publishTime))} old` : ""}`
              : "…"
          }
        />
        <Stat
          id="buyback-share"
          label="Buy-back share at this price"
          value={share === undefined ? "…" : `${share / 100}% of fees · ${budget === undefined ? "…" : usdc(budget)} left to spend`}
        />
      </div>
    </section>
  );
}

export function RecentEpochs({ limit = 50 }: { limit?: number }) {
  const epochs = usePoll(() => api<EpochRow[]>(`/v1/epochs?limit=${limit}`), 3_000, [limit]);
  return (
    <>
      <h2>Recent epochs</h2>
      <p>
        <a href="/v1/epochs?format=csv&limit=5000" download>
          Download epochs (CSV)
        </a>
      </p>
      {epochs.error && <p className="warning" role="status">{epochs.error}</p>}
      <div className="scroll">
        <table data-testid="epochs">
          <TableHead columns={["Epoch", "Minted (IO)", "Active devices", "Ballot", "Settled", "Credited (IO)", "Closed"]} />
          <tbody>
            {(epochs.data ?? []).map((row) => (
              <tr key={row.epoch} data-epoch={row.epoch}>
                <td>{row.epoch}</td>
                <td>{row.minted ? formatIO(BigInt(row.minted)) : "–"}</td>
                <td>{row.active_devices ?? "–"}</td>
                <td data-field="ballot" title={row.root ?? undefined}>
                  {ballotSummary(row)}
                </td>
                <td>{row.attested_devices}</td>
                <td>{formatIO(BigInt(row.credited))}</td>
                <td>{row.closed_at ? formatTime(row.closed_at) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function EpochsPage() {
  return (
    <section aria-labelledby="epochs-title">
      <h1 id="epochs-title">Epochs</h1>
      <RecentEpochs limit={200} />
    </section>
  );
}

export function DeviceTable({ devices }: { devices: DeviceView[] }) {
  return (
    <div className="scroll">
      <table data-testid="devices">
        <TableHead columns={["Device key", "Owner", "GPUs", "Class", "Stake / required (IO)", "State", "Streak"]} />
        <tbody>
          {devices.map((d) => (
            <tr key={d.address}>
              <td>
                <a href={`#/device/${d.deviceKey}`}>{shortKey(d.deviceKey)}</a>
              </td>
              <td title={d.owner}>{shortKey(d.owner)}</td>
              <td>
                {d.gpuCount} × {formatMultiplier(d.multiplierCenti)}
              </td>
              <td>{d.rewardClass}</td>
              <td>
                {formatIO(d.stake)} / {formatIO(d.required)}
              </td>
              <td>{d.status === "Staking" ? (d.active ? "Active" : "Staking") : d.status}</td>
              <td>{d.streak}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DevicesPage() {
  const network = useNetwork();
  const [query, setQuery] = useState("");
  const [applied, setApplied] = useState("");
  const devices = usePoll(
    async () => {
      if (!applied) return loadDevices(network);
      const [byOwner, byKey] = await Promise.all([
        loadDevices(network, { owner: applied }),
        loadDevices(network, { deviceKey: applied }),
      ]);
      return [...byOwner, ...byKey];
    },
    10_000,
    [network, applied],
  );
  const invalid = query.trim() !== "" && !isPublicKey(query.trim());
  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">Devices</h1>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) setApplied(query.trim());
        }}
      >
        <label htmlFor="device-search">Owner wallet or device key</label>
        <input id="device-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="base58 key" />
        <button type="submit" disabled={invalid}>
          Search
        </button>
        {applied && (
          <button type="button" onClick={() => (setQuery(""), setApplied(""))}>
            Show all
          </button>
        )}
      </form>
      {invalid && <p className="warning">That is not a valid public key.</p>}
      {devices.error && <p className="warning" role="status">{devices.error}</p>}
      {devices.data && <p>{devices.data.length} devices</p>}
      <DeviceTable devices={devices.data ?? []} />
    </section>
  );
}

export function DevicePage({ deviceKey }: { deviceKey: string }) {
  const network = useNetwork();
  const now = useChainNow();
  const device = usePoll(() => loadDevice(network, deviceKey), 3_000, [network, deviceKey]);
  const params = usePoll(() => baseStake(network), 0, [network]);
  const historyPath = `/v1/devices/${encodeURIComponent(deviceKey)}/history`;
  // The indexer answers newest first: the latest 500 events cover about three weeks of hourly epochs.
  const history = usePoll(() => api<HistoryRow[]>(`${historyPath}?limit=500`), 5_000, [historyPath]);
  // One "settled" row per settle, under the epoch of the root it settled against.
  const attested = useMemo(
    () => (history.data ?? []).filter((row) => row.kind === "settled").reverse(),
    [history.data],
  );
  const chart = useMemo(
    () => ({
      x: attested.map((row) => row.epoch ?? 0),
      series: [
        {
          label: "Credited (IO)",
          color: "#17a673",
          values: attested.map((row) => Number(BigInt(row.amount) / 1_000n) / 100_000),
          exact: attested.map((row) => formatIO(BigInt(row.amount))),
        },
        { label: "Streak", color: "#2f6fde", values: attested.map((row) => row.streak ?? 0) },
      ],
    }),
    [attested],
  );
  if (!isPublicKey(deviceKey)) return <p className="warning">“{deviceKey}” is not a device key.</p>;
  const d = device.data;
  return (
    <section aria-labelledby="device-title">
      <h1 id="device-title">Device {shortKey(deviceKey)}</h1>
      <p className="mono">{deviceKey}</p>
      {device.error && <p className="warning" role="status">{device.error}</p>}
      {!device.loading && !d && <p>No device is registered with this key.</p>}
      {d && (
        <div className="stats">
          <Stat id="state" label="State" value={d.status === "Staking" ? (d.active ? "Active" : "Staking, not active yet") : d.status} />
          <Stat id="stake" label="Stake / required" value={`${formatIO(d.stake)} / ${formatIO(d.required)} IO`} />
          <Stat
            id="streak"
            label="Uptime streak"
            value={params.data ? `${d.streak} (active from ${params.data.nominationStreak})` : d.streak}
          />
          <Stat id="pending" label="Unclaimed rewards" value={`${formatIO(d.pendingRewards)} IO`} />
          <Stat id="credited" label="Credited, ever" value={`${formatIO(d.totalCredited)} IO`} />
          <Stat id="owner" label="Owner" value={<span title={d.owner}>{shortKey(d.owner)}</span>} />
          <Stat id="gpus" label="GPUs" value={`${d.gpuCount} × ${formatMultiplier(d.multiplierCenti)} (${d.rewardClass})`} />
          {d.unlocksAt !== undefined && now !== undefined && (
            <Stat id="cooldown" label="Cooldown" value={d.unlocksAt > now ? `ends in ${formatDuration(d.unlocksAt - now)}` : "over"} />
          )}
        </div>
      )}
      <h2>Settlements and rewards</h2>
      <p>
        <a href={`${historyPath}?format=csv&limit=5000`} download>
          Download history (CSV)
        </a>
      </p>
      {attested.length > 0 ? (
        <LineChart id="device-history" title="Credited per settled root" x={chart.x} xLabel="Epoch" series={chart.series} />
      ) : (
        <p>Not settled from any root yet.</p>
      )}
      <div className="scroll">
        <table data-testid="history">
          <TableHead columns={["Event", "Epoch", "Amount (IO)", "Time"]} />
          <tbody>
            {(history.data ?? []).slice(0, 50).map((row) => (
              <tr key={row.seq}>
                <td>{row.kind.replace(/_/g, " ")}</td>
                <td>{row.epoch ?? ""}</td>
                <td>{formatIO(BigInt(row.amount))}</td>
                <td>{formatTime(row.time)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function SlashingPage() {
  const network = useNetwork();
  const now = useChainNow();
  const cases = usePoll(() => network.staking.account.slashCase.all(), 10_000, [network]);
  return (
    <section aria-labelledby="slashing-title">
      <h1 id="slashing-title">Slash cases</h1>
      <p>
        A slash escrows part of a device's stake and rewards. The owner has one month to appeal; an appealed case goes
        to the arbiter; upheld slashes are burned, overturned or lapsed ones are returned.
      </p>
      {cases.error && <p className="warning" role="status">{cases.error}</p>}
      {cases.data && cases.data.length === 0 && <p>No slash cases.</p>}
      <div className="scroll">
        <table data-testid="slash-cases">
          <TableHead columns={["Case", "Device", "Amount (IO)", "Status", "Appeal window"]} />
          <tbody>
            {(cases.data ?? []).map(({ publicKey, account }) => {
              const deadline = Number(account.appealDeadline.toString());
              return (
                <tr key={publicKey.toBase58()}>
                  <td>{account.caseId.toString()}</td>
                  <td title={account.device.toBase58()}>{shortKey(account.device.toBase58())}</td>
                  <td>{formatIO(toBig(account.amount))}</td>
                  <td>{Object.keys(account.status)[0]}</td>
                  <td>{now !== undefined && deadline > now ? `closes in ${formatDuration(deadline - now)}` : "closed"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
