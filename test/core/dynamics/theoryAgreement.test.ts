// The matrix dynamics against the scalar theory of spec §1, derived independently: under commuting
// moments and an aligned init each component follows its own scalar recursion / ODE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commutingMoments, maxRelDiff, runJs } from './helpers';

const base = {
  init: { scheme: 'aligned', delta: 6 },
  record: { every: 10 },
};

for (const depth of [1, 2, 3, 4]) {
  test(`gd, depth ${depth}, aligned init, commuting (non-diagonal) moments: c_i equals the scalar recursion to 1e-12`, async () => {
    const { sigmaX, sigmaXY } = commutingMoments([1.5, 1, 0.7, 0.4], [1.2, 0.5, 0.2, 0]);
    const results = await runJs({
      ...base,
      data: { kind: 'moments', sigmaX, sigmaXY },
      models: [{ depth, width: 4 }],
      optimizer: { method: 'gd', stepSize: 0.05, steps: 1500 },
    });
    const run = results.runs[0];
    assert.equal(results.theory.sigma.length, 3);
    assert.ok(run.scalarTheory, 'the aligned init has a scalar theory');
    const diff = maxRelDiff(run.componentValues!, run.scalarTheory!);
    assert.ok(diff < 1e-12, `max relative difference ${diff}`);
    // and the run really moved: the first component passed its phase transition
    const last = run.componentValues![run.componentValues!.length - 1];
    assert.ok(last[0] > 0.5 * (1.2 / 1.5), `c_1 = ${last[0]}`);
  });
}

for (const depth of [2, 3]) {
  test(`flow (RK4), depth ${depth}: matrix RK4 equals the scalar RK4 on a to 1e-12`, async () => {
    const { sigmaX, sigmaXY } = commutingMoments([1, 0.8, 0.6], [0.9, 0.3, 0.1]);
    const results = await runJs({
      ...base,
      data: { kind: 'moments', sigmaX, sigmaXY },
      models: [{ depth, width: 3 }],
      optimizer: { method: 'flow', stepSize: 0.1, steps: 800 },
    });
    const run = results.runs[0];
    assert.ok(maxRelDiff(run.componentValues!, run.scalarTheory!) < 1e-12);
  });
}

test('depth-2 flow with small h approaches the closed form of GBL eq. (16)', async () => {
  const errAt = async (h: number) => {
    const T = 40;
    const results = await runJs({
      data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [0.5, 0.2] },
      models: [{ depth: 2 }],
      init: { scheme: 'identity', delta: 5 },
      optimizer: { method: 'flow', stepSize: h, steps: Math.round(T / h) },
      record: { every: Math.round(1 / h) },
    });
    const run = results.runs[0];
    return maxRelDiff(run.componentValues!, run.closedForm!);
  };
  const coarse = await errAt(0.5);
  const fine = await errAt(0.05);
  assert.ok(fine < 1e-6, `h = 0.05: ${fine}`);
  assert.ok(fine < coarse / 100, `RK4 error shrinks like h⁴: ${coarse} → ${fine}`);
});

test('depth-1 gd equals the closed form of GBL eq. (21) exactly', async () => {
  const results = await runJs({
    data: { kind: 'moments', sigmaX: [2, 1, 0.5], sigmaXY: [1, 0.3, 0.05] },
    models: [{ depth: 1 }],
    init: { scheme: 'identity', delta: 3 },
    optimizer: { method: 'gd', stepSize: 0.3, steps: 300 },
    record: { every: 3 },
  });
  const run = results.runs[0];
  assert.ok(maxRelDiff(run.componentValues!, run.closedForm!) < 1e-13);
});

test('Thm 3 bounds sandwich the depth-2 gd run when 2ησ < 1', async () => {
  const results = await runJs({
    data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.8, 0.3, 0.1] },
    models: [{ depth: 2 }],
    init: { scheme: 'identity', delta: 8 },
    optimizer: { method: 'gd', stepSize: 0.5, steps: 1500 },
    record: { every: 5 },
  });
  const run = results.runs[0];
  let checked = 0;
  run.componentValues!.forEach((c, k) => c.forEach((ci, i) => {
    const lo = run.bounds!.lower[k][i];
    const hi = run.bounds!.upper[k][i];
    if (lo === null || hi === null) return;
    assert.ok(lo <= ci * (1 + 1e-12) && ci <= hi * (1 + 1e-12), `step ${run.steps[k]}, component ${i + 1}: ${lo} ≤ ${ci} ≤ ${hi}`);
    checked++;
  }));
  assert.ok(checked > 500);
});

test('observed phase steps of depth 2 match the predicted ones (GBL Fig. 1 moments)', async () => {
  const results = await runJs({
    data: { kind: 'moments', sigmaX: [1, 1, 1], sigmaXY: [0.1, 0.01, 0.001] },
    models: [{ depth: 1 }, { depth: 2 }],
    init: { scheme: 'identity', delta: 12 },
    optimizer: { method: 'gd', stepSize: 0.1, steps: 30000 },
    record: { every: 1 },
  });
  const two = results.runs[1];
  assert.deepEqual(two.phaseSteps!.observed, two.phaseSteps!.predicted);
  // sequential: each component at a later step than the one before, far apart (the staircase)
  const [k1, k2, k3] = two.phaseSteps!.observed as number[];
  assert.ok(k1 * 5 < k2 && k2 * 5 < k3, `${k1}, ${k2}, ${k3}`);
  // depth 1 learns all at once
  const one = results.runs[0].phaseSteps!.observed as number[];
  assert.ok(Math.max(...one) - Math.min(...one) <= 1);
  // and the closed-form phase steps of theory.phaseSteps are within 1 % of the gd ones
  results.theory.phaseSteps.forEach((k, i) => assert.ok(Math.abs(k! - two.phaseSteps!.predicted[i]!) / k! < 0.01));
});
