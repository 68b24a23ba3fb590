// A sweep point's runs thinned to at most SWEEP_RUN_RECORDS records (core/sweep/thin.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptRecords, SWEEP_RUN_RECORDS, thinRun } from '../../../src/core/sweep/thin';
import type { RunResult } from '../../../src/core/types';

/** A run of n records whose every per-record entry names its record (so a cut is checked entry by entry). */
function fakeRun(n: number, observed: Array<number | null>): RunResult {
  const steps = Array.from({ length: n }, (_, i) => i * 7);
  return {
    label: 'x', depth: 2, width: 2, method: 'gd', backend: 'js', precision: 'float64', wallMs: 1, diverged: false, stoppedAt: null, stopReason: 'completed',
    steps,
    loss: steps.map((s) => s + 0.5),
    excessLoss: steps.map((s) => s + 0.25),
    singularValues: steps.map((s) => [s, -s]),
    nuclearNorm: steps.map((s) => 2 * s),
    reconstructionError: null,
    reducedRankDistance: steps.map((s) => [s, s, s]),
    scalarTheory: steps.map((s) => [s, null]),
    closedForm: null,
    bounds: { lower: steps.map((s) => [s, s]), upper: steps.map((s) => [s + 1, s + 1]) },
    componentValues: steps.map((s) => [s, s]),
    phaseSteps: { predicted: [70, 700], observed },
  };
}

test('keptRecords: at most max, sorted and distinct, the first, the last and the required among them, no long gap', () => {
  for (const n of [1, 2, 299, 300, 301, 1000, 20001]) {
    const must = [5, 17, n - 2, n + 3, -1];
    const kept = keptRecords(n, must);
    assert.ok(kept.length <= SWEEP_RUN_RECORDS, `n = ${n}: ${kept.length}`);
    assert.equal(kept.length, Math.min(n, SWEEP_RUN_RECORDS));
    assert.equal(kept[0], 0);
    assert.equal(kept.at(-1), n - 1);
    assert.ok(kept.every((k, i) => i === 0 || k > kept[i - 1]), 'sorted, distinct');
    for (const m of must) if (m >= 0 && m < n) assert.ok(kept.includes(m), `n = ${n}: ${m} kept`);
    // evenly spaced: no gap much above n / max
    const gap = Math.max(...kept.slice(1).map((k, i) => k - kept[i]));
    assert.ok(gap <= Math.ceil((2 * n) / SWEEP_RUN_RECORDS) + 1, `n = ${n}: gap ${gap}`);
  }
});

test('thinRun: every per-record array cut to the same records (inside bounds too), per-component fields whole, phase-step records kept', () => {
  const run = fakeRun(5000, [70, 3507]);
  const thin = thinRun(run);
  const n = thin.steps.length;
  assert.equal(n, SWEEP_RUN_RECORDS);
  assert.equal(thin.steps[0], 0);
  assert.equal(thin.steps.at(-1), run.steps.at(-1));
  assert.ok(thin.steps.includes(70) && thin.steps.includes(3507), 'the observed phase steps are records of the thinned run');
  thin.steps.forEach((s, k) => {
    assert.equal(thin.loss[k], s + 0.5);
    assert.equal(thin.excessLoss[k], s + 0.25);
    assert.deepEqual(thin.singularValues[k], [s, -s]);
    assert.equal(thin.nuclearNorm[k], 2 * s);
    assert.deepEqual(thin.reducedRankDistance![k], [s, s, s]);
    assert.deepEqual(thin.scalarTheory![k], [s, null]);
    assert.deepEqual(thin.bounds!.upper[k], [s + 1, s + 1]);
    assert.deepEqual(thin.componentValues![k], [s, s]);
  });
  assert.deepEqual(thin.phaseSteps, run.phaseSteps);
  assert.equal(thin.wallMs, 1);
  assert.equal(run.steps.length, 5000, 'the run itself is left alone');
  // short runs come back whole
  const short = fakeRun(SWEEP_RUN_RECORDS, [70, null]);
  assert.deepEqual(thinRun(short), short);
});
