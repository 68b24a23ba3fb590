// W* and W^{k,*} where Σxy has many columns (the autoencoders: wideProducts.ts, the explicit Q on the
// arena's kernels, the SVD of Z = Λ^{-1/2}⁺QᵀΣxy instead of S⁺Σxy) against closed forms and
// independent solutions: for Σxy = Σx = Q diag(λ) Qᵀ (an autoencoder) W* is the projector onto
// range(Σx) and W^{k,*} = Q_k Q_kᵀ; for a general wide Σxy, W* against ml-matrix's inverse and
// pseudo-inverse and W^{k,*} against Reinsel–Velu's W* V_k V_kᵀ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVD, inverse, Matrix, pseudoInverse as mlPinv } from 'ml-matrix';
import { computeTheory } from '../../../src/core/theory/index';
import { reducedRankSolution, reducedRankSolutions } from '../../../src/core/theory/reducedRank';
import { sigmaXEigOf } from '../../../src/core/theory/leastSquares';
import { sigmaXYIsSigmaX, singularSpectrum, symmetricSpectrum } from '../../../src/core/theory/spectrum';
import { isWide } from '../../../src/core/theory/wideProducts';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { orthogonal } from '../linalg/helpers';
import { maxAbsDiff, naiveMul, randomMat, randomPsd } from './helpers';

const toM = (A: Mat) => Matrix.from1DArray(A.rows, A.cols, Array.from(A.data));
const fromM = (M: Matrix): Mat => ({ rows: M.rows, cols: M.columns, data: Float64Array.from(M.to1DArray()) });

function problem(sigmaX: Mat, sigmaXY: Mat): MomentsProblem {
  return { kind: 'moments', n: null, d: sigmaX.rows, p: sigmaXY.cols, sigmaX, sigmaXY, traceSigmaY: null, groundTruth: null };
}

