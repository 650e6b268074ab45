// The IO emission schedule in exact integer math (BigInt), the same fixed point as the
// on-chain program (`io_emission::schedule`): each epoch's emission in base units is
// floor(floor(genesis * (1-d)^(n-1) * 2^64 / 2^64) / 109,500), with (1-d)^(n-1) a product of
// the 18 powers below, each floored. A test checks every one of the 175,319 epochs against
// `io-keeper schedule --format csv`.

/** Hourly epochs in the schedule. */
export const LAST_EPOCH = 175_319;
/** Seconds per epoch. */
export const EPOCH_SECONDS = 3_600n;
export const GENESIS_SUPPLY_IO = 500_000_000n;
export const MAX_SUPPLY_IO = 800_000_000n;
export const EMISSION_CAP_IO = MAX_SUPPLY_IO - GENESIS_SUPPLY_IO;
export const MAX_DECIMALS = 10;
const FIRST_EPOCH_RATE_DENOMINATOR = 109_500n;
const ONE_X64 = 1n << 64n;

/** floor((1-d)^(2^k) * 2^64) for k = 0..17 (the program's `DECAY_POWERS_X64`). */
export const DECAY_POWERS_X64: readonly bigint[] = [
  0xffff_1703_fe5d_c27en, 0xfffe_2e08_d0c5_4005n, 0xfffc_5c14_f1ae_684an,
  0xfff8_b837_23d4_528en, 0xfff1_70a3_48c5_b739n, 0xffe2_e21a_8ff8_2f1an,
  0xffc5_c784_e969_88fdn, 0xff8b_9c47_770f_6339n, 0xff17_6d79_7433_1f71n,
  0xfe2f_ae3c_d021_6065n, 0xfc62_a6a2_1ded_60ean, 0xf8d2_5e13_2b80_e605n,
  0xf1d8_4323_9e4f_3287n, 0xe478_e51a_6dc7_ec99n, 0xcbe7_912e_a95b_5401n,
  0xa269_11b7_5522_5e66n, 0x6709_258b_915d_3245n, 0x2978_5c89_f84a_db1dn,
];

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RangeError(`decimals must be 0..${MAX_DECIMALS}, got ${decimals}`);
  }
}

function checkEpoch(epoch: number): void {
  if (!Number.isInteger(epoch) || epoch < 1 || epoch > LAST_EPOCH) {
    throw new RangeError(`epoch must be 1..${LAST_EPOCH}, got ${epoch}`);
  }
}

/** One IO in base units. */
export function baseUnitsPerIo(decimals: number): bigint {
  checkDecimals(decimals);
  return 10n ** BigInt(decimals);
}

/** (1-d)^(epoch-1) in 2^64 fixed point, floored. */
export function decayFactorX64(epoch: number): bigint {
  checkEpoch(epoch);
  let exponent = epoch - 1;
  let factor = ONE_X64;
  for (let bit = 0; exponent !== 0; bit += 1, exponent >>>= 1) {
    if (exponent & 1) factor = (factor * DECAY_POWERS_X64[bit]) >> 64n;
  }
  return factor;
}

/** The scheduled emission of `epoch` in base units (before the cap clamp). */
export function epochEmission(epoch: number, decimals = 8): bigint {
  const genesis = GENESIS_SUPPLY_IO * baseUnitsPerIo(decimals);
  return ((genesis * decayFactorX64(epoch)) >> 64n) / FIRST_EPOCH_RATE_DENOMINATOR;
}

/** What minting `epoch` releases after `cumulative` base units: clamped to the cap. */
export function epochMintAmount(epoch: number, decimals: number, cumulative: bigint): bigint {
  const cap = EMISSION_CAP_IO * baseUnitsPerIo(decimals);
  if (cumulative > cap) throw new RangeError("cumulative minted exceeds the cap");
  const scheduled = epochEmission(epoch, decimals);
  const left = cap - cumulative;
  return scheduled < left ? scheduled : left;
}

/** Every epoch from 1 to `last` with its mint amount and the running total. */
export function* schedule(
  last = LAST_EPOCH,
  decimals = 8,
): Generator<{ epoch: number; emission: bigint; cumulative: bigint }> {
  let cumulative = 0n;
  for (let epoch = 1; epoch <= last; epoch += 1) {
    const emission = epochMintAmount(epoch, decimals, cumulative);
    cumulative += emission;
    yield { epoch, emission, cumulative };
  }
}

/** Unix time at which `epoch` starts, for a deployment whose epoch 1 starts at `genesis`. */
export function epochStart(genesis: bigint, epoch: number): bigint {
  checkEpoch(epoch);
  return genesis + BigInt(epoch - 1) * EPOCH_SECONDS;
}

/** Exact decimal text of `amount` base units (no floats anywhere). */
export function formatAmount(amount: bigint, decimals = 8): string {
  const scale = baseUnitsPerIo(decimals);
  const sign = amount < 0n ? "-" : "";
  const magnitude = amount < 0n ? -amount : amount;
  const whole = magnitude / scale;
  if (decimals === 0) return `${sign}${whole}`;
  const fraction = (magnitude % scale).toString().padStart(decimals, "0");
  return `${sign}${whole}.${fraction}`;
}
