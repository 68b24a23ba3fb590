// ‖W − W^{k,*}‖_F from the rank-one terms (theory/reducedRank.ts reducedRankDistancesOf) against
// the direct distance to the materialized W^{k,*}; on a plateau (W within 1e-9 of W^{k,*}) it keeps
// the distance the expansion ‖W‖² − 2⟨W, W^{k,*}⟩ + ‖W^{k,*}‖² loses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeTheory, reducedRankDistances } from '../../../src/core/theory/index';
import { reducedRankCount, reducedRankDistancesOf, reducedRankSolution } from '../../../src/core/theory/reducedRank';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { naiveMul, randomMat, randomPsd } from './helpers';

function problem(sigmaX: Mat, sigmaXY: Mat): MomentsProblem {
  return { kind: 'moments', n: null, d: sigmaX.rows, p: sigmaXY.cols, sigmaX, sigmaXY, traceSigmaY: null, groundTruth: null };
}

function direct(W: Mat, Wk: Mat): number {
  let s = 0;
  for (let i = 0; i < W.data.length; i++) s += (W.data[i] - Wk.data[i]) ** 2;
  return Math.sqrt(s);
}

describe('reduced-rank distances from rank-one terms', () => {
  const d = 12, p = 7;
  const Sx = randomPsd(d, d + 3, 41);
  const pr = problem(Sx, naiveMul(Sx, randomMat(d, p, 42)));
  const th = computeTheory(pr, 1e-6);

  it('r_xy terms, W^{rxy,*} = W* (no full matrix per k is held)', () => {
    assert.equal(reducedRankCount(th.reducedRank), th.rxy);
    assert.deepEqual([th.reducedRank.left.rows, th.reducedRank.left.cols, th.reducedRank.right.rows], [d, th.rxy, p]);
    assert.ok(direct(reducedRankSolution(th.reducedRank, th.rxy), th.wStar) < 1e-10 * direct(th.wStar, reducedRankSolution(th.reducedRank, 0)));
  });

  it('equal the direct distance to each materialized W^{k,*} (random W, and W = W^{k,*})', () => {
    const Ws = [randomMat(d, p, 43), ...Array.from({ length: th.rxy + 1 }, (_, k) => reducedRankSolution(th.reducedRank, k))];
    for (const W of Ws) {
      const got = reducedRankDistancesOf(W, th.reducedRank);
      const scale = direct(W, { rows: d, cols: p, data: new Float64Array(d * p) }) + direct(th.wStar, { rows: d, cols: p, data: new Float64Array(d * p) });
      for (let k = 0; k <= th.rxy; k++) {
        const want = direct(W, reducedRankSolution(th.reducedRank, k));
        assert.ok(Math.abs(got[k] - want) <= 1e-13 * scale, `k = ${k}: ${got[k]} vs ${want}`);
      }
    }
    const nStar = direct(th.wStar, { rows: d, cols: p, data: new Float64Array(d * p) });
    const W = randomMat(d, p, 44);
    assert.deepEqual(reducedRankDistances(W, th).map((x) => x * nStar).map((x) => x.toPrecision(12)), reducedRankDistancesOf(W, th.reducedRank).map((x) => x.toPrecision(12)));
  });

  it('on a plateau, W = W^{k,*} + 1e-9·E: the distance to ~1e-6 relative, where the expansion loses it', () => {
    const k = 2;
    const Wk = reducedRankSolution(th.reducedRank, k);
    const E = randomMat(d, p, 45);
    const delta = 1e-9;
    const W: Mat = { rows: d, cols: p, data: Wk.data.map((x, i) => x + delta * E.data[i]) };
    // the direct distance of the stored W to the materialized W^{k,*}
    const exact = direct(W, Wk);
    const got = reducedRankDistancesOf(W, th.reducedRank)[k];
    assert.ok(Math.abs(got - exact) < 1e-6 * exact, `${got} vs ${exact}`);
    let ww = 0, wk = 0, kk = 0;
    for (let i = 0; i < W.data.length; i++) {
      ww += W.data[i] ** 2;
      wk += W.data[i] * Wk.data[i];
      kk += Wk.data[i] ** 2;
    }
    const expanded = Math.sqrt(Math.max(0, ww - 2 * wk + kk));
    assert.ok(Math.abs(expanded - exact) > 0.01 * exact, `the expansion got ${expanded} against ${exact}`);
  });
});
