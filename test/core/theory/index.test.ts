// computeTheory: the cache, every Theory field filled, component values c_i = u_iᵀ W v_i.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completedBasis, singularSpectrum } from '../../../src/core/theory/spectrum';
import { componentValues, computeTheory, learnableVectors } from '../../../src/core/theory/index';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { assertClose, diag, get, maxAbsDiff, naiveMul, randomMat, randomPsd } from './helpers';

function problem(sigmaX: Mat, sigmaXY: Mat): MomentsProblem {
  return { kind: 'moments', n: null, d: sigmaX.rows, p: sigmaXY.cols, sigmaX, sigmaXY, traceSigmaY: null, groundTruth: null };
}

describe('computeTheory', () => {
  it('returns the same Theory for the same problem object and rankTol, a new one otherwise', () => {
    const pr = problem(diag([1, 1, 1]), diag([0.1, 0.01, 0.001]));
    const a = computeTheory(pr, 1e-4);
    assert.equal(computeTheory(pr, 1e-4), a);
    const b = computeTheory(pr, 0.05);
    assert.notEqual(b, a);
    assert.equal(b.rxy, 2);
    assert.notEqual(computeTheory({ ...pr }, 1e-4), a);
  });

  it('fills every field with the right shapes', () => {
    const pr = problem(randomPsd(5, 7, 1), randomMat(5, 3, 2));
    const th = computeTheory(pr, 1e-4);
    assert.equal(th.sigma.length, th.rxy);
    assert.equal(th.lambda.length, th.rxy);
    assert.deepEqual([th.U.rows, th.U.cols, th.V.rows, th.V.cols], [5, 5, 3, 3]);
    assert.deepEqual([th.wStar.rows, th.wStar.cols], [5, 3]);
    assert.equal((th.reducedRank.left.cols + 1), th.rxy + 1);
    for (const x of [th.epsilon, th.deltaXY, th.deltaX, th.sigmaXNorm]) assert.ok(Number.isFinite(x));
    assert.ok(th.stepSizeBounds.stability !== null && th.stepSizeBounds.eigengap !== null && th.stepSizeBounds.eigengapIndex !== null);
    // the lazily completed U is the completedBasis of spec §1, computed once
    const sp = singularSpectrum(pr.sigmaXY, 1e-4);
    assert.ok(maxAbsDiff(th.U, completedBasis(pr.sigmaX, sp.uLearnable)) < 1e-12);
    assert.equal(th.U, th.U);
  });

  it('component values recover c in W = Σ c_i u_i v_iᵀ, and give σ_i/λ_i at W* for commuting moments', () => {
    const pr = problem(randomPsd(6, 8, 3), randomMat(6, 4, 4));
    const th = computeTheory(pr, 1e-4);
    const c = [0.3, -1.2, 2.5, 0.01];
    const W: Mat = { rows: 6, cols: 4, data: new Float64Array(24) };
    for (let i = 0; i < th.rxy; i++) for (let a = 0; a < 6; a++) for (let b = 0; b < 4; b++) W.data[a * 4 + b] += c[i] * get(th.U, a, i) * get(th.V, b, i);
    componentValues(W, th).forEach((x, i) => assertClose(x, c[i], 1e-12, `c_${i}`));
    const comm = computeTheory(problem(diag([2, 1, 4]), diag([1, 0.5, 0.2])), 1e-4);
    componentValues(comm.wStar, comm).forEach((x, i) => assertClose(x, comm.sigma[i] / comm.lambda[i], 1e-14, `σ/λ ${i}`));
  });

  it('σ_i = u_iᵀ Σxy v_i > 0 (consistent signs of u_i and v_i)', () => {
    const pr = problem(randomPsd(7, 7, 5), randomMat(7, 5, 6));
    const th = computeTheory(pr, 1e-4);
    componentValues(pr.sigmaXY, th).forEach((x, i) => assertClose(x, th.sigma[i], 1e-12, `σ_${i}`));
    const W = naiveMul(pr.sigmaX, th.wStar);
    assert.ok(maxAbsDiff(W, pr.sigmaXY) < 1e-9);
  });
});

describe('learnableVectors', () => {
  it('is the first r_xy columns of U', () => {
    const th = computeTheory(problem(randomPsd(5, 6, 8), randomMat(5, 2, 9)), 1e-4);
    const u = learnableVectors(th);
    assert.deepEqual([u.rows, u.cols], [5, 2]);
    for (let a = 0; a < 5; a++) for (let i = 0; i < 2; i++) assert.equal(get(u, a, i), get(th.U, a, i));
  });
});
