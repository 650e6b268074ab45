// Anchor and web3.js expect Node's Buffer; the browser gets the `buffer` package before either loads.
import { Buffer } from "buffer";
globalThis.Buffer = globalThis.Buffer ?? Buffer;

const root = document.getElementById("root")!;

async function start() {
  // Imported after the polyfill: module evaluation order matters for Anchor.
  const [{ createRoot }, { Root }, { loadConfig }] = await Promise.all([
    import("react-dom/client"),
    import("./Root"),
    import("./lib/network"),
  ]);
  try {
    const config = await loadConfig();
    createRoot(root).render(<Root config={config} />);
  } catch (error) {
    root.innerHTML = "";
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = `The keeper cannot be reached (${String((error as Error).message ?? error)}). Start it with \`make run\` and reload.`;
    root.append(message);
  }
}

start();
