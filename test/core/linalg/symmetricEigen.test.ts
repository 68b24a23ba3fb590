// Symmetric eigendecomposition (src/core/linalg/symmetricEigen.ts: Householder tridiagonalization
// + implicit QL, Q implicit) against closed forms (diagonal, rotated by a known orthogonal matrix,
// rank-deficient, clustered, tiny and negative eigenvalues), against LAPACK (numpy's dsyevd,
// fixtures/lapack.json) and against ml-matrix; Q f(Λ) Qᵀ M without Q against the explicit product.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { applySpectral, explicitQ, symmetricEigenFlat } from '../../../src/core/linalg/symmetricEigen';
import { applySpectralFunction, symmetricEig } from '../../../src/core/linalg/dense';
import { designedSymmetric, eigenFactorErrors, maxDiff } from './helpers';
import { randomMat, randomPsd } from '../theory/helpers';

const EPS = 2 ** -52;
interface Case { name: string; kind: 'svd' | 'eig'; rows: number; cols: number; data: number[]; values: number[] }
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'lapack.json'), 'utf8')) as { cases: Case[] };

/** ‖A − QΛQᵀ‖_max and ‖QᵀQ − I‖_max of the explicit Q. */
function checkFactors(A: Float64Array, n: number): { rec: number; orth: number } {
  const eig = symmetricEigenFlat(A, n);
  const Q = explicitQ(eig);
  return eigenFactorErrors(A, n, eig.values, Q);
}

