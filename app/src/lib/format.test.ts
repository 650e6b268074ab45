import { describe, expect, it } from "vitest";
import { formatDuration, formatIO, formatMultiplier, formatRounded, parseIO } from "./format";

describe("amounts are exact", () => {
  it("formats base units with every significant decimal, grouped", () => {
    expect(formatIO(456_621_004_566n)).toBe("4,566.21004566");
    expect(formatIO(0n)).toBe("0");
    expect(formatIO(200_000_000_000n)).toBe("2,000");
    expect(formatIO(1n)).toBe("0.00000001");
    expect(formatIO(-150_000_000n)).toBe("-1.5");
    // 800M IO is past 2^53 base units: no float anywhere.
    expect(formatIO(80_000_000_000_000_001n)).toBe("800,000,000.00000001");
    expect(formatIO(1_000_000_000n, 9)).toBe("1");
  });

  it("rounds to the published two decimals half up", () => {
    expect(formatRounded(456_621_004_566n)).toBe("4,566.21");
    expect(formatRounded(456_614_663_492n)).toBe("4,566.15");
    expect(formatRounded(456_608_322_505n)).toBe("4,566.08");
    expect(formatRounded(199_500_000n)).toBe("2.00");
    expect(formatRounded(100_000_000n)).toBe("1.00");
  });

  it("parses what a person types, and refuses the rest with a reason", () => {
    expect(parseIO("200")).toBe(20_000_000_000n);
    expect(parseIO("1,234.5")).toBe(123_450_000_000n);
    expect(parseIO(" 0.00000001 ")).toBe(1n);
    expect(parseIO(".5")).toBe(50_000_000n);
    expect(parseIO("800000000.00000001")).toBe(80_000_000_000_000_001n);
    expect(() => parseIO("0.000000001")).toThrow("8 decimals at most");
    // USDC: 6 decimals, named in the refusal.
    expect(parseIO("2.5", 6, "USDC")).toBe(2_500_000n);
    expect(() => parseIO("0.0000001", 6, "USDC")).toThrow("USDC has 6 decimals at most");
    for (const junk of ["", "abc", "1.2.3", "-5", "1e5", "."]) expect(() => parseIO(junk)).toThrow();
  });

  it("takes commas only as thousands separators", () => {
    expect(parseIO("1,000")).toBe(100_000_000_000n);
    expect(parseIO("12,345,678.9")).toBe(1_234_567_890_000_000n);
    // A decimal comma, a misplaced group or a leading comma is refused, never read as another amount.
    for (const junk of ["1,5", "1,0000", ",100", "1,000,00", "1 000", "1_000", "1,,000"]) {
      expect(() => parseIO(junk), junk).toThrow();
    }
  });

  it("round-trips", () => {
    for (const value of [0n, 1n, 99_999_999n, 456_621_004_566n, 30_000_000_000_000_000n]) {
      expect(parseIO(formatIO(value))).toBe(value);
    }
  });
});

describe("durations and multipliers", () => {
  it("says how long, in the two largest units", () => {
    expect(formatDuration(14 * 86_400)).toBe("14 days");
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 59)).toBe("3 days 4 hours");
    expect(formatDuration(13 * 86_400 + 23 * 3_600 + 59 * 60)).toBe("13 days 23 hours");
    expect(formatDuration(3_600 + 60)).toBe("1 hour 1 minute");
    expect(formatDuration(42 * 60)).toBe("42 minutes");
    expect(formatDuration(1)).toBe("1 second");
    expect(formatDuration(-5)).toBe("0 seconds");
  });

  it("shows hundredths as a multiplier", () => {
    expect(formatMultiplier(1_000)).toBe("10.00x");
    expect(formatMultiplier(25)).toBe("0.25x");
    expect(formatMultiplier(3_000)).toBe("30.00x");
  });
});
