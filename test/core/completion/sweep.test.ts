// `sweep` (spec §2): one run of the experiment per value at a JSON pointer; ACHL's error against
// the number of observations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareExperiment, runExperiment } from '../../../src/core/lab';
import { checkResults } from '../../../src/core/results/check';
import { runAll, runSweep } from '../../../src/core/sweep/runSweep';
import { withValueAt } from '../../../src/core/experiment/pointer';
import { completionText, float64, noFiles } from './helpers';

const sweepText = (values: unknown[], extra: Record<string, unknown> = {}) =>
  completionText({
    data: { kind: 'completion', rows: 12, cols: 12, rank: 2, observed: 60 },
    models: [{ depth: 2 }, { depth: 3 }],
    optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps: 300 },
    sweep: { path: '/data/observed', values },
    ...extra,
  });

test('withValueAt: sets a value, creates missing objects, refuses impossible paths, leaves the source alone', () => {
  const doc = { data: { observed: 1 }, models: [{ depth: 2 }] };
  assert.deepEqual(withValueAt(doc, '/data/observed', 5), { data: { observed: 5 }, models: [{ depth: 2 }] });
  assert.deepEqual(withValueAt(doc, '/optimizer/stopLoss', 1e-6), { ...doc, optimizer: { stopLoss: 1e-6 } });
  assert.deepEqual(withValueAt(doc, '/models/0/depth', 3)?.models, [{ depth: 3 }]);
  assert.equal(withValueAt(doc, '/data/observed/x', 1), null);
  assert.equal(withValueAt(doc, '/models/5/depth', 1), null);
  assert.equal(doc.data.observed, 1);
});

test('a sweep over /data/observed: one point per value, each with every model and the baseline; the body is the last point', async () => {
  const text = sweepText([50, 80, 110]);
  const prepared = await prepareExperiment(text, noFiles);
  const labels: string[] = [];
  const points: number[] = [];
  const results = await runAll(text, prepared, {
    io: noFiles,
    engineFor: () => float64,
    onProgress: (p) => labels.includes(p.label) || labels.push(p.label),
    onPoint: (_, i) => points.push(i),
  });
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  const sweep = results.sweep!;
  assert.equal(sweep.path, '/data/observed');
  assert.deepEqual(sweep.values, [50, 80, 110]);
  assert.deepEqual(sweep.points.map((p) => p.value), [50, 80, 110]);
  assert.deepEqual(points, [0, 1, 2]);
  for (const p of sweep.points) {
    assert.deepEqual(Object.keys(p.final), ['depth 2', 'depth 3']);
    for (const e of Object.values(p.final)) assert.ok(typeof e === 'number' && e >= 0);
    assert.ok(typeof p.baseline === 'number' && p.baseline >= 0);
  }
  // the main body is the last value's run, its experiment keeps the sweep
  assert.equal(results.problem.n, 110);
  assert.deepEqual(results.experiment.sweep, { path: '/data/observed', values: [50, 80, 110] });
  assert.equal(results.runs[1].reconstructionError!.at(-1), sweep.points[2].final['depth 3']);
  assert.equal(results.baselines.nuclearNormMinimization!.reconstructionError, sweep.points[2].baseline);
  // progress names the value being run
  assert.ok(labels.includes('depth 3 · data.observed = 80'), labels.join(' | '));
  // the same M, more of it seen: the baseline's error does not grow with the observations here
  assert.ok(sweep.points[2].baseline! <= sweep.points[0].baseline! + 1e-9);
});

test('runAll without a sweep runs once; a cancelled sweep keeps the points it finished', async () => {
  const plain = completionText({
    data: { kind: 'completion', rows: 6, cols: 6, rank: 1, observed: 20 },
    models: [{ depth: 2 }],
    optimizer: { stepSize: 1, steps: 5 },
  });
  const once = await runAll(plain, await prepareExperiment(plain, noFiles), { io: noFiles, engineFor: () => float64 });
  assert.equal(once.sweep, undefined);
  assert.equal(once.runs.length, 1);

  const controller = new AbortController();
  const text = sweepText([40, 60, 80], { baseline: { nuclearNorm: false } });
  const results = await runSweep(text, {
    io: noFiles,
    engineFor: () => float64,
    signal: controller.signal,
    onPoint: (_, i) => i === 0 && controller.abort(),
  });
  assert.deepEqual(results.sweep!.points.map((p) => p.value), [40]);
  assert.equal(results.sweep!.points[0].baseline, null);
  assert.equal(results.problem.n, 40);
});

test('a sweep of the step size on moments data: the final loss per value, no reconstruction error', async () => {
  const text = JSON.stringify({
    data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [0.5, 0.1] },
    models: [{ depth: 2, label: 'two' }],
    optimizer: { stepSize: 0.1, steps: 50 },
    sweep: { path: '/optimizer/stepSize', values: [0.1, 0.2] },
    compute: { backend: 'js' },
  });
  const r = await runSweep(text, { io: noFiles, engineFor: () => float64 });
  assert.deepEqual(r.sweep!.points.map((p) => p.value), [0.1, 0.2]);
  assert.deepEqual(r.sweep!.points.map((p) => p.final.two), [null, null]);
  const [a, b] = r.sweep!.points.map((p) => p.loss!.two!);
  assert.ok(b < a, 'a larger stable step gets further in 50 steps');
  assert.equal(r.experiment.optimizer.stepSize, 0.2);
});

test('runPoint: each value is handed over prepared (the lab panel computes it in the webview); its results make the point', async () => {
  const text = sweepText([50, 80]);
  const calls: Array<{ index: number; observed: number }> = [];
  const partialPoints: number[] = [];
  const results = await runSweep(text, {
    io: noFiles,
    engineFor: () => {
      throw new Error('runPoint carries its own engine');
    },
    onRun: (partial) => void partialPoints.push(partial.sweep!.points.length),
    runPoint: async (prepared, options, index) => {
      const data = prepared.experiment!.data as { observed: number };
      calls.push({ index, observed: data.observed });
      return runExperiment(prepared, { ...options, engineFor: () => float64 });
    },
  });
  assert.deepEqual(calls, [
    { index: 0, observed: 50 },
    { index: 1, observed: 80 },
  ]);
  // the sweep's hooks reach the point: after each model the results so far, with the points finished before it
  assert.deepEqual(partialPoints, [0, 0, 1, 1]);
  assert.deepEqual(results.sweep!.points.map((p) => p.value), [50, 80]);
  assert.equal(results.sweep!.points[1].final['depth 3'], results.runs[1].reconstructionError!.at(-1));
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
});
