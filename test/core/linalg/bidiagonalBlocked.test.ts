// The values-only SVD route of singularValuesFlat: blocked Householder bidiagonalization
// (bidiagonalBlocked.ts, LAPACK dgebrd/dlabrd on the arena's kernels) and the QR first for tall
// matrices (householderQr.ts). Small panels and crossovers force many panels and trailing updates
// on small matrices; checked against closed forms (diagonal, rotated by known orthogonal matrices,
// rank-deficient, clustered, graded down to 1e-15·σ1), against the unblocked Golub–Kahan route
// (svdFlat) and against LAPACK (numpy dgesdd, fixtures/lapack.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bidiagonalizeBlocked, bidiagonalizeBlockedKeeping } from '../../../src/core/linalg/bidiagonalBlocked';
import { householderR } from '../../../src/core/linalg/householderQr';
import { singularValuesFlat, svdFlat } from '../../../src/core/linalg/svd';
import { createArena } from '../../../src/core/linalg/wasm/wasmGemm';
import { designedMatrix, maxDiff } from './helpers';
import { randomMat } from '../theory/helpers';

const EPS = 2 ** -52;
interface Case { name: string; kind: 'svd' | 'eig'; rows: number; cols: number; data: number[]; values: number[] }
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'lapack.json'), 'utf8')) as { cases: Case[] };

/** Panels of 1…5 columns handing over to the unblocked reduction after 2…7 columns: every path. */
const forced = [
  { block: 1, crossover: 1 },
  { block: 2, crossover: 3 },
  { block: 3, crossover: 4 },
  { block: 5, crossover: 7 },
];

const sumSq = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => a + v * v, 0);

