// W* and W^{k,*} (GBL eq. 4) against independent solutions: normal equations solved by ml-matrix
// (LU / SVD pseudo-inverse), alternating least squares over rank-k factorizations, random rank-k
// candidates, and the Reinsel–Velu form W* V_k V_kᵀ.
import assert from 'node:assert/strict';
import { reducedRankSolution } from '../../../src/core/theory/reducedRank';
import { describe, it } from 'node:test';
import { inverse, Matrix, EVD, pseudoInverse as mlPinv } from 'ml-matrix';
import { computeTheory, reducedRankDistances } from '../../../src/core/theory/index';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { assertClose, maxAbsDiff, naiveMul, naiveT, randomMat, randomPsd, rng } from './helpers';

const toM = (A: Mat) => Matrix.from1DArray(A.rows, A.cols, Array.from(A.data));
const fromM = (M: Matrix): Mat => ({ rows: M.rows, cols: M.columns, data: Float64Array.from(M.to1DArray()) });

function problem(sigmaX: Mat, sigmaXY: Mat): MomentsProblem {
  return { kind: 'moments', n: null, d: sigmaX.rows, p: sigmaXY.cols, sigmaX, sigmaXY, traceSigmaY: null, groundTruth: null };
}

/** f(W) up to the constant ½trΣy: ½tr(WᵀΣxW) − tr(WᵀΣxy). */
function loss(W: Mat, pr: MomentsProblem): number {
  const SW = naiveMul(pr.sigmaX, W);
  let f = 0;
  for (let i = 0; i < W.data.length; i++) f += 0.5 * W.data[i] * SW.data[i] - W.data[i] * pr.sigmaXY.data[i];
  return f;
}

/** Rank-k minimizer by alternating least squares on W = ABᵀ (Σx invertible), from a random start. */
function als(pr: MomentsProblem, k: number, seed: number, iters = 3000): Mat {
  const Sx = toM(pr.sigmaX);
  const Sxy = toM(pr.sigmaXY);
  const SxInv = inverse(Sx);
  let B = toM(randomMat(pr.p, k, seed));
  let A = new Matrix(pr.d, k);
  for (let t = 0; t < iters; t++) {
    A = SxInv.mmul(Sxy).mmul(B).mmul(inverse(B.transpose().mmul(B)));
    B = Sxy.transpose().mmul(A).mmul(inverse(A.transpose().mmul(Sx).mmul(A)));
  }
  return fromM(A.mmul(B.transpose()));
}

