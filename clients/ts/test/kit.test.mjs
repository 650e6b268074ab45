// @solana/kit (v0 transactions, confirmed through its RPC subscriptions) against a real
// `io-localnet --serve`.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  AccountRole,
  address,
  airdropFactory,
  appendTransactionMessageInstruction,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  generateKeyPairSigner,
  getSignatureFromTransaction,
  lamports,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
} from "@solana/kit";

import { startLocalnet } from "./harness.mjs";

let localnet;

before(async () => {
  localnet = await startLocalnet({ devices: 1, epochSeconds: 60 });
});

after(async () => {
  const { code, output } = await localnet.stop();
  assert.equal(code, 0, output);
});

/** The System Program's transfer, built by hand (Kit ships no program clients itself). */
function transferSol(from, to, amount) {
  const data = new Uint8Array(12);
  const view = new DataView(data.buffer);
  view.setUint32(0, 2, true);
  view.setBigUint64(4, amount, true);
  return {
    programAddress: address("11111111111111111111111111111111"),
    accounts: [
      { address: from.address, role: AccountRole.WRITABLE_SIGNER, signer: from },
      { address: to, role: AccountRole.WRITABLE },
    ],
    data,
  };
}

test("Kit: an airdrop and a v0 transfer, confirmed over the subscriptions", async () => {
  const rpc = createSolanaRpc(localnet.rpc);
  const rpcSubscriptions = createSolanaRpcSubscriptions(localnet.ws);
  const payer = await generateKeyPairSigner();
  await airdropFactory({ rpc, rpcSubscriptions })({
    recipientAddress: payer.address,
    lamports: lamports(2_000_000_000n),
    commitment: "confirmed",
  });
  const recipient = (await generateKeyPairSigner()).address;
  const { value: latestBlockhash } = await rpc.getLatestBlockhash().send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(latestBlockhash, m),
    (m) => appendTransactionMessageInstruction(transferSol(payer, recipient, 123_456_789n), m),
  );
  const transaction = await signTransactionMessageWithSigners(message);
  await sendAndConfirmTransactionFactory({ rpc, rpcSubscriptions })(transaction, { commitment: "confirmed" });
  const { value: balance } = await rpc.getBalance(recipient).send();
  assert.equal(balance, 123_456_789n);
  const landed = await rpc
    .getTransaction(getSignatureFromTransaction(transaction), { maxSupportedTransactionVersion: 0, encoding: "json" })
    .send();
  assert.equal(landed.version, 0);
});
