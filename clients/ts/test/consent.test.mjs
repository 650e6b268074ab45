// The registration consent without a chain: the text form exactly as crates/consent reads it
// (io-worker's own output is parsed in the localnet journey), and the two instructions
// registerDevice builds from it.
import assert from "node:assert/strict";
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { test } from "node:test";

import anchor from "@anchor-lang/core";
import { Connection, Ed25519Program, Keypair, PublicKey, SYSVAR_INSTRUCTIONS_PUBKEY } from "@solana/web3.js";

import {
  Addresses,
  CONSENT_TEXT_PREFIX,
  ConsentFormatError,
  IO_STAKING_PROGRAM_ID,
  SupplierInstructions,
  consentMessage,
  consentProblems,
  consentText,
  hardwareHashHex,
  parseConsent,
  programs,
} from "../dist/index.js";

const { AnchorProvider, Wallet } = anchor;
const mint = new PublicKey(new Uint8Array(32).fill(9));
const addresses = new Addresses(mint);
const owner = Keypair.generate().publicKey;

/** A device key as io-worker holds it, signing with Node's Ed25519. */
function deviceKey() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
  return { publicKey, privateKey, address: new PublicKey(raw) };
}

function signed(overrides = {}) {
  const device = deviceKey();
  const fields = {
    programId: IO_STAKING_PROGRAM_ID,
    config: addresses.config,
    owner,
    deviceKey: device.address,
    modelId: 3,
    gpuCount: 8,
    hardwareHash: Uint8Array.from({ length: 32 }, (_, i) => i),
    expiresAt: 1_800_000_000n,
    ...overrides,
  };
  const message = consentMessage(fields);
  const signature = new Uint8Array(sign(null, message, device.privateKey));
  return { device, fields, message, signature, text: consentText(message, signature) };
}

