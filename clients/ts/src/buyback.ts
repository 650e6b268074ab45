// io-payments' buy-back as the program computes it (programs/io-payments/src/math), in BigInt:
// the oracle account decoded, the share of fees burned at a price, the budget left.

import { BPS_DENOMINATOR } from "./rules.generated.js";

/** Pyth `PriceUpdateV2`: discriminator 8, write authority 32, verification level 1 (Full). */
const PRICE_AT = 8 + 32 + 1 + 32;

export interface OraclePrice {
  /** `price × 10^exponent` USD per IO. */
  price: bigint;
  conf: bigint;
  exponent: number;
  publishTime: number;
}

/** The fields of a fully verified `PriceUpdateV2` account; `undefined` for anything else. */
export function parsePriceUpdate(data: Uint8Array): OraclePrice | undefined {
  if (data.length < PRICE_AT + 28 || data[40] !== 1) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    price: view.getBigInt64(PRICE_AT, true),
    conf: view.getBigUint64(PRICE_AT + 8, true),
    exponent: view.getInt32(PRICE_AT + 16, true),
    publishTime: Number(view.getBigInt64(PRICE_AT + 20, true)),
  };
}

/** USD per IO with 8 decimals, rounded down (the curve's unit). */
export function priceE8(price: OraclePrice): bigint {
  const shift = price.exponent + 8;
  return shift >= 0 ? price.price * 10n ** BigInt(shift) : price.price / 10n ** BigInt(-shift);
}

export interface CurvePoint {
  priceE8: bigint;
  shareBps: number;
}

/** The share of fees (basis points) that buys IO back at `price` (USD per IO, 8 decimals). */
export function burnShareBps(points: CurvePoint[], price: bigint): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 0;
  if (price <= first.priceE8) return first.shareBps;
  if (price >= last.priceE8) return last.shareBps;
  for (let i = 1; i < points.length; i += 1) {
    const [a, b] = [points[i - 1], points[i]];
    if (price <= b.priceE8) {
      const span = b.priceE8 - a.priceE8;
      const along = price - a.priceE8;
      if (b.shareBps >= a.shareBps) return a.shareBps + Number((BigInt(b.shareBps - a.shareBps) * along) / span);
      // Falling: the drop rounds up, so the share rounds down, as on chain.
      const drop = (BigInt(a.shareBps - b.shareBps) * along + span - 1n) / span;
      return a.shareBps - Number(drop);
    }
  }
  return last.shareBps;
}

/** USDC the buy-back may still spend: `fees × share − already bought back`, never negative. */
export function buybackBudget(fees: bigint, shareBps: number, boughtBack: bigint): bigint {
  const entitled = (fees * BigInt(shareBps)) / BPS_DENOMINATOR;
  return entitled > boughtBack ? entitled - boughtBack : 0n;
}
