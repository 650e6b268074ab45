// The web app never holds a private key: the device key stays on the GPU machine (it signs a
// consent there, `io-worker register`), and the wallet signs everything else. No source file
// under app/src builds a keypair, reads one from a file, or co-signs with one.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const FORBIDDEN = [
  [/fromSecretKey/, "builds a keypair from a secret key"],
  [/fromSeed/, "builds a keypair from a seed"],
  [/secretKey/i, "touches a secret key"],
  [/\bKeypair\b/, "uses web3.js's Keypair"],
  [/partialSign|extraSigners/, "co-signs with a key besides the wallet"],
  [/keypair (file|JSON)|JSON array of 64/i, "reads a keypair file"],
  [/accept=["'][^"']*json/i, "offers to open a JSON (keypair) file"],
];

test("no file under app/src takes a private key or reads a keypair file", () => {
  const checked = [];
  const found = [];
  for (const path of files(SRC)) {
    const text = readFileSync(path, "utf8");
    checked.push(relative(SRC, path));
    for (const [pattern, why] of FORBIDDEN) {
      text.split("\n").forEach((line, i) => {
        if (pattern.test(line)) found.push(`app/src/${relative(SRC, path)}:${i + 1} ${why}: ${line.trim()}`);
      });
    }
  }
  assert.ok(checked.includes(join("pages", "Supplier.tsx")), "the register form is among the files checked");
  assert.deepEqual(found, []);
});

test("the register form takes the consent io-worker register prints", () => {
  const supplier = readFileSync(join(SRC, "pages", "Supplier.tsx"), "utf8");
  assert.match(supplier, /parseConsent/);
  assert.match(supplier, /io-worker register/);
  assert.match(supplier, /registerDevice\(owner, consent\)/);
});
