// `sweep` (spec §2) through the job layer: one run of the experiment per value at a JSON pointer;
// ACHL's error against the number of observations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCancel } from '../../src/compute/cancel';
import { inlineExecutor } from '../../src/compute/inline';
import { runJob } from '../../src/compute/job';
import { runText } from '../../src/compute/runText';
import { checkResults } from '../../src/core/results/check';
import { withValueAt } from '../../src/core/experiment/pointer';
import { completionText, noFiles } from '../core/completion/helpers';

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
  const labels: string[] = [];
  const finished: number[] = [];  // the finished prefix's length after every task
  const results = await runText(text, {
    io: noFiles,
    hooks: {
      onProgress: (p) => labels.includes(p.progress.label) || labels.push(p.progress.label),
      onSweep: (sweep) => finished.push(sweep.points.length),
    },
  });
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  const sweep = results.sweep!;
  assert.equal(sweep.path, '/data/observed');
  assert.deepEqual(sweep.values, [50, 80, 110]);
  assert.deepEqual(sweep.points.map((p) => p.value), [50, 80, 110]);
  // the finished prefix only grows (points run at once may finish out of order), up to every value
  assert.ok(finished.every((n, i) => i === 0 || n >= finished[i - 1]), finished.join(' '));
  assert.equal(finished.at(-1), 3);
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
  assert.equal(results.complete, true);
  // progress names the value being run
  assert.ok(labels.includes('depth 3 · data.observed = 80'), labels.join(' | '));
  // the same M, more of it seen: the baseline's error does not grow with the observations here
  assert.ok(sweep.points[2].baseline! <= sweep.points[0].baseline! + 1e-9);
});

test('without a sweep the job runs once; a cancelled sweep keeps the points it finished and says it is not complete', async () => {
  const plain = completionText({
    data: { kind: 'completion', rows: 6, cols: 6, rank: 1, observed: 20 },
    models: [{ depth: 2 }],
    optimizer: { stepSize: 1, steps: 5 },
  });
  const once = await runText(plain, { io: noFiles });
  assert.equal(once.sweep, undefined);
  assert.equal(once.runs.length, 1);

  const cancel = createCancel();
  const text = sweepText([40, 60, 80], { baseline: { nuclearNorm: false } });
  const outcome = await runJob({ text, io: noFiles, out: null }, inlineExecutor(), cancel, {
    onSweep: (sweep) => sweep.points.length === 1 && cancel.cancel(),
  });
  const results = outcome.results!;
  assert.equal(outcome.cancelled, true);
  assert.equal(results.complete, false);
  assert.deepEqual(results.sweep!.points.map((p) => p.value), [40]);
  assert.equal(results.sweep!.points[0].baseline, null);
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
});

test('a sweep of the step size on moments data: the final loss per value, no reconstruction error', async () => {
  const text = JSON.stringify({
    data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [0.5, 0.1] },
    models: [{ depth: 2, label: 'two' }],
    optimizer: { stepSize: 0.1, steps: 50 },
    sweep: { path: '/optimizer/stepSize', values: [0.1, 0.2] },
    compute: { backend: 'js' },
  });
  const r = await runText(text, { io: noFiles });
  assert.deepEqual(r.sweep!.points.map((p) => p.value), [0.1, 0.2]);
  assert.deepEqual(r.sweep!.points.map((p) => p.final.two), [null, null]);
  const [a, b] = r.sweep!.points.map((p) => p.loss!.two!);
  assert.ok(b < a, 'a larger stable step gets further in 50 steps');
  assert.equal(r.experiment.optimizer.stepSize, 0.2);
});

test('each value is prepared as the file it makes: the engine pick sees every point with its own data', async () => {
  const text = sweepText([50, 80]);
  const seen: number[] = [];
  const results = await runText(text, {
    io: noFiles,
    pickEngine: (prepared) => {
      seen.push((prepared.experiment!.data as { observed: number }).observed);
      return { backend: 'js', precision: 'float64', reason: 'test' };
    },
  });
  // the file itself (its own data, before the sweep), then each value
  assert.deepEqual(seen, [(JSON.parse(text) as { data: { observed: number } }).data.observed, 50, 80]);
  assert.deepEqual(results.sweep!.points.map((p) => p.value), [50, 80]);
  assert.equal(results.sweep!.points[1].final['depth 3'], results.runs[1].reconstructionError!.at(-1));
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
});
