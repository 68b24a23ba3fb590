// The record's products on the arena's kernels (theory/index.ts componentValues: W·[v_i] as one
// gemm; theory/reducedRank.ts reducedRankDistancesOf: rank-one terms subtracted in turn, 32 rows at
// a time, one subtract-and-square pass per row and term) against plain loops written here: c_i = u_iᵀ W v_i
// summed entry by entry, ‖W − W^{k,*}‖_F from materialized W^{k,*}; sizes past one block of rows and
// with many terms; on a plateau the distance keeps what the expansion ‖W‖² − 2⟨W,W^{k,*}⟩ + ‖W^{k,*}‖² loses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentValues, computeTheory, learnableVectors } from '../../../src/core/theory/index';
import { distancesOptions, reducedRankDistancesOf, reducedRankSolution } from '../../../src/core/theory/reducedRank';
import type { ReducedRankTerms } from '../../../src/core/types';
import type { Mat, MomentsProblem } from '../../../src/core/types';
import { naiveMul, randomMat, randomPsd } from './helpers';

function problem(sigmaX: Mat, sigmaXY: Mat): MomentsProblem {
  return { kind: 'moments', n: null, d: sigmaX.rows, p: sigmaXY.cols, sigmaX, sigmaXY, traceSigmaY: null, groundTruth: null };
}

const frob = (X: ArrayLike<number>) => Math.sqrt(Array.from(X).reduce((a, v) => a + v * v, 0));

describe('record products on the arena kernels', () => {
  // d = 70: two full blocks of 32 rows and a remainder of 6; p = 9, r_xy = 9 terms
  const d = 70, p = 9;
  const Sx = randomPsd(d, d + 5, 61);
  const pr = problem(Sx, naiveMul(Sx, randomMat(d, p, 62)));
  const th = computeTheory(pr, 1e-8);

  it('component values equal u_iᵀ W v_i summed entry by entry', () => {
    assert.equal(th.rxy, p);
    const U = learnableVectors(th);
    for (const seed of [63, 64]) {
      const W = randomMat(d, p, seed);
      const got = componentValues(W, th);
      for (let i = 0; i < th.rxy; i++) {
        let c = 0;
        let scale = 0;
        for (let a = 0; a < d; a++)
          for (let b = 0; b < p; b++) {
            const t = U.data[a * th.rxy + i] * W.data[a * p + b] * th.V.data[b * p + i];
            c += t;
            scale += Math.abs(t);
          }
        assert.ok(Math.abs(got[i] - c) <= 1e-14 * scale, `c_${i + 1}: ${got[i]} vs ${c}`);
      }
    }
  });

  it('distances equal ‖W − W^{k,*}‖_F from the materialized W^{k,*}, past one block of rows', () => {
    const W = randomMat(d, p, 65);
    const got = reducedRankDistancesOf(W, th.reducedRank);
    assert.equal(got.length, th.rxy + 1);
    const scale = frob(W.data) + frob(th.wStar.data);
    for (let k = 0; k <= th.rxy; k++) {
      const Wk = reducedRankSolution(th.reducedRank, k);
      const want = frob(W.data.map((x, i) => x - Wk.data[i]));
      assert.ok(Math.abs(got[k] - want) <= 1e-13 * scale, `k = ${k}: ${got[k]} vs ${want}`);
    }
  });

  it('long rows whose length is not a multiple of the four partial sums: distances equal the direct ones too', () => {
    const q = 83;
    const thq = computeTheory(problem(Sx, naiveMul(Sx, randomMat(d, q, 67))), 1e-8);
    const W = randomMat(d, q, 68);
    const got = reducedRankDistancesOf(W, thq.reducedRank);
    const scale = frob(W.data) + frob(thq.wStar.data);
    for (const k of [0, 1, Math.floor(thq.rxy / 2), thq.rxy]) {
      const Wk = reducedRankSolution(thq.reducedRank, k);
      const want = frob(W.data.map((x, i) => x - Wk.data[i]));
      assert.ok(Math.abs(got[k] - want) <= 1e-13 * scale, `p = ${q}, k = ${k}: ${got[k]} vs ${want}`);
    }
  });

  it('the distances on the WebAssembly kernel (distances.wat) are the JS loop\'s bits: rows of p ≡ 0…3 (mod 4), past one block, zero and signed-zero left entries, a NaN', () => {
    const js = (W: Mat, terms: ReducedRankTerms) => {
      distancesOptions.wasm = false;
      try {
        return reducedRankDistancesOf(W, terms);
      } finally {
        distancesOptions.wasm = true;
      }
    };
    let checked = 0;
    for (const q of [1, 2, 3, 4, 9, 83]) {
      const thq = computeTheory(problem(Sx, naiveMul(Sx, randomMat(d, q, 70 + q))), 1e-8);
      const terms = thq.reducedRank;
      // a left entry of 0 and one of −0 (no subtraction there, the row's norm kept)
      const left = Float64Array.from(terms.left.data);
      left[3 * terms.left.cols] = 0;
      left[5 * terms.left.cols + (terms.left.cols > 1 ? 1 : 0)] = -0;
      const zeroed: ReducedRankTerms = { ...terms, left: { ...terms.left, data: left } };
      for (const t of [terms, zeroed]) {
        const W = randomMat(d, q, 80 + q);
        const a = reducedRankDistancesOf(W, t), b = js(W, t);
        assert.equal(a.length, b.length);
        a.forEach((x, k) => assert.ok(Object.is(x, b[k]), `p = ${q}, k = ${k}: ${x} vs ${b[k]}`));
        checked++;
      }
    }
    const W = randomMat(d, p, 90);
    W.data[17] = NaN;
    const a = reducedRankDistancesOf(W, th.reducedRank), b = js(W, th.reducedRank);
    a.forEach((x, k) => assert.ok(Object.is(x, b[k]), `NaN, k = ${k}: ${x} vs ${b[k]}`));
    assert.equal(checked, 12);
  });

  it('on a plateau, W = W^{k,*} + Δ with ‖Δ‖ = 1e-10‖W‖: the distance to W^{k,*} is ‖Δ‖ to 1e-5 (the expansion is off by far more)', () => {
    const k = 4;
    const Wk = reducedRankSolution(th.reducedRank, k);
    const D = randomMat(d, p, 66).data;
    const scale = (1e-10 * frob(Wk.data)) / frob(D);
    const W: Mat = { rows: d, cols: p, data: Wk.data.map((x, i) => x + scale * D[i]) };
    const delta = frob(W.data.map((x, i) => x - Wk.data[i]));
    const got = reducedRankDistancesOf(W, th.reducedRank)[k];
    assert.ok(Math.abs(got - delta) <= 1e-5 * delta, `${got} vs ${delta}`);
    let ww = 0, wk = 0, kk = 0;
    for (let i = 0; i < W.data.length; i++) {
      ww += W.data[i] ** 2;
      wk += W.data[i] * Wk.data[i];
      kk += Wk.data[i] ** 2;
    }
    const expanded = Math.sqrt(Math.max(0, ww - 2 * wk + kk));
    assert.ok(Math.abs(expanded - delta) > 1e-3 * delta, `the expansion happened to keep it: ${expanded} vs ${delta}`);
  });
});
