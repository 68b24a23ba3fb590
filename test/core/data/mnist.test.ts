import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { loadProblem } from '../../../src/core/data/index';
import { roundRobin } from '../../../src/core/data/mnist';
import type { MomentsProblem } from '../../../src/core/types';
import { experiment, memoryIO } from './helpers';

const req = createRequire(__filename);
const loadMnist = () => req('mnist');
const io = () => ({ ...memoryIO(), loadMnist });

test('round-robin over classes, skipping exhausted ones', () => {
  assert.deepEqual(roundRobin([2, 0, 1], 10), [[0, 0], [2, 0], [0, 1]]);
  assert.deepEqual(roundRobin([2, 2], 3), [[0, 0], [1, 0], [0, 1]]);
});

test('mnist n = 100: 10 per class, pixels in [0,1], one-hot labels', async () => {
  const { problem, diagnostics } = await loadProblem(experiment({ kind: 'mnist', n: 100 }), io());
  assert.deepEqual(diagnostics, []);
  const p = problem as MomentsProblem;
  assert.deepEqual([p.n, p.d, p.p], [100, 784, 10]);
  assert.equal(p.traceSigmaY, 1); // one-hot rows have unit norm
  // Σxy[:, c] = (sum of class-c images)/n; compare with the package directly (10 per class).
  const pkg = loadMnist();
  for (let c = 0; c < 10; c++) {
    for (const j of [100, 300, 400, 500]) {
      let s = 0;
      for (let i = 0; i < 10; i++) s += pkg[c].get(i)[j];
      assert.ok(Math.abs(p.sigmaXY.data[j * 10 + c] - s / 100) < 1e-12);
    }
  }
  // Σx = XᵀX/n against a naive sum over the same 100 images, on a few entries.
  const images: number[][] = [];
  for (let i = 0; i < 10; i++) for (let c = 0; c < 10; c++) images.push(pkg[c].get(i));
  for (const [a, b] of [[300, 300], [300, 301], [400, 500], [0, 783]]) {
    const s = images.reduce((t, x) => t + x[a] * x[b], 0) / 100;
    assert.ok(Math.abs(p.sigmaX.data[a * 784 + b] - s) < 1e-12);
    assert.equal(p.sigmaX.data[a * 784 + b], p.sigmaX.data[b * 784 + a]);
  }
  let max = 0;
  for (const v of p.sigmaX.data) max = Math.max(max, v);
  assert.ok(max <= 1);
});

test('mnist n = 10000 (all digits) in well under a few seconds', async () => {
  loadMnist(); // the package's own load time is not ours
  const t0 = performance.now();
  const { problem, diagnostics } = await loadProblem(experiment({ kind: 'mnist', n: 10000 }), io());
  const ms = performance.now() - t0;
  assert.deepEqual(diagnostics, []);
  assert.equal((problem as MomentsProblem).n, 10000);
  assert.ok(ms < 3000, `${ms} ms`);
});

test('mnist center: Σx − μμᵀ', async () => {
  const raw = (await loadProblem(experiment({ kind: 'mnist', n: 200 }), io())).problem as MomentsProblem;
  const c = (await loadProblem(experiment({ kind: 'mnist', n: 200, center: true }), io())).problem as MomentsProblem;
  const mu = Array.from({ length: 784 }, (_, j) => raw.sigmaXY.data.subarray(j * 10, j * 10 + 10).reduce((s, v) => s + v, 0)); // Σ_c Σxy[j,c] = mean of pixel j
  for (const [a, b] of [[300, 400], [350, 350]]) {
    assert.ok(Math.abs(c.sigmaX.data[a * 784 + b] - (raw.sigmaX.data[a * 784 + b] - mu[a] * mu[b])) < 1e-12);
  }
});

test('missing package → data.file at /data', async () => {
  const missing = () => {
    throw new Error("Cannot find module 'mnist'");
  };
  const { problem, diagnostics } = await loadProblem(experiment({ kind: 'mnist', n: 100 }), { ...memoryIO(), loadMnist: missing });
  assert.equal(problem, null);
  assert.deepEqual([diagnostics[0].code, diagnostics[0].path], ['data.file', '/data']);
  const none = await loadProblem(experiment({ kind: 'mnist', n: 100 }), memoryIO());
  assert.deepEqual([none.diagnostics[0].code, none.diagnostics[0].path], ['data.file', '/data']);
});
