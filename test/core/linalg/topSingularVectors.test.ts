// The leading singular triplets by inverse iteration on the Golub–Kahan tridiagonal
// (linalg/topSingularVectors.ts) against the full implicit-QR SVD (svd.ts) and against their own
// defining equations A v = σ u, Aᵀ u = σ v: random, graded (a staircase plateau), diagonal, rank
// deficient, wide and tall matrices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svdFlat } from '../../../src/core/linalg/svd';
import { backTransform, singularTriplets, topSingularTriplets } from '../../../src/core/linalg/topSingularVectors';
import { bidiagonalizeBlockedKeeping } from '../../../src/core/linalg/bidiagonalBlocked';
import { applyReflectorsWasm, bidiagonalWasmAvailable } from '../../../src/core/linalg/bidiagonalWasm';

let seed = 11;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;

/** Q1 diag(sv) Q2ᵀ (m×n) with random orthogonal factors (Householder products). */
function withSpectrum(m: number, n: number, sv: number[]): Float64Array {
  const orth = (k: number) => {
    const Q: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
    for (let h = 0; h < 3; h++) {
      const v = Array.from({ length: k }, rnd);
      const vv = v.reduce((s, x) => s + x * x, 0);
      for (const row of Q) {
        const t = (2 * row.reduce((s, x, j) => s + x * v[j], 0)) / vv;
        for (let j = 0; j < k; j++) row[j] -= t * v[j];
      }
    }
    return Q;
  };
  const U = orth(m);
  const V = orth(n);
  const A = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < sv.length; r++) s += U[i][r] * sv[r] * V[j][r];
    A[i * n + j] = s;
  }
  return A;
}

function check(name: string, A: Float64Array, m: number, n: number, count: number): void {
  const top = topSingularTriplets(A, m, n, count);
  const full = svdFlat(A, m, n, true);
  assert.equal(top.count, Math.min(count, m, n));
  assert.ok(top.s.every((x) => x >= 0), `${name}: σ ≥ 0`);
  const s1 = full.s[0];
  // every σ, not only the top ones: a record takes them as its σ(W) (metrics.ts)
  assert.equal(top.s.length, full.s.length, `${name}: min(m, n) values`);
  full.s.forEach((x, r) => assert.ok(Math.abs(top.s[r] - x) <= 1e-13 * s1, `${name} σ_${r + 1}: ${top.s[r]} vs ${x}`));
  for (let r = 0; r < top.count; r++) {
    assert.ok(Math.abs(top.s[r] - full.s[r]) <= 1e-13 * s1, `${name} σ_${r + 1}`);
    if (!(top.s[r] > 1e-12 * s1)) continue;
    let res = 0;
    for (let i = 0; i < m; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += A[i * n + j] * top.Vt[r * n + j];
      res = Math.max(res, Math.abs(t - top.s[r] * top.Ut[r * m + i]));
    }
    let resT = 0;
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let i = 0; i < m; i++) t += A[i * n + j] * top.Ut[r * m + i];
      resT = Math.max(resT, Math.abs(t - top.s[r] * top.Vt[r * n + j]));
    }
    assert.ok(res <= 1e-12 * s1 && resT <= 1e-12 * s1, `${name} r ${r + 1}: residuals ${res}, ${resT}`);
    // a gap of at least 1e-6 σ_1 to both neighbours: the same vectors as the full SVD, up to sign
    const gap = Math.min(r > 0 ? full.s[r - 1] - full.s[r] : Infinity, r + 1 < full.s.length ? full.s[r] - full.s[r + 1] : Infinity);
    if (gap < 1e-6 * s1) continue;
    let du = 0;
    let dv = 0;
    for (let i = 0; i < m; i++) du += top.Ut[r * m + i] * full.Ut![r * m + i];
    for (let j = 0; j < n; j++) dv += top.Vt[r * n + j] * full.Vt![r * n + j];
    assert.ok(Math.abs(Math.abs(du) - 1) <= 1e-9 && Math.abs(du - dv) <= 1e-9, `${name} r ${r + 1}: u·u_svd ${du}, v·v_svd ${dv}`);
  }
}

test('random matrices, tall, wide and square: the first 8 triplets satisfy A v = σ u, Aᵀ u = σ v to 1e-12 σ_1 and equal the full SVD\'s', () => {
  for (const [m, n] of [[1, 1], [3, 5], [6, 6], [20, 7], [7, 20], [40, 40], [90, 33]]) {
    check(`${m}×${n}`, Float64Array.from({ length: m * n }, rnd), m, n, 8);
  }
});

