// The completion examples are well-formed and say what their comments claim about the setting
// (the full runs take minutes: their figures are in the report, not in the suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nodeDataIO } from '../../../src/core/io';
import { prepareExperiment } from '../../../src/core/lab';
import { computeBaselines, targetIsMinimizer } from '../../../src/core/baselines/index';

async function prepare(name: string) {
  const file = `examples/${name}.lnn.json`;
  return prepareExperiment(readFileSync(file, 'utf8'), nodeDataIO(file));
}

test("achl-completion: ACHL's 100×100 rank 5 with 2000 observed, depths 2–4, grouprmsprop to stopLoss, the baseline on", async () => {
  const p = await prepare('achl-completion');
  assert.deepEqual(p.diagnostics, []);
  const e = p.experiment!;
  assert.deepEqual(e.data, { kind: 'completion', rows: 100, cols: 100, rank: 5, observed: 2000 });
  assert.deepEqual(e.models.map((m) => [m.depth, m.width]), [[2, 100], [3, 100], [4, 100]]);
  assert.deepEqual(e.init, { scheme: 'gaussian', scale: 1e-4 });
  assert.equal(e.optimizer.method, 'grouprmsprop');
  assert.equal(e.optimizer.stopLoss, 5e-7);
  assert.deepEqual(e.baseline, { nuclearNorm: true });
});

test('achl-init-scale: the same setting swept over the init scale, ACHL\'s grid 1e-3 … 1e-6', async () => {
  const p = await prepare('achl-init-scale');
  assert.deepEqual(p.diagnostics, []);
  assert.deepEqual(p.experiment!.data, { kind: 'completion', rows: 100, cols: 100, rank: 5, observed: 2000 });
  assert.deepEqual(p.experiment!.sweep, { path: '/init/scale', values: [1e-3, 1e-4, 1e-5, 1e-6] });
  assert.deepEqual(p.experiment!.models.map((m) => m.depth), [2, 3]);
});

test('achl-sweep: observed 1000…5000 for depths 2 and 3', async () => {
  const p = await prepare('achl-sweep');
  assert.deepEqual(p.diagnostics, []);
  assert.deepEqual(p.experiment!.sweep, { path: '/data/observed', values: [1000, 2000, 3000, 4000, 5000] });
  assert.deepEqual(p.experiment!.models.map((m) => m.depth), [2, 3]);
});

test("achl-completion's baseline: at 2000 entries M is not the program's minimizer, so the certified optimum misses M", async () => {
  const p = await prepare('achl-completion');
  const { nuclearNormMinimization: b } = await computeBaselines(p.experiment!, p.problem!);
  assert.ok(b && b.status === 'converged' && b.dualityGap! <= 1e-4, JSON.stringify(b));
  // ‖M‖_* is well above the optimum (more than the gap and the box's slack): no solver of this program recovers M
  assert.ok(b.targetNuclearNorm! > b.nuclearNorm * 1.01, `${b.targetNuclearNorm} vs ${b.nuclearNorm}`);
  assert.equal(targetIsMinimizer(b), false);
  assert.ok(b.reconstructionError! > 1e-2 && b.reconstructionError! < 1e-1, `error ${b.reconstructionError}`);
});
