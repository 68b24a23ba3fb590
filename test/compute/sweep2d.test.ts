// Two-parameter sweeps (spec §5.5) through the job layer: the grid in the spec's order, equal to
// the one-axis sweeps cut from it; shards merged equal one run (spec §5.3); a cancelled sweep
// resumed equals an uninterrupted one; the merge names the points missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCancel } from '../../src/compute/cancel';
import { inlineExecutor } from '../../src/compute/inline';
import { runJob } from '../../src/compute/job';
import { runText } from '../../src/compute/runText';
import { checkResults } from '../../src/core/results/check';
import { mergeSweepParts } from '../../src/core/sweep/merge';
import { SWEEP_RUN_RECORDS } from '../../src/core/sweep/thin';
import type { Results, SweepPoint } from '../../src/core/types';
import { noFiles } from '../core/completion/helpers';

const ETAS = [0.5, 2, 4.5];
const DELTAS = [2, 5];

/** GBL Fig. 1-like moments, two components; depth 1 and 2; η × δ. */
function gridDoc(sweep: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    data: { kind: 'moments', sigmaX: [1, 1], sigmaXY: [0.4, 0.1] },
    models: [{ depth: 1 }, { depth: 2 }],
    init: { scheme: 'aligned', delta: 3 },
    optimizer: { method: 'gd', stepSize: 1, steps: 400 },
    record: { points: 120, spacing: 'log' },
    compute: { backend: 'js' },
    sweep,
    ...extra,
  };
}
const gridText = (extra: Record<string, unknown> = {}) =>
  JSON.stringify(gridDoc({ axes: [{ path: '/optimizer/stepSize', values: ETAS }, { path: '/init/delta', values: DELTAS }] }, extra));

