// A sweep point's §5.5 fields against runs whose answer is known: settled (final excess loss ≤
// 1e-6 × initial), sequential (GBL: depth 2 learns component by component at the predicted steps,
// depth 1 all at once), and the grid's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runText } from '../../../src/compute/runText';
import { gridIndex, gridValues, sweepAxes, sweepPointCount } from '../../../src/core/sweep/axes';
import { sequential, settled } from '../../../src/core/sweep/point';
import type { RunResult } from '../../../src/core/types';
import { noFiles } from '../completion/helpers';

test('gridValues: point k = i·|V2| + j at [V1[i], V2[j]]; gridIndex inverts it; one axis is its values', () => {
  const axes = [{ path: '/a', values: ['x', 'y', 'z'] }, { path: '/b', values: [1, 2] }];
  const grid = gridValues(axes);
  assert.equal(grid.length, 6);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) {
    assert.deepEqual(grid[i * 2 + j], [axes[0].values[i], axes[1].values[j]]);
    assert.deepEqual(gridIndex(axes, i * 2 + j), [i, j]);
  }
  assert.deepEqual(gridValues([{ path: '/a', values: [5, 6] }]), [[5], [6]]);
  assert.deepEqual(sweepAxes({ path: '/a', values: [1] }), [{ path: '/a', values: [1] }]);
  assert.equal(sweepPointCount({ axes }), 6);
  assert.equal(sweepPointCount(undefined), 1);
});

function withPhases(predicted: Array<number | null>, observed: Array<number | null>, extra: Partial<RunResult> = {}): RunResult {
  return { diverged: false, scalarTheory: [[0]], phaseSteps: { predicted, observed }, excessLoss: [1, 0], ...extra } as RunResult;
}

test('sequential: each observed step within 10 % of its predicted one, increasing; null without the theory', () => {
  assert.equal(sequential(withPhases([100, 1000], [100, 1090])), true);
  assert.equal(sequential(withPhases([100, 1000], [100, 1110])), false, '11 % late');
  assert.equal(sequential(withPhases([100, 1000], [100, null])), false, 'never learned');
  assert.equal(sequential(withPhases([100, 105], [100, 100])), false, 'not after the first');
  assert.equal(sequential(withPhases([100, null], [100, null])), true, 'beyond the horizon, as predicted');
  assert.equal(sequential(withPhases([100, null], [100, 900])), false, 'a transition the theory does not see');
  assert.equal(sequential(withPhases([100, 1000], [100, 1000], { diverged: true })), false);
  assert.equal(sequential(withPhases([100, 1000], [100, 1000], { scalarTheory: null })), null);
  assert.equal(sequential(withPhases([null, null], [null, null])), null);
});

test('settled: final excess loss at most 1e-6 of the initial one, never for a diverged run', () => {
  const run = (excessLoss: number[], diverged = false) => ({ excessLoss, diverged }) as RunResult;
  assert.equal(settled(run([2, 1, 2e-6])), true);
  assert.equal(settled(run([2, 1, 2.1e-6])), false);
  assert.equal(settled(run([2, 0], true)), false);
  assert.equal(settled(run([2, NaN])), false);
});

test('on GBL Fig. 1-like moments: depth 2 is sequential and settles, depth 1 learns all at once (not sequential)', async () => {
  const text = JSON.stringify({
    data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [1, 0.1, 0.01] },
    models: [{ depth: 1 }, { depth: 2 }],
    init: { scheme: 'aligned', delta: 6 },
    optimizer: { method: 'gd', stepSize: 0.05, steps: 8000 },
    record: { points: 300, spacing: 'log' },
    compute: { backend: 'js' },
    sweep: { axes: [{ path: '/optimizer/stepSize', values: [0.05] }] },
  });
  const r = await runText(text, { io: noFiles });
  const p = r.sweep!.points[0];
  assert.equal(p.sequential!['depth 2'], true, JSON.stringify(r.runs[1].phaseSteps));
  assert.equal(p.sequential!['depth 1'], false, JSON.stringify(r.runs[0].phaseSteps));
  assert.equal(p.settled!['depth 1'], true);
  // independent: the final excess loss against the first, from the full run
  const two = r.runs[1];
  assert.equal(p.settled!['depth 2'], two.excessLoss.at(-1)! <= 1e-6 * two.excessLoss[0]);
});