describe('reduced-rank regression', () => {
  const d = 6, p = 4;
  const Sx = randomPsd(d, d + 4, 11); // invertible, not diagonal
  const pr = problem(Sx, naiveMul(Sx, randomMat(d, p, 12)));
  const th = computeTheory(pr, 1e-4);

  it('W* solves the normal equations Σx W = Σxy (ml-matrix inverse)', () => {
    assert.ok(maxAbsDiff(th.wStar, fromM(inverse(toM(Sx)).mmul(toM(pr.sigmaXY)))) < 1e-9);
  });

  it('W^{k,*} has rank ≤ k and equals the ALS rank-k minimizer; W^{0,*} = 0, W^{r,*} = W*', () => {
    assert.equal(th.rxy, p);
    assert.equal((th.reducedRank.left.cols + 1), p + 1);
    assert.ok(reducedRankSolution(th.reducedRank, 0).data.every((x) => x === 0));
    assert.ok(maxAbsDiff(reducedRankSolution(th.reducedRank, p), th.wStar) < 1e-10);
    for (let k = 1; k < p; k++) {
      const W = als(pr, k, 100 + k);
      const fStar = loss(reducedRankSolution(th.reducedRank, k), pr);
      assertClose(loss(W, pr), fStar, 1e-10 * Math.abs(fStar), `loss k=${k}`);
      assert.ok(maxAbsDiff(W, reducedRankSolution(th.reducedRank, k)) < 1e-6, `W^{${k},*} vs ALS`);
      const Wk = toM(reducedRankSolution(th.reducedRank, k));
      const gram = Wk.transpose().mmul(Wk);
      const rank = new EVD(gram, { assumeSymmetric: true }).realEigenvalues.filter((x) => x > 1e-12 * gram.norm()).length;
      assert.ok(rank <= k, `rank ${rank}`);
    }
  });

  it('no random rank-k candidate beats W^{k,*}', () => {
    const rand = rng(5);
    for (let k = 1; k <= p; k++) {
      const fStar = loss(reducedRankSolution(th.reducedRank, k), pr);
      for (let t = 0; t < 300; t++) {
        // a perturbation of W^{k,*} within rank k, and an unrelated rank-k matrix
        const A = randomMat(d, k, 1000 * k + t);
        const B = randomMat(p, k, 5000 * k + t);
        const Wr = naiveMul(A, naiveT(B));
        assert.ok(loss(Wr, pr) >= fStar - 1e-12);
        const eps = 1e-3 * rand();
        // W^{k,*}(I + εM) keeps rank ≤ k
        const near = fromM(toM(reducedRankSolution(th.reducedRank, k)).mmul(Matrix.eye(p).add(toM(randomMat(p, p, t)).mul(eps))));
        assert.ok(loss(near, pr) >= fStar - 1e-12);
      }
    }
  });

  it('Reinsel–Velu: W^{k,*} = W* V_k V_kᵀ, V_k the top eigenvectors of Σxyᵀ Σx⁻¹ Σxy', () => {
    const Sxy = toM(pr.sigmaXY);
    const G = Sxy.transpose().mmul(inverse(toM(Sx))).mmul(Sxy);
    const evd = new EVD(G.add(G.transpose()).div(2), { assumeSymmetric: true });
    const order = evd.realEigenvalues.map((_, i) => i).sort((a, b) => evd.realEigenvalues[b] - evd.realEigenvalues[a]);
    for (let k = 1; k <= p; k++) {
      const Vk = new Matrix(p, k);
      for (let j = 0; j < k; j++) for (let a = 0; a < p; a++) Vk.set(a, j, evd.eigenvectorMatrix.get(a, order[j]));
      const W = toM(th.wStar).mmul(Vk).mmul(Vk.transpose());
      assert.ok(maxAbsDiff(fromM(W), reducedRankSolution(th.reducedRank, k)) < 1e-9, `k=${k}`);
    }
  });

  it('singular Σx: W* = Σx⁺Σxy (ml-matrix SVD pseudo-inverse), and W^{k,*} beats rank-k candidates', () => {
    const S2 = randomPsd(7, 4, 21);
    const pr2 = problem(S2, naiveMul(S2, randomMat(7, 3, 22)));
    const th2 = computeTheory(pr2, 1e-4);
    assert.ok(maxAbsDiff(th2.wStar, fromM(mlPinv(toM(S2)).mmul(toM(pr2.sigmaXY)))) < 1e-9);
    for (let k = 1; k <= th2.rxy; k++) {
      const fStar = loss(reducedRankSolution(th2.reducedRank, k), pr2);
      for (let t = 0; t < 200; t++) assert.ok(loss(naiveMul(randomMat(7, k, t), naiveT(randomMat(3, k, t + 999))), pr2) >= fStar - 1e-12);
    }
    assertClose(loss(reducedRankSolution(th2.reducedRank, th2.rxy), pr2), loss(th2.wStar, pr2), 1e-12, 'full rank reaches min f');
  });

  it('reducedRankDistances: ‖W − W^{k,*}‖_F/‖W*‖_F', () => {
    const dist0 = reducedRankDistances(reducedRankSolution(th.reducedRank, 0), th);
    assertClose(dist0[0], 0, 0, 'k=0 at 0');
    assertClose(dist0[p], 1, 1e-14, 'distance of 0 to W*');
    const distStar = reducedRankDistances(th.wStar, th);
    assertClose(distStar[p], 0, 1e-10, 'W* to W^{r,*}');
    let n2 = 0, nd = 0;
    for (let i = 0; i < th.wStar.data.length; i++) {
      n2 += th.wStar.data[i] ** 2;
      nd += (th.wStar.data[i] - reducedRankSolution(th.reducedRank, 2).data[i]) ** 2;
    }
    assertClose(distStar[2], Math.sqrt(nd / n2), 1e-14, 'k=2');
  });
});