/** Results without what spec §5.3 lets differ between two runs: wallMs, createdAt, tool. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'wallMs' && k !== 'createdAt' && k !== 'tool') out[k] = comparable(v);
    return out;
  }
  return value;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'lnn-sweep2d-'));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Results;

test('a 2-D sweep: points[i·|V2| + j] at [V1[i], V2[j]], each with the values that point runs alone; the body is the last point', async () => {
  const results = await runText(gridText(), { io: noFiles });
  assert.deepEqual(checkResults(JSON.parse(JSON.stringify(results))), []);
  const sweep = results.sweep!;
  assert.deepEqual(sweep.axes, [{ path: '/optimizer/stepSize', values: ETAS }, { path: '/init/delta', values: DELTAS }]);
  assert.equal(sweep.path, undefined, 'two axes: no one-axis path');
  assert.equal(sweep.points.length, ETAS.length * DELTAS.length);
  ETAS.forEach((eta, i) =>
    DELTAS.forEach((delta, j) => {
      const p = sweep.points[i * DELTAS.length + j];
      assert.deepEqual(p.values, [eta, delta]);
      assert.equal(p.value, eta);
    }),
  );
  // one point, run as its own file (no sweep), gives that point's numbers
  const k = 1 * DELTAS.length + 1; // η = 2, δ = 5
  const alone = await runText(JSON.stringify({ ...gridDoc(undefined as never), sweep: undefined, optimizer: { method: 'gd', stepSize: 2, steps: 400 }, init: { scheme: 'aligned', delta: 5 } }), { io: noFiles });
  const p = sweep.points[k];
  for (const run of alone.runs) {
    assert.equal(p.loss![run.label], run.loss.at(-1));
    assert.deepEqual(p.observedPhaseSteps![run.label], run.phaseSteps!.observed);
    assert.deepEqual(p.reducedRankDistance![run.label], run.reducedRankDistance!.at(-1));
    assert.equal(p.diverged![run.label], run.diverged);
    // the thinned run keeps the first and the last record
    const thin = p.runs!.find((r) => r.label === run.label)!;
    assert.ok(thin.steps.length <= SWEEP_RUN_RECORDS);
    assert.equal(thin.steps[0], run.steps[0]);
    assert.equal(thin.steps.at(-1), run.steps.at(-1));
    assert.equal(thin.loss.at(-1), run.loss.at(-1));
  }
  // the point's theory: Cor. 3's stability bound 1/(2σ1); gd's divergence bound 2/max ρ_i per label
  assert.equal(p.stepSizeBounds!.stability, 1 / (2 * 0.4));
  assert.ok(Math.abs(p.stepSizeBounds!.divergence['depth 1']! - 2 / 1) < 1e-12, 'depth 1: 2/λmax(Σx)');
  assert.ok(Math.abs(p.stepSizeBounds!.divergence['depth 2']! - 2 / (2 * 0.4)) < 1e-12, 'depth 2: ρ_1 = 2σ1 at λ = 1');
  // η = 4.5 is past gd's bound 2/ρ for depth 2 (2.5): it does not settle; η = 0.5 settles
  const settledAt = (eta: number, delta: number) => sweep.points.find((q) => q.values![0] === eta && q.values![1] === delta)!.settled!['depth 2'];
  assert.equal(settledAt(4.5, 2), false);
  assert.equal(settledAt(0.5, 2), true);
  // the body is the last point's run, its experiment that point's with the sweep
  assert.equal(results.experiment.optimizer.stepSize, ETAS.at(-1));
  assert.equal(results.experiment.init.delta, DELTAS.at(-1));
  assert.equal(results.complete, true);
});

test('a 2-D sweep equals the one-axis sweeps cut from it (same point results)', async () => {
  const grid = (await runText(gridText(), { io: noFiles })).sweep!;
  const strip = (p: SweepPoint) => comparable({ ...p, value: undefined, values: undefined });
  // a row: δ fixed, η swept; a column: η fixed, δ swept (the one-axis form)
  const row = (await runText(JSON.stringify(gridDoc({ path: '/optimizer/stepSize', values: ETAS }, { init: { scheme: 'aligned', delta: DELTAS[1] } })), { io: noFiles })).sweep!;
  assert.deepEqual(row.axes, [{ path: '/optimizer/stepSize', values: ETAS }]);
  assert.equal(row.path, '/optimizer/stepSize');
  ETAS.forEach((_, i) => assert.deepEqual(strip(row.points[i]), strip(grid.points[i * DELTAS.length + 1]), `η index ${i}`));
  const column = (await runText(JSON.stringify(gridDoc({ axes: [{ path: '/init/delta', values: DELTAS }] }, { optimizer: { method: 'gd', stepSize: ETAS[2], steps: 400 } })), { io: noFiles })).sweep!;
  DELTAS.forEach((_, j) => assert.deepEqual(strip(column.points[j]), strip(grid.points[2 * DELTAS.length + j]), `δ index ${j}`));
});

test('shards 0/2 and 1/2 merged equal one run (spec §5.3); a merge without a shard names the points missing', async () => {
  const dir = tmp();
  const single = await runJob({ text: gridText(), io: noFiles, out: join(dir, 'one.results.json') }, inlineExecutor(), createCancel());
  const parts: Results[] = [];
  for (const index of [0, 1]) {
    const out = join(dir, `g.shard-${index}-of-2.results.json`);
    const outcome = await runJob({ text: gridText(), io: noFiles, out, shard: { index, count: 2 } }, inlineExecutor(), createCancel());
    const r = readJson(out);
    assert.deepEqual(r.sweep!.points.map((p) => p.values), single.results!.sweep!.points.filter((_, k) => k % 2 === index).map((p) => p.values));
    assert.equal(r.complete, false, 'a shard is not the whole sweep');
    assert.deepEqual(r.shard, { index, count: 2, complete: true });
    assert.equal(outcome.cancelled, false);
    assert.deepEqual(checkResults(r), []);
    parts.push(r);
  }
  const merged = mergeSweepParts([{ name: 'b', results: parts[1] }, { name: 'a', results: parts[0] }]);
  assert.equal(merged.complete, true);
  assert.deepEqual(merged.missing, []);
  assert.deepEqual(comparable({ ...merged.results, complete: true }), comparable(readJson(join(dir, 'one.results.json'))));

  const half = mergeSweepParts([{ name: 'a', results: parts[0] }]);
  assert.equal(half.complete, false);
  assert.deepEqual(half.missing.map((m) => m.index), [1, 3, 5]);
  assert.deepEqual(half.missing[0].values, [ETAS[0], DELTAS[1]]);

  // a part of another experiment is refused, naming its file
  const other = await runText(gridText({ optimizer: { method: 'gd', stepSize: 1, steps: 300 } }), { io: noFiles });
  const refused = mergeSweepParts([{ name: 'a.json', results: parts[0] }, { name: 'other.json', results: other }]);
  assert.equal(refused.results, null);
  assert.match(refused.refused.join('\n'), /other\.json: the results of another experiment than a\.json/);
});

test('a cancelled sweep, resumed, equals an uninterrupted one: the points it holds are not run again', async () => {
  const dir = tmp();
  const out = join(dir, 'g.results.json');
  const whole = await runText(gridText(), { io: noFiles });
  const cancel = createCancel();
  const first = await runJob({ text: gridText(), io: noFiles, out }, inlineExecutor(), cancel, {
    onSweep: (sweep) => sweep.points.length >= 2 && cancel.cancel(),
  });
  assert.equal(first.cancelled, true);
  const partial = readJson(out);
  assert.equal(partial.complete, false);
  const held = partial.sweep!.points.length;
  assert.ok(held >= 2 && held < 6, `held ${held}`);

  const ran: number[] = [];
  let reused = -1;
  const second = await runJob({ text: gridText(), io: noFiles, out }, inlineExecutor(), createCancel(), {
    onStart: (s) => (reused = s.reused),
    onTaskDone: (point, model) => typeof model === 'number' && ran.push(point),
  });
  assert.equal(reused, held);
  assert.ok(second.notes.some((n) => n.includes(`${held} of 6 points reused`)), second.notes.join(' | '));
  const heldIndices = partial.sweep!.points.map((p) => ETAS.indexOf(p.values![0] as number) * DELTAS.length + DELTAS.indexOf(p.values![1] as number));
  assert.ok(ran.every((k) => !heldIndices.includes(k)), `ran ${ran} held ${heldIndices}`);
  assert.deepEqual(comparable(readJson(out)), comparable(JSON.parse(JSON.stringify(whole))));
  // a complete file is not resumed: --fresh aside, running again runs every point
  const ranAgain: number[] = [];
  await runJob({ text: gridText(), io: noFiles, out }, inlineExecutor(), createCancel(), { onTaskDone: (point, model) => typeof model === 'number' && ranAgain.push(point) });
  assert.equal(ranAgain.length, 12);
});

test('a resumed file of another experiment is not reused; a sweep over two axes with the same path, or both forms, is refused naming the field', async () => {
  const dir = tmp();
  const out = join(dir, 'g.results.json');
  const partial = await runText(gridText(), { io: noFiles });
  writeFileSync(out, JSON.stringify({ ...partial, complete: false }));
  let reused = -1;
  await runJob({ text: gridText({ seed: 3, optimizer: { method: 'gd', stepSize: 1, steps: 300 } }), io: noFiles, out }, inlineExecutor(), createCancel(), { onStart: (s) => (reused = s.reused) });
  assert.equal(reused, 0);
  // points written before spec §5.5 (no values, no runs) are run again
  const old = { ...partial, complete: false, sweep: { ...partial.sweep!, points: partial.sweep!.points.map(({ value, final, baseline }) => ({ value, final, baseline })) } };
  writeFileSync(out, JSON.stringify(old));
  await runJob({ text: gridText(), io: noFiles, out }, inlineExecutor(), createCancel(), { onStart: (s) => (reused = s.reused) });
  assert.equal(reused, 0);
  assert.deepEqual(comparable(readJson(out)), comparable(JSON.parse(JSON.stringify(partial))));

  const same = JSON.stringify(gridDoc({ axes: [{ path: '/init/delta', values: [1] }, { path: '/init/delta', values: [2] }] }));
  const r1 = await runJob({ text: same, io: noFiles, out: null }, inlineExecutor(), createCancel());
  assert.equal(r1.refused, true);
  assert.ok(r1.prepared.diagnostics.some((d) => d.path === '/sweep/axes/1/path'), JSON.stringify(r1.prepared.diagnostics));
  const nowhere = JSON.stringify(gridDoc({ axes: [{ path: '/init/delta', values: [1] }, { path: '/optimizer/stepSize/x', values: [2] }] }));
  const r2 = await runJob({ text: nowhere, io: noFiles, out: null }, inlineExecutor(), createCancel());
  assert.ok(r2.prepared.diagnostics.some((d) => d.path === '/sweep/axes/1/path' && /does not lead/.test(d.message)), JSON.stringify(r2.prepared.diagnostics));
  const empty = JSON.stringify(gridDoc({ axes: [{ path: '/init/delta', values: [] }] }));
  const r3 = await runJob({ text: empty, io: noFiles, out: null }, inlineExecutor(), createCancel());
  assert.ok(r3.prepared.diagnostics.some((d) => d.path === '/sweep/axes/0/values'), JSON.stringify(r3.prepared.diagnostics));
  const both = JSON.stringify(gridDoc({ path: '/init/delta', values: [1], axes: [{ path: '/init/delta', values: [2] }] }));
  const r4 = await runJob({ text: both, io: noFiles, out: null }, inlineExecutor(), createCancel());
  assert.ok(r4.prepared.diagnostics.some((d) => d.path === '/sweep/path' && /not both/.test(d.message)), JSON.stringify(r4.prepared.diagnostics));
  const three = JSON.stringify(gridDoc({ axes: [{ path: '/init/delta', values: [1] }, { path: '/seed', values: [1] }, { path: '/optimizer/steps', values: [3] }] }));
  const r5 = await runJob({ text: three, io: noFiles, out: null }, inlineExecutor(), createCancel());
  assert.ok(r5.prepared.diagnostics.some((d) => d.path === '/sweep/axes'), JSON.stringify(r5.prepared.diagnostics));
});
