// io-payments' buy-back rules for the explorer: the client's, which are the program's.
export { buybackBudget, burnShareBps, parsePriceUpdate, priceE8 } from "@io-network/client";
export type { CurvePoint, OraclePrice } from "@io-network/client";
