// A grid's cost (spec §5.7 over §5.5's points): every point's runs are kept, thinned to
// SWEEP_RUN_RECORDS records, and the time estimate counts every point of the grid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetDiagnostics, estimateMemory, concurrentRuns } from '../../../src/core/diagnostics/budget';
import { readExperiment } from '../../../src/core/experiment/index';
import { SWEEP_RUN_RECORDS } from '../../../src/core/sweep/thin';

const doc = (sweep: unknown, points = 1000) =>
  JSON.stringify({
    data: { kind: 'moments', sigmaX: [1, 1, 1, 1], sigmaXY: [1, 0.5, 0.2, 0.1] },
    models: [{ depth: 2 }],
    optimizer: { stepSize: 0.1, steps: 100000 },
    record: { points, spacing: 'log' },
    ...(sweep ? { sweep } : {}),
  });
const axes = (n1: number, n2: number) => ({ axes: [{ path: '/optimizer/stepSize', values: Array.from({ length: n1 }, (_, i) => 0.01 * (i + 1)) }, { path: '/init/delta', values: Array.from({ length: n2 }, (_, j) => j + 2) }] });
const dims = { d: 4, p: 4 };
const budget = { memoryBytes: 1, threads: 1 };

test('budget.memory: a grid adds every point\'s thinned runs, linear in the points, ≤ 300 records each', () => {
  const one = estimateMemory(readExperiment(doc(null)).experiment!, dims, budget).bytes;
  const small = estimateMemory(readExperiment(doc(axes(10, 10))).experiment!, dims, budget).bytes;
  const big = estimateMemory(readExperiment(doc(axes(20, 10))).experiment!, dims, budget).bytes;
  // the increments: 100 and 200 points, one run each, of the same thinned size
  const perPoint = (small - one) / 100;
  assert.ok(perPoint > 0);
  assert.ok(Math.abs((big - one) / 200 - perPoint) < 1e-6 * perPoint, 'linear in the points');
  // thinned: recording 1000 or 300 points costs the same per sweep point; 100 costs less
  const at300 = estimateMemory(readExperiment(doc(axes(10, 10), SWEEP_RUN_RECORDS)).experiment!, dims, budget).bytes;
  const at100 = estimateMemory(readExperiment(doc(axes(10, 10), 100)).experiment!, dims, budget).bytes;
  const one300 = estimateMemory(readExperiment(doc(null, SWEEP_RUN_RECORDS)).experiment!, dims, budget).bytes;
  const one100 = estimateMemory(readExperiment(doc(null, 100)).experiment!, dims, budget).bytes;
  assert.ok(Math.abs((at300 - one300) / 100 - perPoint) < 1e-6 * perPoint);
  assert.ok(Math.abs((at100 - one100) / 100 - perPoint / 3) < 1e-6 * perPoint);
  // a budget between the file alone and the grid refuses the grid only
  const between = { memoryBytes: (one + small) / 2, threads: 1 };
  assert.deepEqual(budgetDiagnostics(readExperiment(doc(null)).experiment!, dims, between).filter((d) => d.code === 'budget.memory'), []);
  assert.equal(budgetDiagnostics(readExperiment(doc(axes(10, 10))).experiment!, dims, between).filter((d) => d.code === 'budget.memory').length, 1);
});

test('budget.time and concurrency count every point of the grid', () => {
  const exp = readExperiment(doc(axes(3, 4))).experiment!;
  assert.equal(concurrentRuns(exp, 64), 12);
  assert.equal(concurrentRuns(readExperiment(doc({ path: '/init/delta', values: [1, 2] })).experiment!, 64), 2);
});