test('graded spectra (staircase plateaus 1e-4, 1e-7), a diagonal matrix, rank deficient and all zero', () => {
  check('graded', withSpectrum(12, 9, [1, 0.5, 1e-2, 1e-4, 1.1e-4 * 0.5, 1e-7, 0, 0, 0]), 12, 9, 8);
  check('graded wide', withSpectrum(9, 12, [3, 2, 1, 1e-3, 1e-5, 1e-8, 1e-9, 0, 0]), 9, 12, 8);
  const D = new Float64Array(25);
  [0.3, 2, 0.7, 1.1, 0.01].forEach((x, i) => (D[i * 5 + i] = x));
  check('diagonal', D, 5, 5, 8);
  check('rank 2', withSpectrum(10, 10, [1, 0.25]), 10, 10, 8);
  // past the blocked bidiagonalization's crossover (several panels, then the unblocked tail)
  check('graded 150×120', withSpectrum(150, 120, [2, 1, 0.5, 0.1, 1e-3, 1e-5, 1e-7, 1e-9, 1e-11]), 150, 120, 8);
  const Z = topSingularTriplets(new Float64Array(12), 3, 4, 2);
  assert.deepEqual(Array.from(Z.s), [0, 0, 0]);
  assert.ok(Z.Ut.every((x) => x === 0) && Z.Vt.every((x) => x === 0));
});

test('entries near overflow and underflow (1e200, 1e-200): scaled by 2^k, σ/scale and the vectors as at scale 1', () => {
  const A = withSpectrum(30, 20, [1, 0.3, 1e-3, 1e-6, 2e-9]);
  check('scale 1', A, 30, 20, 5);
  const ref = topSingularTriplets(A, 30, 20, 5);
  for (const scale of [2 ** 664, 2 ** -664]) {
    const r = topSingularTriplets(A.map((x) => x * scale), 30, 20, 5);
    // scaled by a power of two to the edge of the range and back: σ/scale as at scale 1 to ε·σ_1, the same u, v
    r.s.forEach((x, i) => assert.ok(Math.abs(x / scale - ref.s[i]) <= 1e-13 * ref.s[0], `scale ${scale}: σ_${i + 1} ${x / scale} vs ${ref.s[i]}`));
    for (let k = 0; k < 5; k++) {
      let du = 0;
      for (let i = 0; i < 30; i++) du += r.Ut[k * 30 + i] * ref.Ut[k * 30 + i];
      assert.ok(Math.abs(Math.abs(du) - 1) <= 1e-9, `scale ${scale}: u_${k + 1}·u_${k + 1} at scale 1 = ${du} (up to sign)`);
    }
  }
  assert.throws(() => topSingularTriplets(Float64Array.from([1, NaN, 0, 1]), 2, 2, 1), /non-finite/);
});

test('the reflectors taken back on the kernel give the JS loop’s bits: both sides, tall and square, odd lengths, some β = 0, 1 to 9 vectors; pairs() equals pair() one by one', { skip: !bidiagonalWasmAvailable() && 'no WebAssembly SIMD' }, () => {
  for (const [m, n] of [[1, 1], [2, 2], [7, 5], [33, 33], [64, 64], [129, 40], [200, 180]]) {
    const A = Float64Array.from({ length: m * n }, rnd);
    const d = new Float64Array(n);
    const e = new Float64Array(n);
    const refl = bidiagonalizeBlockedKeeping(A, m, n, d, e);
    const leftB = Float64Array.from(refl.leftB);
    if (n > 2) leftB[1] = 0; // a reflector skipped
    for (const q of [1, 2, 9]) {
      for (const [V, B, shift, len] of [[refl.rightV, refl.rightB, 1, n], [refl.leftV, leftB, 0, m]] as const) {
        const xs = Array.from({ length: q }, () => Float64Array.from({ length: len }, rnd));
        const before = Float64Array.from(xs[0]);
        const js = xs.map((x) => Float64Array.from(x));
        assert.ok(applyReflectorsWasm(V, B, shift, xs), `${m}×${n}: the kernel ran`);
        backTransform(V, B, shift, js, false);
        xs.forEach((x, t) => assert.deepEqual(Array.from(x), Array.from(js[t]), `${m}×${n}, shift ${shift}, vector ${t} of ${q}`));
        if (Array.from(B.subarray(0, V.length)).some((b) => b !== 0)) assert.ok(xs[0].some((x, i) => x !== before[i]), `${m}×${n}, shift ${shift}: the vectors moved`);
      }
    }
    const count = Math.min(n, 8);
    const one = singularTriplets(A, m, n, count);
    const all = singularTriplets(A, m, n, count).pairs(Array.from({ length: count }, (_, r) => count - 1 - r));
    for (let r = 0; r < count; r++) {
      const { u, v } = one.pair(r);
      assert.deepEqual(Array.from(all[count - 1 - r].u), Array.from(u), `${m}×${n} u_${r}`);
      assert.deepEqual(Array.from(all[count - 1 - r].v), Array.from(v), `${m}×${n} v_${r}`);
    }
  }
});
