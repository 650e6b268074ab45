import { defineConfig } from "vitest/config";

// Unit tests of the app's pure logic (amounts, durations, error messages); the browser tests
// under test/ run with node --test against a real localnet.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
