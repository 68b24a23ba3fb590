// Every example does what its name claims (README: "The examples").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createFloat64Engine } from '../../src/core/dynamics/float64Engine';
import { nodeDataIO } from '../../src/core/io';
import { prepareExperiment, runExperiment } from '../../src/core/lab';
import { checkResults } from '../../src/core/results/check';
import { sweepDocuments } from '../../src/core/sweep/points';
import { limitNuclearNorm } from '../../src/core/theory/limitStaircase';
import type { Results, RunResult } from '../../src/core/types';

async function prepareExample(name: string) {
  const file = `examples/${name}.lnn.json`;
  return prepareExperiment(readFileSync(file, 'utf8'), nodeDataIO(file));
}

async function runExample(name: string): Promise<Results> {
  const prepared = await prepareExample(name);
  assert.equal(prepared.refused, false, JSON.stringify(prepared.diagnostics));
  const results = await runExperiment(prepared, { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }) });
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  return results;
}

/** The smallest distance the run ever came to W^{k,*}, for each k. */
const closestApproach = (run: RunResult) => run.reducedRankDistance![0].map((_, k) => Math.min(...run.reducedRankDistance!.map((row) => row[k])));

/** First recorded step where c_i reaches `fraction` of σ_i/λ_i. */
function stepReaching(results: Results, run: RunResult, i: number, fraction: number): number {
  const target = (fraction * results.theory.sigma[i]) / results.theory.lambda[i];
  const j = run.componentValues!.findIndex((c) => c[i] >= target);
  assert.ok(j >= 0, `${run.label}: component ${i + 1} never reaches ${fraction} of σ/λ`);
  return run.steps[j];
}

/** The spacing of the records around step k: from the last recorded step before k to the first at or after it. */
function gapAt(run: RunResult, k: number): number {
  const j = run.steps.findIndex((s) => s >= k);
  return j <= 0 ? 0 : run.steps[j] - run.steps[j - 1];
}

const every = (r: Results) => (r.experiment.record as { every: number }).every;

test('GBL Fig. 1: depth 2 learns the components at the predicted steps, one after another, plateauing on each W^{k,*}; depth 1 all at once', async () => {
  const r = await runExample('gbl-fig1-moments');
  const [linear, two] = r.runs;
  // one predicted step per component of Σxy (the loop below must not pass on an empty list)
  assert.equal(two.phaseSteps!.predicted.length, r.theory.sigma.length);
  assert.equal(r.theory.sigma.length, (r.experiment.data as { sigmaXY: number[] }).sigmaXY.length, 'every diagonal entry of the file is a component');
  two.phaseSteps!.predicted.forEach((k, i) => {
    const obs = two.phaseSteps!.observed[i]!;
    assert.ok(obs >= k! && obs - k! <= gapAt(two, k!), `component ${i + 1}: predicted ${k}, observed ${obs}`);
  });
  const obs = two.phaseSteps!.observed as number[];
  assert.ok(obs[0] * 5 < obs[1] && obs[1] * 5 < obs[2]);
  assert.ok(closestApproach(two).every((d) => d < 1e-3), `depth 2 sits on every W^{k,*}: ${closestApproach(two)}`);
  const lin = linear.phaseSteps!.observed as number[];
  assert.equal(Math.max(...lin), Math.min(...lin), 'depth 1: every component at the same recorded step');
  assert.ok(closestApproach(linear)[1] > 0.05, 'depth 1 never sits on W^{1,*}');
});

