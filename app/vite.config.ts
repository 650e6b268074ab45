import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * wallet-adapter-react-ui's stylesheet @imports a Google font: a request to a third party on
 * every load (and a failure offline). The app uses the system font stack instead.
 */
function noRemoteFonts(): Plugin {
  return {
    name: "io-no-remote-fonts",
    enforce: "pre",
    transform(code, id) {
      if (id.includes("wallet-adapter-react-ui") && id.endsWith(".css")) {
        return code.replace(/@import url\(['"]?https:\/\/fonts\.googleapis\.com[^)]*\);?/g, "");
      }
      return undefined;
    },
  };
}

// io-localnet serves the build from its root; in `npm run dev` the API is proxied to a running
// `io-localnet --serve` (default port 8080).
export default defineConfig({
  plugins: [noRemoteFonts(), react()],
  base: "/",
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      onwarn(warning, warn) {
        // The client reads Anchor's `default` export where Node has one (see clients/ts/src/client.ts).
        if (warning.code === "IMPORT_IS_UNDEFINED" && warning.message.includes("anchorModule")) return;
        warn(warning);
      },
    },
  },
  server: { proxy: { "/v1": process.env.IO_KEEPER_URL ?? "http://127.0.0.1:8080" } },
});
