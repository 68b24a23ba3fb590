// The spectral theory of spec §1: σ, λ, r_xy, the completed basis U, ε, Δxy, Δx.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spectralNorm, svd, symmetricEig, orthonormalComplement } from '../../../src/core/linalg/dense';
import { computeTheory } from '../../../src/core/theory/index';
import { alignmentQuantities, completedBasis, deltaX, learnableCount, singularSpectrum } from '../../../src/core/theory/spectrum';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { assertClose, diag, get, maxAbsDiff, naiveMul, naiveT, orthonormalityDefect, randomMat, randomPsd } from './helpers';

function problem(sigmaX: Mat, sigmaXY: Mat): MomentsProblem {
  return { kind: 'moments', n: null, d: sigmaX.rows, p: sigmaXY.cols, sigmaX, sigmaXY, traceSigmaY: null, groundTruth: null };
}

/** A non-commuting problem: Σx random PSD of rank rX, Σxy = Σx W for a random W (so Σxy ∈ range Σx). */
function randomProblem(d: number, p: number, rX: number, seed: number): MomentsProblem {
  const Sx = randomPsd(d, rX, seed);
  return problem(Sx, naiveMul(Sx, randomMat(d, p, seed + 1)));
}

/** B = off-diagonal part of UᵀΣxU, its spectral norm: the brute-force ε. */
function bruteEpsilon(U: Mat, Sx: Mat): number {
  const M = naiveMul(naiveMul(naiveT(U), Sx), U);
  for (let i = 0; i < M.rows; i++) M.data[i * M.cols + i] = 0;
  return spectralNorm(M);
}