test('GBL §4.2: depth 2 learns the five components in order and visits the reduced-rank solutions; depth 1 does not', async () => {
  const r = await runExample('gbl-4.2-autoencoder');
  const [linear, two] = r.runs;
  const obs = two.phaseSteps!.observed as number[];
  // the file's rank: that many components, each learned
  const rank = (r.experiment.data as { rank: number }).rank;
  assert.equal(obs.length, rank);
  assert.ok(obs.every((k) => k !== null), `every component learned: ${obs}`);
  for (let i = 1; i < rank; i++) assert.ok(obs[i] > obs[i - 1], `in order: ${obs}`);
  two.phaseSteps!.predicted.forEach((k, i) => assert.ok(Math.abs(obs[i] - k!) <= gapAt(two, k!) + 0.05 * k!, `component ${i + 1}: ${k} vs ${obs[i]}`));
  const near = closestApproach(two);
  const far = closestApproach(linear);
  for (const k of [1, 3, 4]) assert.ok(near[k] < 0.06 && near[k] < far[k] / 2, `W^{${k},*}: depth 2 ${near[k]}, depth 1 ${far[k]}`);
  // with the first transitions sampled (log-spaced records), depth 1 passes W^{1,*} at 5 % (its
  // fastest component is done ~10 steps before the next starts) but sits on none of them as depth 2 does
  assert.ok(Math.min(...far.slice(1, 5)) > 0.04, `depth 1 sits on no plateau: ${far.slice(1, 5)}`);
  assert.ok(far[1] > 20 * near[1], `W^{1,*}: depth 1 ${far[1]} against depth 2 ${near[1]}`);
  // both end at the least-squares solution; the ground truth is the rank-5 projector
  for (const run of r.runs) assert.ok(run.reconstructionError![run.reconstructionError!.length - 1]! < 1e-5);
});

test('regression with rectangular Σxy, aligned init: components follow the scalar theory and are learned in order', async () => {
  const r = await runExample('regression-rectangular-aligned');
  // the problem has the file's shape, and it is rectangular
  const data = r.experiment.data as { d: number; p: number; rank: number };
  assert.deepEqual([r.problem.d, r.problem.p], [data.d, data.p]);
  assert.notEqual(data.d, data.p);
  const two = r.runs[1];
  const obs = two.phaseSteps!.observed as number[];
  assert.ok(obs.length === data.rank && obs.every((k) => k !== null), `every one of the file's ${data.rank} components learned: ${obs}`);
  for (let i = 1; i < obs.length; i++) assert.ok(obs[i] > obs[i - 1]);
  // Δxy ≈ 0.09 here: the prediction is approximate (Thm 1–3), within 10 %
  two.phaseSteps!.predicted.forEach((k, i) => assert.ok(Math.abs(obs[i] - k!) <= every(r) + 0.1 * k!));
  assert.ok(two.reconstructionError![two.reconstructionError!.length - 1]! < 1e-6);
});

test('depth 3 and 4 next to depth 2: later and sharper steps', async () => {
  const r = await runExample('deeper-sharper-steps');
  const widths = r.runs.map((run) =>
    r.theory.sigma.map((_, i) => (stepReaching(r, run, i, 0.9) - stepReaching(r, run, i, 0.1)) / stepReaching(r, run, i, 0.5)),
  );
  for (let i = 0; i < r.theory.sigma.length; i++) {
    assert.ok(widths[1][i] < widths[0][i] / 2 && widths[2][i] < widths[1][i], `component ${i + 1}: relative widths ${widths.map((w) => w[i])}`);
    assert.ok(r.runs[0].phaseSteps!.observed[i]! < r.runs[1].phaseSteps!.observed[i]!, 'deeper leaves the plateau later');
  }
});

test('a step size that breaks the eigengap condition: the warning names i = 1, and components 1 and 2 are learned in the same few steps', async () => {
  const r = await runExample('stepsize-breaks-eigengap');
  const warning = r.diagnostics.find((d) => d.code === 'stepSize.eigengap');
  assert.ok(warning && /i = 1/.test(warning.message) && warning.limit! < r.experiment.optimizer.stepSize);
  assert.ok(!r.diagnostics.some((d) => d.code === 'stepSize.stability' || d.code === 'stepSize.diverges'));
  const run = r.runs[0];
  const gap = run.phaseSteps!.observed[1]! - run.phaseSteps!.observed[0]!;
  const width1 = stepReaching(r, run, 0, 0.9) - stepReaching(r, run, 0, 0.1);
  assert.ok(gap <= width1, `component 2 starts before component 1 has finished: gap ${gap}, width ${width1}`);
});

