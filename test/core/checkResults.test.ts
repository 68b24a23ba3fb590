// checkResults (src/core/results/check.ts) on completion's escapeSteps and a sweep's points:
// what the core writes passes, each kind of damage is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runText } from '../../src/compute/runText';
import { checkResults } from '../../src/core/results/check';
import type { Results } from '../../src/core/types';
import { completionText, noFiles } from './completion/helpers';

const text = completionText({
  data: { kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 60 },
  models: [{ depth: 2 }, { depth: 3 }],
  optimizer: { method: 'grouprmsprop', stepSize: 1e-2, steps: 400 },
  record: { every: 10 },
  sweep: { path: '/data/observed', values: [50, 70] },
});

let cached: Results | null = null;
async function sweepResults(): Promise<Results> {
  cached ??= JSON.parse(JSON.stringify(await runText(text, { io: noFiles }))) as Results;
  return JSON.parse(JSON.stringify(cached)) as Results;
}

test('the core’s completion sweep results pass: escape steps and sweep points', async () => {
  const r = await sweepResults();
  assert.deepEqual(checkResults(r), []);
  assert.equal(r.runs[0].escapeSteps!.length, 2);
  assert.ok(r.runs.some((run) => run.escapeSteps!.some((k) => k !== null)), 'something escaped');
  assert.equal(r.sweep!.points.length, 2);
  // a cancelled sweep keeps a prefix of the points
  r.sweep!.points.pop();
  assert.deepEqual(checkResults(r), []);
  // escape steps that never happened are null
  r.runs[0].escapeSteps = [null, null];
  assert.deepEqual(checkResults(r), []);
});

test('escapeSteps: a step that was not recorded, a non-step, too many entries, runs that disagree', async () => {
  const r = await sweepResults();
  const run = r.runs[0];
  const good = run.escapeSteps!;
  run.escapeSteps = [run.steps[1] + 1, null];
  assert.match(checkResults(r).join('\n'), /runs\/0\/escapeSteps\/0: step \d+ is not a recorded step/);
  run.escapeSteps = [-10, 2.5 as number];
  assert.equal(checkResults(r).filter((e) => /is not a step/.test(e)).length, 2);
  run.escapeSteps = Array(11).fill(null);
  const errors = checkResults(r).join('\n');
  assert.match(errors, /11 entries, more than min\(d, p\) = 10/);
  assert.match(errors, /runs\/\*\/escapeSteps: 11, 2 entries in different runs/);
  run.escapeSteps = 'nope' as unknown as number[];
  assert.match(checkResults(r).join('\n'), /escapeSteps: not an array/);
  run.escapeSteps = good;
  assert.deepEqual(checkResults(r), []);
});

test('sweep: points that do not align with the values, more points than values, a bad path or entry', async () => {
  const base = await sweepResults();
  const damage = (f: (s: NonNullable<Results['sweep']>, r: Results) => void) => {
    const r = JSON.parse(JSON.stringify(base)) as Results;
    f(r.sweep!, r);
    return checkResults(r).join('\n');
  };
  // points may skip grid points (a cancelled run, a shard: spec §5.5) but keep the grid's order
  assert.match(damage((s) => s.points.reverse()), /sweep\/points\/1\/values: \[50\] out of grid order/);
  assert.match(damage((s) => (s.points[0].values = [51])), /sweep\/points\/0\/values: \[51\] is not a point of the grid/);
  assert.match(damage((s) => s.points.push({ ...s.points[1] })), /3 points for 2 values/);
  assert.match(damage((s) => (s.path = 'data.observed')), /sweep\/path: "data.observed" is not a JSON pointer/);
  assert.match(damage((s) => (s.values = [])), /sweep\/values: not a non-empty array/);
  assert.match(damage((s) => delete (s as Partial<typeof s>).points), /sweep\/points: missing/);
  assert.match(damage((s) => (s.points[0].final['depth 2'] = 'x' as unknown as number)), /final\/depth 2: "x" is not a number or null/);
  assert.match(damage((s) => (s.points[1].baseline = 'y' as unknown as number)), /points\/1\/baseline/);
  assert.match(damage((_, r) => (r.experiment.sweep!.values = [50, 80])), /differ from experiment.sweep/);
  assert.match(damage((_, r) => ((r as { sweep: unknown }).sweep = null)), /sweep: not an object/);
});
