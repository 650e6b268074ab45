// The BigInt schedule equals the program's, as `io-keeper schedule --format csv` prints it,
// for every one of the 175,319 epochs.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import { LAST_EPOCH, schedule, formatAmount, epochEmission } from "../dist/index.js";
import { IO_KEEPER } from "./harness.mjs";

test("every epoch of the schedule matches io-keeper's, to the base unit", () => {
  const csv = execFileSync(
    IO_KEEPER,
    ["schedule", "--format", "csv", "--from", "1", "--to", String(LAST_EPOCH)],
    { maxBuffer: 64 << 20 },
  ).toString();
  const rows = csv.trim().split("\n");
  assert.equal(rows[0], "epoch,emission_base_units,emission_io,cumulative_base_units");
  assert.equal(rows.length - 1, LAST_EPOCH);
  let index = 1;
  for (const { epoch, emission, cumulative } of schedule()) {
    const expected = `${epoch},${emission},${formatAmount(emission)},${cumulative}`;
    if (rows[index] !== expected) assert.equal(rows[index], expected, `epoch ${epoch}`);
    index += 1;
  }
  // The published figures.
  assert.equal(formatAmount(epochEmission(1)), "4566.21004566");
  assert.equal(formatAmount(epochEmission(2)), "4566.14663492");
});
