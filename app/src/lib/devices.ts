// Devices as the app shows them: the on-chain account, decoded, with BigInt amounts.
import { CO_STAKE_EXIT_WAIT_SECONDS, requiredStake } from "@io-network/client";
import { PublicKey } from "@solana/web3.js";
import { formatIO } from "./format";
import type { Network } from "./network";
import { toBig } from "./network";

/** USDC's decimals (base units per USDC: 10^6). */
export const USDC_DECIMALS = 6;

export interface DeviceView {
  address: string;
  deviceKey: string;
  owner: string;
  gpuModel: string;
  gpuCount: number;
  multiplierCenti: number;
  rewardClass: string;
  status: "Staking" | "Unstaking" | "Withdrawn";
  unlocksAt?: number;
  stake: bigint;
  required: bigint;
  active: boolean;
  streak: number;
  pendingRewards: bigint;
  totalCredited: bigint;
  totalClaimed: bigint;
  coStaker: string;
  coStake: bigint;
  /** Unix seconds; 0 while the co-staker has not asked to leave. */
  coExitRequestedAt: number;
  hasCoStakeOffer: boolean;
  openCases: number;
  /** Unix seconds: the end of the paid hours of its rental (0: never rented). No unstake before. */
  rentedUntil: number;
  /** The owner's rental terms: the least a renter pays per hour, in base units; 0: not for rent in that mint. */
  minUsdcPerHour: bigint;
  minIoPerHour: bigint;
}

/** Byte offsets in the Device account (after the 8-byte discriminator, version, bump, config). */
const OWNER_OFFSET = 8 + 1 + 1 + 32;
const DEVICE_KEY_OFFSET = OWNER_OFFSET + 32;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function deviceView(address: PublicKey, account: any, baseStakePerGpu: bigint): DeviceView {
  const status = Object.keys(account.status)[0];
  const unstaking = account.status.unstaking;
  return {
    address: address.toBase58(),
    deviceKey: account.deviceKey.toBase58(),
    owner: account.owner.toBase58(),
    gpuModel: account.gpuModel.toBase58(),
    gpuCount: account.gpuCount,
    multiplierCenti: account.multiplierCenti,
    rewardClass: Object.keys(account.rewardClass)[0] === "enterprise" ? "Enterprise" : "Community",
    status: status === "staking" ? "Staking" : status === "unstaking" ? "Unstaking" : "Withdrawn",
    unlocksAt: unstaking ? Number(unstaking.unlocksAt.toString()) : undefined,
    stake: toBig(account.stake),
    required: requiredStake(baseStakePerGpu, account.gpuCount, account.multiplierCenti),
    active: account.active,
    streak: account.streak,
    pendingRewards: toBig(account.pendingRewards),
    totalCredited: toBig(account.totalCredited),
    totalClaimed: toBig(account.totalClaimed),
    coStaker: account.coStaker.toBase58(),
    coStake: toBig(account.coStake),
    coExitRequestedAt: Number(account.coExitRequestedAt.toString()),
    hasCoStakeOffer: account.hasCoStakeOffer,
    openCases: account.openCases,
    rentedUntil: Number((account.rentedUntil ?? 0).toString()),
    minUsdcPerHour: toBig(account.minUsdcPerHour ?? 0),
    minIoPerHour: toBig(account.minIoPerHour ?? 0),
  };
}

const NO_CO_STAKER = PublicKey.default.toBase58();
export { CO_STAKE_EXIT_WAIT_SECONDS };

/** Stake counting toward the requirement at `now`, as the program counts it (`Device::counted_stake`). */
export function countedStake(device: DeviceView, now: number | undefined): bigint {
  const coCounts =
    device.coStaker !== NO_CO_STAKER &&
    (device.coExitRequestedAt === 0 || (now !== undefined && now < device.coExitRequestedAt + CO_STAKE_EXIT_WAIT_SECONDS));
  return coCounts ? device.stake + device.coStake : device.stake;
}

/** Whether a renter holds the device at `now` (io-staking's `Device::is_rented`). */
export function isRented(device: Pick<DeviceView, "rentedUntil">, now: number | undefined): boolean {
  return now !== undefined && now < device.rentedUntil;
}

/**
 * The owner's rental terms in words: "Not for rent", or the floors per hour in the mints it is
 * for rent in (io-payments refuses a reservation below them, or in a mint at 0).
 */
export function describeRentalTerms(terms: Pick<DeviceView, "minUsdcPerHour" | "minIoPerHour">): string {
  const usdc = terms.minUsdcPerHour > 0n ? `${formatIO(terms.minUsdcPerHour, USDC_DECIMALS)} USDC` : undefined;
  const io = terms.minIoPerHour > 0n ? `${formatIO(terms.minIoPerHour)} IO` : undefined;
  if (!usdc && !io) return "Not for rent";
  if (usdc && io) return `At least ${usdc} or ${io} per hour`;
  return `At least ${usdc ?? io} per hour (not for rent in ${usdc ? "IO" : "USDC"})`;
}

/** What the owner must add, and what the owner may withdraw as overflow (never more than its own stake). */
export function stakeBalance(device: DeviceView, now: number | undefined): { shortfall: bigint; overflow: bigint } {
  const counted = countedStake(device, now);
  const shortfall = device.required > counted ? device.required - counted : 0n;
  const above = counted > device.required ? counted - device.required : 0n;
  return { shortfall, overflow: above < device.stake ? above : device.stake };
}

export async function baseStake(network: Network): Promise<{ base: bigint; nominationStreak: number }> {
  const config = await network.staking.account.stakingConfig.fetch(network.addresses.config);
  return { base: toBig(config.params.baseStakePerGpu), nominationStreak: config.params.nominationStreak };
}

export async function loadDevices(network: Network, filter?: { owner?: string; deviceKey?: string }): Promise<DeviceView[]> {
  const { base } = await baseStake(network);
  const filters = [];
  if (filter?.owner) filters.push({ memcmp: { offset: OWNER_OFFSET, bytes: filter.owner } });
  if (filter?.deviceKey) filters.push({ memcmp: { offset: DEVICE_KEY_OFFSET, bytes: filter.deviceKey } });
  const all = await network.staking.account.device.all(filters);
  return all
    .map(({ publicKey, account }) => deviceView(publicKey, account, base))
    .sort((a, b) => a.deviceKey.localeCompare(b.deviceKey));
}

/** A device by its key (the worker's) or its account address. */
export async function loadDevice(network: Network, key: string): Promise<DeviceView | undefined> {
  const { base } = await baseStake(network);
  const asKey = new PublicKey(key);
  for (const address of [network.addresses.device(asKey), asKey]) {
    const account = await network.staking.account.device.fetchNullable(address);
    if (account) return deviceView(address, account, base);
  }
  return undefined;
}

export function isPublicKey(text: string): boolean {
  try {
    new PublicKey(text);
    return text.length >= 32;
  } catch {
    return false;
  }
}