describe('symmetric eigendecomposition (tridiagonalization + implicit QL, flat arrays)', () => {
  it('0×0, 1×1, 2×2 in closed form', () => {
    assert.equal(symmetricEigenFlat(new Float64Array(0), 0).values.length, 0);
    assert.deepEqual(Array.from(symmetricEigenFlat(Float64Array.of(-3), 1).values), [-3]);
    // [[2, 1], [1, 2]]: 3 and 1, vectors (1, ±1)/√2
    const e = symmetricEigenFlat(Float64Array.of(2, 1, 1, 2), 2);
    assert.ok(maxDiff(e.values, [3, 1]) < 4 * EPS);
    const Q = explicitQ(e);
    assert.ok(Math.abs(Math.abs(Q[0]) - Math.SQRT1_2) < 4 * EPS && Math.abs(Q[0] - Q[2]) < 4 * EPS, `${Array.from(Q)}`);
  });

  it('diagonal: the diagonal, sorted, exactly; Q a permutation', () => {
    const d = [0.5, -2, 7, 0, 1e-14, 3];
    const n = d.length;
    const A = new Float64Array(n * n);
    d.forEach((x, i) => (A[i * n + i] = x));
    const e = symmetricEigenFlat(A, n);
    assert.deepEqual(Array.from(e.values), [...d].sort((a, b) => b - a));
    const Q = explicitQ(e);
    for (let j = 0; j < n; j++) assert.equal(Math.abs(Q[d.indexOf(e.values[j]) * n + j]), 1);
  });

  for (const [name, values] of [
    ['generic', [4, 2.5, 1, 0.5, -0.75, -3, 0.1, 2]],
    ['rank-deficient PSD', [3, 2, 1, 0, 0, 0, 0, 0, 0]],
    ['clustered', [1, 1, 1, 1 + 1e-13, 1 - 1e-13, 0.5, 0.5, 2]],
    ['tiny eigenvalues (1e-14·λmax)', [1, 1e-4, 1e-8, 1e-12, 1e-14, 0]],
  ] as Array<[string, number[]]>) {
    it(`rotated by a known orthogonal matrix, ${name}: λ within ~ε·λmax of the closed form, A = QΛQᵀ`, () => {
      const { A, Q: Q0 } = designedSymmetric(values, 17 + values.length);
      const n = values.length;
      const e = symmetricEigenFlat(A, n);
      const want = [...values].sort((a, b) => b - a);
      const top = Math.max(...values.map(Math.abs));
      const err = maxDiff(e.values, want);
      assert.ok(err <= 64 * EPS * top, `${err / top}·λmax`);
      const f = checkFactors(A, n);
      assert.ok(f.rec < 64 * EPS * top && f.orth < 1e-13, JSON.stringify(f));
      // a simple, well-separated eigenvalue: its vector is the closed form's column, up to sign
      const sep = want.findIndex((l, j) => want.every((m, i) => i === j || Math.abs(m - l) > 0.1 * top));
      if (sep >= 0) {
        const Q = explicitQ(e);
        const t = values.indexOf(want[sep]);
        let dot = 0;
        for (let i = 0; i < n; i++) dot += Q[i * n + sep] * Q0[i * n + t];
        assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-13, `${dot}`);
      }
    });
  }

  it('zero rows split off (never-lit pixels): the same spectrum plus zeros, A = QΛQᵀ, Q f(Λ)Qᵀ M', () => {
    const values = [2, 1, 0.5, 1e-3, -0.25, 0];
    const { A: B } = designedSymmetric(values, 29);
    const keep = [1, 2, 3, 5, 6, 7];
    const n = 9;
    const A = new Float64Array(n * n);
    keep.forEach((a, i) => keep.forEach((b, j) => (A[a * n + b] = B[i * 6 + j])));
    const e = symmetricEigenFlat(A, n);
    assert.deepEqual(Array.from(e.rowOrder ?? []), [1, 2, 3, 5, 6, 7, 0, 4, 8]);
    assert.ok(maxDiff(e.values, [2, 1, 0.5, 1e-3, 0, 0, 0, 0, -0.25]) < 64 * EPS * 2);
    const f = checkFactors(A, n);
    assert.ok(f.rec < 64 * EPS * 2 && f.orth < 1e-13, JSON.stringify(f));
    const M = randomMat(n, 2, 71);
    const got = applySpectral(e, (l) => 1 / l, 1e-12, M.data, 2);
    const Q = explicitQ(e);
    const want = new Float64Array(n * 2);
    for (let k = 0; k < n; k++) {
      if (!(e.values[k] > 1e-12)) continue;
      for (let c = 0; c < 2; c++) {
        let q = 0;
        for (let a = 0; a < n; a++) q += Q[a * n + k] * M.data[a * 2 + c];
        for (let i = 0; i < n; i++) want[i * 2 + c] += (Q[i * n + k] * q) / e.values[k];
      }
    }
    assert.ok(maxDiff(got, want) < 1e-10, `${maxDiff(got, want)}`);
    for (const z of [0, 4, 8]) assert.ok(got[z * 2] === 0 && got[z * 2 + 1] === 0, 'Σx⁺ is zero on the split-off rows');
  });

  it('against LAPACK (numpy dsyevd, fixtures/lapack.json) and ml-matrix', () => {
    const cases = fixture.cases.filter((c) => c.kind === 'eig');
    assert.ok(cases.length >= 3);
    for (const c of cases) {
      const A = Float64Array.from(c.data);
      const e = symmetricEigenFlat(A, c.rows);
      const top = Math.max(...c.values.map(Math.abs));
      assert.ok(maxDiff(e.values, c.values) <= 32 * EPS * top, `${c.name}: ${maxDiff(e.values, c.values) / top}`);
      const f = checkFactors(A, c.rows);
      assert.ok(f.rec < 1e-13 * top && f.orth < 1e-13, `${c.name}: ${JSON.stringify(f)}`);
    }
    for (const n of [3, 16, 41]) {
      const S = randomPsd(n, Math.max(2, n >> 1), 300 + n); // rank n/2: a cluster at 0
      const ml = new EigenvalueDecomposition(Matrix.from1DArray(n, n, Array.from(S.data)), { assumeSymmetric: true });
      const want = [...ml.realEigenvalues].sort((a, b) => b - a);
      const got = symmetricEig(S).values;
      assert.ok(maxDiff(got, want) < 1e-13 * want[0], `n = ${n}`);
    }
  });

  it('dense.applySpectralFunction: the implicit route (few columns) and the explicit one (many) agree', () => {
    const n = 40;
    const S = randomPsd(n, 30, 801);
    const f = (l: number) => 1 / l;
    const eigA = symmetricEig(S);
    const eigB = symmetricEig(S);
    const wide = randomMat(n, n, 802);
    const viaImplicit = applySpectral(symmetricEigenFlat(S.data, n), f, n * EPS * eigA.values[0], wide.data, n);
    const a = applySpectralFunction(eigA, f, wide); // 40 columns > n/4: Q formed, two products
    void eigB.vectors; // formed first: 9 columns (past 8) go through Q
    const narrow = randomMat(n, 9, 803);
    const b = applySpectralFunction(eigB, f, narrow);
    const bImplicit = applySpectral(symmetricEigenFlat(S.data, n), f, n * EPS * eigB.values[0], narrow.data, 9);
    const sa = Math.max(...Array.from(viaImplicit, Math.abs));
    const sb = Math.max(...Array.from(bImplicit, Math.abs));
    assert.ok(maxDiff(a.data, viaImplicit) < 1e-10 * sa, `${maxDiff(a.data, viaImplicit) / sa}`);
    assert.ok(maxDiff(b.data, bImplicit) < 1e-10 * sb, `${maxDiff(b.data, bImplicit) / sb}`);
  });

  it('Q f(Λ) Qᵀ M without Q equals the product with the explicit Q (pseudo-inverse cut-off included)', () => {
    for (const n of [1, 2, 5, 30]) {
      const S = randomPsd(n, Math.max(1, n - 2), 500 + n);
      const M = randomMat(n, 3, 600 + n);
      const e = symmetricEigenFlat(S.data, n);
      const tol = n * EPS * e.values[0];
      const f = (l: number) => 1 / Math.sqrt(l);
      const got = applySpectral(e, f, tol, M.data, 3);
      const Q = explicitQ(e);
      const want = new Float64Array(n * 3);
      for (let k = 0; k < n; k++) {
        if (!(e.values[k] > tol)) continue;
        for (let c = 0; c < 3; c++) {
          let q = 0;
          for (let a = 0; a < n; a++) q += Q[a * n + k] * M.data[a * 3 + c];
          q *= f(e.values[k]);
          for (let i = 0; i < n; i++) want[i * 3 + c] += Q[i * n + k] * q;
        }
      }
      const scale = Math.max(...Array.from(want, Math.abs), 1e-300);
      assert.ok(maxDiff(got, want) < 1e-11 * scale, `n = ${n}: ${maxDiff(got, want) / scale}`);
      // dense.ts routes through the implicit form and agrees with its own explicit vectors
      const eig = symmetricEig(S);
      const viaDense = applySpectralFunction(eig, f, M);
      assert.ok(maxDiff(viaDense.data, want) < 1e-11 * scale);
      assert.equal(eig.vectors.rows, n);
    }
  });
});

it('explicitQ(eig, count): the first count columns of Q bit for bit, on the JS route and the arena route (n ≥ 64)', () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  for (const n of [9, 70]) {
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rnd();
    const eig = symmetricEigenFlat(A, n);
    const Q = explicitQ(eig);
    for (const count of [1, 4, n]) {
      const block = explicitQ(eig, count);
      assert.equal(block.length, n * count);
      for (let i = 0; i < n; i++) for (let j = 0; j < count; j++) assert.ok(Object.is(block[i * count + j], Q[i * n + j]), `n = ${n}, count ${count}: Q[${i}][${j}]`);
    }
  }
});
