// The ml-matrix wrappers on our Mat: each factorization reconstructs its matrix and has the
// properties that define it, checked with naive products written in the test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  frobeniusNorm,
  matFromRows,
  matmul,
  orthonormalComplement,
  psdPinv,
  psdSqrt,
  psdSqrtPinv,
  pseudoInverse,
  singularValues,
  spectralNorm,
  svd,
  symmetricEig,
  toMatrix,
  fromMatrix,
  transpose,
} from '../../../src/core/linalg/dense';
import type { Mat } from '../../../src/core/types';
import { assertClose, diag, get, maxAbsDiff, naiveMul, naiveT, orthonormalityDefect, randomMat, randomPsd } from './helpers';

describe('dense linear algebra', () => {
  it('matFromRows, transpose, matmul and the ml-matrix round trip agree with naive loops', () => {
    const A = matFromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.equal(get(A, 1, 0), 4);
    assert.deepEqual(Array.from(transpose(A).data), [1, 4, 2, 5, 3, 6]);
    const B = randomMat(3, 7, 1);
    assert.ok(maxAbsDiff(matmul(A, B), naiveMul(A, B)) < 1e-12);
    const C = randomMat(9, 5, 2);
    assert.ok(maxAbsDiff(matmul(C, randomMat(5, 6, 3)), naiveMul(C, randomMat(5, 6, 3))) < 1e-12);
    assert.ok(maxAbsDiff(fromMatrix(toMatrix(C)), C) === 0);
  });

  it('thin SVD: U diag(s) Vᵀ = A, orthonormal factors, s descending, both shapes', () => {
    for (const [m, n] of [
      [7, 4],
      [4, 7],
      [5, 5],
    ]) {
      const A = randomMat(m, n, m * 10 + n);
      const { U, s, V } = svd(A);
      const k = Math.min(m, n);
      assert.equal(U.cols, k);
      assert.equal(V.cols, k);
      assert.equal(V.rows, n);
      for (let i = 1; i < k; i++) assert.ok(s[i - 1] >= s[i]);
      assert.ok(orthonormalityDefect(U) < 1e-12);
      assert.ok(orthonormalityDefect(V) < 1e-12);
      const rec = naiveMul(naiveMul(U, diag(s)), naiveT(V));
      assert.ok(maxAbsDiff(rec, A) < 1e-12);
      assert.deepEqual(singularValues(A).map((x) => x.toFixed(10)), s.map((x) => x.toFixed(10)));
    }
  });

  it('symmetric eig: Q Λ Qᵀ = A, Q orthogonal, eigenvalues descending', () => {
    const A = randomPsd(8, 5, 4);
    for (let i = 0; i < 8; i++) A.data[i * 8 + i] -= 0.3; // some negative eigenvalues
    const { values, vectors } = symmetricEig(A);
    for (let i = 1; i < values.length; i++) assert.ok(values[i - 1] >= values[i]);
    assert.ok(orthonormalityDefect(vectors) < 1e-12);
    assert.ok(maxAbsDiff(naiveMul(naiveMul(vectors, diag(values)), naiveT(vectors)), A) < 1e-12);
  });

  it('spectral and Frobenius norms', () => {
    const A = randomMat(6, 4, 5);
    // ‖A‖₂² is the top eigenvalue of AᵀA, by power iteration
    const G = naiveMul(naiveT(A), A);
    let x: Mat = { rows: 4, cols: 1, data: Float64Array.from([1, 1, 1, 1]) };
    let lam = 0;
    for (let it = 0; it < 2000; it++) {
      const y = naiveMul(G, x);
      lam = frobeniusNorm(y) / frobeniusNorm(x);
      x = { rows: 4, cols: 1, data: y.data.map((v) => v / frobeniusNorm(y)) };
    }
    assertClose(spectralNorm(A), Math.sqrt(lam), 1e-10, '‖A‖₂');
    let s = 0;
    for (const v of A.data) s += v * v;
    assertClose(frobeniusNorm(A), Math.sqrt(s), 1e-13, '‖A‖_F');
  });

  it('pseudo-inverses satisfy the Penrose conditions (general and PSD, rank-deficient)', () => {
    const A = naiveMul(randomMat(6, 2, 6), randomMat(2, 5, 7)); // 6×5, rank 2
    const P = pseudoInverse(A);
    assert.ok(maxAbsDiff(naiveMul(naiveMul(A, P), A), A) < 1e-10);
    assert.ok(maxAbsDiff(naiveMul(naiveMul(P, A), P), P) < 1e-10);
    const AP = naiveMul(A, P);
    assert.ok(maxAbsDiff(AP, naiveT(AP)) < 1e-10);
    const S = randomPsd(6, 3, 8);
    const Sp = psdPinv(S);
    assert.ok(maxAbsDiff(naiveMul(naiveMul(S, Sp), S), S) < 1e-10);
    assert.ok(maxAbsDiff(Sp, pseudoInverse(S)) < 1e-8);
  });

  it('PSD square root and its pseudo-inverse', () => {
    const S = randomPsd(6, 4, 9); // singular
    const R = psdSqrt(S);
    assert.ok(maxAbsDiff(R, naiveT(R)) < 1e-12);
    assert.ok(maxAbsDiff(naiveMul(R, R), S) < 1e-12);
    const Rp = psdSqrtPinv(S);
    // R⁺ R is the orthogonal projector onto range(S): idempotent, fixes S
    const Pr = naiveMul(Rp, R);
    assert.ok(maxAbsDiff(naiveMul(Pr, Pr), Pr) < 1e-10);
    assert.ok(maxAbsDiff(naiveMul(Pr, S), S) < 1e-10);
    assert.ok(maxAbsDiff(naiveMul(Rp, Rp), psdPinv(S)) < 1e-8);
  });

  it('orthonormalComplement completes an orthonormal set to a basis', () => {
    const { U } = svd(randomMat(7, 3, 10));
    const C = orthonormalComplement(U);
    assert.equal(C.cols, 4);
    assert.ok(orthonormalityDefect(C) < 1e-13);
    assert.ok(Math.max(...naiveMul(naiveT(U), C).data.map(Math.abs)) < 1e-13);
    // the empty set completes to an orthonormal basis of the whole space
    assert.ok(orthonormalityDefect(orthonormalComplement({ rows: 3, cols: 0, data: new Float64Array(0) })) < 1e-15);
    const e = orthonormalComplement(diag([1], 3, 1));
    assert.ok(Math.max(Math.abs(get(e, 0, 0)), Math.abs(get(e, 0, 1))) < 1e-15);
  });
});
