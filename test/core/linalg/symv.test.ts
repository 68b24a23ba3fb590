// y = S x from S's lower triangle (symv.ts, wasm/symv.wat): the kernel against its JS loop bit for
// bit, and against the plain product with the full symmetric matrix to ~ε; the upper triangle is
// filled with garbage to show it is never read; S inside a larger matrix (row stride ld > n).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { symvLower, symvLowerJs } from '../../../src/core/linalg/symv';
import { arenaDoubles, createArena, JsArena } from '../../../src/core/linalg/wasm/wasmGemm';
import { rng } from '../theory/helpers';

describe('symmetric matrix–vector product from the lower triangle (symv.ts)', () => {
  for (const [n, ld, s0] of [[1, 1, 0], [2, 2, 0], [3, 5, 6], [17, 17, 0], [64, 70, 71], [101, 120, 5]] as const) {
    it(`n = ${n} inside rows of ${ld} (from entry ${s0}): kernel = JS loop bit for bit, = S x to ~ε`, () => {
      const r = rng(n * 7 + ld);
      const len = s0 + n * ld + 2;
      const arena = createArena(arenaDoubles([len, n + 3, n]));
      const A = arena.alloc(len);
      const S = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          const v = r() - 0.5;
          S[i * n + j] = v;
          S[j * n + i] = v;
          A[s0 + i * ld + j] = v;
        }
      for (let i = 0; i < n; i++) for (let j = i + 1; j < ld; j++) if (s0 + i * ld + j < len) A[s0 + i * ld + j] = 1e300; // never read
      const X = arena.alloc(n + 3);
      for (let i = 0; i < n + 3; i++) X[i] = r() - 0.5;
      const y = arena.alloc(n);
      y.fill(7); // overwritten
      symvLower(arena, A, s0, ld, n, X, 3, y);
      const ref = new Float64Array(n);
      symvLowerJs(A, s0, ld, n, X, 3, ref);
      assert.deepEqual(Array.from(y), Array.from(ref));
      const y2 = new Float64Array(n);
      symvLower(new JsArena(), Float64Array.from(A), s0, ld, n, Float64Array.from(X), 3, y2);
      assert.deepEqual(Array.from(y2), Array.from(ref));
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += S[i * n + j] * X[3 + j];
        assert.ok(Math.abs(y[i] - t) <= 1e-14 * n, `${i}: ${y[i]} vs ${t}`);
      }
    });
  }
});
