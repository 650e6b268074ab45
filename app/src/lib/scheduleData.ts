// The emission schedule as the program computes it (the client's BigInt port), summarised for
// the charts. Computed once: all 175,319 epochs take a fraction of a second.
import { EMISSION_CAP_IO, GENESIS_SUPPLY_IO, LAST_EPOCH, schedule } from "@io-network/client";

export const DECIMALS = 8;
export const EPOCHS_PER_YEAR = 8_760;
/** One plotted point per week of epochs. */
export const WEEK = 168;
export const UNIT = 10n ** BigInt(DECIMALS);
export const CAP_BASE_UNITS = EMISSION_CAP_IO * UNIT;
export const MAX_SUPPLY_BASE_UNITS = (GENESIS_SUPPLY_IO + EMISSION_CAP_IO) * UNIT;

export interface ScheduleSummary {
  /** Epochs 1, 169, 337, ... and the last: emission of that epoch. */
  weekly: { epoch: number; emission: bigint }[];
  /** Year y (1-based, 8,760 epochs; the 21st has 119): emitted in it, total supply at its end. */
  yearly: { year: number; emitted: bigint; supplyAtEnd: bigint }[];
  first: bigint[];
  last: bigint;
  total: bigint;
}

let cached: ScheduleSummary | undefined;

export function scheduleSummary(): ScheduleSummary {
  if (cached) return cached;
  const weekly: ScheduleSummary["weekly"] = [];
  const yearly: ScheduleSummary["yearly"] = [];
  const first: bigint[] = [];
  let yearSum = 0n;
  let last = 0n;
  let total = 0n;
  for (const { epoch, emission, cumulative } of schedule(LAST_EPOCH, DECIMALS)) {
    if (epoch <= 3) first.push(emission);
    if ((epoch - 1) % WEEK === 0 || epoch === LAST_EPOCH) weekly.push({ epoch, emission });
    yearSum += emission;
    if (epoch % EPOCHS_PER_YEAR === 0 || epoch === LAST_EPOCH) {
      yearly.push({
        year: yearly.length + 1,
        emitted: yearSum,
        supplyAtEnd: GENESIS_SUPPLY_IO * UNIT + cumulative,
      });
      yearSum = 0n;
    }
    last = emission;
    total = cumulative;
  }
  cached = { weekly, yearly, first, last, total };
  return cached;
}

/** Minted by the end of `epoch` on schedule (cumulative, clamped to the cap). */
export function scheduledThrough(epoch: number): bigint {
  let cumulative = 0n;
  for (const row of schedule(Math.max(0, Math.min(epoch, LAST_EPOCH)), DECIMALS)) cumulative = row.cumulative;
  return cumulative;
}

/** A float for plotting only (never for money): base units to IO. */
export function plotIO(amount: bigint): number {
  return Number(amount / 1_000n) / 100_000;
}
