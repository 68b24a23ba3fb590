// Spec §5.4 log-spaced records against the spec's own rule worked by hand, and the every-k schedule
// against its closed form; the run loop records exactly the schedule's steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logSpacedSteps, recordSchedule, recordedSteps } from '../../../src/core/dynamics/schedule';
import { readExperiment } from '../../../src/core/experiment/index';
import type { RecordSpec } from '../../../src/core/types';
import { runJs } from './helpers';

test('log-spaced steps: 0 and steps, N distinct, ascending, each at round(steps^(j/(N−1))) or the next unused integer', () => {
  for (const [points, steps] of [[5, 10000], [50, 20000], [300, 40000], [11, 10], [12, 10], [2, 7]] as const) {
    const at = logSpacedSteps(points, steps);
    assert.equal(at.length, Math.min(points, steps + 1), `${points} points over ${steps}`);
    assert.equal(at[0], 0);
    assert.equal(at.at(-1), steps);
    assert.ok(at.every((k, i) => i === 0 || k > at[i - 1]), 'distinct and ascending');
  }
  // by hand: steps 10000, N = 5 → 10000^(1/4) = 10, ^(2/4) = 100, ^(3/4) = 1000
  assert.deepEqual(logSpacedSteps(5, 10000), [0, 10, 100, 1000, 10000]);
  // by hand: steps 100, N = 6 → 100^(0.2) = 2.51 → 3, 100^0.4 = 6.31 → 6, 15.85 → 16, 39.8 → 40
  assert.deepEqual(logSpacedSteps(6, 100), [0, 3, 6, 16, 40, 100]);
  // collisions move to the next unused integer: steps 20, N = 8 → 20^(j/7) = 1.534, 2.353, 3.611, 5.539, 8.497, 13.04 → 2, 2 → 3, 4, 6, 8, 13
  assert.deepEqual(logSpacedSteps(8, 20), [0, 2, 3, 4, 6, 8, 13, 20]);
  // N > steps + 1: every step
  assert.deepEqual(logSpacedSteps(12, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('the schedule walks the same steps, and counts them, for every and for points', () => {
  const records: RecordSpec[] = [{ every: 7 }, { every: 10 }, { points: 40, spacing: 'log' }];
  for (const record of records) {
    const steps = 1000;
    const s = recordSchedule(record, steps);
    const walked = [0];
    while (walked.at(-1)! < steps) walked.push(s.next(walked.at(-1)!));
    const expected = 'every' in record ? recordedSteps(record.every, steps) : logSpacedSteps(record.points, steps);
    assert.deepEqual(walked, expected);
    assert.equal(s.count, expected.length);
  }
});

test('a run with record.points records at the log-spaced steps; every and points together are refused', async () => {
  const steps = 3000;
  const results = await runJs({
    data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.5, 0.1, 0.02] },
    models: [{ depth: 2 }],
    init: { scheme: 'identity', delta: 6 },
    optimizer: { stepSize: 0.1, steps },
    record: { points: 60, spacing: 'log' },
  });
  assert.deepEqual(results.runs[0].steps, logSpacedSteps(60, steps));
  assert.deepEqual(results.experiment.record, { points: 60, spacing: 'log' });
  const both = readExperiment(JSON.stringify({ data: { kind: 'moments', sigmaX: [1], sigmaXY: [1] }, models: [{ depth: 1 }], optimizer: { stepSize: 0.1, steps: 10 }, record: { every: 2, points: 5, spacing: 'log' } }));
  assert.ok(both.diagnostics.some((d) => d.severity === 'error' && d.path === '/record/points'), JSON.stringify(both.diagnostics));
  const lone = readExperiment(JSON.stringify({ data: { kind: 'moments', sigmaX: [1], sigmaXY: [1] }, models: [{ depth: 1 }], optimizer: { stepSize: 0.1, steps: 10 }, record: { points: 5 } }));
  assert.ok(lone.diagnostics.some((d) => d.severity === 'error'), 'points without spacing');
});
