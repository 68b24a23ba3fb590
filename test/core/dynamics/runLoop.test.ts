// The run loop of spec §2: what is recorded, and how a run stops (diverged, stopLoss, cancelled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResults } from '../../../src/core/results/check';
import { prepare, runJs } from './helpers';
import { createFloat64Engine } from '../../../src/core/dynamics/float64Engine';
import { runExperiment } from '../../../src/core/lab';

const moments = { kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0.5] };

test('records steps 0, k, 2k, … and always the last step', async () => {
  const r = await runJs({ data: moments, models: [{ depth: 2 }], optimizer: { stepSize: 0.1, steps: 25 }, record: { every: 10 } });
  assert.deepEqual(r.runs[0].steps, [0, 10, 20, 25]);
  assert.equal(r.runs[0].stopReason, 'completed');
  assert.equal(r.runs[0].stoppedAt, null);
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(r))), []);
});

test('depth-1 gd with η > 2/λ diverges at the first step whose loss exceeds 1e10 × (1 + initial loss)', async () => {
  const eta = 2.5; // |1 − ηλ| = 1.5: the error grows by 1.5 a step, the loss by 2.25
  const r = await runJs({ data: { kind: 'moments', sigmaX: [1], sigmaXY: [1] }, models: [{ depth: 1 }], init: { scheme: 'identity', delta: 30 }, optimizer: { stepSize: eta, steps: 1000 }, record: { every: 7 } });
  const run = r.runs[0];
  // scalar: w_k − 1 = (w0 − 1)(1 − η)^k, excess loss ½ (w_k − 1)²; initial loss ½ (w0 − 1)²
  const w0 = Math.exp(-30);
  const loss = (k: number) => 0.5 * ((w0 - 1) * Math.pow(1 - eta, k)) ** 2;
  let expected = 0;
  while (loss(expected) <= 1e10 * (1 + loss(0))) expected++;
  assert.equal(run.stopReason, 'diverged');
  assert.equal(run.diverged, true);
  assert.equal(run.stoppedAt, expected);
  assert.equal(run.steps[run.steps.length - 1], expected, 'the last record is the step where divergence was detected');
  assert.ok(r.diagnostics.some((d) => d.code === 'stepSize.diverges' && d.severity === 'error' && d.message.includes(`step ${expected}`)));
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(r))), []);
});

test('stopLoss stops at the first step whose loss is at or below it', async () => {
  const r = await runJs({ data: { kind: 'moments', sigmaX: [1], sigmaXY: [1] }, models: [{ depth: 1 }], init: { scheme: 'identity', delta: 30 }, optimizer: { stepSize: 0.1, steps: 1000, stopLoss: 1e-6 }, record: { every: 50 } });
  const run = r.runs[0];
  const loss = (k: number) => 0.5 * ((Math.exp(-30) - 1) * Math.pow(0.9, k)) ** 2;
  let expected = 0;
  while (loss(expected) > 1e-6) expected++;
  assert.equal(run.stopReason, 'stopLoss');
  assert.equal(run.stoppedAt, expected);
  assert.equal(run.steps[run.steps.length - 1], expected);
  assert.ok(run.loss[run.loss.length - 1] <= 1e-6);
});

test('a cancelled run keeps what it recorded and says so', async () => {
  // 200 million steps: the per-component theory is streamed, so the run starts (and stops) at once
  const t0 = performance.now();
  const prepared = await prepare({ data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [1, 0] }, models: [{ depth: 2 }, { depth: 3 }], optimizer: { stepSize: 0.01, steps: 200_000_000 }, record: { every: 100 } });
  const controller = new AbortController();
  let records = 0;
  const results = await runExperiment(prepared, {
    engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }),
    signal: controller.signal,
    yieldEveryMs: 5,
    onRecord: () => {
      if (++records === 30) controller.abort();
    },
  });
  assert.equal(results.runs.length, 1, 'the second model never starts');
  const run = results.runs[0];
  assert.equal(run.stopReason, 'cancelled');
  assert.ok(run.steps.length >= 30 && run.stoppedAt! >= 2900 && run.stoppedAt! < 200_000_000);
  assert.ok(performance.now() - t0 < 5000, `took ${performance.now() - t0} ms`);
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
});

test('gaussian init is reproducible from the seed and has no per-component theory', async () => {
  const exp = (seed: number) => ({ seed, data: moments, models: [{ depth: 3, width: 4 }], init: { scheme: 'gaussian', std: 0.1 }, optimizer: { stepSize: 0.05, steps: 50 } });
  const [a, b, c] = await Promise.all([runJs(exp(1)), runJs(exp(1)), runJs(exp(2))]);
  assert.deepEqual(a.runs[0].loss, b.runs[0].loss);
  assert.notDeepEqual(a.runs[0].loss, c.runs[0].loss);
  assert.equal(a.runs[0].scalarTheory, null);
  assert.deepEqual(a.runs[0].phaseSteps!.predicted, [null, null]);
});
