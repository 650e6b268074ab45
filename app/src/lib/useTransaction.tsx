import { useConnection, useWallet } from "@solana/wallet-adapter-react";
import type { TransactionInstruction } from "@solana/web3.js";
import { useRef, useState } from "react";
import { useNetwork } from "./network";
import { humanError, send, type ErrorContext, type TxStatus } from "./tx";

/** What a transaction carries; the connected wallet is its only signer. */
export interface Built {
  instructions: TransactionInstruction[];
}

/** One transaction slot: its status, and a `run` that refuses a second submit while busy. */
export function useTransaction(onDone?: () => void) {
  const { connection } = useConnection();
  const wallet = useWallet();
  const { config } = useNetwork();
  const [status, setStatus] = useState<TxStatus>({ kind: "idle" });
  const inFlight = useRef(false);
  const busy = status.kind === "signing" || status.kind === "pending";

  async function run(label: string, build: () => Promise<Built> | Built, context: ErrorContext = {}): Promise<boolean> {
    if (inFlight.current) return false;
    if (!wallet.publicKey || !wallet.signTransaction) {
      setStatus({ kind: "failed", label, message: "Connect a wallet first." });
      return false;
    }
    inFlight.current = true;
    setStatus({ kind: "signing", label });
    let sent: string | undefined;
    try {
      const { instructions } = await build();
      const signer = { publicKey: wallet.publicKey, signTransaction: wallet.signTransaction };
      const signature = await send(connection, signer, instructions, (sig) => {
        sent = sig;
        setStatus({ kind: "pending", label, signature: sig });
      });
      setStatus({ kind: "confirmed", label, signature });
      onDone?.();
      return true;
    } catch (error) {
      console.warn(label, error);
      setStatus({ kind: "failed", label, message: humanError(error, { rpc: config.rpc, ...context, signature: sent }) });
      return false;
    } finally {
      inFlight.current = false;
    }
  }
  return { status, busy, run, reset: () => setStatus({ kind: "idle" }) };
}

export function TxStatusLine({ status }: { status: TxStatus }) {
  switch (status.kind) {
    case "idle":
      return null;
    case "signing":
      return <p className="tx tx-pending" role="status">{status.label}: waiting for your wallet…</p>;
    case "pending":
      return <p className="tx tx-pending" role="status">{status.label}: sent, waiting for confirmation…</p>;
    case "confirmed":
      return (
        <p className="tx tx-confirmed" role="status" data-signature={status.signature}>
          {status.label}: confirmed.
        </p>
      );
    case "failed":
      return <p className="tx tx-failed" role="alert">{status.label} failed: {status.message}</p>;
  }
}
