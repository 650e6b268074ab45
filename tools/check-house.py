#!/usr/bin/env python3
"""The layout's rules, checked from `cargo metadata` and `cargo tree` (run by .ci/run):

- io-keeper, the operator's binary, links neither solana-program-test nor the embedded chain,
  its RPC face or the simulation;
- io-worker, on every GPU machine, links no chain client, no Solana runtime, no Anchor and no
  keeper crate;
- the workspace's crates form no cycle, counting dev-dependencies and optional ones;
- no hand-written Rust file is over 600 lines (vendor/ is a patched upstream crate);
- nothing in the repository cites a design file outside it.
"""
import json
import os
import re
import subprocess
import sys

MAX_LINES = 600
failures = []


def cargo_tree(package):
    out = subprocess.run(
        ["cargo", "tree", "-p", package, "-e", "normal", "--prefix", "none", "--all-features"],
        check=True, capture_output=True, text=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def forbid(package, pattern, why):
    found = sorted(name for name in cargo_tree(package) if re.match(pattern, name))
    if found:
        failures.append(f"{package} must not depend on {', '.join(found)}: {why}")


forbid("io-keeper", r"^(solana-program-test|solana-banks-.*|io-localchain|io-localnode|io-localnet|io-test-harness)$",
       "the operator's binary never links the test runtime or the local chain")
forbid("io-worker", r"^(solana-client|solana-rpc-client.*|solana-program-test|solana-runtime|solana-svm.*|agave-.*|anchor-.*|io-keeper|io-chain|io-ops|io-attestation|io-indexer|io-localchain|io-localnode|io-localnet)$",
       "the GPU worker needs NVML, HTTP and the heartbeat wire format, nothing of the chain")

metadata = json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--no-deps"],
    check=True, capture_output=True, text=True).stdout)
members = {p["name"]: p for p in metadata["packages"]}
edges = {name: sorted({d["name"] for d in p["dependencies"] if d["name"] in members and d["name"] != name})
         for name, p in members.items()}


def find_cycle():
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in edges[node]:
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


cycle = find_cycle()
if cycle:
    failures.append("dependency cycle (dev and optional dependencies count): " + " -> ".join(cycle))

root = metadata["workspace_root"]
skip_dirs = {"target", "node_modules", "vendor", ".git", "dist"}
outside = re.compile(r"SYSTEM\.md|TOOLCHAIN\.md|ECOSYSTEM\.md|STYLE\.md|\.\./shared/|reward_model\.py")
for directory, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if d not in skip_dirs and not d.startswith(".")]
    for name in files:
        path = os.path.join(directory, name)
        rel = os.path.relpath(path, root)
        if rel == os.path.join("tools", "check-house.py"):
            continue
        if not name.endswith((".rs", ".md", ".ts", ".tsx", ".mjs", ".js", ".json", ".toml", ".sh")):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if name.endswith(".rs") and text.count("\n") > MAX_LINES:
            failures.append(f"{rel}: {text.count(chr(10))} lines (at most {MAX_LINES})")
        for number, line in enumerate(text.splitlines(), 1):
            if outside.search(line):
                failures.append(f"{rel}:{number}: cites a file outside the repository: {line.strip()[:100]}")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"ok: {len(members)} crates, no cycle; io-keeper and io-worker link only what their jobs need")
