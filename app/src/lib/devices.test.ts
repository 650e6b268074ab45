import { PublicKey } from "@solana/web3.js";
import { describe, expect, it } from "vitest";
import { CO_STAKE_EXIT_WAIT_SECONDS, describeRentalTerms, stakeBalance, type DeviceView } from "./devices";

const IO = 10n ** 8n;
const coStaker = new PublicKey(new Uint8Array(32).fill(7)).toBase58();

function device(stake: bigint, coStake = 0n, coExitRequestedAt = 0): DeviceView {
  return {
    stake,
    required: 2_000n * IO,
    coStaker: coStake > 0n ? coStaker : PublicKey.default.toBase58(),
    coStake,
    coExitRequestedAt,
  } as DeviceView;
}

// The program's rule (Device::counted_stake, withdraw_overflow): the co-stake counts toward the
// requirement until 7 days after its exit request, and overflow is never more than the owner's own.
describe("stake counted as the program counts it", () => {
  it("owner alone", () => {
    expect(stakeBalance(device(1_500n * IO), 0)).toEqual({ shortfall: 500n * IO, overflow: 0n });
    expect(stakeBalance(device(2_300n * IO), 0)).toEqual({ shortfall: 0n, overflow: 300n * IO });
  });

  it("a co-stake covers the shortfall, and frees the owner's stake as overflow", () => {
    expect(stakeBalance(device(1_500n * IO, 500n * IO), 0)).toEqual({ shortfall: 0n, overflow: 0n });
    expect(stakeBalance(device(2_000n * IO, 1_000n * IO), 0)).toEqual({ shortfall: 0n, overflow: 1_000n * IO });
    // Never more than the owner's own stake.
    expect(stakeBalance(device(100n * IO, 2_000n * IO), 0).overflow).toBe(100n * IO);
  });

  it("a leaving co-stake counts until its 7-day wait is over", () => {
    const asked = 1_000_000;
    const leaving = device(1_500n * IO, 500n * IO, asked);
    expect(stakeBalance(leaving, asked + CO_STAKE_EXIT_WAIT_SECONDS - 1).shortfall).toBe(0n);
    expect(stakeBalance(leaving, asked + CO_STAKE_EXIT_WAIT_SECONDS).shortfall).toBe(500n * IO);
  });
});

// io-payments' rule: a reservation pays at least the owner's floor in its mint; 0 refuses the mint.
describe("rental terms in words", () => {
  it("not for rent, one mint, or both", () => {
    expect(describeRentalTerms({ minUsdcPerHour: 0n, minIoPerHour: 0n })).toBe("Not for rent");
    expect(describeRentalTerms({ minUsdcPerHour: 2_500_000n, minIoPerHour: 3n * IO })).toBe("At least 2.5 USDC or 3 IO per hour");
    expect(describeRentalTerms({ minUsdcPerHour: 1n, minIoPerHour: 0n })).toBe("At least 0.000001 USDC per hour (not for rent in IO)");
    expect(describeRentalTerms({ minUsdcPerHour: 0n, minIoPerHour: 1_500n * IO })).toBe("At least 1,500 IO per hour (not for rent in USDC)");
  });
});
