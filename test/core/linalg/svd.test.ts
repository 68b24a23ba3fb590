// Golub–Kahan SVD (src/core/linalg/svd.ts) against closed forms (diagonal, rotated by known
// orthogonal matrices, rank-deficient, clustered, graded down to 1e-15·σ_1), against LAPACK
// (numpy's dgesdd, fixtures/lapack.json from make_lapack_fixture.py) and against ml-matrix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { singularValuesFlat, svdFlat } from '../../../src/core/linalg/svd';
import { pseudoInverse, singularValues, svd } from '../../../src/core/linalg/dense';
import { designedMatrix, maxDiff } from './helpers';
import { randomMat } from '../theory/helpers';

const EPS = 2 ** -52;
interface Case { name: string; kind: 'svd' | 'eig'; rows: number; cols: number; data: number[]; values: number[] }
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'lapack.json'), 'utf8')) as { cases: Case[] };

/** ‖A − U diag(s) Vᵀ‖_max and the orthonormality of the rows of Ut, Vt. */
function checkFactors(A: Float64Array, m: number, n: number): { rec: number; orthU: number; orthV: number } {
  const { s, Ut, Vt } = svdFlat(A, m, n, true);
  const k = s.length;
  let rec = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let x = 0;
      for (let t = 0; t < k; t++) x += Ut![t * m + i] * s[t] * Vt![t * n + j];
      rec = Math.max(rec, Math.abs(x - A[i * n + j]));
    }
  let orthU = 0;
  let orthV = 0;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let x = 0;
      let y = 0;
      for (let i = 0; i < m; i++) x += Ut![a * m + i] * Ut![b * m + i];
      for (let j = 0; j < n; j++) y += Vt![a * n + j] * Vt![b * n + j];
      orthU = Math.max(orthU, Math.abs(x - (a === b ? 1 : 0)));
      orthV = Math.max(orthV, Math.abs(y - (a === b ? 1 : 0)));
    }
  return { rec, orthU, orthV };
}

