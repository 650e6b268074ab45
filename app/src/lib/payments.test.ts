import { describe, expect, it } from "vitest";
import { buybackBudget, burnShareBps, parsePriceUpdate, priceE8 } from "./payments";

const USD = 100_000_000n;
// The published defaults (README "io-payments"): 100% at ≤ 0.50 USD, 50% at 2.00, 20% at ≥ 5.00.
const CURVE = [
  { priceE8: USD / 2n, shareBps: 10_000 },
  { priceE8: 2n * USD, shareBps: 5_000 },
  { priceE8: 5n * USD, shareBps: 2_000 },
];

describe("the buy-back share, as the program computes it", () => {
  it("follows the documented worked numbers", () => {
    expect(burnShareBps(CURVE, USD / 10n)).toBe(10_000);
    expect(burnShareBps(CURVE, (125n * USD) / 100n)).toBe(7_500);
    expect(burnShareBps(CURVE, 2n * USD)).toBe(5_000);
    expect(burnShareBps(CURVE, (350n * USD) / 100n)).toBe(3_500);
    expect(burnShareBps(CURVE, 100n * USD)).toBe(2_000);
    expect(burnShareBps(CURVE, USD / 2n + 1n)).toBe(9_999);
  });

  it("spends the share of all fees less what was bought back", () => {
    expect(buybackBudget(950_000n, 7_500, 0n)).toBe(712_500n);
    expect(buybackBudget(950_000n, 7_500, 708_936n)).toBe(3_564n);
    expect(buybackBudget(950_000n, 2_000, 708_936n)).toBe(0n);
  });

  it("reads a PriceUpdateV2 account", () => {
    const data = new Uint8Array(134);
    const view = new DataView(data.buffer);
    data[40] = 1;
    view.setBigInt64(73, 125_000_000n, true);
    view.setBigUint64(81, 125_000n, true);
    view.setInt32(89, -8, true);
    view.setBigInt64(93, 1_700_000_000n, true);
    const price = parsePriceUpdate(data)!;
    expect(price).toEqual({ price: 125_000_000n, conf: 125_000n, exponent: -8, publishTime: 1_700_000_000 });
    expect(priceE8(price)).toBe((125n * USD) / 100n);
    data[40] = 0;
    expect(parsePriceUpdate(data)).toBeUndefined();
  });
});
