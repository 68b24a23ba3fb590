import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from '../../../src/core/data/rng';
import { autoencoderProblem, drawAutoencoder, drawRegression, regressionProblem } from '../../../src/core/data/synthetic';
import { SingularValueDecomposition, Matrix } from 'ml-matrix';
import type { Mat } from '../../../src/core/types';

const AE = { kind: 'autoencoder' as const, n: 1000, d: 20, rank: 5, spectrum: [4, 2, 1, 0.5, 0.25], noise: 0.001 };
const RG = { kind: 'regression' as const, n: 500, d: 8, p: 6, rank: 3, spectrum: [3, 1.5, 0.5], noise: 0.01 };

/** Naive XᵀY/n with plain nested loops over stored rows. */
function naive(xs: number[][], ys: number[][]): number[][] {
  const n = xs.length;
  const d = xs[0].length;
  const p = ys[0].length;
  const out = Array.from({ length: d }, () => new Array(p).fill(0));
  for (let i = 0; i < d; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += xs[k][i] * ys[k][j];
    out[i][j] = s / n;
  }
  return out;
}

function assertMatClose(m: Mat, ref: number[][], tol: number): void {
  assert.equal(m.rows, ref.length);
  assert.equal(m.cols, ref[0].length);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) {
    const a = m.data[i * m.cols + j];
    assert.ok(Math.abs(a - ref[i][j]) <= tol * (1 + Math.abs(ref[i][j])), `(${i},${j}) ${a} vs ${ref[i][j]}`);
  }
}

test('autoencoder: Σx, Σxy, trΣy match a naive XᵀX/n of the same samples', () => {
  const xs: number[][] = [];
  drawAutoencoder(AE, createRng(0), (x) => xs.push(Array.from(x)));
  assert.equal(xs.length, AE.n);
  const t0 = performance.now();
  const prob = autoencoderProblem(AE, createRng(0));
  const ms = performance.now() - t0;
  assert.ok(ms < 200, `took ${ms} ms`);
  const ref = naive(xs, xs);
  assertMatClose(prob.sigmaX, ref, 1e-12);
  assertMatClose(prob.sigmaXY, ref, 1e-12);
  let tr = 0;
  for (const x of xs) for (const v of x) tr += v * v;
  assert.ok(Math.abs((prob.traceSigmaY as number) - tr / AE.n) < 1e-10 * tr);
  assert.equal(prob.n, 1000);
  assert.equal(prob.d, 20);
  assert.equal(prob.p, 20);
});

test('autoencoder: B ~ U[0,1], z ~ N(0, diag(spectrum)): covariance ≈ B diag(spectrum) Bᵀ', () => {
  const spec = { ...AE, n: 40000 };
  const B = drawAutoencoder({ ...spec, n: 0 }, createRng(5), () => {});
  for (const v of B.data) assert.ok(v >= 0 && v < 1);
  const prob = autoencoderProblem(spec, createRng(5));
  const { d, rank } = spec;
  let maxErr = 0;
  let maxRef = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let c = 0; c < rank; c++) s += B.data[i * rank + c] * spec.spectrum[c] * B.data[j * rank + c];
    maxErr = Math.max(maxErr, Math.abs(prob.sigmaX.data[i * d + j] - s));
    maxRef = Math.max(maxRef, s);
  }
  assert.ok(maxErr < 0.05 * maxRef, `max error ${maxErr} of ${maxRef}`);
});

test('autoencoder ground truth is the orthogonal projector onto span(B)', () => {
  const B = drawAutoencoder({ ...AE, n: 0 }, createRng(0), () => {});
  const P = autoencoderProblem(AE, createRng(0)).groundTruth as Mat;
  const d = AE.d;
  const Pm = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Pm.set(i, j, P.data[i * d + j]);
  const Bm = new Matrix(d, AE.rank);
  for (let i = 0; i < d; i++) for (let c = 0; c < AE.rank; c++) Bm.set(i, c, B.data[i * AE.rank + c]);
  assert.ok(Matrix.sub(Pm, Pm.transpose()).norm() < 1e-12, 'symmetric');
  assert.ok(Matrix.sub(Pm.mmul(Pm), Pm).norm() < 1e-12, 'idempotent');
  assert.ok(Matrix.sub(Pm.mmul(Bm), Bm).norm() < 1e-12 * Bm.norm(), 'fixes B');
  assert.ok(Math.abs(Pm.trace() - AE.rank) < 1e-12, 'rank = trace');
});

test('reproducible: same seed same numbers, another seed different', () => {
  const a = autoencoderProblem(AE, createRng(11));
  const b = autoencoderProblem(AE, createRng(11));
  const c = autoencoderProblem(AE, createRng(12));
  assert.deepEqual(a.sigmaX.data, b.sigmaX.data);
  assert.notDeepEqual(a.sigmaX.data, c.sigmaX.data);
  const r1 = regressionProblem(RG, createRng(11));
  const r2 = regressionProblem(RG, createRng(11));
  const r3 = regressionProblem(RG, createRng(12));
  assert.deepEqual(r1.sigmaXY.data, r2.sigmaXY.data);
  assert.deepEqual((r1.groundTruth as Mat).data, (r2.groundTruth as Mat).data);
  assert.notDeepEqual(r1.sigmaXY.data, r3.sigmaXY.data);
});

test('regression: W_true has the requested singular values; moments match the samples', () => {
  const xs: number[][] = [];
  const ys: number[][] = [];
  const w = drawRegression(RG, createRng(4), (x, y) => {
    xs.push(Array.from(x));
    ys.push(Array.from(y));
  });
  const wm = new Matrix(RG.d, RG.p);
  for (let i = 0; i < RG.d; i++) for (let j = 0; j < RG.p; j++) wm.set(i, j, w.data[i * RG.p + j]);
  const sv = new SingularValueDecomposition(wm).diagonal;
  for (let c = 0; c < RG.rank; c++) assert.ok(Math.abs(sv[c] - RG.spectrum[c]) < 1e-12, `σ${c} = ${sv[c]}`);
  for (let c = RG.rank; c < sv.length; c++) assert.ok(Math.abs(sv[c]) < 1e-12);
  const prob = regressionProblem(RG, createRng(4));
  assert.deepEqual((prob.groundTruth as Mat).data, w.data);
  assertMatClose(prob.sigmaX, naive(xs, xs), 1e-12);
  assertMatClose(prob.sigmaXY, naive(xs, ys), 1e-12);
  let tr = 0;
  for (const y of ys) for (const v of y) tr += v * v;
  assert.ok(Math.abs((prob.traceSigmaY as number) - tr / RG.n) < 1e-10 * tr);
  assert.equal(prob.p, RG.p);
});

test('regression: y = W_trueᵀx + noise, so Σxy ≈ W_true for x ~ N(0, I)', () => {
  const prob = regressionProblem({ ...RG, n: 50000 }, createRng(9));
  const w = prob.groundTruth as Mat;
  let err = 0;
  for (let k = 0; k < w.data.length; k++) err = Math.max(err, Math.abs(prob.sigmaXY.data[k] - w.data[k]));
  assert.ok(err < 0.1, `max |Σxy − W_true| = ${err}`);
});