describe('spectrum', () => {
  it("GBL Fig. 1 moments: σ = [0.1, 0.01, 0.001], λ = [1, 1, 1], ε = Δxy = Δx = 0", () => {
    const th = computeTheory(problem(diag([1, 1, 1]), diag([0.1, 0.01, 0.001])), 1e-4);
    assert.equal(th.rxy, 3);
    th.sigma.forEach((s, i) => assertClose(s, [0.1, 0.01, 0.001][i], 1e-15, `σ${i}`));
    th.lambda.forEach((l, i) => assertClose(l, 1, 1e-15, `λ${i}`));
    assert.ok(th.epsilon < 1e-15);
    assert.ok(th.deltaXY < 1e-15);
    assert.ok(th.deltaX < 1e-15);
    assertClose(th.sigmaXNorm, 1, 1e-15, '‖Σx‖₂');
    assertClose(th.stepSizeBounds.stability as number, 5, 1e-12, 'stability');
  });

  it('r_xy counts σ_i above rankTol·σ1', () => {
    assert.equal(learnableCount([4, 2, 1e-3, 1e-5], 1e-4), 3);
    assert.equal(learnableCount([4, 2, 1e-3, 1e-5], 1e-3), 2);
    assert.equal(learnableCount([0, 0], 1e-4), 0);
    assert.equal(learnableCount([], 1e-4), 0);
    assert.equal(singularSpectrum(diag([1, 0.5, 1e-6]), 1e-4).rxy, 2);
  });

  it('U is orthonormal, its first r_xy columns are the u_i, and UᵀΣxU has a diagonal, descending complement block', () => {
    for (const [d, p, rX] of [
      [7, 3, 7],
      [8, 3, 5], // singular Σx (as on MNIST)
      [5, 9, 5], // p > d
    ]) {
      const pr = randomProblem(d, p, rX, d * 100 + p);
      const th = computeTheory(pr, 1e-4);
      const r = th.rxy;
      assert.equal(r, Math.min(d, p, rX));
      const { U } = th;
      assert.equal(U.rows, d);
      assert.equal(U.cols, d);
      assert.ok(orthonormalityDefect(U) < 1e-12, `U orthonormal (${d},${p},${rX})`);
      // u_i: Σxy v_i = σ_i u_i, and Σxyᵀ u_i = σ_i v_i
      const Sxy = pr.sigmaXY;
      for (let i = 0; i < r; i++)
        for (let a = 0; a < d; a++) {
          let s = 0;
          for (let b = 0; b < p; b++) s += get(Sxy, a, b) * get(th.V, b, i);
          assertClose(s, th.sigma[i] * get(U, a, i), 1e-10 * th.sigma[0], `Σxy v_${i} = σ u_${i}`);
        }
      // λ_i = u_iᵀ Σx u_i
      const M = naiveMul(naiveMul(naiveT(U), pr.sigmaX), U);
      for (let i = 0; i < r; i++) assertClose(th.lambda[i], get(M, i, i), 1e-12 * th.sigmaXNorm, `λ_${i}`);
      // complement block: diagonal, descending
      for (let i = r; i < d; i++) {
        if (i > r) assert.ok(get(M, i - 1, i - 1) >= get(M, i, i) - 1e-12);
        for (let j = r; j < d; j++) if (i !== j) assert.ok(Math.abs(get(M, i, j)) < 1e-10 * th.sigmaXNorm);
      }
      // V is p×p orthogonal
      assert.equal(th.V.rows, p);
      assert.equal(th.V.cols, p);
      assert.ok(orthonormalityDefect(th.V) < 1e-12);
    }
  });

  it('ε (computed without U) equals ‖offdiag(UᵀΣxU)‖₂ for U built by an independent completion', () => {
    for (const [d, p, rX, seed] of [
      [6, 2, 6, 1],
      [9, 4, 6, 2],
      [12, 3, 12, 3],
    ]) {
      const pr = randomProblem(d, p, rX, seed);
      const sp = singularSpectrum(pr.sigmaXY, 1e-4);
      const { epsilon } = alignmentQuantities(pr.sigmaX, sp.uLearnable);
      // independent completion: complement from Gram–Schmidt of random vectors, rotated by eig of CᵀΣxC
      const r = sp.rxy;
      const basis: Float64Array[] = [];
      for (let j = 0; j < r; j++) basis.push(Float64Array.from({ length: d }, (_, a) => get(sp.uLearnable, a, j)));
      const R = randomMat(d, d, seed + 50);
      for (let j = 0; basis.length < d; j++) {
        const v = Float64Array.from({ length: d }, (_, a) => get(R, a, j));
        for (let pass = 0; pass < 2; pass++)
          for (const b of basis) {
            let dot = 0;
            for (let a = 0; a < d; a++) dot += v[a] * b[a];
            for (let a = 0; a < d; a++) v[a] -= dot * b[a];
          }
        const n = Math.hypot(...v);
        basis.push(v.map((x) => x / n));
      }
      const C: Mat = { rows: d, cols: d - r, data: new Float64Array(d * (d - r)) };
      for (let a = 0; a < d; a++) for (let j = 0; j < d - r; j++) C.data[a * (d - r) + j] = basis[r + j][a];
      const E = symmetricEig(naiveMul(naiveMul(naiveT(C), pr.sigmaX), C)).vectors;
      const CE = naiveMul(C, E);
      const U2: Mat = { rows: d, cols: d, data: new Float64Array(d * d) };
      for (let a = 0; a < d; a++) for (let j = 0; j < d; j++) U2.data[a * d + j] = j < r ? get(sp.uLearnable, a, j) : get(CE, a, j - r);
      assertClose(epsilon, bruteEpsilon(U2, pr.sigmaX), 1e-10, `ε (${d},${p})`);
      assertClose(epsilon, bruteEpsilon(completedBasis(pr.sigmaX, sp.uLearnable), pr.sigmaX), 1e-10, 'ε vs completedBasis');
      assert.ok(epsilon > 1e-3);
    }
  });

  it('ε = 0 for commuting diagonal moments, also when Σxy has fewer components than d', () => {
    const th = computeTheory(problem(diag([3, 2, 1, 0.5]), diag([1, 0.5], 4, 2)), 1e-4);
    assert.equal(th.rxy, 2);
    assert.ok(th.epsilon < 1e-15, `${th.epsilon}`);
    assert.deepEqual(th.lambda.map((x) => +x.toFixed(12)), [3, 2]);
    assert.ok(bruteEpsilon(th.U, diag([3, 2, 1, 0.5])) < 1e-15);
  });

  it('ε > 0 for a crafted non-commuting case: Σx = [[2,1],[1,1]], Σxy = diag(1, 0.5)', () => {
    const Sx: Mat = { rows: 2, cols: 2, data: Float64Array.from([2, 1, 1, 1]) };
    const th = computeTheory(problem(Sx, diag([1, 0.5])), 1e-4);
    // u = ±e1, ±e2, so UᵀΣxU = [[2, ±1], [±1, 1]] and B = [[0, ±1], [±1, 0]]
    assertClose(th.epsilon, 1, 1e-14, 'ε');
    assertClose(th.sigmaXNorm, (3 + Math.sqrt(5)) / 2, 1e-14, '‖Σx‖₂');
    assertClose(th.deltaXY, 2 / (3 + Math.sqrt(5)), 1e-14, 'Δxy');
    assert.deepEqual(th.lambda.map((x) => +x.toFixed(12)), [2, 1]);
  });

  it('Δx = 0 for Σx = I and matches GBL eq. (27) by hand otherwise', () => {
    assert.ok(deltaX(diag([1, 1, 1, 1, 1])) < 1e-15);
    assert.ok(deltaX(diag([7, 7, 7])) < 1e-15);
    // Σx = diag(1, 0): ½‖diag(1, 0) − I/√2‖_F
    assertClose(deltaX(diag([1, 0])), 0.5 * Math.sqrt((1 - Math.SQRT1_2) ** 2 + 0.5), 1e-15, 'Δx');
    const th = computeTheory(problem(diag([1, 1]), diag([1, 0.5])), 1e-4);
    assert.ok(th.deltaX < 1e-15);
  });

  it('V columns beyond min(d, p) complete an orthonormal basis; extra v_i are right singular vectors', () => {
    const Sxy = randomMat(3, 6, 77);
    const sp = singularSpectrum(Sxy, 1e-4);
    assert.equal(sp.V.cols, 6);
    assert.ok(orthonormalityDefect(sp.V) < 1e-12);
    const { s } = svd(Sxy);
    assert.deepEqual(sp.all.map((x) => x.toFixed(12)), s.map((x) => x.toFixed(12)));
    // columns 3…5 span the null space of Σxy
    const SV = naiveMul(Sxy, sp.V);
    for (let a = 0; a < 3; a++) for (let j = 3; j < 6; j++) assert.ok(Math.abs(get(SV, a, j)) < 1e-12);
    assert.ok(maxAbsDiff(orthonormalComplement(sp.V), { rows: 6, cols: 0, data: new Float64Array(0) }) === 0);
  });

  it('Σxy = 0: no learnable component, ε = 0, U an orthonormal eigenbasis of Σx', () => {
    const Sx = randomPsd(4, 4, 5);
    const th = computeTheory(problem(Sx, { rows: 4, cols: 2, data: new Float64Array(8) }), 1e-4);
    assert.equal(th.rxy, 0);
    assert.equal(th.epsilon, 0);
    assert.ok(orthonormalityDefect(th.U) < 1e-12);
    assert.ok(bruteEpsilon(th.U, Sx) < 1e-12);
    assert.equal((th.reducedRank.left.cols + 1), 1);
  });
});