describe('blocked bidiagonalization (dgebrd) and the values-only SVD', () => {
  it('B = U_bᵀ A V_b is orthogonally equivalent to A: ‖B‖_F = ‖A‖_F, and upper bidiagonal of the right size', () => {
    for (const [m, n] of [[12, 12], [20, 9], [31, 17]]) {
      const A = randomMat(m, n, 40 + m * n).data;
      for (const opts of forced) {
        const d = new Float64Array(n);
        const e = new Float64Array(n).fill(NaN);
        bidiagonalizeBlocked(A, m, n, d, e, opts);
        assert.equal(e[n - 1], 0);
        const normB = Math.sqrt(sumSq(d) + sumSq(e));
        const normA = Math.sqrt(sumSq(A));
        assert.ok(Math.abs(normB - normA) < 1e-14 * normA, `${m}×${n} ${JSON.stringify(opts)}: ${normB} vs ${normA}`);
      }
    }
  });

  it('A is not modified', () => {
    const A = randomMat(30, 20, 3).data;
    const copy = Float64Array.from(A);
    singularValuesFlat(A, 30, 20, { block: 3, crossover: 4 });
    assert.deepEqual(A, copy);
  });

  it('diagonal: |d_i| sorted, exactly, through the blocked route', () => {
    const d = [3, -1e-14, 0, 7, -2, 1e-300, 0.5, -4];
    const n = d.length;
    const A = new Float64Array(n * n);
    d.forEach((x, i) => (A[i * n + i] = x));
    for (const opts of forced) assert.deepEqual(Array.from(singularValuesFlat(A, n, n, opts)), d.map(Math.abs).sort((a, b) => b - a));
  });

  for (const [name, values] of [
    ['generic', [5, 3, 2, 1, 0.5, 0.25, 0.125, 0.0625]],
    ['rank-deficient', [2, 1, 0.5, 0, 0, 0, 0, 0]],
    ['clustered', [1, 1, 1, 1 + 1e-12, 1 - 1e-12, 0.5, 0.5, 1e-14]],
    ['graded to 1e-15·σ1 (the plateaus)', [1, 1e-2, 1e-4, 1e-6, 1e-9, 1e-12, 1e-14, 1e-15]],
  ] as Array<[string, number[]]>) {
    for (const [m, n] of [[19, 13], [13, 19], [16, 16], [40, 8]]) {
      it(`rotated by known orthogonal matrices, ${name}, ${m}×${n}: every σ to ~ε·σ1 of the closed form, tiny ones kept`, () => {
        const A = designedMatrix(m, n, values, 11 + m + n);
        const k = Math.min(m, n);
        const want = [...values, ...new Array(k - values.length).fill(0)].slice(0, k).sort((a, b) => b - a);
        for (const opts of [...forced, {}]) {
          const s = singularValuesFlat(A, m, n, opts);
          const err = maxDiff(Array.from(s), want);
          assert.ok(err <= 1e-12 * want[0] && err <= 64 * EPS * want[0], `${JSON.stringify(opts)}: ${err / want[0]}·σ1`);
        }
      });
    }
  }

  it('equals the unblocked Golub–Kahan route (svdFlat) to ~ε·σ1 on random shapes, many panels', () => {
    for (const [m, n] of [[1, 1], [2, 1], [1, 7], [9, 9], [37, 23], [23, 37], [64, 64], [90, 31]]) {
      const A = randomMat(m, n, 7 * m + n).data;
      const ref = svdFlat(A, m, n, false).s;
      for (const opts of [...forced, { block: 8, crossover: 8 }, {}]) {
        const s = singularValuesFlat(A, m, n, opts);
        assert.ok(maxDiff(s, ref) <= 32 * EPS * ref[0], `${m}×${n} ${JSON.stringify(opts)}: ${maxDiff(s, ref) / ref[0]}·σ1`);
      }
    }
  });

  it('a 300×260 matrix, by default (unblocked) and in nine panels of 16 columns, the last 116 unblocked: ~ε·σ1 of the unblocked route, graded values kept', () => {
    const values = Array.from({ length: 40 }, (_, i) => 10 ** (-i / 3));
    const A = designedMatrix(300, 260, values, 5);
    const ref = svdFlat(A, 300, 260, false).s;
    for (const opts of [{}, { block: 16, crossover: 116 }]) {
      const s = singularValuesFlat(A, 300, 260, opts);
      assert.ok(maxDiff(s, ref) <= 64 * EPS * ref[0], `${JSON.stringify(opts)}: ${maxDiff(s, ref) / ref[0]}`);
      for (let i = 0; i < values.length; i++) assert.ok(Math.abs(s[i] - values[i]) <= 64 * EPS * values[0], `σ_${i + 1} = ${s[i]} vs ${values[i]}`);
    }
  });

  it('the wasm and the JS kernels give the same bits (the kernels agree bit for bit)', () => {
    const A = randomMat(45, 33, 9).data;
    const js = singularValuesFlat(A, 45, 33, { block: 4, crossover: 5, arena: (t) => createArena(t, { wasm: false }) });
    const wasm = singularValuesFlat(A, 45, 33, { block: 4, crossover: 5, arena: (t) => createArena(t) });
    assert.deepEqual(Array.from(wasm), Array.from(js));
  });

  it('against LAPACK (numpy dgesdd, fixtures/lapack.json): within 1e-12·σ1 and ~ε·σ1, blocked and default', () => {
    const cases = fixture.cases.filter((c) => c.kind === 'svd');
    assert.ok(cases.some((c) => c.rows >= 100 && c.cols >= 100), 'the fixture has the larger cases');
    for (const c of cases) {
      for (const opts of [{ block: 3, crossover: 4 }, { block: 16, crossover: 20 }, {}]) {
        const s = singularValuesFlat(Float64Array.from(c.data), c.rows, c.cols, opts);
        const err = maxDiff(Array.from(s), c.values);
        assert.ok(err <= 1e-12 * c.values[0] && err <= 64 * EPS * c.values[0], `${c.name} ${JSON.stringify(opts)}: ${err / c.values[0]}·σ1`);
      }
    }
  });

  it('entries near overflow or underflow: σ(2^k A) = 2^k σ(A) to the bit (exact scaling first), a lone 1e300 gives its σ1 without hanging, non-finite entries throw', () => {
    for (const [m, n] of [[30, 20], [160, 140], [200, 10]]) {
      const A = randomMat(m, n, m + n).data;
      const s = singularValuesFlat(A, m, n);
      for (const k of [600, -600, 1000, -1000]) {
        const B = A.map((x) => x * 2 ** k);
        assert.deepEqual(Array.from(singularValuesFlat(B, m, n)), Array.from(s, (x) => x * 2 ** k), `${m}×${n}, 2^${k}`);
        assert.deepEqual(Array.from(svdFlat(B, m, n, false).s), Array.from(svdFlat(A, m, n, false).s, (x) => x * 2 ** k), `svdFlat ${m}×${n}, 2^${k}`);
      }
      const C = Float64Array.from(A);
      C[7] = 1e300;
      const t = singularValuesFlat(C, m, n);
      assert.ok(Math.abs(t[0] - 1e300) <= 1e-12 * 1e300 && t.every((x) => x <= t[0] && x >= 0), `${m}×${n}: ${t[0]}`);
      for (const at of [0, 7, m * n - 1])
        for (const bad of [NaN, Infinity, -Infinity]) {
          const D = Float64Array.from(C);
          D[at] = bad;
          assert.throws(() => singularValuesFlat(D, m, n), /non-finite/, `${bad} at ${at}`);
          assert.throws(() => singularValuesFlat(Array.from(D), m, n), /non-finite/, `${bad} at ${at}, an Array`);
        }
    }
  });

  it('QR first for tall matrices when asked (tallRatio): R has A’s singular values, RᵀR = AᵀA, and the route agrees with no QR (the default)', () => {
    for (const [m, n] of [[20, 3], [200, 12], [41, 20]]) {
      const A = randomMat(m, n, m + 3 * n).data;
      const R = householderR(A, m, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(R[i * n + j], 0);
      let dev = 0;
      let scale = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let a = 0;
          let r = 0;
          for (let t = 0; t < m; t++) a += A[t * n + i] * A[t * n + j];
          for (let t = 0; t < n; t++) r += R[t * n + i] * R[t * n + j];
          dev = Math.max(dev, Math.abs(a - r));
          scale = Math.max(scale, Math.abs(a));
        }
      assert.ok(dev < 1e-13 * scale, `${m}×${n}: ‖RᵀR − AᵀA‖ ${dev}`);
      const withQr = singularValuesFlat(A, m, n, { tallRatio: 2 });
      const without = singularValuesFlat(A, m, n);
      assert.ok(maxDiff(withQr, without) <= 32 * EPS * without[0], `${m}×${n}`);
    }
  });
});

