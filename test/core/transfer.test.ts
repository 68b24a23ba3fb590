// packModels / unpackModels: what crosses a thread or the webview channel. The unpacked input must
// run the same numbers as the prepared one, and the completed basis U must come back equal — but
// only when asked for (packing must not force it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { modelsOf, packModels, runModelOf, unpackModels } from '../../src/core/lab';
import { fromWire, toWire } from '../../src/shared/wire';
import { prepare } from './dynamics/helpers';

const float64 = { factory: createFloat64Engine, backend: 'js' as const, precision: 'float64' as const };

// a rectangular regression (d = 6 > p = 3, r_xy = 2): U is a completed basis beyond the u_i
const experiment = {
  seed: 3,
  data: { kind: 'regression', n: 200, d: 6, p: 3, rank: 2, spectrum: [1, 0.3], noise: 0.01 },
  models: [{ depth: 2, width: 6 }, { depth: 3, width: 6 }],
  init: { scheme: 'aligned', delta: 6 },
  optimizer: { method: 'gd', stepSize: 0.1, steps: 300 },
  record: { every: 10 },
};

describe('packModels / unpackModels', () => {
  it('round-trips through structured clone and through the wire encoding, running identical models', async () => {
    const prepared = await prepare(experiment);
    assert.equal(prepared.refused, false, JSON.stringify(prepared.diagnostics));
    const input = modelsOf(prepared);
    for (const carry of [(x: unknown) => structuredClone(x), (x: unknown) => fromWire(JSON.parse(JSON.stringify(toWire(x))))]) {
      const back = unpackModels(carry(packModels(input)) as ReturnType<typeof packModels>);
      for (let m = 0; m < input.experiment.models.length; m++) {
        const a = await runModelOf(input, m, float64);
        const b = await runModelOf(back, m, float64);
        assert.deepEqual({ ...b, wallMs: 0 }, { ...a, wallMs: 0 }, `model ${m}`);
      }
    }
  });

  it('does not force the completed basis, and completes it equal to the original on demand', async () => {
    const prepared = await prepare(experiment);
    const theory = prepared.theory!;
    const packed = packModels(modelsOf(prepared));
    assert.equal('U' in packed.theory!, false, 'U is not packed');
    const back = unpackModels(structuredClone(packed));
    const U = back.theory!.U;
    const ref = theory.U;
    assert.equal(U.rows, ref.rows);
    assert.equal(U.cols, ref.cols);
    // same construction from the same inputs: the same numbers
    assert.deepEqual(Array.from(U.data), Array.from(ref.data));
    // and an orthonormal basis (an independent check of what came back)
    for (let i = 0; i < U.cols; i++) {
      for (let j = 0; j < U.cols; j++) {
        let s = 0;
        for (let a = 0; a < U.rows; a++) s += U.data[a * U.cols + i] * U.data[a * U.cols + j];
        assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12, `UᵀU[${i}][${j}] = ${s}`);
      }
    }
  });
});
