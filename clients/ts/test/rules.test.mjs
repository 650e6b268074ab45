// Every protocol rule the client holds, checked value for value against the Rust: the constants
// in rules.generated.ts are printed from the programs' own (`cargo run -p io-idl`, checked by CI),
// and RULE_VECTORS are outputs of the programs' functions for these inputs.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DEFAULT_BUYBACK_CURVE,
  PUBLISHED_GPU_MODELS,
  RULE_VECTORS,
  burnShareBps,
  hourlySplit,
  requiredStake,
} from "../dist/index.js";

test("required stake for every published model and GPU count is the program's", () => {
  assert.equal(RULE_VECTORS.requiredStake.length, PUBLISHED_GPU_MODELS.length * 4);
  for (const { base, gpus, multiplierCenti, stake } of RULE_VECTORS.requiredStake) {
    assert.equal(requiredStake(base, gpus, multiplierCenti), stake, `${multiplierCenti} x ${gpus}`);
  }
});

test("an hour's fee split is the program's, refusals included", () => {
  for (const vector of RULE_VECTORS.hourlySplit) {
    const split = hourlySplit(vector.price, vector.usdc);
    if ("refused" in vector) {
      assert.equal(split, undefined, `price ${vector.price}`);
    } else {
      const { renterPays, supplierGets, fees } = vector;
      assert.deepEqual(split, { renterPays, supplierGets, fees }, `price ${vector.price} usdc ${vector.usdc}`);
    }
  }
});

test("the buy-back share along the default curve is the program's", () => {
  const curve = DEFAULT_BUYBACK_CURVE.map((point) => ({ ...point }));
  for (const { priceE8, shareBps } of RULE_VECTORS.burnShareBps) {
    assert.equal(burnShareBps(curve, priceE8), shareBps, `price ${priceE8}`);
  }
});
