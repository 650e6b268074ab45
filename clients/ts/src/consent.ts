// A device's registration consent (docs/design.md section 15), as `io-worker register` prints
// it: the same layout and text form as `crates/consent` (io-consent), which io-staking checks.
//
// The device key stays on the GPU machine: the worker signs this message once, and the owner's
// transaction carries it in an Ed25519 program instruction right before `register_device`.
import { PublicKey } from "@solana/web3.js";

/** The message starts with this tag: `io-network:device-consent:v1` and four zero bytes. */
export const CONSENT_DOMAIN: Uint8Array = (() => {
  const tag = new TextEncoder().encode("io-network:device-consent:v1");
  const out = new Uint8Array(32);
  out.set(tag);
  return out;
})();
/** Six 32-byte fields, two u16 and one i64, little-endian. */
export const CONSENT_MESSAGE_LEN = 32 * 6 + 2 + 2 + 8;
export const CONSENT_SIGNATURE_LEN = 64;
/** What `io-worker register` prints before the hex of `message ‖ signature`. */
export const CONSENT_TEXT_PREFIX = "io-consent-v1:";
/** A consent is valid for at most this long after it is signed; the worker defaults to a day. */
export const CONSENT_MAX_VALIDITY_SECONDS = 30 * 86_400;
/** Hex digits after the prefix: the message and the signature. */
export const CONSENT_TEXT_HEX_DIGITS = 2 * (CONSENT_MESSAGE_LEN + CONSENT_SIGNATURE_LEN);

/** What the device key agreed to, with the signed message and its signature. */
export interface Consent {
  /** io-staking's program id. */
  programId: PublicKey;
  /** The staking config (the deployment). */
  config: PublicKey;
  /** The wallet allowed to register the device. */
  owner: PublicKey;
  /** The worker's key (it signed the message). */
  deviceKey: PublicKey;
  modelId: number;
  gpuCount: number;
  /** 32 bytes: what `io-worker probe --inspect` prints as the hardware hash. */
  hardwareHash: Uint8Array;
  /** Unix seconds; the program refuses the consent from then on. */
  expiresAt: bigint;
  /** The 204 signed bytes. */
  message: Uint8Array;
  /** The device key's Ed25519 signature over `message`. */
  signature: Uint8Array;
}

/** The fields a consent message is made of. */
export type ConsentFields = Omit<Consent, "message" | "signature">;

