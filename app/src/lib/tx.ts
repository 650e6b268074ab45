// One way to send: build, sign in the wallet, send through our RPC, confirm. Every failure
// becomes a sentence a supplier can act on; nothing is retried behind their back.
import { customErrorCode, programError } from "@io-network/client";
import { Connection, PublicKey, Transaction, TransactionInstruction } from "@solana/web3.js";
import { formatDuration } from "./format";

export type TxStatus =
  | { kind: "idle" }
  | { kind: "signing"; label: string }
  | { kind: "pending"; label: string; signature: string }
  | { kind: "confirmed"; label: string; signature: string }
  | { kind: "failed"; label: string; message: string };

export interface Signer {
  publicKey: PublicKey;
  signTransaction: <T extends Transaction>(tx: T) => Promise<T>;
}

/** What an error message may need to be specific: the chain's clock and the device's unlock. */
export interface ErrorContext {
  now?: number;
  unlocksAt?: number;
  rpc?: string;
  /** Set once the transaction has left the page: a later network failure leaves its outcome unknown. */
  signature?: string;
}

class Rejected extends Error {}

/** Messages recently sent from this page (a blockhash is valid for ~150 slots; a few dozen is plenty). */
const recentMessages: string[] = [];
const RECENT_MESSAGES = 32;
/** A blockhash lives ~400 ms before the next; waiting ~5 s for one is plenty. */
const FRESH_BLOCKHASH_TRIES = 20;

/**
 * The transaction with the latest blockhash. The same action repeated within one blockhash
 * (offer, cancel, offer again) would be byte-identical to the earlier one and refused as
 * already processed, so it waits for the next blockhash instead.
 */
async function freshTransaction(connection: Connection, feePayer: PublicKey, instructions: TransactionInstruction[]) {
  for (let attempt = 1; ; attempt += 1) {
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
    const transaction = new Transaction({ feePayer, blockhash, lastValidBlockHeight }).add(...instructions);
    const message = transaction.serializeMessage().toString("base64");
    if (!recentMessages.includes(message) || attempt >= FRESH_BLOCKHASH_TRIES) {
      return { transaction, blockhash, lastValidBlockHeight, message };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function send(
  connection: Connection,
  wallet: Signer,
  instructions: TransactionInstruction[],
  onSent?: (signature: string) => void,
): Promise<string> {
  const { transaction, blockhash, lastValidBlockHeight, message } = await freshTransaction(
    connection,
    wallet.publicKey,
    instructions,
  );
  let signed: Transaction;
  try {
    signed = await wallet.signTransaction(transaction);
  } catch (error) {
    throw new Rejected(String((error as Error)?.message ?? error));
  }
  const signature = await connection.sendRawTransaction(signed.serialize(), { preflightCommitment: "confirmed" });
  recentMessages.push(message);
  if (recentMessages.length > RECENT_MESSAGES) recentMessages.shift();
  onSent?.(signature);
  const result = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, "confirmed");
  if (result.value.err) throw Object.assign(new Error("transaction failed"), { err: result.value.err });
  return signature;
}

/** What to tell the supplier when `error` ended a transaction. */
export function humanError(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof Rejected) return "You declined the request in your wallet. Nothing was sent.";
  const text = String((error as Error)?.message ?? error);
  const logs: string[] = (error as { logs?: string[] })?.logs ?? [];
  const all = [text, ...logs].join("\n");
  if (/Failed to fetch|NetworkError|fetch failed|ECONNREFUSED|ERR_CONNECTION|Load failed/i.test(all)) {
    if (context.signature) {
      return `The network (${context.rpc ?? "the RPC"}) stopped answering after the transaction was sent as ${context.signature}, so its outcome is unknown. Check the device's state before trying again.`;
    }
    return `The network (${context.rpc ?? "the RPC"}) cannot be reached. Nothing was sent and your entries are kept; try again when it is back.`;
  }
  if (/no record of a prior credit|insufficient lamports|InsufficientFundsForFee/i.test(all)) {
    return "Your wallet has no SOL to pay the network fee. Add SOL and try again.";
  }
  if (/already been processed/i.test(all)) {
    return "This exact transaction was already processed, so it was not sent twice. Check the result and try again if needed.";
  }
  // Program errors first: "ConsentExpired" in a log is not an expired blockhash.
  const code = customErrorCode(error);
  if (code !== undefined) {
    // SPL Token's own errors, reached through the programs' transfers.
    if (code === 1 && /Tokenkeg/.test(all)) return "Your wallet does not hold enough IO for this.";
    const known = programError(code);
    if (known) return describeProgramError(known.name, known.message, context);
  }
  if (/block height exceeded|expired/i.test(all)) {
    return "The transaction expired before it was confirmed. Nothing was charged; try again.";
  }
  if (/insufficient funds/i.test(all)) return "Your wallet does not hold enough IO for this.";
  return `The transaction failed: ${text}`;
}

function describeProgramError(name: string, message: string, context: ErrorContext): string {
  switch (name) {
    case "CooldownNotOver":
      if (context.unlocksAt !== undefined && context.now !== undefined) {
        return `The 14-day cooldown ends in ${formatDuration(context.unlocksAt - context.now)}; withdraw after that.`;
      }
      return "The 14-day cooldown has not ended yet.";
    case "NothingToClaim":
      return "There is nothing to claim yet: rewards arrive after each attested epoch.";
    case "StakeDuringCooldown":
      return "This device is unstaking; stake cannot be added during the cooldown.";
    case "AboveOverflow":
      return "That is more than the stake above the device's requirement.";
    case "NotDeviceOwner":
      return "This wallet does not own the device.";
    case "Paused":
      return "The protocol is paused by governance; exits still work.";
    case "AppealPeriodOver":
      return "The one-month appeal window for this case has closed.";
    case "HardwareAlreadyRegistered":
      return "These GPUs (their hardware hash) are already registered as another device. Close that device first.";
    case "ConsentExpired":
      return "The device's consent has expired. Run io-worker register again and paste the new line.";
    case "ConsentWrongOwner":
      return "The device's consent names another wallet as its owner. Run io-worker register with this wallet as --owner.";
    case "ConsentWrongConfig":
      return "The device's consent is for another deployment. Run io-worker register with this deployment's --config.";
    case "ConsentWrongSigner":
    case "ConsentMalformed":
    case "ConsentMissing":
    case "ConsentOutsideInstruction":
      return `The device's consent was not accepted (${message}). Paste the line io-worker register printed, unchanged.`;
    case "DeviceRented":
      return "This device is rented: it cannot be unstaked before the paid hours end.";
    case "DeviceAlreadyRented":
      return "This device is already rented; try again when its hours end.";
    case "NotForRent":
      return "This device is not for rent in that currency: its owner has set no rental terms for it.";
    case "BelowRentalTerms":
      return "That price is below the device owner's rental terms: offer at least their price per hour.";
    default:
      return `${message}.`;
  }
}

export function isRejection(error: unknown): boolean {
  return error instanceof Rejected;
}