describe('bidiagonalizeBlockedKeeping: the kept reflectors', () => {
  it('rebuild A = U_b B V_bᵀ to ~ε‖A‖ (panels, then the unblocked tail; and the default, unblocked on its kernel), with the same B as bidiagonalizeBlocked', () => {
    for (const [m, n, block] of [[70, 50, 8], [64, 64, 16], [40, 17, 4], [200, 33, 8], [90, 60, 0], [33, 33, 0]] as const) {
      const A = randomMat(m, n, 7 + m).data;
      const opts = block ? { block, crossover: 16 } : {};
      const d = new Float64Array(n), e = new Float64Array(n);
      const kept = bidiagonalizeBlockedKeeping(A, m, n, d, e, opts);
      const d2 = new Float64Array(n), e2 = new Float64Array(n);
      bidiagonalizeBlocked(A, m, n, d2, e2, opts);
      assert.deepEqual(Array.from(d), Array.from(d2), 'the same diagonal, bit for bit');
      assert.deepEqual(Array.from(e), Array.from(e2), 'the same superdiagonal');
      assert.equal(kept.leftV.length, n);
      assert.equal(kept.rightV.length, n - 1);
      // M = B (m×n), then M ← P_k M from k = n−1 down (rows k…), then M ← M G_k (columns k+1…)
      const M = new Float64Array(m * n);
      for (let i = 0; i < n; i++) {
        M[i * n + i] = d[i];
        if (i + 1 < n) M[i * n + i + 1] = e[i];
      }
      for (let k = n - 1; k >= 0; k--) {
        const v = kept.leftV[k], beta = kept.leftB[k];
        assert.equal(v.length, m - k);
        for (let c = 0; c < n; c++) {
          let t = 0;
          for (let r = 0; r < v.length; r++) t += v[r] * M[(k + r) * n + c];
          t *= beta;
          for (let r = 0; r < v.length; r++) M[(k + r) * n + c] -= t * v[r];
        }
      }
      for (let k = n - 2; k >= 0; k--) {
        const v = kept.rightV[k], beta = kept.rightB[k];
        assert.equal(v.length, n - k - 1);
        for (let r = 0; r < m; r++) {
          let t = 0;
          for (let c = 0; c < v.length; c++) t += M[r * n + k + 1 + c] * v[c];
          t *= beta;
          for (let c = 0; c < v.length; c++) M[r * n + k + 1 + c] -= t * v[c];
        }
      }
      const norm = Math.sqrt(sumSq(A));
      assert.ok(maxDiff(M, A) <= 200 * EPS * norm, `${m}×${n}/${block}: ‖U B Vᵀ − A‖ ${maxDiff(M, A)} against ‖A‖ ${norm}`);
    }
  });
});
