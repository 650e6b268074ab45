// A Wallet Standard test wallet for the browser tests: injected into the page, it signs in
// Node through `page.exposeFunction`, so the key never enters the page. Offers
// `solana:signTransaction` (the app sends through our RPC itself).
import { Keypair, VersionedTransaction } from "@solana/web3.js";

export async function injectTestWallet(page, keypair = Keypair.generate()) {
  const control = { rejectNext: false, signed: 0 };
  await page.exposeFunction("__testWalletAccount", () => ({
    address: keypair.publicKey.toBase58(),
    publicKey: Array.from(keypair.publicKey.toBytes()),
  }));
  await page.exposeFunction("__testWalletSign", (bytes) => {
    if (control.rejectNext) {
      control.rejectNext = false;
      throw new Error("User rejected the request.");
    }
    const transaction = VersionedTransaction.deserialize(Uint8Array.from(bytes));
    transaction.sign([keypair]);
    control.signed += 1;
    return Array.from(transaction.serialize());
  });
  await page.addInitScript(() => {
    const listeners = { change: new Set() };
    let accounts = [];
    const icon =
      "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxIDEiLz4=";
    const wallet = {
      version: "1.0.0",
      name: "Test Wallet",
      icon,
      chains: ["solana:mainnet", "solana:devnet", "solana:testnet", "solana:localnet"],
      get accounts() {
        return accounts;
      },
      features: {
        "standard:connect": {
          version: "1.0.0",
          connect: async () => {
            const account = await window.__testWalletAccount();
            accounts = [
              {
                address: account.address,
                publicKey: new Uint8Array(account.publicKey),
                chains: wallet.chains,
                features: ["solana:signTransaction"],
              },
            ];
            for (const listener of listeners.change) listener({ accounts });
            return { accounts };
          },
        },
        "standard:disconnect": {
          version: "1.0.0",
          disconnect: async () => {
            accounts = [];
            for (const listener of listeners.change) listener({ accounts });
          },
        },
        "standard:events": {
          version: "1.0.0",
          on: (event, listener) => {
            listeners[event]?.add(listener);
            return () => listeners[event]?.delete(listener);
          },
        },
        "solana:signTransaction": {
          version: "1.0.0",
          supportedTransactionVersions: ["legacy", 0],
          signTransaction: async (...inputs) =>
            Promise.all(
              inputs.map(async ({ transaction }) => ({
                signedTransaction: new Uint8Array(await window.__testWalletSign(Array.from(transaction))),
              })),
            ),
        },
      },
    };
    const register = ({ register }) => register(wallet);
    try {
      window.dispatchEvent(new CustomEvent("wallet-standard:register-wallet", { detail: register }));
    } catch (error) {
      console.error("wallet-standard:register-wallet event could not be dispatched", error);
    }
    window.addEventListener("wallet-standard:app-ready", ({ detail }) => register(detail));
  });
  return { keypair, control };
}
