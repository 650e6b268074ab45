import { WalletMultiButton } from "@solana/wallet-adapter-react-ui";
import { useEffect, useState } from "react";
import { DevicePage, DevicesPage, EpochsPage, NetworkPage, SlashingPage } from "./pages/Explorer";
import { SchedulePage } from "./pages/Schedule";
import { SupplierPage } from "./pages/Supplier";

const PAGES = [
  ["#/", "Network"],
  ["#/schedule", "Schedule"],
  ["#/epochs", "Epochs"],
  ["#/devices", "Devices"],
  ["#/slashing", "Slash cases"],
  ["#/supplier", "My devices"],
] as const;

/** Hash routes: the keeper serves one index.html, and links work without a server rule. */
function useRoute(): string {
  const [hash, setHash] = useState(window.location.hash || "#/");
  useEffect(() => {
    const update = () => setHash(window.location.hash || "#/");
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return hash;
}

function Page({ route }: { route: string }) {
  if (route.startsWith("#/device/")) return <DevicePage deviceKey={decodeURIComponent(route.slice("#/device/".length))} />;
  switch (route) {
    case "#/schedule":
      return <SchedulePage />;
    case "#/epochs":
      return <EpochsPage />;
    case "#/devices":
      return <DevicesPage />;
    case "#/slashing":
      return <SlashingPage />;
    case "#/supplier":
      return <SupplierPage />;
    default:
      return <NetworkPage />;
  }
}

export function App() {
  const route = useRoute();
  return (
    <>
      <header className="top">
        <a className="brand" href="#/">
          IO network
        </a>
        <nav aria-label="Pages">
          {PAGES.map(([href, label]) => (
            <a key={href} href={href} aria-current={route === href ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <WalletMultiButton />
      </header>
      <main>
        <Page route={route} />
      </main>
    </>
  );
}
