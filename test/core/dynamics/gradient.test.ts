// The factor gradients of gradient.ts against central finite differences of the loss, and the
// loss from the moments against ‖Y − XW‖²_F/(2n) from the raw data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GradientWorkspace, factorShapes } from '../../../src/core/dynamics/gradient';
import type { CompletionProblem, Mat, MomentsProblem } from '../../../src/core/types';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const rand = lcg(7);
const randMat = (rows: number, cols: number, scale = 1): Mat => ({ rows, cols, data: Float64Array.from({ length: rows * cols }, () => scale * rand()) });

function rawProblem(n: number, d: number, p: number) {
  const X = randMat(n, d);
  const Y = randMat(n, p);
  const sigmaX = new Float64Array(d * d);
  const sigmaXY = new Float64Array(d * p);
  let trY = 0;
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) sigmaX[i * d + j] += (X.data[s * d + i] * X.data[s * d + j]) / n;
      for (let j = 0; j < p; j++) sigmaXY[i * p + j] += (X.data[s * d + i] * Y.data[s * p + j]) / n;
    }
    for (let j = 0; j < p; j++) trY += Y.data[s * p + j] ** 2 / n;
  }
  const problem: MomentsProblem = {
    kind: 'moments', n, d, p,
    sigmaX: { rows: d, cols: d, data: sigmaX },
    sigmaXY: { rows: d, cols: p, data: sigmaXY },
    traceSigmaY: trY,
    groundTruth: null,
  };
  return { X, Y, problem };
}

function product(factors: Mat[]): Mat {
  let acc = factors[0];
  for (const f of factors.slice(1)) {
    const out = new Float64Array(acc.rows * f.cols);
    for (let i = 0; i < acc.rows; i++)
      for (let j = 0; j < f.cols; j++) {
        let s = 0;
        for (let l = 0; l < acc.cols; l++) s += acc.data[i * acc.cols + l] * f.data[l * f.cols + j];
        out[i * f.cols + j] = s;
      }
    acc = { rows: acc.rows, cols: f.cols, data: out };
  }
  return acc;
}

function checkFiniteDifferences(problem: MomentsProblem | CompletionProblem, d: number, p: number, depth: number, width: number) {
  const ws = new GradientWorkspace(problem, depth, width);
  const shapes = factorShapes(d, p, depth, width);
  const factors = shapes.map(([r, c]) => randMat(r, c, 0.8).data);
  const grads = shapes.map(([r, c]) => new Float64Array(r * c));
  ws.evaluate(factors, grads);
  const h = 1e-6;
  let worst = 0;
  for (let l = 0; l < depth; l++) {
    for (let i = 0; i < factors[l].length; i++) {
      const x = factors[l][i];
      factors[l][i] = x + h;
      const fp = ws.lossAndResidual(factors);
      factors[l][i] = x - h;
      const fm = ws.lossAndResidual(factors);
      factors[l][i] = x;
      const fd = (fp - fm) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - grads[l][i]) / Math.max(1, Math.abs(fd)));
    }
  }
  return worst;
}

for (const [depth, width] of [[1, 0], [2, 4], [2, 7], [3, 5], [4, 3]] as const) {
  test(`∇_l (GBL eq. 11) matches finite differences: moments, depth ${depth}, width ${width}`, () => {
    const { problem } = rawProblem(30, 6, 4);
    assert.ok(checkFiniteDifferences(problem, 6, 4, depth, width || 4) < 1e-7);
  });
}

test('completion gradient P_Ω(W − M)/|Ω| matches finite differences (depth 3)', () => {
  const rows = 6, cols = 5;
  const M = randMat(rows, cols);
  const mask = Uint8Array.from({ length: rows * cols }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const problem: CompletionProblem = { kind: 'completion', rows, cols, matrix: M, mask, observedCount: mask.reduce((a, b) => a + b, 0), hasGroundTruth: true };
  assert.ok(checkFiniteDifferences(problem, rows, cols, 3, 4) < 1e-7);
});

test('loss from the moments equals ‖Y − XW‖²_F/(2n) from the raw data', () => {
  const n = 40, d = 5, p = 3;
  const { X, Y, problem } = rawProblem(n, d, p);
  const ws = new GradientWorkspace(problem, 2, 4);
  const factors = [randMat(d, 4), randMat(4, p)];
  const f = ws.lossAndResidual(factors.map((m) => m.data));
  const W = product(factors);
  const XW = product([X, W]);
  let direct = 0;
  for (let i = 0; i < n * p; i++) direct += (Y.data[i] - XW.data[i]) ** 2;
  direct /= 2 * n;
  assert.ok(Math.abs(f - direct) < 1e-12 * Math.max(1, direct), `${f} vs ${direct}`);
  // and W is the product of the factors
  for (let i = 0; i < d * p; i++) assert.ok(Math.abs(ws.endToEnd[i] - W.data[i]) < 1e-13);
});
