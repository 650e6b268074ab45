// Program error names and messages, from the IDLs.
import emissionIdl from "./idl/io_emission.json" with { type: "json" };
import stakingIdl from "./idl/io_staking.json" with { type: "json" };
import paymentsIdl from "./idl/io_payments.json" with { type: "json" };

export interface ProgramErrorInfo {
  program: "io_emission" | "io_staking" | "io_payments";
  code: number;
  name: string;
  message: string;
}

const byCode = new Map<number, ProgramErrorInfo>();
for (const [program, idl] of [
  ["io_emission", emissionIdl],
  ["io_staking", stakingIdl],
  ["io_payments", paymentsIdl],
] as const) {
  for (const error of idl.errors) {
    byCode.set(error.code, { program, code: error.code, name: error.name, message: error.msg });
  }
}

/** The IO program error with this custom code (the programs use disjoint ranges). */
export function programError(code: number): ProgramErrorInfo | undefined {
  return byCode.get(code);
}

/** The error's name, e.g. `CooldownNotOver`, for a custom code. */
export function errorName(code: number): string | undefined {
  return byCode.get(code)?.name;
}

/**
 * The custom program error code inside whatever a client threw: an Anchor `AnchorError` or
 * `ProgramError`, a web3.js `SendTransactionError` (its logs or message), or a raw
 * `{ InstructionError: [index, { Custom: code }] }`.
 */
export function customErrorCode(error: unknown): number | undefined {
  const e = error as Record<string, any> | undefined;
  if (!e) return undefined;
  if (typeof e.error?.errorCode?.number === "number") return e.error.errorCode.number;
  if (typeof e.code === "number" && byCode.has(e.code)) return e.code;
  const custom = e.InstructionError?.[1]?.Custom ?? e.err?.InstructionError?.[1]?.Custom;
  if (typeof custom === "number") return custom;
  const text = [String(e.message ?? ""), ...((e.logs ?? e.transactionLogs ?? []) as string[])].join("\n");
  const hex = /custom program error: (0x[0-9a-f]+)/i.exec(text);
  if (hex) return Number.parseInt(hex[1], 16);
  const number = /Error Number: (\d+)/.exec(text);
  return number ? Number(number[1]) : undefined;
}