/** `crates/consent`'s `ConsentFormatError::Text` and `::Message`, with what was wrong. */
export class ConsentFormatError extends Error {
  constructor(
    readonly kind: "text" | "message",
    detail: string,
  ) {
    super(
      `${
        kind === "text"
          ? `not consent text: expected ${CONSENT_TEXT_PREFIX} followed by ${CONSENT_TEXT_HEX_DIGITS} hex digits`
          : "not a device registration consent (length or domain tag)"
      }: ${detail}`,
    );
    this.name = "ConsentFormatError";
  }
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // 0-9
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10; // a-f
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10; // A-F
  return -1;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** `RegistrationConsent::to_message`: the 204 bytes the device key signs. */
export function consentMessage(fields: ConsentFields): Uint8Array {
  if (fields.hardwareHash.length !== 32) throw new Error("the hardware hash is 32 bytes");
  const out = new Uint8Array(CONSENT_MESSAGE_LEN);
  const view = new DataView(out.buffer);
  out.set(CONSENT_DOMAIN, 0);
  out.set(fields.programId.toBytes(), 32);
  out.set(fields.config.toBytes(), 64);
  out.set(fields.owner.toBytes(), 96);
  out.set(fields.deviceKey.toBytes(), 128);
  view.setUint16(160, fields.modelId, true);
  view.setUint16(162, fields.gpuCount, true);
  out.set(fields.hardwareHash, 164);
  view.setBigInt64(196, fields.expiresAt, true);
  return out;
}

/** `RegistrationConsent::from_message`: the fields of a signed message. */
export function decodeConsentMessage(message: Uint8Array): ConsentFields {
  if (message.length !== CONSENT_MESSAGE_LEN) {
    throw new ConsentFormatError("message", `${message.length} bytes, not ${CONSENT_MESSAGE_LEN}`);
  }
  if (!equalBytes(message.subarray(0, 32), CONSENT_DOMAIN)) {
    throw new ConsentFormatError("message", "another domain tag");
  }
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const key = (at: number) => new PublicKey(message.slice(at, at + 32));
  return {
    programId: key(32),
    config: key(64),
    owner: key(96),
    deviceKey: key(128),
    modelId: view.getUint16(160, true),
    gpuCount: view.getUint16(162, true),
    hardwareHash: message.slice(164, 196),
    expiresAt: view.getBigInt64(196, true),
  };
}

/** `to_text`: the one line `io-worker register` prints. */
export function consentText(message: Uint8Array, signature: Uint8Array): string {
  if (message.length !== CONSENT_MESSAGE_LEN || signature.length !== CONSENT_SIGNATURE_LEN) {
    throw new Error(`a consent is ${CONSENT_MESSAGE_LEN} bytes of message and ${CONSENT_SIGNATURE_LEN} of signature`);
  }
  return CONSENT_TEXT_PREFIX + toHex(message) + toHex(signature);
}

/**
 * Reads the consent text `io-worker register` prints (`from_text`): surrounding whitespace is
 * ignored, upper-case hex accepted. Checks the form only: the Ed25519 program checks the
 * signature when the transaction runs, io-staking every field.
 */
export function parseConsent(text: string): Consent {
  const trimmed = text.trim();
  if (!trimmed.startsWith(CONSENT_TEXT_PREFIX)) {
    throw new ConsentFormatError("text", `it does not start with ${CONSENT_TEXT_PREFIX}`);
  }
  const hex = trimmed.slice(CONSENT_TEXT_PREFIX.length);
  if (hex.length !== CONSENT_TEXT_HEX_DIGITS) {
    throw new ConsentFormatError("text", `${hex.length} characters after the prefix`);
  }
  const bytes = new Uint8Array(CONSENT_MESSAGE_LEN + CONSENT_SIGNATURE_LEN);
  for (let i = 0; i < bytes.length; i += 1) {
    const high = hexDigit(hex.charCodeAt(2 * i));
    const low = hexDigit(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) {
      const at = high < 0 ? 2 * i : 2 * i + 1;
      throw new ConsentFormatError("text", `${JSON.stringify(hex[at])} at position ${at + 1} is not a hex digit`);
    }
    bytes[i] = (high << 4) | low;
  }
  const message = bytes.slice(0, CONSENT_MESSAGE_LEN);
  return {
    ...decodeConsentMessage(message),
    message,
    signature: bytes.slice(CONSENT_MESSAGE_LEN),
  };
}

/** The consent's hardware hash in hex, as `io-worker probe --inspect` prints it. */
export function hardwareHashHex(consent: Pick<Consent, "hardwareHash">): string {
  return toHex(consent.hardwareHash);
}

/** What a consent must match to register on a deployment. */
export interface ConsentExpectation {
  programId: PublicKey;
  config: PublicKey;
  owner?: PublicKey;
  /** Unix seconds (the chain's clock, where known). */
  now?: number | bigint;
}

export type ConsentProblem = "wrongProgram" | "wrongConfig" | "wrongOwner" | "expired";

/**
 * Why this consent would be refused here (io-staking's ConsentWrongConfig, ConsentWrongOwner,
 * ConsentExpired, or another program altogether), each with a sentence; empty if none.
 */
export function consentProblems(consent: Consent, expected: ConsentExpectation): { problem: ConsentProblem; message: string }[] {
  const problems: { problem: ConsentProblem; message: string }[] = [];
  if (!consent.programId.equals(expected.programId)) {
    problems.push({
      problem: "wrongProgram",
      message: `The consent is for the staking program ${consent.programId.toBase58()}, not ${expected.programId.toBase58()}.`,
    });
  }
  if (!consent.config.equals(expected.config)) {
    problems.push({
      problem: "wrongConfig",
      message: `The consent is for the staking config ${consent.config.toBase58()}, not this deployment's ${expected.config.toBase58()}.`,
    });
  }
  if (expected.owner && !consent.owner.equals(expected.owner)) {
    problems.push({
      problem: "wrongOwner",
      message: `The consent lets ${consent.owner.toBase58()} register the device, not ${expected.owner.toBase58()}.`,
    });
  }
  if (expected.now !== undefined && BigInt(expected.now) > consent.expiresAt) {
    problems.push({
      problem: "expired",
      message: `The consent expired at ${new Date(Number(consent.expiresAt) * 1000).toISOString()}.`,
    });
  }
  return problems;
}