test('a step size that diverges: both runs stop where they diverged, with the error diagnostic', async () => {
  const r = await runExample('stepsize-diverges');
  assert.equal(r.runs.length, r.experiment.models.length, 'every model ran');
  for (const run of r.runs) {
    assert.equal(run.stopReason, 'diverged');
    assert.ok(run.stoppedAt! < r.experiment.optimizer.steps);
  }
  // the static one (before the run), then one per run that diverged
  assert.equal(r.diagnostics.filter((d) => d.code === 'stepSize.diverges' && d.severity === 'error').length, 1 + r.runs.length);
});

test('GBL Table 1, MNIST row: Δxy and Δx near the paper\'s 2.8e-2 and .70', async () => {
  const prepared = await prepareExample('gbl-table1-mnist');
  assert.ok(prepared.theory);
  const { deltaXY, deltaX } = prepared.theory;
  // the paper used the 60,000 training digits, the mnist package ships 10,000
  assert.ok(deltaXY > 0.02 && deltaXY < 0.05, `Δxy = ${deltaXY}`);
  assert.ok(deltaX > 0.6 && deltaX < 0.8, `Δx = ${deltaX}`);
  assert.ok(prepared.diagnostics.some((d) => d.code === 'assumption.commutativity'));
});

test('GBL Thm 2: the δ sweep approaches the limit staircase on τ = 2ηk/δ, closer at every larger δ', async () => {
  const text = readFileSync('examples/gbl-limit-staircase.lnn.json', 'utf8');
  // one axis: its values (spec §2's { path, values }, or spec §5.5's axes[0])
  const sweep = sweepDocuments(text) as unknown as { spec?: { values: unknown[] }; axes?: Array<{ values: unknown[] }>; documents: string[] };
  const documents = sweep.documents;
  const deltas = (sweep.axes?.[0].values ?? sweep.spec?.values) as number[];
  assert.ok(deltas.length >= 3 && deltas.every((d, i) => i === 0 || d > deltas[i - 1]), `δ increasing: ${deltas}`);
  const worst: number[] = [];
  let tauMax = Infinity;
  let lastJump = 0;
  for (const [p, doc] of documents.entries()) {
    const prepared = await prepareExperiment(doc, nodeDataIO('examples/gbl-limit-staircase.lnn.json'));
    const r = await runExperiment(prepared, { engineFor: () => ({ factory: createFloat64Engine, backend: 'js', precision: 'float64' }) });
    const run = r.runs.find((x) => x.depth === 2)!;
    const { stepSize: eta, steps } = r.experiment.optimizer;
    const jumps = r.theory.sigma.map((s) => 1 / s);
    lastJump = Math.max(...jumps);
    tauMax = Math.min(tauMax, (2 * eta * steps) / deltas[p]);
    let e = 0;
    run.steps.forEach((k, i) => {
      const tau = (2 * eta * k) / deltas[p];
      // away from the jumps (a quarter of each 1/σ_i) the limit is flat: Σ_{1/σ_i < τ} σ_i/λ_i
      if (jumps.some((j) => Math.abs(tau - j) < 0.25 * j)) return;
      e = Math.max(e, Math.abs(run.nuclearNorm[i] - limitNuclearNorm(r.theory.sigma, r.theory.lambda, tau)));
    });
    worst.push(e);
  }
  assert.ok(tauMax > 1.25 * lastJump, `the largest δ reaches past the last jump 1/σ_min = ${lastJump}: τ = ${tauMax}`);
  for (let j = 1; j < worst.length; j++) assert.ok(worst[j] < worst[j - 1] / 2, `δ = ${deltas[j]}: ${worst[j]} not well below δ = ${deltas[j - 1]}'s ${worst[j - 1]}`);
  assert.ok(worst[worst.length - 1] < 1e-2, `δ = ${deltas[deltas.length - 1]}: ${worst[worst.length - 1]}`);
});
