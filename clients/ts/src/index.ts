// @io-network/client: the IO programs from TypeScript.
export * from "./buyback.js";
export * from "./client.js";
export * from "./consent.js";
export * from "./errors.js";
export * from "./keeper.js";
export * from "./payments.js";
export * from "./pda.js";
export * from "./rules.generated.js";
export * from "./schedule.js";
export type { IoEmission } from "./idl/io_emission.js";
export type { IoStaking } from "./idl/io_staking.js";
export type { IoPayments } from "./idl/io_payments.js";