describe('W* and W^{k,*} for wide Σxy (wideProducts.ts)', () => {
  it('autoencoder Σxy = Σx = Q diag(λ) Qᵀ (rank 30 of 48): W* = Q_r Q_rᵀ, W^{k,*} = Q_k Q_kᵀ', () => {
    const d = 48;
    const r = 30;
    assert.ok(isWide(d, d), 'takes the wide route');
    const Q = orthogonal(d, 77);
    const lambda = Array.from({ length: d }, (_, i) => (i < r ? 2 * 0.85 ** i : 0));
    const S: Mat = { rows: d, cols: d, data: new Float64Array(d * d) };
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) for (let t = 0; t < r; t++) S.data[a * d + b] += Q[a * d + t] * lambda[t] * Q[b * d + t];
    const th = computeTheory(problem(S, { rows: d, cols: d, data: S.data.slice() }), 1e-9);
    const projector = (k: number): Mat => {
      const P: Mat = { rows: d, cols: d, data: new Float64Array(d * d) };
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) for (let t = 0; t < k; t++) P.data[a * d + b] += Q[a * d + t] * Q[b * d + t];
      return P;
    };
    assert.ok(maxAbsDiff(th.wStar, projector(r)) < 1e-10, `W* ${maxAbsDiff(th.wStar, projector(r))}`);
    assert.equal(th.rxy, r);
    for (const k of [1, 2, 10, 29, 30]) {
      const e = maxAbsDiff(reducedRankSolution(th.reducedRank, k), projector(k));
      assert.ok(e < 1e-9, `W^{${k},*}: ${e}`);
    }
  });

  for (const [name, rank] of [['invertible Σx', 50], ['singular Σx (rank 25)', 25]] as const) {
    it(`${name}, d = p = 40: W* against ml-matrix, W^{k,*} = W* V_k V_kᵀ (Reinsel–Velu)`, () => {
      const d = 40;
      const p = 40;
      const Sx = randomPsd(d, rank, 5 + rank);
      const pr = problem(Sx, naiveMul(Sx, randomMat(d, p, 6)));
      const th = computeTheory(pr, 1e-9);
      const ref = rank >= d ? inverse(toM(Sx)).mmul(toM(pr.sigmaXY)) : mlPinv(toM(Sx)).mmul(toM(pr.sigmaXY));
      const scale = Math.max(...Array.from(th.wStar.data, Math.abs));
      assert.ok(maxAbsDiff(th.wStar, fromM(ref)) < 1e-8 * scale, `W* ${maxAbsDiff(th.wStar, fromM(ref))}`);
      const Sxy = toM(pr.sigmaXY);
      const G = Sxy.transpose().mmul(toM(th.wStar)); // Σxyᵀ Σx⁺ Σxy
      const evd = new EVD(G.add(G.transpose()).div(2), { assumeSymmetric: true });
      const order = evd.realEigenvalues.map((_, i) => i).sort((a, b) => evd.realEigenvalues[b] - evd.realEigenvalues[a]);
      for (const k of [1, 3, 12, Math.min(rank, d) - 1]) {
        const Vk = new Matrix(p, k);
        for (let j = 0; j < k; j++) for (let a = 0; a < p; a++) Vk.set(a, j, evd.eigenvectorMatrix.get(a, order[j]));
        const W = fromM(toM(th.wStar).mmul(Vk).mmul(Vk.transpose()));
        const e = maxAbsDiff(W, reducedRankSolution(th.reducedRank, k));
        assert.ok(e < 1e-8 * scale, `k = ${k}: ${e}`);
      }
    });
  }

  it('an autoencoder (Σxy = Σx, detected entry for entry): the spectrum and W^{k,*} from Σx\'s eigendecomposition equal the SVD route', () => {
    const d = 60;
    const Sx = randomPsd(d, 45, 31);
    const pr = problem(Sx, { rows: d, cols: d, data: Sx.data.slice() });
    assert.ok(sigmaXYIsSigmaX(pr.sigmaX, pr.sigmaXY));
    assert.ok(!sigmaXYIsSigmaX(pr.sigmaX, { rows: d, cols: d, data: Sx.data.map((x, i) => (i === 5 ? x * (1 + 2 ** -52) : x)) }));
    const eig = sigmaXEigOf(pr);
    const a = symmetricSpectrum(eig, 1e-9);
    const b = singularSpectrum(pr.sigmaXY, 1e-9);
    assert.equal(a.rxy, b.rxy);
    for (let i = 0; i < d; i++) assert.ok(Math.abs(a.all[i] - b.all[i]) <= 1e-13 * b.all[0], `σ_${i}: ${a.all[i]} vs ${b.all[i]}`);
    // u_i up to sign where σ_i is separated, and σ_i = u_iᵀ Σxy v_i ≥ 0 on the eigen route
    for (let i = 0; i < a.rxy; i++) {
      let dot = 0;
      let uSv = 0;
      for (let x = 0; x < d; x++) {
        dot += a.uLearnable.data[x * a.rxy + i] * b.uLearnable.data[x * b.rxy + i];
        let sv = 0;
        for (let y = 0; y < d; y++) sv += Sx.data[x * d + y] * a.V.data[y * d + i];
        uSv += a.uLearnable.data[x * a.rxy + i] * sv;
      }
      assert.ok(Math.abs(uSv - a.all[i]) <= 1e-12 * a.all[0], `u_${i}ᵀΣxy v_${i} = ${uSv}`);
      const gap = Math.min(i > 0 ? b.all[i - 1] - b.all[i] : Infinity, b.all[i] - b.all[i + 1]);
      if (gap > 1e-6 * b.all[0]) assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-8, `u_${i}: ${dot}`);
    }
    const viaEig = reducedRankSolutions(eig, pr.sigmaXY, a.rxy, true);
    const viaSvd = reducedRankSolutions(eig, pr.sigmaXY, a.rxy, false);
    for (const k of [1, 7, 30, a.rxy]) {
      const e = maxAbsDiff(reducedRankSolution(viaEig, k), reducedRankSolution(viaSvd, k));
      assert.ok(e < 1e-9, `W^{${k},*}: ${e}`);
    }
  });
});
