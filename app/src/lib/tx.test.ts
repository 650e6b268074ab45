import { describe, expect, it } from "vitest";
import { programError } from "@io-network/client";
import { humanError } from "./tx";

/** A program error's code, from the IDLs, by its name. */
function codeOf(name: string): number {
  for (let code = 6000; code < 7000; code += 1) if (programError(code)?.name === name) return code;
  throw new Error(`no program error ${name}`);
}

// The shapes web3.js and wallets throw, with the sentence a supplier reads.
describe("every failure is a sentence", () => {
  it("names a program error by its meaning, with its context", () => {
    const cooldown = { logs: ["Program log: AnchorError occurred. Error Code: CooldownNotOver. Error Number: 6121."] };
    expect(humanError(cooldown, { now: 1_000, unlocksAt: 1_000 + 3 * 86_400 + 4 * 3_600 })).toBe(
      "The 14-day cooldown ends in 3 days 4 hours; withdraw after that.",
    );
    expect(humanError({ InstructionError: [0, { Custom: 6123 }] })).toBe(
      "There is nothing to claim yet: rewards arrive after each attested epoch.",
    );
    // Any other program error: its IDL message.
    expect(humanError({ err: { InstructionError: [0, { Custom: 6173 }] } })).toBe(
      "A co-stake may be at most half of the device's total stake.",
    );
  });

  it("tells a lost network, an empty wallet, too little IO and an expired blockhash apart", () => {
    expect(humanError(new TypeError("Failed to fetch"), { rpc: "http://127.0.0.1:8899" })).toBe(
      "The network (http://127.0.0.1:8899) cannot be reached. Nothing was sent and your entries are kept; try again when it is back.",
    );
    // Once the transaction has left the page, a lost network means "unknown", not "nothing sent".
    expect(humanError(new TypeError("Failed to fetch"), { rpc: "http://rpc", signature: "5sig" })).toBe(
      "The network (http://rpc) stopped answering after the transaction was sent as 5sig, so its outcome is unknown. Check the device's state before trying again.",
    );
    expect(humanError(new Error("Attempt to debit an account but found no record of a prior credit."))).toMatch(
      /no SOL to pay the network fee/,
    );
    expect(
      humanError({
        message: "failed",
        logs: ["Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA failed: custom program error: 0x1"],
      }),
    ).toBe("Your wallet does not hold enough IO for this.");
    expect(humanError(new Error("block height exceeded"))).toMatch(/expired before it was confirmed/);
    expect(humanError(new Error("Transaction simulation failed: This transaction has already been processed"))).toMatch(
      /already processed, so it was not sent twice/,
    );
  });

  it("says what to do about a refused consent, a registered GPU set, a rented device and rental terms", () => {
    // "ConsentExpired" in the logs is the consent's expiry, not the blockhash's.
    const expired = { logs: [`Program log: AnchorError occurred. Error Code: ConsentExpired. Error Number: ${codeOf("ConsentExpired")}.`] };
    expect(humanError(expired)).toBe("The device's consent has expired. Run io-worker register again and paste the new line.");
    expect(humanError({ InstructionError: [1, { Custom: codeOf("ConsentWrongOwner") }] })).toMatch(/with this wallet as --owner/);
    expect(humanError({ InstructionError: [1, { Custom: codeOf("HardwareAlreadyRegistered") }] })).toMatch(/already registered as another device/);
    expect(humanError({ InstructionError: [0, { Custom: codeOf("DeviceRented") }] })).toMatch(/cannot be unstaked before the paid hours end/);
    expect(humanError({ InstructionError: [0, { Custom: codeOf("NotForRent") }] })).toMatch(/not for rent in that currency/);
    expect(humanError({ InstructionError: [0, { Custom: codeOf("BelowRentalTerms") }] })).toMatch(/below the device owner's rental terms/);
    expect(humanError({ InstructionError: [0, { Custom: codeOf("ConsentMalformed") }] })).toMatch(/^The device's consent was not accepted \(.+\)\. Paste the line/);
  });

  it("never shows a bare code", () => {
    expect(humanError(new Error("something odd"))).toBe("The transaction failed: something odd");
  });
});