test("the message layout is crates/consent's, and the text round-trips", () => {
  const { fields, message, signature, text } = signed({ modelId: 0x0102 });
  assert.equal(message.length, 204);
  assert.equal(Buffer.from(message.subarray(0, 32)).toString("latin1"), "io-network:device-consent:v1\0\0\0\0");
  assert.deepEqual(Array.from(message.subarray(160, 164)), [0x02, 0x01, 8, 0]);
  assert.equal(Buffer.from(message.subarray(196)).readBigInt64LE(), 1_800_000_000n);
  assert.ok(text.startsWith("io-consent-v1:"));
  assert.equal(text.length, 14 + 536);

  // Whitespace around it and upper-case hex are accepted, as io-consent accepts them.
  const upper = CONSENT_TEXT_PREFIX + text.slice(CONSENT_TEXT_PREFIX.length).toUpperCase();
  for (const form of [text, `  ${upper}\n`, `\r\n${text}\t`]) {
    const consent = parseConsent(form);
    assert.ok(consent.programId.equals(fields.programId));
    assert.ok(consent.config.equals(fields.config));
    assert.ok(consent.owner.equals(owner));
    assert.ok(consent.deviceKey.equals(fields.deviceKey));
    assert.equal(consent.modelId, 0x0102);
    assert.equal(consent.gpuCount, 8);
    assert.deepEqual(consent.hardwareHash, fields.hardwareHash);
    assert.equal(hardwareHashHex(consent), "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    assert.equal(consent.expiresAt, 1_800_000_000n);
    assert.deepEqual(consent.message, message);
    assert.deepEqual(consent.signature, signature);
  }
});

test("tampered text is refused with a sentence saying what is wrong", () => {
  const { text } = signed();
  const hex = text.slice(CONSENT_TEXT_PREFIX.length);
  const refused = (input, kind, pattern) =>
    assert.throws(
      () => parseConsent(input),
      (error) => {
        assert.ok(error instanceof ConsentFormatError, String(error));
        assert.equal(error.kind, kind);
        assert.match(error.message, pattern);
        return true;
      },
    );
  const textError = /^not consent text: expected io-consent-v1: followed by 536 hex digits/;
  // Wrong prefix: missing a character, another version, upper-case, none at all.
  refused(text.slice(1), "text", textError);
  refused(`io-consent-v2:${hex}`, "text", /does not start with io-consent-v1:/);
  refused(`IO-CONSENT-V1:${hex}`, "text", textError);
  refused(hex, "text", textError);
  refused("", "text", textError);
  // Odd length, one byte short, one digit too many.
  refused(text.slice(0, -1), "text", /535 characters after the prefix/);
  refused(text.slice(0, -2), "text", /534 characters after the prefix/);
  refused(`${text}0`, "text", /537 characters after the prefix/);
  // A non-hex digit anywhere, whitespace inside included.
  refused(`${text.slice(0, -1)}g`, "text", /"g" at position 536 is not a hex digit/);
  refused(`${CONSENT_TEXT_PREFIX}x${hex.slice(1)}`, "text", /"x" at position 1 is not a hex digit/);
  refused(`${CONSENT_TEXT_PREFIX}${hex.slice(0, 100)} ${hex.slice(101)}`, "text", /" " at position 101/);
  // Another domain tag (the first byte of the message changed): the form is right, the message is not a consent.
  const flipped = ((parseInt(hex.slice(0, 2), 16) ^ 1).toString(16)).padStart(2, "0");
  refused(`${CONSENT_TEXT_PREFIX}${flipped}${hex.slice(2)}`, "message", /^not a device registration consent \(length or domain tag\): another domain tag/);
  // The last zero byte of the tag.
  refused(`${CONSENT_TEXT_PREFIX}${hex.slice(0, 62)}01${hex.slice(64)}`, "message", /another domain tag/);
});

test("what would be refused on this deployment is said before signing", () => {
  const { text } = signed();
  const consent = parseConsent(text);
  const here = { programId: IO_STAKING_PROGRAM_ID, config: addresses.config, owner };
  assert.deepEqual(consentProblems(consent, { ...here, now: 1_800_000_000 }), []);
  assert.deepEqual(
    consentProblems(consent, { ...here, now: 1_800_000_001 }).map((p) => p.problem),
    ["expired"],
  );
  const other = Keypair.generate().publicKey;
  assert.deepEqual(
    consentProblems(consent, { programId: other, config: other, owner: other, now: 0n }).map((p) => p.problem),
    ["wrongProgram", "wrongConfig", "wrongOwner"],
  );
});

test("registerDevice: the Ed25519 instruction, then register_device, the owner the only signer", async () => {
  // No RPC behind it: building must not read the chain.
  const connection = new Connection("http://127.0.0.1:9");
  const { staking } = programs(new AnchorProvider(connection, new Wallet(Keypair.generate()), {}));
  const supplier = new SupplierInstructions(staking, mint);
  const { device, fields, message, signature, text } = signed();

  const [verifyIx, registerIx] = await supplier.registerDevice(owner, text);
  assert.ok(verifyIx.programId.equals(Ed25519Program.programId));
  assert.deepEqual(verifyIx.keys, []);
  // The layout io-consent parses: one signature, everything inside this instruction.
  const data = verifyIx.data;
  assert.equal(data[0], 1);
  const u16 = (at) => data.readUInt16LE(at);
  assert.deepEqual([u16(2), u16(4), u16(6), u16(8), u16(10), u16(12), u16(14)], [48, 0xffff, 16, 0xffff, 112, 204, 0xffff]);
  assert.deepEqual(new Uint8Array(data.subarray(16, 48)), fields.deviceKey.toBytes());
  assert.deepEqual(new Uint8Array(data.subarray(48, 112)), signature);
  assert.deepEqual(new Uint8Array(data.subarray(112)), message);
  assert.ok(verify(null, data.subarray(112), device.publicKey, data.subarray(48, 112)));

  assert.ok(registerIx.programId.equals(IO_STAKING_PROGRAM_ID));
  const signers = registerIx.keys.filter((k) => k.isSigner).map((k) => k.pubkey.toBase58());
  assert.deepEqual(signers, [owner.toBase58()]);
  const named = (pubkey) => registerIx.keys.find((k) => k.pubkey.equals(pubkey));
  assert.ok(named(addresses.device(fields.deviceKey))?.isWritable);
  assert.ok(named(addresses.hardwareMarker(fields.hardwareHash))?.isWritable);
  assert.ok(named(addresses.gpuModel(3)));
  assert.ok(named(SYSVAR_INSTRUCTIONS_PUBKEY));
  assert.equal(named(SYSVAR_INSTRUCTIONS_PUBKEY).isWritable, false);
  const decoded = staking.coder.instruction.decode(registerIx.data);
  assert.match(decoded.name, /^register_?[dD]evice$/);
  const args = decoded.data.args;
  assert.ok((args.deviceKey ?? args.device_key).equals(fields.deviceKey));
  assert.equal(args.gpuCount ?? args.gpu_count, 8);
  assert.deepEqual(Array.from(args.hardwareHash ?? args.hardware_hash), Array.from(fields.hardwareHash));

  // The parsed consent works as well as its text.
  const again = await supplier.registerDevice(owner, parseConsent(text));
  assert.deepEqual(again[1].data, registerIx.data);

  // Another owner, another deployment, another program: refused before anything is signed.
  const stranger = Keypair.generate().publicKey;
  await assert.rejects(supplier.registerDevice(stranger, text), /lets .* register the device, not /);
  const elsewhere = signed({ config: new Addresses(stranger).config });
  await assert.rejects(supplier.registerDevice(owner, elsewhere.text), /not this deployment's/);
  const otherProgram = signed({ programId: stranger });
  await assert.rejects(supplier.registerDevice(owner, otherProgram.text), /staking program/);
  await assert.rejects(supplier.registerDevice(owner, "io-consent-v1:00"), ConsentFormatError);
});
