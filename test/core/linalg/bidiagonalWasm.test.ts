// The unblocked bidiagonalization's f64x2 kernel (wasm/bidiagonal.wat via bidiagonalWasm.ts) against
// bidiagonalize.ts's JS loop: the same bits (diagonal, superdiagonal, kept reflectors and their β) on
// shapes that take every branch of the kernel (odd and even row lengths, tails of 1–3 after the
// blocks of four, zero columns, a column below NEGLIGIBLE2); and the rank-deficient matrix at 2^-664
// whose last columns once squared to subnormals and gave β = ∞ (now finite and ~ε·σ1 of scale 1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bidiagonalizeUnblocked, NEGLIGIBLE2 } from '../../../src/core/linalg/bidiagonalize';
import { bidiagonalizeWasm, bidiagonalWasmAvailable } from '../../../src/core/linalg/bidiagonalWasm';
import { singularValuesFlat } from '../../../src/core/linalg/svd';
import { designedMatrix } from './helpers';
import { randomMat } from '../theory/helpers';

const EPS = 2 ** -52;
const bits = (x: ArrayLike<number>) => Array.from(x, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('unblocked bidiagonalization: the f64x2 kernel and the JS loop', () => {
  it('WebAssembly SIMD is there (Node 20): the kernel runs', () => {
    assert.equal(bidiagonalWasmAvailable(), true);
  });

  it('the same bits: d, e and, kept, every reflector and β', () => {
    const shapes = [[1, 1], [2, 1], [2, 2], [3, 3], [5, 4], [6, 5], [7, 7], [9, 8], [20, 20], [33, 17], [65, 63], [100, 10], [64, 64], [31, 30]];
    for (const [m, n] of shapes) {
      const A = randomMat(m, n, 3 * m + n).data;
      if (n > 3 && n % 2 === 0) for (let i = 0; i < m; i++) A[i * n + 1] = 0; // a zero column: no left reflector there
      // block diagonal [[X, 0], [0, 2^-500 Y]] (X 3×3): the reflectors of X leave the tiny block alone, whose
      // columns and rows have ‖x‖² ≤ 2^-1000·m < NEGLIGIBLE2 — no reflectors there
      if (n > 5 && n < 10)
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) if ((i < 3) !== (j < 3)) A[i * n + j] = 0;
          else if (i >= 3) A[i * n + j] *= 2 ** -500;
      for (const keep of [false, true]) {
        const d1 = new Float64Array(n), e1 = new Float64Array(n), d2 = new Float64Array(n), e2 = new Float64Array(n);
        const js = bidiagonalizeUnblocked(Float64Array.from(A), m, n, d1, e1, keep);
        const wasm = bidiagonalizeWasm(A, m, n, d2, e2, keep);
        assert.notEqual(wasm, undefined);
        const tag = `${m}×${n} keep=${keep}`;
        assert.deepEqual(bits(d2), bits(d1), `${tag}: d`);
        assert.deepEqual(bits(e2), bits(e1), `${tag}: e`);
        if (!keep) {
          assert.equal(wasm, null);
          continue;
        }
        assert.ok(js && wasm);
        assert.equal(wasm.leftV.length, js.leftV.length);
        assert.equal(wasm.rightV.length, js.rightV.length);
        js.leftV.forEach((v, k) => assert.deepEqual(bits(wasm.leftV[k]), bits(v), `${tag}: left v_${k}`));
        js.rightV.forEach((v, k) => assert.deepEqual(bits(wasm.rightV[k]), bits(v), `${tag}: right v_${k}`));
        assert.deepEqual(bits(wasm.leftB), bits(js.leftB), `${tag}: left β`);
        assert.deepEqual(bits(wasm.rightB), bits(js.rightB), `${tag}: right β`);
      }
    }
    assert.ok(2 ** -1000 < NEGLIGIBLE2);
  });

  it('a rank-5 30×20 matrix at 2^±664 (remnants below 2^-1000 when squared): finite σ, σ/2^k within 1e-13·σ1 of scale 1', () => {
    const values = [1, 0.3, 1e-3, 1e-6, 2e-9];
    const A = designedMatrix(30, 20, values, 4);
    const ref = singularValuesFlat(A, 30, 20);
    values.forEach((v, i) => assert.ok(Math.abs(ref[i] - v) <= 64 * EPS, `σ_${i + 1} ${ref[i]} vs ${v}`));
    for (const k of [664, -664, -1000]) {
      const f = 2 ** k;
      const s = singularValuesFlat(A.map((x) => x * f), 30, 20);
      s.forEach((x, i) => assert.ok(Number.isFinite(x) && Math.abs(x / f - ref[i]) <= 1e-13 * ref[0], `2^${k}: σ_${i + 1} ${x / f} vs ${ref[i]}`));
    }
  });
});
