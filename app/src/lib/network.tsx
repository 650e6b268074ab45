// The deployment the app talks to, read once from the keeper (`/v1/config`), and the shared
// read-only view of both programs.
import { AnchorProvider } from "@anchor-lang/core";
import {
  Addresses,
  programs,
  SupplierInstructions,
  type EmissionProgram,
  type PaymentsProgram,
  type StakingProgram,
} from "@io-network/client";
import {
  Connection,
  PublicKey,
  SYSVAR_CLOCK_PUBKEY,
  Transaction,
  VersionedTransaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import { createContext, useContext, useEffect, useRef, useState } from "react";

export interface AppConfig {
  rpc: string;
  websocket: string;
  mint: string;
  genesis_timestamp: number;
  epoch_seconds?: number;
  cheatcodes?: boolean;
  /** Keepers to ask for proofs (base URLs); none listed: the keeper serving the app. */
  keepers?: string[];
  /** io-payments' accounts, where the keeper knows them (the local chain publishes them). */
  payments?: { config: string; usdc_mint: string; usdc_fee_vault: string; io_fee_vault: string; price_update: string };
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch("/v1/config");
  if (!response.ok) throw new Error(`the keeper answered ${response.status} for /v1/config`);
  return (await response.json()) as AppConfig;
}

export interface Network {
  config: AppConfig;
  connection: Connection;
  addresses: Addresses;
  staking: StakingProgram;
  emission: EmissionProgram;
  payments: PaymentsProgram;
  builders: SupplierInstructions;
  mint: PublicKey;
  decimals: number;
}

/** Reads need no wallet: Anchor gets a provider whose wallet refuses to sign. */
const readOnlyWallet = {
  publicKey: PublicKey.default,
  signTransaction: async <T extends Transaction | VersionedTransaction>(_: T): Promise<T> => {
    throw new Error("read-only");
  },
  signAllTransactions: async <T extends Transaction | VersionedTransaction>(_: T[]): Promise<T[]> => {
    throw new Error("read-only");
  },
};

export function makeNetwork(config: AppConfig): Network {
  const connection = new Connection(config.rpc, { commitment: "confirmed", wsEndpoint: config.websocket });
  const provider = new AnchorProvider(connection, readOnlyWallet, { commitment: "confirmed" });
  const { staking, emission, payments } = programs(provider);
  const mint = new PublicKey(config.mint);
  return {
    config,
    connection,
    addresses: new Addresses(mint),
    staking,
    emission,
    payments,
    builders: new SupplierInstructions(staking, mint),
    mint,
    decimals: 8,
  };
}

export const NetworkContext = createContext<Network | null>(null);

export function useNetwork(): Network {
  const network = useContext(NetworkContext);
  if (!network) throw new Error("no network");
  return network;
}

export interface Polled<T> {
  data?: T;
  error?: string;
  loading: boolean;
  refresh: () => void;
}

/**
 * Runs `load` now and every `everyMs`, keeping the last good value when a read fails. When the
 * deps change (another device, another wallet) the previous subject's figures are dropped at
 * once rather than shown under the new one until the first read returns.
 */
export function usePoll<T>(load: () => Promise<T>, everyMs: number, deps: unknown[]): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean; deps: unknown[] }>({
    loading: true,
    deps,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const sameDeps = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
  useEffect(() => {
    let live = true;
    const run = () =>
      loadRef.current().then(
        (data) => live && setState({ data, loading: false, deps }),
        (error) =>
          live &&
          setState((s) => ({
            data: sameDeps(s.deps, deps) ? s.data : undefined,
            error: describeReadError(error),
            loading: false,
            deps,
          })),
      );
    run();
    const timer = everyMs > 0 ? setInterval(run, everyMs) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, everyMs]);
  const refresh = () => setTick((t) => t + 1);
  if (!sameDeps(state.deps, deps)) return { loading: true, refresh };
  return { data: state.data, error: state.error, loading: state.loading, refresh };
}

export function describeReadError(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  if (/fetch|network|ECONNREFUSED|Failed to/i.test(text)) {
    return "The network cannot be reached right now; showing the last figures read. Retrying.";
  }
  return text;
}

/** The chain's clock (the local chain runs faster than the wall): unix seconds. */
export async function chainNow(connection: Connection): Promise<number> {
  const info = await connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY);
  if (!info) throw new Error("no clock");
  return Number(info.data.readBigInt64LE(32));
}

export function useChainNow(everyMs = 2_000): number | undefined {
  const { connection } = useNetwork();
  return usePoll(() => chainNow(connection), everyMs, [connection]).data;
}

/**
 * `settle` for the device of `deviceKey` from a keeper's latest proof, to put in front of a
 * claim so it pays everything the device was up for; none when no keeper serves a proof yet
 * (the claim then pays what is settled already).
 */
export async function settleFirst(network: Network, deviceKey: PublicKey): Promise<TransactionInstruction[]> {
  const keepers = network.config.keepers?.length ? network.config.keepers : [window.location.origin];
  try {
    return [await network.builders.settleFromKeepers(deviceKey, keepers)];
  } catch {
    return [];
  }
}

/** The keeper's JSON API (same origin as the app). */
export async function api<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export const toBig = (value: { toString(): string } | bigint | number): bigint => BigInt(value.toString());
