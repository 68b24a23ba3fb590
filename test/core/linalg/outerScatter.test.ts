// The sparse outer-product kernel of the sample moments (outerScatter.ts, wasm/outerScatter.wat)
// against its JS loop bit for bit, and against XᵀX summed densely (the upper triangle) to ~ε.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocSparseRows, scatterOuter, scatterRowJs, sparseRowsDoubles } from '../../../src/core/linalg/outerScatter';
import { arenaDoubles, createArena, JsArena } from '../../../src/core/linalg/wasm/wasmGemm';
import { rng } from '../theory/helpers';

describe('sparse outer products into Σx (outerScatter.ts)', () => {
  for (const [rows, d, density] of [[1, 1, 1], [37, 50, 0.2], [64, 29, 0.9], [20, 16, 0]] as const) {
    it(`${rows} rows of ${d}, density ${density}: the kernel gives the JS loop's bits and XᵀX's upper triangle`, () => {
      const r = rng(rows * 100 + d);
      const X = Float64Array.from({ length: rows * d }, () => (r() < density ? r() - 0.5 : 0));
      const arena = createArena(arenaDoubles([d * d, ...sparseRowsDoubles(rows, d)]));
      const S = arena.alloc(d * d);
      const x = allocSparseRows(arena, rows, d);
      let c = 0;
      for (let t = 0; t < rows; t++) {
        for (let j = 0; j < d; j++)
          if (X[t * d + j] !== 0) {
            x.idx[c] = j;
            x.val[c++] = X[t * d + j];
          }
        x.start[t + 1] = c;
      }
      S.fill(0.25); // accumulates onto what is there
      scatterOuter(arena, S, d, x, rows);
      const ref = new Float64Array(d * d).fill(0.25);
      for (let t = 0; t < rows; t++) scatterRowJs(ref, d, x, t);
      assert.deepEqual(Array.from(S), Array.from(ref));
      // the JS fallback arena takes the loop
      const js = new JsArena();
      const S2 = new Float64Array(d * d).fill(0.25);
      const x2 = allocSparseRows(js, rows, d);
      x2.idx.set(x.idx);
      x2.val.set(x.val);
      x2.start.set(x.start);
      scatterOuter(js, S2, d, x2, rows);
      assert.deepEqual(Array.from(S2), Array.from(ref));
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          let g = 0.25;
          if (j >= i) for (let t = 0; t < rows; t++) g += X[t * d + i] * X[t * d + j];
          assert.ok(Math.abs(S[i * d + j] - g) <= 1e-14 * (1 + rows), `(${i}, ${j}): ${S[i * d + j]} vs ${g}`);
        }
    });
  }
});
