import { ConnectionProvider, WalletProvider } from "@solana/wallet-adapter-react";
import { WalletModalProvider } from "@solana/wallet-adapter-react-ui";
import "@solana/wallet-adapter-react-ui/styles.css";
import { StrictMode, useMemo } from "react";
import { App } from "./App";
import { makeNetwork, NetworkContext, type AppConfig } from "./lib/network";
import "./style.css";

export function Root({ config }: { config: AppConfig }) {
  const network = useMemo(() => makeNetwork(config), [config]);
  return (
    <StrictMode>
      <NetworkContext.Provider value={network}>
        <ConnectionProvider endpoint={config.rpc} config={{ commitment: "confirmed", wsEndpoint: config.websocket }}>
          {/* No adapters listed: Phantom, Solflare, Backpack and others announce themselves
              through the Wallet Standard. */}
          <WalletProvider wallets={[]} autoConnect>
            <WalletModalProvider>
              <App />
            </WalletModalProvider>
          </WalletProvider>
        </ConnectionProvider>
      </NetworkContext.Provider>
    </StrictMode>
  );
}