describe('singular values (Golub–Kahan, flat arrays)', () => {
  it('empty and 1×1', () => {
    assert.deepEqual(Array.from(singularValuesFlat(new Float64Array(0), 0, 3)), []);
    assert.deepEqual(Array.from(singularValuesFlat(Float64Array.of(-2.5), 1, 1)), [2.5]);
  });

  it('diagonal: |d_i| sorted, exactly', () => {
    const d = [3, -1e-14, 0, 7, -2, 1e-300];
    const n = d.length;
    const A = new Float64Array(n * (n + 2));
    d.forEach((x, i) => (A[i * (n + 2) + i] = x));
    const s = singularValuesFlat(A, n, n + 2);
    assert.deepEqual(Array.from(s), d.map(Math.abs).sort((a, b) => b - a));
  });

  for (const [name, values] of [
    ['generic', [5, 3, 2, 1, 0.5, 0.25]],
    ['rank-deficient', [2, 1, 0.5, 0, 0, 0]],
    ['clustered', [1, 1, 1, 1 + 1e-12, 1 - 1e-12, 0.5]],
    ['graded to 1e-15·σ1 (the plateaus)', [1, 1e-3, 1e-6, 1e-9, 1e-12, 1e-14, 1e-15]],
  ] as Array<[string, number[]]>) {
    for (const [m, n] of [
      [9, values.length],
      [values.length, 11],
      [values.length, values.length],
    ]) {
      it(`rotated by known orthogonal matrices, ${name}, ${m}×${n}: σ within 1e-12·σ1 of the closed form, small ones to ~ε·σ1`, () => {
        const A = designedMatrix(m, n, values, 3 + m + n);
        const s = singularValuesFlat(A, m, n);
        const k = Math.min(m, n);
        const want = [...values, ...new Array(k - values.length).fill(0)].slice(0, k).sort((a, b) => b - a);
        const err = maxDiff(Array.from(s), want);
        assert.ok(err <= 1e-12 * want[0], `${err}`);
        assert.ok(err <= 64 * EPS * want[0], `small values to ~ε·σ1: ${err / want[0]}`);
        const f = checkFactors(A, m, n);
        assert.ok(f.rec < 64 * EPS * want[0] && f.orthU < 1e-13 && f.orthV < 1e-13, JSON.stringify(f));
      });
    }
  }

  it('eigenvalues of AᵀA would lose the 1e-14·σ1 value this keeps (why no AᵀA)', () => {
    const values = [1, 1e-4, 1e-14];
    const A = designedMatrix(6, 3, values, 5);
    const s = singularValuesFlat(A, 6, 3);
    assert.ok(Math.abs(s[2] - 1e-14) < 1e-15, `${s[2]}`);
    const AtA = Matrix.from1DArray(6, 3, Array.from(A)).transpose().mmul(Matrix.from1DArray(6, 3, Array.from(A)));
    const lam = new EigenvalueDecomposition(AtA, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => a - b);
    const viaEig = Math.sqrt(Math.max(0, lam[0]));
    assert.ok(Math.abs(viaEig - 1e-14) > 0.5e-14, `the AᵀA route got ${viaEig}: off by more than half`);
  });

  it('against LAPACK (numpy dgesdd, fixtures/lapack.json): within 1e-12·σ1, and to ~ε·σ1', () => {
    const cases = fixture.cases.filter((c) => c.kind === 'svd');
    assert.ok(cases.length >= 5);
    for (const c of cases) {
      const s = singularValuesFlat(Float64Array.from(c.data), c.rows, c.cols);
      const err = maxDiff(Array.from(s), c.values);
      assert.ok(err <= 1e-12 * c.values[0], `${c.name}: ${err}`);
      assert.ok(err <= 32 * EPS * c.values[0], `${c.name}: ${err / c.values[0]}·σ1`);
      const f = checkFactors(Float64Array.from(c.data), c.rows, c.cols);
      assert.ok(f.rec < 1e-13 * c.values[0] && f.orthU < 1e-13 && f.orthV < 1e-13, `${c.name}: ${JSON.stringify(f)}`);
    }
  });

  it('against ml-matrix on random shapes (1…40), values and factors', () => {
    for (const [m, n] of [[1, 5], [5, 1], [2, 2], [7, 3], [3, 7], [33, 33], [40, 17], [17, 40]]) {
      const A = randomMat(m, n, 100 + m * n);
      const ml = new SingularValueDecomposition(Matrix.from1DArray(m, n, Array.from(A.data)), { autoTranspose: true });
      const want = Array.from(ml.diagonal).sort((a, b) => b - a);
      const got = singularValues(A);
      assert.ok(maxDiff(got, want) < 1e-13 * want[0], `${m}×${n}`);
      const f = checkFactors(A.data, m, n);
      assert.ok(f.rec < 1e-13 * want[0] && f.orthU < 1e-13 && f.orthV < 1e-13, `${m}×${n} ${JSON.stringify(f)}`);
    }
  });

  it('dense.svd: thin factors as columns, A = U diag(s) Vᵀ; pseudoInverse satisfies the Penrose conditions', () => {
    const A = { rows: 7, cols: 4, data: designedMatrix(7, 4, [2, 1, 1e-3, 0], 9) };
    const { U, s, V } = svd(A);
    assert.deepEqual([U.rows, U.cols, V.rows, V.cols, s.length], [7, 4, 4, 4, 4]);
    let rec = 0;
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 4; j++) {
        let x = 0;
        for (let t = 0; t < 4; t++) x += U.data[i * 4 + t] * s[t] * V.data[j * 4 + t];
        rec = Math.max(rec, Math.abs(x - A.data[i * 4 + j]));
      }
    assert.ok(rec < 1e-14, `${rec}`);
    const P = pseudoInverse(A);
    const toM = (X: { rows: number; cols: number; data: Float64Array }) => Matrix.from1DArray(X.rows, X.cols, Array.from(X.data));
    const AM = toM(A);
    const PM = toM(P);
    const d1 = Matrix.sub(AM.mmul(PM).mmul(AM), AM).abs().max();
    const d2 = Matrix.sub(PM.mmul(AM).mmul(PM), PM).abs().max();
    assert.ok(d1 < 1e-12 && d2 < 1e-9, `${d1} ${d2}`);
  });
});
