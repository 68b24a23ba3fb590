// Deep matrix factorization on completion (ACHL): the runs, their metrics (reconstruction error,
// singular values, Cao's escape steps) and ACHL's central claim on a small instance — depth 3
// recovers where nuclear-norm minimization does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareExperiment, runExperiment } from '../../../src/core/lab';
import { checkResults } from '../../../src/core/results/check';
import type { Results } from '../../../src/core/types';
import { completionText, float64, noFiles } from './helpers';

async function run(fields: Record<string, unknown>): Promise<Results> {
  const prepared = await prepareExperiment(completionText(fields), noFiles);
  assert.equal(prepared.refused, false, JSON.stringify(prepared.diagnostics));
  const results = await runExperiment(prepared, { engineFor: () => float64 });
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  return results;
}

const last = <T>(xs: T[]) => xs[xs.length - 1];

test('every entry observed, depth 1, gd: W − M contracts by (1 − η/|Ω|) per step, to M', async () => {
  // f = ‖W − M‖²_F/(2|Ω|) with Ω everything: gd is W ← W − (η/|Ω|)(W − M)
  const r = await run({
    data: { kind: 'completion', rows: 8, cols: 6, rank: 2, observed: 48 },
    models: [{ depth: 1 }],
    init: { scheme: 'gaussian', scale: 1e-3 },
    optimizer: { method: 'gd', stepSize: 24, steps: 60 },
    record: { every: 1 },
  });
  const errors = r.runs[0].reconstructionError as number[];
  for (let k = 1; k < 20; k++) assert.ok(Math.abs(errors[k] / errors[k - 1] - 0.25) < 1e-9, `step ${k}: squared error ratio (1 − 1/2)²`);
  assert.ok(last(errors) < 1e-30);
  assert.deepEqual(r.runs[0].excessLoss, r.runs[0].loss, 'completion: excess loss is the loss (spec §2)');
  assert.deepEqual(r.baselines.nuclearNormMinimization?.status, 'converged');
});

test('depth 1 gd: η = 0.95·2|Ω| settles, 1.05·2|Ω| diverges — where stepSize.diverges draws the line', async () => {
  const fields = (stepSize: number) => ({
    data: { kind: 'completion', rows: 10, cols: 10, rank: 2, observed: 40 },
    models: [{ depth: 1 }],
    optimizer: { method: 'gd', stepSize, steps: 400 },
    baseline: { nuclearNorm: false },
  });
  // f = ‖P_Ω(W − M)‖²/(2|Ω|) has curvature 1/|Ω|: depth-1 gd is stable iff η < 2|Ω|, |Ω| from the file itself
  const limit = 2 * fields(0).data.observed;
  const below = await run(fields(0.95 * limit));
  assert.equal(below.runs[0].stopReason, 'completed');
  assert.ok(last(below.runs[0].loss) < 1e-6);
  assert.ok(!below.diagnostics.some((d) => d.code === 'stepSize.diverges'));
  const above = await run(fields(1.05 * limit));
  assert.equal(above.runs[0].stopReason, 'diverged');
  const d = above.diagnostics.filter((x) => x.code === 'stepSize.diverges');
  assert.equal(d[0].limit, limit, 'static: 2|Ω|');
  assert.equal(d.length, 2, 'the static one and the run that diverged');
  assert.equal(above.baselines.nuclearNormMinimization, undefined, 'baseline: { nuclearNorm: false }');
});

test('20×20 rank 2, 170 observed: depth 3 recovers M (error < 1e-4), nuclear-norm minimization does not; escape steps in order', async () => {
  const r = await run({
    seed: 0,
    data: { kind: 'completion', rows: 20, cols: 20, rank: 2, observed: 170 },
    models: [{ depth: 3 }],
    init: { scheme: 'gaussian', scale: 1e-3 },
    optimizer: { method: 'grouprmsprop', stepSize: 5e-3, steps: 10000 },
    record: { every: 40 },
  });
  const deep = r.runs[0];
  const nnm = r.baselines.nuclearNormMinimization!;
  // measured at seed 0: depth 3 2.3e-6, the baseline 7.0e-2 (seeds 0–3: ≤ 2e-5 against ≥ 5e-3)
  assert.ok(last(deep.reconstructionError as number[]) < 1e-4, `depth 3: ${last(deep.reconstructionError!)}`);
  assert.ok(nnm.reconstructionError! > 1e-3, `baseline: ${nnm.reconstructionError}`);
  assert.ok(nnm.dualityGap! <= 1e-4);
  // Cao's stages: σ_1(W) escapes first, then σ_2(W), each at a recorded step (spec §2)
  const esc = deep.escapeSteps!;
  assert.equal(esc.length, 2, 'one per singular value of M above rankTol');
  assert.ok(esc.every((k) => k !== null && deep.steps.includes(k)));
  assert.ok(esc[0]! < esc[1]!, `escape steps ${esc}`);
  // and W ends with M's rank: the third singular value stays far below the second
  const sv = last(deep.singularValues);
  assert.equal(sv.length, 20);
  assert.ok(sv[2] < 1e-2 * sv[1]);
  // completion has no per-component theory (spec §2)
  assert.deepEqual([r.theory.sigma, r.theory.phaseSteps, deep.componentValues, deep.scalarTheory, deep.reducedRankDistance], [[], [], null, null, null]);
});
